"""Issue 12 figures at city scale (``--scale 100``: some 62,000 needs, 2,400 alliances).

- the needs list first shown (the 四项清单 page opened on 全部联盟, needs tab);
- a filter keystroke in the needs list;
- the matching suggestions of one community (alliance);
- the statistics of a year over every alliance (the 统计 tab and the dashboard block).
"""

from __future__ import annotations

import os
import statistics
import time

from benchmarks.common import demo_database, emit, median_ms


def run(scale: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path, _generated = demo_database(scale)
    from PySide6.QtWidgets import QApplication

    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import DEMO_TODAY
    from alliance_desk.services.four_lists.projects import matching_suggestions
    from alliance_desk.services.four_lists.stats import list_statistics
    from alliance_desk.ui.four_lists.page import FourListsPage
    from alliance_desk.ui.navigation import PageContext, area

    app = QApplication.instance() or QApplication([])
    db = open_database(str(path), auto_backup=False)
    context = PageContext(db, area("four_lists"))
    shown, full = [], []
    page: FourListsPage | None = None
    for _ in range(repeat):
        start = time.perf_counter()
        page = FourListsPage(context)
        page.resize(1280, 760)
        page.show()
        page.activated()
        app.processEvents()
        shown.append((time.perf_counter() - start) * 1000)
        _wait_for_all_needs(app, page)
        full.append((time.perf_counter() - start) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    page = FourListsPage(context)
    page.resize(1280, 760)
    page.show()
    page.activated()
    app.processEvents()
    first_rows = page.needs.model.rowCount()
    _wait_for_all_needs(app, page)
    rows = page.needs.model.rowCount()
    emit(
        f"needs_list_first_shown_scale{scale}",
        statistics.median(shown),
        "ms",
        rows_shown=first_rows,
    )
    emit(f"needs_list_all_rows_loaded_scale{scale}", statistics.median(full), "ms", rows=rows)

    keystrokes = []
    for _ in range(repeat):
        for text in ("老", "老年", "老年人", "老年", ""):
            start = time.perf_counter()
            page.needs.search.setText(text)
            app.processEvents()
            keystrokes.append((time.perf_counter() - start) * 1000)
    emit(
        f"needs_filter_keystroke_scale{scale}",
        statistics.median(keystrokes),
        "ms",
        worst=round(max(keystrokes), 2),
        rows=rows,
    )

    alliance_id = page.alliance_box.itemData(page.alliance_box.count() // 2)
    found = matching_suggestions(db, alliance_id)
    emit(
        f"matching_suggestions_one_community_scale{scale}",
        median_ms(lambda: matching_suggestions(db, alliance_id), repeat=repeat),
        "ms",
        suggestions=len(found),
    )

    year = DEMO_TODAY.year
    stats = list_statistics(db, year=year, today=DEMO_TODAY)
    emit(
        f"list_statistics_all_alliances_scale{scale}",
        median_ms(lambda: list_statistics(db, year=year, today=DEMO_TODAY), repeat=repeat),
        "ms",
        alliances=len(stats.lines),
        needs=stats.total.needs,
    )

    def stats_tab() -> None:
        page.show_tab("stats")
        page.load_stats()
        app.processEvents()

    emit(f"list_statistics_tab_scale{scale}", median_ms(stats_tab, repeat=repeat), "ms")
    page.close()
    db.dispose()


def _wait_for_all_needs(app: object, page: object) -> None:
    task = getattr(page, "needs_task", None)
    while task is not None and task.running:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.002)
    app.processEvents()  # type: ignore[attr-defined]
