"""``alliance-desk demo``: write the deterministic demo data set."""

from __future__ import annotations

import argparse
from pathlib import Path

from alliance_desk import config
from alliance_desk.commands import EXIT_OK, add_db_option
from alliance_desk.core.errors import DomainError


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
    print(f"已写入演示数据 (demo data written): {summary}")
    return EXIT_OK
