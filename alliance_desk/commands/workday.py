"""社区工作日 / 双报到 on the command line::

    alliance-desk import members FILE.xlsx|csv           # 在职党员名单 (all rows or none)
    alliance-desk import attendance FILE.xlsx|csv        # paper sign-in sheets, checked
    alliance-desk export members FILE.xlsx               # the roll, with its personal-data notice
    alliance-desk export members-template FILE.xlsx
    alliance-desk report workday --year Y [--quarter Q] (--pdf FILE | --xlsx FILE)

The parsers hang under the ``import``/``export``/``report`` commands of the other command
modules, which call the ``register_*`` functions here. The printed documents (sign-in
sheet, letters) are in ``commands/workday_print.py``. ``--pdf`` draws the 双报到统计表 with
``alliance_desk.documents.workday.report.report_document(report)``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alliance_desk.commands import EXIT_FAILED, EXIT_OK, add_db_option
from alliance_desk.core.errors import DomainError

Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]
PDF_MISSING = "双报到统计表的 PDF 版式尚未安装，暂时只能导出 Excel：请改用 --xlsx FILE。"


def register_import(what: Subparsers) -> None:
    members = what.add_parser("members", help="在职党员报到名单 (in-service party members)")
    add_db_option(members)
    members.add_argument("file", metavar="FILE", help=".xlsx 或 .csv 文件")
    members.set_defaults(handler=run_import_members)
    attendance = what.add_parser(
        "attendance", help="社区工作日签到表，逐行检查 (paper sign-in sheets, checked)"
    )
    add_db_option(attendance)
    attendance.add_argument("file", metavar="FILE", help=".xlsx 或 .csv 文件")
    attendance.set_defaults(handler=run_import_attendance)


def register_export(what: Subparsers) -> None:
    members = what.add_parser("members", help="在职党员名单，含个人信息 (member roll)")
    add_db_option(members)
    members.add_argument("file", metavar="FILE", help=".xlsx")
    members.set_defaults(handler=run_export_members)
    template = what.add_parser("members-template", help="党员导入模板 (members import template)")
    add_db_option(template)
    template.add_argument("file", metavar="FILE", help=".xlsx")
    template.set_defaults(handler=run_members_template)


def register_report(kinds: Subparsers) -> None:
    workday = kinds.add_parser("workday", help="双报到统计表 (in-service members' report)")
    workday.add_argument("--year", metavar="Y", type=int, required=True, help="年度 (the year)")
    workday.add_argument(
        "--quarter", metavar="Q", type=int, choices=(1, 2, 3, 4), help="季度 1–4 (a quarter)"
    )
    output = workday.add_mutually_exclusive_group(required=True)
    output.add_argument("--pdf", metavar="FILE", help="输出 PDF 文件")
    output.add_argument("--xlsx", metavar="FILE", help="输出 Excel 文件")
    add_db_option(workday)
    workday.set_defaults(handler=run_report_workday)


def _open(db: str | None):  # type: ignore[no-untyped-def]
    from alliance_desk.commands.printing import open_existing_database

    return open_existing_database(db)


def _xlsx_target(file: str) -> Path:
    target = Path(file).expanduser().resolve()
    if target.suffix.casefold() != ".xlsx":
        raise DomainError(f"请使用 .xlsx 文件名 (use an .xlsx file name): {target.name}")
    if not target.parent.is_dir():
        raise DomainError(f"文件夹不存在 (folder not found): {target.parent}")
    return target


def _print_preview(preview: object) -> bool:
    for warning in preview.warnings:  # type: ignore[attr-defined]
        print(f"提示 (note): {warning}")
    for row in preview.error_rows:  # type: ignore[attr-defined]
        print(f"第 {row.row_number} 行 有错误：{row.reason}")
    print(
        f"可导入 {preview.ok_count}，有错误 {len(preview.error_rows)} (ok/error)"  # type: ignore[attr-defined]
    )
    if not preview.can_apply:  # type: ignore[attr-defined]
        print("有错误的行或没有数据，未写入任何数据 (nothing written)", file=sys.stderr)
        return False
    return True


def run_import_members(args: argparse.Namespace) -> int:
    from alliance_desk.services.clock import local_today
    from alliance_desk.services.workday.members_import import (
        apply_members_import,
        preview_members_import,
    )

    db = _open(args.db)
    try:
        preview = preview_members_import(db, Path(args.file), today=local_today())
        if not _print_preview(preview):
            return EXIT_FAILED
        count = apply_members_import(db, preview)
    finally:
        db.dispose()
    print(f"已导入在职党员 {count} 名 (imported)")
    return EXIT_OK


def run_import_attendance(args: argparse.Namespace) -> int:
    from alliance_desk.services.workday.attendance_import import (
        apply_attendance_import,
        preview_attendance_import,
    )

    db = _open(args.db)
    try:
        preview = preview_attendance_import(db, Path(args.file))
        if not _print_preview(preview):
            return EXIT_FAILED
        count = apply_attendance_import(db, preview)
    finally:
        db.dispose()
    print(f"已导入考勤 {count} 条，待社区确认时长 (imported, to be confirmed)")
    return EXIT_OK


def run_export_members(args: argparse.Namespace) -> int:
    from alliance_desk.services.clock import local_today
    from alliance_desk.services.workday.exports import export_members

    target = _xlsx_target(args.file)
    db = _open(args.db)
    try:
        count = export_members(db, target, today=local_today())
    finally:
        db.dispose()
    print(f"已导出在职党员 {count} 名；文件含个人信息，请妥善保管 (contains personal data)")
    print(target)
    return EXIT_OK


def run_members_template(args: argparse.Namespace) -> int:
    from alliance_desk.services.workday.members_import import write_members_template

    print(write_members_template(_xlsx_target(args.file)))
    return EXIT_OK


def _report_document():  # type: ignore[no-untyped-def]
    """The PDF layout of the 双报到统计表 (``documents/workday/report.py``), or a clear
    refusal while it is not installed."""
    try:
        from alliance_desk.documents.workday.report import report_document
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("alliance_desk.documents.workday"):
            raise DomainError(PDF_MISSING) from exc
        raise
    except ImportError as exc:
        raise DomainError(PDF_MISSING) from exc
    return report_document


def run_report_workday(args: argparse.Namespace) -> int:
    from alliance_desk.commands.printing import ensure_gui_application, write
    from alliance_desk.services.workday.stats import workday_report

    if not 2000 <= args.year <= 2100:
        raise DomainError(f"年度应在 2000–2100 之间 (year out of range): {args.year}")
    document = None
    if args.pdf:
        document = _report_document()
        ensure_gui_application()
    db = _open(args.db)
    try:
        report = workday_report(db, args.year, args.quarter)
    finally:
        db.dispose()
    flagged = report.flagged_units
    print(
        f"{report.period.label}：应报到 {report.total.expected}，已报到 {report.total.reported}，"
        f"低于预警线的单位 {len(flagged)} 个"
    )
    if document is not None:
        return write(document(report), args.pdf, landscape=True)
    from alliance_desk.services.workday.exports import write_report_xlsx

    print(write_report_xlsx(report, _xlsx_target(args.xlsx)))
    return EXIT_OK
