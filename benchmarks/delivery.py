"""Issue 15 figures: start-up of the frozen app (``dist/AllianceDesk``) and from source.

- ``print agenda`` as one whole process: frozen, and from source with byte-code compiled
  first (``compileall``, ``PYTHONDONTWRITEBYTECODE`` unset), against LibreOffice converting a
  comparable agenda (.fodt → PDF) in the same run; LibreOffice's figure is skipped when
  ``soffice`` is not installed (``apt-get install libreoffice-writer-nogui``).
- First window: the frozen app against a bare frozen PySide6 window (built once into
  ``benchmarks/.cache/bare-window``), both as the process's age at the same point: the
  event loop's first turn after the window's first paint (the app's ``first_painted``).
  Both windows get the same size (1280×800, cut to the screen as the app does), the
  runs alternate after one untimed warm-up run each, and the app reads and writes its
  settings in ``benchmarks/.cache/delivery/config``, not the developer's.

The frozen folder is built (``python -m scripts.build --no-deb``) when it is missing.
"""

from __future__ import annotations

import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks.common import CACHE_DIR, emit

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "dist" / "AllianceDesk"
TARGET_AGENDA_MS = 500
TARGET_RATIO_TO_LIBREOFFICE = 0.4
TARGET_WINDOW_RATIO = 1.5

BARE_WINDOW = '''
import os, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow


def age_ms():
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000


class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.shown)

    def shown(self):
        print(f"window shown after {age_ms():.0f} ms", flush=True)
        app.quit()


app = QApplication(sys.argv[:1])
window = Window()
available = QGuiApplication.primaryScreen().availableGeometry()
window.resize(min(1280, available.width()), min(800, available.height()))
window.show()
app.exec()
'''


def frozen_executable() -> Path:
    name = "alliance-desk.exe" if sys.platform == "win32" else "alliance-desk"
    path = FROZEN / name
    if not path.is_file():
        subprocess.run([sys.executable, "-m", "scripts.build", "--no-deb"], cwd=ROOT, check=True)
    return path


def bare_window_executable() -> Path:
    """A frozen PySide6 program that only shows a window (rebuilt when its script changes)."""
    folder = CACHE_DIR / "bare-window"
    script = folder / "bare_window.py"
    executable = folder / "dist" / "bare-window" / "bare-window"
    if executable.is_file() and script.is_file() and script.read_text() == BARE_WINDOW:
        return executable
    folder.mkdir(parents=True, exist_ok=True)
    script.write_text(BARE_WINDOW)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--name", "bare-window",
         "--distpath", str(folder / "dist"), "--workpath", str(folder / "build"),
         "--specpath", str(folder), str(script)],
        check=True, capture_output=True,
    )
    return executable


def _environment(data: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ALLIANCE_DESK_DATA_DIR=str(data))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def median_process_ms(argv: list[str], env: dict[str, str], repeat: int) -> float:
    """Median wall time of the whole process, after one warm-up run."""
    samples = []
    for attempt in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True, timeout=120)
        if attempt:
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def shown_ms(argv: list[str], env: dict[str, str]) -> float:
    result = subprocess.run(argv, env=env, check=True, capture_output=True, text=True,
                            timeout=120)
    match = re.search(r"window shown after ([\d.]+)", result.stdout)
    if match is None:
        raise RuntimeError(f"no start-up time: {result.stdout!r} {result.stderr!r}")
    return float(match.group(1))


def median_shown_ms(argv: list[str], env: dict[str, str], repeat: int) -> float:
    shown_ms(argv, env)  # warm-up: the files in the page cache
    return statistics.median(shown_ms(argv, env) for _ in range(repeat))


def paired_shown_ms(first: list[str], second: list[str], env: dict[str, str],
                    repeat: int) -> tuple[list[float], list[float]]:
    """Both programs' samples, run alternately (after a warm-up each) so a machine
    that gets busier or quieter meanwhile weighs on both alike."""
    shown_ms(first, env)
    shown_ms(second, env)
    pairs = [(shown_ms(first, env), shown_ms(second, env)) for _ in range(repeat)]
    return [a for a, _ in pairs], [b for _, b in pairs]


def compile_sources() -> None:
    """Byte-code for the app and its libraries, as an installed app has it."""
    import site

    folders = [ROOT / "alliance_desk", *map(Path, site.getsitepackages())]
    for folder in folders:
        compileall.compile_dir(folder, quiet=2, workers=0)  # quiet=2: templates are no Python


def prepare_database(work: Path, frozen: Path, env: dict[str, str]) -> Path:
    path = work / "demo.sqlite"
    if not path.exists():
        subprocess.run([str(frozen), "demo", "--db", str(path)], env=env, check=True,
                       capture_output=True)
    return path


def agenda_fodt(meeting: int, path: Path, target: Path) -> Path:
    """A flat ODF text of the same agenda (title, facts, the item table) for LibreOffice."""
    from alliance_desk.services.meetings.quick_agenda import read_agenda_detail

    detail = read_agenda_detail(path, meeting)
    if detail is None:
        raise RuntimeError(f"meeting {meeting} not readable in {path}")
    meeting_row = detail.meeting
    rows = "".join(
        "<table:table-row>"
        + "".join(
            f"<table:table-cell><text:p>{escape(str(cell))}</text:p></table:table-cell>"
            for cell in (n, slot.time_label, slot.title, slot.kind.label, slot.presenter_name,
                         f"{slot.minutes_allotted}分钟")
        )
        + "</table:table-row>"
        for n, slot in enumerate(detail.agenda, start=1)
    )
    title = f"{meeting_row.alliance_name}第{meeting_row.sequence_no}次联席会议议程"
    target.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
        "<office:body><office:text>"
        f"<text:h text:outline-level=\"1\">{escape(title)}</text:h>"
        f"<text:p>时间：{meeting_row.starts_at:%Y年%m月%d日 %H:%M}</text:p>"
        f"<text:p>地点：{escape(meeting_row.place)}</text:p>"
        f"<text:p>主持单位：{escape(meeting_row.host_name)}</text:p>"
        '<table:table table:name="agenda"><table:table-column table:number-columns-repeated="6"/>'
        f"{rows}</table:table>"
        "</office:text></office:body></office:document>",
        encoding="utf-8",
    )
    return target


def libreoffice_ms(fodt: Path, out: Path, repeat: int) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = (CACHE_DIR / "lo-profile").resolve()
    argv = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", str(out), str(fodt)]
    return median_process_ms(argv, dict(os.environ), repeat)


def _size_mib(path: Path) -> float:
    return sum(p.lstat().st_size for p in path.rglob("*")) / 1_048_576


def run(scale: int, repeat: int) -> None:
    del scale  # one agenda of the scale-1 demo: start-up does not depend on the data
    frozen = frozen_executable()
    work = CACHE_DIR / "delivery"
    work.mkdir(parents=True, exist_ok=True)
    env = _environment(work / "data")
    path = prepare_database(work, frozen, env)
    emit("frozen_folder_size", _size_mib(FROZEN), "MiB")
    runs = max(3, repeat)

    agenda_args = ["print", "agenda", "1", "--db", str(path), "--pdf", str(work / "agenda.pdf")]
    frozen_agenda = median_process_ms([str(frozen), *agenda_args], env, runs)
    emit("frozen_print_agenda_whole_process", frozen_agenda, "ms", target_ms=TARGET_AGENDA_MS)
    compile_sources()
    source_agenda = median_process_ms([sys.executable, "-m", "alliance_desk", *agenda_args],
                                      env, runs)
    emit("source_print_agenda_whole_process", source_agenda, "ms")

    office = libreoffice_ms(agenda_fodt(1, path, work / "agenda.fodt"), work / "lo", runs)
    if office is None:
        emit("libreoffice_agenda_pdf", 0, "ms", skipped="soffice not installed")
    else:
        emit("libreoffice_agenda_pdf", office, "ms")
        emit("frozen_print_agenda_ratio_to_libreoffice", frozen_agenda / office, "x",
             target=TARGET_RATIO_TO_LIBREOFFICE)

    window_env = dict(env, ALLIANCE_DESK_EXIT_AFTER_SHOW="1",
                      XDG_CONFIG_HOME=str((work / "config").resolve()))
    bare_samples, app_samples = paired_shown_ms(
        [str(bare_window_executable())], [str(frozen), "--db", str(path)], window_env, runs)
    bare, app = statistics.median(bare_samples), statistics.median(app_samples)
    emit("frozen_bare_pyside6_window_shown", bare, "ms", samples=bare_samples)
    emit("frozen_main_window_shown", app, "ms", samples=app_samples)
    emit("frozen_window_ratio_to_bare", app / bare, "x", target=TARGET_WINDOW_RATIO)
    source_app = median_shown_ms([sys.executable, "-m", "alliance_desk", "--db", str(path)],
                                 window_env, runs)
    emit("source_main_window_shown", source_app, "ms")


__all__ = ["run"]
