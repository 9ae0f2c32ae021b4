"""Grab the main window on a fresh demo database: ``uv run python scripts/screenshot.py``.

Runs offscreen in a temporary data folder (the clerk's data and settings are not
touched). ``--page system`` or ``--page units`` shows another area; ``--out`` another file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--page", default="home", help="navigation key, e.g. home, system")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--empty", action="store_true", help="no demo data (empty database)")
    parser.add_argument(
        "--wait", type=float, default=4.0, help="seconds to let the page finish loading"
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="alliance-desk-shot-") as folder:
        os.environ["ALLIANCE_DESK_DATA_DIR"] = folder
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        return _shoot(
            Path(folder), args.page, args.out, width, height, demo=not args.empty, wait=args.wait
        )


def settle(app: object, seconds: float) -> None:
    """Let background loading (figures, charts, lists) finish before the grab."""
    import time

    from PySide6.QtCore import QCoreApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def _shoot(
    folder: Path, page: str, out: Path, width: int, height: int, *, demo: bool, wait: float
) -> int:
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.ui.application import configure_application
    from alliance_desk.ui.main_window import MainWindow
    from alliance_desk.ui.navigation import AREA_KEYS

    if page not in AREA_KEYS:
        print(f"unknown page {page!r}; one of: {', '.join(AREA_KEYS)}", file=sys.stderr)
        return 2
    app, _font_ok = configure_application()
    database = open_database(str(folder / "demo.sqlite"), actor="演示用户", auto_backup=False)
    try:
        if demo:
            from alliance_desk.services.demo import generate_demo

            generate_demo(database, scale=1)
        window = MainWindow(database)
        window.resize(width, height)
        window.show()
        window.show_area(page)
        settle(app, wait)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            print(f"could not write {out}", file=sys.stderr)
            return 1
        print(f"{out} ({width}×{height}, page {page})")
        window.close()
    finally:
        database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
