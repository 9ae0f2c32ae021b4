"""四项清单: the page. Tabs 需求 / 资源 / 匹配与项目 / 责任（认领） / 公示 / 评议 / 统计.

Every action is one service call; the page keeps no session. A tab is read when it is
shown (and again after a change or F5), for the alliance chosen at the top.
"""

from __future__ import annotations

from collections.abc import Callable
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
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.errors import DomainError
from alliance_desk.core.four_lists.rates import GOOD_DEEDS_FORMULA, RATES, percent_text
from alliance_desk.core.four_lists.states import allowed_project_targets
from alliance_desk.core.four_lists.vocab import NeedState, ProjectState, ResourceState
from alliance_desk.services.commitments import local_today
from alliance_desk.services.four_lists.claims import list_claims, update_claim
from alliance_desk.services.four_lists.common import alliance_choices
from alliance_desk.services.four_lists.needs import change_need_state, get_need, list_needs
from alliance_desk.services.four_lists.postings import (
    list_postings,
    preview_posting,
    record_issue,
)
from alliance_desk.services.four_lists.projects import (
    get_claim_days,
    list_projects,
    matching_suggestions,
    set_claim_days,
    transition_project,
)
from alliance_desk.services.four_lists.ratings import list_ratings
from alliance_desk.services.four_lists.resources import change_resource_state, list_resources
from alliance_desk.services.four_lists.stats import ListStatistics, StatLine, list_statistics
from alliance_desk.ui.error_dialog import show_domain_error
from alliance_desk.ui.four_lists import columns as cols
from alliance_desk.ui.four_lists.dialogs import (
    CategoriesDialog,
    ClaimDialog,
    NeedDialog,
    ProjectDialog,
    RatingDialog,
    ResourceDialog,
)
from alliance_desk.ui.four_lists.form_dialog import (
    FormDialog,
    TextPrompt,
    choice_combo,
    line,
    text_area,
)
from alliance_desk.ui.four_lists.list_tab import ListTab
from alliance_desk.ui.models.row_table import Column, PreparedRows
from alliance_desk.ui.navigation import PageContext, Target
from alliance_desk.ui.pages.base import Page
from alliance_desk.ui.printing import PrintButton, PrintJob, ask_pdf_path, busy_cursor
from alliance_desk.ui.tasks import BackgroundTask, Report
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.tables import list_table

FIRST_ROWS = 1000
"""Needs shown at once; the rest of a city's list is read on a worker thread."""
TABS = ("needs", "resources", "projects", "claims", "postings", "ratings", "stats")
YEARS_BACK = 4


class MergeDialog(FormDialog):
    """合并: the need it goes into, and why."""

    def __init__(
        self, page: FourListsPage, need_id: int, version: int, others: list[tuple[int, str]]
    ) -> None:
        super().__init__(page.tr("合并需求"), page)
        self.page, self.need_id, self.version = page, need_id, version
        self.target = self.form.add("merged_into", self.tr("并入"), choice_combo(others))
        self.reason = self.form.add("state", self.tr("原因"), text_area())

    def submit(self) -> Any:
        return change_need_state(
            self.page.db,
            self.need_id,
            NeedState.MERGED,
            expected_version=self.version,
            reason=self.reason.toPlainText(),
            merged_into=self.target.currentData(),
        )


class FourListsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.db = context.database
        self.add_subtitle(context.area.purpose_text)
        self.dialog: QDialog | None = None
        self._stale = set(TABS)
        bar = QHBoxLayout()
        self.alliance_box = QComboBox()
        self.alliance_box.setMinimumContentsLength(14)
        self.alliance_box.addItem(self.tr("全部联盟"), None)
        self.alliance_box.currentIndexChanged.connect(self._scope_changed)
        bar.addWidget(QLabel(self.tr("联盟（社区）：")))
        bar.addWidget(self.alliance_box)
        bar.addStretch(1)
        refresh = QPushButton(self.tr("刷新（F5）"))
        on_click(refresh, self.refresh)
        bar.addWidget(refresh)
        self.layout_.addLayout(bar)
        self.tabs = QTabWidget()
        self.layout_.addWidget(self.tabs, 1)
        self._build_needs()
        self._build_resources()
        self._build_projects()
        self._build_claims()
        self._build_postings()
        self._build_ratings()
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
    def alliance_id(self) -> int | None:
        value = self.alliance_box.currentData()
        return None if value is None else int(value)

    @property
    def alliance_name(self) -> str:
        return self.alliance_box.currentText() if self.alliance_id else self.tr("全街道")

    def alliances(self) -> list[tuple[int, str]]:
        return [
            (self.alliance_box.itemData(i), self.alliance_box.itemText(i))
            for i in range(1, self.alliance_box.count())
        ]

    def activated(self) -> None:
        chosen = self.alliance_id
        self.alliance_box.blockSignals(True)
        try:
            while self.alliance_box.count() > 1:
                self.alliance_box.removeItem(1)
            for alliance_id, name in alliance_choices(self.db):
                self.alliance_box.addItem(name, alliance_id)
            index = self.alliance_box.findData(chosen) if chosen is not None else 0
            self.alliance_box.setCurrentIndex(max(index, 0))
        finally:
            self.alliance_box.blockSignals(False)
        self.refresh()

    def _scope_changed(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._stale = set(TABS)
        self._load_current()

    def _changed(self) -> None:
        """After a save: everything may show it."""
        self.refresh()

    def _load_current(self) -> None:
        key = TABS[self.tabs.currentIndex()]
        if key not in self._stale:
            return
        self._stale.discard(key)
        try:
            with busy_cursor():
                getattr(self, f"load_{key}")()
        except DomainError as error:
            show_domain_error(self, error, title=self.tr("无法读取"))

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    def _open(self, dialog: QDialog, after: Callable[[Any], None] | None = None) -> QDialog:
        """Open window-modal (the clerk can still read the page), refresh when saved."""
        self.dialog = dialog

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                saved = getattr(dialog, "saved", None)
                self._changed()
                if after is not None:
                    after(saved)

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
        self._changed()
        return True

    # --- keyboard ------------------------------------------------------------------------
    @Slot()
    def new_item(self) -> None:
        {
            "needs": self.new_need,
            "resources": self.new_resource,
            "projects": self.new_project,
            "claims": self.new_claim,
            "ratings": self.rate_selected,
            "postings": self.preview_issue,
        }.get(self.current_tab(), lambda: None)()

    @Slot()
    def delete_item(self) -> None:
        {
            "needs": partial(self.need_exit, NeedState.REJECTED),
            "resources": partial(self.resource_state, ResourceState.EXPIRED),
            "projects": partial(self.project_state, ProjectState.WITHDRAWN),
        }.get(self.current_tab(), lambda: None)()

    @Slot()
    def focus_search(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, ListTab):
            tab.focus_search()
        elif self.current_tab() == "projects":
            self.projects.focus_search()

    @Slot()
    def print_current(self) -> None:
        button = {
            "needs": self.form_button,
            "ratings": self.ballot_button,
            "stats": self.stats_button,
            "claims": None,
        }.get(self.current_tab())
        if self.current_tab() == "postings":
            self.preview_issue()
        elif button is not None:
            button.preview()

    # --- 需求 --------------------------------------------------------------------------------
    def _build_needs(self) -> None:
        tab: ListTab[Any] = ListTab(
            cols.NEED_COLUMNS,
            filters=cols.NEED_STATE_FILTERS,
            muted=lambda n: n.state in (NeedState.MERGED, NeedState.REFERRED, NeedState.REJECTED),
        )
        self.needs = tab
        tab.add_button(self.tr("登记需求…"), self.new_need, self.tr("Ctrl+N"))
        tab.add_button(self.tr("修改…"), self.edit_need)
        tab.add_button(self.tr("核实"), self.verify_need, self.tr("待核实 → 已核实"))
        more = tab.add_button(self.tr("转办 / 合并 / 不予受理"), lambda: None)
        menu = QMenu(more)
        menu.addAction(self.tr("转办…"), partial(self.need_exit, NeedState.REFERRED))
        menu.addAction(self.tr("合并到另一条需求…"), self.merge_need)
        menu.addAction(self.tr("不予受理…（Delete）"), partial(self.need_exit, NeedState.REJECTED))
        more.setMenu(menu)
        self.needs_more_menu = menu
        tab.add_button(self.tr("从 Excel 导入…"), self.import_needs)
        tab.add_button(self.tr("下载导入模板…"), self.needs_template)
        self.form_button = PrintButton(self.tr("空白登记表"), self.needs_form_job, self)
        tab.add_widget(self.form_button)
        tab.add_button(self.tr("类别…"), self.edit_categories)
        tab.end_buttons()
        tab.table.doubleClicked.connect(lambda _i: self.edit_need())
        self.tabs.addTab(tab, self.tr("需求"))

    def load_needs(self) -> None:
        """The newest needs at once; a city's full list follows from a worker thread."""
        first = list_needs(
            self.db, alliance_id=self.alliance_id, limit=FIRST_ROWS + 1, with_content=False
        )
        self.needs.set_rows(first[:FIRST_ROWS])
        if len(first) <= FIRST_ROWS:
            return
        self.needs.count.setText(self.tr("正在载入全部需求……"))
        db, alliance_id = self.db, self.alliance_id

        model = self.needs.model

        def work(_report: Report) -> PreparedRows[Any]:
            return model.prepare(list_needs(db, alliance_id=alliance_id, with_content=False))

        task = BackgroundTask(self, None, work, error_title=self.tr("无法读取需求清单"))
        task.succeeded.connect(lambda rows: self._needs_loaded(alliance_id, rows))
        self.needs_task = task
        task.start()

    def _needs_loaded(self, alliance_id: int | None, rows: PreparedRows[Any]) -> None:
        if alliance_id == self.alliance_id:  # not a load for a scope left meanwhile
            self.needs.set_rows(rows)

    def new_need(self) -> None:
        self._open(NeedDialog(self.db, self.alliances(), alliance_id=self.alliance_id, parent=self))

    def _need(self) -> Any:
        need = self.needs.selected()
        if need is None:
            QMessageBox.information(self, self.tr("四项清单"), self.tr("请先选择一条需求。"))
        return need

    def edit_need(self) -> None:
        need = self._need()
        if need is not None:
            try:
                need = get_need(self.db, need.id)  # with its 需求内容, as saved now
            except DomainError as error:
                show_domain_error(self, error)
                return
            self._open(NeedDialog(self.db, self.alliances(), need=need, parent=self))

    def verify_need(self) -> None:
        need = self._need()
        if need is not None:
            self._run(
                lambda: change_need_state(
                    self.db, need.id, NeedState.VERIFIED, expected_version=need.version
                ),
                self.tr("已核实：%1").replace("%1", need.code),
            )

    def need_exit(self, target: NeedState) -> None:
        need = self._need()
        if need is None:
            return

        def act(reason: str, _day: date) -> Any:
            return change_need_state(
                self.db, need.id, target, expected_version=need.version, reason=reason
            )

        self._open(
            TextPrompt(
                self.tr("需求%1：%2").replace("%1", target.label).replace("%2", need.code),
                self.tr("原因"),
                act,
                parent=self,
            )
        )

    def merge_need(self) -> None:
        need = self._need()
        if need is None:
            return
        others = [
            (n.id, f"{n.code}  {n.title}")
            for n in self.needs.model.rows()
            if n.alliance_id == need.alliance_id and n.id != need.id
        ]
        self._open(MergeDialog(self, need.id, need.version, others))

    def import_needs(self, path: Path | None = None) -> QDialog | None:
        from alliance_desk.ui.four_lists.import_dialog import NeedsImportDialog

        if path is None:
            chosen, _f = QFileDialog.getOpenFileName(
                self, self.tr("导入需求"), "", self.tr("Excel 或 CSV 文件 (*.xlsx *.csv)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        dialog = NeedsImportDialog(self.db, path, self)
        dialog.import_done.connect(lambda: self.notify(dialog.describe_result()))
        self._open(dialog)
        dialog.start()
        return dialog

    def needs_template(self) -> None:
        from alliance_desk.services.four_lists.needs_import import write_needs_template

        chosen, _f = QFileDialog.getSaveFileName(
            self, self.tr("下载导入模板"), self.tr("需求导入模板.xlsx"), "Excel (*.xlsx)"
        )
        if chosen:
            self._run(
                lambda: write_needs_template(chosen),
                self.tr("已保存模板：%1").replace("%1", chosen),
            )

    def needs_form_job(self) -> PrintJob:
        from alliance_desk.documents.four_lists import needs_form_document

        return PrintJob(self.tr("四项清单需求征集登记表"), needs_form_document, landscape=True)

    def edit_categories(self) -> None:
        self._open(CategoriesDialog(self.db, self))

    # --- 资源 --------------------------------------------------------------------------------
    def _build_resources(self) -> None:
        tab: ListTab[Any] = ListTab(
            cols.RESOURCE_COLUMNS, muted=lambda r: r.state is not ResourceState.ACTIVE
        )
        self.resources = tab
        tab.add_button(self.tr("登记资源…"), self.new_resource, self.tr("Ctrl+N"))
        tab.add_button(self.tr("修改…"), self.edit_resource)
        tab.add_button(self.tr("暂停"), partial(self.resource_state, ResourceState.PAUSED))
        tab.add_button(self.tr("恢复有效"), partial(self.resource_state, ResourceState.ACTIVE))
        tab.add_button(self.tr("失效"), partial(self.resource_state, ResourceState.EXPIRED))
        tab.end_buttons()
        tab.table.doubleClicked.connect(lambda _i: self.edit_resource())
        self.tabs.addTab(tab, self.tr("资源"))

    def load_resources(self) -> None:
        self.resources.set_rows(list_resources(self.db, alliance_id=self.alliance_id))

    def new_resource(self) -> None:
        self._open(
            ResourceDialog(self.db, self.alliances(), alliance_id=self.alliance_id, parent=self)
        )

    def edit_resource(self) -> None:
        resource = self.resources.selected()
        if resource is not None:
            self._open(ResourceDialog(self.db, self.alliances(), resource=resource, parent=self))

    def resource_state(self, target: ResourceState) -> None:
        resource = self.resources.selected()
        if resource is None:
            return
        if target is ResourceState.EXPIRED:
            answer = QMessageBox.question(
                self,
                self.tr("资源失效"),
                self.tr("将“%1”标记为失效？失效后不能再恢复。").replace(
                    "%1", resource.content[:30]
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(
            lambda: change_resource_state(
                self.db, resource.id, target, expected_version=resource.version
            )
        )

    # --- 匹配与项目 --------------------------------------------------------------------------
    def _build_projects(self) -> None:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 8, 0, 0)
        splitter = QSplitter(Qt.Orientation.Vertical)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        self.match_note = QLabel()
        self.match_note.setWordWrap(True)
        upper_layout.addWidget(self.match_note)
        from alliance_desk.ui.models.row_table import RowTableModel

        self.suggestions: RowTableModel[Any] = RowTableModel(cols.SUGGESTION_COLUMNS, parent=self)
        self.suggestion_table: QTableView = list_table(self.suggestions)
        self.suggestion_table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        buttons = QHBoxLayout()
        self.match_button = QPushButton(self.tr("按所选建议立项…"))
        self.match_button.setToolTip(self.tr("可多选：同一社区的几条需求和几项资源合成一个项目"))
        on_click(self.match_button, self.new_project)
        buttons.addWidget(self.match_button)
        buttons.addStretch(1)
        upper_layout.addLayout(buttons)
        upper_layout.addWidget(self.suggestion_table, 1)
        splitter.addWidget(upper)
        tab: ListTab[Any] = ListTab(
            cols.PROJECT_COLUMNS,
            filters=cols.PROJECT_STATE_FILTERS,
            highlighted=lambda p: cols.WARNING if p.unclaimed_too_long else None,
        )
        self.projects = tab
        tab.add_button(
            self.tr("新建项目…"),
            self.new_project,
            self.tr("勾选本联盟任一已核实的需求和有效资源立项（Ctrl+N），不必经过匹配建议"),
        )
        tab.add_button(self.tr("修改…"), self.edit_project)
        tab.add_button(self.tr("公示"), partial(self.project_state, ProjectState.PUBLISHED))
        tab.add_button(self.tr("登记认领…"), self.new_claim)
        tab.add_button(self.tr("开始实施"), partial(self.project_state, ProjectState.IN_PROGRESS))
        tab.add_button(self.tr("办结…"), partial(self.project_state, ProjectState.DONE))
        tab.add_button(self.tr("搁置…"), partial(self.project_state, ProjectState.SHELVED))
        tab.add_button(self.tr("恢复"), self.resume_project)
        tab.add_button(self.tr("撤销…"), partial(self.project_state, ProjectState.WITHDRAWN))
        tab.add_button(self.tr("认领期限…"), self.edit_claim_days)
        tab.end_buttons()
        splitter.addWidget(tab)
        splitter.setSizes([220, 420])
        layout.addWidget(splitter)
        self.tabs.addTab(holder, self.tr("匹配与项目"))

    def load_projects(self) -> None:
        if self.alliance_id is None:
            self.suggestions.set_rows([])
            self.match_note.setText(
                self.tr(
                    "匹配建议：请在上方选择一个联盟（社区），列出其已核实需求与有效资源的对接建议。"
                )
            )
        else:
            found = matching_suggestions(self.db, self.alliance_id)
            self.suggestions.set_rows(found)
            self.match_note.setText(
                self.tr(
                    "匹配建议：%1 的已核实需求 × 有效资源，按类别和内容相近程度排序；"
                    "选中后点“按所选建议立项”，确认后才会建立项目。"
                ).replace("%1", self.alliance_name)
            )
        self.projects.set_rows(
            list_projects(self.db, today=local_today(), alliance_id=self.alliance_id)
        )

    def _selected_suggestions(self) -> list[Any]:
        return [
            self.suggestions.row_at(i.row())
            for i in self.suggestion_table.selectionModel().selectedRows()
        ]

    def new_project(self) -> None:
        """From the matching suggestions selected (ticked in the dialog), or from any
        verified need and valid resource of the alliance the clerk ticks there."""
        chosen = self._selected_suggestions()
        if self.alliance_id is None:
            QMessageBox.information(
                self, self.tr("新建项目"), self.tr("请先在上方选择一个联盟（社区）。")
            )
            return
        needs = list(
            {s.need_id: (s.need_id, f"{s.need_code}  {s.need_title}") for s in chosen}.values()
        )
        resources = list(
            {
                s.resource_id: (s.resource_id, f"{s.resource_content}（{s.unit_name}）")
                for s in chosen
            }.values()
        )
        try:
            need_choices = [
                (n.id, f"{n.code}  {n.title}")
                for n in list_needs(
                    self.db, alliance_id=self.alliance_id, states=[NeedState.VERIFIED]
                )
            ]
            resource_choices = [
                (r.id, f"{r.content}（{r.unit_name}）")
                for r in list_resources(self.db, alliance_id=self.alliance_id, active_only=True)
                if not r.valid_until or r.valid_until >= local_today()
            ]
        except DomainError as error:
            show_domain_error(self, error)
            return
        self.show_tab("projects")
        self._open(
            ProjectDialog(
                self.db,
                alliance_id=self.alliance_id,
                alliance_name=self.alliance_name,
                needs=needs,
                resources=resources,
                need_choices=need_choices,
                resource_choices=resource_choices,
                meetings=self._draft_meetings(),
                parent=self,
            )
        )

    def _draft_meetings(self) -> list[tuple[int, str]]:
        """Draft meetings of the alliance: a 联席会议 project adds its item to the agenda."""
        from alliance_desk.core.vocab import MeetingState
        from alliance_desk.services.meetings.reading import list_meetings

        rows = list_meetings(self.db, alliance_id=self.alliance_id)
        return [
            (
                m.id,
                self.tr("第%1次联席会议 %2")
                .replace("%1", str(m.sequence_no))
                .replace("%2", f"{m.starts_at:%Y-%m-%d}"),
            )
            for m in rows
            if m.state is MeetingState.DRAFT
        ]

    def _project(self) -> Any:
        project = self.projects.selected()
        if project is None:
            QMessageBox.information(self, self.tr("四项清单"), self.tr("请先选择一个项目。"))
        return project

    def edit_project(self) -> None:
        project = self._project()
        if project is not None:
            self._open(
                ProjectDialog(
                    self.db,
                    alliance_id=project.alliance_id,
                    alliance_name=project.alliance_name,
                    project=project,
                    parent=self,
                )
            )

    def project_state(self, target: ProjectState) -> None:
        project = self._project()
        if project is None:
            return
        if target not in allowed_project_targets(project.state):
            show_domain_error(
                self,
                DomainError(
                    self.tr("项目“%1”是“%2”，不能改为“%3”。")
                    .replace("%1", project.name)
                    .replace("%2", project.state.label)
                    .replace("%3", target.label)
                ),
            )
            return

        def act(text: str, day: date) -> Any:
            return transition_project(
                self.db,
                project.id,
                target,
                on=day,
                expected_version=project.version,
                reason=text if target is not ProjectState.DONE else "",
                outcome=text if target is ProjectState.DONE else "",
            )

        if target in (ProjectState.SHELVED, ProjectState.WITHDRAWN):
            self._open(
                TextPrompt(
                    self.tr("项目%1：%2").replace("%1", target.label).replace("%2", project.name),
                    self.tr("原因"),
                    act,
                    parent=self,
                )
            )
        elif target is ProjectState.DONE:
            self._open(
                TextPrompt(
                    self.tr("办结：%1").replace("%1", project.name),
                    self.tr("完成情况"),
                    act,
                    with_date=True,
                    required=False,
                    parent=self,
                )
            )
        else:
            self._run(
                lambda: act("", local_today()),
                self.tr("项目“%1”：%2").replace("%1", project.name).replace("%2", target.label),
            )

    def resume_project(self) -> None:
        project = self._project()
        if project is None:
            return
        if project.state is not ProjectState.SHELVED:
            show_domain_error(self, DomainError(self.tr("只有搁置的项目才能恢复。")))
            return
        from alliance_desk.core.four_lists.states import PROJECT_TRANSITIONS

        with self.db.reading() as session:
            from alliance_desk.storage.models import Project

            back = session.get(Project, project.id).shelved_from  # type: ignore[union-attr]
        target = back if back in PROJECT_TRANSITIONS[ProjectState.SHELVED] else ProjectState.DRAFT
        self._run(
            lambda: transition_project(
                self.db, project.id, target, on=local_today(), expected_version=project.version
            )
        )

    def edit_claim_days(self) -> None:
        days, ok = QInputDialog.getInt(
            self,
            self.tr("认领期限"),
            self.tr("公示后超过多少天仍无人认领，就提醒："),
            get_claim_days(self.db),
            1,
            365,
        )
        if ok:
            self._run(lambda: set_claim_days(self.db, days))

    # --- 责任（认领） --------------------------------------------------------------------------
    def _build_claims(self) -> None:
        tab: ListTab[Any] = ListTab(
            cols.CLAIM_COLUMNS, highlighted=lambda c: cols.WARNING if c.overdue else None
        )
        self.claims = tab
        tab.add_button(
            self.tr("登记认领…"), self.new_claim, self.tr("为“匹配与项目”中选中的项目登记认领单位")
        )
        tab.add_button(self.tr("修改责任人和节点…"), self.edit_claim)
        tab.add_button(
            self.tr("在“双向承诺”中办理"),
            self.open_commitment,
            self.tr("进度、履诺、逾期和评价都在双向承诺中办理"),
        )
        tab.end_buttons()
        tab.table.doubleClicked.connect(lambda _i: self.open_commitment())
        self.tabs.addTab(tab, self.tr("责任（认领）"))

    def load_claims(self) -> None:
        self.claims.set_rows(
            list_claims(self.db, today=local_today(), alliance_id=self.alliance_id)
        )

    def new_claim(self) -> None:
        project = self.projects.selected()
        if project is None:
            self.show_tab("projects")
            QMessageBox.information(
                self, self.tr("登记认领"), self.tr("请在“匹配与项目”中选中要认领的项目。")
            )
            return
        self._open(ClaimDialog(self.db, project, self))

    def edit_claim(self) -> None:
        claim = self.claims.selected()
        if claim is None:
            return
        dialog = TextPrompt(
            self.tr("责任人和节点"),
            self.tr("节点（每行一个）"),
            lambda text, _d: update_claim(
                self.db,
                claim.id,
                responsible_person=person.text(),
                milestones=text,
                expected_version=claim.version,
                today=local_today(),
            ),
            required=False,
            parent=self,
        )
        person = dialog.form.add(
            "responsible_person", self.tr("责任人"), line(claim.responsible_person)
        )
        dialog.text.setPlainText(claim.milestones)
        self._open(dialog)

    def open_commitment(self) -> None:
        claim = self.claims.selected()
        if claim is not None:
            self.context.open_area("commitments", Target(commitment_id=claim.commitment_id))

    # --- 公示 ----------------------------------------------------------------------------------
    def _build_postings(self) -> None:
        tab: ListTab[Any] = ListTab(cols.POSTING_COLUMNS)
        self.postings = tab
        self.paper = QComboBox()
        self.paper.addItem(self.tr("A4 横向"), "A4")
        self.paper.addItem(self.tr("A3 横向（仅另存 PDF）"), "A3")
        tab.add_widget(QLabel(self.tr("纸张：")))
        tab.add_widget(self.paper)
        tab.add_button(self.tr("预览本期（不登记）"), self.preview_issue)
        tab.add_button(self.tr("打印并登记新一期…"), self.print_issue)
        tab.add_button(self.tr("另存 PDF 并登记新一期…"), self.save_issue)
        self.completion_button = PrintButton(self.tr("完成情况公示表"), self.completion_job, self)
        tab.add_widget(self.completion_button)
        tab.end_buttons()
        note = QLabel(
            self.tr(
                "每次打印或另存都登记为新的一期（第N期），并列出与上一期相比的“本期调整”，"
                "墙上的公示表与数据库始终对得上。需求中涉及个人信息的内容不予公示。"
            )
        )
        note.setWordWrap(True)
        tab.layout_.insertWidget(0, note)
        self.tabs.addTab(tab, self.tr("公示"))

    def load_postings(self) -> None:
        self.postings.set_rows(list_postings(self.db, alliance_id=self.alliance_id))

    def _posting_document(self, *, record: bool) -> Any:
        """The next issue's document; with ``record`` it is the issue to print and then
        record (``_record_printed``), without it a preview marked 尚未登记."""
        from alliance_desk.documents.four_lists import posting_document

        paper = self.paper.currentData()
        issue = preview_posting(
            self.db, alliance_id=self.alliance_id, today=local_today(), paper=paper
        )
        self.last_issue = issue
        return posting_document(issue, preview=not record)

    def _record_printed(self) -> bool:
        """Record the issue just printed or saved; say so when another clerk took its number."""
        try:
            self.last_issue = record_issue(self.db, self.last_issue)
        except DomainError as error:
            show_domain_error(self, error, title=self.tr("已输出，但未登记"))
            self._changed()
            return False
        return True

    def preview_issue(self) -> None:
        from alliance_desk.ui.printing import preview_document

        try:
            document = self._posting_document(record=False)
        except DomainError as error:
            show_domain_error(self, error)
            return
        preview_document(
            self.window(), document, title=self.tr("四项清单公示表（预览）"), landscape=True
        )

    def print_issue(self) -> None:
        from alliance_desk.ui.printing import print_document

        if self.paper.currentData() == "A3":
            QMessageBox.information(
                self,
                self.tr("A3 公示表"),
                self.tr("A3 公示表请用“另存 PDF 并登记新一期”，再用 A3 打印机或打印店打印。"),
            )
            return
        if (
            print_document(
                self.window(),
                lambda: self._posting_document(record=True),
                title=self.tr("四项清单公示表"),
                landscape=True,
            )
            and self._record_printed()
        ):
            self.notify(self.tr("已打印第%1期").replace("%1", str(self.last_issue.number)))
            self._changed()

    def save_issue(self, path: Path | None = None) -> Path | None:
        from alliance_desk.documents.four_lists import posting_spec
        from alliance_desk.documents.pdf import write_pdf

        target = path or ask_pdf_path(
            self.window(), self.tr("四项清单公示表_%1.pdf").replace("%1", f"{local_today():%Y%m%d}")
        )
        if target is None:
            return None
        try:
            with busy_cursor():
                document = self._posting_document(record=True)
                written = write_pdf(document, target, spec=posting_spec(self.last_issue.paper))
        except DomainError as error:
            show_domain_error(self, error)
            return None
        except OSError as error:
            from alliance_desk.ui.printing import describe_save_error

            QMessageBox.warning(self, self.tr("未能保存 PDF"), describe_save_error(error, target))
            return None
        if not self._record_printed():
            return None
        self.notify(
            self.tr("已登记第%1期并保存：%2")
            .replace("%1", str(self.last_issue.number))
            .replace("%2", str(written))
        )
        self._changed()
        return written

    def completion_job(self) -> PrintJob:
        from alliance_desk.documents.four_lists import completion_document

        def build() -> Any:
            done = list_projects(
                self.db,
                today=local_today(),
                alliance_id=self.alliance_id,
                states=[ProjectState.DONE, ProjectState.RATED],
            )
            year = local_today().year
            done = [p for p in done if p.finished_on and p.finished_on.year == year]
            ratings = {r.project_id: r for r in list_ratings(self.db, alliance_id=self.alliance_id)}
            return completion_document(self.alliance_name, done, ratings, printed_on=local_today())

        return PrintJob(self.tr("四项清单完成情况公示表"), build, landscape=True)

    # --- 评议 ----------------------------------------------------------------------------------
    def _build_ratings(self) -> None:
        tab: ListTab[Any] = ListTab(
            cols.RATING_COLUMNS,
            filters=[
                (self.tr("全部已办结项目"), None),
                (self.tr("待评议"), lambda t: t[1] is None),
                (self.tr("已评议"), lambda t: t[1] is not None),
            ],
        )
        self.ratings = tab
        tab.add_button(self.tr("登记评议结果…"), self.rate_selected)
        self.copies = QSpinBox()
        self.copies.setRange(1, 500)
        self.copies.setValue(30)
        tab.add_widget(QLabel(self.tr("评议表份数：")))
        tab.add_widget(self.copies)
        self.ballot_button = PrintButton(self.tr("打印评议表"), self.ballot_job, self)
        tab.add_widget(self.ballot_button)
        tab.end_buttons()
        tab.table.doubleClicked.connect(lambda _i: self.rate_selected())
        self.tabs.addTab(tab, self.tr("评议"))

    def load_ratings(self) -> None:
        projects = list_projects(
            self.db,
            today=local_today(),
            alliance_id=self.alliance_id,
            states=[ProjectState.DONE, ProjectState.RATED],
        )
        ratings = {r.project_id: r for r in list_ratings(self.db, alliance_id=self.alliance_id)}
        self.ratings.set_rows([(p, ratings.get(p.id)) for p in projects])

    def rate_selected(self) -> None:
        chosen = self.ratings.selected()
        if chosen is None:
            QMessageBox.information(
                self, self.tr("群众评议"), self.tr("请先选择一个已办结的项目。")
            )
            return
        self._open(RatingDialog(self.db, chosen[0], chosen[1], self))

    def ballot_job(self) -> PrintJob:
        from alliance_desk.documents.four_lists import ballot_document

        chosen = self.ratings.selected()
        projects = [chosen[0]] if chosen else []
        copies = self.copies.value()
        return PrintJob(
            self.tr("四项清单项目群众评议表"), lambda: ballot_document(projects, copies=copies)
        )

    # --- 统计 ----------------------------------------------------------------------------------
    def _build_stats(self) -> None:
        stat_columns: list[Column[StatLine]] = [
            Column(self.tr("党建联盟"), lambda s: s.name, searchable=True),
            Column(self.tr("社区"), lambda s: s.community, searchable=True),
            Column(
                self.tr("需求"),
                lambda s: str(s.counts.needs),
                lambda s: s.counts.needs,
                numeric=True,
            ),
            Column(
                self.tr("已核实"),
                lambda s: str(s.counts.verified),
                lambda s: s.counts.verified,
                numeric=True,
            ),
            Column(
                self.tr("资源"),
                lambda s: str(s.counts.resources),
                lambda s: s.counts.resources,
                numeric=True,
            ),
            Column(
                self.tr("项目"),
                lambda s: str(s.counts.projects),
                lambda s: s.counts.projects,
                numeric=True,
            ),
            Column(
                self.tr("已认领"),
                lambda s: str(s.counts.claimed),
                lambda s: s.counts.claimed,
                numeric=True,
            ),
            Column(
                self.tr("好事实事"),
                lambda s: str(s.counts.good_deeds),
                lambda s: s.counts.good_deeds,
                numeric=True,
            ),
            *[
                Column(
                    label,
                    (lambda a: lambda s: percent_text(getattr(s.counts, a)))(attribute),
                    (lambda a: lambda s: getattr(s.counts, a) or -1)(attribute),
                    numeric=True,
                    tooltip=formula,
                )
                for label, attribute, formula in RATES
            ],
        ]
        tab: ListTab[StatLine] = ListTab(stat_columns)
        self.stats = tab
        self.year_box = QComboBox()
        this_year = local_today().year
        for year in range(this_year, this_year - YEARS_BACK - 1, -1):
            self.year_box.addItem(self.tr("%1年").replace("%1", str(year)), year)
        self.year_box.currentIndexChanged.connect(lambda _i: self.load_stats())
        tab.add_widget(QLabel(self.tr("年度：")))
        tab.add_widget(self.year_box)
        self.stats_button = PrintButton(self.tr("四项清单统计表"), self.stats_job, self)
        tab.add_widget(self.stats_button)
        tab.add_button(self.tr("导出 Excel…"), self.export_stats)
        tab.add_button(self.tr("导出四项清单…"), self.export_lists)
        tab.end_buttons()
        self.total_label = QLabel()
        self.total_label.setWordWrap(True)
        self.total_label.setObjectName("fourListsTotal")
        tab.layout_.insertWidget(0, self.total_label)
        formulas = QLabel("\n".join([f for _l, _a, f in RATES] + [GOOD_DEEDS_FORMULA]))
        formulas.setStyleSheet("color: #555;")
        tab.layout_.addWidget(formulas)
        self.tabs.addTab(tab, self.tr("统计"))

    @property
    def year(self) -> int:
        return int(self.year_box.currentData())

    def statistics(self) -> ListStatistics:
        return list_statistics(
            self.db, year=self.year, today=local_today(), alliance_id=self.alliance_id
        )

    def load_stats(self) -> None:
        stats = self.statistics()
        self.stats.set_rows(list(stats.lines))
        t = stats.total
        self.total_label.setText(
            self.tr(
                "%1年合计：需求 %2 条，资源 %3 项，项目 %4 个，好事实事 %5 件；需求对接率 %6，"
                "认领率 %7，办结率 %8，按期办结率 %9，满意率 %10。"
            )
            .replace("%10", percent_text(t.satisfaction_rate))
            .replace("%1", str(stats.year))
            .replace("%2", str(t.needs))
            .replace("%3", str(t.resources))
            .replace("%4", str(t.projects))
            .replace("%5", str(t.good_deeds))
            .replace("%6", percent_text(t.match_rate))
            .replace("%7", percent_text(t.claim_rate))
            .replace("%8", percent_text(t.completion_rate))
            .replace("%9", percent_text(t.on_time_completion_rate))
        )

    def stats_job(self) -> PrintJob:
        from alliance_desk.documents.four_lists import statistics_document

        stats = self.statistics()
        return PrintJob(stats.title, lambda: statistics_document(stats), landscape=True)

    def export_stats(self, path: Path | None = None) -> Path | None:
        from alliance_desk.services.four_lists.exports import write_statistics_xlsx
        from alliance_desk.ui.dashboard.report_actions import ask_xlsx_path

        stats = self.statistics()
        target = path or ask_xlsx_path(self, f"{stats.title}.xlsx")
        if target is None:
            return None
        try:
            written = write_statistics_xlsx(stats, target)
        except (OSError, DomainError) as error:
            QMessageBox.warning(self, self.tr("未能导出"), str(getattr(error, "message", error)))
            return None
        self.notify(self.tr("已导出：%1").replace("%1", str(written)))
        return written

    def export_lists(self, path: Path | None = None) -> Path | None:
        from alliance_desk.services.four_lists.exports import export_lists
        from alliance_desk.ui.dashboard.report_actions import ask_xlsx_path

        target = path or ask_xlsx_path(self, self.tr("四项清单.xlsx"))
        if target is None:
            return None
        try:
            with busy_cursor():
                written = export_lists(self.db, target, today=local_today())
        except (OSError, DomainError) as error:
            QMessageBox.warning(self, self.tr("未能导出"), str(getattr(error, "message", error)))
            return None
        self.notify(self.tr("已导出：%1").replace("%1", str(written)))
        return written

    def show_target(self, target: Target) -> None:
        if target.alliance_id is not None:
            index = self.alliance_box.findData(target.alliance_id)
            if index >= 0:
                self.alliance_box.setCurrentIndex(index)
