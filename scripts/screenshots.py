"""Screenshots of every page (and each page's tabs) at the window sizes clerks have.

    uv run python -m scripts.screenshots DEMO.sqlite OUT_FOLDER [--sizes 1280x720,1024x768]

Renders offscreen (no display needed); look at the PNGs for clipped text, cut columns
and squeezed buttons. The database is opened read-mostly (no automatic backup).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.screenshots")
    parser.add_argument("database")
    parser.add_argument("out", type=Path)
    parser.add_argument("--sizes", default="1280x720,1024x768")
    parser.add_argument("--only", action="append", help="page keys (default: all)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication, QTabWidget

    app = QApplication([])
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.ui.fonts import apply_ui_font, choose_ui_family
    from alliance_desk.ui.main_window import MainWindow
    from alliance_desk.ui.navigation import AREAS
    from alliance_desk.ui.tasks import wait_for_background_tasks

    apply_ui_font(app, choose_ui_family())
    db = open_database(args.database, auto_backup=False)
    window = MainWindow(db)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()
            wait_for_background_tasks(10)
        app.processEvents()

    keys = args.only or [area.key for area in AREAS]
    for size in args.sizes.split(","):
        width, height = (int(v) for v in size.split("x"))
        window.resize(width, height)
        for key in keys:
            window.show_area(key)
            settle()
            window.resize(width, height)  # after the saved geometry the window restored
            settle()
            page = window.pages[key]
            window.grab().save(str(args.out / f"{key}_{width}.png"))
            for tabs in page.findChildren(QTabWidget):
                if not tabs.isVisible():
                    continue
                for index in range(1, tabs.count()):
                    tabs.setCurrentIndex(index)
                    settle()
                    name = f"{key}_{tabs.objectName() or 'tabs'}{index}_{width}.png"
                    window.grab().save(str(args.out / name))
                tabs.setCurrentIndex(0)
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
