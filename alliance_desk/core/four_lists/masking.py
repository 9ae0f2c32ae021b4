"""What a public list may show of a need: never personal details.

A need's proposer name, phone and house number are never printed on public lists. Its
title is shown only when the need is marked 可公示; even then phone numbers, ID-card
numbers and house numbers inside the text are blanked, and the proposer's name (if it
appears) is replaced.
"""

from __future__ import annotations

import re

HIDDEN_TITLE = "（涉及个人信息，不予公示）"
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[-－ ]?\d{7,8}(?!\d)")
_ID_CARD = re.compile(r"(?<![0-9Xx])\d{6}(?:19|20)\d{2}\d{7}[0-9Xx](?![0-9Xx])")
_HOUSE = re.compile(r"\d+\s*(?:号楼|栋|幢)?\s*\d*\s*(?:单元)\s*\d+\s*(?:室|号)?|\d{3,4}\s*室")


def mask_text(text: str, *, names: tuple[str, ...] = ()) -> str:
    """``text`` with phone, ID-card and room numbers and the given names blanked."""
    masked = _ID_CARD.sub("******************", text)
    masked = _PHONE.sub(r"\1****\2", masked)
    masked = _LANDLINE.sub(r"\1-********", masked)
    masked = _HOUSE.sub("××室", masked)
    for name in names:
        name = name.strip()
        if len(name) >= 2:
            masked = masked.replace(name, name[0] + "某" * (len(name) - 1))
    return masked


def public_need_title(
    title: str, *, public: bool, proposer_name: str = "", category: str = ""
) -> str:
    """The need as a public list shows it."""
    if not public:
        return f"{category}类需求{HIDDEN_TITLE}" if category else HIDDEN_TITLE
    return mask_text(title, names=(proposer_name,))
