"""The unit register is laid out once, whichever path prints it: the street's 165 units on
at most 8 landscape A4 pages from the command line, the PDF button and the printer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
from pdf_probe import pdftotext_pages
from PySide6.QtPrintSupport import QPrinter

from alliance_desk import cli
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.geometry import REGISTER_LANDSCAPE_SPEC
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.documents.roster import unit_register_document
from alliance_desk.services import Database
from alliance_desk.services.demo import generate_demo
from alliance_desk.services.units import list_units
from alliance_desk.ui.printing import _new_printer, paint_on_printer, unit_register_job


def test_the_demo_register_fits_eight_pages_on_every_path(
    fonts: DocumentFonts, db: Database, tmp_path: Path
) -> None:
    generate_demo(db)
    units = list_units(db)
    assert len(units) >= 165
    document = unit_register_document(units, printed_on=date(2026, 12, 1))
    assert document.page_spec is REGISTER_LANDSCAPE_SPEC

    saved = write_pdf(document, tmp_path / "button.pdf", landscape=True)
    assert db.sqlite_path is not None
    command_line = tmp_path / "cli.pdf"
    argv = ["print", "roster", "--db", str(db.sqlite_path), "--pdf", str(command_line)]
    assert cli.main(argv) == 0
    job = unit_register_job(units)
    printer = _new_printer(job.title, job.landscape)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    printed_pages = paint_on_printer(job.build(), printer)

    counts = {len(pypdf.PdfReader(path).pages) for path in (saved, command_line)}
    assert counts == {printed_pages} and printed_pages <= 8
    pages = pdftotext_pages(saved)
    assert pages[0].count("社区") > 20  # dense: many rows a page
    last = units[-1].name
    assert last in pages[-1] and f"共 {len(units)} 个单位" in pages[0]
