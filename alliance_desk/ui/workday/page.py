"""社区工作日 / 双报到双服务: the page. Tabs 单位报到 / 在职党员 / 服务岗位 / 活动 / 帮扶对子 /
反馈 / 统计.

Every action is one service call; the page keeps no session. A tab is read when it is
shown (and again after a change or F5), for the community chosen at the top. The member
list shows its first rows at once and reads the whole roll (≥ 320,000 at scale 100) on a
worker thread; search and sorting happen inside :class:`RowTableModel`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.core.workday.hours import ATTENDANCE_LABELS
from alliance_desk.core.workday.rates import (
    PARTICIPATION_FORMULA,
    REPORT_RATE_FORMULA,
    TARGET_RATE_FORMULA,
)
from alliance_desk.core.workday.states import (
    REPORTED_STATES,
    SIDE_EXITS,
    STATE_LABELS,
    TRANSITIONS,
    MemberState,
)
from alliance_desk.documents.workday.common import hours_text, percent
from alliance_desk.services.clock import local_today
from alliance_desk.services.workday import (
    activities,
    common,
    feedback,
    members,
    pairs,
    posts,
    stats,
    unit_reports,
)
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.four_lists.form_dialog import TextPrompt
from alliance_desk.ui.four_lists.list_tab import ListTab
from alliance_desk.ui.models.row_table import Column, PreparedRows
from alliance_desk.ui.navigation import PageContext
from alliance_desk.ui.pages.base import Page
from alliance_desk.ui.printing import PrintButton, PrintJob, busy_cursor, save_pdf_to
from alliance_desk.ui.tasks import BackgroundTask, Report
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.workday import dialogs

FIRST_ROWS = 1000
"""Members shown at once; the rest of the roll is read on a worker thread."""
TABS = ("units", "members", "posts", "activities", "pairs", "feedback", "stats")


@dataclass(frozen=True)
class ReportLine:
    """One line of the 统计 tab: a member unit or a community with its figures."""

    name: str
    kind: str
    figures: Any
    flagged: bool
YEARS_BACK = 4


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _time(value: Any) -> str:
    return f"{value:%H:%M}" if value else ""


def text_column(title: str, text: Callable[[Any], str], searchable: bool = True) -> Column[Any]:
    return Column(title, text, searchable=searchable)


def number_column(title: str, value: Callable[[Any], float | int]) -> Column[Any]:
    return Column(title, lambda r: f"{value(r):g}", lambda r: value(r), numeric=True)


class WorkdayPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.db = context.database
        self.add_subtitle(context.area.purpose_text)
        self.dialog: QDialog | None = None
        self.members_task: BackgroundTask | None = None
        self.loading: dict[str, BackgroundTask] = {}
        """Tabs whose figures are being computed on a worker thread."""
        self._generation = 0
        self._stale = set(TABS)
        self._units: list[tuple[int, str]] = []
        self._communities: list[tuple[int, str]] = []
        bar = QHBoxLayout()
        self.community_box = QComboBox()
        self.community_box.setMinimumContentsLength(10)
        self.community_box.addItem(self.tr("全部社区"), None)
        self.community_box.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(QLabel(self.tr("社区：")))
        bar.addWidget(self.community_box)
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(local_today().year)
        self.year_box.setSuffix(self.tr(" 年"))
        self.year_box.valueChanged.connect(lambda _v: self._period_changed())
        self.quarter_box = QComboBox()
        self.quarter_box.addItem(self.tr("全年"), None)
        for q in range(1, 5):
            self.quarter_box.addItem(self.tr("第%1季度").replace("%1", str(q)), q)
        self.quarter_box.currentIndexChanged.connect(lambda _i: self._period_changed())
        bar.addWidget(QLabel(self.tr("期间：")))
        bar.addWidget(self.year_box)
        bar.addWidget(self.quarter_box)
        bar.addStretch(1)
        refresh = QPushButton(self.tr("刷新（F5）"))
        on_click(refresh, self.refresh)
        bar.addWidget(refresh)
        self.layout_.addLayout(bar)
        self.tabs = QTabWidget()
        self.layout_.addWidget(self.tabs, 1)
        self._build_units()
        self._build_members()
        self._build_posts()
        self._build_activities()
        self._build_pairs()
        self._build_feedback()
        self._build_stats()
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        for key, slot in (
            (QKeySequence.StandardKey.New, self.new_item),
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.Refresh, self.refresh),
            (QKeySequence(Qt.Key.Key_F5), self.refresh),
            (QKeySequence.StandardKey.Delete, self.delete_item),
            (QKeySequence.StandardKey.Print, self.print_current),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # --- scope ------------------------------------------------------------------------
    @property
    def community_id(self) -> int | None:
        value = self.community_box.currentData()
        return None if value is None else int(value)

    @property
    def year(self) -> int:
        return self.year_box.value()

    @property
    def quarter(self) -> int | None:
        value = self.quarter_box.currentData()
        return None if value is None else int(value)

    def activated(self) -> None:
        chosen = self.community_id
        try:
            self._communities = common.communities(self.db)
            self._units = common.member_units(self.db)
        except DomainError as error:
            show_domain_error(self, error, title=self.tr("无法读取"))
            return
        self.community_box.blockSignals(True)
        try:
            while self.community_box.count() > 1:
                self.community_box.removeItem(1)
            for cid, name in self._communities:
                self.community_box.addItem(name, cid)
            index = self.community_box.findData(chosen) if chosen is not None else 0
            self.community_box.setCurrentIndex(max(index, 0))
        finally:
            self.community_box.blockSignals(False)
        self.refresh()

    def _period_changed(self) -> None:
        self._generation += 1
        self.report = None
        self._stale |= {"feedback", "stats"}
        self._load_current()

    @Slot()
    def refresh(self) -> None:
        self._generation += 1
        self.report = None
        self._stale = set(TABS)
        self._load_current()

    def _load_current(self) -> None:
        key = self.current_tab()
        if key not in self._stale:
            return
        self._stale.discard(key)
        try:
            with busy_cursor():
                getattr(self, f"load_{key}")()
        except DomainError as error:
            show_domain_error(self, error, title=self.tr("无法读取"))

    def _compute(
        self, key: str, tab: ListTab[Any], work: Callable[[], Any], show: Callable[[Any], None]
    ) -> None:
        """Run ``work`` on a worker thread (a year's figures take seconds at a large street)
        and ``show`` its result, unless the period, community or data changed meanwhile."""
        generation, community = self._generation, self.community_id
        tab.count.setText(self.tr("正在统计……"))

        def shown(result: Any) -> None:
            if generation == self._generation and community == self.community_id:
                show(result)

        def ended() -> None:
            if self.loading.get(key) is task:
                del self.loading[key]
                if task.error is not None:
                    tab.count.setText(self.tr("统计未完成"))

        task = BackgroundTask(self, None, lambda _report: work(), error_title=self.tr("无法读取"))
        task.succeeded.connect(shown)
        task.finished.connect(ended)
        self.loading[key] = task
        task.start()

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    def _open(self, dialog: QDialog) -> QDialog:
        """Open window-modal, refresh when saved."""
        self.dialog = dialog

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.refresh()

        dialog.finished.connect(done)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _run(self, action: Callable[[], Any], done: str = "") -> bool:
        try:
            action()
        except DomainError as error:
            show_domain_error(self, error)
            return False
        if done:
            self.notify(done)
        self.refresh()
        return True

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("请确认"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _pick(self, tab: ListTab[Any], what: str) -> Any:
        row = tab.selected()
        if row is None:
            QMessageBox.information(
                self, self.tr("社区工作日"), self.tr("请先选择%1。").replace("%1", what)
            )
        return row

    def people(self, community_id: int | None = None) -> list[tuple[int, str]]:
        """Reported members to pick from (the community's, when one is given)."""
        flt = members.MemberFilter(community_id=community_id, states=tuple(REPORTED_STATES))
        rows = members.member_page(self.db, flt, limit=5000).rows
        return [(m.id, f"{m.name}（{m.unit_name}）") for m in rows]

    # --- keyboard ------------------------------------------------------------------------
    @Slot()
    def new_item(self) -> None:
        {
            "units": self.new_unit_report,
            "members": self.new_member,
            "posts": self.new_post,
            "activities": self.new_activity,
            "pairs": self.new_pair,
            "feedback": self.evaluate,
        }.get(self.current_tab(), lambda: None)()

    @Slot()
    def delete_item(self) -> None:
        {
            "units": self.delete_unit_report,
            "members": self.delete_member,
            "posts": self.delete_post,
            "activities": self.delete_activity,
            "pairs": self.end_pair,
        }.get(self.current_tab(), lambda: None)()

    @Slot()
    def focus_search(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, ListTab):
            tab.focus_search()
        elif self.current_tab() == "activities":
            self.activities.focus_search()
        elif self.current_tab() == "pairs":
            self.pairs.focus_search()

    @Slot()
    def print_current(self) -> None:
        button = {
            "members": self.roll_button,
            "posts": self.posts_button,
            "activities": self.signin_button,
            "feedback": self.letters_button,
            "stats": self.report_button,
        }.get(self.current_tab())
        if button is not None:
            button.preview()

    # --- 单位报到 ------------------------------------------------------------------------
    def _build_units(self) -> None:
        tab: ListTab[Any] = ListTab(
            [
                text_column(self.tr("单位"), lambda r: r.unit_name),
                text_column(self.tr("报到社区"), lambda r: r.community_name),
                Column(self.tr("报到日期"), lambda r: _day(r.reported_on), lambda r: r.reported_on),
                number_column(self.tr("党员数"), lambda r: r.member_count),
                text_column(self.tr("共建协议"), lambda r: r.agreement or r.attachment_name),
            ]
        )
        self.unit_reports = tab
        tab.add_button(self.tr("登记单位报到…"), self.new_unit_report, self.tr("Ctrl+N"))
        tab.add_button(self.tr("修改…"), self.edit_unit_report)
        tab.add_button(self.tr("删除"), self.delete_unit_report, self.tr("Delete"))
        tab.add_button(self.tr("打开协议附件"), self.open_unit_report_attachment)
        tab.end_buttons()
        tab.table.doubleClicked.connect(lambda _i: self.edit_unit_report())
        self.tabs.addTab(tab, self.tr("单位报到"))

    def load_units(self) -> None:
        self.unit_reports.set_rows(
            unit_reports.list_unit_reports(self.db, community_id=self.community_id)
        )

    def new_unit_report(self) -> None:
        self._open(dialogs.UnitReportDialog(self.db, self._units, self._communities, parent=self))

    def edit_unit_report(self) -> None:
        row = self._pick(self.unit_reports, self.tr("一条单位报到"))
        if row is not None:
            self._open(dialogs.UnitReportDialog(self.db, self._units, self._communities, row, self))

    def delete_unit_report(self) -> None:
        row = self._pick(self.unit_reports, self.tr("一条单位报到"))
        if row is not None and self._confirm(
            self.tr("删除“%1”的报到记录？").replace("%1", row.unit_name)
        ):
            self._run(
                lambda: unit_reports.delete_unit_report(
                    self.db, row.id, expected_version=row.version
                ),
                self.tr("已删除"),
            )

    def open_unit_report_attachment(self) -> bool:
        """Open the stored 共建协议 file; anything that is not a document or a picture only
        after the clerk agrees (it could run a program)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from alliance_desk.services.commitments.attachments import is_document

        row = self._pick(self.unit_reports, self.tr("一条单位报到"))
        if row is None:
            return False
        try:
            path = unit_reports.local_unit_report_attachment(self.db, row.id)
        except DomainError as error:
            show_domain_error(self, error, title=self.tr("不能打开附件"))
            return False
        if path is None:
            QMessageBox.information(
                self, self.tr("社区工作日"), self.tr("这条报到记录没有协议附件。")
            )
            return False
        if not is_document(path) and not self._confirm(
            self.tr("附件“%1”不是文档或图片，打开它可能会运行程序。确定要打开吗？").replace(
                "%1", path.name
            )
        ):
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- 在职党员 ------------------------------------------------------------------------
    def _build_members(self) -> None:
        states = [(self.tr("全部状态"), None)] + [
            (self.tr(label), (lambda s: lambda r: r.state == s)(state))
            for state, label in STATE_LABELS.items()
        ]
        tab: ListTab[Any] = ListTab(
            [
                text_column(self.tr("姓名"), lambda r: r.name),
                text_column(self.tr("性别"), lambda r: r.gender, searchable=False),
                text_column(self.tr("工作单位"), lambda r: r.unit_name),
                text_column(self.tr("职务"), lambda r: r.position),
                text_column(self.tr("电话"), lambda r: r.phone),
                text_column(self.tr("居住小区"), lambda r: r.residence),
                text_column(self.tr("报到社区"), lambda r: r.community_name),
                text_column(self.tr("网格"), lambda r: r.grid),
                text_column(self.tr("特长"), lambda r: r.skills),
                text_column(self.tr("报到方式"), lambda r: r.report_mode_label, searchable=False),
                Column(self.tr("报到日期"), lambda r: _day(r.reported_on), lambda r: r.reported_on),
                text_column(self.tr("状态"), lambda r: r.state_label),
            ],
            filters=states,
            muted=lambda r: r.state in SIDE_EXITS,
            multi=True,
        )
        self.members = tab
        tab.add_button(self.tr("登记党员…"), self.new_member, self.tr("Ctrl+N"))
        tab.add_button(self.tr("修改…"), self.edit_member)
        for state in (MemberState.REPORTED, MemberState.RECEIPT_SENT):
            tab.add_button(
                self.tr("标记%1").replace("%1", STATE_LABELS[state]),
                partial(self.change_state, state),
            )
        for state in sorted(SIDE_EXITS):
            tab.add_button(
                self.tr("%1…").replace("%1", STATE_LABELS[state]), partial(self.change_state, state)
            )
        tab.add_button(self.tr("状态记录"), self.show_history)
        tab.add_button(self.tr("从 Excel 导入…"), self.import_members)
        tab.add_button(self.tr("导出 Excel…"), self.export_members)
        self.forms_button = PrintButton(self.tr("报到单（含回执）"), self.forms_job, self)
        tab.add_widget(self.forms_button)
        self.roll_button = PrintButton(self.tr("报到一览表"), self.roll_job, self)
        tab.add_widget(self.roll_button)
        tab.add_button(self.tr("删除"), self.delete_member, self.tr("Delete"))
        tab.end_buttons()
        tab.table.doubleClicked.connect(lambda _i: self.edit_member())
        self.tabs.addTab(tab, self.tr("在职党员"))

    def member_filter(self) -> members.MemberFilter:
        return members.MemberFilter(community_id=self.community_id)

    def load_members(self) -> None:
        """The first rows at once; the whole roll follows from a worker thread."""
        flt = self.member_filter()
        page = members.member_page(self.db, flt, limit=FIRST_ROWS)
        self.members.set_rows(page.rows)
        if page.total <= len(page.rows):
            return
        self.members.count.setText(self.tr("正在载入全部 %1 名……").replace("%1", f"{page.total:,}"))
        db, community = self.db, self.community_id

        model = self.members.model

        def work(_report: Report) -> PreparedRows[Any]:
            return model.prepare(members.list_members(db, flt, by_name=True))

        task = BackgroundTask(self, None, work, error_title=self.tr("无法读取在职党员"))
        task.succeeded.connect(lambda rows: self._members_loaded(community, rows))
        self.members_task = task
        task.start()

    def _members_loaded(self, community: int | None, rows: PreparedRows[Any]) -> None:
        if community == self.community_id:
            self.members.set_rows(rows)

    def new_member(self) -> None:
        self._open(dialogs.MemberDialog(self.db, self._units, self._communities, parent=self))

    def edit_member(self) -> None:
        row = self._pick(self.members, self.tr("一名党员"))
        if row is not None:
            self._open(dialogs.MemberDialog(self.db, self._units, self._communities, row, self))

    def change_state(self, target: MemberState) -> None:
        chosen = self.members.selected_all()
        if not chosen:
            self._pick(self.members, self.tr("党员"))
            return
        allowed = [m for m in chosen if target in TRANSITIONS[m.state]]
        if not allowed:
            QMessageBox.information(
                self,
                self.tr("社区工作日"),
                self.tr("所选党员不能改为“%1”。").replace("%1", STATE_LABELS[target]),
            )
            return
        label = STATE_LABELS[target]

        def act(reason: str, day: date) -> int:
            for m in allowed:
                members.change_member_state(
                    self.db, m.id, target, expected_version=m.version, on=day, reason=reason
                )
            return len(allowed)

        title = self.tr("改为“%1”：%2 名").replace("%1", label).replace("%2", str(len(allowed)))
        self._open(
            TextPrompt(
                title,
                self.tr("原因") if target in SIDE_EXITS else self.tr("备注"),
                act,
                with_date=True,
                required=target in SIDE_EXITS,
                parent=self,
            )
        )

    def show_history(self) -> None:
        row = self._pick(self.members, self.tr("一名党员"))
        if row is None:
            return
        try:
            history = members.member_history(self.db, row.id)
        except DomainError as error:
            show_domain_error(self, error)
            return
        lines = [
            f"{h.changed_on}  {STATE_LABELS[h.from_state]} → {STATE_LABELS[h.to_state]}"
            + (f"（{h.reason}）" if h.reason else "")
            for h in history
        ]
        QMessageBox.information(
            self,
            self.tr("状态记录：%1").replace("%1", row.name),
            "\n".join(lines) or self.tr("（没有状态变更）"),
        )

    def delete_member(self) -> None:
        row = self._pick(self.members, self.tr("一名党员"))
        if row is not None and self._confirm(
            self.tr("删除党员“%1”？（调离、退休请用状态，记录会保留）").replace("%1", row.name)
        ):
            self._run(
                lambda: members.delete_member(self.db, row.id, expected_version=row.version),
                self.tr("已删除"),
            )

    def import_members(self, path: Path | None = None) -> QDialog | None:
        from alliance_desk.ui.workday.import_dialogs import MembersImportDialog

        if path is None:
            chosen, _f = QFileDialog.getOpenFileName(
                self, self.tr("导入在职党员"), "", self.tr("Excel 或 CSV 文件 (*.xlsx *.csv)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        dialog = MembersImportDialog(self.db, path, self)
        dialog.import_done.connect(lambda: self.notify(dialog.describe_result()))
        self._open(dialog)
        dialog.start()
        return dialog

    def export_members(self, path: Path | None = None) -> Path | None:
        from alliance_desk.services.workday.exports import export_members
        from alliance_desk.ui.dashboard.report_actions import ask_xlsx_path

        target = path or ask_xlsx_path(self, self.tr("在职党员名册.xlsx"))
        if target is None:
            return None
        try:
            with busy_cursor():
                count = export_members(self.db, target, self.member_filter(), today=local_today())
        except DomainError as error:
            show_domain_error(self, error)
            return None
        self.notify(
            self.tr("已导出 %1 名（文件含个人信息，请妥善保管）：%2")
            .replace("%1", str(count))
            .replace("%2", str(target))
        )
        return target

    def forms_job(self) -> PrintJob:
        from alliance_desk.documents.workday.sources import report_forms

        chosen = self.members.selected_all()
        if not chosen:
            raise DomainError(self.tr("请先选择要打印报到单的党员。"))
        ids = [m.id for m in chosen]
        return PrintJob(
            self.tr("在职党员到社区报到单"),
            lambda: report_forms(self.db, member_ids=ids, printed_on=local_today()),
        )

    def roll_job(self) -> PrintJob:
        from alliance_desk.documents.workday.sources import community_roll

        cid = self.community_id
        if cid is None:
            raise DomainError(self.tr("报到一览表按社区打印：请先在上方选择社区。"))
        return PrintJob(
            self.tr("%1在职党员报到一览表").replace("%1", self.community_box.currentText()),
            lambda: community_roll(self.db, cid, printed_on=local_today()),
            landscape=True,
        )

    # --- 服务岗位 / 认岗 ------------------------------------------------------------------
    def _build_posts(self) -> None:
        tab: ListTab[Any] = ListTab(
            [
                text_column(self.tr("社区"), lambda r: r.community_name),
                text_column(self.tr("类别"), lambda r: r.category),
                text_column(self.tr("岗位"), lambda r: r.name),
                number_column(self.tr("需要人数"), lambda r: r.needed),
                number_column(self.tr("已认领"), lambda r: r.claimed),
                text_column(self.tr("岗位职责"), lambda r: r.description),
            ],
            muted=lambda r: not r.active,
        )
        self.posts = tab
        tab.add_button(self.tr("新增岗位…"), self.new_post, self.tr("Ctrl+N"))
        tab.add_button(self.tr("修改…"), self.edit_post)
        tab.add_button(self.tr("认岗…"), self.claim_post)
        tab.add_button(self.tr("认领情况"), self.show_claims)
        tab.add_button(self.tr("岗位类别…"), self.edit_categories)
        self.posts_button = PrintButton(self.tr("服务岗位表"), self.posts_job, self)
        tab.add_widget(self.posts_button)
        tab.add_button(self.tr("删除"), self.delete_post, self.tr("Delete"))
        tab.end_buttons()
        tab.table.doubleClicked.connect(lambda _i: self.edit_post())
        self.tabs.addTab(tab, self.tr("服务岗位"))

    def load_posts(self) -> None:
        self.posts.set_rows(posts.list_posts(self.db, community_id=self.community_id))

    def new_post(self) -> None:
        self._open(
            dialogs.PostDialog(
                self.db, self._communities, community_id=self.community_id, parent=self
            )
        )

    def edit_post(self) -> None:
        row = self._pick(self.posts, self.tr("一个岗位"))
        if row is not None:
            self._open(dialogs.PostDialog(self.db, self._communities, row, parent=self))

    def delete_post(self) -> None:
        row = self._pick(self.posts, self.tr("一个岗位"))
        if row is not None and self._confirm(self.tr("删除岗位“%1”？").replace("%1", row.name)):
            self._run(
                lambda: posts.delete_post(self.db, row.id, expected_version=row.version),
                self.tr("已删除"),
            )

    def claim_post(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        row = self._pick(self.posts, self.tr("一个岗位"))
        if row is None:
            return
        people = self.people(row.community_unit_id)
        if not people:
            QMessageBox.information(self, self.tr("认岗"), self.tr("该社区还没有已报到的党员。"))
            return
        labels = [label for _id, label in people]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("认岗：%1").replace("%1", row.name), self.tr("党员"), labels, 0, True
        )
        if ok and chosen in labels:
            member_id = people[labels.index(chosen)][0]
            self._run(
                lambda: posts.claim_post(
                    self.db, row.id, member_id, on=local_today(), expected_version=row.version
                ),
                self.tr("已认岗"),
            )

    def show_claims(self) -> None:
        row = self._pick(self.posts, self.tr("一个岗位"))
        if row is None:
            return
        claims = posts.list_claims(self.db, post_id=row.id)
        text = "\n".join(f"{c.claimed_on}  {c.member_name}（{c.unit_name}）" for c in claims)
        QMessageBox.information(
            self, self.tr("认领情况：%1").replace("%1", row.name), text or self.tr("（无人认领）")
        )

    def edit_categories(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        current = "\n".join(posts.post_categories(self.db))
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("岗位类别"), self.tr("每行一个类别"), current
        )
        if ok:
            names = [n.strip() for n in text.splitlines() if n.strip()]
            self._run(lambda: posts.save_post_categories(self.db, names), self.tr("已保存类别"))

    def posts_job(self) -> PrintJob:
        from alliance_desk.documents.workday.sources import community_posts

        cid = self.community_id
        if cid is None:
            raise DomainError(self.tr("服务岗位表按社区打印：请先在上方选择社区。"))
        return PrintJob(
            self.tr("%1在职党员服务岗位").replace("%1", self.community_box.currentText()),
            lambda: community_posts(self.db, cid, printed_on=local_today()),
            landscape=True,
        )

    # --- 活动与考勤 ----------------------------------------------------------------------
    def _build_activities(self) -> None:
        self.activities: ListTab[Any] = ListTab(
            [
                Column(self.tr("日期"), lambda r: _day(r.held_on), lambda r: r.held_on),
                text_column(self.tr("社区"), lambda r: r.community_name),
                text_column(self.tr("类别"), lambda r: r.category),
                text_column(self.tr("内容"), lambda r: r.content),
                text_column(self.tr("组织方"), lambda r: r.organiser),
                number_column(self.tr("计划人数"), lambda r: r.planned_participants),
                number_column(self.tr("参加"), lambda r: r.attendees),
                number_column(self.tr("时长"), lambda r: r.total_hours),
                text_column(self.tr("确认"), lambda r: self.tr("已确认") if r.confirmed else ""),
            ]
        )
        a = self.activities
        a.add_button(self.tr("新建活动…"), self.new_activity, self.tr("Ctrl+N"))
        a.add_button(self.tr("修改…"), self.edit_activity)
        a.add_button(self.tr("删除"), self.delete_activity, self.tr("Delete"))
        self.signin_button = PrintButton(self.tr("签到表"), self.signin_job, self)
        a.add_widget(self.signin_button)
        a.add_button(self.tr("导入签到表…"), self.import_attendance)
        a.end_buttons()
        a.table.selectionModel().selectionChanged.connect(lambda *_: self.load_attendance())
        self.attendance: ListTab[Any] = ListTab(
            [
                text_column(self.tr("姓名"), lambda r: r.member_name),
                text_column(self.tr("工作单位"), lambda r: r.unit_name),
                text_column(
                    self.tr("计划"), lambda r: f"{_time(r.planned_in)}–{_time(r.planned_out)}"
                ),
                text_column(self.tr("签到"), lambda r: _time(r.sign_in)),
                text_column(self.tr("签退"), lambda r: _time(r.sign_out)),
                text_column(self.tr("考勤"), lambda r: ATTENDANCE_LABELS[r.attendance]),
                number_column(self.tr("时长"), lambda r: r.hours),
                text_column(
                    self.tr("确认"),
                    lambda r: (self.tr("已确认 ") + _day(r.confirmed_on)) if r.confirmed else "",
                ),
                text_column(self.tr("更正原因"), lambda r: r.correction_reason),
            ]
        )
        t = self.attendance
        t.add_button(self.tr("登记考勤…"), self.new_attendance)
        t.add_button(self.tr("修改考勤…"), self.edit_attendance)
        t.add_button(self.tr("更正（已确认）…"), self.correct_attendance)
        t.add_button(self.tr("删除考勤"), self.delete_attendance)
        t.add_button(self.tr("确认时长"), self.confirm_hours)
        t.end_buttons()
        t.table.doubleClicked.connect(lambda _i: self.edit_attendance())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(a)
        splitter.addWidget(t)
        holder = QWidget()
        QVBoxLayout(holder).addWidget(splitter)
        holder.layout().setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(holder, self.tr("活动"))

    def load_activities(self) -> None:
        chosen = self.activities.selected()
        self.activities.set_rows(
            activities.list_activities(self.db, community_id=self.community_id)
        )
        if chosen is not None:
            self.activities.select_where(lambda r: r.id == chosen.id)
        self.load_attendance()

    def load_attendance(self) -> None:
        activity = self.activities.selected()
        self.attendance.set_rows(
            activities.list_attendance(self.db, activity.id) if activity else []
        )

    def _activity(self) -> Any:
        return self._pick(self.activities, self.tr("一次活动"))

    def new_activity(self) -> None:
        self._open(
            dialogs.ActivityDialog(
                self.db, self._communities, community_id=self.community_id, parent=self
            )
        )

    def edit_activity(self) -> None:
        row = self._activity()
        if row is not None:
            self._open(dialogs.ActivityDialog(self.db, self._communities, row, parent=self))

    def delete_activity(self) -> None:
        row = self._activity()
        if row is not None and self._confirm(
            self.tr("删除 %1 的活动“%2”及其考勤？")
            .replace("%1", _day(row.held_on))
            .replace("%2", row.category)
        ):
            self._run(
                lambda: activities.delete_activity(self.db, row.id, expected_version=row.version),
                self.tr("已删除"),
            )

    def new_attendance(self) -> None:
        row = self._activity()
        if row is not None:
            self._open(
                dialogs.AttendanceDialog(
                    self.db, row, self.people(row.community_unit_id), parent=self
                )
            )

    def _attendance_row(self) -> Any:
        return self._pick(self.attendance, self.tr("一条考勤"))

    def edit_attendance(self, correction: bool = False) -> None:
        activity = self._activity()
        row = self._attendance_row() if activity is not None else None
        if row is None:
            return
        if row.confirmed and not correction:
            QMessageBox.information(
                self,
                self.tr("考勤已确认"),
                self.tr("已确认的时长已锁定，如有差错请用“更正”，并写明原因。"),
            )
            return
        people = [(row.member_id, row.member_name)]
        self._open(
            dialogs.AttendanceDialog(
                self.db, activity, people, row, correction=correction, parent=self
            )
        )

    def correct_attendance(self) -> None:
        self.edit_attendance(correction=True)

    def delete_attendance(self) -> None:
        row = self._attendance_row()
        if row is not None and self._confirm(
            self.tr("删除 %1 的考勤？").replace("%1", row.member_name)
        ):
            self._run(
                lambda: activities.delete_attendance(self.db, row.id, expected_version=row.version),
                self.tr("已删除"),
            )

    def confirm_hours(self) -> None:
        row = self._activity()
        if row is not None and self._confirm(
            self.tr("确认本次活动的服务时长？确认后锁定，只能以更正方式修改。")
        ):
            self._run(
                lambda: activities.confirm_attendance(self.db, row.id, on=local_today()),
                self.tr("时长已确认"),
            )

    def import_attendance(self, path: Path | None = None) -> QDialog | None:
        from alliance_desk.ui.workday.import_dialogs import AttendanceImportDialog

        if path is None:
            chosen, _f = QFileDialog.getOpenFileName(
                self, self.tr("导入签到表"), "", self.tr("Excel 或 CSV 文件 (*.xlsx *.csv)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        dialog = AttendanceImportDialog(self.db, path, self)
        dialog.import_done.connect(lambda: self.notify(dialog.describe_result()))
        self._open(dialog)
        dialog.start()
        return dialog

    def signin_job(self) -> PrintJob:
        from alliance_desk.documents.workday.sources import activity_signin

        row = self.activities.selected()
        if row is None:
            raise DomainError(self.tr("请先选择一次活动。"))
        return PrintJob(
            self.tr("%1社区工作日活动签到表").replace("%1", row.community_name),
            lambda: activity_signin(self.db, row.id),
        )

    # --- 帮扶对子 ------------------------------------------------------------------------
    def _build_pairs(self) -> None:
        self.pairs: ListTab[Any] = ListTab(
            [
                text_column(self.tr("帮扶人"), lambda r: r.member_name),
                text_column(self.tr("工作单位"), lambda r: r.unit_name),
                text_column(self.tr("帮扶对象"), lambda r: r.household),
                text_column(self.tr("困难类别"), lambda r: r.hardship),
                Column(self.tr("结对日期"), lambda r: _day(r.paired_on), lambda r: r.paired_on),
                text_column(self.tr("措施"), lambda r: r.measures),
                number_column(self.tr("走访"), lambda r: r.visits),
                Column(self.tr("最近走访"), lambda r: _day(r.last_visit), lambda r: r.last_visit),
                text_column(
                    self.tr("状态"),
                    lambda r: self.tr("已解除：") + r.end_reason if r.ended_on else self.tr("结对"),
                ),
            ],
            muted=lambda r: r.ended_on is not None,
        )
        p = self.pairs
        p.add_button(self.tr("结对…"), self.new_pair, self.tr("Ctrl+N"))
        p.add_button(self.tr("修改…"), self.edit_pair)
        p.add_button(self.tr("走访记录…"), self.add_visit)
        p.add_button(self.tr("解除…"), self.end_pair, self.tr("Delete"))
        p.end_buttons()
        p.table.selectionModel().selectionChanged.connect(lambda *_: self.load_visits())
        self.visits: ListTab[Any] = ListTab(
            [
                Column(self.tr("走访日期"), lambda r: _day(r.visited_on), lambda r: r.visited_on),
                text_column(self.tr("走访内容"), lambda r: r.content),
            ]
        )
        self.visits.add_button(self.tr("删除走访记录"), self.delete_visit)
        self.visits.end_buttons()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(p)
        splitter.addWidget(self.visits)
        holder = QWidget()
        QVBoxLayout(holder).addWidget(splitter)
        holder.layout().setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(holder, self.tr("帮扶对子"))

    def load_pairs(self) -> None:
        self.pairs.set_rows(pairs.list_pairs(self.db, community_id=self.community_id))
        self.load_visits()

    def load_visits(self) -> None:
        pair = self.pairs.selected()
        self.visits.set_rows(pairs.list_visits(self.db, pair.id) if pair else [])

    def new_pair(self) -> None:
        self._open(dialogs.PairDialog(self.db, self.people(self.community_id), parent=self))

    def edit_pair(self) -> None:
        row = self._pick(self.pairs, self.tr("一个帮扶对子"))
        if row is not None:
            people = [(row.member_id, row.member_name)]
            self._open(dialogs.PairDialog(self.db, people, row, parent=self))

    def add_visit(self) -> None:
        row = self._pick(self.pairs, self.tr("一个帮扶对子"))
        if row is not None:
            self._open(dialogs.VisitDialog(self.db, row, parent=self))

    def delete_visit(self) -> None:
        row = self._pick(self.visits, self.tr("一条走访记录"))
        if row is not None and self._confirm(self.tr("删除这条走访记录？")):
            self._run(
                lambda: pairs.delete_visit(self.db, row.id, expected_version=row.version),
                self.tr("已删除"),
            )

    def end_pair(self) -> None:
        row = self._pick(self.pairs, self.tr("一个帮扶对子"))
        if row is None:
            return

        def act(reason: str, day: date) -> Any:
            return pairs.end_pair(
                self.db, row.id, reason=reason, on=day, expected_version=row.version
            )

        self._open(
            TextPrompt(
                self.tr("解除帮扶对子：%1").replace("%1", row.member_name),
                self.tr("解除原因"),
                act,
                with_date=True,
                parent=self,
            )
        )

    # --- 反馈 ----------------------------------------------------------------------------
    def _build_feedback(self) -> None:
        tab: ListTab[Any] = ListTab(
            [
                text_column(self.tr("工作单位"), lambda r: r[0]),
                text_column(self.tr("姓名"), lambda r: r[1].name),
                text_column(self.tr("报到社区"), lambda r: r[1].community_name),
                text_column(self.tr("状态"), lambda r: r[1].state_label),
                number_column(self.tr("活动"), lambda r: r[1].activities),
                number_column(self.tr("确认时长"), lambda r: r[1].hours),
                number_column(self.tr("帮扶对子"), lambda r: r[1].pairs),
                number_column(self.tr("走访"), lambda r: r[1].visits),
                text_column(self.tr("评价"), lambda r: r[1].rating or self.tr("未评价")),
                text_column(self.tr("评语"), lambda r: r[1].comment),
            ]
        )
        self.feedback = tab
        tab.add_button(self.tr("评价…"), self.evaluate, self.tr("Ctrl+N"))
        self.letters_button = PrintButton(self.tr("打印全部单位反馈函"), self.letters_job, self)
        tab.add_widget(self.letters_button)
        tab.end_buttons()
        tab.table.doubleClicked.connect(lambda _i: self.evaluate())
        self.tabs.addTab(tab, self.tr("反馈"))

    def load_feedback(self) -> None:
        db, year, quarter = self.db, self.year, self.quarter
        community = None if self.community_id is None else self.community_box.currentText()

        model = self.feedback.model

        def work() -> PreparedRows[tuple[str, Any]]:
            return model.prepare(
                [
                    (letter.unit_name, m)
                    for letter in feedback.feedback_letters(db, year, quarter)
                    for m in letter.members
                    if community is None or m.community_name == community
                ]
            )

        self._compute("feedback", self.feedback, work, self.feedback.set_rows)

    def evaluate(self) -> None:
        row = self._pick(self.feedback, self.tr("一名党员"))
        if row is None:
            return
        member = row[1]
        current = next(
            (
                e
                for e in feedback.evaluations(self.db, self.year, self.quarter)
                if e.member_id == member.member_id
            ),
            None,
        )
        self._open(
            dialogs.EvaluationDialog(
                self.db, member.member_id, member.name, self.year, self.quarter, current, self
            )
        )

    def letters_job(self) -> PrintJob:
        from alliance_desk.documents.workday.sources import feedback_pack

        year, quarter = self.year, self.quarter
        label = stats.period(year, quarter).label
        return PrintJob(
            self.tr("在职党员报到服务情况反馈函（%1）").replace("%1", label),
            lambda: feedback_pack(self.db, year, quarter, printed_on=local_today()),
        )

    # --- 统计 ----------------------------------------------------------------------------
    def _build_stats(self) -> None:
        def fig(title: str, value: Callable[[Any], str]) -> Column[Any]:
            return Column(title, value, lambda r: value(r))

        def rate(title: str, attr: str) -> Column[Any]:
            return Column(
                title,
                lambda r: percent(getattr(r.figures, attr)),
                lambda r: getattr(r.figures, attr) or 0.0,
                numeric=True,
            )

        columns: Sequence[Column[Any]] = [
            text_column(self.tr("名称"), lambda r: r.name),
            text_column(self.tr("类型"), lambda r: r.kind),
            number_column(self.tr("应报到"), lambda r: r.figures.expected),
            number_column(self.tr("已报到"), lambda r: r.figures.reported),
            rate(self.tr("报到率"), "report_rate"),
            rate(self.tr("参与率"), "participation_rate"),
            number_column(self.tr("活动人次"), lambda r: r.figures.attendances),
            number_column(self.tr("总时长"), lambda r: r.figures.total_hours),
            Column(
                self.tr("人均时长"),
                lambda r: hours_text(r.figures.average_hours),
                lambda r: r.figures.average_hours or 0.0,
                numeric=True,
            ),
            rate(self.tr("时长达标率"), "target_rate"),
            number_column(self.tr("帮扶对子"), lambda r: r.figures.pairs),
            number_column(self.tr("走访次数"), lambda r: r.figures.visits),
            fig(self.tr("预警"), lambda r: self.tr("低于预警线") if r.flagged else ""),
        ]
        tab: ListTab[Any] = ListTab(
            columns,
            filters=[
                (self.tr("单位和社区"), None),
                (self.tr("工作单位"), lambda r: r.kind == self.tr("单位")),
                (self.tr("报到社区"), lambda r: r.kind == self.tr("社区")),
                (self.tr("低于预警线的单位"), lambda r: r.flagged and r.kind == self.tr("单位")),
            ],
            muted=lambda r: False,
        )
        self.stats = tab
        self.stats_summary = QLabel()
        self.stats_summary.setWordWrap(True)
        self.stats_summary.setToolTip(
            "\n".join([REPORT_RATE_FORMULA, PARTICIPATION_FORMULA, TARGET_RATE_FORMULA])
        )
        tab.layout_.insertWidget(0, self.stats_summary)
        tab.add_button(self.tr("设置目标和预警线…"), self.edit_settings)
        self.report_button = PrintButton(self.tr("双报到统计表"), self.report_job, self)
        tab.add_widget(self.report_button)
        tab.add_button(self.tr("导出 Excel…"), self.export_report)
        tab.add_button(self.tr("另存为 PDF…"), self.export_report_pdf)
        tab.end_buttons()
        chart_box = QWidget()
        self.chart_holder = QVBoxLayout(chart_box)
        self.chart_holder.setContentsMargins(0, 0, 0, 0)
        self.canvas: Any = None
        self.stats_splitter = QSplitter(Qt.Orientation.Vertical)
        tab.layout_.removeWidget(tab.table)
        self.stats_splitter.addWidget(tab.table)
        self.stats_splitter.addWidget(chart_box)
        self.stats_splitter.setStretchFactor(0, 3)
        self.stats_splitter.setStretchFactor(1, 2)
        self.stats_splitter.setChildrenCollapsible(False)
        tab.layout_.addWidget(self.stats_splitter, 1)
        self.report: stats.WorkdayReport | None = None
        self.tabs.addTab(tab, self.tr("统计"))

    def load_stats(self) -> None:
        db, year, quarter = self.db, self.year, self.quarter
        self._compute(
            "stats", self.stats, lambda: stats.workday_report(db, year, quarter), self.show_stats
        )

    def show_stats(self, report: stats.WorkdayReport) -> None:
        self.report = report
        unit, community = self.tr("单位"), self.tr("社区")
        rows = [ReportLine(r.name, unit, r.figures, r.flagged) for r in report.units]
        rows += [ReportLine(r.name, community, r.figures, r.flagged) for r in report.communities]
        self.stats.set_rows(rows)
        t = report.total
        self.stats_summary.setText(
            self.tr(
                "%1：应报到 %2 名，已报到 %3 名，报到率 %4，参与率 %5，活动 %6 次 %7 人次，"
                "确认时长 %8 小时，时长达标率 %9；低于预警线（报到率 < %10）的单位 %11 个。"
            )
            .replace("%10", percent(report.settings.report_threshold))
            .replace("%11", str(len(report.flagged_units)))
            .replace("%1", report.period.label)
            .replace("%2", f"{t.expected:,}")
            .replace("%3", f"{t.reported:,}")
            .replace("%4", percent(t.report_rate))
            .replace("%5", percent(t.participation_rate))
            .replace("%6", f"{report.activities:,}")
            .replace("%7", f"{t.attendances:,}")
            .replace("%8", hours_text(t.total_hours))
            .replace("%9", percent(t.target_rate))
        )
        self._draw(report)

    def _draw(self, report: stats.WorkdayReport) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from alliance_desk.ui.dashboard.chart_fonts import configure_matplotlib

        configure_matplotlib()
        if self.canvas is None:
            self.canvas = FigureCanvasQTAgg(Figure(figsize=(8, 2.2)))
            self.canvas.setMinimumHeight(150)
            self.chart_holder.addWidget(self.canvas)
        figure = self.canvas.figure
        figure.clear()
        axes = figure.add_subplot(1, 1, 1)
        lines = [r for r in report.communities if r.figures.expected][:12]
        names = [r.name for r in lines]
        values = [(r.figures.report_rate or 0.0) * 100 for r in lines]
        colours = ["#c62828" if r.flagged else "#607d8b" for r in lines]
        bars = axes.bar(names, values, color=colours)
        axes.bar_label(bars, fmt="%.0f%%", padding=2, fontsize=8)
        axes.axhline(report.settings.report_threshold * 100, color="#c62828", linestyle="--")
        axes.set_ylim(0, 115)
        axes.set_title(self.tr("各社区报到率（虚线：预警线）"), fontsize=10)
        axes.tick_params(axis="x", labelsize=8, rotation=20)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        self.canvas.draw_idle()

    def edit_settings(self) -> None:
        try:
            dialog = dialogs.SettingsDialog(self.db, parent=self)
        except DomainError as error:
            show_domain_error(self, error)
            return
        self._open(dialog)

    def report_job(self) -> PrintJob:
        from alliance_desk.documents.workday.report import report_document, report_title

        report = self.report
        if report is None or report.period != stats.period(self.year, self.quarter):
            report = stats.workday_report(self.db, self.year, self.quarter)
        return PrintJob(report_title(report), lambda: report_document(report), landscape=True)

    def export_report(self, path: Path | None = None) -> Path | None:
        from alliance_desk.services.workday.exports import export_report_xlsx
        from alliance_desk.ui.dashboard.report_actions import ask_xlsx_path

        target = path or ask_xlsx_path(self, self.tr("双报到统计表.xlsx"))
        if target is None:
            return None
        try:
            with busy_cursor():
                export_report_xlsx(self.db, self.year, target, quarter=self.quarter)
        except DomainError as error:
            show_domain_error(self, error)
            return None
        self.notify(self.tr("已导出：%1").replace("%1", str(target)))
        return Path(target)

    def export_report_pdf(self, path: Path | None = None) -> Path | None:
        job = self.report_job()
        if path is None:
            from alliance_desk.ui.printing import ask_pdf_path

            path = ask_pdf_path(self, job.file_name())
            if path is None:
                return None
        return save_pdf_to(self, job.build, path, landscape=True)
