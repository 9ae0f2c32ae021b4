"""联席会议 page: the meeting list on the left; the chosen meeting's steps, buttons and
tabs (基本信息 / 议程 / 签到 / 纪要) on the right. What the buttons do is in ``actions``."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.core.meetings import MeetingEdit, MeetingStep, edit_refusal
from alliance_desk.core.vocab import MeetingState
from alliance_desk.services import meetings as mt
from alliance_desk.services.alliances import list_alliances
from alliance_desk.services.clock import local_today
from alliance_desk.ui.meetings.actions import MeetingActions
from alliance_desk.ui.meetings.agenda_editor import AgendaEditor
from alliance_desk.ui.meetings.attendance_editor import AttendanceEditor
from alliance_desk.ui.meetings.attendance_stats_dialog import AttendanceStatsDialog
from alliance_desk.ui.meetings.columns import meeting_colour, meeting_columns
from alliance_desk.ui.meetings.info_tab import InfoTab
from alliance_desk.ui.meetings.minutes_editor import MinutesEditor
from alliance_desk.ui.meetings.print_menu import MeetingPrintButton
from alliance_desk.ui.meetings.steps_bar import StepsBar
from alliance_desk.ui.models.row_table import RowTableModel
from alliance_desk.ui.navigation import PageContext, Target
from alliance_desk.ui.pages.base import Page
from alliance_desk.ui.register.page_helpers import action_button
from alliance_desk.ui.widgets.tables import list_table

ALL = None


class MeetingsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.database
        self.today = local_today()
        self.detail: mt.MeetingDetail | None = None
        self.ops = MeetingActions(self._db, self)
        self.stats_dialog: AttendanceStatsDialog | None = None

        # --- the list ----------------------------------------------------------------
        self.model: RowTableModel[mt.MeetingRow] = RowTableModel(
            meeting_columns(), highlighted=self._highlight, parent=self
        )
        self.alliance = QComboBox()
        self.alliance.setMinimumContentsLength(14)
        self.alliance.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.year = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索 联盟 / 地点 / 主持单位 / 状态（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #666;")
        self.table = list_table(self.model)
        for column, width in enumerate((150, 50, 120, 72, 130, 160)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.new_button = action_button(self.tr("安排会议…"), self.ops.new_meeting, "Ctrl+N")
        self.stats_button = action_button(self.tr("出席统计…"), self.open_attendance_stats)
        self.stats_button.setToolTip(self.tr("各单位、各次会议的出席率（所选联盟和年度）"))

        filters = QHBoxLayout()
        filters.addWidget(self.alliance, 1)
        filters.addWidget(self.year)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.new_button)
        search_row.addWidget(self.stats_button)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(filters)
        list_layout.addLayout(search_row)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.count_label)

        # --- the detail ----------------------------------------------------------------
        self.heading = QLabel(self.tr("请选择或安排一次会议"))
        self.heading.setObjectName("meetingHeading")
        self.heading.setStyleSheet("#meetingHeading { font-size: 14pt; font-weight: bold; }")
        self.heading.setWordWrap(True)
        self.when_label = QLabel()
        self.steps = StepsBar()
        self.notify_button = action_button(self.tr("发出通知"), self.ops.notify)
        self.notify_button.setToolTip(self.tr("发出通知后议程、时间和地点冻结"))
        self.withdraw_button = action_button(self.tr("撤回通知…"), self.ops.withdraw)
        self.hold_button = action_button(self.tr("标记已召开"), self.ops.hold)
        self.approve_button = action_button(self.tr("批准纪要…"), self.ops.approve)
        self.reopen_button = action_button(self.tr("重新打开纪要…"), self.ops.reopen)
        self.delete_button = action_button(self.tr("删除会议"), self.ops.delete_meeting)
        self.delete_button.setToolTip(self.tr("删除草稿会议（在列表中按 Delete）"))
        self.step_buttons = {
            MeetingStep.NOTIFY: self.notify_button,
            MeetingStep.WITHDRAW: self.withdraw_button,
            MeetingStep.HOLD: self.hold_button,
            MeetingStep.APPROVE: self.approve_button,
            MeetingStep.REOPEN: self.reopen_button,
        }
        self.print_button = MeetingPrintButton(self._db, self.detail_for_print)
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))

        self.info = InfoTab(self._db)
        self.agenda = AgendaEditor(self._db)
        self.attendance = AttendanceEditor(self._db)
        self.minutes = MinutesEditor(self._db)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.info, self.tr("基本信息"))
        self.tabs.addTab(self.agenda, self.tr("议程"))
        self.tabs.addTab(self.attendance, self.tr("签到"))
        self.tabs.addTab(self.minutes, self.tr("纪要"))
        self.info.edit_requested.connect(self.ops.edit_meeting)
        self.info.notice_date_requested.connect(self.ops.edit_notice_date)
        self.print_button.notice_issued.connect(self.show_changed)
        for tab in (self.agenda, self.attendance, self.minutes):
            tab.detail_changed.connect(self.show_changed)
            tab.reload_requested.connect(self._on_reload_requested)
        self.minutes.commitment_opened.connect(self.open_commitment)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (*self.step_buttons.values(), self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.when_label)
        detail_layout.addWidget(self.steps)
        detail_layout.addLayout(buttons)
        detail_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([600, 800])
        self.splitter.setChildrenCollapsible(False)
        self.layout_.addWidget(self.splitter, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.ops.delete_meeting)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self._load_selectors()
        self.alliance.currentIndexChanged.connect(self._on_filter)
        self.year.currentIndexChanged.connect(self._on_filter)
        self.reload_list()

    # --- selectors ----------------------------------------------------------------------
    def _load_selectors(self, year: int | None = None) -> None:
        chosen_alliance = self.alliance_id()
        chosen_year = year if year is not None else self.year.currentData()
        blockers = (self.alliance.blockSignals(True), self.year.blockSignals(True))
        self.alliance.clear()
        self.alliance.addItem(self.tr("全部联盟"), ALL)
        for row in list_alliances(self._db):
            self.alliance.addItem(
                row.name if row.active else row.name + self.tr("（停用）"), row.id
            )
        self.alliance.setCurrentIndex(max(0, self.alliance.findData(chosen_alliance)))
        years = {m.starts_at.year for m in mt.list_meetings(self._db)}
        years |= {self.today.year, self.today.year + 1}
        if chosen_year is not None:
            years.add(int(chosen_year))
        self.year.clear()
        self.year.addItem(self.tr("全部年度"), ALL)
        for value in sorted(years, reverse=True):
            self.year.addItem(self.tr("%1年").replace("%1", str(value)), value)
        wanted = chosen_year if self.year.count() and chosen_year is not None else self.today.year
        self.year.setCurrentIndex(max(0, self.year.findData(wanted)))
        self.alliance.blockSignals(blockers[0])
        self.year.blockSignals(blockers[1])

    def alliance_id(self) -> int | None:
        value = self.alliance.currentData()
        return int(value) if value is not None else None

    def selected_year(self) -> int | None:
        value = self.year.currentData()
        return int(value) if value is not None else None

    def choose(self, *, alliance_id: int | None = ALL, year: int | None = None) -> None:
        """Set the filters as a clerk would (``year=None`` keeps the year shown)."""
        self.alliance.setCurrentIndex(max(0, self.alliance.findData(alliance_id)))
        if year is not None:
            self._load_selectors(year)
            self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.reload_list()

    def _on_filter(self) -> None:
        self.reload_list()

    # --- the list -----------------------------------------------------------------------
    def activated(self) -> None:
        """Shown again: alliances, rotas and meetings may have changed elsewhere."""
        self.refresh()

    def refresh(self) -> None:
        """F5: re-read everything; what is being typed in the minutes is saved first."""
        self.flush_edits()
        self._load_selectors()
        self.reload_list()

    def reload_list(self, select_id: int | None = None, year: int | None = None) -> None:
        """Re-read the list with the filters; keep (or move to) the selected meeting."""
        self.today = local_today()
        if year is not None and self.selected_year() not in (ALL, year):
            self._load_selectors(year)
        wanted = (
            select_id
            if select_id is not None
            else (self.detail.meeting.id if self.detail is not None else None)
        )
        self.model.set_rows(
            mt.list_meetings(self._db, alliance_id=self.alliance_id(), year=self.selected_year())
        )
        acted_on_hidden = (
            select_id is not None
            and self.model.view_row_of(lambda r: r.id == select_id) < 0
            and any(r.id == select_id for r in self.model.rows())
        )
        if acted_on_hidden:  # the meeting the clerk just acted on no longer matches the search
            self.search.clear()
        if wanted is None or not self.select_meeting(wanted):
            if self.model.rowCount():
                self.select_meeting(self._default_row().id)
            else:
                self.show_meeting(None)
        self._update_count()

    def _default_row(self) -> mt.MeetingRow:
        """The first meeting not yet held from today on, else the latest one shown."""
        rows = self.model.visible_rows()
        pending = [r for r in rows if r.state in (MeetingState.DRAFT, MeetingState.NOTIFIED)]
        return pending[0] if pending else rows[-1]

    def _highlight(self, row: mt.MeetingRow):  # type: ignore[no-untyped-def]
        return meeting_colour(row, self.today)

    def _on_search(self, text: str) -> None:
        self.model.set_search_text(text)
        self._update_count()
        shown = self.detail
        if shown is not None and self.model.view_row_of(lambda r: r.id == shown.meeting.id) < 0:
            # never show a meeting the search hides
            if self.model.rowCount():
                self.select_meeting(self._default_row().id)
            else:
                self.show_meeting(None)

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("显示 %1 / 共 %2 次会议")
            .replace("%1", str(self.model.rowCount()))
            .replace("%2", str(len(self.model.rows())))
        )

    def select_meeting(self, meeting_id: int) -> bool:
        row = self.model.view_row_of(lambda r: r.id == meeting_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        if self.detail is None or self.detail.meeting.id != meeting_id:
            self._load(meeting_id)
        return True

    def selected_row(self) -> mt.MeetingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_selection(self) -> None:
        row = self.selected_row()
        if row is not None and (self.detail is None or self.detail.meeting.id != row.id):
            self._load(row.id)

    def show_target(self, target: Target) -> None:
        """Opened from elsewhere: a meeting (any year), or an alliance's meetings."""
        if target.meeting_id is not None:
            try:
                detail = mt.get_meeting(self._db, target.meeting_id)
            except DomainError as error:
                self.notify(error.message)
                return
            self.alliance.setCurrentIndex(
                max(0, self.alliance.findData(detail.meeting.alliance_id))
            )
            year = detail.meeting.starts_at.year
            self._load_selectors(year)
            self.year.setCurrentIndex(max(0, self.year.findData(year)))
            self.search.clear()
            self.reload_list(select_id=detail.meeting.id)
        elif target.alliance_id is not None:
            self.search.clear()
            if target.year is None:  # every year of that alliance; the next meeting selected
                blocker = self.year.blockSignals(True)
                self.year.setCurrentIndex(0)
                self.year.blockSignals(blocker)
            self.choose(alliance_id=target.alliance_id, year=target.year)

    # --- the detail ----------------------------------------------------------------------
    def flush_edits(self) -> bool:
        """Save the minutes being typed before the page moves elsewhere."""
        return self.minutes.save_now()

    def _load(self, meeting_id: int, *, force: bool = False) -> None:
        self.flush_edits()
        try:
            detail = mt.get_meeting(self._db, meeting_id)
        except DomainError as error:
            self.notify(error.message)
            self.show_meeting(None)
            return
        self.show_meeting(detail, force=force)

    def reload_detail(self, *, force: bool = True) -> None:
        if self.detail is not None:
            meeting_id = self.detail.meeting.id
            self.reload_list(select_id=meeting_id)
            self._load(meeting_id, force=force)

    def show_meeting(self, detail: mt.MeetingDetail | None, *, force: bool = False) -> None:
        self.detail = detail
        self.info.show_detail(detail)
        self.agenda.show_detail(detail)
        self.attendance.show_detail(detail)
        self.minutes.show_detail(detail, force=force)
        if detail is None:
            self.heading.setText(self.tr("请选择或安排一次会议"))
            self.when_label.clear()
            self.steps.show_state(None)
        else:
            meeting = detail.meeting
            self.heading.setText(meeting.title)
            place = f"　{meeting.place}" if meeting.place else ""
            self.when_label.setText(meeting.when_label + place)
            self.steps.show_state(meeting.state)
        self._update_buttons()

    def _update_buttons(self) -> None:
        detail = self.detail
        legal = set(detail.meeting.steps) if detail is not None else set()
        for step, button in self.step_buttons.items():
            button.setVisible(step in legal)
        deletable = (
            detail is not None and edit_refusal(detail.meeting.state, MeetingEdit.DELETE) is None
        )
        self.delete_button.setVisible(deletable)
        self.print_button.setEnabled(detail is not None)

    def show_changed(self, detail: mt.MeetingDetail) -> None:
        """A meeting saved elsewhere (a tab, a dialog, a print that stored the 发文日期)."""
        self.show_meeting(detail)
        self.reload_list(select_id=detail.meeting.id)

    def _on_reload_requested(self) -> None:
        self.reload_detail(force=True)

    def detail_for_print(self) -> mt.MeetingDetail | None:
        """The meeting as stored now (the minutes being typed are saved first)."""
        if self.detail is None:
            return None
        self.flush_edits()
        return mt.get_meeting(self._db, self.detail.meeting.id)

    def open_attendance_stats(self) -> AttendanceStatsDialog:
        """出席统计 (non-modal, one per page) for the filters' alliance and year
        (this year when 全部年度 is chosen)."""
        years = [int(y) for i in range(self.year.count()) if (y := self.year.itemData(i))]
        year = self.selected_year() or self.today.year
        if self.stats_dialog is None:
            self.stats_dialog = AttendanceStatsDialog(
                self._db, alliance_id=self.alliance_id(), year=year, years=years, parent=self
            )
        else:
            self.stats_dialog.choose(alliance_id=self.alliance_id(), year=year, years=years)
        self.stats_dialog.show()
        self.stats_dialog.raise_()
        self.stats_dialog.activateWindow()
        return self.stats_dialog

    def open_commitment(self, commitment_id: int) -> None:
        self.flush_edits()
        self.context.open_area("commitments", Target(commitment_id=commitment_id))
