"""``backup``, ``restore`` and ``check``."""

from __future__ import annotations

import argparse
from pathlib import Path

from alliance_desk import config
from alliance_desk.commands import EXIT_FAILED, EXIT_OK, add_db_option
from alliance_desk.core.errors import DomainError


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser("backup", help="备份数据库 (back up the database)")
    add_db_option(backup)
    backup.add_argument("--to", metavar="FILE", help="备份文件路径 (backup file)")
    backup.set_defaults(handler=run_backup)

    restore = commands.add_parser("restore", help="从备份恢复 (restore from a backup)")
    add_db_option(restore)
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=run_restore)

    check = commands.add_parser("check", help="检查数据库 (check the database)")
    add_db_option(check)
    check.set_defaults(handler=run_check)


def _sqlite_path_or_fail(args: argparse.Namespace) -> Path:
    location = config.resolve_database(args.db)
    if location.sqlite_path is None:
        raise DomainError(
            "PostgreSQL 数据库请用 pg_dump 备份和恢复 (use pg_dump/pg_restore for PostgreSQL)"
        )
    return location.sqlite_path


def run_backup(args: argparse.Namespace) -> int:
    from alliance_desk.storage import backup

    path = _sqlite_path_or_fail(args)
    if args.to:
        saved = backup.backup(path, Path(args.to).expanduser().resolve())
    else:
        saved = backup.backup(path, config.backups_dir() / backup.timestamped_name("manual"))
    print(f"已备份到 (backed up to): {saved}")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from alliance_desk.storage import backup
    from alliance_desk.ui.instance_lock import InstanceLock

    path = _sqlite_path_or_fail(args)
    print(f"将用备份替换数据库 (restoring into): {path}", flush=True)
    with InstanceLock.acquire_or_raise(path):
        kept = backup.restore(Path(args.file).expanduser().resolve(), path, config.backups_dir())
    print(f"已恢复 (restored): {path}")
    if kept:
        print(f"原数据库已另存为 (previous database kept at): {kept}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from alliance_desk.services.maintenance import check_database

    report = check_database(args.db)
    for line in report.lines:
        print(line)
    return EXIT_OK if report.ok else EXIT_FAILED
