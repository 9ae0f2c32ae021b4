"""书记项目与考核: 任务书 / 书记项目 / 挂图作战 / 督查 / 年终考核, one tab each.

A tab loads when it first comes into view (and on F5); nothing holds a session open.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from alliance_desk.ui.navigation import PageContext, Target
from alliance_desk.ui.pages.base import Page
from alliance_desk.ui.projects.assessment_tab import AssessmentTab
from alliance_desk.ui.projects.inspections_tab import InspectionsTab
from alliance_desk.ui.projects.projects_tab import ProjectsTab
from alliance_desk.ui.projects.tasks_tab import TasksTab
from alliance_desk.ui.projects.wallchart_tab import WallChartTab


class ProjectsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.add_subtitle(
            self.tr(
                "清单化明责、项目化履责、精准化考核：任务书与责任书，书记项目倒排工期、"
                "挂图作战，日常督查，年终考核。"
            )
        )
        db = context.database
        self.tabs = QTabWidget()
        self.tabs.setObjectName("projectTabs")
        self.tasks = TasksTab(db)
        self.projects = ProjectsTab(db)
        self.wallchart = WallChartTab(db)
        self.inspections = InspectionsTab(db)
        self.assessment = AssessmentTab(db)
        self.tabs.addTab(self.tasks, self.tr("任务书"))
        self.tabs.addTab(self.projects, self.tr("书记项目"))
        self.tabs.addTab(self.wallchart, self.tr("挂图作战"))
        self.tabs.addTab(self.inspections, self.tr("督查"))
        self.tabs.addTab(self.assessment, self.tr("年终考核"))
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._on_tab)
        self.layout_.addWidget(self.tabs, 1)

    def _on_tab(self, index: int) -> None:
        if index not in self._loaded:
            self._loaded.add(index)
            self.tabs.widget(index).refresh()  # type: ignore[attr-defined]

    def activated(self) -> None:
        index = self.tabs.currentIndex()
        self._loaded.discard(index)
        self._on_tab(index)

    def show_target(self, target: Target) -> None:
        if target.year is not None:
            for tab in (
                self.tasks,
                self.projects,
                self.wallchart,
                self.inspections,
                self.assessment,
            ):
                tab.year.blockSignals(True)
                tab.year.setValue(target.year)
                tab.year.blockSignals(False)
            self._loaded.clear()
            self._on_tab(self.tabs.currentIndex())
