"""年终考核 services: weights, indicators from the other modules, ballots, surveys, caps,
grades and ranks, sign-off lock with an audited unlock, the xlsx that recomputes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from alliance_desk.core.assessment import (
    AdjustmentKind,
    Grade,
    GradeMode,
    GradeRule,
    VoteCounts,
)
from alliance_desk.core.errors import DomainError
from alliance_desk.core.projects import AcceptanceGrade, InspectionMethod, ProjectCategory
from alliance_desk.core.vocab import AuditAction, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.assessment import indicators as ind
from alliance_desk.services.assessment import results as rs
from alliance_desk.services.assessment import setup as st
from alliance_desk.services.assessment.xlsx import write_assessment_xlsx
from alliance_desk.services.projects import milestones as ms
from alliance_desk.services.projects import records as pr
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.storage.models import AssessmentYear, AuditEntry

YEAR = 2025
TODAY = date(2025, 12, 20)


@pytest.fixture
def units(db: Database) -> list[int]:
    return [
        create_unit(db, UnitInput(name=name, category=UnitCategory.GOVERNMENT)).unit.id
        for name in ("甲局", "乙局", "丙公司")
    ]


def _accepted_project(db: Database, unit: int, grade: AcceptanceGrade) -> int:
    from alliance_desk.core.projects import ProjectStep, ReviewResult

    pid = pr.declare_project(
        db,
        pr.ProjectInput(
            "项目",
            ProjectCategory.PUBLIC_SERVICE,
            "书记",
            "",
            unit,
            "",
            "",
            "",
            date(YEAR, 3, 1),
            date(YEAR, 10, 31),
        ),
    )

    def version() -> int:
        return pr.get_project(db, pid, today=TODAY).version

    pr.review_project(db, pid, result=ReviewResult.PASSED, comment="", on=TODAY, version=version())
    pr.move_project(db, pid, ProjectStep.START, version=version())
    pr.move_project(db, pid, ProjectStep.REQUEST_ACCEPTANCE, version=version())
    pr.accept_project(db, pid, grade=grade, comment="", on=TODAY, version=version())
    return pid


def test_registry_offers_only_built_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = [i.key for i in ind.offered()]
    assert keys == [
        "attendance",
        "on_time",
        "two_way",
        "project",
        "inspection",
        "review",
        "survey",
        "four_lists_claim",
        "four_lists_completion",
        "workday_report",
        "workday_hours",
    ]
    assert sum(i.default_weight for i in ind.offered()) == 100
    future = ind.Indicator(
        "four_lists",
        "四项清单认领率",
        "认领率",
        "四项清单",
        lambda *a: {},
        requires="alliance_desk.services.no_such_module",
    )
    monkeypatch.setattr(ind, "INDICATORS", (*ind.INDICATORS, future))
    assert "four_lists" not in [i.key for i in ind.offered()]
    for i in ind.offered():
        assert i.formula and i.source and i.name


def test_weights_are_checked_and_saved_per_year(db: Database, units: list[int]) -> None:
    setup = st.assessment_setup(db, YEAR)
    assert not setup.weights_saved and sum(w.weight for w in setup.weights) == 100
    with pytest.raises(DomainError, match="之和应为 100"):
        st.save_weights(db, YEAR, {"attendance": 50, "survey": 40})
    with pytest.raises(DomainError, match="没有这些考核指标"):
        st.save_weights(db, YEAR, {"nonsense": 100})
    st.save_weights(db, YEAR, {"project": 50, "survey": 50})
    setup = st.assessment_setup(db, YEAR)
    assert setup.weights_saved
    assert {w.indicator.key: w.weight for w in setup.weights}["project"] == 50
    assert st.assessment_setup(db, YEAR + 1).weights_saved is False


def test_results_ballots_surveys_caps_grades_ranks(db: Database, units: list[int]) -> None:
    a, b, _c = units
    st.save_weights(db, YEAR, {"project": 40, "review": 30, "survey": 30})
    project_a = _accepted_project(db, a, AcceptanceGrade.EXCELLENT)
    _accepted_project(db, b, AcceptanceGrade.PASS)
    groups = st.ensure_rater_groups(db, YEAR)
    assert [g.name for g in groups] == ["上级", "党员代表", "居民代表", "成员单位"]
    top = groups[0]
    st.save_rater_group(
        db, YEAR, name="上级", weight=100, issued=50, group_id=top.id, version=top.version
    )
    for g in groups[1:]:
        st.delete_rater_group(db, g.id, version=g.version)
    sheet = st.tally_sheet(db, top.id)
    assert [line.unit_name for line in sheet.lines] == ["丙公司", "甲局", "乙局"]  # bing, jia, yi
    with pytest.raises(DomainError, match="多于收回票数"):
        st.save_tally_sheet(
            db,
            top.id,
            returned=40,
            votes={a: VoteCounts(30, 10, 5, 0)},
            version=sheet.group.version,
        )
    with pytest.raises(DomainError, match="多于发出票数"):
        st.save_tally_sheet(db, top.id, returned=60, votes={}, version=sheet.group.version)
    st.save_tally_sheet(
        db,
        top.id,
        returned=50,
        votes={a: VoteCounts(30, 10, 5, 5), b: VoteCounts(10, 10, 10, 20)},
        version=sheet.group.version,
    )
    st.save_survey(
        db, YEAR, unit_id=a, participants=100, satisfied=80, basically_satisfied=10, unsatisfied=10
    )
    with pytest.raises(DomainError, match="超过参评人数"):
        st.save_survey(
            db, YEAR, unit_id=b, participants=10, satisfied=8, basically_satisfied=3, unsatisfied=0
        )
    with pytest.raises(DomainError, match="不是该单位领办的"):
        st.save_survey(
            db,
            YEAR,
            unit_id=b,
            project_id=project_a,
            participants=5,
            satisfied=5,
            basically_satisfied=0,
            unsatisfied=0,
        )
    # a survey of 甲's project counts for 甲: (80 + 9 + 10 + 0) / 110 = 90 % as before
    st.save_survey(
        db,
        YEAR,
        unit_id=a,
        project_id=project_a,
        participants=10,
        satisfied=9,
        basically_satisfied=0,
        unsatisfied=1,
    )
    st.save_survey(
        db, YEAR, unit_id=b, participants=50, satisfied=30, basically_satisfied=5, unsatisfied=15
    )
    st.add_adjustment(db, YEAR, unit_id=b, kind=AdjustmentKind.BONUS, points=3, reason="获市级表彰")
    st.add_adjustment(
        db,
        YEAR,
        unit_id=a,
        kind=AdjustmentKind.VETO,
        points=0,
        reason="发生重大安全事故",
        cap=Grade.FAIR,
    )
    report = rs.assess_year(db, YEAR, today=TODAY)
    by_name = {line.unit_name: line for line in report.lines}
    la, lb, lc = by_name["甲局"], by_name["乙局"], by_name["丙公司"]
    # 甲: project 100 × 40 % + review 82 × 30 % + survey 90 × 30 % = 40 + 24.6 + 27 = 91.6
    assert la.total == pytest.approx(91.6)
    assert la.grade is Grade.FAIR and la.cap is Grade.FAIR and la.rank == 1
    # 乙: 70 × .4 + (10 + 8 + 6)/50 × 100 = 48 × .3 + 70 × .3 + 3 = 28 + 14.4 + 21 + 3 = 66.4
    assert lb.total == pytest.approx(66.4) and lb.grade is Grade.FAIR and lb.bonus == 3
    assert lc.total == 0 and lc.grade is Grade.POOR and lc.rank == 3
    assert lc.parts[0].detail.startswith("无数据")
    card = rs.scorecard(db, YEAR, a, today=TODAY)
    assert card.total == la.total and card.rank is None and card.grade is Grade.FAIR
    assert any("一票否决" in r for r in card.reasons)
    st.save_grade_rule(
        db, YEAR, GradeRule(mode=GradeMode.QUOTAS, excellent_quota=34, good_quota=33, fair_from=60)
    )
    report = rs.assess_year(db, YEAR, today=TODAY)
    grades = {line.unit_name: line.grade for line in report.lines}
    # 甲 is capped and takes no quota: of the 2 free units one may be 优秀 (34 % of 2 → 0)
    assert grades == {"甲局": Grade.FAIR, "乙局": Grade.FAIR, "丙公司": Grade.POOR}
    st.save_grade_rule(
        db, YEAR, GradeRule(mode=GradeMode.QUOTAS, excellent_quota=50, good_quota=50, fair_from=60)
    )
    (second,) = [x for x in rs.assess_year(db, YEAR, today=TODAY).lines if x.unit_name == "乙局"]
    assert second.grade is Grade.EXCELLENT  # first of the two free units; 66.4 by score lines
    card = rs.scorecard(db, YEAR, second.unit_id, today=TODAY)
    assert (card.grade, card.rank, card.total) == (second.grade, second.rank, second.total)


def test_sign_off_freezes_and_unlock_is_audited(
    db: Database, units: list[int], tmp_path: Path
) -> None:
    a, b, _c = units
    st.save_weights(db, YEAR, {"inspection": 50, "survey": 50})
    st.save_survey(
        db, YEAR, unit_id=a, participants=10, satisfied=10, basically_satisfied=0, unsatisfied=0
    )
    ms.add_inspection(
        db,
        ms.InspectionInput(
            date(YEAR, 5, 1), InspectionMethod.RECORDS, "台账不全", "补齐", None, None, b
        ),
    )
    before = rs.assess_year(db, YEAR, today=TODAY)
    assert {x.unit_name: x.total for x in before.lines} == {"甲局": 100, "乙局": 0, "丙公司": 50}
    setup = st.assessment_setup(db, YEAR)
    count = rs.sign_off(db, YEAR, by="李主任", today=TODAY, version=setup.version)
    assert count == 3
    with pytest.raises(DomainError, match="已签发锁定"):
        st.save_survey(
            db, YEAR, unit_id=b, participants=10, satisfied=10, basically_satisfied=0, unsatisfied=0
        )
    with pytest.raises(DomainError, match="已签发锁定"):
        st.save_weights(db, YEAR, {"survey": 100})
    frozen = rs.assess_year(db, YEAR, today=date(2026, 3, 1))
    assert frozen.frozen and [x.total for x in frozen.lines] == [x.total for x in before.lines]
    assert rs.scorecard(db, YEAR, a, today=TODAY).rank == 1
    path = write_assessment_xlsx(
        frozen, st.ballot_lines(db, YEAR), st.list_surveys(db, YEAR), tmp_path / "kh.xlsx"
    )
    _recompute_from_workbook(path)
    locked = st.assessment_setup(db, YEAR)
    assert locked.locked and locked.signed_off_by == "李主任"
    with pytest.raises(DomainError, match="解锁原因"):
        rs.unlock(db, YEAR, reason=" ", version=locked.version)
    rs.unlock(db, YEAR, reason="乙局整改材料补报", version=locked.version)
    assert not st.assessment_setup(db, YEAR).locked
    with db.reading() as session:
        year_id = session.scalar(select(AssessmentYear.id).where(AssessmentYear.year == YEAR))
        changes = session.execute(
            select(AuditEntry.action, AuditEntry.after).where(
                AuditEntry.entity == "assessment_year", AuditEntry.entity_id == year_id
            )
        ).all()
    assert any(
        a is AuditAction.UPDATE and after.get("unlock_reason") == "乙局整改材料补报"
        for a, after in changes
    )


def _recompute_from_workbook(path: Path) -> None:
    book = openpyxl.load_workbook(path, read_only=True)
    weights = {
        row[0]: row[1]
        for row in book["指标权重"].iter_rows(min_row=2, values_only=True)
        if row[0] != "合计"
    }
    rows = list(book["综合考核结果"].iter_rows(values_only=True))
    header = rows[0]
    for row in rows[1:]:
        values = dict(zip(header, row, strict=False))
        parts = sum(w * (values[name] or 0) for name, w in weights.items()) / 100
        expected = parts + (values["加分"] or 0) - (values["扣分"] or 0)
        assert values["综合分"] == pytest.approx(expected, abs=0.01)
