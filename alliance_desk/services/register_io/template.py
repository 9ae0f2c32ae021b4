"""The import template a clerk downloads: headers, a sample row, dropdowns and a 说明 sheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.register_io.cells import ACTIVE_LABEL, INACTIVE_LABEL, neutralise
from alliance_desk.services.register_io.columns import BY_KEY, COLUMNS, SAMPLE_NAME
from alliance_desk.services.register_io.table_write import save_atomically

SAMPLE_ROW = (
    SAMPLE_NAME,
    UnitCategory.INSTITUTION.label,
    "市人民医院党委",
    "王立民",
    "李方",
    "13912345678",
    "人民大街 100 号",
    56,
    "",
    ACTIVE_LABEL,
)
TEMPLATE_ROWS = 2000  # how far down the dropdowns and the text format of 联系电话 reach

GENERAL_NOTES = (
    "第一张表“成员单位”的第一行是表头，请勿修改列名；列的顺序可以调整，不需要的列可以删除（单位名称除外）。",
    "带 * 的列必须填写。每个单位占一行，同一单位在文件中只能出现一次。",
    "单位名称与名册中已有单位相同（不计空格、全半角、大小写）时，导入会更新该单位；"
    "更新时空白单元格保留原来的内容，不会清空。",
    "导入前程序会逐行检查并列出问题；只要有一行有错误，就不会写入任何数据。",
    "请保存为 Excel 工作簿（.xlsx）。旧版 .xls 文件请在 Excel 或 WPS 中“另存为” .xlsx 后再导入；"
    "也可以导入 CSV 文件（UTF-8 或 GBK 编码）。",
)


def write_units_template(path: Path | str, alliance_names: Sequence[str] = ()) -> Path:
    """Write the .xlsx template; ``alliance_names`` (optional) are listed on the 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "成员单位"
    sheet.append([c.template_header for c in COLUMNS])
    sheet.append(list(SAMPLE_ROW))
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if column.required else None)
        cell.fill = header_fill
    sheet.freeze_panes = "A2"
    sheet.cell(row=2, column=1).font = Font(italic=True, color="808080")

    letters = {c.key: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    last_row = TEMPLATE_ROWS + 1
    for row in range(2, last_row + 1):  # text, so Excel keeps a leading 0 and all 11 digits
        sheet[f"{letters['phone']}{row}"].number_format = "@"
    choices = {
        "category": [c.label for c in UnitCategory],
        "active": [ACTIVE_LABEL, INACTIVE_LABEL],
    }
    for key, options in choices.items():
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(options) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"{BY_KEY[key].header}填写有误",
            error=f"请从下拉列表中选择：{'、'.join(options)}",
        )
        validation.add(f"{letters[key]}2:{letters[key]}{last_row}")
        sheet.add_data_validation(validation)

    notes = book.create_sheet("说明")
    notes.append(["列名", "是否必填", "填写说明"])
    for column in COLUMNS:
        notes.append([column.header, "必填" if column.required else "选填", column.note])
    notes.append([])
    notes.append(["注意事项"])
    for number, text in enumerate(GENERAL_NOTES, start=1):
        notes.append([f"{number}.", "", text])
    if alliance_names:
        notes.append([])
        # Names come from clerks: the one anti-formula rule applies (openpyxl would
        # otherwise store "=HYPERLINK(…)" as a live formula).
        notes.append(["现有联盟", "", neutralise("、".join(alliance_names))])
    for row in notes.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in notes[1]:
        cell.font = Font(bold=True)
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 80

    return save_atomically(Path(path), book.save)
