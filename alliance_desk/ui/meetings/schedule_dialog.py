"""安排会议 / 修改会议: alliance, day (on a calendar marking holidays), time, place, host.

The host defaults to the chair of the chosen date from the rota; another member needs a
note. A non-working day asks for confirmation (the service says so, the dialog asks).
After a new meeting is saved, the suggested agenda items are offered as checkboxes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import ConflictError, DomainError, ValidationError
from alliance_desk.services import Database
from alliance_desk.services import meetings as mt
from alliance_desk.services.alliances import list_alliances
from alliance_desk.services.clock import local_today
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.meetings.holiday_calendar import HolidayCalendar, to_date, to_qdate
from alliance_desk.ui.meetings.hosts import AllianceHosts
from alliance_desk.ui.meetings.suggestions import SuggestionList, add_chosen
from alliance_desk.ui.register.page_helpers import offer_reload
from alliance_desk.ui.widgets.error_form import ErrorForm

DEFAULT_TIME = time(9, 0)
NOTE_STYLE = "color: #b35c00;"


def next_working_day(calendar: HolidayCalendar, start: date) -> date:
    day = start
    for _ in range(60):
        if calendar.day_kind(day).is_workday:
            return day
        day += timedelta(days=1)
    return start


class ScheduleDialog(QDialog):
    """New meeting when ``detail`` is None (``alliance_id`` preselects), else edits a draft.

    ``saved`` holds the meeting after a successful save; ``suggestions_added`` is True
    when suggested items were added to the new meeting's agenda.
    """

    def __init__(
        self,
        db: Database,
        *,
        detail: mt.MeetingDetail | None = None,
        alliance_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._detail = detail
        self._hosts: AllianceHosts | None = None
        self._host_chosen = False
        self._place_typed = detail is not None
        self._earlier: list[mt.MeetingRow] = []
        """True once the clerk picked a host: a new date then keeps it, else takes its chair."""
        self.saved: mt.MeetingDetail | None = None
        self.suggestions_added = False
        self.setWindowTitle(self.tr("安排联席会议") if detail is None else self.tr("修改会议"))
        self.setMinimumSize(860, 520)

        self.alliance = QComboBox()
        self.alliance.setMinimumContentsLength(24)
        self.calendar = HolidayCalendar(mt.workday_calendar(db))
        self.calendar.setMinimumSize(420, 300)
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.day_label = QLabel()
        self.day_label.setObjectName("dayLabel")
        self.year_note = QLabel()
        self.year_note.setObjectName("yearNote")
        self.year_note.setWordWrap(True)
        self.year_note.setStyleSheet(NOTE_STYLE)
        self.place = QLineEdit()
        self.place.setMaxLength(200)
        self.place.setPlaceholderText(self.tr("如：城东社区党群服务中心三楼会议室"))
        self.host = QComboBox()
        self.host.setMinimumContentsLength(20)
        self.chair_label = QLabel()
        self.chair_label.setStyleSheet("color: #666;")
        self.chair_label.setWordWrap(True)
        self.host_note = QLineEdit()
        self.host_note.setMaxLength(2000)
        self.host_note.setPlaceholderText(self.tr("主持单位不是当期轮值主席时必填"))
        self.contact = QLineEdit()
        self.contact.setMaxLength(100)
        self.contact.setPlaceholderText(self.tr("如：王丽 12345678901"))

        self.form = ErrorForm()
        self.form.add("alliance", self.tr("联盟*"), self.alliance)
        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.time)
        when_row.addWidget(self.day_label, 1)
        self.form.add("starts_at", self.tr("开始时间*"), when)
        self.form.add("place", self.tr("会议地点"), self.place)
        self.form.add("host", self.tr("主持单位"), self.host)
        self.form.addRow("", self.chair_label)
        self.form.add("host_note", self.tr("主持说明"), self.host_note)
        self.form.add("contact", self.tr("联系人及电话"), self.contact)

        legend = QLabel(self.tr("红底“休”：法定节假日　蓝底“班”：调休上班"))
        legend.setStyleSheet("color: #666;")
        left = QVBoxLayout()
        left.addWidget(self.calendar, 1)
        left.addWidget(legend)
        left.addWidget(self.year_note)
        details = QWidget()
        row = QHBoxLayout(details)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 1)
        row.addLayout(self.form, 1)

        self.suggestions = SuggestionList()
        offered = QWidget()
        offered_layout = QVBoxLayout(offered)
        offered_layout.setContentsMargins(0, 0, 0, 0)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        offered_layout.addWidget(self.saved_label)
        offered_layout.addWidget(QLabel(self.tr("建议加入议程的议题（可取消勾选）：")))
        offered_layout.addWidget(self.suggestions, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(details)
        self.pages.addWidget(offered)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("保存"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

        self._fill(alliance_id)
        self.alliance.currentIndexChanged.connect(self._alliance_changed)
        self.calendar.selectionChanged.connect(self._day_changed)
        self.host.currentIndexChanged.connect(self._host_changed)
        self.host.activated.connect(self._host_picked)
        self.place.textEdited.connect(self._place_edited)
        self.time.timeChanged.connect(lambda _time: self.form.clear_errors())

    # --- filling ---------------------------------------------------------------------
    def _fill(self, alliance_id: int | None) -> None:
        detail = self._detail
        if detail is not None:
            meeting = detail.meeting
            self.alliance.addItem(meeting.alliance_name, meeting.alliance_id)
            self.alliance.setEnabled(False)
            self.calendar.setSelectedDate(to_qdate(meeting.starts_at.date()))
            self.time.setTime(QTime(meeting.starts_at.hour, meeting.starts_at.minute))
            self.place.setText(meeting.place)
            self.host_note.setText(detail.host_note)
            self.contact.setText(detail.contact)
            self._load_hosts(meeting.host_unit_id)
            self._host_chosen = self.host_unit_id() != self.chair_unit_id()
            return
        for row in list_alliances(self._db):
            if row.active:
                self.alliance.addItem(row.name, row.id)
        if alliance_id is not None:
            self.alliance.setCurrentIndex(max(0, self.alliance.findData(alliance_id)))
        start = next_working_day(self.calendar, local_today() + timedelta(days=7))
        self.calendar.setSelectedDate(to_qdate(start))
        self.time.setTime(QTime(DEFAULT_TIME.hour, DEFAULT_TIME.minute))
        self._alliance_changed()

    def alliance_id(self) -> int | None:
        value = self.alliance.currentData()
        return int(value) if value is not None else None

    def _alliance_changed(self) -> None:
        self._host_chosen = False
        alliance_id = self.alliance_id()
        self._earlier = []
        if self._detail is None and alliance_id is not None:
            self._earlier = mt.list_meetings(self._db, alliance_id=alliance_id)
            if self._earlier:
                latest = max(m.starts_at.date() for m in self._earlier)
                if self.chosen_day() <= latest:
                    # the service numbers meetings by date: propose one it will accept
                    start = next_working_day(self.calendar, latest + timedelta(days=1))
                    blocker = self.calendar.blockSignals(True)
                    self.calendar.setSelectedDate(to_qdate(start))
                    self.calendar.blockSignals(blocker)
        self._load_hosts(None)

    def _place_for_host(self) -> None:
        """A new meeting's place follows its host: the room that unit last hosted in, unless
        the clerk typed a place herself."""
        if self._detail is not None or self._place_typed:
            return
        host = self.host_unit_id()
        rooms = [m for m in self._earlier if m.host_unit_id == host and m.place.strip()]
        latest = max(rooms, key=lambda m: m.starts_at) if rooms else None
        blocker = self.place.blockSignals(True)
        self.place.setText(latest.place if latest is not None else "")
        self.place.blockSignals(blocker)

    def _load_hosts(self, chosen: int | None) -> None:
        alliance_id = self.alliance_id()
        self._hosts = AllianceHosts(self._db, alliance_id) if alliance_id is not None else None
        self._fill_hosts(chosen)

    def _fill_hosts(self, chosen: int | None) -> None:
        """Members on the chosen day; keep ``chosen`` if still a member, else the chair."""
        day = self.chosen_day()
        self._day_changed_labels(day)
        blocker = self.host.blockSignals(True)
        self.host.clear()
        chair = self._hosts.chair(day) if self._hosts is not None else None
        if chair is None:
            self.host.addItem(self.tr("（未指定）"), None)
            self.chair_label.setText(self.tr("该日期在轮值表中没有轮值主席单位。"))
        else:
            self.chair_label.setText(
                self.tr("当期轮值主席：%1（%2）")
                .replace("%1", chair.unit_name)
                .replace("%2", chair.period_label)
            )
        for member in self._hosts.members_on(day) if self._hosts is not None else []:
            self.host.addItem(member.unit_name, member.unit_id)
        wanted = chosen if chosen is not None else (chair.unit_id if chair else None)
        index = self.host.findData(wanted)
        if index < 0 and chair is not None:
            index = self.host.findData(chair.unit_id)
        self.host.setCurrentIndex(max(0, index))
        self.host.blockSignals(blocker)
        self._host_changed()

    def chosen_day(self) -> date:
        return to_date(self.calendar.selectedDate())

    def starts_at(self) -> datetime:
        clock = self.time.time()
        return datetime.combine(self.chosen_day(), time(clock.hour(), clock.minute()))

    def host_unit_id(self) -> int | None:
        value = self.host.currentData()
        return int(value) if value is not None else None

    def chair_unit_id(self) -> int | None:
        chair = self._hosts.chair(self.chosen_day()) if self._hosts is not None else None
        return chair.unit_id if chair is not None else None

    def _host_changed(self) -> None:
        self.form.clear_errors()
        self._place_for_host()
        chair = self.chair_unit_id()
        differs = chair is not None and self.host_unit_id() != chair
        self.host_note.setEnabled(differs or bool(self.host_note.text().strip()))

    def _place_edited(self, _text: str) -> None:
        self._place_typed = True

    def _host_picked(self, _index: int) -> None:
        self._host_chosen = True

    def _day_changed(self) -> None:
        self.form.clear_errors()  # the error was about the old date
        self._fill_hosts(self.host_unit_id() if self._host_chosen else None)

    def _day_changed_labels(self, day: date) -> None:
        kind = self.calendar.day_kind(day)
        weekday = "一二三四五六日"[day.weekday()]
        text = self.tr("%1（星期%2）%3").replace("%1", f"{day:%Y-%m-%d}").replace("%2", weekday)
        self.day_label.setText(text.replace("%3", "" if kind.is_workday else kind.label))
        self.day_label.setStyleSheet("" if kind.is_workday else "color: #c0392b;")
        note = self.calendar.year_note(day.year)
        self.year_note.setText(note)
        self.year_note.setVisible(bool(note))

    # --- saving ----------------------------------------------------------------------
    def save(self) -> None:
        if self.pages.currentIndex() == 1:
            self._add_suggestions()
            return
        self.form.clear_errors()
        alliance_id = self.alliance_id()
        if alliance_id is None:
            self.form.show_errors({"alliance": self.tr("请选择联盟。")})
            return
        confirm = False
        while True:
            try:
                result = self._call(alliance_id, confirm)
            except ConflictError as error:
                if offer_reload(self, error):
                    self.reject()
                return
            except ValidationError as error:
                rest = self.form.show_errors(error.errors)
                if rest:
                    show_domain_error(self, DomainError("；".join(rest)))
                return
            except DomainError as error:
                if error.field and self.form.show_errors({error.field: error.message}) == []:
                    return
                show_domain_error(self, error)
                return
            if not result.needs_confirmation:
                break
            answer = QMessageBox.question(
                self,
                self.tr("非工作日"),
                result.warning,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            confirm = True
        self.saved = result.meeting
        if self._detail is None and result.suggestions:
            self._offer(result)
        else:
            self.accept()

    def _call(self, alliance_id: int, confirm: bool) -> mt.ScheduleResult:
        common = {
            "starts_at": self.starts_at(),
            "place": self.place.text(),
            "host_unit_id": self.host_unit_id(),
            "host_note": self.host_note.text() if self.host_note.isEnabled() else "",
            "contact": self.contact.text(),
            "confirm_non_working_day": confirm,
        }
        if self._detail is None:
            return mt.schedule_meeting(self._db, alliance_id=alliance_id, **common)  # type: ignore[arg-type]
        return mt.update_meeting(
            self._db,
            self._detail.meeting.id,
            expected_version=self._detail.meeting.version,
            **common,  # type: ignore[arg-type]
        )

    def _offer(self, result: mt.ScheduleResult) -> None:
        assert result.meeting is not None
        self.saved_label.setText(
            self.tr("已安排：%1，%2。")
            .replace("%1", result.meeting.meeting.title)
            .replace("%2", result.meeting.meeting.when_label)
        )
        self.suggestions.set_suggestions(result.suggestions)
        self.pages.setCurrentIndex(1)
        self.ok_button.setText(self.tr("加入所选议题"))
        self.cancel_button.setText(self.tr("不加入"))
        self.setWindowTitle(self.tr("建议议题"))

    def _add_suggestions(self) -> None:
        assert self.saved is not None
        chosen = self.suggestions.chosen()
        if add_chosen(self, self._db, self.saved.meeting.id, chosen):
            self.suggestions_added = bool(chosen)
            self.accept()
