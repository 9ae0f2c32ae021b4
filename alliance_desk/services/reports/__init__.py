"""Reports built from the services' figures: the fulfilment report's columns and its
Excel workbook (the printed form is ``documents.fulfilment_report``). No Qt."""

from __future__ import annotations

from alliance_desk.services.reports.fulfilment import (
    COUNT_HEADER,
    RATE_HEADER,
    ReportLines,
    count_cells,
    rate_cells,
    report_lines,
    report_title,
    split_lines,
)
from alliance_desk.services.reports.fulfilment_xlsx import write_fulfilment_xlsx

__all__ = [
    "COUNT_HEADER",
    "RATE_HEADER",
    "ReportLines",
    "count_cells",
    "rate_cells",
    "report_lines",
    "report_title",
    "split_lines",
    "write_fulfilment_xlsx",
]
