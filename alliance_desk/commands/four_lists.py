"""四项清单 on the command line::

    alliance-desk import needs FILE.xlsx|csv
    alliance-desk export lists FILE.xlsx            # needs, resources, projects, claims
    alliance-desk export needs-template FILE.xlsx
    alliance-desk print lists (--alliance ID | --all) [--a3] --pdf FILE   # records 第N期
    alliance-desk print needs-form --pdf FILE       # blank 需求征集登记表
    alliance-desk report lists --year Y (--pdf FILE | --xlsx FILE)

The parsers hang under the ``import``/``export``/``print``/``report`` commands of the
other command modules, which call the ``register_*`` functions here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alliance_desk.commands import EXIT_FAILED, EXIT_OK, add_db_option
from alliance_desk.core.errors import DomainError

Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]


def register_import(what: Subparsers) -> None:
    needs = what.add_parser("needs", help="需求征集登记表 (residents' needs)")
    add_db_option(needs)
    needs.add_argument("file", metavar="FILE", help=".xlsx 或 .csv 文件")
    needs.set_defaults(handler=run_import_needs)


def register_export(what: Subparsers) -> None:
    lists = what.add_parser("lists", help="四项清单：需求、资源、项目、责任各一张表 (four lists)")
    add_db_option(lists)
    lists.add_argument("file", metavar="FILE", help=".xlsx")
    lists.set_defaults(handler=run_export_lists)
    template = what.add_parser("needs-template", help="需求导入模板 (needs import template)")
    add_db_option(template)
    template.add_argument("file", metavar="FILE", help=".xlsx")
    template.set_defaults(handler=run_needs_template)


def register_print(documents: Subparsers) -> None:
    from alliance_desk.commands.printing import add_document_options

    lists = documents.add_parser(
        "lists", help="四项清单公示表，登记为新一期 (wall list, recorded as the next issue)"
    )
    scope = lists.add_mutually_exclusive_group(required=True)
    scope.add_argument("--alliance", metavar="ID", type=int, help="联盟编号 (alliance id)")
    scope.add_argument("--all", action="store_true", help="全街道 (all alliances)")
    lists.add_argument("--a3", action="store_true", help="A3 横向 (A3 landscape)")
    add_document_options(lists)
    lists.set_defaults(handler=run_print_lists)
    form = documents.add_parser("needs-form", help="空白需求征集登记表 (blank needs form)")
    add_document_options(form)
    form.set_defaults(handler=run_print_needs_form)


def register_report(kinds: Subparsers) -> None:
    lists = kinds.add_parser("lists", help="四项清单统计表 (four-list statistics for a year)")
    lists.add_argument("--year", metavar="Y", type=int, required=True, help="年度 (the year)")
    lists.add_argument("--alliance", metavar="ID", type=int, help="只统计一个联盟")
    output = lists.add_mutually_exclusive_group(required=True)
    output.add_argument("--pdf", metavar="FILE", help="输出 PDF 文件")
    output.add_argument("--xlsx", metavar="FILE", help="输出 Excel 文件")
    add_db_option(lists)
    lists.set_defaults(handler=run_report_lists)


def _open(db: str | None):  # type: ignore[no-untyped-def]
    from alliance_desk.commands.printing import open_existing_database

    return open_existing_database(db)


def run_import_needs(args: argparse.Namespace) -> int:
    from alliance_desk.services.commitments import local_today
    from alliance_desk.services.four_lists.needs_import import (
        apply_needs_import,
        preview_needs_import,
    )

    today = local_today()
    db = _open(args.db)
    try:
        preview = preview_needs_import(db, Path(args.file), today=today)
        for warning in preview.warnings:
            print(f"提示 (note): {warning}")
        for row in preview.error_rows:
            print(f"第 {row.row_number} 行 有错误：{row.reason}")
        print(f"可导入 {preview.ok_count}，有错误 {len(preview.error_rows)} (ok/error)")
        if not preview.can_apply:
            print("有错误的行或没有数据，未写入任何数据 (nothing written)", file=sys.stderr)
            return EXIT_FAILED
        count = apply_needs_import(db, preview, today=today)
    finally:
        db.dispose()
    print(f"已导入需求 {count} 条 (imported)")
    return EXIT_OK


def run_export_lists(args: argparse.Namespace) -> int:
    from alliance_desk.services.commitments import local_today
    from alliance_desk.services.four_lists.exports import export_lists

    target = _xlsx_target(args.file)
    db = _open(args.db)
    try:
        path = export_lists(db, target, today=local_today())
    finally:
        db.dispose()
    print(path)
    return EXIT_OK


def run_needs_template(args: argparse.Namespace) -> int:
    from alliance_desk.services.four_lists.needs_import import write_needs_template

    print(write_needs_template(_xlsx_target(args.file)))
    return EXIT_OK


def _xlsx_target(file: str) -> Path:
    target = Path(file).expanduser().resolve()
    if target.suffix.casefold() != ".xlsx":
        raise DomainError(f"请使用 .xlsx 文件名 (use an .xlsx file name): {target.name}")
    if not target.parent.is_dir():
        raise DomainError(f"文件夹不存在 (folder not found): {target.parent}")
    return target


def run_print_lists(args: argparse.Namespace) -> int:
    from alliance_desk.commands.printing import ensure_gui_application
    from alliance_desk.services.commitments import local_today
    from alliance_desk.services.four_lists.postings import preview_posting, record_issue

    ensure_gui_application()
    target = Path(args.pdf).expanduser().resolve()
    if not target.parent.is_dir():
        raise DomainError(f"文件夹不存在 (folder not found): {target.parent}")
    paper = "A3" if args.a3 else "A4"
    from alliance_desk.documents.four_lists import posting_document, posting_spec
    from alliance_desk.documents.pdf import write_pdf

    db = _open(args.db)
    try:
        issue = preview_posting(
            db, alliance_id=None if args.all else args.alliance, today=local_today(), paper=paper
        )
        written = write_pdf(posting_document(issue), target, spec=posting_spec(paper))
        record_issue(db, issue)  # only once the PDF exists
    finally:
        db.dispose()
    print(f"第{issue.number}期，{len(issue.lines)} 项，本期调整 {len(issue.adjustments)} 处")
    print(written)
    return EXIT_OK


def run_print_needs_form(args: argparse.Namespace) -> int:
    from alliance_desk.commands.printing import ensure_gui_application, write

    ensure_gui_application()
    from alliance_desk.documents.four_lists import needs_form_document

    return write(needs_form_document(), args.pdf, landscape=True)


def run_report_lists(args: argparse.Namespace) -> int:
    from alliance_desk.commands.printing import ensure_gui_application, write
    from alliance_desk.services.commitments import local_today
    from alliance_desk.services.four_lists.stats import list_statistics

    if not 1949 <= args.year <= 2099:
        raise DomainError(f"年度应在 1949–2099 之间 (year out of range): {args.year}")
    if args.pdf:
        ensure_gui_application()
    db = _open(args.db)
    try:
        stats = list_statistics(db, year=args.year, today=local_today(), alliance_id=args.alliance)
    finally:
        db.dispose()
    if args.alliance is not None and not stats.lines:
        raise DomainError(
            f"没有编号为 {args.alliance} 的联盟 (no alliance with id {args.alliance})"
        )
    if args.pdf:
        from alliance_desk.documents.four_lists import statistics_document

        return write(statistics_document(stats), args.pdf, landscape=True)
    from alliance_desk.services.four_lists.exports import write_statistics_xlsx

    print(write_statistics_xlsx(stats, _xlsx_target(args.xlsx)))
    return EXIT_OK
