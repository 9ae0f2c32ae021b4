"""Shared vocabulary, settings and look-ups for the 社区工作日 services."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_desk.core.errors import ValidationError
from alliance_desk.core.pinyin import by_pinyin
from alliance_desk.core.vocab import UnitCategory
from alliance_desk.services.database import Database
from alliance_desk.services.editing import load_for_edit
from alliance_desk.storage.models import Unit, WorkdaySettings

T = TypeVar("T")
CHUNK = 900  # SQLite's bound-parameter limit

REPORT_MODES: dict[str, str] = {"unit": "单位组织", "personal": "个人"}
GENDERS: tuple[str, ...] = ("男", "女")
PAIR_STATES: dict[str, str] = {"paired": "结对", "ended": "解除"}
RATINGS: dict[str, str] = {"good": "好", "fairly_good": "较好", "average": "一般", "poor": "差"}
DEFAULT_POST_CATEGORIES: tuple[str, ...] = (
    "政策宣讲",
    "送党课",
    "环境整治",
    "治安巡逻",
    "文明劝导",
    "关爱帮扶",
    "文体活动",
    "志愿服务",
)
HARDSHIP_CATEGORIES: tuple[str, ...] = (
    "低保户",
    "特困供养",
    "残疾人家庭",
    "空巢独居老人",
    "大病家庭",
    "困境儿童",
    "失业家庭",
)
DEFAULT_TARGET_HOURS = 20.0
DEFAULT_REPORT_THRESHOLD = 0.95


def chunks(values: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def label_code(labels: dict[str, str], text: str) -> str | None:
    """The code of a label or code (``单位组织`` or ``unit`` → ``unit``)."""
    text = "".join(text.split())
    for code, label in labels.items():
        if text in (code, label):
            return code
    return None


@dataclass(frozen=True, slots=True)
class Settings:
    target_hours: float
    report_threshold: float
    version: int | None
    """``None`` until the clerk first saves the settings."""


def read_settings(session: Session) -> Settings:
    row = session.scalars(select(WorkdaySettings).order_by(WorkdaySettings.id).limit(1)).first()
    if row is None:
        return Settings(DEFAULT_TARGET_HOURS, DEFAULT_REPORT_THRESHOLD, None)
    return Settings(float(row.target_hours), float(row.report_threshold), row.version)


def workday_settings(db: Database) -> Settings:
    """年度目标时长 and the 报到率 threshold (defaults 20 h and 95 % until saved)."""
    with db.reading() as session:
        return read_settings(session)


def save_workday_settings(
    db: Database, target_hours: float, report_threshold: float, *, expected_version: int | None
) -> Settings:
    """Save the settings; ``report_threshold`` is a share (0.95 for 95 %)."""
    errors: dict[str, str] = {}
    if not 0 <= target_hours <= 2000:
        errors["target_hours"] = "年度目标时长应在 0 到 2000 小时之间"
    if not 0 <= report_threshold <= 1:
        errors["report_threshold"] = "报到率预警线应在 0% 到 100% 之间"
    if errors:
        raise ValidationError(errors)
    with db.transaction() as session:
        first = session.scalar(select(WorkdaySettings.id).order_by(WorkdaySettings.id).limit(1))
        if first is None:
            row = WorkdaySettings()
            session.add(row)
        else:
            row = load_for_edit(
                session,
                WorkdaySettings,
                first,
                expected_version,
                missing="设置不存在",
                what=lambda _r: "社区工作日设置",
            )
        row.target_hours = float(target_hours)
        row.report_threshold = float(report_threshold)
        session.flush()
        return read_settings(session)


def communities(db: Database) -> list[tuple[int, str]]:
    """(id, name) of every active community (社区) by pinyin."""
    with db.reading() as session:
        rows = session.execute(
            select(Unit.id, Unit.name).where(
                Unit.category == UnitCategory.COMMUNITY, Unit.active.is_(True)
            )
        ).all()
    return [(int(i), n) for i, n in by_pinyin(rows, lambda r: r[1])]


def member_units(db: Database) -> list[tuple[int, str]]:
    """(id, name) of every active unit that is not a community (the members' 工作单位)."""
    with db.reading() as session:
        rows = session.execute(
            select(Unit.id, Unit.name).where(
                Unit.category != UnitCategory.COMMUNITY, Unit.active.is_(True)
            )
        ).all()
    return [(int(i), n) for i, n in by_pinyin(rows, lambda r: r[1])]


def community_error(session: Session, unit_id: int | None, *, required: bool = True) -> str | None:
    if unit_id is None:
        return "请选择社区" if required else None
    unit = session.get(Unit, unit_id)
    if unit is None:
        return "所选社区不存在"
    if unit.category is not UnitCategory.COMMUNITY:
        return f"“{unit.name}”不是社区"
    return None


def unit_error(session: Session, unit_id: int | None) -> str | None:
    if unit_id is None:
        return "请选择工作单位"
    unit = session.get(Unit, unit_id)
    if unit is None:
        return "所选单位不存在"
    if unit.category is UnitCategory.COMMUNITY:
        return f"“{unit.name}”是社区，不是报到单位"
    return None
