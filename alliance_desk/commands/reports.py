"""``alliance-desk report fulfilment --year Y (--pdf FILE | --xlsx FILE)``: 履诺情况统计表.

The same report as the home page's 统计表 button, written without the GUI.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from alliance_desk.commands import EXIT_OK, add_db_option
from alliance_desk.commands.printing import (
    ensure_gui_application,
    open_existing_database,
    write,
)
from alliance_desk.core.errors import DomainError

if TYPE_CHECKING:
    from alliance_desk.services import Database
    from alliance_desk.services.reports import ReportLines

Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]


def register(commands: Subparsers) -> None:
    report = commands.add_parser(
        "report",
        help="统计报表 (statistical reports)",
        description="生成统计报表 (write statistical reports)",
    )
    kinds = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    fulfilment = kinds.add_parser(
        "fulfilment",
        help="履诺情况统计表 (fulfilment report per alliance and unit for a year)",
    )
    fulfilment.add_argument(
        "--year", metavar="Y", type=int, required=True, help="年度 (the year to report)"
    )
    fulfilment.add_argument(
        "--alliance", metavar="ID", type=int, help="只统计一个联盟 (one alliance only)"
    )
    output = fulfilment.add_mutually_exclusive_group(required=True)
    output.add_argument("--pdf", metavar="FILE", help="输出 PDF 文件 (PDF file to write)")
    output.add_argument("--xlsx", metavar="FILE", help="输出 Excel 文件 (.xlsx file to write)")
    add_db_option(fulfilment)
    fulfilment.set_defaults(handler=run_fulfilment)
    from alliance_desk.commands import four_lists, projects, workday

    four_lists.register_report(kinds)
    projects.register_report(kinds)
    workday.register_report(kinds)


def run_fulfilment(args: argparse.Namespace) -> int:
    from alliance_desk.services.commitments import local_today
    from alliance_desk.services.reports import report_lines

    if not 1949 <= args.year <= 2099:
        raise DomainError(f"年度应在 1949–2099 之间 (year out of range): {args.year}")
    if args.pdf:
        ensure_gui_application()  # fonts need one; do it before the database work
    db = open_existing_database(args.db)
    try:
        name = None if args.alliance is None else _alliance_name(db, args.alliance)
        report = report_lines(db, year=args.year, today=local_today(),
                              alliance_id=args.alliance, alliance_name=name)
    finally:
        db.dispose()
    if args.pdf:
        from alliance_desk.documents.fulfilment_report import (
            REPORT_LANDSCAPE,
            fulfilment_report_document,
        )

        return write(fulfilment_report_document(report), args.pdf, landscape=REPORT_LANDSCAPE)
    return _write_xlsx(report, args.xlsx)


def _alliance_name(db: Database, alliance_id: int) -> str:
    from alliance_desk.core.errors import NotFoundError
    from alliance_desk.services.alliances import get_alliance

    try:
        return get_alliance(db, alliance_id).alliance.name
    except NotFoundError as error:
        raise DomainError(
            f"没有编号为 {alliance_id} 的联盟 (no alliance with id {alliance_id})"
        ) from error


def _write_xlsx(report: ReportLines, xlsx: str) -> int:
    from alliance_desk.services.reports import write_fulfilment_xlsx

    target = Path(xlsx).expanduser().resolve()
    if not target.parent.is_dir():
        raise DomainError(f"文件夹不存在 (folder not found): {target.parent}")
    try:
        written = write_fulfilment_xlsx(report, target)
    except OSError as error:
        raise DomainError(f"无法写入 Excel 文件 (cannot write) {target}: {error}") from error
    print(written)
    return EXIT_OK
