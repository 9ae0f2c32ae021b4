"""上墙公示 issues (第N期) and 本期调整: what changed on the wall since the last issue.

An issue stores the lines it printed, keyed by project; the next issue compares its
lines with them, so the wall copy and the database cannot silently drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: The fields of a posted line that an adjustment names, with their Chinese words.
WATCHED: tuple[tuple[str, str], ...] = (
    ("project", "项目"),
    ("need", "需求事项"),
    ("resource", "对接资源"),
    ("unit", "责任单位"),
    ("person", "责任人"),
    ("due", "完成时限"),
    ("progress", "进度"),
)


@dataclass(frozen=True, slots=True)
class Adjustment:
    project_key: str
    kind: str
    """新增 / 撤下 / 调整."""
    text: str


def adjustments(
    previous: Mapping[str, Mapping[str, str]] | None, current: Mapping[str, Mapping[str, str]]
) -> list[Adjustment]:
    """Lines added, removed and changed since ``previous`` (None: the first issue, no
    adjustments). Keys are project ids as text; the order follows ``current`` then the
    removed lines."""
    if previous is None:
        return []
    found: list[Adjustment] = []
    for key, line in current.items():
        name = line.get("project", "")
        before = previous.get(key)
        if before is None:
            found.append(Adjustment(key, "新增", f"新增项目“{name}”"))
            continue
        changes = [
            f"{label}由“{before.get(field, '') or '—'}”改为“{line.get(field, '') or '—'}”"
            for field, label in WATCHED
            if before.get(field, "") != line.get(field, "")
        ]
        if changes:
            found.append(Adjustment(key, "调整", f"项目“{name}”：" + "；".join(changes)))
    for key, before in previous.items():
        if key not in current:
            found.append(Adjustment(key, "撤下", f"撤下项目“{before.get('project', '')}”"))
    return found
