"""Run one slow service call off the main thread while a busy dialog shows.

The call runs on a Python ``threading.Thread``; its result or exception comes back
as a queued signal to ``@Slot`` methods on the main thread, so those may touch widgets.
A ``DomainError`` is shown with ``show_domain_error``; anything else goes to the app's
exception hook.

``wait_for_background_tasks`` joins the workers (at exit, and after each UI test).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from alliance_desk.core.errors import DatabaseClosedError, DomainError
from alliance_desk.ui.error_dialog import show_domain_error

log = logging.getLogger("alliance_desk.ui")

Report = Callable[[int, int], None]
"""``report(done, total)``: a worker's progress, safe to call from the worker thread."""


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


_running: set[threading.Thread] = set()


def wait_for_background_tasks(timeout: float | None = None) -> None:
    """Block until every started task's worker thread has ended (used at exit and in tests)."""
    for thread in list(_running):
        thread.join(timeout)


def _run(work: Callable[[Report], Any], relay: _Relay) -> None:
    try:
        try:
            result = work(relay.progressed.emit)
        except Exception as exc:  # handed to the main thread
            relay.failed.emit(exc)
        else:
            relay.succeeded.emit(result)
    except RuntimeError as gone:
        # The window part that asked (a page dropped when another database was opened)
        # is gone: nobody is left to tell.
        log.info("background task finished after its owner was deleted: %s", gone)
    finally:
        _running.discard(threading.current_thread())


class BackgroundTask(QObject):
    """``BackgroundTask(parent, label, work).start()``; connect ``succeeded``/``failed`` first.

    ``work(report)`` runs on a worker thread and may call ``report(done, total)`` to move
    the bar. ``finished`` fires after success or failure; ``running`` is False then.
    With ``label=None`` no dialog shows; with ``report_errors=False`` the caller handles
    ``failed`` itself.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        label: str | None,
        work: Callable[[Report], Any],
        *,
        error_title: str | None = None,
        report_errors: bool = True,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._label = label
        self._work = work
        self._error_title = error_title
        self._report_errors = report_errors
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._on_succeeded)
        self._relay.failed.connect(self._on_failed)
        self._relay.progressed.connect(self._on_progress)
        self._dialog: QProgressDialog | None = None
        self.running = False
        self.error: BaseException | None = None

    def start(self) -> None:
        if self._label is not None:
            dialog = QProgressDialog(self._label, "", 0, 0, self._parent)
            dialog.setWindowTitle(self.tr("请稍候"))
            dialog.setCancelButton(None)  # service calls cannot be interrupted halfway
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.setMinimumWidth(380)
            dialog.setAutoClose(False)
            dialog.show()
            self._dialog = dialog
        self.running = True
        worker = threading.Thread(target=_run, args=(self._work, self._relay),
                                  name="alliance-desk-task")
        _running.add(worker)
        worker.start()

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self.running = False

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._dialog is not None and total > 0:
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(done, total))

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._close_dialog()
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._close_dialog()
        self.error = exc
        if not self._report_errors:
            pass
        elif isinstance(exc, DatabaseClosedError):
            log.info("background read of a closed database dropped: %s", exc)
        elif isinstance(exc, DomainError):
            show_domain_error(self._parent, exc, title=self._error_title)
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        self.failed.emit(exc)
        self.finished.emit()
