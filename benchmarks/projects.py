"""Issue 14 figures: the wall chart PDF, the year's assessment of every unit, a scorecard.

Runs on the cached demo file: at ``--scale 100`` 16,200 secretary projects (5,400 a
year) and 16,500 units.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.common import demo_database, emit, median_ms


def run(scale: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path, generated = demo_database(scale)
    if generated is not None:
        emit(f"demo_generated_scale{scale}", generated, "s")
    from PySide6.QtGui import QGuiApplication

    from alliance_desk.documents.assessment import scorecards_document
    from alliance_desk.documents.pdf import write_pdf
    from alliance_desk.documents.projects.wallchart import WallChartDocument, wallchart_spec
    from alliance_desk.services.assessment.results import assess_year, scorecard
    from alliance_desk.services.assessment.setup import assessment_setup
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo.common import DEMO_TODAY
    from alliance_desk.services.projects.wallchart import wall_chart

    QGuiApplication.instance() or QGuiApplication([])
    db = open_database(str(path), auto_backup=False)
    today, year = DEMO_TODAY, DEMO_TODAY.year
    out = Path(tempfile.mkdtemp(prefix="h14-bench-"))
    try:
        charts = [wall_chart(db, year=y, today=today) for y in (year - 2, year - 1, year)]
        for a3 in (True, False):
            paper = "a3" if a3 else "a4"
            start = time.perf_counter()
            chart = wall_chart(db, year=year, today=today)
            write_pdf(
                WallChartDocument(chart, printed_on=today, a3=a3),
                out / "year.pdf",
                spec=wallchart_spec(a3),
            )
            emit(
                f"wallchart_year_pdf_{paper}_scale{scale}",
                time.perf_counter() - start,
                "s",
                projects=len(chart.rows),
            )
        every = replace(charts[-1], rows=tuple(r for c in charts for r in c.rows))
        start = time.perf_counter()
        write_pdf(
            WallChartDocument(every, printed_on=today, a3=True),
            out / "all.pdf",
            spec=wallchart_spec(True),
        )
        emit(
            f"wallchart_all_projects_pdf_a3_scale{scale}",
            time.perf_counter() - start,
            "s",
            projects=len(every.rows),
        )
        report = assess_year(db, year, today=today)
        emit(
            f"assessment_year_all_units_scale{scale}",
            median_ms(lambda: assess_year(db, year, today=today), repeat=repeat),
            "ms",
            units=len(report.lines),
            frozen=False,
        )
        emit(
            f"assessment_signed_off_year_scale{scale}",
            median_ms(lambda: assess_year(db, year - 1, today=today), repeat=repeat),
            "ms",
            frozen=True,
        )
        unit_id = report.lines[len(report.lines) // 2].unit_id
        emit(
            f"scorecard_service_scale{scale}",
            median_ms(lambda: scorecard(db, year, unit_id, today=today), repeat=repeat),
            "ms",
        )
        setup = assessment_setup(db, year)

        def card_pdf() -> None:
            line = scorecard(db, year, unit_id, today=today)
            write_pdf(
                scorecards_document([line], year=year, setup=setup, frozen=False, printed_on=today),
                out / "card.pdf",
            )

        emit(f"scorecard_pdf_scale{scale}", median_ms(card_pdf, repeat=repeat), "ms")
    finally:
        db.dispose()
        for file in out.iterdir():
            file.unlink()
        out.rmdir()
