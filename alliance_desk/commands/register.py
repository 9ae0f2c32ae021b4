"""``import units FILE`` and ``export units FILE``: the register in and out of Excel/CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from alliance_desk.commands import EXIT_FAILED, EXIT_OK, add_db_option, four_lists, workday


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    importer = commands.add_parser("import", help="从 Excel/CSV 导入 (import from Excel/CSV)")
    import_what = importer.add_subparsers(dest="what", metavar="WHAT", required=True)
    units = import_what.add_parser("units", help="成员单位及所属联盟 (units and memberships)")
    add_db_option(units)
    units.add_argument("file", metavar="FILE", help=".xlsx 或 .csv 文件")
    units.set_defaults(handler=run_import_units)
    four_lists.register_import(import_what)
    workday.register_import(import_what)

    exporter = commands.add_parser("export", help="导出到 Excel/CSV (export to Excel/CSV)")
    export_what = exporter.add_subparsers(dest="what", metavar="WHAT", required=True)
    units = export_what.add_parser("units", help="成员单位名册 (the unit register)")
    add_db_option(units)
    units.add_argument("file", metavar="FILE", help="按扩展名导出 .xlsx 或 .csv")
    units.set_defaults(handler=run_export_units)

    template = export_what.add_parser("units-template", help="导入模板 (the import template)")
    template.add_argument("file", metavar="FILE", help=".xlsx")
    add_db_option(template)
    template.set_defaults(handler=run_export_template)
    four_lists.register_export(export_what)
    workday.register_export(export_what)


def _open(args: argparse.Namespace, *, must_exist: bool = False):  # type: ignore[no-untyped-def]
    from alliance_desk.services.bootstrap import open_database

    return open_database(args.db, auto_backup=False, must_exist=must_exist)


def run_import_units(args: argparse.Namespace) -> int:
    from alliance_desk.services.register_io import (
        RowStatus,
        apply_units_import,
        preview_units_import,
    )

    db = _open(args)
    try:
        preview = preview_units_import(db, Path(args.file))
        for warning in preview.warnings:
            print(f"提示 (note): {warning}")
        for row in preview.rows:
            line = f"第 {row.row_number} 行 {row.status.label} {row.data.name}"
            if row.status is RowStatus.ERROR:
                line += f"：{row.reason}"
            elif row.changes:
                line += f"（{'、'.join(row.change_labels)}）"
            print(line)
        print(
            f"新增 {preview.new_count}，更新 {preview.update_count}，"
            f"有错误 {len(preview.error_rows)} (new/update/error)"
        )
        if not preview.can_apply:
            print("有错误的行，未写入任何数据 (errors found, nothing written)")
            return EXIT_FAILED
        result = apply_units_import(db, preview)
    finally:
        db.dispose()
    print(
        f"已导入 (imported)：新增 {result.created}，更新 {result.updated}，"
        f"未变 {result.unchanged}，加入联盟 {result.memberships_added}"
    )
    return EXIT_OK


def run_export_units(args: argparse.Namespace) -> int:
    from alliance_desk.services.register_io import export_units
    from alliance_desk.services.units import list_units

    db = _open(args, must_exist=True)
    try:
        rows = list_units(db)
    finally:
        db.dispose()
    path = export_units(rows, Path(args.file).expanduser().resolve())
    print(f"已导出 {len(rows)} 个单位到 (exported to): {path}")
    return EXIT_OK


def run_export_template(args: argparse.Namespace) -> int:
    from alliance_desk.services.alliances import list_alliances
    from alliance_desk.services.register_io import write_units_template

    db = _open(args)
    try:
        names = [a.name for a in list_alliances(db)]
    finally:
        db.dispose()
    path = write_units_template(Path(args.file).expanduser().resolve(), names)
    print(f"已生成导入模板 (template written): {path}")
    return EXIT_OK
