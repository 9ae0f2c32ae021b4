"""年度双向评价 (满意度测评): at year end the community and each member unit rate each other.

Who takes part in alliance A's year Y:

- *the community* is A's 社区 member seated during Y (the 牵头 one first, then the rotation
  order, should there be several) — the same category rule as ``core.commitments.parties``;
- *the member units* are A's other members seated during Y: joined on or before 12-31,
  not left before 01-01. A unit seated twice that year is listed once.

A rating is an ``Evaluation`` row with ``year`` set and ``commitment_id`` NULL, one per
(year, rater, ratee); rating again replaces it. Its score is ``RATING_SCORES[rating]``
(满意 100, 基本满意 80, 不满意 40) and the rates come from ``core.commitments.rates``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from alliance_desk.core.commitments import RatingCounts, rating_comment_error
from alliance_desk.core.errors import ConflictError, DomainError, NotFoundError
from alliance_desk.core.text import clean_text
from alliance_desk.core.validation import length_error
from alliance_desk.core.vocab import RATING_SCORES, MembershipRole, Rating, UnitCategory
from alliance_desk.services.commitments.rating import COMMENT_LIMIT
from alliance_desk.services.commitments.records import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.storage.models import Alliance, Evaluation, Membership, Unit

FIRST_YEAR = 1950
"""Below this a year is a typing slip, not an alliance's history."""


@dataclass(frozen=True, slots=True)
class YearRating:
    """One side's rating of the other for the year."""

    id: int
    rating: Rating
    score: int
    comment: str
    rated_on: date
    version: int


@dataclass(frozen=True, slots=True)
class YearRatingLine:
    """A member unit and both ratings between it and the community, side by side."""

    unit_id: int
    unit_name: str
    category: UnitCategory
    joined_on: date
    left_on: date | None
    by_community: YearRating | None
    """The community's rating of this unit."""
    of_community: YearRating | None
    """This unit's rating of the community."""


@dataclass(frozen=True, slots=True)
class YearRatingSummary:
    """Counts per level in each direction; the rates are ``RatingCounts``' (core)."""

    by_community: RatingCounts
    """社区对单位: the community's ratings of the member units."""
    of_community: RatingCounts
    """单位对社区: the member units' ratings of the community."""
    unit_count: int

    @property
    def total(self) -> RatingCounts:
        return self.by_community + self.of_community

    @property
    def expected(self) -> int:
        """Ratings a complete year has: two per member unit."""
        return 2 * self.unit_count

    @property
    def satisfaction_rate(self) -> float | None:
        return self.total.satisfaction_rate


@dataclass(frozen=True, slots=True)
class YearRatingSheet:
    alliance_id: int
    alliance_name: str
    year: int
    community_id: int | None
    """None when no 社区 sat in the alliance that year (nobody can rate then)."""
    community_name: str
    lines: tuple[YearRatingLine, ...]
    summary: YearRatingSummary

    def line_of(self, unit_id: int) -> YearRatingLine | None:
        return next((line for line in self.lines if line.unit_id == unit_id), None)


@dataclass(frozen=True, slots=True)
class YearRatingChoices:
    """What the dialog offers: every alliance (id, name, active) and the years to pick."""

    alliances: tuple[tuple[int, str, bool], ...]
    years: tuple[int, ...]
    """Newest first, from the first year anyone joined an alliance to this year."""
    default_year: int


def default_rating_year(today: date) -> int:
    """The year a clerk most likely rates: this one in December, else the last one."""
    return today.year if today.month == 12 else today.year - 1


def summarize(lines: Iterable[YearRatingLine]) -> YearRatingSummary:
    lines = tuple(lines)
    return YearRatingSummary(
        by_community=RatingCounts.of(x.by_community.rating for x in lines if x.by_community),
        of_community=RatingCounts.of(x.of_community.rating for x in lines if x.of_community),
        unit_count=len(lines),
    )


def _check_year(year: int, today: date) -> None:
    if year < FIRST_YEAR or year > 9998:
        raise DomainError(f"年度“{year}”不正确。", field="year")
    if year > today.year:
        raise DomainError(f"{year} 年尚未到来，不能进行年度评价。", field="year")


# --- reading -------------------------------------------------------------------------------


def rating_choices(db: Database) -> YearRatingChoices:
    today = local_today()
    with db.reading() as session:
        alliances = tuple(
            (int(i), str(name), bool(active))
            for i, name, active in session.execute(
                select(Alliance.id, Alliance.name, Alliance.active).order_by(
                    Alliance.active.desc(), Alliance.id
                )
            )
        )
        first = session.scalar(select(func.min(Membership.joined_on)))
    start = max(FIRST_YEAR, first.year if first is not None else today.year)
    default = default_rating_year(today)
    years = tuple(range(today.year, min(start, default) - 1, -1))
    return YearRatingChoices(alliances, years, default)


def year_rating_sheet(db: Database, *, alliance_id: int, year: int) -> YearRatingSheet:
    """Every member unit of the alliance in ``year`` with both sides' ratings."""
    _check_year(year, local_today())
    with db.reading() as session:
        return _sheet(session, alliance_id, year)


@dataclass(frozen=True, slots=True)
class _Seat:
    unit_id: int
    name: str
    category: UnitCategory
    role: MembershipRole
    joined_on: date
    left_on: date | None


def _seats(session: Session, alliance_id: int, year: int) -> list[_Seat]:
    """Seats overlapping ``year``, one per unit (its earliest join, its latest leaving)."""
    rows = session.execute(
        select(
            Unit.id,
            Unit.name,
            Unit.category,
            Membership.role,
            Membership.joined_on,
            Membership.left_on,
        )
        .join(Unit, Unit.id == Membership.unit_id)
        .where(
            Membership.alliance_id == alliance_id,
            Membership.joined_on <= date(year, 12, 31),
            or_(Membership.left_on.is_(None), Membership.left_on >= date(year, 1, 1)),
        )
        .order_by(Membership.rotation_order, Membership.id)
    ).all()
    seats: dict[int, _Seat] = {}
    for unit_id, name, category, role, joined, left in rows:
        seat = _Seat(unit_id, name, UnitCategory(category), MembershipRole(role), joined, left)
        before = seats.get(unit_id)
        if before is not None:
            seat = _merge(before, seat)
        seats[unit_id] = seat
    return list(seats.values())


def _merge(first: _Seat, second: _Seat) -> _Seat:
    """One seat for a unit that sat twice in the year: the span of both, 牵头 if either was."""
    lead = MembershipRole.LEAD in (first.role, second.role)
    left = (
        None
        if first.left_on is None or second.left_on is None
        else max(first.left_on, second.left_on)
    )
    return _Seat(
        first.unit_id,
        first.name,
        first.category,
        MembershipRole.LEAD if lead else first.role,
        min(first.joined_on, second.joined_on),
        left,
    )


def _community(seats: list[_Seat]) -> _Seat | None:
    communities = [s for s in seats if s.category is UnitCategory.COMMUNITY]
    leads = [s for s in communities if s.role is MembershipRole.LEAD]
    return (leads or communities or [None])[0]


def _year_ratings(
    session: Session, year: int, community_id: int, unit_ids: list[int]
) -> dict[tuple[int, int], Evaluation]:
    """(rater, ratee) → the latest rating between the community and these units."""
    if not unit_ids:
        return {}
    rows = session.scalars(
        select(Evaluation)
        .where(
            Evaluation.commitment_id.is_(None),
            Evaluation.year == year,
            or_(
                and_(
                    Evaluation.rater_unit_id == community_id,
                    Evaluation.ratee_unit_id.in_(unit_ids),
                ),
                and_(
                    Evaluation.ratee_unit_id == community_id,
                    Evaluation.rater_unit_id.in_(unit_ids),
                ),
            ),
        )
        .order_by(Evaluation.id)
    )
    return {(e.rater_unit_id, e.ratee_unit_id): e for e in rows}


def _entry(row: Evaluation | None) -> YearRating | None:
    if row is None:
        return None
    return YearRating(row.id, Rating(row.rating), row.score, row.comment, row.rated_on, row.version)


def _sheet(session: Session, alliance_id: int, year: int) -> YearRatingSheet:
    alliance = session.get(Alliance, alliance_id)
    if alliance is None:
        raise NotFoundError("该联盟不存在，可能已被删除，请刷新后重试。")
    seats = _seats(session, alliance_id, year)
    community = _community(seats)
    units = [s for s in seats if s.category is not UnitCategory.COMMUNITY]
    ratings = (
        _year_ratings(session, year, community.unit_id, [s.unit_id for s in units])
        if community is not None
        else {}
    )
    lines = tuple(
        YearRatingLine(
            s.unit_id,
            s.name,
            s.category,
            s.joined_on,
            s.left_on,
            by_community=_entry(ratings.get((community.unit_id, s.unit_id))) if community else None,
            of_community=_entry(ratings.get((s.unit_id, community.unit_id))) if community else None,
        )
        for s in units
    )
    return YearRatingSheet(
        alliance.id,
        alliance.name,
        year,
        community.unit_id if community else None,
        community.name if community else "",
        lines,
        summarize(lines),
    )


# --- writing -------------------------------------------------------------------------------


def rate_year(
    db: Database,
    *,
    alliance_id: int,
    year: int,
    rater_unit_id: int,
    ratee_unit_id: int,
    rating: Rating | str,
    comment: str,
    rated_on: date,
    expected_version: int | None = None,
) -> YearRatingSheet:
    """Save (or replace) ``rater_unit_id``'s rating of ``ratee_unit_id`` for ``year``.

    One of the two is the alliance's community that year, the other one of its member
    units. ``rating`` may be a ``Rating`` or its value (a form's combo box gives the
    value, or "" when nothing was chosen). ``expected_version`` is the version of that
    side's rating when the clerk edits one (None skips the check); a stale one raises
    ``ConflictError``. Returns the sheet as saved.
    """
    today = local_today()
    if rating not in Rating._value2member_map_:
        raise DomainError("请选择评价：满意、基本满意或不满意。", field="rating")
    level = Rating(rating)
    text = clean_text(comment)
    problem = length_error(text, "评语", COMMENT_LIMIT, multiline=True) or (
        rating_comment_error(level, text)
    )
    if problem:
        raise DomainError(f"{problem}。", field="comment")
    _check_year(year, today)
    if rated_on > today:
        raise DomainError(f"评价日期不能晚于今天（{today:%Y-%m-%d}）。", field="rated_on")
    if rated_on < date(year, 1, 1):
        raise DomainError(f"{year} 年度的评价日期不能早于 {year}-01-01。", field="rated_on")
    with db.transaction() as session:
        sheet = _sheet(session, alliance_id, year)
        names = _check_pair(session, sheet, rater_unit_id, ratee_unit_id)
        evaluation = _load_rating(
            session, year, rater_unit_id, ratee_unit_id, expected_version, names
        )
        if evaluation is None:
            evaluation = Evaluation(
                commitment_id=None,
                year=year,
                rater_unit_id=rater_unit_id,
                ratee_unit_id=ratee_unit_id,
            )
            session.add(evaluation)
        evaluation.rating = level
        evaluation.score = RATING_SCORES[level]
        evaluation.comment = text
        evaluation.rated_on = rated_on
        session.flush()
        return _sheet(session, alliance_id, year)


def _check_pair(
    session: Session, sheet: YearRatingSheet, rater_unit_id: int, ratee_unit_id: int
) -> tuple[str, str]:
    """(rater name, ratee name) when the two are the community and a member unit."""
    community = sheet.community_id
    if community is None:
        raise DomainError(
            f"{sheet.year} 年本联盟没有社区成员，无法进行社区与成员单位的年度互评。",
            field="rater_unit_id",
        )
    if rater_unit_id == ratee_unit_id:
        raise DomainError("评价方与被评价方不能是同一单位。", field="ratee_unit_id")
    members = {line.unit_id: line.unit_name for line in sheet.lines}
    if rater_unit_id == community:
        unit_id, field, role = ratee_unit_id, "ratee_unit_id", "被评价方"
    elif ratee_unit_id == community:
        unit_id, field, role = rater_unit_id, "rater_unit_id", "评价方"
    else:
        raise DomainError(
            f"年度互评须在社区“{sheet.community_name}”与成员单位之间进行，"
            "评价方或被评价方之一应为该社区。",
            field="rater_unit_id",
        )
    if unit_id not in members:
        name = session.scalar(select(Unit.name).where(Unit.id == unit_id))
        if name is None:
            raise NotFoundError(f"{role}不存在，可能已被删除，请刷新后重试。")
        raise DomainError(f"{role}“{name}”{sheet.year} 年不是本联盟的成员单位。", field=field)
    if rater_unit_id == community:
        return sheet.community_name, members[ratee_unit_id]
    return members[rater_unit_id], sheet.community_name


def _load_rating(
    session: Session,
    year: int,
    rater_unit_id: int,
    ratee_unit_id: int,
    expected_version: int | None,
    names: tuple[str, str],
) -> Evaluation | None:
    """That side's rating for the year (None when there is none yet), checked against
    ``expected_version`` (``None``: the clerk saw none, so an existing one is a conflict);
    stray duplicates (two clerks adding the same side at once) go."""
    rows = session.scalars(
        select(Evaluation)
        .where(
            Evaluation.commitment_id.is_(None),
            Evaluation.year == year,
            Evaluation.rater_unit_id == rater_unit_id,
            Evaluation.ratee_unit_id == ratee_unit_id,
        )
        .order_by(Evaluation.id)
    ).all()
    if not rows:
        if expected_version is not None:
            raise NotFoundError("该评价已不存在，可能已被他人删除，请重新载入。")
        return None
    rater, ratee = names
    if expected_version is None:  # the clerk saw no rating: one saved meanwhile is kept
        raise ConflictError(f"“{rater}”对“{ratee}”的 {year} 年度评价")
    evaluation = load_for_edit(
        session,
        Evaluation,
        rows[-1].id,
        expected_version,
        missing="该评价已不存在，可能已被他人删除，请重新载入。",
        what=lambda _row: f"“{rater}”对“{ratee}”的 {year} 年度评价",
    )
    for stray in rows[:-1]:
        session.delete(stray)
    return evaluation
