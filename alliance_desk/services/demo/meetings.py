"""联席会议 in the demo: every alliance meets once per chair period (the cadence its
charter states: 每月 / 每季度 / 每半年 / 每年) from January of the first demo year,
and has exactly one meeting after ``DEMO_TODAY``, drafted or notified.

Each meeting obeys the meeting services' rules: numbers 第1次.. follow time without
gaps; the day is a working day by the app's calendar, the time in office hours; the
host is the chair of that day (``chair_on``), or, when the chair was skipped, the lead
community with a note; agenda items are presented by members; a held meeting has every
member unit's attendance, minutes with a paragraph per item, and 2–4 decisions that
became commitments. The review item (上次议定事项落实情况) is on the agenda exactly when
the services would have offered it at scheduling: the alliance had open commitments.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from alliance_desk.core.meetings import agenda_timing
from alliance_desk.core.rotation.periods import Period, next_period, period_containing
from alliance_desk.core.vocab import (
    AgendaKind,
    AgendaOrigin,
    AttendanceState,
    ChairPeriod,
    MeetingState,
)
from alliance_desk.services.demo import meeting_texts as texts
from alliance_desk.services.demo import people
from alliance_desk.services.demo.audit import Trail
from alliance_desk.services.demo.commitments import CommitmentMaker, Life
from alliance_desk.services.demo.common import DEMO_TODAY, Row, draw_int, pick
from alliance_desk.services.demo.context import AllianceContext
from alliance_desk.services.demo.decisions import make_decisions
from alliance_desk.services.demo.timeline import Workdays, local_moment
from alliance_desk.services.meetings.agenda import ACTION_REVIEW_MINUTES, ACTION_REVIEW_TITLE
from alliance_desk.storage.models import Meeting

ENTITY = Meeting.__tablename__
TODAY = DEMO_TODAY
FIRST_MEETING_FROM = date(DEMO_TODAY.year - 2, 1, 1)

NOTICE_AHEAD = 30
"""The next meeting is notified when it is at most this many days away, else a draft."""
SKIPPED_CHAIR_NOTE = "本期轮值主席单位经联席会议同意不担任，由牵头社区主持。"
WITHDRAW_REASONS = (
    "会议时间与市里集中会议冲突，调整会议时间后重新通知",
    "会场临时调整，撤回通知修改会议地点",
    "根据成员单位意见增加议题，撤回通知修改议程",
)
_KINDS = (
    (0.35, AgendaKind.BRIEFING),
    (0.65, AgendaKind.DISCUSSION),
    (0.85, AgendaKind.CONSULTATION),
    (1.0, AgendaKind.REVIEW),
)
_MORNING_END, _AFTERNOON_END = 12 * 60, 17 * 60 + 30


@dataclass
class _Item:
    title: str
    kind: AgendaKind
    presenter: Row
    minutes: int
    origin: AgendaOrigin = AgendaOrigin.PROPOSED
    reached: bool = True
    summary: str = ""
    plan_year: int | None = None
    """Set on the item that discusses a year's work plan."""


@dataclass
class _Previous:
    day: date
    not_reached: list[_Item] = field(default_factory=list)


def meeting_day(rng: random.Random, days: Workdays, period: Period) -> date:
    """A working day in the part of the period an alliance of that cadence meets in."""
    start, end = period.start, period.end
    first, last = {
        ChairPeriod.MONTH: (start + timedelta(days=5), start + timedelta(days=23)),
        ChairPeriod.QUARTER: (start + timedelta(days=20), end - timedelta(days=10)),
        ChairPeriod.HALF_YEAR: (start + timedelta(days=60), end - timedelta(days=10)),
        ChairPeriod.YEAR: (end - timedelta(days=21), end - timedelta(days=4)),
    }[period.kind]
    day = days.between(rng, first, last)
    return days.on_or_after(day + timedelta(days=1)) if day == TODAY else day


def _kind(rng: random.Random) -> AgendaKind:
    draw = rng.random()
    return next(kind for cut, kind in _KINDS if draw < cut)


class MeetingMaker:
    def __init__(self, rows_maker: CommitmentMaker, days: Workdays) -> None:
        self.commitments = rows_maker
        self.rows = rows_maker.rows
        self.days = days

    def run(self, rng: random.Random, context: AllianceContext, lives: list[Life]) -> None:
        """All meetings of one alliance, up to and including its next one."""
        period = period_containing(
            ChairPeriod(context.alliance["chair_period"]), FIRST_MEETING_FROM
        )
        previous: _Previous | None = None
        number = 0
        while True:
            day = meeting_day(rng, self.days, period)
            number += 1
            previous = self._meeting(rng, context, number, day, period, previous, lives)
            if day > TODAY:
                return
            period = next_period(period)

    # --- one meeting ------------------------------------------------------------------
    def _meeting(
        self,
        rng: random.Random,
        context: AllianceContext,
        number: int,
        day: date,
        period: Period,
        previous: _Previous | None,
        lives: list[Life],
    ) -> _Previous:
        rows, days = self.rows, self.days
        members = context.members_on(day)
        chair = context.chair_on(day)
        host = next((u for u in members if u["id"] == chair), context.lead)
        earliest = days.on_or_after(
            previous.day + timedelta(days=1) if previous else day - timedelta(days=40)
        )
        created = min(
            max(earliest, days.between(rng, day - timedelta(days=28), day - timedelta(days=12))),
            TODAY,
            day,
        )
        items = self._agenda(rng, context, members, host, day, period, created, previous, lives)
        hour, minute = pick(rng, texts.START_TIMES)
        starts_at = local_moment(day, hour, minute)
        _fit(items, (_MORNING_END if hour < 12 else _AFTERNOON_END) - hour * 60 - minute)
        row: Row = {
            "id": rows.next_id(rows.meetings),
            "alliance_id": context.id,
            "sequence_no": number,
            "starts_at": starts_at,
            "place": texts.place(rng, host["name"], context.lead["name"]),
            "host_unit_id": host["id"],
            "host_note": "" if chair is not None else SKIPPED_CHAIR_NOTE,
            "contact": f"{host['liaison']} {host['phone']}",
            "state": MeetingState.DRAFT,
            "state_reason": "",
            "notice_issued_on": None,
            "version": 1,
        }
        rows.meetings.append(row)
        trail = rows.audit.trail(rng, context.actor, ENTITY, kept=context.audited)
        trail.inserted(created, row)
        if day <= TODAY:
            notified = days.between(rng, day - timedelta(days=10), day - timedelta(days=3))
        elif (day - TODAY).days <= NOTICE_AHEAD:
            notified = days.between(rng, day - timedelta(days=NOTICE_AHEAD), TODAY)
        else:
            notified = day  # too far ahead: still a draft
        notified = max(created, notified)
        if notified <= TODAY:
            row["notice_issued_on"] = notified
            _step(row, trail, notified, MeetingState.NOTIFIED)
            if day <= TODAY and rng.random() < 0.03 and (day - notified).days >= 3:
                _withdraw_and_renotify(rng, row, trail, notified)
        if day > TODAY:
            self._write_agenda(row["id"], items)
            return _Previous(day)
        return self._held(rng, context, row, trail, members, host, items, previous, lives)

    # --- agenda -----------------------------------------------------------------------
    def _agenda(
        self,
        rng: random.Random,
        context: AllianceContext,
        members: list[Row],
        host: Row,
        day: date,
        period: Period,
        created: date,
        previous: _Previous | None,
        lives: list[Life],
    ) -> list[_Item]:
        items: list[_Item] = []
        if any(life.open_on(created) for life in lives):
            items.append(
                _Item(
                    ACTION_REVIEW_TITLE,
                    AgendaKind.BRIEFING,
                    host,
                    ACTION_REVIEW_MINUTES,
                    AgendaOrigin.ACTION_REVIEW,
                )
            )
        member_ids = {u["id"] for u in members}
        for item in previous.not_reached if previous else []:
            presenter = item.presenter if item.presenter["id"] in member_ids else host
            items.append(
                _Item(item.title, item.kind, presenter, item.minutes, AgendaOrigin.CARRIED_OVER)
            )
        theme = context.theme.name
        work_pool = texts.works(theme)
        if period.start.month == 1 or previous is None:
            plan_year = day.year + 1 if day.month >= 11 else day.year
            items.append(
                _Item(
                    texts.YEAR_PLAN_TITLE.format(year=plan_year),
                    AgendaKind.DISCUSSION,
                    context.lead,
                    20,
                    plan_year=plan_year,
                )
            )
        if period.end.month == 12:
            items.append(
                _Item(
                    texts.YEAR_REVIEW_TITLE.format(year=day.year),
                    AgendaKind.REVIEW,
                    context.lead,
                    30,
                )
            )
        titles = {i.title for i in items}
        works_used: set[str] = set()  # one item per piece of work: never the same topic twice
        wanted = len(items) + draw_int(rng, 2, 3)
        others = [u for u in members if u["id"] != context.lead["id"]] or members
        for _ in range(12):
            if len(items) >= wanted:
                break
            kind = _kind(rng)
            work, unit = pick(rng, work_pool), pick(rng, others)
            if kind is AgendaKind.BRIEFING:
                title = texts.briefing_title(
                    rng, work, theme, texts.period_name(day.year, day.month), unit["name"]
                )
                own = title.startswith(unit["name"])
                presenter = unit if own else pick(rng, (host, context.lead))
            elif kind is AgendaKind.DISCUSSION:
                title = texts.discussion_title(rng, work, pick(rng, texts.PROBLEMS))
                presenter = unit
            elif kind is AgendaKind.CONSULTATION:
                title, presenter = texts.consultation_title(rng, work), host
            else:
                title, presenter = texts.review_title(rng, work, theme), context.lead
            if title not in titles and work not in works_used:
                titles.add(title)
                works_used.add(work)
                items.append(_Item(title, kind, presenter, pick(rng, (10, 15, 15, 20, 20, 25, 30))))
        return items

    def _write_agenda(self, meeting_id: int, items: list[_Item]) -> None:
        agenda = self.rows.agenda
        for position, item in enumerate(items, start=1):
            agenda.append({
                "id": len(agenda) + 1,
                "meeting_id": meeting_id,
                "position": position,
                "title": item.title,
                "kind": item.kind,
                "presenter_unit_id": item.presenter["id"],
                "minutes_allotted": item.minutes,
                "origin": item.origin,
                "summary": item.summary,
                "reached": item.reached,
                "version": 1,
            })  # fmt: skip

    # --- held: attendance, minutes, decisions, commitments -------------------------------
    def _held(
        self,
        rng: random.Random,
        context: AllianceContext,
        row: Row,
        trail: Trail,
        members: list[Row],
        host: Row,
        items: list[_Item],
        previous: _Previous | None,
        lives: list[Life],
    ) -> _Previous:
        day: date = row["starts_at"].date()
        attended, guests = self._attendance(rng, row["id"], members, host, context.lead)
        _step(row, trail, day, MeetingState.HELD, agenda_timing(row["starts_at"], [
            i.minutes for i in items]).end)  # fmt: skip
        not_reached: list[_Item] = []
        if len(items) >= 3 and rng.random() < 0.06 and items[-1].origin is AgendaOrigin.PROPOSED:
            items[-1].reached = False
            items[-1].summary = texts.NOT_REACHED
            not_reached.append(items[-1])
        names = [u["name"] for u in members if u["id"] != host["id"]] or [host["name"]]
        since = previous.day if previous else day - timedelta(days=365)
        for item in items:
            if not item.reached:
                continue
            if item.origin is AgendaOrigin.ACTION_REVIEW:
                item.summary = _review(item.presenter["name"], lives, day, since)
            else:
                item.summary = texts.item_summary(
                    rng, item.kind, item.presenter["name"], item.title, pick(rng, names)
                )
        self._write_agenda(row["id"], items)
        approve_on = self.days.between(rng, day + timedelta(days=4), day + timedelta(
            days=50 if rng.random() < 0.15 else 15))  # fmt: skip
        approved = approve_on <= TODAY
        minutes: Row = {
            "id": self.rows.next_id(self.rows.minutes),
            "meeting_id": row["id"],
            "summary": "",
            "approved_at": local_moment(approve_on, draw_int(rng, 9, 16), draw_int(rng, 0, 59))
            if approved else None,
            "approved_by": context.lead["secretary"] if approved else "",
            "version": 1,
        }  # fmt: skip
        self.rows.minutes.append(minutes)
        plan_year = _plan_year(items)
        decisions = make_decisions(
            rng, self.commitments, context, row, minutes["id"], lives, plan_year=plan_year
        )
        minutes["summary"] = texts.minutes_summary(
            f"{day.year}年{day.month}月{day.day}日",
            f"{context.alliance['name']}第{row['sequence_no']}次联席会议",
            row["place"],
            ("轮值主席单位" if not row["host_note"] else "牵头社区") + host["name"],
            len(members),
            attended,
            guests,
            [i.title for i in items if i.reached],
            decisions,
        )
        if approved:
            _step(row, trail, approve_on, MeetingState.APPROVED)
        return _Previous(day, not_reached)

    def _attendance(
        self, rng: random.Random, meeting_id: int, members: list[Row], host: Row, lead: Row
    ) -> tuple[int, int]:
        """Every member unit's line (about 9 in 10 attend) and now and then a guest."""
        lines = self.rows.attendance
        attended = 0
        for unit in members:
            draw = 0.0 if unit["id"] in (host["id"], lead["id"]) else rng.random()
            if draw < 0.88:
                state = AttendanceState.PRESENT
                who = rng.random()
                attendee = unit["secretary"] if who < 0.55 else (
                    unit["liaison"] if who < 0.9 else people.person_name(rng))  # fmt: skip
            elif draw < 0.92:
                state, attendee = AttendanceState.DELEGATED, people.person_name(rng)
            elif draw < 0.97:
                state, attendee = AttendanceState.EXCUSED, ""
            else:
                state, attendee = AttendanceState.ABSENT, ""
            attended += state in (AttendanceState.PRESENT, AttendanceState.DELEGATED)
            lines.append(
                _attendance_row(len(lines) + 1, meeting_id, unit["id"], "", attendee, state)
            )
        guests = pick(rng, (1, 1, 2)) if rng.random() < 0.18 else 0
        for name in rng.sample(texts.GUESTS, guests):
            lines.append(
                _attendance_row(
                    len(lines) + 1,
                    meeting_id,
                    None,
                    name,
                    people.person_name(rng),
                    AttendanceState.PRESENT,
                )
            )
        return attended, guests


def _step(
    row: Row, trail: Trail, on: date, state: MeetingState, not_before: datetime | None = None
) -> None:
    before, row["state"] = row["state"], state
    trail.updated(on, row["id"], {"state": before}, {"state": state}, not_before)


def _withdraw_and_renotify(rng: random.Random, row: Row, trail: Trail, notified: date) -> None:
    """The notice went out, was withdrawn (with a reason, audited) and sent again."""
    reason = pick(rng, WITHDRAW_REASONS)
    _step(row, trail, notified + timedelta(days=1), MeetingState.DRAFT)
    trail.noted(notified + timedelta(days=1), row["id"], {"step": "withdraw", "reason": reason})
    _step(row, trail, notified + timedelta(days=2), MeetingState.NOTIFIED)
    row["state_reason"] = reason


def _attendance_row(
    row_id: int,
    meeting_id: int,
    unit_id: int | None,
    guest: str,
    attendee: str,
    state: AttendanceState,
) -> Row:
    return {
        "id": row_id,
        "meeting_id": meeting_id,
        "unit_id": unit_id,
        "guest_name": guest,
        "attendee": attendee,
        "state": state,
        "version": 1,
    }


def _fit(items: list[_Item], limit: int) -> None:
    """Trim the longest items (by 5 minutes, not below 10) until the agenda ends in time."""
    trimmable = [i for i in items if i.origin is not AgendaOrigin.ACTION_REVIEW]
    while trimmable and sum(i.minutes for i in items) > limit:
        longest = max(trimmable, key=lambda i: i.minutes)
        if longest.minutes <= 10:
            return
        longest.minutes -= 5


def _review(presenter: str, lives: list[Life], day: date, since: date) -> str:
    open_now = [life for life in lives if life.open_on(day)]
    fulfilled = sum(
        1 for life in lives
        if life.fulfilled and life.closed_on is not None and since < life.closed_on <= day
    )  # fmt: skip
    overdue = sum(1 for life in open_now if life.due_on < day)
    return texts.review_summary(presenter, len(open_now), fulfilled, overdue)


def _plan_year(items: list[_Item]) -> int | None:
    """The year whose work plan the meeting discussed (a decision adopts it), if any."""
    return next((i.plan_year for i in items if i.reached and i.plan_year), None)
