"""新增承诺: alliance, the two parties (offered by the direction rule), content, dates.

Errors appear under their fields, in Chinese; what was typed stays.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError, ValidationError
from alliance_desk.core.vocab import CommitmentDirection, UnitCategory
from alliance_desk.services.alliances import MemberRow, get_alliance, list_alliances
from alliance_desk.services.commitments.create import create_commitment
from alliance_desk.services.commitments.records import CommitmentDetail, local_today
from alliance_desk.services.database import Database
from alliance_desk.ui.register.date_fields import date_edit, date_of
from alliance_desk.ui.widgets.error_form import ErrorForm

DEFAULT_TERM = timedelta(days=90)


def fits(direction: CommitmentDirection, member: MemberRow, *, promisor: bool) -> bool:
    """Whether ``member`` may be on that side: 单位→社区 is promised by a non-community to
    a community, 社区→单位 the reverse (``core.commitments.parties``)."""
    community = member.category is UnitCategory.COMMUNITY
    community_side = (direction is CommitmentDirection.COMMUNITY_TO_UNIT) == promisor
    return community == community_side


class CommitmentEditor(QDialog):
    """A new commitment; ``saved`` holds it after 保存."""

    def __init__(
        self,
        db: Database,
        *,
        alliance_id: int | None = None,
        categories: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._members: list[MemberRow] = []
        self.saved: CommitmentDetail | None = None
        self.setWindowTitle(self.tr("新增承诺"))
        self.setMinimumWidth(620)

        self.alliance = QComboBox()
        self.alliance.addItem(self.tr("（请选择联盟）"), None)
        for row in list_alliances(db):
            if row.active:
                self.alliance.addItem(row.name, row.id)
        self.direction = QComboBox()
        for direction in CommitmentDirection:
            self.direction.addItem(direction.label, direction)
        self.promisor = QComboBox()
        self.promisee = QComboBox()
        for combo in (self.promisor, self.promisee):
            combo.setMinimumContentsLength(24)
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText(self.tr("承诺做什么，如“每月组织志愿者到社区开展助老服务”"))
        self.content.setFixedHeight(90)
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(["", *categories])
        today = local_today()
        self.made_on = date_edit(today)
        self.due_on = date_edit(today + DEFAULT_TERM)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #666;")
        self.hint.setWordWrap(True)

        self.form = ErrorForm()
        self.form.add("alliance_id", self.tr("所属联盟*"), self.alliance)
        self.form.add("direction", self.tr("承诺方向*"), self.direction)
        self.form.add("promisor_unit_id", self.tr("承诺方*"), self.promisor)
        self.form.add("promisee_unit_id", self.tr("受诺方*"), self.promisee)
        self.form.add("content", self.tr("承诺内容*"), self.content)
        self.form.add("category", self.tr("类别"), self.category)
        self.form.add("made_on", self.tr("承诺日期*"), self.made_on)
        self.form.add("due_on", self.tr("到期日期*"), self.due_on)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)

        self.alliance.currentIndexChanged.connect(self._load_members)
        self.direction.currentIndexChanged.connect(self._offer_parties)
        self.made_on.dateChanged.connect(self._offer_parties)
        if alliance_id is not None:
            self.alliance.setCurrentIndex(max(self.alliance.findData(alliance_id), 0))
        self._offer_parties()

    def _load_members(self) -> None:
        alliance_id = self.alliance.currentData()
        self._members = []
        if alliance_id is not None:
            try:
                self._members = list(get_alliance(self._db, alliance_id).members)
            except DomainError as error:
                self.form.show_errors({"alliance_id": error.message})
        self._offer_parties()

    def _offer_parties(self) -> None:
        """Only current members that fit the direction, keeping each side's choice."""
        direction = CommitmentDirection(self.direction.currentData())
        on = date_of(self.made_on)
        current = [m for m in self._members if m.joined_on <= on and m.is_current(on)]
        for combo, promisor in ((self.promisor, True), (self.promisee, False)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("（请选择）"), None)
            for member in current:
                if fits(direction, member, promisor=promisor):
                    combo.addItem(f"{member.unit_name}（{member.category.label}）", member.unit_id)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
            combo.blockSignals(False)
        if self.alliance.currentData() is None:
            self.hint.setText(self.tr("先选择联盟，再从该联盟的成员单位中选择承诺方和受诺方。"))
        elif direction is CommitmentDirection.UNIT_TO_COMMUNITY:
            self.hint.setText(self.tr("单位→社区：承诺方是成员单位，受诺方是社区。"))
        else:
            self.hint.setText(self.tr("社区→单位：承诺方是社区，受诺方是成员单位。"))

    def save(self) -> None:
        missing = {}
        for key, combo, label in (
            ("alliance_id", self.alliance, self.tr("请选择所属联盟")),
            ("promisor_unit_id", self.promisor, self.tr("请选择承诺方")),
            ("promisee_unit_id", self.promisee, self.tr("请选择受诺方")),
        ):
            if combo.currentData() is None:
                missing[key] = label
        if missing:
            self.form.show_errors(missing)
            return
        try:
            self.saved = create_commitment(
                self._db,
                alliance_id=self.alliance.currentData(),
                promisor_unit_id=self.promisor.currentData(),
                promisee_unit_id=self.promisee.currentData(),
                direction=CommitmentDirection(self.direction.currentData()),
                content=self.content.toPlainText(),
                category=self.category.currentText(),
                made_on=date_of(self.made_on),
                due_on=date_of(self.due_on),
            )
        except ValidationError as error:
            for message in self.form.show_errors(error.errors):
                QMessageBox.warning(self, self.tr("无法保存"), message)
            return
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法保存"), error.message)
            return
        self.accept()
