"""Headless CLI subcommands: each module here adds its parsers with ``register(subparsers)``.

A handler takes the parsed arguments and returns the exit code; a ``DomainError`` it
raises becomes a one-line message and exit code 1 (see ``alliance_desk.cli``).
"""

from __future__ import annotations

import argparse

COMMAND_MODULES: tuple[str, ...] = ("demo", "maintenance", "register", "printing", "reports")

EXIT_OK = 0
EXIT_FAILED = 1


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="SQLite 文件路径或 postgresql+psycopg:// 地址 (SQLite file or PostgreSQL URL)",
    )
