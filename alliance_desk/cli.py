"""Command line: the GUI by default, and the headless jobs.

Every subcommand takes ``--db PATH|URL``; exit code 0 on success, 1 with a one-line
Chinese / English reason on failure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from alliance_desk import config
from alliance_desk.core.errors import DomainError

EXIT_OK = 0
EXIT_FAILED = 1

Handler = Callable[[argparse.Namespace], int]


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="SQLite 文件路径或 postgresql+psycopg:// 地址 (SQLite file or PostgreSQL URL)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliance-desk", description="党建联盟工作台 Alliance Desk"
    )
    _add_db_option(parser)
    parser.add_argument(
        "--demo", action="store_true", help="打开演示数据库 (open the demo database)"
    )
    parser.add_argument("--verbose", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="写入演示数据 (write demo data)")
    _add_db_option(demo)
    demo.add_argument("--scale", type=int, default=1, help="数据规模倍数 (scale factor)")
    demo.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)
    demo.add_argument("--replace", action="store_true", help="替换已有数据 (replace existing data)")
    demo.set_defaults(handler=_run_demo)

    backup = commands.add_parser("backup", help="备份数据库 (back up the database)")
    _add_db_option(backup)
    backup.add_argument("--to", metavar="FILE", help="备份文件路径 (backup file)")
    backup.set_defaults(handler=_run_backup)

    restore = commands.add_parser("restore", help="从备份恢复 (restore from a backup)")
    _add_db_option(restore)
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=_run_restore)

    check = commands.add_parser("check", help="检查数据库 (check the database)")
    _add_db_option(check)
    check.set_defaults(handler=_run_check)
    return parser


def _db_arg(args: argparse.Namespace) -> str | None:
    return args.db


def demo_database_path() -> Path:
    return config.data_dir() / "demo.sqlite"


def _run_demo(args: argparse.Namespace) -> int:
    from alliance_desk.services.bootstrap import open_database
    from alliance_desk.services.demo import generate_demo

    if args.scale < 1:
        raise DomainError("规模倍数必须是正整数 (--scale must be ≥ 1)")
    db = open_database(_db_arg(args), auto_backup=False)
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


def _sqlite_path_or_fail(args: argparse.Namespace) -> Path:
    location = config.resolve_database(_db_arg(args))
    if location.sqlite_path is None:
        raise DomainError(
            "PostgreSQL 数据库请用 pg_dump 备份和恢复 (use pg_dump/pg_restore for PostgreSQL)"
        )
    return location.sqlite_path


def _run_backup(args: argparse.Namespace) -> int:
    from alliance_desk.storage import backup

    path = _sqlite_path_or_fail(args)
    if args.to:
        saved = backup.backup(path, Path(args.to).expanduser().resolve())
    else:
        saved = backup.backup(path, config.backups_dir() / backup.timestamped_name("manual"))
    print(f"已备份到 (backed up to): {saved}")
    return EXIT_OK


def _run_restore(args: argparse.Namespace) -> int:
    from alliance_desk.storage import backup
    from alliance_desk.ui.instance_lock import InstanceLock

    path = _sqlite_path_or_fail(args)
    with InstanceLock.acquire_or_raise(path):
        kept = backup.restore(Path(args.file).expanduser().resolve(), path, config.backups_dir())
    print(f"已恢复 (restored): {path}")
    if kept:
        print(f"原数据库已另存为 (previous database kept at): {kept}")
    return EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    from alliance_desk.services.maintenance import check_database

    report = check_database(_db_arg(args))
    for line in report.lines:
        print(line)
    return EXIT_OK if report.ok else EXIT_FAILED


def _run_gui(args: argparse.Namespace) -> int:
    from alliance_desk.ui.app import run_gui

    db = args.db
    if args.demo and not db:
        db = str(demo_database_path())
    return run_gui(db, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from alliance_desk.logging_setup import configure_logging

    configure_logging(verbose=args.verbose)
    handler: Handler = getattr(args, "handler", _run_gui)
    try:
        return handler(args)
    except DomainError as exc:
        print(f"错误 (error): {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
