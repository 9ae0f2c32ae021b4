"""年终考核 tab: weights and the grade rule of the year, every unit's result (computed in
the background), 加分/扣分/一票否决, 述职评议 ballots and tallies, 满意度测评, sign-off and
an audited unlock, prints and Excel."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_desk.core.assessment import (
    BALLOT_FORMULA,
    TOTAL_FORMULA,
    AdjustmentKind,
    Grade,
    GradeMode,
    GradeRule,
    VoteCounts,
    tally_error,
)
from alliance_desk.core.errors import DomainError
from alliance_desk.services.assessment import results as rs
from alliance_desk.services.assessment import setup as st
from alliance_desk.services.database import Database
from alliance_desk.ui.models.row_table import Column, RowTableModel
from alliance_desk.ui.printing import PrintButton, PrintJob
from alliance_desk.ui.projects.common import ListTab, confirm, show_error, today
from alliance_desk.ui.projects.forms import FormDialog, choice, combo_value, number, spin
from alliance_desk.ui.projects.forms import line as line_edit
from alliance_desk.ui.projects.tasks_tab import unit_choices
from alliance_desk.ui.widgets.buttons import on_click
from alliance_desk.ui.widgets.tables import list_table

Line = rs.ResultLine
CAPPED = QColor("#ffe7cc")


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


class AssessmentTab(ListTab[Line]):
    def __init__(self, database: Database) -> None:
        self.setup: st.AssessmentSetup | None = None
        self.report: rs.AssessmentReport | None = None
        super().__init__(
            database, self._columns(7), highlighted=lambda x: CAPPED if x.cap else None
        )
        layout = self.layout()
        assert layout is not None
        layout.removeWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        # The settings are taller than a 768-px screen leaves: they scroll, the window fits.
        settings = QScrollArea()
        settings.setWidget(self._settings_panel())
        settings.setWidgetResizable(True)
        settings.setFrameShape(QFrame.Shape.NoFrame)
        settings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        settings.setMinimumWidth(settings.widget().minimumSizeHint().width() + 20)
        splitter.addWidget(settings)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 3)
        self.table.setColumnWidth(1, 200)
        layout.insertWidget(2, splitter, 1)  # type: ignore[attr-defined]
        self.state_label = QLabel()
        self.state_label.setObjectName("lockState")
        self.extra_top.addWidget(self.state_label)
        self.button(self.tr("重新计算(F5)"), self.refresh, "recomputeButton")
        self.button(self.tr("加减分与否决…"), self.adjustments, "adjustmentsButton")
        self.button(self.tr("述职评议…"), self.reviews, "reviewsButton")
        self.button(self.tr("满意度测评…"), self.surveys, "surveysButton")
        self.sign_button = self.button(self.tr("签发锁定…"), self.sign_off, "signOffButton")
        self.unlock_button = self.button(self.tr("解锁…"), self.unlock, "unlockButton")
        self.buttons.addStretch(1)
        self.card_button = PrintButton(self.tr("打印评分表"), self.scorecard_job, shortcut="Ctrl+P")
        self.card_button.setObjectName("printScorecardButton")
        self.buttons.addWidget(self.card_button)
        self.summary_button = PrintButton(self.tr("打印汇总表"), self.summary_job)
        self.summary_button.setObjectName("printSummaryButton")
        self.buttons.addWidget(self.summary_button)
        self.button(self.tr("导出 Excel…"), self.export_xlsx, "exportXlsxButton")

    # --- columns and panel ----------------------------------------------------------------
    def _columns(self, parts: int, names: list[str] | None = None) -> list[Column[Line]]:
        names = names or [f"分项{n + 1}" for n in range(parts)]
        columns = [
            Column[Line](
                "排名",
                lambda x: "" if x.rank is None else str(x.rank),
                sort_key=lambda x: x.rank or 0,
                numeric=True,
            ),
            Column[Line]("成员单位", lambda x: x.unit_name, searchable=True),
        ]
        for index, name in enumerate(names):
            columns.append(
                Column[Line](
                    name,
                    partial(_part_text, index),
                    sort_key=partial(_part_key, index),
                    numeric=True,
                )
            )
        columns += [
            Column[Line](
                "加分", lambda x: f"{x.bonus:g}", sort_key=lambda x: x.bonus, numeric=True
            ),
            Column[Line](
                "扣分", lambda x: f"{x.penalty:g}", sort_key=lambda x: x.penalty, numeric=True
            ),
            Column[Line]("一票否决", lambda x: x.cap.label if x.cap else "", searchable=True),
            Column[Line](
                "综合分", lambda x: f"{x.total:.2f}", sort_key=lambda x: x.total, numeric=True
            ),
            Column[Line]("等次", lambda x: x.grade.label, searchable=True),
        ]
        return columns

    def _settings_panel(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        weights_box = QGroupBox(self.tr("指标与权重（%）"))
        box_layout = QVBoxLayout(weights_box)
        self.weights = QTableWidget(0, 2)
        self.weights.setObjectName("weightsTable")
        self.weights.setHorizontalHeaderLabels([self.tr("指标"), self.tr("权重")])
        self.weights.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.weights.verticalHeader().hide()
        self.weights.setMinimumHeight(250)
        box_layout.addWidget(self.weights)
        self.weights_note = QLabel()
        self.weights_note.setWordWrap(True)
        self.weights_note.setStyleSheet("color: #666;")
        box_layout.addWidget(self.weights_note)
        save = QPushButton(self.tr("保存权重"))
        save.setObjectName("saveWeightsButton")
        on_click(save, self.save_weights)
        box_layout.addWidget(save)
        column.addWidget(weights_box)
        rule_box = QGroupBox(self.tr("等次规则"))
        rule_layout = QVBoxLayout(rule_box)
        self.mode = choice([(m.label, m) for m in GradeMode])
        self.mode.setObjectName("gradeMode")
        rule_layout.addWidget(self.mode)
        self.excellent = number(90)
        self.good = number(80)
        self.fair = number(60)
        self.excellent_quota = number(20)
        self.good_quota = number(30)
        for label, widget in (
            (self.tr("优秀分数线"), self.excellent),
            (self.tr("良好分数线"), self.good),
            (self.tr("一般分数线（以下为较差）"), self.fair),
            (self.tr("优秀比例 %"), self.excellent_quota),
            (self.tr("良好比例 %"), self.good_quota),
        ):
            row = QHBoxLayout()
            row.addWidget(QLabel(label))
            row.addWidget(widget)
            rule_layout.addLayout(row)
        save_rule = QPushButton(self.tr("保存等次规则"))
        save_rule.setObjectName("saveRuleButton")
        on_click(save_rule, self.save_rule)
        rule_layout.addWidget(save_rule)
        column.addWidget(rule_box)
        formula = QLabel(TOTAL_FORMULA + "；分项无数据按 0 分计。")
        formula.setWordWrap(True)
        column.addWidget(formula)
        return panel

    # --- loading ------------------------------------------------------------------------------
    def load(self, year: int) -> list[Line]:
        self.setup = st.assessment_setup(self.database, year)
        self.report = rs.assess_year(self.database, year, today=today())
        return list(self.report.lines)

    def after_load(self, rows: list[Line]) -> None:
        setup = self.setup
        if setup is None or self.report is None:
            return
        names = [w.indicator.name for w in setup.weights]
        self.model.beginResetModel()
        self.model._columns = self._columns(len(names), names)
        self.model.endResetModel()
        self.weights.setRowCount(0)
        for w in setup.weights:
            row = self.weights.rowCount()
            self.weights.insertRow(row)
            item = QTableWidgetItem(w.indicator.name)
            item.setToolTip(f"{w.indicator.formula}\n数据来源：{w.indicator.source}")
            item.setData(Qt.ItemDataRole.UserRole, w.indicator.key)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.weights.setItem(row, 0, item)
            self.weights.setItem(row, 1, QTableWidgetItem(f"{w.weight:g}"))
        self.weights_note.setText(
            self.tr("已保存。") if setup.weights_saved else self.tr("尚未保存：显示的是默认权重。")
        )
        rule = setup.rule
        self.mode.setCurrentIndex(self.mode.findData(rule.mode))
        self.excellent.setValue(rule.excellent_from)
        self.good.setValue(rule.good_from)
        self.fair.setValue(rule.fair_from)
        self.excellent_quota.setValue(rule.excellent_quota)
        self.good_quota.setValue(rule.good_quota)
        if setup.locked:
            self.state_label.setText(
                f"已签发锁定（{setup.signed_off_by}，{setup.signed_off_at:%Y-%m-%d}）"
                if setup.signed_off_at
                else "已签发锁定"
            )
        else:
            self.state_label.setText(self.tr("未签发：按当前数据计算"))
        self.sign_button.setEnabled(not setup.locked)
        self.unlock_button.setEnabled(setup.locked)
        counts = self.report.grade_counts()
        self.summary.setText(
            f"参加考核单位 {len(rows)} 个　"
            + "，".join(f"{g.label} {counts[g]}" for g in Grade)
            + f"　{rule.describe()}"
        )

    # --- settings ---------------------------------------------------------------------------
    def save_weights(self) -> None:
        weights: dict[str, float] = {}
        for row in range(self.weights.rowCount()):
            key = self.weights.item(row, 0).data(Qt.ItemDataRole.UserRole)
            text = self.weights.item(row, 1).text().strip() or "0"
            try:
                weights[key] = float(text)
            except ValueError:
                QMessageBox.warning(self, self.tr("未能保存"), self.tr("权重应填写数字：") + text)
                return
        self.run(
            lambda: st.save_weights(self.database, self.year.value(), weights),
            self.tr("已保存权重"),
        )

    def save_rule(self) -> None:
        rule = GradeRule(
            combo_value(self.mode),
            self.excellent.value(),
            self.good.value(),
            self.fair.value(),
            self.excellent_quota.value(),
            self.good_quota.value(),
        )
        self.run(
            lambda: st.save_grade_rule(self.database, self.year.value(), rule),
            self.tr("已保存等次规则"),
        )

    def sign_off(self) -> None:
        if self.setup is None:
            return
        by, ok = QInputDialog.getText(
            self, self.tr("签发锁定"), self.tr("签发后本年度考核结果冻结，不能再修改。签发人：")
        )
        if not ok:
            return
        version = self.setup.version
        self.run(
            lambda: rs.sign_off(
                self.database, self.year.value(), by=by, today=today(), version=version
            ),
            self.tr("已签发锁定"),
        )

    def unlock(self) -> None:
        if self.setup is None:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, self.tr("解锁"), self.tr("解锁将记入审计记录，请写明原因：")
        )
        if not ok:
            return
        version = self.setup.version
        self.run(
            lambda: rs.unlock(self.database, self.year.value(), reason=reason, version=version),
            self.tr("已解锁"),
        )

    def adjustments(self) -> None:
        AdjustmentsDialog(self, self.database, self.year.value()).exec()
        self.refresh()

    def reviews(self) -> None:
        ReviewDialog(self, self.database, self.year.value()).exec()
        self.refresh()

    def surveys(self) -> None:
        SurveysDialog(self, self.database, self.year.value()).exec()
        self.refresh()

    # --- prints -----------------------------------------------------------------------------
    def scorecard_job(self) -> PrintJob:
        line = self.selected()
        if line is None or self.setup is None or self.report is None:
            raise DomainError(self.tr("请先在结果列表中选择一个单位。"))
        setup, frozen, year = self.setup, self.report.frozen, self.year.value()

        def build() -> object:
            from alliance_desk.documents.assessment import scorecards_document

            return scorecards_document(
                [line], year=year, setup=setup, frozen=frozen, printed_on=today()
            )

        return PrintJob(f"{year}年度考核评分表_{line.unit_name}", build)  # type: ignore[arg-type]

    def summary_job(self) -> PrintJob:
        report = self.report
        if report is None:
            raise DomainError(self.tr("请先计算考核结果。"))

        def build() -> object:
            from alliance_desk.documents.assessment import summary_document

            return summary_document(report, printed_on=today())

        return PrintJob(
            f"{report.year}年度综合考核结果汇总表",
            build,  # type: ignore[arg-type]
            landscape=True,
        )

    def export_xlsx(self) -> Path | None:
        year = self.year.value()
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出 Excel"), f"{year}年度综合考核结果.xlsx", "Excel (*.xlsx)"
        )
        if not name:
            return None
        return self.export_to(Path(name))

    def export_to(self, path: Path) -> Path | None:
        from alliance_desk.services.assessment.xlsx import write_assessment_xlsx

        year = self.year.value()
        try:
            report = rs.assess_year(self.database, year, today=today())
            return write_assessment_xlsx(
                report,
                st.ballot_lines(self.database, year),
                st.list_surveys(self.database, year),
                path,
            )
        except (DomainError, OSError) as error:
            QMessageBox.warning(self, self.tr("未能导出"), getattr(error, "message", str(error)))
            return None


def _part_text(index: int, line: Line) -> str:
    return _score(line.parts[index].score) if index < len(line.parts) else ""


def _part_key(index: int, line: Line) -> float:
    if index >= len(line.parts):
        return -1.0
    return line.parts[index].score or 0.0


# --- dialogs ----------------------------------------------------------------------------------
class _ListDialog(QDialog):
    def __init__(self, parent: QWidget, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 520)
        self.layout_ = QVBoxLayout(self)
        self.buttons = QHBoxLayout()

    def finish(self, table: QWidget) -> None:
        self.layout_.addWidget(table, 1)
        self.buttons.addStretch(1)
        close = QPushButton(self.tr("关闭"))
        on_click(close, self.accept)
        self.buttons.addWidget(close)
        self.layout_.addLayout(self.buttons)

    def delete_selected(
        self, table: QTableView, model: RowTableModel[Any], remove: Callable[[Any], None]
    ) -> None:
        """Delete the selected row after a confirmation, then reload the list."""
        index = table.currentIndex()
        if not index.isValid():
            return
        if not confirm(self, self.tr("删除"), self.tr("确定删除这条记录吗？")):
            return
        try:
            remove(model.row_at(index.row()))
        except DomainError as error:
            show_error(self, error)
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def add_button(self, text: str, slot: object, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        on_click(button, slot)
        self.buttons.addWidget(button)
        return button


class AdjustmentsDialog(_ListDialog):
    def __init__(self, parent: QWidget, database: Database, year: int) -> None:
        super().__init__(parent, f"{year}年度 加分、扣分与一票否决")
        self.database, self.year = database, year
        A = st.AdjustmentRow
        self.model: RowTableModel[A] = RowTableModel(
            [
                Column[A]("单位", lambda a: a.unit_name, searchable=True),
                Column[A]("类别", lambda a: a.kind.label),
                Column[A](
                    "分值", lambda a: f"{a.points:g}" if a.kind is not AdjustmentKind.VETO else ""
                ),
                Column[A]("等次上限", lambda a: a.cap.label if a.cap else ""),
                Column[A]("事由", lambda a: a.reason, searchable=True),
            ],
            parent=self,
        )
        self.table = list_table(self.model, self)
        self.add_button(self.tr("新增…"), self.add, "addAdjustmentButton")
        self.add_button(self.tr("删除"), self.delete, "deleteAdjustmentButton")
        self.finish(self.table)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(st.list_adjustments(self.database, self.year))

    def add(self) -> None:
        dialog = FormDialog(self, self.tr("新增加减分或否决"), lambda: save())
        unit = dialog.add(
            "unit_id", self.tr("单位"), choice(unit_choices(self.database)[1:], searchable=True)
        )
        kind = dialog.add("kind", self.tr("类别"), choice([(k.label, k) for k in AdjustmentKind]))
        points = dialog.add("points", self.tr("分值（加分/扣分）"), number(1, 0, 20))
        cap = dialog.add(
            "cap",
            self.tr("等次上限（一票否决）"),
            choice([(g.label, g) for g in (Grade.GOOD, Grade.FAIR, Grade.POOR)], Grade.FAIR),
        )
        reason = dialog.add("reason", self.tr("事由"), line_edit())

        def save() -> None:
            st.add_adjustment(
                self.database,
                self.year,
                unit_id=combo_value(unit),
                kind=combo_value(kind),
                points=points.value(),
                reason=reason.text(),
                cap=combo_value(cap),
            )

        if dialog.exec():
            self.reload()

    def delete(self) -> None:
        self.delete_selected(
            self.table,
            self.model,
            lambda row: st.delete_adjustment(self.database, row.id, version=row.version),
        )


class ReviewDialog(_ListDialog):
    """Rater groups of the year: weight, ballots issued; blank ballots; tally sheets."""

    def __init__(self, parent: QWidget, database: Database, year: int) -> None:
        super().__init__(parent, f"{year}年度 述职评议")
        self.database, self.year = database, year
        G = st.RaterGroupRow
        self.model: RowTableModel[G] = RowTableModel(
            [
                Column[G]("序号", lambda g: str(g.seq)),
                Column[G]("评议组", lambda g: g.name),
                Column[G]("权重（%）", lambda g: f"{g.weight:g}"),
                Column[G]("发出票数", lambda g: str(g.issued)),
                Column[G]("收回票数", lambda g: str(g.returned)),
            ],
            parent=self,
        )
        self.table = list_table(self.model, self)
        note = QLabel(BALLOT_FORMULA)
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        self.add_button(self.tr("新增评议组…"), lambda: self.edit(None), "addGroupButton")
        self.add_button(self.tr("修改…"), self.edit_selected, "editGroupButton")
        self.add_button(self.tr("删除"), self.delete, "deleteGroupButton")
        self.add_button(self.tr("录入计票…"), self.tally, "tallyButton")
        self.ballots_button = PrintButton(self.tr("打印空白测评票"), self.ballots_job)
        self.ballots_button.setObjectName("printBallotsButton")
        self.buttons.addWidget(self.ballots_button)
        self.review_summary = PrintButton(self.tr("打印述职评议汇总表"), self.summary_job)
        self.buttons.addWidget(self.review_summary)
        self.finish(self.table)
        try:
            self.model.set_rows(st.ensure_rater_groups(database, year))
        except DomainError:
            self.reload()

    def reload(self) -> None:
        self.model.set_rows(st.list_rater_groups(self.database, self.year))

    def selected(self) -> st.RaterGroupRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def edit_selected(self) -> None:
        group = self.selected()
        if group is not None:
            self.edit(group)

    def edit(self, group: st.RaterGroupRow | None) -> None:
        dialog = FormDialog(self, self.tr("评议组"), lambda: save())
        name = dialog.add("name", self.tr("名称"), line_edit(group.name if group else ""))
        weight = dialog.add("weight", self.tr("权重（%）"), number(group.weight if group else 25))
        issued = dialog.add(
            "issued", self.tr("发出票数"), spin(group.issued if group else 0, 0, st.MAX_BALLOTS)
        )

        def save() -> None:
            st.save_rater_group(
                self.database,
                self.year,
                name=name.text(),
                weight=weight.value(),
                issued=issued.value(),
                group_id=group.id if group else None,
                version=group.version if group else None,
            )

        if dialog.exec():
            self.reload()

    def delete(self) -> None:
        group = self.selected()
        if group is None or not confirm(
            self, self.tr("删除评议组"), self.tr("删除评议组将同时删除其计票，确定吗？")
        ):
            return
        try:
            st.delete_rater_group(self.database, group.id, version=group.version)
        except DomainError as error:
            show_error(self, error)
        self.reload()

    def tally(self) -> None:
        group = self.selected()
        if group is None:
            QMessageBox.information(self, self.tr("请先选择"), self.tr("请先选择评议组。"))
            return
        TallyDialog(self, self.database, group.id).exec()
        self.reload()

    def ballots_job(self) -> PrintJob:
        group = self.selected()
        if group is None:
            raise DomainError(self.tr("请先选择评议组。"))
        if group.issued == 0:
            raise DomainError(self.tr("该评议组发出票数为 0，请先填写发出票数。"))
        sheet = st.tally_sheet(self.database, group.id)
        units = [(line.unit_id, line.unit_name) for line in sheet.lines]
        year = self.year

        def build() -> object:
            from alliance_desk.documents.assessment import ballots_document

            return ballots_document(group, units, year=year)

        return PrintJob(f"{year}年度述职测评票_{group.name}", build)  # type: ignore[arg-type]

    def summary_job(self) -> PrintJob:
        year = self.year
        lines = st.ballot_lines(self.database, year)
        groups = st.list_rater_groups(self.database, year)

        def build() -> object:
            from alliance_desk.documents.assessment import review_summary_document

            return review_summary_document(lines, groups, year=year, printed_on=today())

        return PrintJob(f"{year}年度述职评议汇总表", build)  # type: ignore[arg-type]


class TallyDialog(QDialog):
    """One rater group's tally sheet: ballots returned, each unit's votes, checked as typed."""

    def __init__(self, parent: QWidget, database: Database, group_id: int) -> None:
        super().__init__(parent)
        self.database = database
        self.sheet = st.tally_sheet(database, group_id)
        group = self.sheet.group
        self.setWindowTitle(f"录入计票：{group.name}（发出 {group.issued} 张）")
        self.resize(720, 600)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("收回票数")))
        self.returned = spin(group.returned, 0, st.MAX_BALLOTS)
        self.returned.setObjectName("returnedSpin")
        row.addWidget(self.returned)
        row.addStretch(1)
        layout.addLayout(row)
        self.grid = QTableWidget(len(self.sheet.lines), 5)
        self.grid.setObjectName("tallyGrid")
        self.grid.setHorizontalHeaderLabels(["单位", "好", "较好", "一般", "差"])
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for r, line in enumerate(self.sheet.lines):
            name = QTableWidgetItem(line.unit_name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.grid.setItem(r, 0, name)
            v = line.votes
            for c, value in enumerate((v.good, v.fairly_good, v.average, v.poor), start=1):
                self.grid.setItem(r, c, QTableWidgetItem(str(value)))
        layout.addWidget(self.grid, 1)
        self.check = QLabel()
        self.check.setObjectName("tallyCheck")
        self.check.setWordWrap(True)
        layout.addWidget(self.check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        save = QPushButton(self.tr("保存"))
        save.setObjectName("saveTallyButton")
        on_click(save, self.save)
        cancel = QPushButton(self.tr("取消"))
        on_click(cancel, self.reject)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        self.grid.itemChanged.connect(lambda _i: self.update_check())
        self.returned.valueChanged.connect(lambda _v: self.update_check())
        self.update_check()

    def votes(self) -> dict[int, VoteCounts]:
        found: dict[int, VoteCounts] = {}
        for r, line in enumerate(self.sheet.lines):
            values = []
            for c in range(1, 5):
                item = self.grid.item(r, c)
                text = item.text().strip() if item else ""
                if not text.isdigit():
                    raise DomainError(f"{line.unit_name}：票数应为非负整数（“{text}”）。")
                values.append(int(text))
            found[line.unit_id] = VoteCounts(*values)
        return found

    def update_check(self) -> None:
        try:
            votes = self.votes()
        except DomainError as error:
            self.check.setText(error.message)
            self.check.setStyleSheet("color: #c0392b;")
            return
        returned, issued = self.returned.value(), self.sheet.group.issued
        problems = [
            f"{line.unit_name}：{error}"
            for line in self.sheet.lines
            if (error := tally_error(votes[line.unit_id], returned, issued))
        ]
        if returned > issued:
            problems.insert(0, f"收回票数（{returned}）多于发出票数（{issued}）")
        if problems:
            self.check.setText("；".join(problems[:5]) + ("……" if len(problems) > 5 else ""))
            self.check.setStyleSheet("color: #c0392b;")
        else:
            self.check.setText(
                f"核对无误：发出 {issued} 张，收回 {returned} 张，每个单位有效票不超过收回票数。"
            )
            self.check.setStyleSheet("color: #2e7d32;")

    def save(self) -> None:
        try:
            st.save_tally_sheet(
                self.database,
                self.sheet.group.id,
                returned=self.returned.value(),
                votes=self.votes(),
                version=self.sheet.group.version,
            )
        except DomainError as error:
            show_error(self, error, self.tr("未能保存"))
            return
        self.accept()


class SurveysDialog(_ListDialog):
    def __init__(self, parent: QWidget, database: Database, year: int) -> None:
        super().__init__(parent, f"{year}年度 群众满意度测评")
        self.database, self.year = database, year
        S = st.SurveyRow
        self.model: RowTableModel[S] = RowTableModel(
            [
                Column[S]("测评对象", lambda s: s.unit_name, searchable=True),
                Column[S]("书记项目", lambda s: s.project_name, searchable=True),
                Column[S]("参评人数", lambda s: str(s.participants), numeric=True),
                Column[S]("满意", lambda s: str(s.satisfied), numeric=True),
                Column[S]("基本满意", lambda s: str(s.basically_satisfied), numeric=True),
                Column[S]("不满意", lambda s: str(s.unsatisfied), numeric=True),
                Column[S](
                    "满意率", lambda s: "—" if s.rate is None else f"{s.rate:.1f}%", numeric=True
                ),
            ],
            parent=self,
        )
        self.table = list_table(self.model, self)
        self.add_button(self.tr("新增…"), self.add, "addSurveyButton")
        self.add_button(self.tr("删除"), self.delete, "deleteSurveyButton")
        self.print_button = PrintButton(self.tr("打印满意度测评汇总表"), self.summary_job)
        self.buttons.addWidget(self.print_button)
        self.finish(self.table)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(st.list_surveys(self.database, self.year))

    def add(self) -> None:
        dialog = FormDialog(self, self.tr("新增满意度测评"), lambda: save())
        unit = dialog.add(
            "unit_id", self.tr("测评对象"), choice(unit_choices(self.database)[1:], searchable=True)
        )
        from alliance_desk.services.projects.records import list_projects

        projects = [(self.tr("（测评单位本身）"), None)] + [
            (f"{p.code} {p.name}（{p.unit_name}）", p.id)
            for p in list_projects(self.database, year=self.year, today=today())
        ]
        project = dialog.add(
            "project_id", self.tr("或其书记项目"), choice(projects, searchable=True)
        )
        participants = dialog.add("participants", self.tr("参评人数"), spin(0, 0, 1_000_000))
        satisfied = dialog.add("satisfied", self.tr("满意"), spin(0, 0, 1_000_000))
        basic = dialog.add("basically_satisfied", self.tr("基本满意"), spin(0, 0, 1_000_000))
        unsatisfied = dialog.add("unsatisfied", self.tr("不满意"), spin(0, 0, 1_000_000))

        def save() -> None:
            st.save_survey(
                self.database,
                self.year,
                project_id=combo_value(project),
                unit_id=combo_value(unit),
                participants=participants.value(),
                satisfied=satisfied.value(),
                basically_satisfied=basic.value(),
                unsatisfied=unsatisfied.value(),
            )

        if dialog.exec():
            self.reload()

    def delete(self) -> None:
        self.delete_selected(
            self.table,
            self.model,
            lambda row: st.delete_survey(self.database, row.id, version=row.version),
        )

    def summary_job(self) -> PrintJob:
        year = self.year
        surveys = st.list_surveys(self.database, year)

        def build() -> object:
            from alliance_desk.documents.assessment import survey_summary_document

            return survey_summary_document(surveys, year=year, printed_on=today())

        return PrintJob(f"{year}年度满意度测评汇总表", build)  # type: ignore[arg-type]
