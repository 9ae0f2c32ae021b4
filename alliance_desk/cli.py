"""Command line: the GUI by default, and the headless jobs in ``alliance_desk.commands``.

Every subcommand takes ``--db PATH|URL``; exit code 0 on success, 1 with a one-line
Chinese / English reason on failure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from alliance_desk.commands import (
    COMMAND_MODULES,
    EXIT_FAILED,
    EXIT_OK,
    add_db_option,
    merge_db_options,
)
from alliance_desk.core.errors import DomainError

__all__ = ["EXIT_FAILED", "EXIT_OK", "build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


class _VersionAction(argparse.Action):
    """``--version``: the text is made only when asked for (it reads package metadata)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from alliance_desk.version import version_text

        print(version_text())
        parser.exit()


def _top_level_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliance-desk", description="党建联盟工作台 Alliance Desk"
    )
    add_db_option(parser, top_level=True)
    parser.add_argument(
        "--version", action=_VersionAction, help="显示版本并退出 (show the version and exit)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="打开演示数据库 (open the demo database)"
    )
    parser.add_argument("--verbose", action="store_true", help=argparse.SUPPRESS)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _top_level_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"alliance_desk.commands.{name}").register(commands)
    return parser


_GUI_FLAGS = frozenset({"--demo", "--verbose"})


def opens_the_window(argv: Sequence[str]) -> bool:
    """True when ``argv`` only holds the window's own options (``--db X``, ``--demo``,
    ``--verbose``): then the subcommands' parsers (and their imports) are not needed.
    Anything else (a command, ``--help``, ``--version``, a mistake) gets the full parser."""
    tokens = iter(argv)
    for token in tokens:
        if token in _GUI_FLAGS or (token.startswith("--db=") and len(token) > len("--db=")):
            continue
        if token == "--db":
            value = next(tokens, None)
            if value is not None and value and not value.startswith("-"):
                continue
        return False
    return True


def _run_gui(args: argparse.Namespace) -> int:
    from alliance_desk.ui.app import run_gui

    db = args.db
    if args.demo and not db:
        from alliance_desk.commands.demo import demo_database_path

        db = str(demo_database_path())
    return run_gui(db, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    window = opens_the_window(arguments)
    parser = _top_level_parser() if window else build_parser()
    args = parser.parse_args(arguments)
    from alliance_desk.logging_setup import configure_logging, open_held_log_file

    # The window opens the log file once it has painted (ui.app); until then, and if it
    # never gets that far, the records wait in memory and are written below at the latest.
    configure_logging(verbose=args.verbose, hold=window)
    handler: Handler = getattr(args, "handler", _run_gui)
    try:
        merge_db_options(args)
        return handler(args)
    except DomainError as exc:
        print(f"错误 (error): {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: a reason, never a traceback
        import logging

        logging.getLogger("alliance_desk").error("command failed", exc_info=exc)
        print(f"错误 (error): {unexpected_reason(exc)}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        open_held_log_file()


def unexpected_reason(exc: BaseException) -> str:
    """One Chinese line for an error no rule foresaw; the traceback goes to the log only."""
    from alliance_desk.config import logs_dir

    name = type(exc).__name__
    if isinstance(exc, PermissionError):
        return f"没有权限访问文件：{exc.filename or ''}"
    if isinstance(exc, OSError):
        return f"文件操作失败（{exc.strerror or name}）：{exc.filename or ''}"
    module = type(exc).__module__
    if module.startswith(("sqlalchemy", "sqlite3", "psycopg")):
        return f"数据库操作失败（{name}），没有写入任何数据。详情见日志：{logs_dir()}"
    return f"意外错误（{name}），操作未完成。详情见日志：{logs_dir()}"


if __name__ == "__main__":
    sys.exit(main())
