"""Issue 13 page and print figures:

- the member list first shown (社区工作日 page, 在职党员 tab, 全部社区) and a search keystroke
  once the whole roll is loaded (≥ 320,000 members at ``--scale 100``);
- the year's 反馈函 of every unit, one letter per unit, written to PDF (165 demo units at
  scale 1; skipped above scale 10, where a street has thousands of units).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.common import demo_database, emit


def _wait_for_roll(app, page, timeout: float = 600.0) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + timeout
    while page.members_task is not None and page.members_task.running:
        app.processEvents()
        time.sleep(0.005)
        if time.perf_counter() > end:
            raise TimeoutError("the member roll did not load")
    app.processEvents()


def run(scale: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path, _generated = demo_database(scale)
    from PySide6.QtWidgets import QApplication

    from alliance_desk.documents.pdf import write_pdf
    from alliance_desk.documents.workday.sources import feedback_pack
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import DEMO_TODAY
    from alliance_desk.ui.navigation import PageContext, area
    from alliance_desk.ui.workday.page import WorkdayPage

    app = QApplication.instance() or QApplication([])
    db = open_database(str(path), auto_backup=False)
    context = PageContext(db, area("workday"))
    shown: list[float] = []
    page: WorkdayPage | None = None
    for _ in range(repeat):
        page = WorkdayPage(context)
        page.resize(1280, 720)
        page.show()
        page.activated()
        start = time.perf_counter()
        page.show_tab("members")
        app.processEvents()
        shown.append((time.perf_counter() - start) * 1000)
        _wait_for_roll(app, page)
        page.close()
        page.deleteLater()
        app.processEvents()
    page = WorkdayPage(context)
    page.resize(1280, 720)
    page.show()
    page.activated()
    page.show_tab("members")
    app.processEvents()
    load_start = time.perf_counter()
    _wait_for_roll(app, page)
    loaded = (time.perf_counter() - load_start) * 1000
    rows = page.members.model.rowCount()
    emit(f"workday_member_list_first_shown_scale{scale}", statistics.median(shown), "ms")
    emit(f"workday_member_roll_loaded_after_shown_scale{scale}", loaded, "ms", rows=rows)
    keystrokes = []
    for _ in range(repeat):
        for text in ("张", "张小", "zh", "张", ""):
            start = time.perf_counter()
            page.members.search.setText(text)
            app.processEvents()
            keystrokes.append((time.perf_counter() - start) * 1000)
    emit(
        f"workday_member_search_keystroke_scale{scale}",
        statistics.median(keystrokes),
        "ms",
        worst=round(max(keystrokes), 2),
        rows=rows,
    )

    if scale > 10:  # the figure is for the 165 demo units (scale 1)
        db.dispose()
        return
    year = DEMO_TODAY.year - 1
    times = []
    letters = pages = 0
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(max(1, min(repeat, 3))):
            start = time.perf_counter()
            pack = feedback_pack(db, year, printed_on=DEMO_TODAY)
            out = write_pdf(pack, Path(folder) / "letters.pdf")
            times.append(time.perf_counter() - start)
            letters = len(pack.documents)
        import pypdf

        pages = len(pypdf.PdfReader(out).pages)
    emit(
        f"workday_feedback_letters_all_units_scale{scale}",
        statistics.median(times),
        "s",
        letters=letters,
        pages=pages,
    )
    db.dispose()
