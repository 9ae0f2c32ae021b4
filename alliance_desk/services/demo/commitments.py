"""双向承诺 in the demo: each commitment lived its life by the services' rules up to
``DEMO_TODAY`` — made (已提出), accepted, progress logged (推进中), fulfilled on time or
late, or cancelled with a reason, or still open and perhaps overdue — and was rated by
both sides after fulfilment. Every step leaves the audit entry the hook would have.

Rules kept (see ``services.commitments``): exactly one party is the community, both
are seated in the alliance from the made day to past the due day; 已提出 is never
fulfilled directly; progress dates and percentages never go down and fall between
acceptance and fulfilment; a due date moves only later, with a progress line saying
why; ratings come after fulfilment, one per side, scored by ``RATING_SCORES``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from alliance_desk.core.vocab import (
    RATING_SCORES,
    CommitmentDirection,
    CommitmentState,
    Rating,
    UnitCategory,
)
from alliance_desk.services.demo import commitment_texts as texts
from alliance_desk.services.demo.common import DEMO_TODAY, Row, draw_int, pick
from alliance_desk.services.demo.context import AllianceContext
from alliance_desk.services.demo.rows import ActivityRows
from alliance_desk.services.demo.timeline import Workdays, month_end
from alliance_desk.storage.models import Commitment

ENTITY = Commitment.__tablename__
TODAY = DEMO_TODAY

# Fates, by cumulative share: cancelled, never fulfilled, fulfilled late, else on time.
_CANCEL, _NEVER, _LATE = 0.04, 0.09, 0.23
# A promise still open this long after its due day has been settled by now: the alliance
# either saw it done late or cancelled it at a meeting (reason recorded). Only recently
# due ones are still overdue on DEMO_TODAY, as in a street that follows up.
_SETTLED_AFTER = timedelta(days=150)
_RATING_ORDER = (Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.UNSATISFIED)
_ON_TIME_RATINGS = (0.78, 0.97)  # cumulative: 满意, 基本满意, else 不满意
_LATE_RATINGS = (0.40, 0.82)
_PARTNER_RATINGS = (0.85, 0.98)


@dataclass(frozen=True, slots=True)
class Life:
    """What a meeting later needs to know of a commitment (for its review item)."""

    created_on: date
    due_on: date
    closed_on: date | None
    """Fulfilled or cancelled on (never after ``DEMO_TODAY``); None while open."""
    fulfilled: bool

    def open_on(self, day: date) -> bool:
        return self.created_on <= day and (self.closed_on is None or self.closed_on > day)


@dataclass(frozen=True, slots=True)
class Promise:
    promisor: Row
    promisee: Row
    content: str
    category: str
    made_on: date
    due_on: date
    created_on: date
    """The day the clerk entered it (on or after ``made_on``)."""
    decision_id: int | None = None


def direction_of(promisor: Row, promisee: Row) -> CommitmentDirection:
    if promisee["category"] is UnitCategory.COMMUNITY:
        return CommitmentDirection.UNIT_TO_COMMUNITY
    return CommitmentDirection.COMMUNITY_TO_UNIT


def pick_rating(rng: random.Random, cut: tuple[float, float]) -> Rating:
    draw = rng.random()
    return _RATING_ORDER[0 if draw < cut[0] else 1 if draw < cut[1] else 2]


class CommitmentMaker:
    def __init__(self, rows: ActivityRows, days: Workdays) -> None:
        self.rows = rows
        self.days = days

    def make(self, rng: random.Random, context: AllianceContext, promise: Promise) -> Life:
        days = self.days
        draw = rng.random()
        fate = "cancel" if draw < _CANCEL else "never" if draw < _NEVER else (
            "late" if draw < _LATE else "on_time")  # fmt: skip
        made, due, created = promise.made_on, promise.due_on, promise.created_on
        if fate == "never" and due < TODAY - _SETTLED_AFTER:
            fate = "late" if rng.random() < 0.6 else "cancel"
        span = max(1, (due - made).days)
        stuck = fate in ("cancel", "never") and rng.random() < 0.3  # never accepted
        accepted: date | None = None
        if not stuck:
            accepted = (
                created
                if promise.decision_id is not None and rng.random() < 0.5
                else days.between(rng, created + timedelta(days=1), created + timedelta(days=12))
            )
        start = accepted or created
        done: date | None = None
        cancelled: date | None = None
        if fate == "on_time":
            target = made + timedelta(days=int(span * rng.uniform(0.45, 1.0)))
            done = max(start, min(days.on_or_before(target), due))
        elif fate == "late":
            done = days.on_or_after(max(start, due) + timedelta(days=draw_int(rng, 1, 50)))
        elif fate == "cancel":
            target = made + timedelta(days=int(span * rng.uniform(0.2, 1.1)))
            cancelled = days.on_or_after(max(start + timedelta(days=1), target))
        reason = pick(rng, texts.CANCEL_REASONS)
        left = context.first_leaving(promise.promisor["id"], promise.promisee["id"])
        if left is not None and left <= TODAY and (done or cancelled or TODAY) > left:
            # A party left the alliance with the promise still open (章程: 交接或取消).
            done, cancelled, reason = None, days.on_or_after(left), texts.PARTY_LEFT_REASON
        one_off = rng.random() < 0.3 or stuck
        end = done or cancelled or max(due + timedelta(days=60), TODAY)
        updates = (
            [] if one_off else self._plan_updates(rng, start, end, due, fulfil=done is not None)
        )
        extension = None
        if fate in ("late", "never") and rng.random() < 0.3:
            on = days.on_or_before(due - timedelta(days=draw_int(rng, 0, 7)))
            if on > start and (done is None or on < done):
                extension = (on, month_end(due, draw_int(rng, 1, 2)), pick(rng,
                    texts.EXTENSION_REASONS))  # fmt: skip
        return self._write(
            rng, context, promise, accepted, updates, extension, done, (cancelled, reason)
        )

    def _plan_updates(
        self, rng: random.Random, start: date, end: date, due: date, *, fulfil: bool
    ) -> list[tuple[date, int]]:
        """(day, percent) of up to three progress lines between acceptance and ``end``;
        the percent follows the time elapsed towards completion (or the due day, for one
        still open), and a fulfilled promise ends with its 100 % line."""
        window = (end - start).days
        if window < 2:
            return []
        count = draw_int(rng, 1, 3)
        offsets = sorted(draw_int(rng, 1, window - 1) for _ in range(count))
        days = [self.days.on_or_before(start + timedelta(days=o)) for o in offsets]
        days = [max(start, d) for d in days]
        horizon = max(1, ((end if fulfil else max(due, start + timedelta(days=1))) - start).days)
        percents: list[int] = []
        for day in days:
            elapsed = (day - start).days / horizon * 100 + rng.uniform(-10, 10)
            percent = min(90, max(10, int(round(elapsed, -1))))
            percents.append(max(percent, percents[-1] if percents else 10))
        if fulfil:
            days.append(end)
            percents.append(100)
        return list(zip(days, percents, strict=True))

    def _write(
        self,
        rng: random.Random,
        context: AllianceContext,
        promise: Promise,
        accepted: date | None,
        updates: list[tuple[date, int]],
        extension: tuple[date, date, str] | None,
        done: date | None,
        cancel: tuple[date | None, str],
    ) -> Life:
        cancelled, reason = cancel
        rows = self.rows
        trail = rows.audit.trail(rng, context.actor, ENTITY, kept=context.audited)
        row: Row = {
            "id": rows.next_id(rows.commitments),
            "alliance_id": context.id,
            "promisor_unit_id": promise.promisor["id"],
            "promisee_unit_id": promise.promisee["id"],
            "direction": direction_of(promise.promisor, promise.promisee),
            "content": promise.content,
            "category": promise.category,
            "source_decision_id": promise.decision_id,
            "made_on": promise.made_on,
            "due_on": promise.due_on,
            "state": CommitmentState.PROPOSED,
            "fulfilled_on": None,
            "cancel_reason": "",
            "version": 1,
        }
        rows.commitments.append(row)
        cid = row["id"]
        trail.inserted(promise.created_on, row)
        state = CommitmentState.PROPOSED

        def change(day: date, **after: object) -> None:
            before = {key: row[key] for key in after}
            row.update(after)
            trail.updated(day, cid, before, after)

        if accepted is not None and accepted <= TODAY:
            state = CommitmentState.ACCEPTED
            change(accepted, state=state)
        lines: list[tuple[date, int, str, str]] = []
        for day, percent in updates:
            note = texts.progress_note(rng, percent, lines[-1][2] if lines else "")
            lines.append((day, percent, note, texts.evidence(rng)))
        if extension is not None:
            on, new_due, why = extension
            before = [p for d, p, _n, _e in lines if d <= on]
            note = (
                f"{texts.EXTENSION_PREFIX} {row['due_on']:%Y-%m-%d} 延至 {new_due:%Y-%m-%d}。"
                f"原因：{why}"
            )
            lines.append((on, before[-1] if before else 0, note, ""))
            lines.sort(key=lambda line: (line[0], line[1]))
        closed = done or cancelled
        for day, percent, note, proof in lines:
            if day > TODAY or (closed is not None and day > closed):
                break
            is_extension = note.startswith(texts.EXTENSION_PREFIX)
            if not is_extension and state is CommitmentState.PROPOSED:
                continue  # progress needs acceptance first
            rows.progress.append({
                "id": rows.next_id(rows.progress),
                "commitment_id": cid,
                "recorded_on": day,
                "note": note,
                "percent": percent,
                "evidence_note": proof,
                "attachment_path": "",
                "version": 1,
            })  # fmt: skip
            if is_extension:
                assert extension is not None
                change(day, due_on=extension[1])
            elif state is CommitmentState.ACCEPTED:
                state = CommitmentState.IN_PROGRESS
                change(day, state=state)
        if done is not None and done <= TODAY and state is not CommitmentState.PROPOSED:
            state = CommitmentState.FULFILLED
            change(done, state=state, fulfilled_on=done)
            self._rate(rng, row, late=done > row["due_on"])
        elif cancelled is not None and cancelled <= TODAY:
            state = CommitmentState.CANCELLED
            change(cancelled, state=state, cancel_reason=reason)
        closed_on = row["fulfilled_on"] if state is CommitmentState.FULFILLED else (
            cancelled if state is CommitmentState.CANCELLED else None)  # fmt: skip
        return Life(
            promise.created_on, row["due_on"], closed_on, state is CommitmentState.FULFILLED
        )

    def _rate(self, rng: random.Random, row: Row, *, late: bool) -> None:
        done: date = row["fulfilled_on"]
        sides = (
            (row["promisee_unit_id"], row["promisor_unit_id"], 0.75,
             _LATE_RATINGS if late else _ON_TIME_RATINGS),
            (row["promisor_unit_id"], row["promisee_unit_id"], 0.55, _PARTNER_RATINGS),
        )  # fmt: skip
        for rater, ratee, share, cut in sides:
            if rng.random() >= share:
                continue
            rated_on = self.days.between(rng, done, done + timedelta(days=20))
            if rated_on > TODAY:
                continue
            rating = pick_rating(rng, cut)
            self.rows.evaluations.append(evaluation(
                self.rows, row["id"], None, rater, ratee, rating,
                pick(rng, texts.COMMENTS[rating]), rated_on,
            ))  # fmt: skip


def evaluation(
    rows: ActivityRows,
    commitment_id: int | None,
    year: int | None,
    rater: int,
    ratee: int,
    rating: Rating,
    comment: str,
    rated_on: date,
) -> Row:
    return {
        "id": rows.next_id(rows.evaluations),
        "commitment_id": commitment_id,
        "year": year,
        "rater_unit_id": rater,
        "ratee_unit_id": ratee,
        "rating": rating,
        "score": RATING_SCORES[rating],
        "comment": comment,
        "rated_on": rated_on,
        "version": 1,
    }
