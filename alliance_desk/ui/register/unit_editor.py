"""成员单位 editor: validates at the fields, keeps what was typed, refuses stale saves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.core.vocab import MembershipRole, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.units import UnitDetail, UnitInput, create_unit, get_unit, update_unit
from alliance_desk.ui.register.page_helpers import offer_reload
from alliance_desk.ui.widgets.error_form import ErrorForm


class UnitEditor(QDialog):
    """New unit when ``unit_id`` is None; otherwise edits it. ``saved`` holds the result."""

    def __init__(self, db: Database, unit_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._unit_id = unit_id
        self._version = 0
        self.saved: UnitDetail | None = None
        self.setWindowTitle(self.tr("新增成员单位") if unit_id is None else self.tr("编辑成员单位"))
        self.setMinimumWidth(560)

        self.name = QLineEdit()
        self.category = QComboBox()
        self.category.addItem(self.tr("（请选择）"), None)
        for category in UnitCategory:
            self.category.addItem(category.label, category)
        self.party_org_name = QLineEdit()
        self.secretary = QLineEdit()
        self.liaison = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("手机 13912345678 或 固话 0436-6221234"))
        self.address = QLineEdit()
        self.party_member_count = QLineEdit("0")
        self.party_member_count.setMaximumWidth(120)
        self.active = QCheckBox(self.tr("在用（停用的单位不能加入联盟）"))
        self.active.setChecked(True)

        self.form = ErrorForm()
        self.form.add("name", self.tr("单位名称*"), self.name)
        self.form.add("category", self.tr("单位类别*"), self.category)
        self.form.add("party_org_name", self.tr("党组织名称"), self.party_org_name)
        self.form.add("secretary", self.tr("书记"), self.secretary)
        self.form.add("liaison", self.tr("联络员"), self.liaison)
        self.form.add("phone", self.tr("联系电话"), self.phone)
        self.form.add("address", self.tr("地址"), self.address)
        self.form.add("party_member_count", self.tr("党员人数"), self.party_member_count)
        self.form.add("active", self.tr("状态"), self.active)

        self.memberships = QTableWidget(0, 4)
        self.memberships.setHorizontalHeaderLabels(
            [self.tr("所属联盟"), self.tr("角色"), self.tr("加入日期"), self.tr("退出日期")]
        )
        self.memberships.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.memberships.verticalHeader().hide()
        self.memberships.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        if unit_id is not None:
            layout.addWidget(QLabel(self.tr("参加的联盟（含历史）")))
            layout.addWidget(self.memberships)
            self._load(get_unit(db, unit_id))
        layout.addWidget(buttons)

    def _load(self, detail: UnitDetail) -> None:
        unit = detail.unit
        self._version = unit.version
        self.name.setText(unit.name)
        self.category.setCurrentIndex(self.category.findData(unit.category))
        self.party_org_name.setText(unit.party_org_name)
        self.secretary.setText(unit.secretary)
        self.liaison.setText(unit.liaison)
        self.phone.setText(unit.phone)
        self.address.setText(unit.address)
        self.party_member_count.setText(str(unit.party_member_count))
        self.active.setChecked(unit.active)
        self.memberships.setRowCount(len(detail.memberships))
        for row, m in enumerate(detail.memberships):
            role = MembershipRole(m.role).label
            values = [
                m.alliance_name,
                role,
                f"{m.joined_on:%Y-%m-%d}",
                f"{m.left_on:%Y-%m-%d}" if m.left_on else self.tr("（在盟）"),
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if m.left_on:
                    item.setForeground(Qt.GlobalColor.gray)
                self.memberships.setItem(row, column, item)

    def value(self) -> UnitInput:
        count_text = self.party_member_count.text().strip()
        try:
            count: int | None = int(count_text) if count_text else 0
        except ValueError:
            count = None
        return UnitInput(
            name=self.name.text(),
            category=self.category.currentData(),
            party_org_name=self.party_org_name.text(),
            secretary=self.secretary.text(),
            liaison=self.liaison.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            party_member_count=count,
            active=self.active.isChecked(),
        )

    def save(self) -> None:
        data = self.value()
        try:
            if self._unit_id is None:
                self.saved = create_unit(self._db, data)
            else:
                self.saved = update_unit(
                    self._db, self._unit_id, data, expected_version=self._version
                )
        except ValidationError as error:
            for message in self.form.show_errors(error.errors):
                QMessageBox.warning(self, self.tr("无法保存"), message)
            return
        except ConflictError as error:
            self._offer_reload(error)
            return
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法保存"), error.message)
            return
        self.accept()

    def _offer_reload(self, error: ConflictError) -> None:
        if offer_reload(self, error) and self._unit_id is not None:
            self.form.clear_errors()
            self._load(get_unit(self._db, self._unit_id))
