"""What the rotation page's buttons do: each action is one service call, then a redraw.

Dialogs open without blocking (``open_dialog``) and report back to bound methods here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import ChairTermState
from alliance_desk.services import Database
from alliance_desk.services.clock import local_today
from alliance_desk.services.rotation import TermRow, list_terms, mark_served, set_locked
from alliance_desk.ui.printing import PrintJob
from alliance_desk.ui.register.page_helpers import offer_reload, open_dialog
from alliance_desk.ui.rotation.plan_dialog import PlanDialog
from alliance_desk.ui.rotation.term_dialogs import ReasonDialog, SkipDialog, SwapDialog, can_swap

if TYPE_CHECKING:
    from alliance_desk.ui.rotation.page import RotationPage

_FINAL = (ChairTermState.SERVED, ChairTermState.SKIPPED)


class RotaActions(QObject):
    def __init__(self, db: Database, page: RotationPage) -> None:
        super().__init__(page)
        self._db = db
        self._page = page
        self._plan_dialog: PlanDialog | None = None
        self._term_dialog: ReasonDialog | None = None
        self.last_message = ""

    # --- 排班 -----------------------------------------------------------------------------
    def plan(self) -> PlanDialog:
        """Open the planning dialog (window-modal, non-blocking) and return it."""
        page = self._page
        alliance_id, name = page.alliance_id(), page.alliance_name()
        alliance = (alliance_id, name) if alliance_id is not None and name else None
        self._plan_dialog = PlanDialog(self._db, alliance=alliance, parent=page)
        return open_dialog(self._plan_dialog, self._after_plan)

    def _after_plan(self, _result: int) -> None:
        dialog, self._plan_dialog = self._plan_dialog, None
        if dialog is None or dialog.written is None:
            return
        self._page.reload()
        self._page.rota_changed.emit()
        self._status(self.tr("排班已保存：写入 %1 期。").replace("%1", str(dialog.written)))

    # --- 调换 / 跳过 ------------------------------------------------------------------------
    def swap(self) -> SwapDialog | None:
        """Swap the selected term with a second selected one, or with one chosen in the dialog."""
        terms = self._page.selected_terms()
        if not 1 <= len(terms) <= 2:
            return None
        if len(terms) == 2 and terms[0].alliance_id != terms[1].alliance_id:
            QMessageBox.warning(
                self._page, self.tr("无法调换"), self.tr("只能调换同一联盟的两期轮值主席。")
            )
            return None
        first, second = terms[0], terms[1] if len(terms) == 2 else None
        if not can_swap(first) and second is not None:
            first, second = second, first
        candidates = list_terms(self._db, alliance_id=first.alliance_id)
        dialog = SwapDialog(self._db, first, candidates, second, parent=self._page)
        self._term_dialog = dialog
        return open_dialog(dialog, self._after_term_dialog)

    def skip(self) -> SkipDialog | None:
        term = self._single()
        if term is None:
            return None
        dialog = SkipDialog(self._db, term, parent=self._page)
        self._term_dialog = dialog
        return open_dialog(dialog, self._after_term_dialog)

    def _after_term_dialog(self, _result: int) -> None:
        dialog, self._term_dialog = self._term_dialog, None
        if dialog is None or not (dialog.done_ok or dialog.needs_reload):
            return
        self._page.refresh()
        if dialog.done_ok:
            self._page.rota_changed.emit()

    # --- 已履职 / 锁定 ----------------------------------------------------------------------
    def mark_served(self) -> bool:
        term = self._single()
        if term is None:
            return False
        action = partial(
            mark_served, self._db, term.id, expected_version=term.version, today=local_today()
        )
        return self._run(action, term.id)

    def toggle_lock(self) -> bool:
        term = self._single()
        if term is None:
            return False
        action = partial(
            set_locked, self._db, term.id, not term.locked, expected_version=term.version
        )
        return self._run(action, term.id)

    def _single(self) -> TermRow | None:
        terms = self._page.selected_terms()
        return terms[0] if len(terms) == 1 else None

    def _run(self, action: Callable[[], object], term_id: int) -> bool:
        page = self._page
        try:
            action()
        except ConflictError as error:
            if offer_reload(page, error):
                page.refresh()
            return False
        except DomainError as error:
            QMessageBox.warning(page, self.tr("操作未完成"), error.message)
            return False
        page.refresh()
        page.select_term(term_id)
        page.rota_changed.emit()
        return True

    def _status(self, text: str) -> None:
        self.last_message = text
        window = self._page.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15_000)

    # --- 打印 -----------------------------------------------------------------------------
    def print_job(self) -> PrintJob:
        """打印轮值表: the alliance and year the selectors show."""
        from alliance_desk.documents.rota import rota_document, rota_is_landscape, rota_title

        page = self._page
        year, alliance_id, name = page.selected_year(), page.alliance_id(), page.alliance_name()
        terms = list_terms(self._db, alliance_id=alliance_id, year=year)
        build = partial(
            rota_document, terms, year=year, alliance_name=name, printed_on=local_today()
        )
        return PrintJob(rota_title(year, name), build, landscape=rota_is_landscape(name))

    # --- buttons ----------------------------------------------------------------------------
    def update_buttons(self, terms: list[TermRow]) -> None:
        page = self._page
        one = terms[0] if len(terms) == 1 else None
        same_alliance = len({t.alliance_id for t in terms}) == 1
        page.swap_button.setEnabled(
            same_alliance and 1 <= len(terms) <= 2 and any(can_swap(t) for t in terms)
        )
        page.served_button.setEnabled(
            one is not None
            and one.unit_id is not None
            and one.state not in _FINAL
            and one.period_start <= local_today()
        )
        page.skip_button.setEnabled(one is not None and one.state not in _FINAL)
        locked = one is not None and one.locked
        page.lock_button.setText(self.tr("解锁") if locked else self.tr("锁定"))
        page.lock_button.setEnabled(
            one is not None and (not one.locked or one.state is ChairTermState.PLANNED)
        )
