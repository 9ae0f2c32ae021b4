"""Issue 3 figures: unit page first shown, search keystroke, import and export of the register."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.common import demo_database, emit

KEYSTROKES = "市人民医院"


def run(scale: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path, _generated = demo_database(scale)
    from PySide6.QtWidgets import QApplication

    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.ui.register.units_page import UnitsPage

    app = QApplication.instance() or QApplication([])
    db = open_database(str(path), auto_backup=False)
    shown = []
    for _ in range(repeat):
        start = time.perf_counter()
        page = UnitsPage(db)
        page.resize(1280, 760)
        page.show()
        app.processEvents()
        shown.append((time.perf_counter() - start) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    emit(
        f"unit_page_first_shown_scale{scale}",
        statistics.median(shown),
        "ms",
        rows=page.model.rowCount(),
    )

    page = UnitsPage(db)
    page.show()
    app.processEvents()
    per_key = []
    for _ in range(repeat):
        page.search.clear()
        app.processEvents()
        for length in range(1, len(KEYSTROKES) + 1):
            start = time.perf_counter()
            page.search.setText(KEYSTROKES[:length])
            app.processEvents()
            per_key.append((time.perf_counter() - start) * 1000)
    emit(f"unit_search_keystroke_max_scale{scale}", max(per_key), "ms")
    emit(f"unit_search_keystroke_median_scale{scale}", statistics.median(per_key), "ms")
    page.close()
    page.deleteLater()
    app.processEvents()
    db.dispose()
    _import_export(path, scale)


def _import_export(path: Path, scale: int) -> None:
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.register_io import (
        apply_units_import,
        export_units,
        preview_units_import,
    )
    from alliance_desk.services.units import list_units

    folder = Path(tempfile.mkdtemp(prefix="alliance-bench-"))
    try:
        db = open_database(str(path), auto_backup=False)
        rows = list_units(db)
        start = time.perf_counter()
        export_units(rows, folder / "units.xlsx")
        emit(
            f"export_units_xlsx_scale{scale}",
            (time.perf_counter() - start) * 1000,
            "ms",
            rows=len(rows),
        )
        db.dispose()

        fresh = folder / "fresh.sqlite"
        _register_without_units(path, fresh)
        db = open_database(str(fresh), auto_backup=False)
        start = time.perf_counter()
        preview = preview_units_import(db, folder / "units.xlsx")
        apply_units_import(db, preview)
        emit(
            f"import_units_xlsx_new_scale{scale}",
            (time.perf_counter() - start) * 1000,
            "ms",
            rows=len(preview.rows),
            note="new units and memberships: validation + write",
        )
        db.dispose()
        db = open_database(str(path), auto_backup=False)
        start = time.perf_counter()
        preview = preview_units_import(db, folder / "units.xlsx")
        apply_units_import(db, preview)
        emit(
            f"reimport_units_xlsx_scale{scale}",
            (time.perf_counter() - start) * 1000,
            "ms",
            rows=len(preview.rows),
            note="the register's own export: every row matched",
        )
        db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _register_without_units(source: Path, target: Path) -> None:
    """A copy of the demo database that keeps its alliances but has no units yet."""
    import sqlite3

    from alliance_desk.storage.backup import backup

    backup(source, target)
    connection = sqlite3.connect(target)
    with connection:
        for table in ("chair_term", "membership", "audit_entry", "unit"):
            connection.execute(f"DELETE FROM {table}")
    connection.close()
