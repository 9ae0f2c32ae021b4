from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import AuditAction, ChairPeriod, ChairTermState, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services import rotation as rota
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.clock import local_today
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.storage.models import AuditEntry

YEAR_START, YEAR_END = date(2026, 1, 1), date(2026, 12, 31)


def _alliance(db: Database, name: str, units: list[int], joined: date = date(2020, 1, 1)) -> int:
    alliance_id = create_alliance(
        db, AllianceInput(name=name, chair_period=ChairPeriod.QUARTER)
    ).alliance.id
    add_members(db, alliance_id, units, joined_on=joined)
    return alliance_id


def _units(db: Database, *names: str) -> list[int]:
    return [
        create_unit(db, UnitInput(name=n, category=UnitCategory.GOVERNMENT)).unit.id for n in names
    ]


def _planned(db: Database) -> list[rota.TermRow]:
    rota.save_plan(db, rota.preview_plan(db, start=YEAR_START, end=YEAR_END))
    return rota.list_terms(db)


def test_plan_preview_writes_nothing_and_save_writes_the_rota(db: Database) -> None:
    ids = _units(db, "人民医院", "民政局", "方志办", "行政审批局")
    _alliance(db, "一联盟", ids)
    preview = rota.preview_plan(db, start=YEAR_START, end=YEAR_END)
    assert len(preview.plan.terms) == 4
    assert rota.list_terms(db) == []
    terms = _planned(db)
    assert [t.unit_name for t in terms] == ["人民医院", "民政局", "方志办", "行政审批局"]
    assert all(t.explanation == "按轮值顺序" for t in terms)
    assert rota.current_chairs(db, date(2026, 5, 1)) == {terms[0].alliance_id: "民政局"}


def test_save_refuses_a_stale_preview(db: Database) -> None:
    ids = _units(db, "甲", "乙", "丙")
    _alliance(db, "一联盟", ids)
    terms = _planned(db)
    preview = rota.preview_plan(db, start=YEAR_START, end=YEAR_END)
    rota.set_locked(db, terms[0].id, True, expected_version=terms[0].version)
    with pytest.raises(ConflictError):
        rota.save_plan(db, preview)


def test_swap_needs_a_reason_is_audited_and_survives_replanning(db: Database) -> None:
    ids = _units(db, "甲", "乙", "丙", "丁")
    _alliance(db, "一联盟", ids)
    first, second, *_ = _planned(db)
    with pytest.raises(DomainError, match="原因"):
        rota.swap_terms(db, first.id, second.id, reason=" ", expected_versions=(1, 1))
    rota.swap_terms(db, first.id, second.id, reason="甲单位换届", expected_versions=(1, 1))
    rota.save_plan(db, rota.preview_plan(db, start=YEAR_START, end=YEAR_END))
    terms = rota.list_terms(db)
    assert [t.unit_name for t in terms[:2]] == ["乙", "甲"]
    assert {t.state for t in terms[:2]} == {ChairTermState.SWAPPED}
    assert terms[0].change_reason == "甲单位换届"
    with db.reading() as session:
        updates = session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "chair_term", AuditEntry.action == AuditAction.UPDATE
            )
        ).all()
    swapped = [e for e in updates if e.after and e.after.get("state") == "swapped"]
    assert {e.entity_id for e in swapped} == {first.id, second.id}
    assert all(e.actor == "测试员" for e in swapped)


def test_swap_that_breaks_a_rule_is_refused(db: Database) -> None:
    a, b, c, d = _units(db, "甲", "乙", "丙", "丁")
    _alliance(db, "一联盟", [a, b])
    _alliance(db, "二联盟", [c, d, a])
    _planned(db)
    first = rota.list_terms(db, alliance_id=1)
    # 甲 chairs 一联盟 in Q1 and Q3; 二联盟's Q3 term (甲's turn there) moves to avoid it.
    other = rota.list_terms(db, alliance_id=2)
    q1_other = other[0]
    assert q1_other.unit_name == "丙"
    with pytest.raises(DomainError, match="已担任一联盟轮值主席"):
        rota.swap_terms(
            db,
            q1_other.id,
            next(t for t in other if t.unit_name == "甲").id,
            reason="测试",
            expected_versions=(1, 1),
        )
    assert [t.unit_name for t in rota.list_terms(db, alliance_id=1)] == [t.unit_name for t in first]


def test_mark_served_skipped_and_lock(db: Database) -> None:
    ids = _units(db, "甲", "乙", "丙", "丁")
    _alliance(db, "一联盟", ids)
    q1, q2, q3, _q4 = _planned(db)
    with pytest.raises(DomainError, match="尚未开始"):
        rota.mark_served(db, q3.id, expected_version=1, today=date(2026, 5, 1))
    rota.mark_served(db, q1.id, expected_version=1, today=date(2026, 5, 1))
    with pytest.raises(DomainError, match="原因"):
        rota.mark_skipped(db, q2.id, reason="", expected_version=1)
    rota.mark_skipped(db, q2.id, reason="单位搬迁", expected_version=1)
    rota.set_locked(db, q3.id, True, expected_version=1)
    terms = {t.id: t for t in rota.list_terms(db)}
    assert terms[q1.id].state is ChairTermState.SERVED
    assert (terms[q2.id].state, terms[q2.id].change_reason) == (ChairTermState.SKIPPED, "单位搬迁")
    assert terms[q3.id].locked
    with pytest.raises(DomainError, match="不能解除锁定"):
        rota.set_locked(db, q1.id, False, expected_version=terms[q1.id].version)


def test_alliance_list_shows_the_current_chair(db: Database) -> None:
    from alliance_desk.services.alliances import list_alliances

    ids = _units(db, "甲", "乙", "丙", "丁")
    _alliance(db, "一联盟", ids)
    _planned(db)
    today = local_today()
    expected = rota.current_chairs(db, today).get(1, "")
    assert list_alliances(db)[0].current_chair == expected


def test_term_years_span_the_stored_rota(db: Database) -> None:
    assert rota.term_years(db) == []
    _alliance(db, "一联盟", _units(db, "甲", "乙"))
    rota.save_plan(db, rota.preview_plan(db, start=date(2024, 5, 1), end=YEAR_END))
    assert rota.term_years(db) == [2024, 2025, 2026]


def test_demo_rota_obeys_the_rules(db: Database) -> None:
    from itertools import combinations

    from alliance_desk.core.rotation import period_of
    from alliance_desk.core.rotation.periods import overlaps
    from alliance_desk.services.alliances import get_alliance
    from alliance_desk.services.demo import generate_demo

    generate_demo(db)
    terms = rota.list_terms(db)
    states = {t.state for t in terms}
    assert states == set(ChairTermState)
    assert all(
        t.change_reason
        for t in terms
        if t.state is not ChairTermState.PLANNED and t.state is not ChairTermState.SERVED
    )
    seats: dict[int, list] = {}
    for term in terms:
        if term.alliance_id not in seats:
            seats[term.alliance_id] = list(get_alliance(db, term.alliance_id).members)
        if term.unit_id is None or term.state is ChairTermState.SKIPPED:
            continue
        assert any(
            m.unit_id == term.unit_id
            and m.chair_eligible
            and m.joined_on <= term.period_start
            and (m.left_on is None or m.left_on >= term.period_end)
            for m in seats[term.alliance_id]
        ), term
    chairing = [t for t in terms if t.unit_id is not None and t.state is not ChairTermState.SKIPPED]
    by_unit: dict[int, list[rota.TermRow]] = {}
    for term in chairing:
        by_unit.setdefault(term.unit_id, []).append(term)  # type: ignore[arg-type]
    for unit_terms in by_unit.values():
        for a, b in combinations(unit_terms, 2):
            if a.alliance_id != b.alliance_id:
                assert not overlaps(
                    period_of(a.period_start, a.period_end), period_of(b.period_start, b.period_end)
                ), (a, b)
    replan = rota.preview_plan(db, start=date(2026, 11, 27), end=date(2027, 12, 31))
    assert replan.plan.changes == ()
