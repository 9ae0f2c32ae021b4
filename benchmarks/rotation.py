"""Issue 4 figures: plan three years of rota for every alliance."""

from __future__ import annotations

import statistics
import time
from datetime import date

from benchmarks.common import demo_database, emit


def run(scale: int, repeat: int) -> None:
    from alliance_desk.core.rotation import plan_rota
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.rotation import build_request

    path, _generated = demo_database(scale)
    db = open_database(str(path), auto_backup=False)
    with db.reading() as session:
        request = build_request(session, start=date(2024, 1, 1), end=date(2026, 12, 31))
    db.dispose()
    # Plan from scratch: the stored demo rota would otherwise be kept, not planned.
    request = type(request)(request.alliances, request.members, (), request.start, request.end)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        plan = plan_rota(request)
        samples.append((time.perf_counter() - start) * 1000)
    emit(
        f"plan_rota_3_years_scale{scale}",
        statistics.median(samples),
        "ms",
        alliances=len(request.alliances),
        terms=len(plan.terms),
    )
