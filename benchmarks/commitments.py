"""Issue 6 figures: the commitment page first shown, and filter changes, at city scale.

Runs on the cached demo file: at ``--scale 100`` about 196,000 commitments.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alliance_desk.services.clock import local_today
from benchmarks.common import demo_database, emit


def commitment_database(scale: int) -> tuple[Path, str]:
    """The cached demo file of this scale (about 1,960 commitments per scale step)."""
    path, _generated = demo_database(scale)
    return path, "demo"


def run(scale: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path, source = commitment_database(scale)
    from PySide6.QtWidgets import QApplication

    from alliance_desk.core.commitments import DueWindow
    from alliance_desk.core.vocab import CommitmentState
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.commitments.filters import OVERDUE
    from alliance_desk.ui.commitments.page import CommitmentsPage
    from alliance_desk.ui.navigation import PageContext, area

    app = QApplication.instance() or QApplication([])
    db = open_database(str(path), auto_backup=False)
    context = PageContext(db, area("commitments"))
    shown = []
    page: CommitmentsPage | None = None
    for _ in range(repeat):
        start = time.perf_counter()
        page = CommitmentsPage(context)
        page.resize(1280, 760)
        page.show()
        app.processEvents()
        shown.append((time.perf_counter() - start) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    page = CommitmentsPage(context)
    page.resize(1280, 760)
    page.show()
    app.processEvents()
    emit(
        f"commitment_page_first_shown_scale{scale}",
        statistics.median(shown),
        "ms",
        rows=page.model.total,
        source=source,
    )
    filters = page.filters
    alliance_index = min(5, filters.alliance.count() - 1)
    unit_word = _unit_word(db)

    def combo(widget: object, index: int) -> Callable[[], None]:
        def change() -> None:
            widget.setCurrentIndex(index)  # type: ignore[attr-defined]
            app.processEvents()

        return change

    def search(text: str) -> Callable[[], None]:
        def change() -> None:
            filters.search.setText(text)
            filters.flush_search()
            app.processEvents()

        return change

    cases = {
        "state": combo(filters.state, filters.state.findData(CommitmentState.IN_PROGRESS)),
        "alliance": combo(filters.alliance, alliance_index),
        "overdue": combo(filters.due, filters.due.findData(DueWindow.OVERDUE)),
        "overdue_state": combo(filters.state, filters.state.findData(OVERDUE)),
        "text_content": search("义诊"),
        "text_unit_name": search(unit_word),
    }
    for name, change in cases.items():
        samples = []
        for _ in range(repeat):
            filters.set_values(clear=True)
            app.processEvents()
            start = time.perf_counter()
            change()
            samples.append((time.perf_counter() - start) * 1000)
        emit(
            f"commitment_filter_{name}_scale{scale}",
            statistics.median(samples),
            "ms",
            max=round(max(samples), 1),
            matching=page.model.total,
        )
    _sorts(db, scale, repeat)
    filters.set_values(clear=True)
    app.processEvents()
    start = time.perf_counter()
    while page.model.canFetchMore() and page.model.rowCount() < 2000:
        page.model.fetchMore()
    emit(f"commitment_scroll_2000_rows_scale{scale}", (time.perf_counter() - start) * 1000, "ms")
    _export(page, scale)
    page.close()
    page.deleteLater()
    app.processEvents()
    db.dispose()


def _sorts(db: Any, scale: int, repeat: int) -> None:
    """The first page sorted by a name column: names are compared in pinyin order."""
    from alliance_desk.services.commitments import CommitmentFilter, SortKey, fetch_commitments

    for key in (SortKey.PROMISOR, SortKey.ALLIANCE, SortKey.DUE_ON):
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            fetch_commitments(db, CommitmentFilter(sort=key), today=local_today(), limit=100)
            samples.append((time.perf_counter() - start) * 1000)
        emit(
            f"commitment_sort_{key.value}_first_page_scale{scale}",
            statistics.median(samples),
            "ms",
            max=round(max(samples), 1),
        )


def _unit_word(db: object) -> str:
    """Part of a real unit name that names a few units (the slow case of the search)."""
    from alliance_desk.services.commitments.listing import unit_choices

    names = [u.name for u in unit_choices(db)]  # type: ignore[arg-type]
    name = names[len(names) // 2]
    return name[: max(4, len(name) // 2)]


def _export(page: object, scale: int) -> None:
    from alliance_desk.ui.commitments.export import export_matching

    folder = Path(tempfile.mkdtemp(prefix="alliance-bench-"))
    try:
        model = page.model  # type: ignore[attr-defined]
        start = time.perf_counter()
        count = export_matching(
            page.context.database,
            model.filter,
            folder / "all.xlsx",
            total=model.total,  # type: ignore[attr-defined]
        )
        emit(
            f"commitment_export_all_xlsx_scale{scale}",
            (time.perf_counter() - start) * 1000,
            "ms",
            rows=count,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
