"""Excel in and out for the register: import preview and apply, export, the template.

Headless (no Qt). openpyxl is imported only when a file is actually read or written.
"""

from alliance_desk.services.register_io.bulk_audit import write_audit
from alliance_desk.services.register_io.cells import neutralise
from alliance_desk.services.register_io.import_apply import ImportResult, apply_units_import
from alliance_desk.services.register_io.table_file import XLS_MESSAGE
from alliance_desk.services.register_io.template import write_units_template
from alliance_desk.services.register_io.units_export import EXPORT_HEADERS, export_units
from alliance_desk.services.register_io.units_import import (
    ImportPreview,
    ImportRow,
    RowStatus,
    preview_units_import,
)

__all__ = [
    "EXPORT_HEADERS",
    "XLS_MESSAGE",
    "ImportPreview",
    "ImportResult",
    "ImportRow",
    "RowStatus",
    "apply_units_import",
    "export_units",
    "neutralise",
    "preview_units_import",
    "write_audit",
    "write_units_template",
]
