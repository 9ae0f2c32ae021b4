"""社区工作日 prints read back from the PDF: one 反馈函 per unit each on its own page,
the wall lists masked, the sign-in sheet and the 统计表; the ``print`` commands."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pdf_probe import assert_inside_text_block, pypdf_pages, squeeze

from alliance_desk import cli
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.core.workday.hours import Attendance
from alliance_desk.core.workday.states import MemberState
from alliance_desk.documents.fonts import DocumentFonts
from alliance_desk.documents.geometry import LANDSCAPE, PORTRAIT
from alliance_desk.documents.pdf import write_pdf
from alliance_desk.documents.workday.report import write_workday_report
from alliance_desk.documents.workday.sources import (
    activity_signin,
    community_posts,
    community_roll,
    feedback_pack,
    report_forms,
)
from alliance_desk.services import Database
from alliance_desk.services.units import UnitInput, create_unit
from alliance_desk.services.workday import activities, feedback, members, pairs, posts

TODAY = date(2026, 6, 30)
PHONE = "13812345678"


def seed(db: Database) -> dict[str, int]:
    ids = {
        "community": create_unit(db, UnitInput("东风社区", UnitCategory.COMMUNITY)).unit.id,
        "finance": create_unit(
            db, UnitInput("市财政局", UnitCategory.GOVERNMENT, party_member_count=2)
        ).unit.id,
        "hospital": create_unit(
            db, UnitInput("市医院", UnitCategory.INSTITUTION, party_member_count=1)
        ).unit.id,
    }
    for key, name, unit in (
        ("zhang", "张小明", "finance"),
        ("li", "李四", "finance"),
        ("wang", "王大伟", "hospital"),
    ):
        row = members.create_member(
            db,
            members.MemberInput(
                name=name,
                unit_id=ids[unit],
                gender="男",
                phone=PHONE,
                residence="幸福小区3栋2单元101",
                community_unit_id=ids["community"],
            ),
            today=TODAY,
        )
        row = members.change_member_state(
            db, row.id, MemberState.REPORTED, expected_version=row.version, on=date(2026, 3, 1)
        )
        ids[key] = row.id
    day = date(2026, 5, 9)
    act = activities.create_activity(
        db,
        activities.ActivityInput(
            held_on=day,
            community_unit_id=ids["community"],
            category="环境整治",
            content="清理楼道杂物",
            planned_start=datetime(2026, 5, 9, 9),
            planned_end=datetime(2026, 5, 9, 11),
            planned_participants=3,
        ),
    )
    ids["activity"] = act.id
    activities.add_attendance(
        db,
        act.id,
        activities.AttendanceInput(
            ids["zhang"], Attendance.NORMAL, datetime(2026, 5, 9, 9), datetime(2026, 5, 9, 11, 30)
        ),
    )
    activities.add_attendance(db, act.id, activities.AttendanceInput(ids["wang"], Attendance.LEAVE))
    activities.confirm_attendance(db, act.id, on=day)
    pairs.create_pair(
        db,
        pairs.PairInput(ids["zhang"], "赵奶奶", date(2026, 4, 1), hardship="独居老人"),
        today=TODAY,
    )
    feedback.set_evaluation(db, ids["zhang"], 2026, None, "good", "积极参加")
    post = posts.create_post(
        db,
        posts.PostInput(ids["community"], "环境整治", "楼道清洁", needed=4, description="每周一次"),
    )
    posts.claim_post(db, post.id, ids["zhang"], on=TODAY, expected_version=None)
    return ids


def test_feedback_letters_one_per_unit_each_on_a_new_page(
    db: Database, running_app: DocumentFonts, tmp_path: Path
) -> None:
    ids = seed(db)
    pack = feedback_pack(db, 2026, printed_on=TODAY)
    assert len(pack.documents) == 2
    path = write_pdf(pack, tmp_path / "letters.pdf")
    pages = [squeeze(p) for p in pypdf_pages(path)]
    starts = [n for n, p in enumerate(pages) if "反馈函" in p and "：" in p]
    assert len(pages) == 2 and starts == [0, 1]
    assert "关于市财政局在职党员" in pages[0] and "市医院" not in pages[0]
    assert "关于市医院在职党员" in pages[1] and "张小明" not in pages[1]
    assert "张小明" in pages[0] and "积极参加" in pages[0] and "2.5" in pages[0]
    assert PHONE not in "".join(pages)
    one = feedback_pack(db, 2026, 2, unit_id=ids["hospital"], printed_on=TODAY)
    assert len(one.documents) == 1
    assert_inside_text_block(path, PORTRAIT)


def test_wall_lists_are_masked(db: Database, running_app: DocumentFonts, tmp_path: Path) -> None:
    ids = seed(db)
    roll = write_pdf(
        community_roll(db, ids["community"], printed_on=TODAY),
        tmp_path / "roll.pdf",
        landscape=True,
    )
    text = squeeze("".join(pypdf_pages(roll)))
    assert "张*明" in text and "138****5678" in text and "幸福小区***" in text
    assert "张小明" not in text and PHONE not in text and "3栋" not in text
    assert_inside_text_block(roll, LANDSCAPE)
    wall = write_pdf(
        community_posts(db, ids["community"], printed_on=TODAY), tmp_path / "p.pdf", landscape=True
    )
    text = squeeze("".join(pypdf_pages(wall)))
    assert "楼道清洁" in text and "张*明" in text and "张小明" not in text


def test_report_forms_signin_and_report(
    db: Database, running_app: DocumentFonts, tmp_path: Path
) -> None:
    ids = seed(db)
    forms = write_pdf(
        report_forms(db, unit_id=ids["finance"], printed_on=TODAY), tmp_path / "f.pdf"
    )
    pages = [squeeze(p) for p in pypdf_pages(forms)]
    assert len(pages) == 2
    assert all("报到单" in p and "回执" in p and "沿此线剪开" in p for p in pages)
    assert "张小明" in pages[0] + pages[1] and PHONE in pages[0] + pages[1]
    signin = write_pdf(activity_signin(db, ids["activity"]), tmp_path / "s.pdf")
    text = squeeze("".join(pypdf_pages(signin)))
    assert "签到表" in text and "张小明" in text and "签退时间" in text and "环境整治" in text
    report = write_workday_report(db, 2026, tmp_path / "r.pdf")
    text = squeeze("".join(pypdf_pages(report)))
    assert "双报到双服务" in text and "市财政局" in text and "东风社区" in text
    assert "合计33100.0%33.3%12.5" in text  # 3 expected and reported, 1 served 2.5 h


def test_print_commands(db: Database, running_app: DocumentFonts, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ids = seed(db)
    url = str(db.engine.url.render_as_string(hide_password=False))
    out = tmp_path / "letters.pdf"
    assert cli.main(["print", "feedback", "--year", "2026", "--pdf", str(out), "--db", url]) == 0
    assert len(pypdf_pages(out)) == 2
    assert "反馈函 2 封" in capsys.readouterr().out
    sheet = tmp_path / "sheet.pdf"
    code = cli.main(
        ["print", "signin-activity", str(ids["activity"]), "--pdf", str(sheet), "--db", url]
    )
    assert code == 0 and "张小明" in squeeze("".join(pypdf_pages(sheet)))
    roll = tmp_path / "roll.pdf"
    code = cli.main(
        [
            "print",
            "workday-roll",
            "--community",
            str(ids["community"]),
            "--pdf",
            str(roll),
            "--db",
            url,
        ]
    )
    assert code == 0 and "张*明" in squeeze("".join(pypdf_pages(roll)))
    assert cli.main(["print", "signin-activity", "999", "--pdf", str(sheet), "--db", url]) != 0
    report = tmp_path / "report.pdf"
    code = cli.main(["report", "workday", "--year", "2026", "--pdf", str(report), "--db", url])
    assert code == 0 and "双报到双服务" in squeeze("".join(pypdf_pages(report)))


def test_hours_read_like_the_other_figures() -> None:
    from alliance_desk.documents.workday.common import hours_text

    assert [hours_text(h) for h in (3, 3.5, 12760.7, 1200, None)] == [
        "3", "3.5", "12,760.7", "1,200", "—"
    ]
