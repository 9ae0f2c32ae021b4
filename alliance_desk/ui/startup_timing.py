"""How long this process has existed, for the start-up measurement (ms, best effort)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

_IMPORTED = time.perf_counter()


def process_age_ms() -> float:
    """Milliseconds since the OS started this process (Linux, Windows); else since import."""
    try:
        if sys.platform.startswith("linux"):
            return _linux_age_ms()
        if sys.platform == "win32":
            return _windows_age_ms()
    except (OSError, ValueError, AttributeError):
        pass
    return (time.perf_counter() - _IMPORTED) * 1000


def _linux_age_ms() -> float:
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    start_ticks = int(fields[19])  # field 22: starttime, clock ticks after boot
    started = start_ticks / os.sysconf("SC_CLK_TCK")
    return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000


def _windows_age_ms() -> float:
    import ctypes
    from ctypes import wintypes

    creation, exit_, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.GetCurrentProcess()
    if not kernel32.GetProcessTimes(handle, ctypes.byref(creation), ctypes.byref(exit_),
                                    ctypes.byref(kernel), ctypes.byref(user)):
        raise OSError("GetProcessTimes failed")
    kernel32.GetSystemTimePreciseAsFileTime(ctypes.byref(now))

    def ticks(value: wintypes.FILETIME) -> int:
        return (value.dwHighDateTime << 32) | value.dwLowDateTime

    return (ticks(now) - ticks(creation)) / 10_000  # 100 ns units
