"""The four-lists editing dialogs: need, resource, project, claim, rating, categories."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from alliance_desk.core.errors import ValidationError
from alliance_desk.core.four_lists.vocab import (
    NeedSource,
    ProjectOrigin,
    Proposer,
    ResourceCategory,
    Urgency,
)
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.alliances import get_alliance
from alliance_desk.services.commitments import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.four_lists.claims import claim_project
from alliance_desk.services.four_lists.needs import (
    create_need,
    need_categories,
    save_need_categories,
    update_need,
)
from alliance_desk.services.four_lists.projects import create_project, update_project
from alliance_desk.services.four_lists.ratings import record_rating
from alliance_desk.services.four_lists.records import (
    NeedInput,
    NeedRow,
    ProjectInput,
    ProjectRow,
    RatingRow,
    ResourceInput,
    ResourceRow,
)
from alliance_desk.services.four_lists.resources import create_resource, update_resource
from alliance_desk.ui.four_lists.form_dialog import (
    CheckRow,
    FormDialog,
    choice_combo,
    count_spin,
    date_edit,
    day_of,
    enum_combo,
    line,
    text_area,
)
from alliance_desk.ui.widgets.check_list import CheckList


def _tr(text: str) -> str:
    return QCoreApplication.translate("FourListsDialog", text)


def _members(db: Database, alliance_id: int | None, *, communities: bool) -> list[tuple[int, str]]:
    if alliance_id is None:
        return []
    detail = get_alliance(db, alliance_id)
    return [
        (m.unit_id, m.unit_name)
        for m in detail.members
        if m.is_current() and (m.category is UnitCategory.COMMUNITY) == communities
    ]


class AllianceBound(FormDialog):
    """A dialog whose unit choices follow the chosen alliance."""

    def __init__(
        self,
        db: Database,
        title: str,
        alliances: Sequence[tuple[int, str]],
        alliance_id: int | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(title, parent)
        self.db = db
        self.alliance = choice_combo(alliances, alliance_id)
        self.form.add("alliance_id", self.tr("所属联盟"), self.alliance)

    def fill_units(self, box: QComboBox, *, communities: bool, current: int | None) -> None:
        box.clear()
        for unit_id, name in _members(
            self.db, self.alliance.currentData(), communities=communities
        ):
            box.addItem(name, unit_id)
        if current is not None and box.findData(current) >= 0:
            box.setCurrentIndex(box.findData(current))


class NeedDialog(AllianceBound):
    def __init__(
        self,
        db: Database,
        alliances: Sequence[tuple[int, str]],
        *,
        need: NeedRow | None = None,
        alliance_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            self.tr("登记需求") if need is None else self.tr("修改需求 %1").replace("%1", need.code)
        )
        super().__init__(db, title, alliances, need.alliance_id if need else alliance_id, parent)
        self.need = need
        data = need.as_input() if need else None
        self.community = self.form.add("community_unit_id", self.tr("所在社区"), QComboBox())
        self.alliance.currentIndexChanged.connect(self._units)
        self.title = self.form.add("title", self.tr("需求名称"), line(data.title if data else ""))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(need_categories(db))
        if data:
            self.category.setCurrentText(data.category)
        self.form.add("category", self.tr("类别"), self.category)
        self.grid = self.form.add("grid", self.tr("网格"), line(data.grid if data else ""))
        self.source = self.form.add(
            "source", self.tr("来源"), enum_combo(NeedSource, data.source if data else None)
        )
        self.proposer = self.form.add(
            "proposer", self.tr("提出主体"), enum_combo(Proposer, data.proposer if data else None)
        )
        self.proposer_name = self.form.add(
            "proposer_name", self.tr("提出人（不公示）"), line(data.proposer_name if data else "")
        )
        self.proposer_phone = self.form.add(
            "proposer_phone",
            self.tr("联系电话（不公示）"),
            line(data.proposer_phone if data else ""),
        )
        self.households = self.form.add(
            "households", self.tr("涉及户数或人数"), count_spin(data.households if data else 0)
        )
        self.urgency = self.form.add(
            "urgency", self.tr("紧急程度"), enum_combo(Urgency, data.urgency if data else None)
        )
        self.registrar = self.form.add(
            "registrar", self.tr("登记人"), line(data.registrar if data else db.actor)
        )
        self.registered_on = self.form.add(
            "registered_on",
            self.tr("登记日期"),
            date_edit(data.registered_on if data else local_today()),
        )
        self.public = self.form.add(
            "public",
            self.tr("可公示"),
            CheckRow(self.tr("可在公示表上写出需求名称"), data.public if data else True),
        )
        self.content = self.form.add(
            "content", self.tr("需求内容"), text_area(data.content if data else "")
        )
        self._units(current=data.community_unit_id if data else None)

    def _units(self, *_args: object, current: int | None = None) -> None:
        self.fill_units(self.community, communities=True, current=current)

    def input(self) -> NeedInput:
        return NeedInput(
            title=self.title.text(),
            category=self.category.currentText(),
            alliance_id=self.alliance.currentData(),
            community_unit_id=self.community.currentData() or 0,
            source=self.source.currentData(),
            proposer=self.proposer.currentData(),
            registered_on=day_of(self.registered_on),
            content=self.content.toPlainText(),
            grid=self.grid.text(),
            proposer_name=self.proposer_name.text(),
            proposer_phone=self.proposer_phone.text(),
            households=self.households.value(),
            urgency=self.urgency.currentData(),
            registrar=self.registrar.text(),
            public=self.public.isChecked(),
        )

    def submit(self) -> NeedRow:
        if self.alliance.currentData() is None:
            raise ValidationError({"alliance_id": self.tr("请选择联盟")})
        if self.need is None:
            return create_need(self.db, self.input(), today=local_today())
        return update_need(
            self.db,
            self.need.id,
            self.input(),
            expected_version=self.need.version,
            today=local_today(),
        )


class ResourceDialog(AllianceBound):
    def __init__(
        self,
        db: Database,
        alliances: Sequence[tuple[int, str]],
        *,
        resource: ResourceRow | None = None,
        alliance_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _tr("登记资源") if resource is None else _tr("修改资源")
        super().__init__(
            db, title, alliances, resource.alliance_id if resource else alliance_id, parent
        )
        self.resource = resource
        data = resource.as_input() if resource else None
        self.unit = self.form.add("unit_id", self.tr("提供单位"), QComboBox())
        self.alliance.currentIndexChanged.connect(self._units)
        self.category = self.form.add(
            "category",
            self.tr("类别"),
            enum_combo(ResourceCategory, data.category if data else None),
        )
        self.content = self.form.add(
            "content", self.tr("内容"), text_area(data.content if data else "")
        )
        self.quantity = self.form.add(
            "quantity", self.tr("数量或时段"), line(data.quantity if data else "")
        )
        self.contact = self.form.add(
            "contact", self.tr("联系人"), line(data.contact if data else "")
        )
        self.contact_phone = self.form.add(
            "contact_phone", self.tr("联系电话"), line(data.contact_phone if data else "")
        )
        self.has_end = CheckRow(self.tr("有有效期"), bool(data and data.valid_until))
        self.form.add("has_end", "", self.has_end)
        self.valid_until = self.form.add(
            "valid_until",
            self.tr("有效期至"),
            date_edit(
                data.valid_until if data and data.valid_until else date(local_today().year, 12, 31)
            ),
        )
        self._units(current=data.unit_id if data else None)

    def _units(self, *_args: object, current: int | None = None) -> None:
        self.fill_units(self.unit, communities=False, current=current)

    def submit(self) -> ResourceRow:
        if self.alliance.currentData() is None:
            raise ValidationError({"alliance_id": self.tr("请选择联盟")})
        if self.unit.currentData() is None:
            raise ValidationError({"unit_id": self.tr("请选择提供单位")})
        data = ResourceInput(
            self.alliance.currentData(),
            self.unit.currentData(),
            self.category.currentData(),
            self.content.toPlainText(),
            self.quantity.text(),
            self.contact.text(),
            self.contact_phone.text(),
            day_of(self.valid_until) if self.has_end.isChecked() else None,
        )
        if self.resource is None:
            return create_resource(self.db, data, today=local_today())
        return update_resource(
            self.db,
            self.resource.id,
            data,
            expected_version=self.resource.version,
            today=local_today(),
        )


class ProjectDialog(FormDialog):
    """New project from needs and resources the clerk ticks (the matching suggestions come
    ticked), or a correction of one."""

    def __init__(
        self,
        db: Database,
        *,
        alliance_id: int,
        alliance_name: str,
        needs: Sequence[tuple[int, str]] = (),
        resources: Sequence[tuple[int, str]] = (),
        need_choices: Sequence[tuple[int, str]] = (),
        resource_choices: Sequence[tuple[int, str]] = (),
        project: ProjectRow | None = None,
        meetings: Sequence[tuple[int, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_tr("新建项目") if project is None else _tr("修改项目"), parent)
        self.db, self.project = db, project
        self.alliance_id = alliance_id
        self.form.add("alliance", self.tr("所属联盟"), QLabel(alliance_name))
        self.need_list = CheckList(_merged(needs, need_choices), (i for i, _t in needs))
        self.resource_list = CheckList(
            _merged(resources, resource_choices), (i for i, _t in resources)
        )
        if project is None:
            self.form.add("need_ids", self.tr("关联需求（已核实）"), self.need_list)
            self.form.add("resource_ids", self.tr("关联资源（可不选）"), self.resource_list)
        default_name = needs[0][1].split("  ", 1)[-1][:30] if needs else ""
        self.name = self.form.add(
            "name", self.tr("项目名称"), line(project.name if project else default_name)
        )
        self.name.setToolTip(
            self.tr("项目名称会上墙公示：请勿写入居民姓名、电话、门牌号等个人信息")
        )
        self.name.setPlaceholderText(self.tr("会上墙公示，请勿写入个人信息"))
        self.origin = enum_combo(ProjectOrigin, project.origin if project else None)
        self.meeting = choice_combo(meetings, empty=self.tr("（不经会议）"))
        if project is None:
            self.form.add("origin", self.tr("立项方式"), self.origin)
            self.form.add("meeting_id", self.tr("联席会议（草稿）"), self.meeting)
        lead_choices = _members(db, alliance_id, communities=False)
        self.lead = self.form.add(
            "lead_unit_id",
            self.tr("牵头单位"),
            choice_combo(
                lead_choices,
                project.lead_unit_id if project else None,
                empty=self.tr("（认领后确定）"),
            ),
        )
        self.participants = self.form.add(
            "participants", self.tr("参与单位"), line(project.participants if project else "")
        )
        self.measures = self.form.add(
            "measures", self.tr("内容措施"), text_area(project.measures if project else "")
        )
        today = local_today()
        self.start = self.form.add(
            "planned_start",
            self.tr("计划开始"),
            date_edit(project.planned_start if project else today),
        )
        self.end = self.form.add(
            "planned_end",
            self.tr("计划结束"),
            date_edit(project.planned_end if project else today + timedelta(days=90)),
        )
        self.outcome = self.form.add(
            "expected_outcome",
            self.tr("预期成效"),
            text_area(project.expected_outcome if project else ""),
        )

    def submit(self) -> ProjectRow:
        data = ProjectInput(
            name=self.name.text(),
            alliance_id=self.alliance_id,
            need_ids=self.need_list.checked_ids(),
            planned_start=day_of(self.start),
            planned_end=day_of(self.end),
            origin=self.origin.currentData(),
            resource_ids=self.resource_list.checked_ids(),
            lead_unit_id=self.lead.currentData(),
            participants=self.participants.text(),
            measures=self.measures.toPlainText(),
            expected_outcome=self.outcome.toPlainText(),
            meeting_id=self.meeting.currentData(),
        )
        if self.project is None:
            return create_project(self.db, data, today=local_today())
        return update_project(
            self.db,
            self.project.id,
            data,
            expected_version=self.project.version,
            today=local_today(),
        )


def _merged(
    first: Sequence[tuple[int, str]], rest: Sequence[tuple[int, str]]
) -> list[tuple[int, str]]:
    """``first`` then the ``rest`` not already in it."""
    seen = {i for i, _t in first}
    return [*first, *(c for c in rest if c[0] not in seen)]


class ClaimDialog(FormDialog):
    def __init__(self, db: Database, project: ProjectRow, parent: QWidget | None = None) -> None:
        super().__init__(_tr("登记认领：%1").replace("%1", project.name), parent)
        self.db, self.project = db, project
        self.unit = self.form.add(
            "unit_id",
            self.tr("认领单位"),
            choice_combo(
                _members(db, project.alliance_id, communities=False), project.lead_unit_id
            ),
        )
        self.person = self.form.add("responsible_person", self.tr("责任人"), line())
        self.content = self.form.add("content", self.tr("承诺内容"), text_area(project.measures))
        self.claimed_on = self.form.add("made_on", self.tr("认领日期"), date_edit(local_today()))
        self.due = self.form.add("due_on", self.tr("完成时限"), date_edit(project.planned_end))
        self.milestones = self.form.add("milestones", self.tr("节点（每行一个）"), text_area())
        self.form.add(
            "note",
            "",
            QLabel(
                self.tr("认领即登记一项“单位→社区”的双向承诺，进度、履诺和评价在“双向承诺”中办理。")
            ),
        )

    def submit(self) -> Any:
        if self.unit.currentData() is None:
            raise ValidationError({"unit_id": self.tr("请选择认领单位")})
        return claim_project(
            self.db,
            self.project.id,
            unit_id=self.unit.currentData(),
            responsible_person=self.person.text(),
            content=self.content.toPlainText(),
            due_on=day_of(self.due),
            claimed_on=day_of(self.claimed_on),
            milestones=self.milestones.toPlainText(),
        )


class RatingDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        project: ProjectRow,
        rating: RatingRow | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_tr("群众评议：%1").replace("%1", project.name), parent)
        self.db, self.project, self.rating = db, project, rating
        self.rated_on = self.form.add(
            "rated_on", self.tr("评议日期"), date_edit(rating.rated_on if rating else local_today())
        )
        self.participants = self.form.add(
            "participants", self.tr("参评人数"), count_spin(rating.participants if rating else 0)
        )
        self.satisfied = self.form.add(
            "satisfied", self.tr("满意"), count_spin(rating.satisfied if rating else 0)
        )
        self.basic = self.form.add(
            "basically_satisfied",
            self.tr("基本满意"),
            count_spin(rating.basically_satisfied if rating else 0),
        )
        self.unsatisfied = self.form.add(
            "votes", self.tr("不满意"), count_spin(rating.unsatisfied if rating else 0)
        )
        self.comments = self.form.add(
            "comments", self.tr("群众意见"), text_area(rating.comments if rating else "")
        )

    def submit(self) -> RatingRow:
        return record_rating(
            self.db,
            self.project.id,
            rated_on=day_of(self.rated_on),
            participants=self.participants.value(),
            satisfied=self.satisfied.value(),
            basically_satisfied=self.basic.value(),
            unsatisfied=self.unsatisfied.value(),
            comments=self.comments.toPlainText(),
            expected_version=self.rating.version if self.rating else None,
        )


class CategoriesDialog(FormDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_tr("需求类别"), parent)
        self.db = db
        self.names = self.form.add(
            "categories",
            self.tr("类别（每行一个）"),
            text_area("\n".join(need_categories(db)), 200),
        )

    def submit(self) -> list[str]:
        return save_need_categories(self.db, self.names.toPlainText().splitlines())
