"""One commitment in full: parties, source, state and its legal next steps, progress log
with attachments, state history, and both sides' ratings side by side; 修改… corrects it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.commitments import ON_TIME_RATE_FORMULA, offers_fulfilment
from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services.clock import in_china
from alliance_desk.services.commitments.attachments import is_document, local_attachment
from alliance_desk.services.commitments.detail import get_commitment
from alliance_desk.services.commitments.records import (
    CommitmentDetail,
    ProgressEntry,
    local_today,
)
from alliance_desk.services.commitments.transitions import transition
from alliance_desk.services.commitments.update import can_edit, final_message
from alliance_desk.services.database import Database
from alliance_desk.ui.commitments.columns import tr
from alliance_desk.ui.commitments.editor import CommitmentEditor
from alliance_desk.ui.commitments.progress_dialog import ProgressDialog
from alliance_desk.ui.commitments.rating_panel import RatingPanel
from alliance_desk.ui.commitments.small_dialogs import DateReasonDialog
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.plain_text import allow_rich_text
from alliance_desk.ui.register.page_helpers import open_dialog
from alliance_desk.ui.widgets.buttons import on_click

OpenMeeting = Callable[[int], None]
S = CommitmentState


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    return table


def state_description(detail: CommitmentDetail) -> str:
    """E.g. “推进中（已逾期 12 天）”, “已履诺（2026-04-10 履诺，逾期 10 天）”."""
    text = detail.state.label
    if detail.overdue:
        days = (local_today() - detail.due_on).days
        return tr("%1（已逾期 %2 天）").replace("%1", text).replace("%2", str(days))
    if detail.state is S.FULFILLED and detail.fulfilled_on is not None:
        if detail.late:
            late = (detail.fulfilled_on - detail.due_on).days
            return (
                tr("%1（%2 履诺，逾期 %3 天，记为逾期履诺）")
                .replace("%1", text)
                .replace("%2", f"{detail.fulfilled_on:%Y-%m-%d}")
                .replace("%3", str(late))
            )
        return (
            tr("%1（%2 按期履诺）")
            .replace("%1", text)
            .replace("%2", f"{detail.fulfilled_on:%Y-%m-%d}")
        )
    if detail.state is S.CANCELLED and detail.cancel_reason:
        return tr("%1（原因：%2）").replace("%1", text).replace("%2", detail.cancel_reason)
    return text


class CommitmentDetailDialog(QDialog):
    """Opened on a commitment id; every save reloads it and emits ``changed``."""

    changed = Signal()

    def __init__(
        self,
        db: Database,
        commitment_id: int,
        *,
        open_meeting: OpenMeeting | None = None,
        categories: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.fulfilment_offer: QMessageBox | None = None
        self._fulfil_day: date | None = None
        self._open_meeting = open_meeting
        self._categories = categories
        self.detail: CommitmentDetail = get_commitment(db, commitment_id)
        self.setWindowTitle(self.tr("承诺详情 — 编号 %1").replace("%1", str(commitment_id)))
        self.resize(900, 680)

        self.content = QLabel()
        self.content.setWordWrap(True)
        self.content.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.facts = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key, title in (
            ("alliance", self.tr("所属联盟")),
            ("promisor", self.tr("承诺方")),
            ("promisee", self.tr("受诺方")),
            ("direction", self.tr("方向")),
            ("category", self.tr("类别")),
            ("dates", self.tr("承诺日期 / 到期日期")),
            ("state", self.tr("状态")),
            ("source", self.tr("来源")),
        ):
            label = QLabel()
            label.setWordWrap(True)
            label.setObjectName(f"detail_{key}")
            self.labels[key] = label
            self.facts.addRow(title, label)
        self.labels["state"].setToolTip(ON_TIME_RATE_FORMULA)
        self.labels["source"].linkActivated.connect(self._source_clicked)

        self.step_buttons: dict[CommitmentState, QPushButton] = {
            S.ACCEPTED: QPushButton(self.tr("认领")),
            S.IN_PROGRESS: QPushButton(self.tr("开始推进")),
            S.FULFILLED: QPushButton(self.tr("标记已履诺…")),
            S.CANCELLED: QPushButton(self.tr("取消承诺…")),
        }
        on_click(self.step_buttons[S.ACCEPTED], self.accept_commitment)
        on_click(self.step_buttons[S.IN_PROGRESS], self.start_commitment)
        on_click(self.step_buttons[S.FULFILLED], self.fulfil)
        on_click(self.step_buttons[S.CANCELLED], self.cancel_commitment)
        self.step_buttons[S.FULFILLED].setToolTip(
            self.tr("晚于到期日履诺的，记为逾期履诺。") + "\n" + ON_TIME_RATE_FORMULA
        )
        self.progress_button = QPushButton(self.tr("添加进度…"))
        on_click(self.progress_button, self.add_progress)
        self.edit_button = QPushButton(self.tr("修改…"))
        on_click(self.edit_button, self.edit)
        steps = QHBoxLayout()
        steps.addWidget(self.edit_button)
        steps.addSpacing(12)
        for button in self.step_buttons.values():
            steps.addWidget(button)
        steps.addStretch(1)
        steps.addWidget(self.progress_button)

        self.progress_table = _table(
            [
                self.tr("日期"),
                self.tr("进展情况"),
                self.tr("完成进度"),
                self.tr("佐证说明"),
                self.tr("附件"),
            ]
        )
        header = self.progress_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 92), (2, 70), (3, 150), (4, 150)):
            self.progress_table.setColumnWidth(column, width)
        self.open_button = QPushButton(self.tr("打开附件"))
        on_click(self.open_button, self.open_attachment)
        self.progress_table.itemSelectionChanged.connect(self._update_open_button)
        progress_page = QWidget()
        progress_layout = QVBoxLayout(progress_page)
        progress_layout.addWidget(self.progress_table, 1)
        open_row = QHBoxLayout()
        open_row.addStretch(1)
        open_row.addWidget(self.open_button)
        progress_layout.addLayout(open_row)

        self.history_table = _table(
            [self.tr("时间"), self.tr("操作人"), self.tr("状态变化"), self.tr("说明")]
        )
        self.history_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        for column, width in ((0, 140), (1, 100), (2, 170)):
            self.history_table.setColumnWidth(column, width)

        self.by_promisor = RatingPanel(db, by_promisor=True)
        self.by_promisee = RatingPanel(db, by_promisor=False)
        for panel in (self.by_promisor, self.by_promisee):
            panel.saved.connect(self._on_rated)
        ratings_page = QWidget()
        ratings = QHBoxLayout(ratings_page)
        ratings.addWidget(self.by_promisor, 1, Qt.AlignmentFlag.AlignTop)
        ratings.addWidget(self.by_promisee, 1, Qt.AlignmentFlag.AlignTop)

        self.tabs = QTabWidget()
        self.tabs.addTab(progress_page, self.tr("进度记录"))
        self.tabs.addTab(self.history_table, self.tr("状态变更"))
        self.tabs.addTab(ratings_page, self.tr("双向评价"))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.content)
        layout.addLayout(self.facts)
        layout.addLayout(steps)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self._show(self.detail)

    # --- showing -------------------------------------------------------------------------
    def _show(self, detail: CommitmentDetail) -> None:
        self.detail = detail
        self.content.setText(detail.content)
        values = {
            "alliance": detail.alliance_name,
            "promisor": detail.promisor_name,
            "promisee": detail.promisee_name,
            "direction": detail.direction.label,
            "category": detail.category or self.tr("（未分类）"),
            "dates": f"{detail.made_on:%Y-%m-%d}  →  {detail.due_on:%Y-%m-%d}",
            "state": state_description(detail),
        }
        for key, text in values.items():
            self.labels[key].setText(text)
        overdue = detail.overdue or detail.late
        self.labels["state"].setStyleSheet("color: #b71c1c; font-weight: bold;" if overdue else "")
        source = self.labels["source"]
        if detail.source_meeting_id is not None:
            allow_rich_text(source)  # a link around the escaped meeting name
            source.setText(f'<a href="meeting">{escape(detail.source_label)}</a>')
            source.setToolTip(self.tr("打开该次联席会议"))
        else:
            source.setTextFormat(Qt.TextFormat.PlainText)
            source.setText(self.tr("（直接登记，无来源会议）"))
        allowed = set(detail.allowed_states)
        for state, button in self.step_buttons.items():
            button.setVisible(state in allowed)
        self.progress_button.setEnabled(detail.state in (S.ACCEPTED, S.IN_PROGRESS))
        editable = can_edit(detail.state)
        self.edit_button.setEnabled(editable)
        self.edit_button.setToolTip(
            self.tr("更正承诺内容、类别、日期或双方单位")
            if editable
            else final_message(detail.state)
        )
        self._fill_progress(detail)
        self._fill_history(detail)
        self.by_promisor.show_detail(detail)
        self.by_promisee.show_detail(detail)

    def _fill_progress(self, detail: CommitmentDetail) -> None:
        table = self.progress_table
        table.setRowCount(len(detail.progress))
        for row, entry in enumerate(reversed(detail.progress)):  # newest first
            name = entry.attachment_path.rsplit("/", 1)[-1] if entry.attachment_path else ""
            values = [
                f"{entry.recorded_on:%Y-%m-%d}",
                entry.note,
                f"{entry.percent}%",
                entry.evidence_note,
                name,
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        self._update_open_button()

    def _fill_history(self, detail: CommitmentDetail) -> None:
        table = self.history_table
        table.setRowCount(len(detail.history))
        for row, change in enumerate(reversed(detail.history)):
            moment = in_china(change.at)
            if change.from_state is None:
                step = self.tr("登记（%1）").replace("%1", change.to_state.label)
            else:
                step = f"{change.from_state.label} → {change.to_state.label}"
            note = change.reason
            if change.fulfilled_on is not None:
                note = self.tr("履诺日期 %1").replace("%1", f"{change.fulfilled_on:%Y-%m-%d}")
            for column, text in enumerate((f"{moment:%Y-%m-%d %H:%M}", change.actor, step, note)):
                table.setItem(row, column, QTableWidgetItem(text))

    def reload(self) -> None:
        try:
            self._show(get_commitment(self._db, self.detail.id))
        except DomainError as error:
            QMessageBox.warning(self, self.tr("无法显示"), error.message)
            self.reject()

    def _saved(self, detail: CommitmentDetail) -> None:
        self._show(detail)
        self.changed.emit()

    # --- state changes ------------------------------------------------------------------
    def _step(self, target: CommitmentState, *, on: date | None = None, reason: str = "") -> None:
        """Raises ``DomainError`` for the caller (a dialog shows it at its field)."""
        day = on or local_today()
        self._saved(
            transition(
                self._db,
                self.detail.id,
                target,
                on=day,
                reason=reason,  # type: ignore[arg-type]
                expected_version=self.detail.version,
            )
        )

    def _step_now(self, target: CommitmentState) -> None:
        try:
            self._step(target)
        except ConflictError as error:
            QMessageBox.warning(self, self.tr("未能保存"), error.message)
            self.reload()
        except DomainError as error:
            QMessageBox.warning(self, self.tr("未能保存"), error.message)

    def accept_commitment(self) -> None:
        self._step_now(S.ACCEPTED)

    def start_commitment(self) -> None:
        self._step_now(S.IN_PROGRESS)

    def fulfil(self, day: date | None = None) -> DateReasonDialog:
        dialog = DateReasonDialog(
            self.tr("标记已履诺"),
            self.tr("到期日期为 %1；晚于到期日履诺的，记为逾期履诺。").replace(
                "%1", f"{self.detail.due_on:%Y-%m-%d}"
            ),
            date_label=self.tr("履诺日期"),
            day=day or local_today(),
            save=self._save_fulfilment,
            field_map={"on": "day"},
            parent=self,
        )
        return open_dialog(dialog, self._dialog_closed)

    def _save_fulfilment(self, dialog: DateReasonDialog) -> None:
        self._step(S.FULFILLED, on=dialog.day_value())

    def cancel_commitment(self) -> DateReasonDialog:
        dialog = DateReasonDialog(
            self.tr("取消承诺"),
            self.tr("取消后不能恢复。请写明取消的原因，它会记入状态变更。"),
            reason_label=self.tr("取消原因*"),
            save=self._save_cancel,
            parent=self,
        )
        return open_dialog(dialog, self._dialog_closed)

    def _save_cancel(self, dialog: DateReasonDialog) -> None:
        self._step(S.CANCELLED, reason=dialog.reason_value())

    def _dialog_closed(self, _result: int) -> None:
        """Nothing to do: each dialog saved (and refreshed this one) before closing."""

    # --- correction ----------------------------------------------------------------------
    def edit(self) -> CommitmentEditor:
        """修改…: the editor on this commitment; a save refreshes this dialog and the list."""
        editor = CommitmentEditor(
            self._db, detail=self.detail, categories=self._categories, parent=self
        )
        return open_dialog(editor, self._editor_closed)

    def _editor_closed(self, _result: int) -> None:
        editor = self.sender()
        if not isinstance(editor, CommitmentEditor):
            return
        if editor.saved is not None:
            self._saved(editor.saved)
        elif editor.detail is not None and editor.detail.version != self.detail.version:
            self._saved(editor.detail)  # reloaded after another clerk's save

    # --- progress ----------------------------------------------------------------------
    def add_progress(self) -> ProgressDialog:
        dialog = ProgressDialog(self._db, self.detail, parent=self)
        return open_dialog(dialog, self._progress_closed)

    def _progress_closed(self, _result: int) -> None:
        dialog = self.sender()
        if isinstance(dialog, ProgressDialog) and dialog.saved is not None:
            self._saved(dialog.saved)
            if offers_fulfilment(dialog.saved.state, dialog.saved.percent or 0):
                self.offer_fulfilment(dialog.saved.progress[-1].recorded_on)

    def offer_fulfilment(self, day: date) -> QMessageBox:
        """Progress reached 100%: ask whether to mark the commitment 已履诺 (dated ``day``)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("标记已履诺"),
            self.tr("完成进度已达 100%。是否同时将该承诺标记为“已履诺”？"),
            parent=self,
        )
        box.setInformativeText(
            self.tr("选择“是”后可确认履诺日期；选择“否”则保持“%1”状态。").replace(
                "%1", self.detail.state.label
            )
        )
        yes = box.addButton(self.tr("是，标记已履诺"), QMessageBox.ButtonRole.YesRole)
        box.addButton(self.tr("否"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes)
        self._fulfil_day = day
        self.fulfilment_offer = open_dialog(box, self._fulfilment_offer_closed)
        return box

    def _fulfilment_offer_closed(self, _result: int) -> None:
        box = self.sender()
        if not isinstance(box, QMessageBox):
            return
        clicked = box.clickedButton()
        if clicked is not None and box.buttonRole(clicked) is QMessageBox.ButtonRole.YesRole:
            self.fulfil(self._fulfil_day)

    def selected_entry(self) -> ProgressEntry | None:
        rows = self.progress_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.detail.progress[len(self.detail.progress) - 1 - rows[0].row()]

    def selected_attachment(self) -> str:
        entry = self.selected_entry()
        return entry.attachment_path if entry is not None else ""

    def _update_open_button(self) -> None:
        self.open_button.setEnabled(bool(self.selected_attachment()))

    def open_attachment(self) -> bool:
        entry = self.selected_entry()
        if entry is None or not entry.attachment_path:
            return False
        try:
            path = local_attachment(self._db, entry.id, entry.attachment_path)
        except DomainError as refused:
            show_domain_error(self, refused, title=self.tr("不能打开附件"))
            return False
        if not is_document(path):
            answer = QMessageBox.question(
                self,
                self.tr("打开附件"),
                self.tr("附件“%1”不是文档或图片（%2 文件），打开它可能会运行程序。确定要打开吗？")
                .replace("%1", path.name).replace("%2", path.suffix or self.tr("无扩展名")),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- ratings and links ----------------------------------------------------------------
    def _on_rated(self, detail: CommitmentDetail) -> None:
        self._saved(detail)

    def _source_clicked(self, _link: str) -> None:
        if self._open_meeting is not None and self.detail.source_meeting_id is not None:
            self._open_meeting(self.detail.source_meeting_id)
