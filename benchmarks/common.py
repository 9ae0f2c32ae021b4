"""Shared benchmark plumbing: the figure printer and the cached demo database."""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

CACHE_DIR = Path(__file__).parent / ".cache"


def emit(name: str, value: float, unit: str, **extra: object) -> None:
    record: dict[str, object] = {"name": name, "value": round(value, 2), "unit": unit}
    record.update(extra)
    print(json.dumps(record, ensure_ascii=False), flush=True)


def median_ms(action: Callable[[], object], *, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def demo_database(scale: int, *, fresh: bool = False) -> tuple[Path, float | None]:
    """The cached demo file of this scale; the generation time in seconds when it was made now.

    The file name carries ``DEMO_VERSION``, so a file made by an older generator is
    deleted and made again instead of being measured.
    """
    os.environ.setdefault("ALLIANCE_DESK_DATA_DIR", str(CACHE_DIR / "data"))
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import DEMO_VERSION, generate_demo

    CACHE_DIR.mkdir(exist_ok=True)
    name = f"demo-v{DEMO_VERSION}-scale{scale}.sqlite"
    path = CACHE_DIR / name
    for stale in CACHE_DIR.glob(f"demo-*scale{scale}.sqlite*"):  # other demo versions
        if not stale.name.startswith(name):
            stale.unlink()
    if path.exists() and not fresh:
        return path, None
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(str(path), auto_backup=False)
    start = time.perf_counter()
    generate_demo(db, scale=scale)
    elapsed = time.perf_counter() - start
    db.dispose()
    return path, elapsed
