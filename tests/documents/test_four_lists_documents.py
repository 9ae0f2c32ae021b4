"""四项清单 prints read back from the PDF: masked fields absent, text inside the block,
issue numbers and adjustments printed, A3 paper, the blank forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
import pytest
from pdf_probe import assert_inside_text_block, pypdf_pages, squeeze

from alliance_desk.core.four_lists.vocab import (
    NeedSource,
    NeedState,
    ProjectState,
    Proposer,
    ResourceCategory,
)
from alliance_desk.core.vocab import CommitmentState, MembershipRole, UnitCategory
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.four_lists import (
    ballot_document,
    completion_document,
    needs_form_document,
    posting_document,
    posting_spec,
    statistics_document,
)
from alliance_desk.documents.geometry import LANDSCAPE, PORTRAIT
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.services import Database
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.commitments import get_commitment, transition
from alliance_desk.services.four_lists.claims import claim_project
from alliance_desk.services.four_lists.needs import change_need_state, create_need
from alliance_desk.services.four_lists.postings import record_posting
from alliance_desk.services.four_lists.projects import (
    create_project,
    list_projects,
    transition_project,
)
from alliance_desk.services.four_lists.ratings import list_ratings, record_rating
from alliance_desk.services.four_lists.records import NeedInput, ProjectInput, ResourceInput
from alliance_desk.services.four_lists.resources import create_resource
from alliance_desk.services.four_lists.stats import list_statistics
from alliance_desk.services.units import UnitInput, create_unit

TODAY = date(2026, 6, 30)
SECRET_NAME = "钱多多"
SECRET_PHONE = "13800138000"
PRIVATE_TITLE = "独居老人钱多多家中漏水"


def _world(db: Database) -> int:
    community = create_unit(db, UnitInput(name="光明社区", category=UnitCategory.COMMUNITY))
    bureau = create_unit(db, UnitInput(name="市民政局", category=UnitCategory.GOVERNMENT))
    alliance = create_alliance(db, AllianceInput(name="光明党建联盟")).alliance.id
    add_members(
        db, alliance, [community.unit.id], joined_on=date(2020, 1, 1), role=MembershipRole.LEAD
    )
    add_members(db, alliance, [bureau.unit.id], joined_on=date(2020, 1, 1))
    needs = []
    for title, public in (
        (PRIVATE_TITLE, False),
        (f"{SECRET_NAME}反映 {SECRET_PHONE} 路灯不亮", True),
    ):
        need = create_need(
            db,
            NeedInput(
                title,
                "养老服务",
                alliance,
                community.unit.id,
                NeedSource.HOME_VISIT,
                Proposer.RESIDENT,
                date(2026, 3, 1),
                proposer_name=SECRET_NAME,
                proposer_phone=SECRET_PHONE,
                public=public,
            ),
            today=TODAY,
        )
        change_need_state(db, need.id, NeedState.VERIFIED, expected_version=1)
        needs.append(need.id)
    resource = create_resource(
        db,
        ResourceInput(
            alliance, bureau.unit.id, ResourceCategory.TALENT, "维修志愿服务队", contact="赵联络"
        ),
        today=TODAY,
    )
    for index, need_id in enumerate(needs):
        project = create_project(
            db,
            ProjectInput(
                f"项目{index + 1}" + (f"（联系 {SECRET_PHONE}）" if index == 0 else ""),
                alliance,
                (need_id,),
                date(2026, 4, 1),
                date(2026, 6, 30),
                resource_ids=(resource.id,),
            ),
            today=date(2026, 3, 10),
        )
        transition_project(
            db, project.id, ProjectState.PUBLISHED, on=date(2026, 3, 12), expected_version=1
        )
        claim = claim_project(
            db,
            project.id,
            unit_id=bureau.unit.id,
            responsible_person="李责任",
            content="上门维修",
            due_on=date(2026, 6, 1),
            claimed_on=date(2026, 3, 15),
        )
        if index == 0:
            version = get_commitment(db, claim.commitment_id, today=TODAY).version
            transition(
                db,
                claim.commitment_id,
                CommitmentState.FULFILLED,
                on=date(2026, 5, 20),
                expected_version=version,
            )
            transition_project(
                db,
                project.id,
                ProjectState.DONE,
                on=date(2026, 5, 20),
                expected_version=None,
                outcome="已修复",
            )
            record_rating(
                db,
                project.id,
                rated_on=date(2026, 5, 25),
                participants=20,
                satisfied=15,
                basically_satisfied=3,
                unsatisfied=1,
            )
    return alliance


def test_posting_masks_personal_details_and_stays_in_the_block(
    db: Database, fonts: DocumentFonts, tmp_path: Path
) -> None:
    alliance = _world(db)
    record_posting(db, alliance_id=alliance, today=date(2026, 5, 1))
    issue = record_posting(db, alliance_id=alliance, today=TODAY)
    pdf = write_pdf(posting_document(issue), tmp_path / "wall.pdf", spec=posting_spec("A4"))
    text = squeeze("".join(pypdf_pages(pdf)))
    for secret in (SECRET_NAME, SECRET_PHONE, PRIVATE_TITLE, "赵联络"):
        assert secret not in text
    assert "钱某某反映" in text and "138****8000" in text
    assert "光明党建联盟四项清单公示表" in text and "第2期" in text
    assert "本期调整" in text and "进度由" in text
    assert "李责任" in text and "维修志愿服务队／市民政局" in text
    assert_inside_text_block(pdf, LANDSCAPE)


def test_posting_on_a3_landscape(db: Database, fonts: DocumentFonts, tmp_path: Path) -> None:
    alliance = _world(db)
    issue = record_posting(db, alliance_id=alliance, today=TODAY, paper="A3")
    spec = posting_spec("A3")
    pdf = write_pdf(posting_document(issue), tmp_path / "wall-a3.pdf", spec=spec)
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (420, 297)
    assert "本期为首期公示" in squeeze("".join(pypdf_pages(pdf)))
    assert_inside_text_block(pdf, spec)


def test_completion_and_statistics(db: Database, fonts: DocumentFonts, tmp_path: Path) -> None:
    alliance = _world(db)
    done = list_projects(db, today=TODAY, states=[ProjectState.RATED])
    ratings = {r.project_id: r for r in list_ratings(db)}
    pdf = write_pdf(
        completion_document("光明党建联盟", done, ratings, printed_on=TODAY),
        tmp_path / "done.pdf",
        landscape=True,
    )
    text = squeeze("".join(pypdf_pages(pdf)))
    assert "完成情况公示表" in text and "已修复" in text and "94.7%" in text
    assert SECRET_NAME not in text
    ballots = squeeze("".join(pypdf_pages(write_pdf(ballot_document(done), tmp_path / "b.pdf"))))
    assert "群众评议表" in ballots
    for secret in (SECRET_NAME, SECRET_PHONE):  # a ballot goes to residents: masked too
        assert secret not in ballots
    assert_inside_text_block(pdf, LANDSCAPE)
    stats = list_statistics(db, year=2026, today=TODAY, alliance_id=alliance)
    pdf = write_pdf(statistics_document(stats), tmp_path / "stats.pdf", landscape=True)
    text = squeeze("".join(pypdf_pages(pdf)))
    assert "2026年四项清单统计表" in text and "好事实事1件" in text
    assert "认领率=已认领项目÷公示项目" in text and "50.0%" in text
    assert_inside_text_block(pdf, LANDSCAPE)


def test_blank_forms(fonts: DocumentFonts, tmp_path: Path) -> None:
    pdf = write_pdf(needs_form_document(), tmp_path / "form.pdf", landscape=True)
    text = squeeze("".join(pypdf_pages(pdf)))
    assert "需求征集登记表" in text and "提出人" in text and "不对外公示" in text
    assert_inside_text_block(pdf, LANDSCAPE)
    pdf = write_pdf(ballot_document([]), tmp_path / "ballot.pdf")
    text = squeeze("".join(pypdf_pages(pdf)))
    assert "群众评议表" in text and "□满意" in text and "□不满意" in text
    assert_inside_text_block(pdf, PORTRAIT)


def test_table_widths_must_fill_the_block() -> None:
    """The 四项清单统计表 once gave 105%: its last column broke “98.9%” a character per line."""
    from alliance_desk.documents.four_lists import _STAT_WIDTHS
    from alliance_desk.documents.richtext import table

    assert sum(_STAT_WIDTHS) == 100
    with pytest.raises(ValueError, match="105%"):
        table(["a", "b"], [["1", "2"]], widths=(50, 55))
