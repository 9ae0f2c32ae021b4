"""The HTML builder escapes every plain string."""

from __future__ import annotations

import pytest

from alliance_desk.documents.richtext import (
    Markup,
    element,
    escape,
    heading,
    paragraph,
    table,
    title,
)

NASTY = "<b>&amp; \"quotes\" 'single'"


def test_escape_plain_text_but_not_markup() -> None:
    assert escape(NASTY) == "&lt;b&gt;&amp;amp; &quot;quotes&quot; &#x27;single&#x27;"
    assert escape(Markup("<br/>")) == "<br/>"
    assert escape(None) == ""
    assert escape(42) == "42"


def test_markup_concatenation_escapes_the_other_side() -> None:
    assert Markup("<p>") + "<b>" == "<p>&lt;b&gt;"
    assert "<b>" + Markup("<p>") == "&lt;b&gt;<p>"
    joined = Markup("<br/>").join(["a<", Markup("<i>x</i>")])
    assert joined == "a&lt;<br/><i>x</i>"
    assert isinstance(joined, Markup)


def test_element_escapes_children_and_attributes() -> None:
    html = element("td", NASTY, class_='x" onload="y', width="10%")
    assert html.startswith('<td class="x&quot; onload=&quot;y" width="10%">')
    assert "<b>" not in html
    assert element("br") == "<br/>"
    assert element("p", "a", align=None, hidden=False) == "<p>a</p>"
    with pytest.raises(ValueError):
        element("p onclick=x", "a")


def test_blocks() -> None:
    assert title("第3次会议") == "<h1>第3次会议</h1>"
    assert heading("一、议题") == "<h2>一、议题</h2>"
    assert paragraph("<x>", align="center") == '<p align="center">&lt;x&gt;</p>'
    with pytest.raises(ValueError):
        heading("x", level=1)


def test_table_has_a_header_section_and_checks_shape() -> None:
    html = table(["序号", "单位"], [[1, "<人民>"]], widths=[20, 80], align=["center", None])
    assert "<thead><tr><th" in html and "<tbody><tr><td" in html
    assert "&lt;人民&gt;" in html
    assert 'width="20%"' in html
    with pytest.raises(ValueError):
        table(["a", "b"], [["only one"]])
    with pytest.raises(ValueError):
        table(["a", "b"], [], widths=[100])
