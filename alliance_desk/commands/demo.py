"""``alliance-desk demo``: write the deterministic demo data set."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from alliance_desk import config
from alliance_desk.commands import EXIT_OK, add_db_option, describe_database
from alliance_desk.core.errors import DomainError

if TYPE_CHECKING:
    from alliance_desk.services.demo import DemoSummary


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = commands.add_parser("demo", help="写入演示数据 (write demo data)")
    add_db_option(demo)
    demo.add_argument("--scale", type=int, default=1, help="数据规模倍数 (scale factor)")
    demo.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)
    demo.add_argument("--replace", action="store_true", help="替换已有数据 (replace existing data)")
    demo.set_defaults(handler=run)


def demo_database_path() -> Path:
    return config.data_dir() / "demo.sqlite"


def run(args: argparse.Namespace) -> int:
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import generate_demo

    if args.scale < 1:
        raise DomainError("规模倍数必须是正整数 (--scale must be ≥ 1)")
    if args.replace:
        print(
            f"将替换此数据库中的全部数据 (replacing all data in): {describe_database(args.db)}",
            flush=True,
        )
    db = open_database(args.db, auto_backup=False)
    if args.replace and db.sqlite_path is not None:
        from alliance_desk.storage.backup import automatic_backup

        automatic_backup(
            db.sqlite_path, config.backups_dir(), keep=config.BACKUPS_KEPT, prefix="before-demo"
        )
    try:
        options = {} if args.seed is None else {"seed": args.seed}
        summary = generate_demo(db, scale=args.scale, replace=args.replace, **options)
    finally:
        db.dispose()
    print(describe(summary))
    return EXIT_OK


def describe(summary: DemoSummary) -> str:
    """What was written, in a clerk's words (three lines)."""
    replaced = "，已替换原有数据" if summary.replaced else ""
    return (
        "已写入演示数据 (demo data written)："
        f"规模 {summary.scale}，种子 {summary.seed}{replaced}。\n"
        f"  党建联盟 {summary.alliances:,} 个，成员单位 {summary.units:,} 家"
        f"（停用 {summary.inactive_units:,} 家），成员关系 {summary.memberships:,} 条，"
        f"轮值任期 {summary.chair_terms:,} 个；\n"
        f"  联席会议 {summary.meetings:,} 次，双向承诺 {summary.commitments:,} 项，"
        f"评价 {summary.evaluations:,} 条；共 {summary.rows:,} 行。"
    )
