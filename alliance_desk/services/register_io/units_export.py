"""Export the units a clerk is looking at (already filtered) to .xlsx or .csv."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from alliance_desk.services.register_io.cells import ACTIVE_LABEL, INACTIVE_LABEL
from alliance_desk.services.register_io.columns import COLUMNS
from alliance_desk.services.register_io.table_write import write_table
from alliance_desk.services.units import UnitRow

EXPORT_HEADERS = tuple(c.header for c in COLUMNS)
EXPORT_WIDTHS = tuple(c.width for c in COLUMNS)


def export_row(row: UnitRow) -> list[Any]:
    """One unit in export column order; the party-member count stays a number."""
    return [
        row.name,
        row.category.label,
        row.party_org_name,
        row.secretary,
        row.liaison,
        row.phone,
        row.address,
        row.party_member_count,
        "、".join(row.alliance_names),
        ACTIVE_LABEL if row.active else INACTIVE_LABEL,
    ]


def export_units(rows: Sequence[UnitRow], path: Path | str) -> Path:
    """Write ``rows`` to ``path``: .xlsx (bold frozen header) or .csv (UTF-8 with BOM).

    The file imports back unchanged: every row previews as an update without errors.
    """
    path = Path(path)

    def values() -> Iterator[list[Any]]:
        for row in rows:
            yield export_row(row)

    return write_table(path, EXPORT_HEADERS, values(), widths=EXPORT_WIDTHS, sheet_title="成员单位")
