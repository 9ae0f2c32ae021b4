"""书记一号工程 and 年终考核 on the command line::

alliance-desk print tasks --year Y --pdf FILE             # 任务书 + 责任书
alliance-desk print project PROJECT_ID --pdf FILE         # project card with milestones
alliance-desk print wallchart --year Y [--a3] --pdf FILE  # 挂图作战
alliance-desk print inspections --year Y --pdf FILE       # 督查通报
alliance-desk print scorecard --year Y [--unit ID] --pdf FILE
alliance-desk report assessment --year Y (--pdf FILE | --xlsx FILE)
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from alliance_desk.commands import EXIT_OK, add_db_option
from alliance_desk.commands.printing import (
    add_document_options,
    ensure_gui_application,
    open_existing_database,
    write,
)
from alliance_desk.core.errors import DomainError

Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]


def _year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", metavar="Y", type=int, required=True, help="年度 (the year)")


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2099:
        raise DomainError(f"年度应在 2000–2099 之间 (year out of range): {year}")


def _check_assessed_year(year: int) -> None:
    """A year not begun has nothing to assess: its file would only show default weights."""
    _check_year(year)
    if year > _today().year:
        raise DomainError(f"{year}年度尚未开始，无可考核 (year {year} has not begun)")


def _today() -> date:
    from alliance_desk.services.clock import local_today

    return local_today()


def register_print(documents: Subparsers) -> None:
    tasks = documents.add_parser("tasks", help="任务书和各单位责任书 (task list and pledges)")
    _year(tasks)
    add_document_options(tasks)
    tasks.set_defaults(handler=run_tasks)
    project = documents.add_parser("project", help="书记项目卡 (a secretary project's card)")
    project.add_argument("project", metavar="PROJECT_ID", type=int, help="项目编号 (project id)")
    add_document_options(project)
    project.set_defaults(handler=run_project)
    chart = documents.add_parser("wallchart", help="挂图作战图 (wall chart of a year's projects)")
    _year(chart)
    chart.add_argument("--a3", action="store_true", help="A3 纸 (A3 paper; default A4)")
    add_document_options(chart)
    chart.set_defaults(handler=run_wallchart)
    bulletin = documents.add_parser("inspections", help="督查通报 (inspection bulletin)")
    _year(bulletin)
    add_document_options(bulletin)
    bulletin.set_defaults(handler=run_inspections)
    card = documents.add_parser("scorecard", help="考核评分表 (assessment scorecards)")
    _year(card)
    card.add_argument("--unit", metavar="ID", type=int, help="只打印一个单位 (one unit only)")
    add_document_options(card)
    card.set_defaults(handler=run_scorecard)


def register_report(kinds: Subparsers) -> None:
    assessment = kinds.add_parser(
        "assessment", help="综合考核结果 (the year's assessment: summary, ballots, surveys)"
    )
    _year(assessment)
    output = assessment.add_mutually_exclusive_group(required=True)
    output.add_argument("--pdf", metavar="FILE", help="输出 PDF 文件 (PDF file to write)")
    output.add_argument("--xlsx", metavar="FILE", help="输出 Excel 文件 (.xlsx file to write)")
    add_db_option(assessment)
    assessment.set_defaults(handler=run_assessment)


def run_tasks(args: argparse.Namespace) -> int:
    from alliance_desk.services.projects.tasks import task_sheet

    _check_year(args.year)
    ensure_gui_application()
    db = open_existing_database(args.db)
    try:
        sheet = task_sheet(db, args.year, today=_today())
    finally:
        db.dispose()
    if not sheet.exists:
        raise DomainError(f"{args.year}年还没有任务书 (no task list for {args.year})")
    from alliance_desk.documents.projects.sheets import TASKS_LANDSCAPE, tasks_document

    return write(
        tasks_document(sheet, printed_on=_today()), args.pdf, landscape=TASKS_LANDSCAPE
    )


def run_project(args: argparse.Namespace) -> int:
    from alliance_desk.core.errors import NotFoundError
    from alliance_desk.services.projects.records import get_project

    ensure_gui_application()
    db = open_existing_database(args.db)
    try:
        detail = get_project(db, args.project, today=_today())
    except NotFoundError as error:
        raise DomainError(
            f"没有编号为 {args.project} 的书记项目 (no project with id {args.project})"
        ) from error
    finally:
        db.dispose()
    from alliance_desk.documents.projects.sheets import CARD_LANDSCAPE, project_card_document

    return write(
        project_card_document(detail, printed_on=_today()), args.pdf, landscape=CARD_LANDSCAPE
    )


def run_wallchart(args: argparse.Namespace) -> int:
    from alliance_desk.services.projects.wallchart import wall_chart

    _check_year(args.year)
    ensure_gui_application()
    db = open_existing_database(args.db)
    try:
        chart = wall_chart(db, year=args.year, today=_today())
    finally:
        db.dispose()
    if not chart.rows:  # as the page says; an empty chart on the wall helps no one
        raise DomainError(f"{args.year}年度没有书记项目 (no secretary projects in {args.year})")
    return write_wallchart(chart, args.pdf, a3=args.a3)


def write_wallchart(chart: object, pdf: str, *, a3: bool) -> int:
    from alliance_desk.documents.pdf import write_pdf
    from alliance_desk.documents.projects.wallchart import WallChartDocument, wallchart_spec

    target = Path(pdf).expanduser().resolve()
    if not target.parent.is_dir():
        raise DomainError(f"文件夹不存在 (folder not found): {target.parent}")
    document = WallChartDocument(chart, printed_on=_today(), a3=a3)  # type: ignore[arg-type]
    try:
        written = write_pdf(document, target, spec=wallchart_spec(a3))
    except OSError as error:
        raise DomainError(f"无法写入 PDF (cannot write the PDF) {target}: {error}") from error
    print(written)
    return EXIT_OK


def run_inspections(args: argparse.Namespace) -> int:
    from alliance_desk.services.projects.milestones import list_inspections

    _check_year(args.year)
    ensure_gui_application()
    today = _today()
    db = open_existing_database(args.db)
    try:
        rows = list_inspections(db, year=args.year, today=today)
    finally:
        db.dispose()
    from alliance_desk.documents.projects.sheets import (
        BULLETIN_LANDSCAPE,
        inspection_bulletin_document,
    )

    document = inspection_bulletin_document(
        rows, year=args.year, today=today, printed_on=_today()
    )
    return write(document, args.pdf, landscape=BULLETIN_LANDSCAPE)


def run_scorecard(args: argparse.Namespace) -> int:
    from alliance_desk.services.assessment.results import assess_year, scorecard
    from alliance_desk.services.assessment.setup import assessment_setup

    _check_assessed_year(args.year)
    ensure_gui_application()
    db = open_existing_database(args.db)
    try:
        setup = assessment_setup(db, args.year)
        if args.unit is None:
            lines = list(assess_year(db, args.year, today=_today()).lines)
        else:
            lines = [scorecard(db, args.year, args.unit, today=_today())]
    finally:
        db.dispose()
    if not lines:
        raise DomainError("没有参加考核的单位 (no units to assess)")
    from alliance_desk.documents.assessment import scorecards_document

    document = scorecards_document(
        lines, year=args.year, setup=setup, frozen=setup.locked, printed_on=_today()
    )
    return write(document, args.pdf, landscape=False)


def run_assessment(args: argparse.Namespace) -> int:
    from alliance_desk.services.assessment.results import assess_year
    from alliance_desk.services.assessment.setup import (
        ballot_lines,
        list_rater_groups,
        list_surveys,
    )

    _check_assessed_year(args.year)
    if args.pdf:
        ensure_gui_application()
    db = open_existing_database(args.db)
    try:
        report = assess_year(db, args.year, today=_today())
        ballots = ballot_lines(db, args.year)
        groups = list_rater_groups(db, args.year)
        surveys = list_surveys(db, args.year)
    finally:
        db.dispose()
    if args.xlsx:
        from alliance_desk.services.assessment.xlsx import write_assessment_xlsx

        target = Path(args.xlsx).expanduser().resolve()
        if not target.parent.is_dir():
            raise DomainError(f"文件夹不存在 (folder not found): {target.parent}")
        print(write_assessment_xlsx(report, ballots, surveys, target))
        return EXIT_OK
    from alliance_desk.documents.assessment import (
        review_summary_document,
        summary_document,
        survey_summary_document,
    )
    from alliance_desk.documents.paged import DocumentPack

    today = _today()
    pack = DocumentPack(
        [
            summary_document(report, printed_on=today),
            review_summary_document(ballots, groups, year=args.year, printed_on=today),
            survey_summary_document(surveys, year=args.year, printed_on=today),
        ],
        title=f"{args.year}年度综合考核结果",
    )
    return write(pack, args.pdf, landscape=True)
