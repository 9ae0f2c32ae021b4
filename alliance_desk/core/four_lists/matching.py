"""Suggested need–resource pairs for the matching view: by category and shared words.

The clerk confirms a suggestion; nothing is matched automatically. A pair scores points
for a resource category that serves the need's category (养老服务 ← 人才专长, 阵地场地,
物资 …), for two-character words the two texts share, and for the need's urgency and
size. Pure: the service hands in plain tuples read for one community.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from alliance_desk.core.four_lists.vocab import ResourceCategory as R
from alliance_desk.core.four_lists.vocab import Urgency

#: Which resource categories serve a need category (the clerk's categories outside this
#: table still match resources of 其他 and by shared words).
SERVES: dict[str, frozenset[R]] = {
    "养老服务": frozenset({R.TALENT, R.VENUE, R.MATERIAL, R.FUNDS}),
    "环境整治": frozenset({R.MATERIAL, R.FUNDS, R.TALENT}),
    "就业帮扶": frozenset({R.POLICY, R.TALENT, R.EDUCATION, R.FUNDS}),
    "助残": frozenset({R.MATERIAL, R.FUNDS, R.TALENT}),
    "教育": frozenset({R.EDUCATION, R.TALENT, R.VENUE}),
    "文体": frozenset({R.CULTURE, R.VENUE}),
    "法律": frozenset({R.TALENT, R.POLICY}),
    "平安": frozenset({R.TALENT, R.MATERIAL}),
    "其他": frozenset({R.OTHER, R.MATERIAL, R.TALENT}),
}
CATEGORY_POINTS = 50
WORD_POINTS = 8
MAX_WORD_POINTS = 32
URGENCY_POINTS = {Urgency.NORMAL: 0, Urgency.URGENT: 5, Urgency.CRITICAL: 10}


@dataclass(frozen=True, slots=True)
class NeedItem:
    id: int
    title: str
    category: str
    urgency: Urgency
    households: int


@dataclass(frozen=True, slots=True)
class ResourceItem:
    id: int
    unit_id: int
    unit_name: str
    category: R
    content: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    need_id: int
    resource_id: int
    score: int
    reason: str


def bigrams(text: str) -> frozenset[str]:
    """Two-character pieces of the Chinese (and other word) characters of ``text``."""
    kept = "".join(ch for ch in text if ch.isalnum())
    return frozenset(kept[i : i + 2] for i in range(len(kept) - 1))


def serves(need_category: str, resource_category: R) -> bool:
    fits = SERVES.get(need_category.strip())
    if fits is None:
        return resource_category is R.OTHER
    return resource_category in fits


def suggest(
    needs: Sequence[NeedItem], resources: Iterable[ResourceItem], *, per_need: int = 3
) -> list[Suggestion]:
    """The best ``per_need`` resources for each need, best needs first.

    A pair needs a fitting category or at least two shared words to be suggested.
    """
    resource_list = [(r, bigrams(r.content)) for r in resources]
    suggestions: list[Suggestion] = []
    for need in needs:
        words = bigrams(need.title)
        ranked: list[tuple[int, int, str]] = []
        for resource, their_words in resource_list:
            fits = serves(need.category, resource.category)
            shared = len(words & their_words)
            if not fits and shared < 2:
                continue
            score = (CATEGORY_POINTS if fits else 0) + min(MAX_WORD_POINTS, shared * WORD_POINTS)
            score += URGENCY_POINTS[Urgency(need.urgency)] + min(10, need.households // 10)
            reasons = []
            if fits:
                reasons.append(f"{resource.category.label}可用于{need.category}")
            if shared:
                reasons.append(f"内容有 {shared} 处相近")
            ranked.append((score, resource.id, "；".join(reasons)))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        suggestions.extend(
            Suggestion(need.id, resource_id, score, reason)
            for score, resource_id, reason in ranked[:per_need]
        )
    suggestions.sort(key=lambda s: (-s.score, s.need_id, s.resource_id))
    return suggestions
