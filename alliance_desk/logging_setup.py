"""Named loggers per area, written to a rotating file in the data folder.

The window's start can hold its first records in memory and open the file once the
window has painted (``logging.handlers`` and the file cost ~10 ms the window need
not wait for): ``configure_logging(hold=True)``, then ``open_held_log_file()``.
"""

from __future__ import annotations

import logging

from alliance_desk import config

LOG_FILE_NAME = "alliance-desk.log"
FILE_HANDLER_NAME = "alliance_desk.file"
HELD_LIMIT = 1000


class _Held(logging.Handler):
    """Keeps records until the log file is open (at most ``HELD_LIMIT``)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < HELD_LIMIT:
            self.records.append(record)


def configure_logging(*, verbose: bool = False, hold: bool = False) -> None:
    """Log ``alliance_desk.*`` to the file; with ``hold``, keep records until
    :func:`open_held_log_file`."""
    root = logging.getLogger("alliance_desk")
    if any(h.name == FILE_HANDLER_NAME or isinstance(h, _Held) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if hold:
        root.addHandler(_Held())
    else:
        root.addHandler(_file_handler())


def open_held_log_file() -> None:
    """Open the log file and write what was held; nothing to do when nothing is held."""
    root = logging.getLogger("alliance_desk")
    for held in [h for h in root.handlers if isinstance(h, _Held)]:
        root.removeHandler(held)
        handler = _file_handler()
        root.addHandler(handler)
        for record in held.records:
            handler.handle(record)


def _file_handler() -> logging.Handler:
    from logging.handlers import RotatingFileHandler

    try:
        handler: logging.Handler = RotatingFileHandler(
            config.logs_dir() / LOG_FILE_NAME, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.set_name(FILE_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler
