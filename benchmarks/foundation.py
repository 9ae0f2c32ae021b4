"""Issue 2 figures: demo generation, database size, cold start to window shown."""

from __future__ import annotations

import os
import re
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


def _timings(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """``SHOWN_MS=…`` from the bare script; "window shown after N ms" lines from the app."""
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=True, timeout=120)
    found: dict[str, float] = {}
    for line in result.stdout.splitlines():
        match = re.match(r"(?:SHOWN_MS=|window shown after )([\d.]+)", line)
        if match:
            found["shown"] = float(match.group(1))
        match = re.match(r"database ready after ([\d.]+)", line)
        if match:
            found["ready"] = float(match.group(1))
    if "shown" not in found:
        raise RuntimeError(f"no start-up time in output: {result.stdout!r} {result.stderr!r}")
    return found


def run(scale: int, repeat: int) -> None:
    path, generated = demo_database(scale, fresh=True)
    if generated is not None:
        emit(f"demo_generation_scale{scale}", generated * 1000, "ms")
    emit(f"database_size_scale{scale}", path.stat().st_size / 1_048_576, "MiB")

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["ALLIANCE_DESK_EXIT_AFTER_SHOW"] = "1"
    bare = [_timings([sys.executable, "-c", BARE_WINDOW], env)["shown"] for _ in range(repeat)]
    app = [
        _timings([sys.executable, "-m", "alliance_desk", "--db", str(path)], env)
        for _ in range(repeat)
    ]
    shown = statistics.median(t["shown"] for t in app)
    emit("bare_pyside6_window_shown", statistics.median(bare), "ms")
    emit(f"cold_start_to_main_window_shown_scale{scale}", shown, "ms")
    emit(
        f"cold_start_to_database_ready_scale{scale}",
        statistics.median(t["ready"] for t in app),
        "ms",
    )
    emit("start_ratio_to_bare_window", shown / statistics.median(bare), "x")


__all__ = ["run"]
