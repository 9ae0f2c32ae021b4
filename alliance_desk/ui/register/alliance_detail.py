"""The selected alliance: its fields and charter beside its member table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import NotFoundError
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceDetail, get_alliance
from alliance_desk.ui.printing import PrintButton, PrintJob, alliance_roster_job
from alliance_desk.ui.register.alliance_columns import format_date
from alliance_desk.ui.register.alliance_members import MembersPanel
from alliance_desk.ui.widgets.buttons import on_click


class AllianceDetailView(QWidget):
    edit_requested = Signal(bool)
    """编辑联盟 (False) or 编辑章程 (True) was clicked."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.detail: AllianceDetail | None = None

        self.name_label = QLabel()
        self.name_label.setObjectName("detailTitle")
        self.name_label.setStyleSheet("#detailTitle { font-size: 14pt; font-weight: bold; }")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self.tr("编辑联盟"))
        on_click(self.edit_button, self._request_edit)
        self.charter_button = QPushButton(self.tr("编辑章程"))
        on_click(self.charter_button, self._request_charter)
        heading = QHBoxLayout()
        heading.addWidget(self.name_label, 1)
        heading.addWidget(self.edit_button)
        heading.addWidget(self.charter_button)
        self.print_button = PrintButton(self.tr("打印本联盟名册"), self._print_job)
        heading.addWidget(self.print_button)

        self.lead_label = self._value_label()
        self.founded_label = self._value_label()
        self.period_label = self._value_label()
        self.state_label = self._value_label()
        facts = QHBoxLayout()
        facts.setSpacing(4)
        pairs = (
            (self.tr("牵头组织："), self.lead_label),
            (self.tr("成立日期："), self.founded_label),
            (self.tr("轮值周期："), self.period_label),
            (self.tr("状态："), self.state_label),
        )
        for caption, value in pairs:
            key = QLabel(caption)
            key.setStyleSheet("color: #666;")
            facts.addWidget(key)
            facts.addWidget(value)
            facts.addSpacing(28)
        facts.addStretch(1)

        self.members = MembersPanel(db)
        self.members.members_changed.connect(self._sync_from_members)
        self.charter = QPlainTextEdit()
        self.charter.setReadOnly(True)
        self.charter.setPlaceholderText(self.tr("尚未登记章程。点击“编辑章程”录入。"))
        charter_box = QWidget()
        charter_layout = QVBoxLayout(charter_box)
        charter_layout.setContentsMargins(0, 0, 0, 0)
        charter_layout.addWidget(QLabel(self.tr("联盟章程")))
        charter_layout.addWidget(self.charter, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.members)
        self.splitter.addWidget(charter_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([650, 350])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(facts)
        layout.addWidget(self.splitter, 1)
        self.show_detail(None)

    def _request_edit(self) -> None:
        self.edit_requested.emit(False)

    def _request_charter(self) -> None:
        self.edit_requested.emit(True)

    def _print_job(self) -> PrintJob:
        return alliance_roster_job(self.detail)

    def _value_label(self) -> QLabel:
        label = QLabel()
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @property
    def alliance_id(self) -> int | None:
        return self.detail.alliance.id if self.detail else None

    def _sync_from_members(self) -> None:
        if self.members.detail is None:
            if self.detail is not None:
                self.show_detail(None)
        else:
            self.detail = self.members.detail

    def load(self, alliance_id: int) -> bool:
        try:
            detail = get_alliance(self._db, alliance_id)
        except NotFoundError as error:
            QMessageBox.warning(self, self.tr("无法载入"), error.message)
            self.show_detail(None)
            return False
        self.show_detail(detail)
        return True

    def show_detail(self, detail: AllianceDetail | None) -> None:
        self.detail = detail
        alliance = detail.alliance if detail else None
        self.name_label.setText(
            alliance.name if alliance else self.tr("（请在上方列表中选择一个联盟）")
        )
        self.lead_label.setText(alliance.lead_organisation if alliance else "")
        founded = format_date(alliance.founded_on) if alliance else ""
        self.founded_label.setText(founded or (self.tr("未登记") if alliance else ""))
        self.period_label.setText(alliance.chair_period.label if alliance else "")
        state = self.tr("在用") if alliance and alliance.active else self.tr("停用")
        self.state_label.setText(state if alliance else "")
        self.charter.setPlainText(detail.charter if detail else "")
        self.edit_button.setEnabled(detail is not None)
        self.charter_button.setEnabled(detail is not None)
        self.members.show_detail(detail)
