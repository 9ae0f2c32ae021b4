"""议定事项 of a held demo meeting and the commitments made from them.

As ``services.meetings.create_commitments_from_decision`` makes them: made on the
meeting day, parties seated in the alliance that day (and, here, until past the due
day, so no promise outlives its party's seat), exactly one party the community, due
on or after the meeting day.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from alliance_desk.services.demo import commitment_texts as ctexts
from alliance_desk.services.demo import meeting_texts as mtexts
from alliance_desk.services.demo.commitments import CommitmentMaker, Life, Promise
from alliance_desk.services.demo.common import DEMO_TODAY, Row, draw_int, pick
from alliance_desk.services.demo.context import AllianceContext
from alliance_desk.services.demo.timeline import month_end

_SEAT_MARGIN = timedelta(days=30)


class _Decider:
    def __init__(
        self,
        rng: random.Random,
        maker: CommitmentMaker,
        context: AllianceContext,
        day: date,
        lives: list[Life],
    ) -> None:
        self.rng, self.maker, self.context, self.day, self.lives = rng, maker, context, day, lives
        self._works = list(mtexts.works(context.theme.name))
        rng.shuffle(self._works)

    @property
    def work(self) -> str:
        """Another work item each time, while the theme has fresh ones."""
        return self._works.pop() if len(self._works) > 1 else self._works[0]

    def created_on(self) -> date:
        entered = self.day + timedelta(days=draw_int(self.rng, 0, 3))
        return min(self.maker.days.on_or_after(entered), DEMO_TODAY)

    def units(self, due: date) -> list[Row]:
        return self.context.units_through(self.day, due + _SEAT_MARGIN)

    def promise(
        self, decision_id: int, promisor: Row, promisee: Row, content: str, category: str, due: date
    ) -> None:
        promise = Promise(
            promisor, promisee, content, category, self.day, due, self.created_on(), decision_id
        )
        self.lives.append(self.maker.make(self.rng, self.context, promise))

    def unit_task(self, decision_id: int) -> str | None:
        due = month_end(self.day, draw_int(self.rng, 1, 3))
        units = self.units(due)
        if not units:
            return None
        unit, community = pick(self.rng, units), self.context.lead
        names = {
            "unit": unit["name"],
            "community": community["name"],
            "work": self.work,
            "month": due.month,
        }
        self.promise(
            decision_id,
            unit,
            community,
            ctexts.fill(self.rng, ctexts.UNIT_TASK, **names),
            "共建项目",
            due,
        )
        if self.rng.random() < 0.5:
            support = ctexts.fill(self.rng, ctexts.UNIT_TASK_SUPPORT, **names)
            self.promise(decision_id, community, unit, support, "组织动员", due)
        return ctexts.fill(self.rng, ctexts.DECISION_UNIT_TASK, **names)

    def shared(self, decision_id: int) -> str | None:
        due = month_end(self.day, draw_int(self.rng, 1, 2))
        units = self.units(due)
        if len(units) < 2:
            return None
        chosen = self.rng.sample(units, min(len(units), draw_int(self.rng, 2, 3)))
        theme, work = self.context.theme.name, self.work
        content = ctexts.fill(self.rng, ctexts.SHARED_TASK, theme=theme, work=work, month=due.month)
        for unit in chosen:
            self.promise(decision_id, unit, self.context.lead, content, "志愿服务", due)
        return ctexts.fill(
            self.rng,
            ctexts.DECISION_SHARED,
            units="、".join(u["name"] for u in chosen),
            k=len(chosen),
            theme=theme,
            work=work,
            month=due.month,
        )

    def community_task(self, decision_id: int) -> str | None:
        due = month_end(self.day, draw_int(self.rng, 1, 2))
        units = self.units(due)
        if not units:
            return None
        unit = pick(self.rng, units)
        names = {
            "unit": unit["name"],
            "problem": pick(self.rng, mtexts.PROBLEMS),
            "month": due.month,
        }
        self.promise(
            decision_id,
            self.context.lead,
            unit,
            ctexts.fill(self.rng, ctexts.COMMUNITY_TASK, **names),
            "协调服务",
            due,
        )
        return ctexts.fill(self.rng, ctexts.DECISION_COMMUNITY, **names)

    def procedural(self) -> str:
        return pick(self.rng, ctexts.DECISION_PROCEDURAL).format(year=self.day.year, work=self.work)


def make_decisions(
    rng: random.Random,
    maker: CommitmentMaker,
    context: AllianceContext,
    meeting: Row,
    minutes_id: int,
    lives: list[Life],
    *,
    plan_year: int | None,
) -> int:
    """2–4 decisions on ``minutes_id``, most of them with commitments; how many."""
    rows = maker.rows
    day: date = meeting["starts_at"].date()
    decider = _Decider(rng, maker, context, day, lives)
    wanted = draw_int(rng, 2, 4)
    made = 0
    if plan_year is not None:
        made += 1
        _decision(
            rows.decisions,
            minutes_id,
            made,
            f"会议原则通过《{plan_year}年度联盟工作要点》，由轮值主席单位印发各成员单位。",
        )
    kinds = (decider.unit_task, decider.unit_task, decider.shared, decider.community_task)
    promised = False
    while made < wanted:
        decision_id = len(rows.decisions) + 1
        last = made == wanted - 1
        make = pick(rng, kinds) if rng.random() < 0.8 or (last and not promised) else None
        content = make(decision_id) if make else None
        promised = promised or content is not None
        made += 1
        _decision(rows.decisions, minutes_id, made, content or decider.procedural())
    return made


def _decision(decisions: list[Row], minutes_id: int, position: int, content: str) -> None:
    decisions.append({
        "id": len(decisions) + 1,
        "minutes_id": minutes_id,
        "position": position,
        "content": content,
        "version": 1,
    })  # fmt: skip
