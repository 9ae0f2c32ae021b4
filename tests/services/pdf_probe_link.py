"""The printing tests' PDF reader, for service tests that write a PDF through the CLI."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "documents"))

from pdf_probe import pypdf_pages, squeeze


def pdf_text(path: Path) -> str:
    return squeeze("".join(pypdf_pages(path)))
