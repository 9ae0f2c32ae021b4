"""Actions on a selection of the list: 延期…, 标记已认领, 导出 (selection or all matching)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from alliance_desk.core.commitments import transition_error
from alliance_desk.core.errors import DomainError
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services.commitments.progress import extend_due
from alliance_desk.services.commitments.records import CommitmentRow, local_today
from alliance_desk.services.commitments.transitions import transition_many
from alliance_desk.ui.commitments.export import export_matching, export_rows
from alliance_desk.ui.commitments.small_dialogs import DateReasonDialog
from alliance_desk.ui.register.page_helpers import open_dialog
from alliance_desk.ui.tasks import BackgroundTask, Report

if TYPE_CHECKING:
    from alliance_desk.ui.commitments.page import CommitmentsPage

LARGE_EXPORT = 5000
"""From this many rows an export runs on a worker thread with a progress bar."""


def _title(row: CommitmentRow) -> str:
    text = " ".join(row.content.split())
    return f"编号 {row.id}“{text[:20]}…”" if len(text) > 20 else f"编号 {row.id}“{text}”"


class BulkActions(QObject):
    def __init__(self, page: CommitmentsPage) -> None:
        super().__init__(page)
        self._page = page
        self._db = page.context.database
        self.pending_accept: list[CommitmentRow] = []
        self.accept_box: QMessageBox | None = None
        self.last_message = ""

    # --- 延期 ---------------------------------------------------------------------------
    def extend(self) -> DateReasonDialog | None:
        rows = self._page.selected_rows()
        if not rows:
            return None
        latest = max(r.due_on for r in rows)
        dialog = DateReasonDialog(
            self.tr("延期"),
            self.tr(
                "将所选 %1 项承诺的到期日期改为新日期。新日期须晚于每项原到期日期；"
                "延期原因会记入每项承诺的进度记录。"
            ).replace("%1", str(len(rows))),
            date_label=self.tr("新的到期日期"),
            day=max(latest, local_today()) + timedelta(days=30),
            reason_label=self.tr("延期原因*"),
            save=self._save_extension,
            field_map={"new_due": "day"},
            parent=self._page,
        )
        return open_dialog(dialog, self._page.dialog_closed)

    def _save_extension(self, dialog: DateReasonDialog) -> None:
        rows = self._page.selected_rows()
        new_due = dialog.day_value()
        assert new_due is not None
        count = extend_due(
            self._db,
            [r.id for r in rows],
            new_due=new_due,
            reason=dialog.reason_value(),
            expected_versions={r.id: r.version for r in rows},
        )
        self._done(
            self.tr("已将 %1 项承诺延期至 %2。")
            .replace("%1", str(count))
            .replace("%2", f"{new_due:%Y-%m-%d}")
        )

    # --- 标记已认领 -------------------------------------------------------------------------
    def mark_accepted(self) -> QMessageBox | None:
        """Accept the selection; the ones the state machine refuses are listed with their
        reason, and the clerk may accept the others."""
        rows = self._page.selected_rows()
        if not rows:
            return None
        target = CommitmentState.ACCEPTED
        refused = [(r, transition_error(r.state, target)) for r in rows]
        problems = [(r, why) for r, why in refused if why]
        legal = [r for r, why in refused if not why]
        if not problems:
            self._accept(legal)
            return None
        lines = "\n".join(f"· {_title(r)}：{why}" for r, why in problems[:12])
        if len(problems) > 12:
            lines += "\n" + self.tr("……等共 %1 项").replace("%1", str(len(problems)))
        box = QMessageBox(self._page)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("标记已认领"))
        if legal:
            box.setText(
                self.tr("所选 %1 项中有 %2 项不能标记为已认领：")
                .replace("%1", str(len(rows)))
                .replace("%2", str(len(problems)))
            )
            box.setInformativeText(
                lines
                + "\n\n"
                + self.tr("是否把其余 %1 项标记为已认领？").replace("%1", str(len(legal)))
            )
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        else:
            box.setText(self.tr("所选承诺都不能标记为已认领："))
            box.setInformativeText(lines)
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.pending_accept = legal
        self.accept_box = box
        self.last_message = box.text() + "\n" + box.informativeText()
        return open_dialog(box, self._accept_answered)

    def _accept_answered(self, result: int) -> None:
        legal, self.pending_accept = self.pending_accept, []
        self.accept_box = None
        if legal and result == QMessageBox.StandardButton.Yes:
            self._accept(legal)

    def _accept(self, rows: list[CommitmentRow]) -> None:
        try:
            count = transition_many(
                self._db,
                [r.id for r in rows],
                CommitmentState.ACCEPTED,
                on=local_today(),
                expected_versions={r.id: r.version for r in rows},
            )
        except DomainError as error:
            QMessageBox.warning(self._page, self.tr("未能标记"), error.message)
            self._page.refresh()
            return
        self._done(self.tr("已将 %1 项承诺标记为已认领。").replace("%1", str(count)))

    # --- 导出 -----------------------------------------------------------------------------
    def export_selected(self, path: Path) -> bool:
        rows = self._page.selected_rows()
        if not rows:
            return False
        try:
            export_rows(rows, path)
        except DomainError as error:
            QMessageBox.warning(self._page, self.tr("未能导出"), error.message)
            return False
        self._page.notify(
            self.tr("已导出 %1 项承诺到 %2").replace("%1", str(len(rows))).replace("%2", str(path))
        )
        return True

    def export_all(self, path: Path) -> BackgroundTask | None:
        """All rows of the current filter, read from SQL in pages; a progress bar for big
        exports. Returns the running task (None when it ran at once)."""
        model = self._page.model
        f, total = model.filter, model.total
        if total < LARGE_EXPORT:
            try:
                count = export_matching(self._db, f, path, total=total)
            except DomainError as error:
                QMessageBox.warning(self._page, self.tr("未能导出"), error.message)
                return None
            self._exported(count, path)
            return None
        self._export_path = path

        def work(report: Report) -> int:
            return export_matching(self._db, f, path, total=total, report=report)

        task = BackgroundTask(
            self._page,
            self.tr("正在导出 %1 项承诺……").replace("%1", f"{total:,}"),
            work,
            error_title=self.tr("未能导出"),
        )
        task.succeeded.connect(self._on_exported)
        task.start()
        return task

    def _on_exported(self, count: int) -> None:
        self._exported(count, self._export_path)

    def _exported(self, count: int, path: Path) -> None:
        self.last_message = (
            self.tr("已导出 %1 项承诺到 %2").replace("%1", str(count)).replace("%2", str(path))
        )
        self._page.notify(self.last_message)

    def _done(self, message: str) -> None:
        self.last_message = message
        self._page.notify(message)
        self._page.refresh(keep_choices=True)
