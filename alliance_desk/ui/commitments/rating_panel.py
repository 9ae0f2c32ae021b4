"""One side's rating of the other (双向评价): 满意 / 基本满意 / 不满意 and a comment."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.commitments import AVERAGE_SCORE_FORMULA, SATISFACTION_RATE_FORMULA
from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import CommitmentState, Rating
from alliance_desk.services.commitments.detail import get_commitment
from alliance_desk.services.commitments.rating import rate
from alliance_desk.services.commitments.records import (
    CommitmentDetail,
    RatingEntry,
    local_today,
)
from alliance_desk.services.database import Database
from alliance_desk.ui.register.page_helpers import offer_reload
from alliance_desk.ui.widgets.buttons import on_click


class RatingPanel(QGroupBox):
    """The rating by ``rater_unit_id`` (the promisor or the promisee) on ``detail``."""

    saved = Signal(object)
    """The commitment (``CommitmentDetail``) after a rating was saved."""

    def __init__(self, db: Database, *, by_promisor: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._by_promisor = by_promisor
        self._detail: CommitmentDetail | None = None
        self._entry: RatingEntry | None = None
        self.setToolTip(f"{SATISFACTION_RATE_FORMULA}\n{AVERAGE_SCORE_FORMULA}")
        self.choices = QButtonGroup(self)
        row = QHBoxLayout()
        self.buttons: dict[Rating, QRadioButton] = {}
        for level in Rating:
            button = QRadioButton(level.label)
            self.choices.addButton(button)
            self.buttons[level] = button
            row.addWidget(button)
        row.addStretch(1)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("评价意见（选填）"))
        self.comment.setFixedHeight(64)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        self.save_button = QPushButton(self.tr("保存评价"))
        on_click(self.save_button, self.save)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.comment)
        layout.addLayout(footer)

    def show_detail(self, detail: CommitmentDetail) -> None:
        self._detail = detail
        if self._by_promisor:
            rater, ratee = detail.promisor_name, detail.promisee_name
            self._entry = detail.rating_by_promisor
            self.setTitle(self.tr("承诺方“%1”评价受诺方").replace("%1", rater))
        else:
            rater, ratee = detail.promisee_name, detail.promisor_name
            self._entry = detail.rating_by_promisee
            self.setTitle(self.tr("受诺方“%1”评价承诺方").replace("%1", rater))
        entry = self._entry
        self.choices.setExclusive(False)
        for level, button in self.buttons.items():
            button.setChecked(entry is not None and entry.rating is level)
        self.choices.setExclusive(True)
        self.comment.setPlainText(entry.comment if entry else "")
        open_for_rating = detail.state is CommitmentState.FULFILLED
        for widget in (*self.buttons.values(), self.comment, self.save_button):
            widget.setEnabled(open_for_rating)
        if entry is not None:
            self.status.setText(
                self.tr("%1 评价“%2”：%3（%4 分）")
                .replace("%1", f"{entry.rated_on:%Y-%m-%d}")
                .replace("%2", ratee)
                .replace("%3", entry.rating.label)
                .replace("%4", str(entry.score))
            )
        elif open_for_rating:
            self.status.setText(self.tr("尚未评价"))
        else:
            self.status.setText(self.tr("承诺履诺后才能评价"))

    def chosen(self) -> Rating | None:
        for level, button in self.buttons.items():
            if button.isChecked():
                return level
        return None

    def choose(self, level: Rating, comment: str = "") -> None:
        self.buttons[level].setChecked(True)
        self.comment.setPlainText(comment)

    def save(self) -> None:
        detail = self._detail
        if detail is None:
            return
        level = self.chosen()
        if level is None:
            QMessageBox.warning(
                self, self.tr("未能保存"), self.tr("请选择满意、基本满意或不满意。")
            )
            return
        rater = detail.promisor_unit_id if self._by_promisor else detail.promisee_unit_id
        try:
            updated = rate(
                self._db,
                detail.id,
                rater_unit_id=rater,
                rating=level,
                comment=self.comment.toPlainText(),
                rated_on=max(local_today(), detail.fulfilled_on or local_today()),
                expected_version=self._entry.version if self._entry else None,
            )
        except ConflictError as error:
            if offer_reload(self, error):
                self.saved.emit(get_commitment(self._db, detail.id))
            return
        except DomainError as error:
            QMessageBox.warning(self, self.tr("未能保存"), error.message)
            return
        self.saved.emit(updated)
