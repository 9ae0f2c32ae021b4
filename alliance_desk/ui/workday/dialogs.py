"""The editing dialogs of the 社区工作日 page: one service call per 保存, errors at the field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFileDialog,
    QPushButton,
    QWidget,
)

from alliance_desk.core.workday.hours import ATTENDANCE_LABELS, Attendance
from alliance_desk.services.clock import local_today
from alliance_desk.services.database import Database
from alliance_desk.services.workday import (
    activities,
    common,
    feedback,
    members,
    pairs,
    posts,
    unit_reports,
)
from alliance_desk.ui.four_lists.form_dialog import (
    FormDialog,
    choice_combo,
    count_spin,
    date_edit,
    day_of,
    line,
    text_area,
)
from alliance_desk.ui.widgets.buttons import on_click

Choices = Sequence[tuple[int, str]]

REPORT_MODES = (("unit", "单位组织"), ("personal", "个人"))


def editable_combo(items: Sequence[str], current: str = "") -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.addItems(list(items))
    box.setCurrentText(current or (items[0] if items else ""))
    return box


def moment_edit(value: datetime | None, day: date, *, optional: bool = True) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    if optional:
        edit.setSpecialValueText(" ")
        edit.setMinimumDateTime(QDateTime(2000, 1, 1, 0, 0, 0))
    at = value or datetime(day.year, day.month, day.day, 9, 0)
    edit.setDateTime(QDateTime(at.year, at.month, at.day, at.hour, at.minute, 0))
    if optional and value is None:
        edit.setDateTime(edit.minimumDateTime())
    return edit


def moment_of(edit: QDateTimeEdit) -> datetime | None:
    if edit.specialValueText() and edit.dateTime() == edit.minimumDateTime():
        return None
    value = edit.dateTime()
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class MemberDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        units: Choices,
        communities: Choices,
        member: members.MemberRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("修改在职党员") if member else self.tr("登记在职党员"), parent)
        self.db, self.member = db, member
        m = member
        self.name = self.form.add("name", self.tr("姓名"), line(m.name if m else ""))
        self.gender = self.form.add(
            "gender", self.tr("性别"), editable_combo(["男", "女"], m.gender if m else "")
        )
        self.unit = self.form.add(
            "unit_id", self.tr("工作单位"), choice_combo(units, m.unit_id if m else None)
        )
        self.position = self.form.add("position", self.tr("职务"), line(m.position if m else ""))
        self.phone = self.form.add("phone", self.tr("电话"), line(m.phone if m else ""))
        self.residence = self.form.add(
            "residence", self.tr("居住小区"), line(m.residence if m else "")
        )
        self.community = self.form.add(
            "community_unit_id",
            self.tr("报到社区"),
            choice_combo(
                communities, m.community_unit_id if m else None, empty=self.tr("（未定）")
            ),
        )
        self.grid = self.form.add("grid", self.tr("网格"), line(m.grid if m else ""))
        self.skills = self.form.add("skills", self.tr("特长"), line(m.skills if m else ""))
        self.intention = self.form.add(
            "intention", self.tr("服务意向"), line(m.intention if m else "")
        )
        self.mode = self.form.add(
            "report_mode",
            self.tr("报到方式"),
            choice_combo([(k, self.tr(v)) for k, v in REPORT_MODES], m.report_mode if m else None),
        )
        self.has_day = QCheckBox(self.tr("已报到，报到日期："))
        self.has_day.setChecked(bool(m and m.reported_on))
        self.day = self.form.add(
            "reported_on", self.tr("报到日期"), date_edit(m.reported_on if m else None)
        )
        self.form.add("has_day", "", self.has_day)

    def data(self) -> members.MemberInput:
        return members.MemberInput(
            name=self.name.text(),
            unit_id=self.unit.currentData(),
            gender=self.gender.currentText(),
            position=self.position.text(),
            phone=self.phone.text(),
            residence=self.residence.text(),
            community_unit_id=self.community.currentData(),
            grid=self.grid.text(),
            skills=self.skills.text(),
            intention=self.intention.text(),
            report_mode=self.mode.currentData(),
            reported_on=day_of(self.day) if self.has_day.isChecked() else None,
        )

    def submit(self) -> Any:
        if self.member is None:
            return members.create_member(self.db, self.data(), today=local_today())
        return members.update_member(
            self.db,
            self.member.id,
            self.data(),
            expected_version=self.member.version,
            today=local_today(),
        )


class UnitReportDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        units: Choices,
        communities: Choices,
        report: unit_reports.UnitReportRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("单位报到"), parent)
        self.db, self.report = db, report
        r = report
        self.unit = self.form.add(
            "unit_id", self.tr("报到单位"), choice_combo(units, r.unit_id if r else None)
        )
        self.community = self.form.add(
            "community_unit_id",
            self.tr("报到社区"),
            choice_combo(communities, r.community_unit_id if r else None),
        )
        self.day = self.form.add(
            "reported_on", self.tr("报到日期"), date_edit(r.reported_on if r else None)
        )
        self.count = self.form.add(
            "member_count", self.tr("党员数"), count_spin(r.member_count if r else 0)
        )
        self.agreement = self.form.add(
            "agreement", self.tr("共建协议"), text_area(r.agreement if r else "")
        )
        self.attachment: Path | None = None
        self.attachment_button = QPushButton(
            r.attachment_name if r and r.attachment_name else self.tr("选择附件文件…")
        )
        on_click(self.attachment_button, self.choose_attachment)
        self.form.add("attachment_path", self.tr("协议附件"), self.attachment_button)

    def choose_attachment(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _f = QFileDialog.getOpenFileName(self, self.tr("共建协议附件"))
            if not chosen:
                return
            path = Path(chosen)
        self.attachment = path
        self.attachment_button.setText(path.name)

    def submit(self) -> Any:
        data = unit_reports.UnitReportInput(
            unit_id=self.unit.currentData(),
            community_unit_id=self.community.currentData(),
            reported_on=day_of(self.day),
            member_count=self.count.value(),
            agreement=self.agreement.toPlainText(),
            attachment_path=self.attachment,
        )
        if self.report is None:
            return unit_reports.create_unit_report(self.db, data, today=local_today())
        return unit_reports.update_unit_report(
            self.db, self.report.id, data, expected_version=self.report.version, today=local_today()
        )


class PostDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        communities: Choices,
        post: posts.PostRow | None = None,
        community_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("服务岗位"), parent)
        self.db, self.post = db, post
        p = post
        self.community = self.form.add(
            "community_unit_id",
            self.tr("社区"),
            choice_combo(communities, p.community_unit_id if p else community_id),
        )
        self.category = self.form.add(
            "category",
            self.tr("类别"),
            editable_combo(posts.post_categories(db), p.category if p else ""),
        )
        self.name = self.form.add("name", self.tr("岗位名称"), line(p.name if p else ""))
        self.needed = self.form.add("needed", self.tr("需要人数"), count_spin(p.needed if p else 1))
        self.description = self.form.add(
            "description", self.tr("岗位职责"), text_area(p.description if p else "")
        )

    def submit(self) -> Any:
        data = posts.PostInput(
            community_unit_id=self.community.currentData(),
            category=self.category.currentText(),
            name=self.name.text(),
            needed=self.needed.value(),
            description=self.description.toPlainText(),
        )
        if self.post is None:
            return posts.create_post(self.db, data)
        return posts.update_post(self.db, self.post.id, data, expected_version=self.post.version)


class ActivityDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        communities: Choices,
        activity: activities.ActivityRow | None = None,
        community_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("社区工作日活动"), parent)
        self.db, self.activity = db, activity
        a = activity
        day = a.held_on if a else local_today()
        self.day = self.form.add("held_on", self.tr("日期"), date_edit(day))
        self.community = self.form.add(
            "community_unit_id",
            self.tr("社区"),
            choice_combo(communities, a.community_unit_id if a else community_id),
        )
        self.category = self.form.add(
            "category",
            self.tr("类别"),
            editable_combo(posts.post_categories(db), a.category if a else ""),
        )
        self.content = self.form.add("content", self.tr("内容"), text_area(a.content if a else ""))
        self.organiser = self.form.add(
            "organiser", self.tr("组织方"), line(a.organiser if a else "")
        )
        self.location = self.form.add("location", self.tr("地点"), line(a.location if a else ""))
        self.start = self.form.add(
            "planned_start", self.tr("计划开始"), moment_edit(a.planned_start if a else None, day)
        )
        self.end = self.form.add(
            "planned_end", self.tr("计划结束"), moment_edit(a.planned_end if a else None, day)
        )
        self.planned = self.form.add(
            "planned_participants",
            self.tr("计划人数"),
            count_spin(a.planned_participants if a else 0),
        )

    def submit(self) -> Any:
        data = activities.ActivityInput(
            held_on=day_of(self.day),
            community_unit_id=self.community.currentData(),
            category=self.category.currentText(),
            content=self.content.toPlainText(),
            organiser=self.organiser.text(),
            planned_start=moment_of(self.start),
            planned_end=moment_of(self.end),
            planned_participants=self.planned.value(),
            location=self.location.text(),
        )
        if self.activity is None:
            return activities.create_activity(self.db, data)
        return activities.update_activity(
            self.db, self.activity.id, data, expected_version=self.activity.version
        )


class AttendanceDialog(FormDialog):
    """考勤 of one member: new, edit (before confirmation) or a correction (with a reason)."""

    def __init__(
        self,
        db: Database,
        activity: activities.ActivityRow,
        people: Choices,
        row: activities.AttendanceRow | None = None,
        *,
        correction: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("更正考勤") if correction else self.tr("考勤")
        super().__init__(title, parent)
        self.db, self.activity, self.row, self.correction = db, activity, row, correction
        day = activity.held_on
        self.member = self.form.add(
            "member_id", self.tr("党员"), choice_combo(people, row.member_id if row else None)
        )
        self.member.setEditable(True)
        self.member.setEnabled(row is None)
        self.kind = self.form.add(
            "attendance",
            self.tr("考勤"),
            choice_combo(
                [(k, self.tr(v)) for k, v in ATTENDANCE_LABELS.items()],
                row.attendance if row else Attendance.NORMAL,
            ),
        )
        self.planned_in = self.form.add(
            "planned_in",
            self.tr("计划签到"),
            moment_edit(row.planned_in if row else activity.planned_start, day),
        )
        self.planned_out = self.form.add(
            "planned_out",
            self.tr("计划签退"),
            moment_edit(row.planned_out if row else activity.planned_end, day),
        )
        self.sign_in = self.form.add(
            "sign_in",
            self.tr("实际签到"),
            moment_edit(row.sign_in if row else activity.planned_start, day),
        )
        self.sign_out = self.form.add(
            "sign_out",
            self.tr("实际签退"),
            moment_edit(row.sign_out if row else activity.planned_end, day),
        )
        self.reason = text_area()
        if correction:
            self.form.add("reason", self.tr("更正原因"), self.reason)

    def data(self) -> activities.AttendanceInput:
        return activities.AttendanceInput(
            member_id=self.member.currentData(),
            attendance=self.kind.currentData(),
            sign_in=moment_of(self.sign_in),
            sign_out=moment_of(self.sign_out),
            planned_in=moment_of(self.planned_in),
            planned_out=moment_of(self.planned_out),
        )

    def submit(self) -> Any:
        if self.row is None:
            return activities.add_attendance(self.db, self.activity.id, self.data())
        if self.correction:
            return activities.correct_attendance(
                self.db,
                self.row.id,
                self.data(),
                reason=self.reason.toPlainText(),
                expected_version=self.row.version,
                on=local_today(),
            )
        return activities.update_attendance(
            self.db, self.row.id, self.data(), expected_version=self.row.version
        )


class PairDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        people: Choices,
        pair: pairs.PairRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("帮扶对子"), parent)
        self.db, self.pair = db, pair
        p = pair
        self.member = self.form.add(
            "member_id", self.tr("帮扶人"), choice_combo(people, p.member_id if p else None)
        )
        self.member.setEditable(True)
        self.household = self.form.add(
            "household", self.tr("帮扶对象"), line(p.household if p else "")
        )
        self.hardship = self.form.add(
            "hardship", self.tr("困难类别"), line(p.hardship if p else "")
        )
        self.address = self.form.add(
            "household_address", self.tr("住址"), line(p.household_address if p else "")
        )
        self.phone = self.form.add(
            "household_phone", self.tr("电话"), line(p.household_phone if p else "")
        )
        self.day = self.form.add(
            "paired_on", self.tr("结对日期"), date_edit(p.paired_on if p else None)
        )
        self.measures = self.form.add(
            "measures", self.tr("帮扶措施"), text_area(p.measures if p else "")
        )

    def submit(self) -> Any:
        data = pairs.PairInput(
            member_id=self.member.currentData(),
            household=self.household.text(),
            paired_on=day_of(self.day),
            hardship=self.hardship.text(),
            household_address=self.address.text(),
            household_phone=self.phone.text(),
            measures=self.measures.toPlainText(),
        )
        if self.pair is None:
            return pairs.create_pair(self.db, data, today=local_today())
        return pairs.update_pair(
            self.db, self.pair.id, data, expected_version=self.pair.version, today=local_today()
        )


class VisitDialog(FormDialog):
    def __init__(self, db: Database, pair: pairs.PairRow, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("走访记录"), parent)
        self.db, self.pair = db, pair
        self.day = self.form.add("visited_on", self.tr("走访日期"), date_edit())
        self.content = self.form.add("content", self.tr("走访内容"), text_area())

    def submit(self) -> Any:
        return pairs.add_visit(
            self.db,
            self.pair.id,
            day_of(self.day),
            self.content.toPlainText(),
            today=local_today(),
        )


class EvaluationDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        member_id: int,
        name: str,
        year: int,
        quarter: int | None,
        current: feedback.EvaluationRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("评价：%1").replace("%1", name), parent)
        self.db, self.member_id, self.year, self.quarter = db, member_id, year, quarter
        self.current = current
        self.rating = self.form.add(
            "rating",
            self.tr("评价"),
            choice_combo(
                [(k, self.tr(v)) for k, v in common.RATINGS.items()],
                current.rating if current else None,
            ),
        )
        self.comment = self.form.add(
            "comment", self.tr("评语"), text_area(current.comment if current else "")
        )

    def submit(self) -> Any:
        return feedback.set_evaluation(
            self.db,
            self.member_id,
            self.year,
            self.quarter,
            self.rating.currentData(),
            self.comment.toPlainText(),
            expected_version=self.current.version if self.current else None,
        )


class SettingsDialog(FormDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("双报到设置"), parent)
        self.db = db
        self.settings = common.workday_settings(db)
        self.target = QDoubleSpinBox()
        self.target.setRange(0, 2000)
        self.target.setDecimals(1)
        self.target.setSuffix(self.tr(" 小时／年"))
        self.target.setValue(self.settings.target_hours)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0, 100)
        self.threshold.setDecimals(1)
        self.threshold.setSuffix(" %")
        self.threshold.setValue(self.settings.report_threshold * 100)
        self.form.add("target_hours", self.tr("年度服务时长目标"), self.target)
        self.form.add("report_threshold", self.tr("报到率预警线"), self.threshold)

    def submit(self) -> Any:
        return common.save_workday_settings(
            self.db,
            self.target.value(),
            self.threshold.value() / 100,
            expected_version=self.settings.version,
        )
