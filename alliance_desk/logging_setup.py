"""Named loggers per area, written to a rotating file in the data folder."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from alliance_desk import config

LOG_FILE_NAME = "alliance-desk.log"


def configure_logging(*, verbose: bool = False) -> None:
    root = logging.getLogger("alliance_desk")
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        handler: logging.Handler = RotatingFileHandler(
            config.logs_dir() / LOG_FILE_NAME, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
