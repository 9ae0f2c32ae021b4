"""Values from outside that once passed the preview and then crashed the write (items 10, 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_desk.core.validation import unsafe_text_error as text_error
from alliance_desk.services.register_io.units_import import preview_units_import


@pytest.mark.parametrize("count", ["3000000000", str(2**63)])
def test_a_huge_party_member_count_is_one_clear_refusal(tmp_path: Path, db, count: str) -> None:
    path = tmp_path / "units.csv"
    path.write_text(f"名称,类别,党员人数\n甲单位,机关,{count}\n", encoding="utf-8")
    preview = preview_units_import(db, path)
    assert not preview.can_apply
    assert any("党员人数不能超过" in reason for row in preview.rows for reason in row.errors)


@pytest.mark.parametrize(
    "name",
    [
        "甲\x00单位",
        "甲\x1b[31m单位",
        "甲\r\n单位",
        "甲\t单位",
        "单位\u202e甲乙",
        "\u2066甲",
        "#N/A",
        "#ref!",
        "#DIV/0!",
    ],
)
def test_hostile_names_are_refused(name: str) -> None:
    assert text_error(name, "单位名称")


@pytest.mark.parametrize("name", ["甲单位", "A&B 公司", "#1 社区", "工会（#2）"])
def test_ordinary_names_pass(name: str) -> None:
    assert text_error(name, "单位名称") is None
