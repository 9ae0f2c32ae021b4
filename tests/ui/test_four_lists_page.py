"""四项清单 page: a clerk's whole chain — need → verify → resource → match → project →
publish → claim → 办结 → 群众评议 → 公示第N期 → 统计 — by clicking the real buttons."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pypdf
import pytest
from PySide6.QtWidgets import QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from alliance_desk.core.four_lists.vocab import NeedState, ProjectState
from alliance_desk.core.vocab import CommitmentState, MembershipRole, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.commitments import get_commitment, local_today, transition
from alliance_desk.services.four_lists.claims import list_claims
from alliance_desk.services.four_lists.needs import list_needs
from alliance_desk.services.four_lists.postings import list_postings
from alliance_desk.services.four_lists.projects import list_projects
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.ui.four_lists.dialogs import (
    ClaimDialog,
    NeedDialog,
    ProjectDialog,
    RatingDialog,
    ResourceDialog,
)
from alliance_desk.ui.four_lists.form_dialog import TextPrompt
from alliance_desk.ui.four_lists.page import FourListsPage
from alliance_desk.ui.navigation import PageContext, area


def _world(db: Database) -> int:
    community = create_unit(db, UnitInput(name="光明社区", category=UnitCategory.COMMUNITY))
    bureau = create_unit(db, UnitInput(name="市民政局", category=UnitCategory.GOVERNMENT))
    alliance = create_alliance(db, AllianceInput(name="光明党建联盟")).alliance.id
    joined = date(2020, 1, 1)
    add_members(db, alliance, [community.unit.id], joined_on=joined, role=MembershipRole.LEAD)
    add_members(db, alliance, [bureau.unit.id], joined_on=joined)
    return alliance


def _page(qtbot: QtBot, db: Database) -> FourListsPage:
    page = FourListsPage(PageContext(db, area("four_lists")))
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.activated()
    return page


def click(holder: QWidget, text: str) -> None:
    buttons = [b for b in holder.findChildren(QPushButton) if b.text().startswith(text)]
    assert buttons, text
    buttons[0].click()


def select_first(table: QTableView) -> None:
    table.selectRow(0)


def test_whole_chain_by_clicking(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alliance = _world(db)
    page = _page(qtbot, db)
    page.alliance_box.setCurrentIndex(page.alliance_box.findData(alliance))

    click(page.needs, "登记需求")
    dialog = page.dialog
    assert isinstance(dialog, NeedDialog)
    dialog.proposer_name.setText("钱多多")
    dialog.households.setValue(30)
    dialog.save_button.click()
    assert "需求名称不能为空" in dialog.form.error_text("title")
    assert dialog.proposer_name.text() == "钱多多"  # nothing typed is lost
    dialog.title.setText("独居老人助餐")
    dialog.category.setCurrentText("养老服务")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert page.needs.model.rowCount() == 1

    select_first(page.needs.table)
    click(page.needs, "核实")
    assert list_needs(db)[0].state is NeedState.VERIFIED

    page.show_tab("resources")
    click(page.resources, "登记资源")
    resource = page.dialog
    assert isinstance(resource, ResourceDialog)
    resource.content.setPlainText("医护志愿者助餐服务")
    resource.category.setCurrentIndex(1)  # 人才专长
    resource.save_button.click()
    assert page.resources.model.rowCount() == 1

    page.show_tab("projects")
    assert page.suggestions.rowCount() == 1
    page.suggestion_table.selectRow(0)
    page.match_button.click()
    project_dialog = page.dialog
    assert isinstance(project_dialog, ProjectDialog)
    project_dialog.save_button.click()
    assert project_dialog.result() == project_dialog.DialogCode.Accepted
    assert page.projects.model.rowCount() == 1

    select_first(page.projects.table)
    click(page.projects, "公示")
    select_first(page.projects.table)
    click(page.projects, "登记认领")
    claim = page.dialog
    assert isinstance(claim, ClaimDialog)
    claim.save_button.click()
    assert "责任人不能为空" in claim.form.error_text("responsible_person")
    claim.person.setText("李责任")
    claim.save_button.click()
    assert claim.result() == claim.DialogCode.Accepted
    (row,) = list_claims(db, today=local_today())
    assert row.unit_name == "市民政局" and row.state is CommitmentState.ACCEPTED

    detail = get_commitment(db, row.commitment_id, today=local_today())
    transition(
        db,
        row.commitment_id,
        CommitmentState.FULFILLED,
        on=local_today(),
        expected_version=detail.version,
    )
    page.refresh()
    select_first(page.projects.table)
    click(page.projects, "办结")
    done = page.dialog
    assert isinstance(done, TextPrompt)
    done.text.setPlainText("助餐点已开餐")
    done.save_button.click()
    assert list_projects(db, today=local_today())[0].state is ProjectState.DONE

    page.show_tab("ratings")
    select_first(page.ratings.table)
    click(page.ratings, "登记评议结果")
    rating = page.dialog
    assert isinstance(rating, RatingDialog)
    rating.participants.setValue(5)
    rating.satisfied.setValue(9)
    rating.save_button.click()
    assert "不能超过" in rating.form.error_text("votes")
    rating.participants.setValue(40)
    rating.save_button.click()
    assert rating.result() == rating.DialogCode.Accepted
    assert list_needs(db)[0].state is NeedState.RATED

    page.show_tab("postings")
    written = page.save_issue(tmp_path / "wall.pdf")
    assert written is not None
    text = "".join(p.extract_text() for p in pypdf.PdfReader(written).pages)
    assert "第1期" in text and "钱多多" not in text
    assert page.postings.model.rowCount() == 1 and list_postings(db)[0].number == 1
    warnings: list[str] = []
    monkeypatch.setattr(
        "alliance_desk.ui.four_lists.page.QMessageBox.warning",
        lambda _parent, _title, text: warnings.append(text),
    )
    assert page.save_issue(tmp_path) is None  # a folder: the PDF is not written …
    assert warnings and [p.number for p in list_postings(db)] == [1]  # … nor is 第2期 used up

    page.show_tab("stats")
    assert "好事实事 1 件" in page.total_label.text()
    book = page.export_stats(tmp_path / "stats.xlsx")
    assert book is not None and openpyxl.load_workbook(book).sheetnames[0] == "统计表"


def test_search_filter_and_keyboard(qtbot: QtBot, db: Database) -> None:
    alliance = _world(db)
    page = _page(qtbot, db)
    for title in ("路灯不亮", "楼道杂物", "助餐点"):
        page.new_need()
        dialog = page.dialog
        assert isinstance(dialog, NeedDialog)
        dialog.alliance.setCurrentIndex(dialog.alliance.findData(alliance))
        dialog.title.setText(title)
        dialog.save_button.click()
    assert page.needs.model.rowCount() == 3
    page.focus_search()
    page.needs.search.setText("路灯")
    assert page.needs.model.rowCount() == 1
    page.needs.search.clear()
    page.needs.filter.setCurrentIndex(2)  # 已核实
    assert page.needs.model.rowCount() == 0
    page.needs.filter.setCurrentIndex(0)
    select_first(page.needs.table)
    page.delete_item()  # Delete: 不予受理, asks why
    prompt = page.dialog
    assert isinstance(prompt, TextPrompt)
    prompt.save_button.click()
    assert "请填写原因" in prompt.form.error_text("reason")
    prompt.text.setPlainText("不属于本社区")
    prompt.save_button.click()
    assert sum(n.state is NeedState.REJECTED for n in list_needs(db)) == 1


def test_needs_import_through_the_preview_dialog(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    _world(db)
    page = _page(qtbot, db)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["需求名称", "需求类别", "所属联盟", "来源", "提出主体", "登记日期"])
    sheet.append(["路灯不亮", "平安", "光明党建联盟", "入户走访", "居民", "2026-03-01"])
    sheet.append(["小区积水", "环境整治", "光明党建联盟", "座谈会", "居民", "2026-03-02"])
    path = tmp_path / "needs.xlsx"
    book.save(path)
    dialog = page.import_needs(path)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(dialog.import_done, timeout=10_000):
        dialog.apply_button.click()
    qtbot.waitUntil(lambda: page.needs.model.rowCount() == 2, timeout=5_000)
    assert {n.title for n in list_needs(db)} == {"路灯不亮", "小区积水"}


def test_home_page_shows_the_four_list_figures_and_chart(qtbot: QtBot, demo_db: Database) -> None:
    from alliance_desk.services.demo import DEMO_TODAY
    from alliance_desk.services.four_lists.stats import list_statistics
    from alliance_desk.ui.pages.home import HomePage

    page = HomePage(PageContext(demo_db, area("home")))
    qtbot.addWidget(page)
    page.show()
    page.year_box.setCurrentIndex(page.year_box.findData(DEMO_TODAY.year - 1))
    page.activated()
    panel = page.lists_panel
    qtbot.waitUntil(
        lambda: panel.stats is not None and panel.stats.year == DEMO_TODAY.year - 1, timeout=60_000
    )
    expected = list_statistics(demo_db, year=DEMO_TODAY.year - 1, today=DEMO_TODAY).total
    assert panel.values["good_deeds"].text() == f"{expected.good_deeds} 件"
    assert expected.good_deeds > 50
    assert panel.canvas is not None
    assert any("÷" in card.toolTip() for card in panel.findChildren(QWidget, "figureCard"))


def test_a_resource_past_its_validity_says_so() -> None:
    from datetime import timedelta

    from alliance_desk.core.four_lists.vocab import ResourceCategory, ResourceState
    from alliance_desk.services.four_lists.records import ResourceRow
    from alliance_desk.ui.four_lists.columns import resource_state_text

    def row(valid_until: date | None, state: ResourceState = ResourceState.ACTIVE) -> ResourceRow:
        return ResourceRow(
            *(1, 1, "联盟", 1, "单位", ResourceCategory.TALENT, "助餐", "", "", ""),
            valid_until,
            state,
            1,
        )

    today = local_today()
    assert resource_state_text(row(today - timedelta(days=1))) == "已过有效期"
    assert resource_state_text(row(today)) == ResourceState.ACTIVE.label
    assert resource_state_text(row(None)) == ResourceState.ACTIVE.label
    paused = row(today - timedelta(days=1), ResourceState.PAUSED)
    assert resource_state_text(paused) == ResourceState.PAUSED.label


def test_a_project_from_any_verified_need_without_a_suggestion(qtbot: QtBot, db: Database) -> None:
    """协调认领: the street assigns a project no resource matches; the clerk ticks the need."""
    from alliance_desk.core.four_lists.vocab import NeedSource, Proposer
    from alliance_desk.services.four_lists.needs import change_need_state, create_need
    from alliance_desk.services.four_lists.records import NeedInput
    from alliance_desk.services.units import list_units

    alliance = _world(db)
    community = next(u.id for u in list_units(db) if u.name == "光明社区")
    ids = []
    for title in ("楼道灯不亮", "小区缺少充电桩"):
        need = create_need(
            db,
            NeedInput(
                title,
                "其他",
                alliance,
                community,
                NeedSource.HOME_VISIT,
                Proposer.RESIDENT,
                local_today(),
            ),
            today=local_today(),
        )
        change_need_state(db, need.id, NeedState.VERIFIED, expected_version=need.version)
        ids.append(need.id)
    page = _page(qtbot, db)
    page.alliance_box.setCurrentIndex(page.alliance_box.findData(alliance))
    page.show_tab("projects")
    assert page.suggestions.rowCount() == 0  # no resource at all
    click(page.projects, "新建项目")
    dialog = page.dialog
    assert isinstance(dialog, ProjectDialog)
    assert dialog.need_list.count() == 2 and dialog.need_list.checked_ids() == ()
    dialog.name.setText("充电桩建设")
    dialog.save_button.click()
    assert "至少选择一条" in dialog.form.error_text("need_ids")
    dialog.need_list.set_checked(ids[1])
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    (project,) = list_projects(db, today=local_today())
    assert project.name == "充电桩建设" and project.need_titles == ("小区缺少充电桩",)
    assert project.resource_texts == ()
