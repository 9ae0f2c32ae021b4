"""``generate_demo``: the whole demo data set in one transaction."""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import DomainError
from alliance_desk.services.database import Database
from alliance_desk.services.demo.activity import generate_activity
from alliance_desk.services.demo.common import DemoData, area_rng
from alliance_desk.services.demo.four_lists import generate_four_lists
from alliance_desk.services.demo.projects import generate_projects, sign_off_demo_year
from alliance_desk.services.demo.register import generate_register
from alliance_desk.services.demo.rotation import generate_rotation
from alliance_desk.services.demo.workday import generate_workday
from alliance_desk.services.demo.writer import Progress, advance_sequences, clear_all, write_rows
from alliance_desk.storage.models import (
    Alliance,
    ChairTerm,
    Commitment,
    Evaluation,
    Meeting,
    Membership,
    Unit,
)

DEFAULT_SEED = 20261127
MAX_SCALE = 1000

Area = Callable[[random.Random, int, DemoData], None]

#: Called in this order, each with its own random stream (named by the first item):
#: appending an area never changes the rows of the areas before it.
AREAS: tuple[tuple[str, Area], ...] = (
    ("register", generate_register),
    ("rotation", generate_rotation),
    ("meetings", generate_activity),  # meetings and the commitments made from and beside them
    ("four_lists", generate_four_lists),  # needs, resources, projects, claims, postings
    ("projects", generate_projects),  # 书记项目, 任务书, 督查, 年终考核
    ("workday", generate_workday),  # 双报到: members, activities and hours, pairs, evaluations
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    scale: int
    seed: int
    alliances: int
    units: int
    memberships: int
    chair_terms: int
    ended_memberships: int
    inactive_units: int
    replaced: bool
    meetings: int
    commitments: int
    evaluations: int
    """Ratings of commitments and year-end ratings (双向评价) together."""
    rows: int
    """Every row written, of every table (the progress total)."""


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of acyclic row dicts are made.

    The collector's full passes grow with the heap, so at ``--scale 100`` they cost
    about a third of the generation time and find nothing: rows hold no cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_demo(*, scale: int = 1, seed: int = DEFAULT_SEED) -> DemoData:
    """The demo rows in memory, without touching a database."""
    data = DemoData()
    with _collector_paused():
        for name, area in AREAS:
            area(area_rng(seed, name), scale, data)
    return data


def _counts(session: Session) -> tuple[int, int]:
    units = session.scalar(select(func.count()).select_from(Unit)) or 0
    alliances = session.scalar(select(func.count()).select_from(Alliance)) or 0
    return units, alliances


def is_empty(db: Database) -> bool:
    """True when the database holds no member units and no alliances."""
    with db.reading() as session:
        return _counts(session) == (0, 0)


def _refuse(units: int, alliances: int) -> DomainError:
    return DomainError(
        f"数据库中已有数据（{units} 个成员单位、{alliances} 个党建联盟），"
        "没有生成演示数据，现有数据也未作任何改动。"
        "如确需用演示数据替换，请选择“替换现有数据”（现有数据将全部删除）。"
    )


def generate_demo(
    db: Database,
    *,
    scale: int = 1,
    seed: int = DEFAULT_SEED,
    replace: bool = False,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill ``db`` with the demo data set; ``scale`` multiplies alliances and units.

    Same ``seed`` and ``scale`` → the same rows, on any day and any machine. A database
    that already holds data is refused unless ``replace``; then everything in it is
    deleted first, in the same transaction as the new rows.
    """
    if isinstance(scale, bool) or not isinstance(scale, int) or not 1 <= scale <= MAX_SCALE:
        raise DomainError(f"演示数据规模必须是 1 到 {MAX_SCALE} 之间的整数。", field="scale")
    if not replace and not is_empty(db):  # fail fast, before building anything
        with db.reading() as session:
            raise _refuse(*_counts(session))
    data = build_demo(scale=scale, seed=seed)
    with db.transaction() as session, _collector_paused():
        units, alliances = _counts(session)
        replaced = (units, alliances) != (0, 0)
        if replaced and not replace:
            raise _refuse(units, alliances)
        if replace:
            clear_all(session)
        write_rows(session, data, progress)
        advance_sequences(session, data)
        sign_off_demo_year(db.within(session))
    memberships = data.of(Membership)
    return DemoSummary(
        scale=scale,
        seed=seed,
        alliances=len(data.of(Alliance)),
        units=len(data.of(Unit)),
        memberships=len(memberships),
        chair_terms=len(data.of(ChairTerm)),
        ended_memberships=sum(1 for m in memberships if m["left_on"] is not None),
        inactive_units=sum(1 for u in data.of(Unit) if not u["active"]),
        replaced=replaced,
        meetings=len(data.of(Meeting)),
        commitments=len(data.of(Commitment)),
        evaluations=len(data.of(Evaluation)),
        rows=sum(len(rows) for rows in data.rows.values()),
    )
