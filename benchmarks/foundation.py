"""Issue 2 figures: demo generation, database size, cold start to window shown."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

from benchmarks.common import demo_database, emit

BARE_WINDOW = """
import time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show()
def done():
    print(f"SHOWN_MS={(time.perf_counter() - t0) * 1000:.1f}")
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def _shown_ms(argv: list[str], env: dict[str, str]) -> float:
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=True, timeout=120)
    for line in result.stdout.splitlines():
        if line.startswith("SHOWN_MS="):
            return float(line.removeprefix("SHOWN_MS="))
    raise RuntimeError(f"no SHOWN_MS in output: {result.stdout!r} {result.stderr!r}")


def run(scale: int, repeat: int) -> None:
    path, generated = demo_database(scale, fresh=True)
    if generated is not None:
        emit(f"demo_generation_scale{scale}", generated * 1000, "ms")
    emit(f"database_size_scale{scale}", path.stat().st_size / 1_048_576, "MiB")

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["ALLIANCE_DESK_EXIT_AFTER_SHOW"] = "1"
    bare = [_shown_ms([sys.executable, "-c", BARE_WINDOW], env) for _ in range(repeat)]
    app = [
        _shown_ms([sys.executable, "-m", "alliance_desk", "--db", str(path)], env)
        for _ in range(repeat)
    ]
    emit("bare_pyside6_window_shown", statistics.median(bare), "ms")
    emit(f"cold_start_to_main_window_shown_scale{scale}", statistics.median(app), "ms")
    emit("start_ratio_to_bare_window", statistics.median(app) / statistics.median(bare), "x")


__all__ = ["run"]
