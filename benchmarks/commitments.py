"""Issue 6 figures: the commitment page first shown, and filter changes, at city scale.

Uses the demo's commitments when the cached demo has them; otherwise (until the demo
generator makes commitments) a copy of the cached demo gets ``TARGET_PER_SCALE × scale``
commitments — with progress updates — by a bulk insert, consistent with the register
(parties are current members of the alliance, the direction fits their categories).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import CACHE_DIR, demo_database, emit

TARGET_PER_SCALE = 2000
CONTENTS = (
    "组织志愿者开展助老服务",
    "提供党员活动场地",
    "开展政策宣讲进社区",
    "协调辖区停车位",
    "捐赠图书角图书",
    "开展义诊活动",
    "清理楼道堆积物",
    "结对帮扶困难家庭",
    "提供就业岗位信息",
    "共建文明实践站",
    "开展消防安全演练",
    "修缮社区凉亭",
)
CATEGORIES = ("志愿服务", "场地共享", "政策宣讲", "民生实事", "文化活动", "就业帮扶", "")
STATES = (
    ("proposed", 10),
    ("accepted", 15),
    ("in_progress", 30),
    ("fulfilled", 40),
    ("cancelled", 5),
)


def fill_commitments(path: Path, count: int, *, seed: int = 6) -> int:
    """Bulk-insert ``count`` commitments (and progress updates) into the SQLite file."""
    rng = random.Random(seed)
    connection = sqlite3.connect(path)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for alliance_id, unit_id, category in connection.execute(
        "SELECT m.alliance_id, m.unit_id, u.category FROM membership m "
        "JOIN unit u ON u.id = m.unit_id WHERE m.left_on IS NULL AND u.active"
    ):
        communities, others = members.setdefault(alliance_id, ([], []))
        (communities if category == "community" else others).append(unit_id)
    usable = [a for a, (c, o) in members.items() if c and o]
    states = [s for s, weight in STATES for _ in range(weight)]
    start = date(2024, 1, 1)
    commitments, progress = [], []
    first_id = (connection.execute("SELECT max(id) FROM commitment").fetchone()[0] or 0) + 1
    for number in range(count):
        alliance = usable[number % len(usable)]
        communities, others = members[alliance]
        to_community = rng.random() < 0.6
        community, unit = rng.choice(communities), rng.choice(others)
        promisor, promisee = (unit, community) if to_community else (community, unit)
        made = start + timedelta(days=rng.randrange(0, 1000))
        due = made + timedelta(days=rng.randrange(30, 240))
        state = rng.choice(states)
        fulfilled = due + timedelta(days=rng.randrange(-40, 20)) if state == "fulfilled" else None
        if fulfilled is not None and fulfilled < made:
            fulfilled = made
        commitment_id = first_id + number
        commitments.append(
            (
                commitment_id,
                alliance,
                promisor,
                promisee,
                "unit_to_community" if to_community else "community_to_unit",
                f"{rng.choice(CONTENTS)}（第{number % 97 + 1}批）",
                rng.choice(CATEGORIES),
                made.isoformat(),
                due.isoformat(),
                state,
                fulfilled.isoformat() if fulfilled else None,
                "计划调整" if state == "cancelled" else "",
            )
        )
        if state in ("in_progress", "fulfilled"):
            for step in range(1, rng.randrange(2, 4)):
                progress.append(
                    (
                        commitment_id,
                        (made + timedelta(days=10 * step)).isoformat(),
                        "按计划推进",
                        min(100, 30 * step),
                        "",
                    )
                )
    with connection:
        connection.executemany(
            "INSERT INTO commitment (id, alliance_id, promisor_unit_id, promisee_unit_id, "
            "direction, content, category, made_on, due_on, state, fulfilled_on, cancel_reason, "
            "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            commitments,
        )
        connection.executemany(
            "INSERT INTO progress_update (commitment_id, recorded_on, note, percent, "
            "evidence_note, attachment_path, version) VALUES (?, ?, ?, ?, ?, '', 1)",
            progress,
        )
    connection.execute("ANALYZE")
    connection.close()
    return len(commitments)


def commitment_database(scale: int) -> tuple[Path, str]:
    """A database with commitments at this scale, and where they came from."""
    demo, _generated = demo_database(scale)
    connection = sqlite3.connect(demo)
    existing = connection.execute("SELECT count(*) FROM commitment").fetchone()[0]
    connection.close()
    if existing:
        return demo, "demo"
    path = CACHE_DIR / f"commitments-scale{scale}.sqlite"
    if not path.exists() or path.stat().st_mtime < demo.stat().st_mtime:
        from alliance_desk.storage.backup import backup

        partial = Path(tempfile.mkdtemp(prefix="alliance-bench-")) / "c.sqlite"
        backup(demo, partial)
        fill_commitments(partial, TARGET_PER_SCALE * scale)
        shutil.move(partial, path)
    return path, "bulk insert (the demo has no commitments yet)"


def run(scale: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path, source = commitment_database(scale)
    from PySide6.QtWidgets import QApplication

    from alliance_desk.core.commitments import DueWindow
    from alliance_desk.core.vocab import CommitmentState
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.commitments.filters import OVERDUE
    from alliance_desk.ui.commitments.page import CommitmentsPage
    from alliance_desk.ui.navigation import PageContext, area

    app = QApplication.instance() or QApplication([])
    db = open_database(str(path), auto_backup=False)
    context = PageContext(db, area("commitments"))
    shown = []
    page: CommitmentsPage | None = None
    for _ in range(repeat):
        start = time.perf_counter()
        page = CommitmentsPage(context)
        page.resize(1280, 760)
        page.show()
        app.processEvents()
        shown.append((time.perf_counter() - start) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    page = CommitmentsPage(context)
    page.resize(1280, 760)
    page.show()
    app.processEvents()
    emit(
        f"commitment_page_first_shown_scale{scale}",
        statistics.median(shown),
        "ms",
        rows=page.model.total,
        source=source,
    )
    filters = page.filters
    alliance_index = min(5, filters.alliance.count() - 1)
    unit_word = _unit_word(db)

    def combo(widget: object, index: int) -> Callable[[], None]:
        def change() -> None:
            widget.setCurrentIndex(index)  # type: ignore[attr-defined]
            app.processEvents()

        return change

    def search(text: str) -> Callable[[], None]:
        def change() -> None:
            filters.search.setText(text)
            filters.flush_search()
            app.processEvents()

        return change

    cases = {
        "state": combo(filters.state, filters.state.findData(CommitmentState.IN_PROGRESS)),
        "alliance": combo(filters.alliance, alliance_index),
        "overdue": combo(filters.due, filters.due.findData(DueWindow.OVERDUE)),
        "overdue_state": combo(filters.state, filters.state.findData(OVERDUE)),
        "text_content": search("义诊"),
        "text_unit_name": search(unit_word),
    }
    for name, change in cases.items():
        samples = []
        for _ in range(repeat):
            filters.set_values(clear=True)
            app.processEvents()
            start = time.perf_counter()
            change()
            samples.append((time.perf_counter() - start) * 1000)
        emit(
            f"commitment_filter_{name}_scale{scale}",
            statistics.median(samples),
            "ms",
            max=round(max(samples), 1),
            matching=page.model.total,
        )
    filters.set_values(clear=True)
    app.processEvents()
    start = time.perf_counter()
    while page.model.canFetchMore() and page.model.rowCount() < 2000:
        page.model.fetchMore()
    emit(f"commitment_scroll_2000_rows_scale{scale}", (time.perf_counter() - start) * 1000, "ms")
    _export(page, scale)
    page.close()
    page.deleteLater()
    app.processEvents()
    db.dispose()


def _unit_word(db: object) -> str:
    """Part of a real unit name that names a few units (the slow case of the search)."""
    from alliance_desk.services.commitments.listing import unit_choices

    names = [u.name for u in unit_choices(db)]  # type: ignore[arg-type]
    name = names[len(names) // 2]
    return name[: max(4, len(name) // 2)]


def _export(page: object, scale: int) -> None:
    from alliance_desk.ui.commitments.export import export_matching

    folder = Path(tempfile.mkdtemp(prefix="alliance-bench-"))
    try:
        model = page.model  # type: ignore[attr-defined]
        start = time.perf_counter()
        count = export_matching(
            page.context.database,
            model.filter,
            folder / "all.xlsx",
            total=model.total,  # type: ignore[attr-defined]
        )
        emit(
            f"commitment_export_all_xlsx_scale{scale}",
            (time.perf_counter() - start) * 1000,
            "ms",
            rows=count,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
