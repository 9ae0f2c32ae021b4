"""Issue 6 figures: dashboard figures + charts drawn, and the fulfilment report PDF.

Runs on the cached demo file of the scale. When that file holds fewer commitments than
the issue's city (about 2,000 per scale step: 200,000 at ``--scale 100``), a copy is
made and filled with that many deterministic commitments (and ratings on half of the
fulfilled ones) by a bulk insert, so the figures are measured at the issue's size.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import CACHE_DIR, demo_database, emit

COMMITMENTS_PER_SCALE = 2_000
YEAR = 2026
TODAY = date(2026, 6, 30)

_STATES = ("proposed", "accepted", "in_progress", "fulfilled", "fulfilled", "fulfilled",
           "fulfilled", "cancelled")
_RATINGS = (("satisfied", 100), ("basically_satisfied", 80), ("unsatisfied", 40))


def _count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT COUNT(*) FROM commitment").fetchone()[0])
    finally:
        connection.close()


def commitment_database(scale: int) -> Path:
    """The demo file, or a cached copy of it with ``COMMITMENTS_PER_SCALE × scale``
    commitments inserted in bulk (seeded: the same rows every time)."""
    path, _generated = demo_database(scale)
    wanted = COMMITMENTS_PER_SCALE * scale
    if _count(path) >= wanted // 2:
        return path
    filled = CACHE_DIR / f"dashboard-scale{scale}.sqlite"
    if filled.exists() and filled.stat().st_mtime >= path.stat().st_mtime:
        return filled
    partial = filled.with_suffix(".partial")
    shutil.copyfile(path, partial)
    connection = sqlite3.connect(partial)
    try:
        with connection:
            _fill(connection, wanted)
    finally:
        connection.close()
    partial.replace(filled)
    return filled


def _fill(connection: sqlite3.Connection, wanted: int) -> None:
    rng = random.Random(20260630)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for alliance_id, unit_id, category in connection.execute(
        "SELECT m.alliance_id, m.unit_id, u.category FROM membership m "
        "JOIN unit u ON u.id = m.unit_id WHERE m.left_on IS NULL ORDER BY m.id"
    ):
        communities, others = members.setdefault(alliance_id, ([], []))
        (communities if category == "community" else others).append(unit_id)
    alliances = [a for a, (c, o) in sorted(members.items()) if c and o]
    start = date(YEAR - 2, 1, 1)
    rows = []
    ratings = []
    for n in range(1, wanted + 1):
        alliance_id = alliances[n % len(alliances)]
        communities, others = members[alliance_id]
        community, unit = rng.choice(communities), rng.choice(others)
        to_community = rng.random() < 0.6
        promisor, promisee = (unit, community) if to_community else (community, unit)
        made = start + timedelta(days=rng.randrange(3 * 365))
        due = made + timedelta(days=rng.randrange(14, 200))
        state = rng.choice(_STATES)
        fulfilled = None
        if state == "fulfilled":
            fulfilled = min(due + timedelta(days=rng.randrange(-60, 30)), TODAY)
            fulfilled = max(fulfilled, made)
        rows.append((
            n, alliance_id, promisor, promisee,
            "unit_to_community" if to_community else "community_to_unit",
            f"基准测试承诺第{n}项：为社区居民提供志愿服务", "志愿服务",
            made.isoformat(), due.isoformat(), state,
            fulfilled.isoformat() if fulfilled else None,
            "不再需要" if state == "cancelled" else "",
        ))
        if fulfilled is not None and n % 2 == 0:
            rating, score = rng.choice(_RATINGS)
            ratings.append((n, promisee, promisor, rating, score, fulfilled.isoformat()))
    connection.executemany(
        "INSERT INTO commitment (id, alliance_id, promisor_unit_id, promisee_unit_id, "
        "direction, content, category, made_on, due_on, state, fulfilled_on, cancel_reason, "
        "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        rows,
    )
    connection.executemany(
        "INSERT INTO evaluation (commitment_id, rater_unit_id, ratee_unit_id, rating, score, "
        "comment, rated_on, version) VALUES (?, ?, ?, ?, ?, '', ?, 1)",
        ratings,
    )
    connection.execute("ANALYZE")


def run(scale: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path = commitment_database(scale)
    from PySide6.QtWidgets import QApplication

    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.dashboard import dashboard_figures, due_soon, overdue

    app = QApplication.instance() or QApplication([])
    db = open_database(str(path), auto_backup=False)
    commitments = _count(path)

    start = time.perf_counter()
    from alliance_desk.ui.dashboard.charts import ChartPanel

    ChartPanel.prepare()
    emit("import_matplotlib_charts", (time.perf_counter() - start) * 1000, "ms",
         note="once per process, after the window shows")

    panel = ChartPanel()
    panel.resize(1100, 900)
    panel.show()
    app.processEvents()
    figures_ms, charts_ms, total_ms = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        figures = dashboard_figures(db, year=YEAR, today=TODAY)
        due_soon(db, TODAY)
        overdue(db, TODAY)
        middle = time.perf_counter()
        panel.show_figures(figures)
        panel.draw_now()
        end = time.perf_counter()
        figures_ms.append((middle - start) * 1000)
        charts_ms.append((end - middle) * 1000)
        total_ms.append((end - start) * 1000)
    emit(f"dashboard_figures_scale{scale}", statistics.median(figures_ms), "ms",
         commitments=commitments, note="figures + due-soon and overdue lists")
    emit(f"dashboard_charts_drawn_scale{scale}", statistics.median(charts_ms), "ms",
         alliances=len(figures.per_alliance))
    emit(f"dashboard_figures_and_charts_scale{scale}", statistics.median(total_ms), "ms",
         budget=500)
    panel.close()
    panel.deleteLater()
    app.processEvents()
    _report(db, scale, repeat)
    db.dispose()


def _report(db: object, scale: int, repeat: int) -> None:
    from alliance_desk.documents.fulfilment_report import (
        REPORT_LANDSCAPE,
        fulfilment_report_document,
    )
    from alliance_desk.documents.pdf import write_pdf
    from alliance_desk.services.reports import report_lines, write_fulfilment_xlsx

    folder = Path(tempfile.mkdtemp(prefix="alliance-bench-"))
    try:
        samples = []
        report = None
        for _ in range(max(1, min(repeat, 3))):  # linear in the lines: seconds at scale 100
            start = time.perf_counter()
            report = report_lines(db, year=YEAR, today=TODAY)  # type: ignore[arg-type]
            document = fulfilment_report_document(report)
            write_pdf(document, folder / "report.pdf", landscape=REPORT_LANDSCAPE)
            samples.append((time.perf_counter() - start) * 1000)
        assert report is not None
        emit(f"fulfilment_report_pdf_scale{scale}", statistics.median(samples), "ms",
             units=len(report.units), budget=3000)
        start = time.perf_counter()
        write_fulfilment_xlsx(report, folder / "report.xlsx")
        emit(f"fulfilment_report_xlsx_scale{scale}", (time.perf_counter() - start) * 1000, "ms",
             units=len(report.units))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
