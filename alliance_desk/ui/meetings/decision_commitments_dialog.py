"""生成承诺…: one decision becomes one or more two-way commitments in one step.

Each line: promisor, promisee (member units on the meeting date), direction (derived
from which side is a community unless chosen), due date, content (prefilled from the
decision). All lines are saved together or none (the service checks every line).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.commitments import derive_direction
from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.core.vocab import CommitmentDirection, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.alliances import MemberRow
from alliance_desk.services.clock import local_today
from alliance_desk.ui.meetings.hosts import AllianceHosts
from alliance_desk.ui.register.date_fields import date_edit, date_of, set_date
from alliance_desk.ui.register.page_helpers import action_button

DUE_AFTER = timedelta(days=90)
COLUMNS = ("承诺方", "受诺方", "方向", "到期日期", "承诺内容")


class DecisionCommitmentsDialog(QDialog):
    """``created`` holds the decision with all its commitments after a successful save."""

    def __init__(
        self,
        db: Database,
        detail: mt.MeetingDetail,
        decision_id: int,
        content: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._decision_id = decision_id
        self._content = content.strip()
        self.created_for = detail.meeting.id
        self.created: mt.DecisionRow | None = None
        meeting_day = detail.meeting.starts_at.date()
        self._made_on = meeting_day
        self._members: list[MemberRow] = AllianceHosts(db, detail.meeting.alliance_id).members_on(
            meeting_day
        )
        self.setWindowTitle(self.tr("由议定事项生成承诺"))
        self.setMinimumSize(980, 380)

        decision = QLabel(self.tr("议定事项：%1").replace("%1", self._content))
        decision.setWordWrap(True)
        decision.setStyleSheet("background: #f6f6f6; padding: 6px;")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((190, 190, 150, 130)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.add_button = action_button(self.tr("增加一行"), self.add_line)
        self.remove_button = action_button(self.tr("删除所选行"), self.remove_line)
        self.error_label = QLabel()
        self.error_label.setObjectName("commitmentErrors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.hide()
        hint = QLabel(
            self.tr(
                "承诺方和受诺方须有一方是社区；方向选“自动”时按单位类别判断。"
                "承诺内容留空则使用议定事项原文。生成后可在“双向承诺”中跟踪进度。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("生成承诺"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(decision)
        layout.addLayout(row_buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.add_line()

    # --- lines ---------------------------------------------------------------------------
    def _unit_box(self, prefer_community: bool) -> QComboBox:
        box = QComboBox()
        for member in self._members:
            box.addItem(member.unit_name, member.unit_id)
        for index, member in enumerate(self._members):
            if (member.category is UnitCategory.COMMUNITY) == prefer_community:
                box.setCurrentIndex(index)
                break
        return box

    def default_due_on(self) -> date:
        """90 days on from the meeting, or from today when the meeting is long past: a new
        commitment is never overdue the moment it is made."""
        return max(self._made_on, local_today()) + DUE_AFTER

    def add_line(self) -> int:
        line = self.table.rowCount()
        self.table.insertRow(line)
        promisor, promisee = self._unit_box(False), self._unit_box(True)
        direction = QComboBox()
        direction.addItem(self.tr("自动"), None)
        for choice in CommitmentDirection:
            direction.addItem(choice.label, choice)
        due = date_edit(self.default_due_on())
        content = QLineEdit(self._content)
        content.setPlaceholderText(self.tr("留空则使用议定事项原文"))
        for column, widget in enumerate((promisor, promisee, direction, due, content)):
            self.table.setCellWidget(line, column, widget)
        promisor.currentIndexChanged.connect(self._update_directions)
        promisee.currentIndexChanged.connect(self._update_directions)
        self._update_directions()
        self.table.setCurrentCell(line, 0)
        return line

    def remove_line(self) -> None:
        line = self.table.currentRow()
        if line >= 0 and self.table.rowCount() > 1:
            self.table.removeRow(line)

    def widgets(self, line: int) -> tuple[QComboBox, QComboBox, QComboBox, QDateEdit, QLineEdit]:
        cells = [self.table.cellWidget(line, column) for column in range(len(COLUMNS))]
        promisor, promisee, direction, due, content = cells
        assert isinstance(promisor, QComboBox) and isinstance(promisee, QComboBox)
        assert isinstance(direction, QComboBox) and isinstance(due, QDateEdit)
        assert isinstance(content, QLineEdit)
        return promisor, promisee, direction, due, content

    def _category(self, unit_id: object) -> UnitCategory | None:
        for member in self._members:
            if member.unit_id == unit_id:
                return member.category
        return None

    def _update_directions(self) -> None:
        """Show what 自动 will mean for each line (the direction box's first item)."""
        for line in range(self.table.rowCount()):
            promisor, promisee, direction, _due, _content = self.widgets(line)
            a, b = self._category(promisor.currentData()), self._category(promisee.currentData())
            derived = derive_direction(a, b) if a is not None and b is not None else None
            label = (
                self.tr("自动（%1）").replace("%1", derived.label) if derived else self.tr("自动")
            )
            direction.setItemText(0, label)

    def set_line(
        self,
        line: int,
        *,
        promisor: int,
        promisee: int,
        due_on: date | None = None,
        content: str | None = None,
        direction: CommitmentDirection | None = None,
    ) -> None:
        """Fill one line as a clerk would (tests use it too)."""
        a, b, d, due, text = self.widgets(line)
        a.setCurrentIndex(a.findData(promisor))
        b.setCurrentIndex(b.findData(promisee))
        d.setCurrentIndex(max(0, d.findData(direction)))
        if due_on is not None:
            set_date(due, due_on)
        if content is not None:
            text.setText(content)

    def inputs(self) -> list[mt.CommitmentInput]:
        found = []
        for line in range(self.table.rowCount()):
            promisor, promisee, direction, due, content = self.widgets(line)
            chosen = direction.currentData()
            found.append(
                mt.CommitmentInput(
                    promisor_unit_id=int(promisor.currentData()),
                    promisee_unit_id=int(promisee.currentData()),
                    due_on=date_of(due),
                    direction=CommitmentDirection(chosen) if chosen is not None else None,
                    content=content.text(),
                )
            )
        return found

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        self.error_label.hide()
        if not self._members:
            self._show(self.tr("本联盟在会议当日没有成员单位，无法生成承诺。"))
            return
        today = local_today()
        for line, entry in enumerate(self.inputs(), start=1):
            if entry.due_on is not None and entry.due_on < today:
                self._show(self.tr(
                    "第 {0} 项承诺的到期日 {1} 早于今天，新承诺一生成就会逾期；"
                    "请选择今天或以后的日期。"
                ).format(line, entry.due_on.isoformat()))
                return
        try:
            self.created = mt.create_commitments_from_decision(
                self._db, self._decision_id, self.inputs()
            )
        except ValidationError as error:
            self._show("\n".join(error.errors.values()))
            return
        except DomainError as error:
            self._show(error.message)
            return
        self.accept()

    def _show(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
