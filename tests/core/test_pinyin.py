"""Names sort in pinyin order and are found by pinyin initials or full pinyin."""

from __future__ import annotations

from alliance_desk.core import pinyin


def test_names_sort_in_pinyin_order_not_code_point_order() -> None:
    names = ["中心社区", "光明社区", "北关社区", "南湖社区", "双塔社区", "吉祥社区", "翠园社区"]
    ordered = sorted(names, key=pinyin.sort_key)
    assert ordered == ["北关社区", "翠园社区", "光明社区", "吉祥社区", "南湖社区", "双塔社区",
                       "中心社区"]
    assert sorted(names) != ordered  # Unicode order is what clerks complained about


def test_search_forms_hold_full_pinyin_and_initials() -> None:
    forms = pinyin.search_forms("翠园社区")
    assert "cuiyuan" in forms and "cysq" in forms
    assert pinyin.search_forms("ＡＢＣ公司 123").startswith("abcgongsi123")


def test_latin_and_digits_pass_through() -> None:
    assert pinyin.syllables("A座101") == ("a", "zuo", "1", "0", "1")
