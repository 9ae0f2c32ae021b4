"""A tiny HTML builder for QTextDocument that always escapes text.

Plain ``str`` values — anything a clerk typed — are escaped whenever they meet markup;
only :class:`Markup` (built by the functions here, from literals in our own code)
passes through. So ``<b>&amp;`` typed in a unit name prints as ``<b>&amp;``.

User text keeps its spaces and line breaks (``white-space: pre-wrap``): what was typed
is what is printed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = [
    "Markup",
    "element",
    "escape",
    "heading",
    "paragraph",
    "table",
    "title",
]


class Markup(str):
    """Markup known to be safe. Combining it with a plain ``str`` escapes the ``str``."""

    __slots__ = ()

    def __add__(self, other: object) -> Markup:
        return Markup(str.__add__(self, escape(other)))

    def __radd__(self, other: object) -> Markup:
        return Markup(str.__add__(escape(other), self))

    def join(self, parts: Iterable[object]) -> Markup:  # type: ignore[override]
        return Markup(str.join(self, (escape(part) for part in parts)))

    def __html__(self) -> str:
        return str(self)


def escape(value: object) -> Markup:
    """``value`` as markup: :class:`Markup` unchanged, anything else escaped (quotes too)."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


_VOID = frozenset({"br", "hr", "img", "col"})


def element(tag: str, *children: object, **attributes: object) -> Markup:
    """``<tag attr="…">children</tag>``; children and attribute values are escaped.

    ``class_="x"`` gives ``class="x"``; an attribute whose value is ``None`` or ``False``
    is left out. ``tag`` and attribute names must be literals from our code.
    """
    if not tag.isalnum():
        raise ValueError(f"not a tag name: {tag!r}")
    attrs = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in attributes.items()
        if value is not None and value is not False
    )
    if tag in _VOID:
        return Markup(f"<{tag}{attrs}/>")
    inner = "".join(escape(child) for child in children)
    return Markup(f"<{tag}{attrs}>{inner}</{tag}>")


def title(text: object) -> Markup:
    """The document title (title face, 2号, centred)."""
    return element("h1", text)


def heading(text: object, level: int = 2) -> Markup:
    """A section heading: level 2 in the heading face (黑体), level 3 in bold body face."""
    if level not in (2, 3):
        raise ValueError("heading level must be 2 or 3")
    return element(f"h{level}", text)


def paragraph(text: object, *, class_: str | None = None, align: str | None = None) -> Markup:
    """A body paragraph; line breaks and spaces in ``text`` are kept."""
    return element("p", text, class_=class_, align=align)


def table(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[float] | None = None,
    align: Sequence[str | None] | None = None,
    class_: str | None = None,
    padding: int = 4,
) -> Markup:
    """A full-width ruled table whose header row repeats at the top of every page.

    ``widths`` are percentages per column; ``align`` e.g. ``["center", None, "right"]``;
    ``padding`` the space inside each cell (layout px; dense registers use less).
    """
    columns = len(header)
    if widths is not None and len(widths) != columns:
        raise ValueError("widths must give one value per column")
    if widths is not None and abs(sum(widths) - 100) > 0.5:  # more squeezes the last columns
        raise ValueError(f"widths add up to {sum(widths):g}%, not 100%")
    aligns: Sequence[str | None] = align or [None] * columns

    def width(index: int) -> str | None:
        return None if widths is None else f"{widths[index]:g}%"

    head = element(
        "tr",
        *(
            element("th", cell, width=width(i), align=aligns[i] or "center")
            for i, cell in enumerate(header)
        ),
    )
    body_rows = []
    for row in rows:
        if len(row) != columns:
            raise ValueError(f"row has {len(row)} cells, the header {columns}")
        body_rows.append(
            element("tr", *(element("td", cell, align=aligns[i]) for i, cell in enumerate(row)))
        )
    return element(
        "table",
        element("thead", head),
        element("tbody", *body_rows),
        width="100%",
        border=1,
        cellspacing=0,
        cellpadding=padding,
        class_=class_,
    )
