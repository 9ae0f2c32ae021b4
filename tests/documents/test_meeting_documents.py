"""Printed meeting documents (通知、议程、签到表、纪要、合订本、月度议程) as PDFs, and the CLI.

The meetings are made through the services in one database per module: an ordinary
meeting held with approved minutes (城东), a draft with forty member units (西城), and a
held meeting full of long text whose minutes are not approved (南湖).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path

import pypdf
import pytest
from pdf_probe import (
    LOOKALIKE,
    MM,
    PDFTOTEXT,
    assert_inside_text_block,
    pdftotext_pages,
    pdftotext_words,
    pypdf_pages,
    pypdf_text_origins,
    squeeze,
)

from alliance_desk import cli
from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.text import long_date
from alliance_desk.core.vocab import AgendaKind, AttendanceState, ChairPeriod, UnitCategory
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.geometry import PORTRAIT
from alliance_desk.documents.meetings import (
    DocumentKind,
    agendas_document,
    build_document,
    document_title,
    month_title,
)
from alliance_desk.documents.meetings.agenda import AGENDA_HEADER
from alliance_desk.documents.meetings.signin import (
    BLANK_ROWS,
    SIGNIN_HEADER,
)
from alliance_desk.documents.pagination import prepare_document, tables
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.services import Database, rotation
from alliance_desk.services import meetings as mt
from alliance_desk.services.alliances import AllianceInput, add_members, create_alliance
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.clock import local_today
from alliance_desk.services.meetings.batch import meetings_in_month
from alliance_desk.services.units import UnitInput, create_unit

PRINTED_ON = date(2026, 12, 1)
LOOKS = "人民用方行高立一"
LONG_UNIT = ("中华人民共和国" + LOOKS * 7)[:56] + "党委机关"
LONG_DECISION = ("由各成员单位共同推进“人民用方行高立一”共建项目，" * 80)[:2000]
PLACE = "城东社区党群服务中心三楼会议室"


def test_long_texts_have_the_lengths_the_issue_names() -> None:
    assert len(LONG_UNIT) == 60 and len(LONG_DECISION) == 2000


# --- the meetings, made through the services --------------------------------------------------


@dataclass(frozen=True)
class Meetings:
    path: Path
    east: int  # held, minutes approved, two decisions with commitments
    west: int  # draft, forty member units
    south: int  # long texts, minutes not approved
    east_next: int  # January 2027: not in December's batch


def _unit(db: Database, name: str) -> int:
    category = UnitCategory.COMMUNITY if name.endswith("社区") else UnitCategory.GOVERNMENT
    return create_unit(db, UnitInput(name=name, category=category)).unit.id


def _alliance(db: Database, name: str, members: list[str]) -> tuple[int, dict[str, int]]:
    alliance_id = create_alliance(
        db, AllianceInput(name=name, chair_period=ChairPeriod.QUARTER)
    ).alliance.id
    units = {member: _unit(db, member) for member in members}
    add_members(db, alliance_id, list(units.values()), joined_on=date(2020, 1, 1))
    return alliance_id, units


def _schedule(db: Database, alliance_id: int, at: datetime, place: str = PLACE) -> int:
    result = mt.schedule_meeting(
        db,
        alliance_id=alliance_id,
        starts_at=at,
        place=place,
        contact="李明 0436-6221234",
        today=at.date(),
    )
    assert result.meeting is not None, result.warning
    return result.meeting.meeting.id


EAST_UNITS = ["城东人民社区", "人民医院", "供电公司", "民政局", "方行中学"]
EAST_ITEMS = (
    mt.AgendaInput("通报第四季度共建工作", AgendaKind.BRIEFING, None, 15),
    mt.AgendaInput("研究2027年度“人民立行”项目清单", AgendaKind.DISCUSSION, None, 40),
    mt.AgendaInput("评议成员单位履诺情况", AgendaKind.REVIEW, None, 20),
)
EAST_DECISIONS = ("由人民医院为城东人民社区居民开展义诊活动。", "供电公司负责社区路灯检修。")


Club = tuple[int, dict[str, int]]


def _east(db: Database, club: Club) -> tuple[int, int]:
    alliance_id, units = club
    meeting_id = _schedule(db, alliance_id, datetime(2026, 12, 10, 9, 0))
    presenters = [units["人民医院"], units["方行中学"], None]
    items = [
        mt.AgendaInput(i.title, i.kind, unit, i.minutes_allotted)
        for i, unit in zip(EAST_ITEMS, presenters, strict=True)
    ]
    detail = mt.add_agenda_items(db, meeting_id, items)
    mt.notify(db, meeting_id)
    states = [
        mt.AttendanceInput(units["城东人民社区"], AttendanceState.PRESENT, "张立民"),
        mt.AttendanceInput(units["人民医院"], AttendanceState.DELEGATED, "李方行"),
        mt.AttendanceInput(units["供电公司"], AttendanceState.EXCUSED),
        mt.AttendanceInput(units["民政局"], AttendanceState.ABSENT),
        mt.AttendanceInput(units["方行中学"], AttendanceState.PRESENT, "王一高"),
    ]
    guests = [mt.GuestInput("街道党工委", "赵用民")]
    mt.record_attendance(db, meeting_id, states, guests=guests)
    held = mt.hold_meeting(db, meeting_id, today=date(2026, 12, 10))
    assert held.minutes is not None
    saved = mt.save_minutes_draft(
        db,
        meeting_id,
        summary="会议由轮值主席单位主持，与会单位交流了第四季度工作。",
        item_summaries={
            detail.agenda[0].id: "人民医院通报了第四季度共建工作进展。",
            detail.agenda[1].id: "会议逐项研究了项目清单。",
        },
        decisions=[mt.DecisionInput(text) for text in EAST_DECISIONS],
        expected_version=held.minutes.version,
        not_reached={detail.agenda[2].id},
    )
    mt.create_commitments_from_decision(
        db,
        saved.decision_ids[0],
        [
            mt.CommitmentInput(units["人民医院"], units["城东人民社区"], date(2027, 3, 31)),
            mt.CommitmentInput(
                units["城东人民社区"],
                units["人民医院"],
                date(2027, 1, 31),
                content="社区组织居民参加义诊",
            ),
        ],
    )
    mt.approve_minutes(db, meeting_id, approved_by="高立民")
    next_id = _schedule(db, alliance_id, datetime(2027, 1, 14, 9, 0))
    return meeting_id, next_id


WEST_UNITS = [f"西城{LOOKS[i % 8]}{LOOKS[(i + 3) % 8]}路第{i + 1}号单位" for i in range(40)]


def _west(db: Database, club: Club) -> int:
    alliance_id, _units = club
    meeting_id = _schedule(db, alliance_id, datetime(2026, 12, 15, 14, 30))
    mt.add_agenda_items(db, meeting_id, [mt.AgendaInput("通报年度工作", minutes_allotted=30)])
    return meeting_id


def _south(db: Database, club: Club) -> int:
    alliance_id, units = club
    meeting_id = _schedule(db, alliance_id, datetime(2026, 12, 17, 9, 30), place=LONG_UNIT)
    item = mt.AgendaInput(LONG_DECISION[:300], AgendaKind.CONSULTATION, units[LONG_UNIT], 45)
    detail = mt.add_agenda_items(db, meeting_id, [item])
    mt.notify(db, meeting_id)
    everyone = [mt.AttendanceInput(u, AttendanceState.PRESENT, "张三") for u in units.values()]
    mt.record_attendance(db, meeting_id, everyone)
    held = mt.hold_meeting(db, meeting_id, today=date(2026, 12, 17))
    assert held.minutes is not None
    saved = mt.save_minutes_draft(
        db,
        meeting_id,
        summary=LONG_DECISION[:500],
        item_summaries={detail.agenda[0].id: LONG_DECISION},
        decisions=[mt.DecisionInput(LONG_DECISION)],
        expected_version=held.minutes.version,
    )
    mt.create_commitments_from_decision(
        db,
        saved.decision_ids[0],
        [mt.CommitmentInput(units[LONG_UNIT], units["南湖社区"], date(2027, 6, 30))],
    )
    return meeting_id


@pytest.fixture(scope="module")
def meetings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Meetings]:
    path = tmp_path_factory.mktemp("meetings") / "meetings.sqlite"
    db = open_database(str(path), actor="测试员", auto_backup=False)
    try:
        clubs = [
            _alliance(db, "城东高立党建联盟", EAST_UNITS),
            _alliance(db, "西城方行党建联盟", WEST_UNITS),
            _alliance(db, "南湖用方党建联盟", ["南湖社区", LONG_UNIT, "人民法院"]),
        ]
        # The rota first: a meeting's host is the chair unit of its date.
        rotation.save_plan(
            db, rotation.preview_plan(db, start=date(2026, 1, 1), end=date(2026, 12, 31))
        )
        east, east_next = _east(db, clubs[0])
        west = _west(db, clubs[1])
        south = _south(db, clubs[2])
    finally:
        db.dispose()
    yield Meetings(path, east, west, south, east_next)


@pytest.fixture(scope="module")
def database(meetings: Meetings) -> Iterator[Database]:
    db = open_database(str(meetings.path), actor="测试员", auto_backup=False)
    yield db
    db.dispose()


def _detail(database: Database, meeting_id: int) -> mt.MeetingDetail:
    return mt.get_meeting(database, meeting_id)


# --- reading PDFs back ------------------------------------------------------------------------


def _page_sizes(path: Path) -> set[tuple[int, int]]:
    return {
        (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        for page in pypdf.PdfReader(path).pages
    }


def painted_pages(path: Path) -> list[str]:
    """Each page's text runs in painting order, squeezed."""
    pages: dict[int, list[str]] = {}
    for page, _x, _y, text in pypdf_text_origins(path):
        pages.setdefault(page, []).append(text)
    return [squeeze("".join(pages[n])) for n in sorted(pages)]


def running_text(path: Path) -> str:
    """The painted text without page numbers and repeated table headers: a paragraph or
    a table row running over a page break reads on as one."""
    pages = painted_pages(path)
    text = "".join(page.removesuffix(f"—{n}—") for n, page in enumerate(pages, start=1))
    for header in (AGENDA_HEADER, SIGNIN_HEADER):
        head = squeeze("".join(header))
        first = text.find(head)
        if first >= 0:
            cut = first + len(head)
            text = text[:cut] + text[cut:].replace(head, "")
    return text


def _same_characters(extracted: str, printed: str, path: Path) -> None:
    """``extracted`` holds exactly the printed characters, plus the table headers Qt
    repeats at the top of a page (not part of the document's own text)."""
    missing = Counter(printed) - Counter(extracted)
    assert not missing, missing
    extra = Counter(extracted) - Counter(printed)
    repeats = Counter()
    for page in painted_pages(path)[1:]:
        for header in (AGENDA_HEADER, SIGNIN_HEADER):
            if page.startswith(squeeze("".join(header))):
                repeats += Counter(squeeze("".join(header)))
    assert extra == repeats


def _extracted(path: Path) -> list[str]:
    """The whole text, squeezed, from each extractor available."""
    texts = [squeeze("".join(pypdf_pages(path)))]
    if PDFTOTEXT is not None:
        texts.append(squeeze("".join(pdftotext_pages(path))))
    return texts


def _printed(document: object, pages: int) -> str:
    """What was painted: the document's text and the page numbers, squeezed."""
    printable = prepare_document(document)  # type: ignore[arg-type]
    footers = "".join(f"—{n}—" for n in range(1, pages + 1))
    return squeeze(printable.toPlainText()) + footers


def _write(kind: str, detail: mt.MeetingDetail, folder: Path) -> tuple[Path, str]:
    """The PDF of ``kind`` and the text that was painted on it."""
    document = build_document(kind, detail, printed_on=PRINTED_ON)
    path = write_pdf(document, folder / f"{kind}.pdf")
    return path, _printed(document, len(pypdf.PdfReader(path).pages))


# --- one ordinary meeting ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", [k.value for k in DocumentKind])
def test_each_document_is_a4_and_extracts_exactly_as_printed(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path, kind: str
) -> None:
    detail = _detail(database, meetings.east)
    path, printed = _write(kind, detail, tmp_path)
    assert _page_sizes(path) == {(595, 842)}
    assert not LOOKALIKE.search(printed)
    for text in [*_extracted(path), "".join(painted_pages(path))]:
        assert not LOOKALIKE.search(text)
        _same_characters(text, printed, path)  # every character, no look-alike, no loss
        assert "城东高立党建联盟" in text
    assert_inside_text_block(path, PORTRAIT)


def test_notice_addresses_every_member_unit_and_lists_the_agenda(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path
) -> None:
    detail = _detail(database, meetings.east)
    path, _printed_text = _write("notice", detail, tmp_path)
    text = "".join(painted_pages(path))
    assert text.startswith("关于召开城东高立党建联盟第1次联席会议的通知")
    assert "、".join(EAST_UNITS) + "：" in text  # 主送
    assert "2026年12月10日（星期四）09:00–10:15" in text
    assert f"会议地点：{PLACE}" in text
    assert f"主持单位：{detail.meeting.host_name}" in text and detail.meeting.host_name
    assert f"1.{EAST_ITEMS[0].title}（人民医院）" in text
    assert f"2.{EAST_ITEMS[1].title}（方行中学）" in text
    assert f"3.{EAST_ITEMS[2].title}" in text
    assert "联系人及电话：李明0436-6221234" in text
    # dated when it was issued (marked 已通知), not when printed (PRINTED_ON)
    assert detail.notice_issued_on == min(local_today(), date(2026, 12, 10))
    assert detail.notice_issued_on != PRINTED_ON
    assert text.endswith(f"城东高立党建联盟{long_date(detail.notice_issued_on)}—1—")


def test_agenda_numbers_items_with_clock_times_and_end(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path
) -> None:
    detail = _detail(database, meetings.east)
    path, _printed_text = _write("agenda", detail, tmp_path)
    text = "".join(painted_pages(path))
    assert text.startswith(squeeze(document_title("agenda", detail)))
    assert squeeze("".join(AGENDA_HEADER)) in text
    assert f"109:00–09:15{EAST_ITEMS[0].title}通报人民医院15分钟" in text
    assert f"209:15–09:55{EAST_ITEMS[1].title}研究讨论方行中学40分钟" in text
    assert f"309:55–10:15{EAST_ITEMS[2].title}评议—20分钟" in text
    assert "共3项议题，合计用时1小时15分钟，预计10:15结束。" in text


def test_signin_sheet_lists_members_guests_and_blank_rows(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path
) -> None:
    detail = _detail(database, meetings.east)
    path, _printed_text = _write("signin", detail, tmp_path)
    pages = painted_pages(path)
    assert len(pages) == 1
    text = pages[0]
    assert squeeze("".join(SIGNIN_HEADER)) in text
    rows = [f"{n}{name}" for n, name in enumerate(EAST_UNITS, start=1)]
    positions = [text.find(row) for row in rows]
    assert -1 not in positions and positions == sorted(positions)
    assert "6街道党工委（列席）赵用民" in text
    blank = "".join(str(n) for n in range(7, 7 + BLANK_ROWS))
    assert blank + "应到成员单位5个。" in text
    assert "张立民" not in text  # names are written by hand at the meeting


def test_signature_cells_are_wide_and_tall_enough_to_sign(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path
) -> None:
    assert PDFTOTEXT is not None
    detail = _detail(database, meetings.east)
    path, _printed_text = _write("signin", detail, tmp_path)
    words = pdftotext_words(path)
    tops = [w.y_min for w in words if w.text in EAST_UNITS]
    assert len(tops) == len(EAST_UNITS)
    pitches = [b - a for a, b in pairwise(tops)]
    assert min(pitches) >= 10 * MM  # a row at least 10 mm tall
    document = build_document("signin", detail, printed_on=PRINTED_ON)
    sheet = tables(document)[0]
    widths = [
        c.rawValue() / 100 * PORTRAIT.text_width_mm for c in sheet.format().columnWidthConstraints()
    ]
    assert widths[SIGNIN_HEADER.index("参会人员")] >= 25  # mm
    assert widths[SIGNIN_HEADER.index("签名")] >= 35
    assert sheet.format().headerRowCount() == 1


def test_minutes_list_attendance_items_decisions_and_commitments(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path
) -> None:
    detail = _detail(database, meetings.east)
    path, _printed_text = _write("minutes", detail, tmp_path)
    text = "".join(painted_pages(path))
    assert text.startswith("城东高立党建联盟第1次联席会议纪要时间：")
    assert "（草稿）" not in text
    assert (
        "出席单位：城东人民社区（张立民）、人民医院（委托李方行出席）、方行中学（王一高）" in text
    )
    assert "请假单位：供电公司" in text and "缺席单位：民政局" in text
    assert "列席：街道党工委（赵用民）" in text
    assert "应到成员单位5个，实到3个，出席率60%。" in text
    assert (
        "（一）通报第四季度共建工作（人民医院汇报，通报）人民医院通报了第四季度共建工作进展。"
        in text
    )
    assert f"（三）{EAST_ITEMS[2].title}（评议）本次会议未及审议，顺延至下次会议。" in text
    first, second = EAST_DECISIONS
    assert (
        f"1.{first}承诺1：人民医院→城东人民社区（单位→社区），2027年3月31日前完成"
        "承诺2：城东人民社区→人民医院（社区→单位），2027年1月31日前完成，内容：社区组织居民参加义诊"
        f"2.{second}"
    ) in text
    assert "审定：高立民" in text


def test_pack_holds_all_four_parts_each_from_a_new_page(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path
) -> None:
    detail = _detail(database, meetings.east)
    path, _printed_text = _write("pack", detail, tmp_path)
    pages = painted_pages(path)
    titles = [
        squeeze(document_title(kind, detail)) for kind in ("notice", "agenda", "signin", "minutes")
    ]
    starts = [next(i for i, page in enumerate(pages) if page.startswith(t)) for t in titles]
    assert starts == sorted(starts) and len(set(starts)) == 4
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"—{number}—")  # page numbers run through the pack
    assert document_title("pack", detail) == "城东高立党建联盟第1次联席会议会议材料"


# --- many units, long texts, drafts -------------------------------------------------------------


def test_signin_sheet_of_many_units_repeats_its_header(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path
) -> None:
    detail = _detail(database, meetings.west)
    path, _printed_text = _write("signin", detail, tmp_path)
    assert _page_sizes(path) == {(595, 842)}
    pages = painted_pages(path)
    assert len(pages) >= 3
    header = squeeze("".join(SIGNIN_HEADER))
    for number, page in enumerate(pages, start=1):
        assert header in page, number
    text = "".join(pages)
    for number, name in enumerate(WEST_UNITS, start=1):
        assert text.count(name) == 1 and f"{number}{name}" in text, name
    assert_inside_text_block(path, PORTRAIT)


# --- blank rows never add a page -----------------------------------------------------------------

NORTH_SIZES = (9, 11, 12)


@pytest.fixture(scope="module")
def north(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[int, int]]]:
    """Alliances of 9, 11 and 12 member units (one-line titles), a meeting each, no guests."""
    path = tmp_path_factory.mktemp("north") / "north.sqlite"
    db = open_database(str(path), actor="测试员", auto_backup=False)
    try:
        clubs = {
            size: _alliance(
                db, f"北山{size}党建联盟", [f"北山{size}第{i}号单位" for i in range(size)]
            )
            for size in NORTH_SIZES
        }
        rotation.save_plan(
            db, rotation.preview_plan(db, start=date(2026, 1, 1), end=date(2026, 12, 31))
        )
        at = datetime(2026, 12, 10, 9, 0)
        yield db, {size: _schedule(db, club[0], at) for size, club in clubs.items()}
    finally:
        db.dispose()


def _blank_row_numbers(sheet_text: str, detail: mt.MeetingDetail) -> str:
    """What the sheet holds between the last member's row and the closing line (page
    breaks removed: the header repeats on the next page)."""
    members = len(detail.members)
    last_row = f"{members}{detail.members[-1].unit_name}"
    start = sheet_text.index(last_row) + len(last_row)
    return sheet_text[start : sheet_text.index(f"应到成员单位{members}个。")]


@pytest.mark.parametrize("members", [9, 11, 12])
def test_every_sheet_ends_with_the_same_blank_rows_whichever_path(
    fonts: DocumentFonts,
    north: tuple[Database, dict[int, int]],
    tmp_path: Path,
    members: int,
) -> None:
    db, meeting_ids = north
    detail = _detail(db, meeting_ids[members])
    assert len(detail.members) == members and not detail.guests
    numbers = "".join(str(n) for n in range(members + 1, members + 1 + BLANK_ROWS))
    title = squeeze(document_title("signin", detail))
    header = squeeze("".join(SIGNIN_HEADER))
    for kind in ("signin", "pack"):
        path, _printed_text = _write(kind, detail, tmp_path)
        pages = painted_pages(path)
        at = next(i for i, page in enumerate(pages) if page.startswith(title))
        end = next(i for i in range(at, len(pages)) if f"应到成员单位{members}个。" in pages[i])
        sheet = "".join(
            re.sub(r"—\d+—$", "", page).replace(header, "", 1 if i > at else 0)
            for i, page in enumerate(pages[at : end + 1], start=at)
        )
        assert _blank_row_numbers(sheet, detail) == numbers, kind
        assert str(members + BLANK_ROWS + 1) not in sheet.split("应到成员单位")[0][-6:], kind
        if kind == "pack":  # the minutes start on the page after the sheet
            assert pages[end + 1].startswith(squeeze(document_title("minutes", detail)))


@pytest.mark.parametrize("kind", [k.value for k in DocumentKind])
def test_long_texts_wrap_inside_the_page(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path, kind: str
) -> None:
    detail = _detail(database, meetings.south)
    path, printed = _write(kind, detail, tmp_path)
    assert_inside_text_block(path, PORTRAIT)
    for text in _extracted(path):
        assert not LOOKALIKE.search(text)
        _same_characters(text, printed, path)  # wrapped, not clipped
        assert LONG_UNIT in text
    assert LONG_UNIT in running_text(path)
    if kind in ("minutes", "pack"):
        text = running_text(path)
        assert squeeze(LONG_DECISION) in text
        assert f"承诺1：{LONG_UNIT}→南湖社区（单位→社区），2027年6月30日前完成" in text


def test_unapproved_minutes_are_marked_draft(
    fonts: DocumentFonts, database: Database, meetings: Meetings
) -> None:
    detail = _detail(database, meetings.south)
    assert document_title("minutes", detail) == "南湖用方党建联盟第1次联席会议纪要（草稿）"
    document = build_document("minutes", detail, printed_on=PRINTED_ON)
    text = document.toPlainText()
    assert "纪要（草稿）" in text and "本纪要尚未审定。" in text and "审定：" not in text


def test_a_draft_meeting_prints_without_minutes(
    fonts: DocumentFonts, database: Database, meetings: Meetings
) -> None:
    detail = _detail(database, meetings.west)
    notice = build_document("notice", detail, printed_on=PRINTED_ON).toPlainText()
    assert "、".join(WEST_UNITS) + "：" in notice
    minutes = build_document("minutes", detail, printed_on=PRINTED_ON).toPlainText()
    assert "（草稿）" in minutes and "本次会议无议定事项。" in minutes
    assert "未登记出席情况：" in minutes


def test_typed_text_is_escaped(
    fonts: DocumentFonts, database: Database, meetings: Meetings
) -> None:
    from dataclasses import replace

    typed = '<b>&amp; "人民"</b>'
    detail = _detail(database, meetings.east)
    meeting = replace(detail.meeting, place=typed, alliance_name="<i>联盟</i>")
    detail = replace(detail, meeting=meeting, contact=typed)
    for kind in DocumentKind:
        text = build_document(kind, detail, printed_on=PRINTED_ON).toPlainText()
        assert "<i>联盟</i>" in text, kind
        if kind is not DocumentKind.MINUTES:
            assert typed in text, kind


# --- the month's agendas ------------------------------------------------------------------------


def test_meetings_in_month_reads_every_alliance_in_time_order(
    database: Database, meetings: Meetings
) -> None:
    december = meetings_in_month(database, 2026, 12)
    assert [d.meeting.id for d in december] == [meetings.east, meetings.west, meetings.south]
    assert december[0] == _detail(database, meetings.east)
    january = meetings_in_month(database, 2027, 1)
    assert [d.meeting.id for d in january] == [meetings.east_next]
    assert meetings_in_month(database, 2026, 11) == []


def test_month_batch_has_every_alliance_agenda_on_its_own_pages(
    fonts: DocumentFonts, database: Database, meetings: Meetings, tmp_path: Path
) -> None:
    details = meetings_in_month(database, 2026, 12)
    title = month_title(2026, 12)
    document = agendas_document(details, title=title, printed_on=PRINTED_ON)
    path = write_pdf(document, tmp_path / "month.pdf")
    assert pypdf.PdfReader(path).metadata.title == "2026年12月联席会议议程"  # type: ignore[union-attr]
    assert _page_sizes(path) == {(595, 842)}
    pages = painted_pages(path)
    starts = [
        next(i for i, page in enumerate(pages) if page.startswith(squeeze(d.meeting.title)))
        for d in details
    ]
    assert starts == sorted(starts) and len(set(starts)) == 3
    text = running_text(path)
    for detail in details:
        assert squeeze(document_title("agenda", detail)) in text
        for slot in detail.agenda:  # a row may run over a page break: its start
            assert squeeze(slot.title)[:60] in text
    assert "2027年1月" not in text
    assert_inside_text_block(path, PORTRAIT)


def test_empty_month_says_so(fonts: DocumentFonts) -> None:
    document = agendas_document([], title=month_title(2026, 11), printed_on=PRINTED_ON)
    assert document.toPlainText() == "2026年11月联席会议议程\n（本月没有安排联席会议）"


# --- alliance-desk print … ----------------------------------------------------------------------


def test_cli_prints_each_meeting_document(
    fonts: DocumentFonts, meetings: Meetings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in DocumentKind:
        pdf = tmp_path / f"{kind.value}.pdf"
        argv = ["print", kind.value, str(meetings.east), "--db", str(meetings.path)]
        assert cli.main([*argv, "--pdf", str(pdf)]) == 0
        assert capsys.readouterr().out.strip() == str(pdf.resolve())
        assert _page_sizes(pdf) == {(595, 842)}
        text = "".join(painted_pages(pdf))
        prefix = "关于召开" if kind in (DocumentKind.NOTICE, DocumentKind.PACK) else ""
        assert text.startswith(f"{prefix}城东高立党建联盟第1次联席会议")


def test_cli_minutes_of_a_meeting_not_held_refuses_and_the_pack_says_draft(
    fonts: DocumentFonts, meetings: Meetings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "minutes.pdf"
    argv = ["print", "minutes", str(meetings.west), "--db", str(meetings.path)]
    assert cli.main([*argv, "--pdf", str(pdf)]) == cli.EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "尚未召开" in captured.err and not pdf.exists()
    argv = ["print", "pack", str(meetings.west), "--db", str(meetings.path)]
    assert cli.main([*argv, "--pdf", str(pdf)]) == 0
    assert "纪要是空白草稿" in capsys.readouterr().err
    assert pdf.exists()


def test_the_notice_keeps_its_issue_date_whenever_and_however_it_is_printed(
    fonts: DocumentFonts,
    database: Database,
    meetings: Meetings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    meeting_id = meetings.east_next  # a draft in January 2027 nobody else prints
    assert _detail(database, meeting_id).notice_issued_on is None

    def cli_notice(name: str) -> str:
        pdf = tmp_path / name
        argv = ["print", "notice", str(meeting_id), "--db", str(meetings.path), "--pdf", str(pdf)]
        assert cli.main(argv) == 0
        capsys.readouterr()
        return "".join(painted_pages(pdf))

    first = cli_notice("first.pdf")  # the first print stores the date
    stored = _detail(database, meeting_id)
    assert stored.notice_issued_on == local_today()
    assert first.endswith(f"{long_date(local_today())}—1—")

    changed = mt.set_notice_date(
        database, meeting_id, date(2026, 11, 20), expected_version=stored.meeting.version
    )
    assert changed.notice_issued_on == date(2026, 11, 20)
    again = cli_notice("again.pdf")
    assert again.endswith("2026年11月20日—1—") and long_date(local_today()) not in again
    pack = build_document("pack", _detail(database, meeting_id), printed_on=PRINTED_ON)
    notice_page = painted_pages(write_pdf(pack, tmp_path / "pack.pdf"))[0]
    assert notice_page.endswith("2026年11月20日—1—")  # the pack's notice too

    with pytest.raises(DomainError, match="不能晚于会议日期"):
        mt.set_notice_date(
            database, meeting_id, date(2027, 1, 15), expected_version=changed.meeting.version
        )
    with pytest.raises(ConflictError):
        mt.set_notice_date(
            database, meeting_id, date(2026, 11, 21), expected_version=stored.meeting.version
        )
    assert _detail(database, meeting_id).notice_issued_on == date(2026, 11, 20)


def test_cli_prints_the_month(
    fonts: DocumentFonts, meetings: Meetings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "month.pdf"
    argv = ["print", "agendas", "--month", "2026-12", "--db", str(meetings.path)]
    assert cli.main([*argv, "--pdf", str(pdf)]) == 0
    assert capsys.readouterr().out.strip() == str(pdf.resolve())
    text = "".join(painted_pages(pdf))
    for name in ("城东高立党建联盟", "西城方行党建联盟", "南湖用方党建联盟"):
        assert f"{name}第1次联席会议议程" in text


def test_cli_unknown_meeting_or_empty_month_fails_with_one_line(
    fonts: DocumentFonts, meetings: Meetings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "none.pdf"
    argv = ["print", "agenda", "9999", "--db", str(meetings.path), "--pdf", str(pdf)]
    assert cli.main(argv) == cli.EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "9999" in captured.err and "会议" in captured.err
    argv = ["print", "agendas", "--month", "2026-11", "--db", str(meetings.path)]
    assert cli.main([*argv, "--pdf", str(pdf)]) == cli.EXIT_FAILED
    assert "2026年11月没有安排联席会议" in capsys.readouterr().err
    assert not pdf.exists()


@pytest.mark.parametrize("month", ["2026-13", "2026/12", "12-2026", "2026-1x"])
def test_cli_refuses_a_malformed_month(
    meetings: Meetings, tmp_path: Path, capsys: pytest.CaptureFixture[str], month: str
) -> None:
    argv = ["print", "agendas", "--month", month, "--db", str(meetings.path)]
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*argv, "--pdf", str(tmp_path / "x.pdf")])
    assert exit_info.value.code == 2
    assert "月份应写成 2026-12 这样的形式" in capsys.readouterr().err


def test_meeting_documents_do_not_import_the_database_layer() -> None:
    layers = ("sqlalchemy", "alliance_desk.services", "alliance_desk.storage")
    code = (
        "import sys, alliance_desk.documents.meetings; "
        f"assert not [m for m in sys.modules if m.startswith({layers!r})]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- the meetings page's print jobs --------------------------------------------------------------


def test_print_jobs_build_the_documents(
    fonts: DocumentFonts, database: Database, meetings: Meetings
) -> None:
    from alliance_desk.ui.meetings.print_jobs import meeting_document_job, month_agendas_job

    detail = _detail(database, meetings.south)
    job = meeting_document_job("minutes", detail)
    assert job.title == "南湖用方党建联盟第1次联席会议纪要（草稿）" and not job.landscape
    assert (
        job.file_name(date(2026, 12, 18))
        == "南湖用方党建联盟第1次联席会议纪要（草稿）_20261218.pdf"
    )
    assert "本纪要尚未审定。" in job.build().toPlainText()
    month = month_agendas_job(database, 2026, 12)
    assert month.title == "2026年12月联席会议议程"
    assert month.build().toPlainText().count("联席会议议程") == 3
    with pytest.raises(DomainError, match="2026年11月没有安排联席会议"):
        month_agendas_job(database, 2026, 11)
    with pytest.raises(ValueError):
        meeting_document_job("poster", detail)
