"""``alliance-desk print …`` for the 社区工作日 documents::

alliance-desk print signin-activity ACTIVITY_ID --pdf FILE
alliance-desk print feedback --year Y [--quarter Q] [--unit ID] --pdf FILE
alliance-desk print workday-roll --community ID --pdf FILE      # 报到一览表 (masked)
alliance-desk print report-forms (--unit ID | --member ID …) --pdf FILE   # 报到单 + 回执
alliance-desk print workday-posts --community ID --pdf FILE     # 服务岗位 (masked)
"""

from __future__ import annotations

import argparse

from alliance_desk.core.errors import DomainError

Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]


def register_print(documents: Subparsers) -> None:
    from alliance_desk.commands.printing import add_document_options

    signin = documents.add_parser("signin-activity", help="社区工作日活动签到表 (activity sign-in)")
    signin.add_argument("activity", metavar="ACTIVITY_ID", type=int)
    add_document_options(signin)
    signin.set_defaults(handler=run_signin)

    feedback = documents.add_parser("feedback", help="各单位反馈函 (feedback letters)")
    feedback.add_argument("--year", type=int, required=True, help="年度 (year)")
    feedback.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="季度 (quarter)")
    feedback.add_argument("--unit", metavar="ID", type=int, help="只打印一个单位 (one unit)")
    add_document_options(feedback)
    feedback.set_defaults(handler=run_feedback)

    roll = documents.add_parser("workday-roll", help="社区报到一览表，已隐去个人信息 (masked)")
    roll.add_argument("--community", metavar="ID", type=int, required=True)
    add_document_options(roll)
    roll.set_defaults(handler=run_roll)

    posts = documents.add_parser("workday-posts", help="社区服务岗位表 (service posts)")
    posts.add_argument("--community", metavar="ID", type=int, required=True)
    add_document_options(posts)
    posts.set_defaults(handler=run_posts)

    forms = documents.add_parser("report-forms", help="在职党员报到单及回执 (report forms)")
    who = forms.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", metavar="ID", type=int, help="单位的全部党员 (a unit's members)")
    who.add_argument("--member", metavar="ID", type=int, action="append", help="党员编号")
    add_document_options(forms)
    forms.set_defaults(handler=run_forms)


def _print(args: argparse.Namespace, build, *, landscape: bool = False) -> int:  # type: ignore[no-untyped-def]
    from alliance_desk.commands.printing import (
        ensure_gui_application,
        open_existing_database,
        write,
    )

    ensure_gui_application()
    db = open_existing_database(args.db)
    try:
        document = build(db)
    finally:
        db.dispose()
    return write(document, args.pdf, landscape=landscape)


def run_signin(args: argparse.Namespace) -> int:
    from alliance_desk.documents.workday.sources import activity_signin

    return _print(args, lambda db: activity_signin(db, args.activity))


def run_feedback(args: argparse.Namespace) -> int:
    from alliance_desk.documents.workday.sources import feedback_pack
    from alliance_desk.services.clock import local_today

    if not 2000 <= args.year <= 2100:
        raise DomainError(f"年度应在 2000–2100 之间 (year out of range): {args.year}")

    def build(db):  # type: ignore[no-untyped-def]
        pack = feedback_pack(
            db, args.year, args.quarter, unit_id=args.unit, printed_on=local_today()
        )
        print(f"反馈函 {len(pack.documents)} 封 (letters)")
        return pack

    return _print(args, build)


def run_roll(args: argparse.Namespace) -> int:
    from alliance_desk.documents.workday.sources import community_roll
    from alliance_desk.services.clock import local_today

    return _print(
        args,
        lambda db: community_roll(db, args.community, printed_on=local_today()),
        landscape=True,
    )


def run_posts(args: argparse.Namespace) -> int:
    from alliance_desk.documents.workday.sources import community_posts
    from alliance_desk.services.clock import local_today

    return _print(
        args,
        lambda db: community_posts(db, args.community, printed_on=local_today()),
        landscape=True,
    )


def run_forms(args: argparse.Namespace) -> int:
    from alliance_desk.documents.workday.sources import report_forms
    from alliance_desk.services.clock import local_today

    return _print(
        args,
        lambda db: report_forms(
            db, unit_id=args.unit, member_ids=args.member, printed_on=local_today()
        ),
    )
