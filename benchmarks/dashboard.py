"""Issue 6 figures: dashboard figures + charts drawn, and the fulfilment report PDF.

Runs on the cached demo file of the scale: at ``--scale 100`` about 196,000 commitments
and 276,000 ratings.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.common import demo_database, emit

YEAR = 2026
TODAY = date(2026, 6, 30)



def _count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT COUNT(*) FROM commitment").fetchone()[0])
    finally:
        connection.close()


def run(scale: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path, _generated = demo_database(scale)
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
