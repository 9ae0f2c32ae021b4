"""Headless CLI subcommands: each module here adds its parsers with ``register(subparsers)``.

A handler takes the parsed arguments and returns the exit code; a ``DomainError`` it
raises becomes a one-line message and exit code 1 (see ``alliance_desk.cli``).
"""

from __future__ import annotations

import argparse

COMMAND_MODULES: tuple[str, ...] = ("demo", "maintenance", "register", "printing", "reports")

EXIT_OK = 0
EXIT_FAILED = 1


# The subcommand's ``--db`` lands here, apart from the top-level one, so that one cannot
# silently replace the other: ``merge_db_options`` makes them one option.
SUBCOMMAND_DB = "subcommand_db"


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--db PATH|URL``: the same option before or after the subcommand's name."""
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        dest="db" if top_level else SUBCOMMAND_DB,
        default=None,
        help="SQLite 文件路径或 postgresql+psycopg:// 地址 (SQLite file or PostgreSQL URL)",
    )


def merge_db_options(args: argparse.Namespace) -> str | None:
    """One ``--db`` from either position; two different values are an error.

    Returns the value (None: ``ALLIANCE_DESK_DB`` or the default applies) and stores it
    in ``args.db``.
    """
    from alliance_desk import config
    from alliance_desk.core.errors import DomainError

    top = getattr(args, "db", None)
    sub = getattr(args, SUBCOMMAND_DB, None)
    if top and sub and config.resolve_database(top).url != config.resolve_database(sub).url:
        raise DomainError(
            f"--db 给了两个不同的数据库：{top} 和 {sub}，请只写一个 "
            "(--db was given twice with different databases)"
        )
    args.db = top or sub
    return args.db


def describe_database(db: str | None) -> str:
    """Which database a command touches, for destructive commands to say before acting."""
    from alliance_desk import config

    location = config.resolve_database(db)
    if location.sqlite_path is not None:
        return str(location.sqlite_path)
    return config.redact_url(location.url)
