"""新增承诺 / 修改承诺: alliance, the two parties (offered by the direction rule), content,
dates.

Opened on a ``CommitmentDetail`` it corrects that commitment: the fields its state does
not let change (``services.commitments.update.locked_fields``) are disabled, with a short
note why. Errors appear under their fields, in Chinese; what was typed stays.
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

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.vocab import CommitmentDirection, CommitmentState, UnitCategory
from alliance_desk.services.alliances import MemberRow, get_alliance, list_alliances
from alliance_desk.services.commitments.create import create_commitment
from alliance_desk.services.commitments.detail import get_commitment
from alliance_desk.services.commitments.records import CommitmentDetail, local_today
from alliance_desk.services.commitments.update import (
    PARTY_FIELDS,
    can_edit,
    locked_fields,
    update_commitment,
)
from alliance_desk.services.database import Database
from alliance_desk.ui.register.date_fields import date_edit, date_of, set_date
from alliance_desk.ui.register.page_helpers import offer_reload
from alliance_desk.ui.widgets.error_form import ErrorForm

DEFAULT_TERM = timedelta(days=90)


def fits(direction: CommitmentDirection, member: MemberRow, *, promisor: bool) -> bool:
    """Whether ``member`` may be on that side: 单位→社区 is promised by a non-community to
    a community, 社区→单位 the reverse (``core.commitments.parties``)."""
    community = member.category is UnitCategory.COMMUNITY
    community_side = (direction is CommitmentDirection.COMMUNITY_TO_UNIT) == promisor
    return community == community_side


class CommitmentEditor(QDialog):
    """A new commitment, or a correction of ``detail``; ``saved`` holds it after 保存."""

    def __init__(
        self,
        db: Database,
        *,
        alliance_id: int | None = None,
        categories: tuple[str, ...] = (),
        detail: CommitmentDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._members: list[MemberRow] = []
        self.saved: CommitmentDetail | None = None
        self.detail = detail
        """The commitment being corrected, as last read (None for a new one)."""
        if detail is None:
            self.setWindowTitle(self.tr("新增承诺"))
        else:
            self.setWindowTitle(self.tr("修改承诺 — 编号 %1").replace("%1", str(detail.id)))
            alliance_id = detail.alliance_id
        self.setMinimumWidth(620)

        self.alliance = QComboBox()
        self.alliance.addItem(self.tr("（请选择联盟）"), None)
        for row in list_alliances(db):
            if row.active:
                self.alliance.addItem(row.name, row.id)
        if detail is not None and self.alliance.findData(detail.alliance_id) < 0:
            self.alliance.addItem(detail.alliance_name, detail.alliance_id)  # since deactivated
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
        self.parties_note = _note()
        self.due_note = _note()

        self.form = ErrorForm()
        self.form.add("alliance_id", self.tr("所属联盟*"), self.alliance)
        self.form.add("direction", self.tr("承诺方向*"), self.direction)
        self.form.add("promisor_unit_id", self.tr("承诺方*"), self.promisor)
        self.form.add("promisee_unit_id", self.tr("受诺方*"), self.promisee)
        self.form.add("content", self.tr("承诺内容*"), self.content)
        self.form.add("category", self.tr("类别"), self.category)
        self.form.add("made_on", self.tr("承诺日期*"), self.made_on)
        self.form.add("due_on", self.tr("到期日期*"), self.due_on)
        if detail is not None:
            self.form.insertRow(4, "", self.parties_note)  # below 受诺方
            self.form.addRow("", self.due_note)

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
        if detail is not None:
            self._load(detail)

    # --- edit mode ---------------------------------------------------------------------
    def _load(self, detail: CommitmentDetail) -> None:
        """Show ``detail`` in every field and lock what its state does not let change."""
        self.detail = detail
        self.alliance.setEnabled(False)
        self.alliance.setToolTip(self.tr("所属联盟不能修改"))
        self.direction.blockSignals(True)
        self.direction.setCurrentIndex(self.direction.findData(detail.direction))
        self.direction.blockSignals(False)
        set_date(self.made_on, detail.made_on)  # offers the parties of that day
        set_date(self.due_on, detail.due_on)
        self._offer_parties()
        for combo, unit_id in (
            (self.promisor, detail.promisor_unit_id),
            (self.promisee, detail.promisee_unit_id),
        ):
            combo.setCurrentIndex(combo.findData(unit_id))
        self.content.setPlainText(detail.content)
        self.category.setEditText(detail.category)
        self._lock(detail.state)

    def _lock(self, state: CommitmentState) -> None:
        """Disable what ``state`` does not let change; the reason is the field's tooltip."""
        locked = locked_fields(state)
        widgets: dict[str, QWidget] = {
            "direction": self.direction,
            "promisor_unit_id": self.promisor,
            "promisee_unit_id": self.promisee,
            "content": self.content,
            "category": self.category,
            "made_on": self.made_on,
            "due_on": self.due_on,
        }
        for key, widget in widgets.items():
            widget.setEnabled(key not in locked)
            widget.setToolTip(locked.get(key, ""))
        editable = can_edit(state)
        self.save_button.setEnabled(editable)
        if not editable:
            parties = self.tr("“%1”的承诺已成为历史记录，不能再修改。").replace(
                "%1", CommitmentState(state).label
            )
        elif set(PARTY_FIELDS) & set(locked):
            parties = self.tr("认领后，方向和双方单位已由双方认定，不能修改。")
        else:
            parties = ""
        due = ""
        if editable and "due_on" in locked:
            due = self.tr("认领后，到期日期请用列表上的“延期…”更改，并写明原因。")
        for note, text in ((self.parties_note, parties), (self.due_note, due)):
            note.setText(text)
            note.setVisible(bool(text))

    def _reload(self, error: ConflictError) -> None:
        """Another clerk saved first: show theirs when the clerk agrees (dropping these edits)."""
        if self.detail is None or not offer_reload(self, error):
            return
        try:
            fresh = get_commitment(self._db, self.detail.id)
        except DomainError as gone:
            QMessageBox.warning(self, self.tr("无法载入"), gone.message)
            return
        self.form.clear_errors()
        self._load(fresh)

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
            self._keep_saved_party(combo, direction, promisor=promisor)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
            combo.blockSignals(False)
        if self.alliance.currentData() is None:
            self.hint.setText(self.tr("先选择联盟，再从该联盟的成员单位中选择承诺方和受诺方。"))
        elif direction is CommitmentDirection.UNIT_TO_COMMUNITY:
            self.hint.setText(self.tr("单位→社区：承诺方是成员单位，受诺方是社区。"))
        else:
            self.hint.setText(self.tr("社区→单位：承诺方是社区，受诺方是成员单位。"))

    def _keep_saved_party(
        self, combo: QComboBox, direction: CommitmentDirection, *, promisor: bool
    ) -> None:
        """A correction keeps offering the saved party (it may have left since)."""
        detail = self.detail
        if detail is None or direction is not detail.direction:
            return
        unit_id = detail.promisor_unit_id if promisor else detail.promisee_unit_id
        if combo.findData(unit_id) < 0:
            combo.addItem(detail.promisor_name if promisor else detail.promisee_name, unit_id)

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
            self.saved = self._store()
        except ValidationError as error:
            for message in self.form.show_errors(error.errors):
                QMessageBox.warning(self, self.tr("无法保存"), message)
            return
        except ConflictError as error:
            self._reload(error)
            return
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法保存"), error.message)
            return
        self.accept()

    def _store(self) -> CommitmentDetail:
        """Create, or update the commitment being corrected; raises ``DomainError``."""
        promisor, promisee = self.promisor.currentData(), self.promisee.currentData()
        direction = CommitmentDirection(self.direction.currentData())
        content, category = self.content.toPlainText(), self.category.currentText()
        made_on, due_on = date_of(self.made_on), date_of(self.due_on)
        if self.detail is None:
            return create_commitment(
                self._db,
                alliance_id=self.alliance.currentData(),
                promisor_unit_id=promisor,
                promisee_unit_id=promisee,
                direction=direction,
                content=content,
                category=category,
                made_on=made_on,
                due_on=due_on,
            )
        return update_commitment(
            self._db,
            self.detail.id,
            expected_version=self.detail.version,
            promisor_unit_id=promisor,
            promisee_unit_id=promisee,
            direction=direction,
            content=content,
            category=category,
            made_on=made_on,
            due_on=due_on,
        )


def _note() -> QLabel:
    """A short grey line under locked fields saying why they cannot change."""
    note = QLabel()
    note.setStyleSheet("color: #666;")
    note.setWordWrap(True)
    note.hide()
    return note
