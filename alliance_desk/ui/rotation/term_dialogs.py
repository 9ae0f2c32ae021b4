"""调换… and 标记跳过…: one term (or two) and a required reason, then one service call."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import ChairTermState
from alliance_desk.services import Database
from alliance_desk.services.rotation import TermRow, mark_skipped, swap_terms
from alliance_desk.ui.register.page_helpers import offer_reload
from alliance_desk.ui.rotation.columns import NO_UNIT
from alliance_desk.ui.widgets.error_form import ErrorForm

SWAPPABLE = (ChairTermState.PLANNED, ChairTermState.SWAPPED)


def can_swap(term: TermRow) -> bool:
    return term.state in SWAPPABLE and term.unit_id is not None


def describe(term: TermRow) -> str:
    """``2026年第3季度　市民政局（计划）``: one term in a list or a label."""
    return f"{term.period_label}\u3000{term.unit_name or NO_UNIT}（{term.state.label}）"


class ReasonDialog(QDialog):
    """A form ending in a required 原因; ``done_ok`` after success, ``needs_reload`` after a
    conflict the clerk chose to reload."""

    def __init__(self, db: Database, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._db = db
        self.done_ok = False
        self.needs_reload = False
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = ErrorForm()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("必填，将记入轮值表和操作记录"))
        self.reason.setMaxLength(200)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons

    def _finish_layout(self, note: str) -> None:
        self.form.add("reason", self.tr("原因*"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        hint = QLabel(note)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)
        layout.addWidget(self._buttons)
        self.reason.setFocus()

    def save(self) -> None:
        self.form.clear_errors()
        if not self.reason.text().strip():
            self.form.show_errors({"reason": self.tr("请填写原因。")})
            return
        try:
            self.run()
        except ConflictError as error:
            if offer_reload(self, error):
                self.needs_reload = True
                self.reject()
            return
        except DomainError as error:
            if error.field == "reason":
                self.form.show_errors({"reason": error.message})
            else:
                QMessageBox.warning(self, self.tr("操作未完成"), error.message)
            return
        self.done_ok = True
        self.accept()

    def run(self) -> None:
        raise NotImplementedError


class SwapDialog(ReasonDialog):
    """Swap ``first`` with a term chosen from ``candidates`` (preselected: ``second``)."""

    def __init__(
        self,
        db: Database,
        first: TermRow,
        candidates: Sequence[TermRow],
        second: TermRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, self.tr("调换轮值主席"), self.tr("调换"), parent)
        self.first = first
        self._candidates = {
            term.id: term for term in candidates if term.id != first.id and can_swap(term)
        }
        self.other = QComboBox()
        for term in self._candidates.values():
            self.other.addItem(describe(term), term.id)
        if second is not None:
            self.other.setCurrentIndex(max(0, self.other.findData(second.id)))
        self.form.add("alliance", self.tr("联盟"), QLabel(first.alliance_name))
        self.form.add("first", self.tr("本期"), QLabel(describe(first)))
        self.form.add("other", self.tr("与哪一期调换"), self.other)
        self._finish_layout(
            self.tr(
                "两期的轮值主席单位互换，两期都标为“已调换”，重新排班时保持不变。"
                "若调换后某单位不再是可担任轮值主席的成员，或同期已担任其他联盟轮值主席，将不予调换。"
            )
        )
        self.ok_button.setEnabled(self.other.count() > 0)

    def second(self) -> TermRow | None:
        term_id = self.other.currentData()
        return self._candidates.get(term_id) if isinstance(term_id, int) else None

    def run(self) -> None:
        second = self.second()
        if second is None:
            raise DomainError(self.tr("请选择要调换的另一期。"))
        swap_terms(
            self._db,
            self.first.id,
            second.id,
            reason=self.reason.text(),
            expected_versions=(self.first.version, second.version),
        )


class SkipDialog(ReasonDialog):
    """Mark ``term`` skipped: its unit did not chair this period and owes no turn for it."""

    def __init__(self, db: Database, term: TermRow, parent: QWidget | None = None) -> None:
        super().__init__(db, self.tr("标记跳过"), self.tr("标记跳过"), parent)
        self.term = term
        self.form.add("alliance", self.tr("联盟"), QLabel(term.alliance_name))
        self.form.add("term", self.tr("期别"), QLabel(describe(term)))
        self._finish_layout(
            self.tr(
                "跳过后本期没有轮值主席，该单位也不计为已轮值；本期自动锁定，重新排班时保持不变。"
            )
        )

    def run(self) -> None:
        mark_skipped(
            self._db, self.term.id, reason=self.reason.text(), expected_version=self.term.version
        )
