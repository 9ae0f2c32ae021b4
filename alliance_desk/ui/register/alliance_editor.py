"""党建联盟 editor: name, lead organisation, founding date, chair period, state, charter."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.vocab import ChairPeriod
from alliance_desk.services import Database
from alliance_desk.services.alliances import (
    AllianceDetail,
    AllianceInput,
    create_alliance,
    get_alliance,
    update_alliance,
)
from alliance_desk.ui.register.date_fields import date_edit, date_of, set_date
from alliance_desk.ui.register.page_helpers import offer_reload
from alliance_desk.ui.widgets.error_form import ErrorForm


class AllianceEditor(QDialog):
    """New alliance when ``alliance_id`` is None; otherwise edits it. ``saved`` holds the result.

    Raises ``DomainError`` (not found) when the alliance to edit no longer exists.
    """

    def __init__(
        self,
        db: Database,
        alliance_id: int | None = None,
        parent: QWidget | None = None,
        *,
        focus_charter: bool = False,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._alliance_id = alliance_id
        self._version = 0
        self.saved: AllianceDetail | None = None
        self.setWindowTitle(
            self.tr("新建党建联盟") if alliance_id is None else self.tr("编辑党建联盟")
        )
        self.setMinimumSize(680, 620)

        self.name = QLineEdit()
        self.lead_organisation = QLineEdit()
        self.lead_organisation.setPlaceholderText(self.tr("如：翠园社区党委"))
        self.founded_known = QCheckBox(self.tr("已知成立日期"))
        self.founded_on = date_edit()
        self.founded_on.setEnabled(False)
        self.founded_known.toggled.connect(self.founded_on.setEnabled)
        founded = QWidget()
        founded_row = QHBoxLayout(founded)
        founded_row.setContentsMargins(0, 0, 0, 0)
        founded_row.addWidget(self.founded_known)
        founded_row.addWidget(self.founded_on)
        founded_row.addStretch(1)
        self.chair_period = QComboBox()
        for period in ChairPeriod:
            self.chair_period.addItem(period.label, period)
        self.chair_period.setCurrentIndex(self.chair_period.findData(ChairPeriod.QUARTER))
        self.chair_period.setFixedWidth(self.founded_on.minimumWidth())
        self.active = QCheckBox(self.tr("在用（停用的联盟保留历史记录）"))
        self.active.setChecked(True)
        self.charter = QPlainTextEdit()
        self.charter.setPlaceholderText(self.tr("第一条　……\n第二条　……"))
        self.charter.setTabChangesFocus(True)

        self.form = ErrorForm()
        self.form.add("name", self.tr("联盟名称*"), self.name)
        self.form.add("lead_organisation", self.tr("牵头组织"), self.lead_organisation)
        self.form.add("founded_on", self.tr("成立日期"), founded)
        self.form.add("chair_period", self.tr("轮值周期"), self.chair_period)
        self.form.add("active", self.tr("状态"), self.active)
        self.form.add("charter", self.tr("联盟章程"), self.charter)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form, 1)
        layout.addWidget(buttons)
        if alliance_id is not None:
            self._load(get_alliance(db, alliance_id))
        (self.charter if focus_charter else self.name).setFocus()

    @property
    def is_new(self) -> bool:
        return self._alliance_id is None

    def _load(self, detail: AllianceDetail) -> None:
        alliance = detail.alliance
        self._version = alliance.version
        self.name.setText(alliance.name)
        self.lead_organisation.setText(alliance.lead_organisation)
        self.founded_known.setChecked(alliance.founded_on is not None)
        if alliance.founded_on is not None:
            set_date(self.founded_on, alliance.founded_on)
        self.chair_period.setCurrentIndex(self.chair_period.findData(alliance.chair_period))
        self.active.setChecked(alliance.active)
        self.charter.setPlainText(detail.charter)

    def value(self) -> AllianceInput:
        return AllianceInput(
            name=self.name.text(),
            lead_organisation=self.lead_organisation.text(),
            founded_on=date_of(self.founded_on) if self.founded_known.isChecked() else None,
            charter=self.charter.toPlainText(),
            chair_period=ChairPeriod(self.chair_period.currentData()),
            active=self.active.isChecked(),
        )

    def save(self) -> None:
        data = self.value()
        try:
            if self._alliance_id is None:
                self.saved = create_alliance(self._db, data)
            else:
                self.saved = update_alliance(
                    self._db, self._alliance_id, data, expected_version=self._version
                )
        except ValidationError as error:
            for message in self.form.show_errors(error.errors):
                QMessageBox.warning(self, self.tr("无法保存"), message)
            return
        except ConflictError as error:
            if offer_reload(self, error) and self._alliance_id is not None:
                self.form.clear_errors()
                self._reload()
            return
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法保存"), error.message)
            return
        self.accept()

    def _reload(self) -> None:
        assert self._alliance_id is not None
        try:
            self._load(get_alliance(self._db, self._alliance_id))
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法重新载入"), error.message)
