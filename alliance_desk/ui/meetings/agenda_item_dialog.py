"""添加议题 / 编辑议题: title, kind, presenting unit, minutes allotted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.meetings.timing import MAX_ITEM_MINUTES, MIN_ITEM_MINUTES
from alliance_desk.core.vocab import AgendaKind, AgendaOrigin
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.register.page_helpers import offer_reload
from alliance_desk.ui.widgets.error_form import ErrorForm


class AgendaItemDialog(QDialog):
    """A new item of ``detail``'s agenda when ``slot`` is None, else edits ``slot``.

    ``saved`` holds the meeting returned by the service; ``needs_reload`` after a
    conflict the clerk chose to reload.
    """

    def __init__(
        self,
        db: Database,
        detail: mt.MeetingDetail,
        slot: mt.AgendaSlot | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._detail = detail
        self.slot = slot
        self.saved: mt.MeetingDetail | None = None
        self.needs_reload = False
        self.setWindowTitle(self.tr("添加议题") if slot is None else self.tr("编辑议题"))
        self.setMinimumWidth(560)
        self.title = QLineEdit()
        self.title.setMaxLength(500)
        self.kind = QComboBox()
        for kind in AgendaKind:
            self.kind.addItem(kind.label, kind)
        self.presenter = QComboBox()
        self.presenter.addItem(self.tr("（无）"), None)
        for row in detail.members:
            self.presenter.addItem(row.unit_name, row.unit_id)
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_ITEM_MINUTES, MAX_ITEM_MINUTES)
        self.minutes.setSuffix(self.tr(" 分钟"))
        self.minutes.setValue(15)
        if slot is not None:
            self.title.setText(slot.title)
            self.kind.setCurrentIndex(self.kind.findData(slot.kind))
            if self.presenter.findData(slot.presenter_unit_id) < 0:
                self.presenter.addItem(slot.presenter_name, slot.presenter_unit_id)
            self.presenter.setCurrentIndex(self.presenter.findData(slot.presenter_unit_id))
            self.minutes.setValue(slot.minutes_allotted)
        self.form = ErrorForm()
        self.form.add("title", self.tr("议题*"), self.title)
        self.form.add("kind", self.tr("类型"), self.kind)
        self.form.add("presenter_unit_id", self.tr("汇报单位"), self.presenter)
        self.form.add("minutes_allotted", self.tr("时长"), self.minutes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.title.setFocus()

    def item(self) -> mt.AgendaInput:
        presenter = self.presenter.currentData()
        return mt.AgendaInput(
            title=self.title.text(),
            kind=AgendaKind(self.kind.currentData()),
            presenter_unit_id=int(presenter) if presenter is not None else None,
            minutes_allotted=self.minutes.value(),
            origin=self.slot.origin if self.slot is not None else AgendaOrigin.PROPOSED,
        )

    def save(self) -> None:
        self.form.clear_errors()
        data = self.item()
        errors = mt.validate_item(data)
        if errors:
            self.form.show_errors(errors)
            return
        try:
            if self.slot is None:
                self.saved = mt.add_agenda_items(self._db, self._detail.meeting.id, [data])
            else:
                self.saved = mt.update_agenda_item(
                    self._db, self.slot.id, data, expected_version=self.slot.version
                )
        except ConflictError as error:
            if offer_reload(self, error):
                self.needs_reload = True
                self.reject()
            return
        except ValidationError as error:
            rest = self.form.show_errors(error.errors)
            if rest:
                show_domain_error(self, DomainError("；".join(rest)))
            return
        except DomainError as error:
            show_domain_error(self, error)
            return
        self.accept()
