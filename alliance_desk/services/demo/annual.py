"""The year's rhythm of an alliance outside its meetings (the charter's 年初公开承诺事项，
年底开展满意度测评): public commitments early each year, made directly rather than from
a decision, and the year-end two-way rating of the community and each member unit."""

from __future__ import annotations

import random
from datetime import date, timedelta

from alliance_desk.services.demo import commitment_texts as ctexts
from alliance_desk.services.demo import meeting_texts as mtexts
from alliance_desk.services.demo.commitments import (
    CommitmentMaker,
    Life,
    Promise,
    evaluation,
    pick_rating,
)
from alliance_desk.services.demo.common import DEMO_TODAY, Row, draw_int, pick
from alliance_desk.services.demo.context import AllianceContext
from alliance_desk.services.demo.rows import ActivityRows
from alliance_desk.services.demo.timeline import Workdays, month_end

YEARS = tuple(range(DEMO_TODAY.year - 2, DEMO_TODAY.year + 1))
_UNIT_RATES_COMMUNITY = (0.80, 0.97)
_COMMUNITY_RATES_UNIT = (0.68, 0.94)


def _due(rng: random.Random, made: date) -> date:
    draw = rng.random()
    if draw < 0.5:
        return date(made.year, 12, 31)
    if draw < 0.7:
        return date(made.year, 6, 30)
    return month_end(made, draw_int(rng, 3, 10))


def _fill(rng: random.Random, template: str, context: AllianceContext, unit: Row) -> str:
    work = pick(rng, mtexts.works(context.theme.name))
    return ctexts.fill(
        rng, template, unit=unit["name"], community=context.lead["name"], work=work,
        theme=context.theme.name, problem=pick(rng, mtexts.PROBLEMS),
    )  # fmt: skip


def public_commitments(
    rng: random.Random, maker: CommitmentMaker, context: AllianceContext
) -> list[Life]:
    """Each year, every member unit promises the community one or two things, and the
    community promises two or three member units something in return."""
    lives: list[Life] = []
    community = context.lead
    for year in YEARS:
        made = maker.days.between(rng, date(year, 1, 10), date(year, 2, 28))
        for unit in context.units_through(made, date(year, 12, 31) + timedelta(days=30)):
            for _ in range(1 if rng.random() < 0.7 else 2):
                category, template = pick(rng, ctexts.UNIT_TO_COMMUNITY)
                promise = Promise(
                    unit,
                    community,
                    _fill(rng, template, context, unit),
                    category,
                    made,
                    _due(rng, made),
                    made,
                )
                lives.append(maker.make(rng, context, promise))
        partners = context.units_through(made, date(year, 12, 31) + timedelta(days=30))
        for unit in rng.sample(partners, min(len(partners), draw_int(rng, 2, 4))):
            category, template = pick(rng, ctexts.COMMUNITY_TO_UNIT)
            promise = Promise(
                community,
                unit,
                _fill(rng, template, context, unit),
                category,
                made,
                _due(rng, made),
                made,
            )
            lives.append(maker.make(rng, context, promise))
    return lives


def year_end_ratings(
    rng: random.Random, rows: ActivityRows, days: Workdays, context: AllianceContext
) -> None:
    """满意度测评 of the finished years: the community and each member unit rate each other."""
    community = context.lead
    for year in YEARS:
        if date(year, 12, 31) >= DEMO_TODAY:
            continue
        for unit in context.units_through(date(year, 12, 15), date(year, 12, 31)):
            pairs = ((unit, community, _UNIT_RATES_COMMUNITY),
                     (community, unit, _COMMUNITY_RATES_UNIT))  # fmt: skip
            for rater, ratee, cut in pairs:
                if rng.random() >= 0.9:
                    continue
                rating = pick_rating(rng, cut)
                rated_on = days.between(rng, date(year, 12, 15), date(year, 12, 30))
                rows.evaluations.append(evaluation(
                    rows, None, year, rater["id"], ratee["id"], rating,
                    pick(rng, ctexts.YEAR_COMMENTS[rating]), rated_on,
                ))  # fmt: skip
