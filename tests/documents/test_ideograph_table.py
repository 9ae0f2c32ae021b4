"""The radical → unified ideograph table shipped in resources/."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from alliance_desk.documents import build_ideograph_table, ideographs

UNICODE_FILE = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")

SAMPLE = """\
# EquivalentUnifiedIdeograph-15.0.0.txt
2E8C..2E8D ; 5C0F  # [2] CJK RADICAL SMALL ONE..CJK RADICAL SMALL TWO
2EA0       ; 6C11  #     CJK RADICAL CIVILIAN
2F08       ; 4EBA  #     KANGXI RADICAL MAN
# 2E80; CJK RADICAL REPEAT (no equivalent)
"""


def test_table_ships_with_the_app() -> None:
    path = ideographs.table_path()
    assert path is not None
    assert path.name == "equivalent_unified_ideographs.tsv"
    assert not str(path).startswith("/usr/share")


def test_known_pairs() -> None:
    table = ideographs.equivalent_unified()
    assert table[0x2F08] == 0x4EBA  # ⼈ → 人
    assert table[0x2EA0] == 0x6C11  # ⺠ → 民
    assert table[0x2F64] == 0x7528  # ⽤ → 用
    assert table[0x2F00] == 0x4E00  # ⼀ → 一
    assert table[0x2E87] == 0x20628  # a supplement radical whose ideograph is outside the BMP
    assert len(table) > 300


def test_kangxi_radicals_agree_with_nfkc() -> None:
    table = ideographs.equivalent_unified()
    for code, target in table.items():
        folded = unicodedata.normalize("NFKC", chr(code))
        if folded != chr(code):
            assert folded == chr(target), hex(code)


def test_to_unified() -> None:
    assert ideographs.to_unified("⼈⺠⽤⽅⾏⾼⽴⼀") == "人民用方行高立一"
    assert ideographs.to_unified("人民 abc ＜＞") == "人民 abc ＜＞"
    assert ideographs.has_lookalikes("张⼈")
    assert not ideographs.has_lookalikes("张人")


def test_parse_source_expands_ranges() -> None:
    mapping = build_ideograph_table.parse_source(SAMPLE)
    assert mapping == {0x2E8C: 0x5C0F, 0x2E8D: 0x5C0F, 0x2EA0: 0x6C11, 0x2F08: 0x4EBA}


def test_render_and_parse_round_trip() -> None:
    mapping = build_ideograph_table.parse_source(SAMPLE)
    rendered = build_ideograph_table.render_table(mapping, "sample")
    assert ideographs.parse_table(rendered) == mapping
    assert "KANGXI RADICAL MAN" in rendered


def test_build_script_writes_table(tmp_path: Path) -> None:
    source = tmp_path / "EquivalentUnifiedIdeograph.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    target = tmp_path / "table.tsv"
    assert build_ideograph_table.main([str(source), str(target)]) == 0
    assert ideographs.parse_table(target.read_text(encoding="utf-8"))[0x2F08] == 0x4EBA


@pytest.mark.skipif(not UNICODE_FILE.exists(), reason="unicode-data is not installed")
def test_shipped_table_matches_unicode_data() -> None:
    expected = build_ideograph_table.parse_source(UNICODE_FILE.read_text(encoding="utf-8"))
    assert ideographs.equivalent_unified() == expected


def test_nfkc_fallback_covers_kangxi() -> None:
    fallback = ideographs._nfkc_fallback()
    assert fallback[0x2F08] == 0x4EBA
    assert len(fallback) >= 214
