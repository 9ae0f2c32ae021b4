"""年度双向评价: who rates whom in a year, the rules, replacing, stale versions, the summary."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from test_commitments_support import World, make, world

from alliance_desk.core.commitments import satisfaction_rate
from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError
from alliance_desk.core.vocab import AuditAction, Rating, UnitCategory
from alliance_desk.core.vocab import CommitmentState as S
from alliance_desk.services import Database
from alliance_desk.services import year_ratings as yr
from alliance_desk.services.alliances import add_members, end_membership, get_alliance
from alliance_desk.services.commitments import rate, transition
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.storage.models import AuditEntry, Evaluation

__all__ = ["world"]

TODAY = date(2026, 12, 20)
YEAR = 2025


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yr, "local_today", lambda: TODAY)


def _rate(db: Database, world: World, **changes: Any) -> yr.YearRatingSheet:
    """社区甲 rates 民政局 满意 for 2025 in 一联盟, unless told otherwise."""
    values: dict[str, Any] = {
        "alliance_id": world.one,
        "year": YEAR,
        "rater_unit_id": world.community_a,
        "ratee_unit_id": world.bureau,
        "rating": Rating.SATISFIED,
        "comment": "积极参与社区治理",
        "rated_on": date(YEAR, 12, 28),
    }
    values.update(changes)
    return yr.rate_year(db, **values)


def _refused(db: Database, world: World, field: str, **changes: Any) -> str:
    with pytest.raises(DomainError) as caught:
        _rate(db, world, **changes)
    assert caught.value.field == field, caught.value.message
    return caught.value.message


def _year_rows(db: Database) -> int:
    with db.reading() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Evaluation).where(Evaluation.year.is_not(None))
            )
            or 0
        )


def test_the_sheet_lists_the_member_units_with_nothing_rated_yet(
    db: Database, world: World
) -> None:
    sheet = yr.year_rating_sheet(db, alliance_id=world.one, year=YEAR)
    assert (sheet.alliance_name, sheet.community_id, sheet.community_name) == (
        "一联盟",
        world.community_a,
        "社区甲",
    )
    assert [line.unit_name for line in sheet.lines] == ["民政局", "兴业公司"]
    assert all(x.by_community is None and x.of_community is None for x in sheet.lines)
    assert sheet.summary.expected == 4
    assert sheet.summary.total.total == 0
    assert sheet.summary.satisfaction_rate is None  # no ratings: no figure, not 0 %


def test_both_sides_rated_are_shown_side_by_side(db: Database, world: World) -> None:
    _rate(db, world)
    sheet = _rate(
        db,
        world,
        rater_unit_id=world.bureau,
        ratee_unit_id=world.community_a,
        rating=Rating.BASICALLY_SATISFIED,
        comment="活动场地协调及时",
        rated_on=date(2026, 1, 8),  # rating the past year early in the next one is fine
    )
    line = sheet.line_of(world.bureau)
    assert line is not None
    assert line.by_community is not None and line.of_community is not None
    assert (line.by_community.rating, line.by_community.score) == (Rating.SATISFIED, 100)
    assert line.by_community.comment == "积极参与社区治理"
    assert (line.of_community.rating, line.of_community.score) == (Rating.BASICALLY_SATISFIED, 80)
    assert line.of_community.rated_on == date(2026, 1, 8)
    firm = sheet.line_of(world.firm)
    assert firm is not None and firm.by_community is None and firm.of_community is None
    # the other alliance (社区乙 with 民政局) has its own community: nothing shows there
    other = yr.year_rating_sheet(db, alliance_id=world.two, year=YEAR)
    assert other.community_name == "社区乙"
    assert [(x.unit_name, x.by_community, x.of_community) for x in other.lines] == [
        ("民政局", None, None)
    ]
    # ...nor in another year
    assert yr.year_rating_sheet(db, alliance_id=world.one, year=2024).summary.total.total == 0


def test_rating_again_replaces_that_side(db: Database, world: World) -> None:
    first = _rate(db, world).line_of(world.bureau)
    assert first is not None and first.by_community is not None
    again = _rate(
        db,
        world,
        rating=Rating.UNSATISFIED,
        comment="承诺的志愿服务未落实",
        rated_on=date(2026, 1, 5),
        expected_version=first.by_community.version,
    ).line_of(world.bureau)
    assert again is not None and again.by_community is not None
    assert again.by_community.id == first.by_community.id
    assert again.by_community.version == first.by_community.version + 1
    assert (again.by_community.rating, again.by_community.score) == (Rating.UNSATISFIED, 40)
    assert again.by_community.comment == "承诺的志愿服务未落实"
    assert again.by_community.rated_on == date(2026, 1, 5)
    assert _year_rows(db) == 1


def test_a_stale_version_is_refused_and_keeps_the_other_clerks_rating(
    db: Database, world: World
) -> None:
    line = _rate(db, world).line_of(world.bureau)
    assert line is not None and line.by_community is not None
    _rate(db, world, rating=Rating.BASICALLY_SATISFIED, expected_version=line.by_community.version)
    with pytest.raises(ConflictError) as caught:
        _rate(db, world, rating=Rating.SATISFIED, expected_version=line.by_community.version)
    assert "社区甲" in caught.value.message and "民政局" in caught.value.message
    kept = yr.year_rating_sheet(db, alliance_id=world.one, year=YEAR).line_of(world.bureau)
    assert kept is not None and kept.by_community is not None
    assert kept.by_community.rating is Rating.BASICALLY_SATISFIED


def test_editing_a_rating_that_is_gone_says_so(db: Database, world: World) -> None:
    with pytest.raises(NotFoundError):
        _rate(db, world, expected_version=1)


def test_stray_duplicates_of_one_side_are_folded_into_one(db: Database, world: World) -> None:
    """Two clerks adding the same side at the same moment leave two rows; the next save
    keeps one (there is no unique key on year ratings)."""
    _rate(db, world)
    with db.transaction() as session:
        session.add(
            Evaluation(
                year=YEAR,
                rater_unit_id=world.community_a,
                ratee_unit_id=world.bureau,
                rating=Rating.UNSATISFIED,
                score=40,
                comment="重复",
                rated_on=date(YEAR, 12, 29),
            )
        )
    shown = yr.year_rating_sheet(db, alliance_id=world.one, year=YEAR).line_of(world.bureau)
    assert shown is not None and shown.by_community is not None
    assert shown.by_community.comment == "重复"  # the latest one shows
    with pytest.raises(ConflictError):  # a clerk who saw no rating replaces none
        _rate(db, world, rating=Rating.SATISFIED, comment="")
    seen = shown.by_community.version
    _rate(db, world, rating=Rating.SATISFIED, comment="", expected_version=seen)
    assert _year_rows(db) == 1


def test_only_the_community_and_a_member_unit_rate_each_other(db: Database, world: World) -> None:
    message = _refused(
        db, world, "rater_unit_id", rater_unit_id=world.bureau, ratee_unit_id=world.firm
    )
    assert "社区甲" in message
    message = _refused(db, world, "ratee_unit_id", ratee_unit_id=world.outsider)
    assert "外来单位" in message and "不是本联盟的成员单位" in message
    # 社区乙 leads the other alliance, not this one
    _refused(
        db, world, "rater_unit_id", rater_unit_id=world.community_b, ratee_unit_id=world.bureau
    )
    message = _refused(
        db, world, "ratee_unit_id", rater_unit_id=world.community_a, ratee_unit_id=world.community_a
    )
    assert "同一单位" in message
    # 兴业公司 sits in 一联盟 only: rating 社区乙 in 二联盟 is refused
    _refused(
        db,
        world,
        "rater_unit_id",
        alliance_id=world.two,
        rater_unit_id=world.firm,
        ratee_unit_id=world.community_b,
    )
    with pytest.raises(NotFoundError):
        _rate(db, world, alliance_id=999_999)
    assert _year_rows(db) == 0


def test_the_year_and_the_date_must_make_sense(db: Database, world: World) -> None:
    assert "尚未到来" in _refused(db, world, "year", year=TODAY.year + 1)
    _refused(db, world, "year", year=0)
    assert "不能晚于今天" in _refused(db, world, "rated_on", rated_on=date(2026, 12, 21))
    assert "2025-01-01" in _refused(db, world, "rated_on", rated_on=date(2024, 12, 31))
    assert _year_rows(db) == 0
    # the current year can be rated (in December), on today at the latest
    sheet = _rate(db, world, year=TODAY.year, rated_on=TODAY)
    line = sheet.line_of(world.bureau)
    assert line is not None and line.by_community is not None
    with pytest.raises(DomainError):
        yr.year_rating_sheet(db, alliance_id=world.one, year=TODAY.year + 1)


def test_unsatisfied_needs_a_comment_and_an_unknown_level_is_refused(
    db: Database, world: World
) -> None:
    message = _refused(db, world, "comment", rating=Rating.UNSATISFIED, comment="  ")
    assert "不满意" in message
    _refused(db, world, "comment", comment="长" * 1001)
    _refused(db, world, "rating", rating="excellent")
    assert _year_rows(db) == 0
    _rate(db, world, rating=Rating.UNSATISFIED, comment="年内两次活动未到场")
    _rate(db, world, rater_unit_id=world.firm, ratee_unit_id=world.community_a, comment="")
    assert _year_rows(db) == 2


def test_members_are_the_units_seated_during_the_year(db: Database, world: World) -> None:
    newcomer = create_unit(db, UnitInput(name="新来公司", category=UnitCategory.STATE_ENTERPRISE))
    add_members(db, world.one, [newcomer.unit.id], joined_on=date(2026, 6, 1))
    seat = next(m for m in get_alliance(db, world.one).members if m.unit_id == world.firm)
    end_membership(db, seat.membership_id, date(2025, 3, 1), expected_version=seat.version)

    names_2025 = [
        x.unit_name for x in yr.year_rating_sheet(db, alliance_id=world.one, year=2025).lines
    ]
    names_2026 = [
        x.unit_name for x in yr.year_rating_sheet(db, alliance_id=world.one, year=2026).lines
    ]
    assert names_2025 == ["民政局", "兴业公司"]  # 兴业公司 sat two months of 2025
    assert names_2026 == ["民政局", "新来公司"]
    firm_2025 = yr.year_rating_sheet(db, alliance_id=world.one, year=2025).line_of(world.firm)
    assert firm_2025 is not None and firm_2025.left_on == date(2025, 3, 1)
    _rate(db, world, ratee_unit_id=world.firm)  # 2025: still a member that year
    message = _refused(
        db, world, "ratee_unit_id", year=2026, ratee_unit_id=world.firm, rated_on=TODAY
    )
    assert "2026" in message


def test_summary_counts_each_direction_with_the_core_formula(db: Database, world: World) -> None:
    """Hand-computed: 社区→单位 满意 1, 不满意 1 → 1/2 = 50 %; 单位→社区 基本满意 1,
    满意 1 → 2/2 = 100 %; both directions 3/4 = 75 %. A commitment's rating and another
    year's rating do not count."""
    _rate(db, world, ratee_unit_id=world.bureau, rating=Rating.SATISFIED)
    _rate(db, world, ratee_unit_id=world.firm, rating=Rating.UNSATISFIED, comment="未履约")
    _rate(
        db,
        world,
        rater_unit_id=world.bureau,
        ratee_unit_id=world.community_a,
        rating=Rating.BASICALLY_SATISFIED,
    )
    _rate(db, world, rater_unit_id=world.firm, ratee_unit_id=world.community_a)
    _rate(db, world, year=2024, rated_on=date(2024, 12, 30), rating=Rating.UNSATISFIED, comment="x")
    commitment = make(db, world)
    commitment = transition(
        db, commitment.id, S.ACCEPTED, on=date(2026, 1, 6), expected_version=commitment.version
    )
    commitment = transition(
        db, commitment.id, S.FULFILLED, on=date(2026, 2, 1), expected_version=commitment.version
    )
    rate(
        db,
        commitment.id,
        rater_unit_id=world.community_a,
        rating=Rating.UNSATISFIED,
        comment="未按期",
        rated_on=date(2026, 2, 2),
    )

    summary = yr.year_rating_sheet(db, alliance_id=world.one, year=YEAR).summary
    assert (summary.by_community.satisfied, summary.by_community.basically_satisfied,
            summary.by_community.unsatisfied) == (1, 0, 1)  # fmt: skip
    assert (summary.of_community.satisfied, summary.of_community.basically_satisfied,
            summary.of_community.unsatisfied) == (1, 1, 0)  # fmt: skip
    assert summary.by_community.satisfaction_rate == pytest.approx(0.5)
    assert summary.of_community.satisfaction_rate == pytest.approx(1.0)
    assert summary.satisfaction_rate == pytest.approx(0.75)
    assert summary.satisfaction_rate == satisfaction_rate(2, 1, 1)
    assert (summary.total.total, summary.expected) == (4, 4)


def test_every_save_is_audited(db: Database, world: World) -> None:
    line = _rate(db, world).line_of(world.bureau)
    assert line is not None and line.by_community is not None
    _rate(db, world, rating=Rating.BASICALLY_SATISFIED, expected_version=line.by_community.version)
    with db.reading() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "evaluation", AuditEntry.entity_id == line.by_community.id)
            .order_by(AuditEntry.id)
        ).all()
        assert [e.action for e in entries] == [AuditAction.INSERT, AuditAction.UPDATE]
        assert entries[0].actor == "测试员"
        assert entries[1].after is not None and entries[1].after["rating"] == "basically_satisfied"


def test_choices_offer_every_alliance_and_the_years_up_to_now(db: Database, world: World) -> None:
    choices = yr.rating_choices(db)
    assert [name for _id, name, _active in choices.alliances] == ["一联盟", "二联盟"]
    assert choices.years[0] == TODAY.year and choices.years[-1] == 2020
    assert choices.default_year == 2026  # December: this year
    assert yr.default_rating_year(date(2026, 11, 30)) == 2025
