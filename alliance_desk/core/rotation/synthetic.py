"""A synthetic street (or city) for timing the planner.

Run ``uv run python -m alliance_desk.core.rotation.synthetic [--scale N]``.

One group per unit of ``scale``: 24 alliances of 7–10 members drawn from ~165 units, some
units sitting in two or three alliances of their group; mostly quarterly periods, some
monthly, half-yearly and yearly; a few joins, leaves and ineligible members; one year of
served history made by the planner itself. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date

from alliance_desk.core.rotation.model import AllianceInfo, ExistingTerm, MemberInfo, PlanRequest
from alliance_desk.core.rotation.planner import plan_rota
from alliance_desk.core.vocab import ChairPeriod, ChairTermState

ALLIANCES_PER_GROUP = 24
UNITS_PER_GROUP = 165
KINDS = (ChairPeriod.QUARTER,) * 14 + (
    ChairPeriod.MONTH,
    ChairPeriod.MONTH,
    ChairPeriod.HALF_YEAR,
    ChairPeriod.HALF_YEAR,
    ChairPeriod.YEAR,
)


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def synthetic_request(
    scale: int = 1, *, seed: int = 2026, first_year: int = 2026, years: int = 3
) -> PlanRequest:
    """The request to plan ``years`` years from 1 January ``first_year``, history included."""
    rng = random.Random(seed)
    alliances: list[AllianceInfo] = []
    members: list[MemberInfo] = []
    horizon_start, horizon_end = date(first_year, 1, 1), date(first_year + years - 1, 12, 31)
    for group in range(scale):
        units = [group * 1000 + n for n in range(1, UNITS_PER_GROUP + 1)]
        rng.shuffle(units)
        seats: dict[int, int] = {}
        for index in range(ALLIANCES_PER_GROUP):
            alliance_id = group * ALLIANCES_PER_GROUP + index + 1
            alliances.append(AllianceInfo(alliance_id, f"第{alliance_id}联盟", rng.choice(KINDS)))
            size = rng.randint(7, 10)
            shared = [u for u in sorted(seats) if seats[u] < 3]
            rng.shuffle(shared)
            chosen = [units.pop() for _ in range(min(size - 1, len(units)))]
            chosen += shared[: size - len(chosen)]  # units in two or three alliances
            for order, unit in enumerate(chosen, start=1):
                seats[unit] = seats.get(unit, 0) + 1
                roll = rng.random()
                joined = date(2019, 1, 1)
                left = None
                if roll < 0.08:
                    joined = _random_day(rng, horizon_start, horizon_end)
                elif roll < 0.13:
                    left = _random_day(rng, horizon_start, horizon_end)
                eligible = rng.random() > 0.05
                members.append(
                    MemberInfo(alliance_id, unit, f"单位{unit}", order, joined, left, eligible)
                )
    history_request = PlanRequest(
        tuple(alliances),
        tuple(members),
        (),
        date(first_year - 1, 1, 1),
        date(first_year - 1, 12, 31),
    )
    history = tuple(
        ExistingTerm(t.alliance_id, t.start, t.end, t.unit_id, ChairTermState.SERVED)
        for t in plan_rota(history_request).terms
    )
    return PlanRequest(tuple(alliances), tuple(members), history, horizon_start, horizon_end)


def time_plan(request: PlanRequest, repeat: int = 5) -> float:
    """Best wall time of ``plan_rota(request)`` over ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        plan_rota(request)
        best = min(best, time.perf_counter() - began)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, action="append")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for scale in args.scale or [1, 100]:
        request = synthetic_request(scale)
        plan = plan_rota(request)
        planned = [t for t in plan.terms if not t.kept]
        figure = {
            "name": f"rotation.plan_3_years.scale{scale}",
            "value": round(time_plan(request, args.repeat), 1),
            "unit": "ms",
            "alliances": len(request.alliances),
            "terms": len(planned),
            "conflicts": sum(1 for t in planned if "conflict" in t.flags),
            "adjusted": sum(1 for t in planned if "adjusted" in t.flags),
            "searched_years": list(plan.searched_years),
        }
        print(json.dumps(figure, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
