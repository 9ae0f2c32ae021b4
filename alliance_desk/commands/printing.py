"""``alliance-desk print …``: printable documents written to PDF without the GUI.

``print`` has its own sub-commands, one per document family; each takes ``--pdf FILE``
and ``--db``::

    alliance-desk print roster [--alliance ID] --pdf FILE
    alliance-desk print rota --year Y [--alliance ID] --pdf FILE
    alliance-desk print agenda|notice|signin|minutes|pack MEETING_ID --pdf FILE
    alliance-desk print agendas --month 2026-12 --pdf FILE

A later document adds ``register_<name>(documents)`` here and one line in
:func:`register`; its handler loads plain dataclasses from a service, builds a
QTextDocument in :mod:`alliance_desk.documents` and hands it to :func:`write`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from alliance_desk.commands import EXIT_OK, add_db_option
from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import MeetingState
from alliance_desk.services.clock import local_today

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QTextDocument

    from alliance_desk.documents.page import Printable
    from alliance_desk.services import Database
    from alliance_desk.services.meetings.records import MeetingDetail

Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]


def register(commands: Subparsers) -> None:
    printing = commands.add_parser(
        "print",
        help="打印文档为 PDF (print documents to PDF)",
        description="把名册等文档写成 PDF (write rosters and other documents as PDF)",
    )
    documents = printing.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    register_roster(documents)
    register_rota(documents)
    register_meeting_documents(documents)
    from alliance_desk.commands import four_lists, projects, workday_print

    four_lists.register_print(documents)
    projects.register_print(documents)
    workday_print.register_print(documents)


def add_document_options(parser: argparse.ArgumentParser) -> None:
    """``--pdf FILE`` (required) and ``--db``: every ``print`` sub-command takes both."""
    parser.add_argument(
        "--pdf", metavar="FILE", required=True, help="输出的 PDF 文件 (PDF file to write)"
    )
    add_db_option(parser)


def register_roster(documents: Subparsers) -> None:
    roster = documents.add_parser(
        "roster",
        help="联盟成员名册或成员单位名册 (alliance roster, or the whole unit register)",
    )
    roster.add_argument(
        "--alliance",
        metavar="ID",
        type=int,
        help="联盟编号；不填则打印全部成员单位名册 (alliance id; omit for the unit register)",
    )
    add_document_options(roster)
    roster.set_defaults(handler=run_roster)


def run_roster(args: argparse.Namespace) -> int:
    ensure_gui_application()
    db = open_existing_database(args.db)
    try:
        if args.alliance is None:
            document, landscape = _unit_register(db)
        else:
            document, landscape = _alliance_roster(db, args.alliance)
    finally:
        db.dispose()
    return write(document, args.pdf, landscape=landscape)


def _unit_register(db: Database) -> tuple[Printable, bool]:
    from alliance_desk.documents.roster import REGISTER_LANDSCAPE, unit_register_document
    from alliance_desk.services.units import list_units

    units = list_units(db)
    return unit_register_document(units, printed_on=local_today()), REGISTER_LANDSCAPE


def _alliance_roster(db: Database, alliance_id: int) -> tuple[QTextDocument, bool]:
    from alliance_desk.core.errors import NotFoundError
    from alliance_desk.documents.roster import alliance_roster_document
    from alliance_desk.services.alliances import get_alliance

    try:
        detail = get_alliance(db, alliance_id)
    except NotFoundError as error:
        raise DomainError(
            f"没有编号为 {alliance_id} 的联盟 (no alliance with id {alliance_id})"
        ) from error
    return alliance_roster_document(detail, printed_on=local_today()), False


def register_rota(documents: Subparsers) -> None:
    rota = documents.add_parser(
        "rota",
        help="轮值主席轮值表 (the rotating-chair rota of one alliance, or of all, for a year)",
    )
    rota.add_argument(
        "--year", metavar="Y", type=int, required=True, help="年度 (the year to print)"
    )
    rota.add_argument(
        "--alliance",
        metavar="ID",
        type=int,
        help="联盟编号；不填则打印全部联盟的年度轮值表 (alliance id; omit for all alliances)",
    )
    add_document_options(rota)
    rota.set_defaults(handler=run_rota)


def run_rota(args: argparse.Namespace) -> int:
    from alliance_desk.documents.rota import rota_document, rota_is_landscape
    from alliance_desk.services.rotation import list_terms

    if not 1949 <= args.year <= 2099:
        raise DomainError(f"年度应在 1949–2099 之间 (year out of range): {args.year}")
    ensure_gui_application()
    db = open_existing_database(args.db)
    try:
        name = None if args.alliance is None else _alliance_name(db, args.alliance)
        terms = list_terms(db, alliance_id=args.alliance, year=args.year)
    finally:
        db.dispose()
    if not terms:
        scope = f"{name}" if name else "任何联盟"
        raise DomainError(
            f"{args.year} 年{scope}还没有轮值安排，没有可打印的轮值表；请先在“轮值安排”中生成"
            f" (no rota for {args.year})"
        )
    document = rota_document(terms, year=args.year, alliance_name=name, printed_on=local_today())
    return write(document, args.pdf, landscape=rota_is_landscape(name))


def _alliance_name(db: Database, alliance_id: int) -> str:
    from alliance_desk.core.errors import NotFoundError
    from alliance_desk.services.alliances import get_alliance

    try:
        return get_alliance(db, alliance_id).alliance.name
    except NotFoundError as error:
        raise DomainError(
            f"没有编号为 {alliance_id} 的联盟 (no alliance with id {alliance_id})"
        ) from error


# --- meetings ---------------------------------------------------------------------

MEETING_DOCUMENTS = {
    "notice": "会议通知 (meeting notice)",
    "agenda": "会议议程 (agenda)",
    "signin": "签到表 (sign-in sheet)",
    "minutes": "会议纪要 (minutes)",
    "pack": "会议材料：通知、议程、签到表、纪要合订 (all four in one PDF)",
}


def register_meeting_documents(documents: Subparsers) -> None:
    """``print notice|agenda|signin|minutes|pack MEETING_ID`` and ``print agendas --month``."""
    for kind, label in MEETING_DOCUMENTS.items():
        parser = documents.add_parser(kind, help=label)
        parser.add_argument("meeting", metavar="MEETING_ID", type=int, help="会议编号 (meeting id)")
        add_document_options(parser)
        parser.set_defaults(handler=run_meeting_document, kind=kind)
    agendas = documents.add_parser(
        "agendas", help="某月全部联盟的会议议程 (every alliance's agendas of a month)"
    )
    agendas.add_argument(
        "--month",
        metavar="YYYY-MM",
        type=parse_month,
        required=True,
        help="月份，如 2026-12 (the month, e.g. 2026-12)",
    )
    add_document_options(agendas)
    agendas.set_defaults(handler=run_month_agendas)


def parse_month(text: str) -> tuple[int, int]:
    """``2026-12`` → (2026, 12); anything else is refused in the clerk's words."""
    year, dash, month = text.strip().partition("-")
    valid = dash and year.isdigit() and month.isdigit() and len(year) == 4
    if valid and 1949 <= int(year) <= 2099 and 1 <= int(month) <= 12:
        return int(year), int(month)
    raise argparse.ArgumentTypeError(f"月份应写成 2026-12 这样的形式 (month as YYYY-MM): {text}")


def run_meeting_document(args: argparse.Namespace) -> int:
    detail = _quick_agenda(args) if args.kind == "agenda" else None
    if detail is None:
        detail = _read_meeting(args)
    not_held = detail.meeting.state in (MeetingState.DRAFT, MeetingState.NOTIFIED)
    if args.kind == "minutes" and not_held:
        raise DomainError(
            f"会议 {args.meeting} 尚未召开（{detail.meeting.state.label}），还没有纪要可打印；"
            f"请在会议召开、填写纪要后再打印 (meeting not held yet: no minutes)"
        )
    ensure_gui_application()
    from alliance_desk.documents.meetings import build_document

    document = build_document(args.kind, detail, printed_on=local_today())
    if args.kind == "pack" and not_held:
        print(
            "注意：会议尚未召开，合订本中的纪要是空白草稿"
            " (meeting not held: the minutes are a blank draft)",
            file=sys.stderr,
        )
    return write(document, args.pdf, landscape=False)


def _read_meeting(args: argparse.Namespace) -> MeetingDetail:
    """The meeting; printing its notice (alone or in the pack) first stores its 发文日期."""
    from alliance_desk.core.errors import NotFoundError
    from alliance_desk.services.meetings.lifecycle import issue_notice
    from alliance_desk.services.meetings.reading import get_meeting

    db = open_existing_database(args.db)
    try:
        if args.kind in ("notice", "pack"):
            return issue_notice(db, args.meeting)
        return get_meeting(db, args.meeting)
    except NotFoundError as error:
        raise DomainError(
            f"没有编号为 {args.meeting} 的会议 (no meeting with id {args.meeting})"
        ) from error
    finally:
        db.dispose()


def _quick_agenda(args: argparse.Namespace) -> MeetingDetail | None:
    """A SQLite file at the current schema is read without SQLAlchemy (see quick_agenda)."""
    from alliance_desk import config
    from alliance_desk.services.meetings.quick_agenda import read_agenda_detail

    path = config.resolve_database(args.db).sqlite_path
    return None if path is None else read_agenda_detail(path, args.meeting)


def run_month_agendas(args: argparse.Namespace) -> int:
    from alliance_desk.services.meetings.batch import meetings_in_month

    year, month = args.month
    db = open_existing_database(args.db)
    try:
        details = meetings_in_month(db, year, month)
    finally:
        db.dispose()
    if not details:
        raise DomainError(f"{year}年{month}月没有安排联席会议 (no meetings in {year}-{month:02d})")
    ensure_gui_application()
    from alliance_desk.documents.meetings import agendas_document, month_title

    document = agendas_document(details, title=month_title(year, month), printed_on=local_today())
    return write(document, args.pdf, landscape=False)


# --- shared by every print sub-command -------------------------------------------


def open_existing_database(db: str | None) -> Database:
    """Open ``--db`` for reading; a missing or empty SQLite file is an error, not created."""
    from alliance_desk.services.bootstrap import open_database

    return open_database(db, auto_backup=False, must_exist=True)


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication (fonts need one; widgets don't).

    On Linux without a display, Qt's offscreen platform is used, so the command works
    over SSH and in scheduled jobs.
    """
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    return app


def write(document: Printable, pdf: str, *, landscape: bool) -> int:
    """Write ``document`` to ``pdf``, print the path; a file that can't be written is one line."""
    from alliance_desk.documents.fonts import font_warning
    from alliance_desk.documents.pdf import write_pdf

    warning = font_warning()
    if warning:
        print(f"警告 (warning): {warning}", file=sys.stderr)
    target = Path(pdf).expanduser().resolve()
    if not target.parent.is_dir():
        raise DomainError(f"文件夹不存在 (folder not found): {target.parent}")
    try:
        written = write_pdf(document, target, landscape=landscape)
    except OSError as error:
        raise DomainError(f"无法写入 PDF (cannot write the PDF) {target}: {error}") from error
    print(written)
    return EXIT_OK
