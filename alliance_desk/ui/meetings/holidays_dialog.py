"""节假日与调休 (系统 page): the days a clerk enters from the State Council's yearly list.

Pick a year; see whether the built-in data covers it and which days were entered; add or
remove one day, or paste the whole list (``2027-01-01 放假 元旦`` per line, all or nothing).
Entered days win over the built-in data wherever the meetings ask about a day.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.services import Database
from alliance_desk.services.calendar_days import (
    CalendarDayRow,
    delete_calendar_day,
    list_calendar_days,
    set_calendar_day,
)
from alliance_desk.services.calendar_entry import import_calendar_days, package_has_year
from alliance_desk.services.clock import local_today
from alliance_desk.ui.register.date_fields import date_edit, date_of, set_date
from alliance_desk.ui.register.page_helpers import action_button

WEEKDAYS = "一二三四五六日"
ERROR_STYLE = "color: #c0392b;"


def kind_text(is_workday: bool) -> str:
    return "调休上班" if is_workday else "放假"


class HolidaysDialog(QDialog):
    def __init__(
        self, db: Database, year: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[CalendarDayRow] = []
        self.changed = False
        self.setWindowTitle(self.tr("节假日与调休"))
        self.setMinimumSize(760, 640)

        self.year = QSpinBox()
        self.year.setRange(2000, 2099)
        self.year.setSuffix(self.tr(" 年"))
        self.year.setValue(year or local_today().year + 1)
        self.status = QLabel()
        self.status.setObjectName("packageStatus")
        self.status.setWordWrap(True)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("星期"), self.tr("安排"), self.tr("名称")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((120, 60, 90)):
            self.table.setColumnWidth(column, width)
        self.remove_button = action_button(self.tr("删除所选日期"), self.remove_selected)

        self.day = date_edit(date(self.year.value(), 1, 1))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("放假"), False)
        self.kind.addItem(self.tr("调休上班"), True)
        self.name = QLineEdit()
        self.name.setMaxLength(50)
        self.name.setPlaceholderText(self.tr("如：元旦"))
        self.add_button = action_button(self.tr("添加"), self.add_day)
        self.add_error = QLabel()
        self.add_error.setStyleSheet(ERROR_STYLE)
        self.add_error.hide()

        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText(
            self.tr("每行一天，如：\n2027-01-01 放假 元旦\n2027-02-07 调休上班 春节")
        )
        self.paste.setMaximumHeight(120)
        self.import_button = action_button(self.tr("导入粘贴的安排"), self.import_pasted)
        self.import_errors = QLabel()
        self.import_errors.setObjectName("importErrors")
        self.import_errors.setWordWrap(True)
        self.import_errors.setStyleSheet(ERROR_STYLE)
        self.import_errors.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        top.addWidget(self.year)
        top.addStretch(1)
        one = QHBoxLayout()
        for widget in (self.day, self.kind):
            one.addWidget(widget)
        one.addWidget(self.name, 1)
        one.addWidget(self.add_button)
        one_box = QGroupBox(self.tr("添加一天"))
        one_layout = QVBoxLayout(one_box)
        one_layout.addLayout(one)
        one_layout.addWidget(self.add_error)
        paste_box = QGroupBox(self.tr("按国务院通知粘贴全年安排（全部正确才导入）"))
        paste_layout = QVBoxLayout(paste_box)
        paste_layout.addWidget(self.paste)
        paste_buttons = QHBoxLayout()
        paste_buttons.addWidget(self.import_errors, 1)
        paste_buttons.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        paste_layout.addLayout(paste_buttons)
        list_buttons = QHBoxLayout()
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.remove_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(list_buttons)
        layout.addWidget(one_box)
        layout.addWidget(paste_box)
        layout.addWidget(buttons)

        self.year.valueChanged.connect(self._year_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    # --- showing -----------------------------------------------------------------------
    def selected_year(self) -> int:
        return self.year.value()

    def rows(self) -> list[CalendarDayRow]:
        return list(self._rows)

    def _year_changed(self) -> None:
        set_date(self.day, date(self.selected_year(), 1, 1))
        self.reload()

    def reload(self) -> None:
        year = self.selected_year()
        self._rows = list_calendar_days(self._db, year)
        self.table.setRowCount(len(self._rows))
        for line, row in enumerate(self._rows):
            cells = (
                f"{row.day:%Y-%m-%d}",
                WEEKDAYS[row.day.weekday()],
                self.tr(kind_text(row.is_workday)),
                row.name,
            )
            for column, text in enumerate(cells):
                self.table.setItem(line, column, QTableWidgetItem(text))
        self.status.setText(self.status_text(year, len(self._rows)))
        self._update_buttons()

    def status_text(self, year: int, entered: int) -> str:
        if package_has_year(year):
            text = self.tr("程序内置了 %1 年的国务院节假日安排；此处录入的日期优先。")
        elif entered:
            text = self.tr(
                "程序没有内置 %1 年的节假日安排，以下为录入的安排；未录入的日期按周一至周五计算。"
            )
        else:
            text = self.tr(
                "程序没有内置 %1 年的节假日安排，也尚未录入：安排会议时按周一至周五计算。"
                "请按国务院办公厅通知录入放假和调休上班的日期。"
            )
        self.status.setStyleSheet("" if package_has_year(year) or entered else ERROR_STYLE)
        return text.replace("%1", str(year))

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    # --- changes -----------------------------------------------------------------------
    def add_day(self) -> bool:
        self.add_error.hide()
        day = date_of(self.day)
        try:
            set_calendar_day(
                self._db, day=day, is_workday=bool(self.kind.currentData()), name=self.name.text()
            )
        except DomainError as error:
            self.add_error.setText(error.message)
            self.add_error.show()
            return False
        self.changed = True
        self.name.clear()
        if day.year != self.selected_year():
            self.year.setValue(day.year)  # reloads
        else:
            self.reload()
        return True

    def remove_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        row = self._rows[rows[0].row()]
        answer = QMessageBox.question(
            self,
            self.tr("删除日期"),
            self.tr("删除 %1 的安排？删除后该日按内置数据或周一至周五计算。").replace(
                "%1", f"{row.day:%Y-%m-%d}"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            delete_calendar_day(self._db, row.day)
        except DomainError as error:
            self.add_error.setText(error.message)
            self.add_error.show()
        self.changed = True
        self.reload()
        return True

    def import_pasted(self) -> bool:
        self.import_errors.hide()
        self.import_errors.setStyleSheet(ERROR_STYLE)
        try:
            rows = import_calendar_days(
                self._db, self.paste.toPlainText(), year=self.selected_year()
            )
        except ValidationError as error:
            self.import_errors.setText("\n".join(error.errors.values()))
            self.import_errors.show()
            return False
        self.changed = True
        self.paste.clear()
        self.reload()
        self.import_errors.setText(self.tr("已导入 %1 天。").replace("%1", str(len(rows))))
        self.import_errors.setStyleSheet("color: #2e7d32;")
        self.import_errors.show()
        return True
