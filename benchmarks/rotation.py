"""Issue 4 figures: plan three years of rota for every alliance; print a year's grid.

The grid of every alliance (``print rota --year Y`` without ``--alliance``) is timed as a
whole process, through the CLI, as a clerk's script would run it (see
:func:`benchmarks.meetings.whole_process_seconds`).
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from benchmarks.common import CACHE_DIR, demo_database, emit
from benchmarks.meetings import whole_process_seconds

GRID_YEAR = 2026
TARGET_GRID_S = 5.0


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
    out = CACHE_DIR / "rotation-out"
    out.mkdir(exist_ok=True)
    argv = ["print", "rota", "--year", str(GRID_YEAR), "--db", str(path)]
    grid = whole_process_seconds([*argv, "--pdf", str(out / "grid.pdf")], repeat=max(3, repeat))
    emit(
        f"print_rota_grid_whole_process_scale{scale}",
        grid * 1000,
        "ms",
        alliances=len(request.alliances),
        target_ms=TARGET_GRID_S * 1000,
    )
