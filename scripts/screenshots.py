"""Every page and tab at a clerk's screen sizes: ``uv run python scripts/screenshots.py``.

Opens the main window offscreen on a fresh demo database (a temporary data folder: the
clerk's data and settings are not touched), visits every navigation area at 1280×720 and
1024×768, and every tab of the page's tab widgets (on 联席会议 with a held meeting selected,
so 纪要 has content). PNGs go to ``--out`` (``/tmp/alliance-desk-shots`` unless told).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SIZES = ((1280, 720), (1024, 768))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("/tmp/alliance-desk-shots"))
    parser.add_argument("--pages", default="", help="navigation keys, a,b,c (all if empty)")
    parser.add_argument("--wait", type=float, default=1.5, help="seconds to let a page load")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="alliance-desk-shots-") as folder:
        os.environ["ALLIANCE_DESK_DATA_DIR"] = folder
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        return _shoot_all(Path(folder), args)


def _shoot_all(folder: Path, args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QTabWidget
    from screenshot import settle

    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import generate_demo
    from alliance_desk.ui.application import configure_application
    from alliance_desk.ui.main_window import MainWindow
    from alliance_desk.ui.navigation import AREA_KEYS

    keys = [k for k in args.pages.split(",") if k] or list(AREA_KEYS)
    app, _font_ok = configure_application()
    database = open_database(str(folder / "demo.sqlite"), actor="演示用户", auto_backup=False)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        generate_demo(database, scale=1)
        window = MainWindow(database)
        window.show()
        for width, height in SIZES:
            window.resize(width, height)
            for key in keys:
                window.show_area(key)
                settle(app, args.wait)
                page = window.pages[key]
                if key == "meetings":
                    _select_held_meeting(page)
                    settle(app, args.wait)
                _save(window, args.out / f"{width}x{height}-{key}.png")
                for tabs in page.findChildren(QTabWidget):
                    if not tabs.isVisible():
                        continue
                    for index in range(tabs.count()):
                        tabs.setCurrentIndex(index)
                        settle(app, args.wait / 3)
                        name = tabs.tabText(index).replace("&", "").replace("/", "_")
                        _save(window, args.out / f"{width}x{height}-{key}-{index}-{name}.png")
                    tabs.setCurrentIndex(0)
        window.close()
    finally:
        database.dispose()
    return 0


def _select_held_meeting(page: object) -> None:
    """Pick the latest held meeting, so agenda, sign-in and minutes have content."""
    model = page.model  # type: ignore[attr-defined]
    held = [r for r in model.rows() if r.state.name == "HELD"]
    if held:
        page.select_meeting(held[-1].id)  # type: ignore[attr-defined]


def _save(window: object, path: Path) -> None:
    if not window.grab().save(str(path)):  # type: ignore[attr-defined]
        raise SystemExit(f"could not write {path}")
    print(path)


if __name__ == "__main__":
    sys.exit(main())
