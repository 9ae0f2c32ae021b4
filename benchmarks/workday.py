"""Issue 13 figures, the data side (the page's figures are measured by the page's suite):

- importing a roll of 3,200 members from .xlsx (preview, apply, and both: goal ≤ 2 s);
- the member list's first page with its counts at scale (≥ 320,000 members at --scale 100:
  the service part of "shown ≤ 300 ms"), and a search keystroke;
- the year's report, the whole street's figures, and the data of every unit's letters.
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.common import demo_database, emit, median_ms


def _roll(path: Path, units: list[str], communities: list[str], rows: int) -> Path:
    from openpyxl import Workbook

    rng = random.Random(13)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["姓名", "性别", "工作单位", "职务", "联系电话", "居住小区", "报到社区", "报到日期"]
    )
    for n in range(rows):
        reported = rng.random() < 0.8
        sheet.append(
            [
                f"测试{n:05d}",
                rng.choice("男女"),
                rng.choice(units),
                "科员",
                f"139{n:08d}",
                f"幸福小区{n % 24 + 1}栋",
                rng.choice(communities) if reported else "",
                "2026-03-01" if reported else "",
            ]
        )
    book.save(path)
    return path


def _import(repeat: int) -> None:
    from sqlalchemy import delete, select

    from alliance_desk.core.vocab import UnitCategory
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import DEMO_TODAY
    from alliance_desk.services.workday.members_import import (
        apply_members_import,
        preview_members_import,
    )
    from alliance_desk.storage.models import AuditEntry, MemberTransition, Unit, WorkdayMember

    source, _generated = demo_database(1)
    folder = Path(tempfile.mkdtemp(prefix="bench-workday-"))
    try:
        copy = folder / "demo.sqlite"
        shutil.copy(source, copy)
        db = open_database(str(copy), auto_backup=False)
        with db.reading() as session:
            units = [
                n
                for n, c in session.execute(select(Unit.name, Unit.category))
                if c is not UnitCategory.COMMUNITY
            ]
            communities = [
                n
                for n, c in session.execute(select(Unit.name, Unit.category))
                if c is UnitCategory.COMMUNITY
            ]
            first_new = (
                session.scalar(select(WorkdayMember.id).order_by(WorkdayMember.id.desc())) or 0
            ) + 1
        roll = _roll(folder / "roll.xlsx", units, communities, 3200)
        previews, applies, totals = [], [], []
        for _ in range(repeat):
            start = time.perf_counter()
            preview = preview_members_import(db, roll, today=DEMO_TODAY)
            middle = time.perf_counter()
            count = apply_members_import(db, preview)
            end = time.perf_counter()
            assert count == 3200
            previews.append((middle - start) * 1000)
            applies.append((end - middle) * 1000)
            totals.append((end - start) * 1000)
            with db.transaction() as session:
                session.execute(
                    delete(MemberTransition).where(MemberTransition.member_id >= first_new)
                )
                session.execute(
                    delete(AuditEntry).where(
                        AuditEntry.entity == "workday_member", AuditEntry.entity_id >= first_new
                    )
                )
                session.execute(delete(WorkdayMember).where(WorkdayMember.id >= first_new))
        emit("members_import_3200_preview", statistics.median(previews), "ms")
        emit("members_import_3200_apply", statistics.median(applies), "ms")
        emit("members_import_3200_total", statistics.median(totals), "ms", goal_ms=2000)
        db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(scale: int, repeat: int) -> None:
    path, generated = demo_database(scale)
    if generated is not None:
        emit(f"demo_generated_scale{scale}", generated * 1000, "ms")
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import DEMO_TODAY
    from alliance_desk.services.workday.feedback import feedback_letters
    from alliance_desk.services.workday.members import MemberFilter, member_page
    from alliance_desk.services.workday.stats import street_figures, workday_report

    db = open_database(str(path), auto_backup=False)
    page = member_page(db)
    emit(
        f"member_list_first_page_scale{scale}",
        median_ms(lambda: member_page(db), repeat=repeat),
        "ms",
        members=page.total,
        rows=len(page.rows),
    )
    keystrokes = []
    for _ in range(repeat):
        for text in ("张", "张伟", "139", "财政", ""):
            start = time.perf_counter()
            member_page(db, MemberFilter(search=text))
            keystrokes.append((time.perf_counter() - start) * 1000)
    emit(
        f"member_list_search_keystroke_scale{scale}",
        statistics.median(keystrokes),
        "ms",
        worst=round(max(keystrokes), 2),
    )
    year = DEMO_TODAY.year - 1
    report = workday_report(db, year)
    emit(
        f"workday_report_year_scale{scale}",
        median_ms(lambda: workday_report(db, year), repeat=repeat),
        "ms",
        units=len(report.units),
        flagged=len(report.flagged_units),
        report_rate=round(report.total.report_rate or 0, 4),
    )
    emit(
        f"workday_street_figures_scale{scale}",
        median_ms(lambda: street_figures(db, year), repeat=repeat),
        "ms",
    )
    letters = feedback_letters(db, year)
    emit(
        f"feedback_letters_data_all_units_scale{scale}",
        median_ms(lambda: feedback_letters(db, year), repeat=max(1, repeat // 2)),
        "ms",
        letters=len(letters),
        members=sum(len(x.members) for x in letters),
    )
    db.dispose()
    _import(repeat)
