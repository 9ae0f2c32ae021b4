"""The areas of the left navigation, in order, and the page factory registered for each.

A page module is imported only when its page is first shown, so start-up stays fast.
Every area registers its page below, e.g.::

    register_page("units", lazy_page("alliance_desk.ui.register.units_page:UnitsPage"))

A ``pages.base.Page`` subclass is built from the ``PageContext``; any other QWidget class
from the open ``Database``. The window calls the page's ``activated()`` (if it has one)
every time the page comes into view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from alliance_desk.services.database import Database

CONTEXT = "Navigation"


@dataclass(frozen=True, slots=True)
class Area:
    key: str
    title: str
    """Untranslated; show ``area.label``."""
    purpose: str
    """One sentence: what the page does."""

    @property
    def label(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)

    @property
    def purpose_text(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.purpose)


AREAS: tuple[Area, ...] = (
    Area(
        "home",
        QT_TRANSLATE_NOOP("Navigation", "首页/看板"),
        QT_TRANSLATE_NOOP("Navigation", "全街道党建联盟工作的主要数字一览。"),
    ),
    Area(
        "alliances",
        QT_TRANSLATE_NOOP("Navigation", "党建联盟"),
        QT_TRANSLATE_NOOP("Navigation", "登记各党建联盟的牵头组织、成立时间、章程和轮值周期。"),
    ),
    Area(
        "units",
        QT_TRANSLATE_NOOP("Navigation", "成员单位"),
        QT_TRANSLATE_NOOP("Navigation", "管理成员单位名册：类别、党组织、书记、联络员和电话。"),
    ),
    Area(
        "rotation",
        QT_TRANSLATE_NOOP("Navigation", "轮值主席"),
        QT_TRANSLATE_NOOP("Navigation", "公平排定各联盟每期的轮值主席，记录调换，打印轮值表。"),
    ),
    Area(
        "meetings",
        QT_TRANSLATE_NOOP("Navigation", "联席会议"),
        QT_TRANSLATE_NOOP("Navigation", "准备议程、通知和签到表，记录会议纪要和议定事项。"),
    ),
    Area(
        "commitments",
        QT_TRANSLATE_NOOP("Navigation", "双向承诺"),
        QT_TRANSLATE_NOOP("Navigation", "跟踪单位与社区的双向承诺：进度、履诺、逾期和互评。"),
    ),
    Area(
        "four_lists",
        QT_TRANSLATE_NOOP("Navigation", "四项清单"),
        QT_TRANSLATE_NOOP("Navigation", "对接需求、资源、项目、责任清单，公示并收集群众评议。"),
    ),
    Area(
        "workday",
        QT_TRANSLATE_NOOP("Navigation", "社区工作日"),
        QT_TRANSLATE_NOOP("Navigation", "登记在职党员到社区报到、参加服务活动和结对帮扶的情况。"),
    ),
    Area(
        "projects",
        QT_TRANSLATE_NOOP("Navigation", "书记项目与考核"),
        QT_TRANSLATE_NOOP("Navigation", "跟踪书记项目的进度节点，年终对成员单位精准化考核。"),
    ),
    Area(
        "system",
        QT_TRANSLATE_NOOP("Navigation", "系统"),
        QT_TRANSLATE_NOOP("Navigation", "查看当前数据库和数据文件夹，备份和检查数据库。"),
    ),
)
AREA_KEYS: tuple[str, ...] = tuple(area.key for area in AREAS)


def area(key: str) -> Area:
    for candidate in AREAS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a link into another page points: the page shows that record or filter.

    A page that can be opened at a target has ``show_target(target: Target)``; fields a
    page does not know are ignored.
    """

    commitment_id: int | None = None
    meeting_id: int | None = None
    alliance_id: int | None = None
    unit_id: int | None = None
    year: int | None = None
    due: str | None = None
    """A due window of the commitments list: ``"overdue"`` or ``"week"``."""


def _nowhere(key: str, target: Target | None = None) -> None:
    """The ``open_area`` of a page built outside a main window (tests, dialogs)."""


@dataclass(frozen=True, slots=True)
class PageContext:
    """What a page factory gets: the open database (pages call services with it).

    ``open_area(key, target)`` shows another area, opened at ``target`` if given.
    """

    database: Database
    area: Area
    open_area: Callable[[str, Target | None], None] = _nowhere


PageFactory = Callable[[PageContext], QWidget]
_factories: dict[str, PageFactory] = {}


def lazy_page(target: str) -> PageFactory:
    """A factory for ``"package.module:ClassName"``, imported on first use."""
    module_name, _, attribute = target.partition(":")

    def create(context: PageContext) -> QWidget:
        from alliance_desk.ui.pages.base import Page

        page_class = getattr(import_module(module_name), attribute)
        if isinstance(page_class, type) and issubclass(page_class, Page):
            return page_class(context)
        return page_class(context.database)  # type: ignore[no-any-return]

    return create


def register_page(key: str, factory: PageFactory) -> None:
    area(key)  # unknown keys are a programming error
    _factories[key] = factory


def page_factory(key: str) -> PageFactory:
    """The factory registered for ``key`` (every area has one; a test checks it)."""
    return _factories[key]


register_page("home", lazy_page("alliance_desk.ui.pages.home:HomePage"))
register_page("system", lazy_page("alliance_desk.ui.pages.system:SystemPage"))
register_page("units", lazy_page("alliance_desk.ui.register.units_page:UnitsPage"))
register_page("alliances", lazy_page("alliance_desk.ui.register.alliances_page:AlliancesPage"))
register_page("rotation", lazy_page("alliance_desk.ui.rotation.page:RotationPage"))
register_page("meetings", lazy_page("alliance_desk.ui.meetings.page:MeetingsPage"))
register_page("commitments", lazy_page("alliance_desk.ui.commitments.page:CommitmentsPage"))
register_page("projects", lazy_page("alliance_desk.ui.projects.page:ProjectsPage"))
register_page("four_lists", lazy_page("alliance_desk.ui.four_lists.page:FourListsPage"))
register_page("workday", lazy_page("alliance_desk.ui.workday.page:WorkdayPage"))
