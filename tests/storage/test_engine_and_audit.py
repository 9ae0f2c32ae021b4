from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from alliance_desk.core.errors import ConflictError, DomainError
from alliance_desk.core.vocab import AuditAction, UnitCategory
from alliance_desk.services import Database
from alliance_desk.storage.engine import network_path_warning
from alliance_desk.storage.models import AuditEntry, Unit


def _unit(name: str) -> Unit:
    return Unit(name=name, name_key=name, category=UnitCategory.GOVERNMENT)


def test_sqlite_pragmas(db: Database) -> None:
    if db.sqlite_path is None:
        pytest.skip("SQLite only")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_savepoint_rolls_back_only_the_inner_part(db: Database) -> None:
    with db.transaction() as session:
        session.add(_unit("外层"))
        nested = session.begin_nested()
        session.add(_unit("内层"))
        session.flush()
        nested.rollback()
    with db.reading() as session:
        assert session.scalars(select(Unit.name)).all() == ["外层"]


def test_failed_save_rolls_back_everything(db: Database) -> None:
    with db.transaction() as session:
        session.add(_unit("重复"))
    with pytest.raises(DomainError, match="重复"), db.transaction() as session:
        session.add(_unit("新单位"))
        session.flush()
        session.add(_unit("重复"))
    with db.reading() as session:
        assert session.scalars(select(Unit.name)).all() == ["重复"]
        assert (
            session.scalar(
                select(AuditEntry).where(AuditEntry.after["name"].as_string() == "新单位")
            )
            is None
        )


def test_audit_records_who_what_before_after(db: Database) -> None:
    with db.transaction() as session:
        unit = _unit("市卫健委")
        session.add(unit)
    with db.transaction() as session:
        loaded = session.get(Unit, unit.id)
        assert loaded is not None
        loaded.phone = "13800000000"
    with db.transaction() as session:
        loaded = session.get(Unit, unit.id)
        session.delete(loaded)
    with db.reading() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == [
        AuditAction.INSERT,
        AuditAction.UPDATE,
        AuditAction.DELETE,
    ]
    assert all(
        e.actor == "测试员" and e.entity == "unit" and e.entity_id == unit.id for e in entries
    )
    assert entries[0].after is not None and entries[0].after["name"] == "市卫健委"
    assert entries[1].before == {"phone": ""} and entries[1].after == {"phone": "13800000000"}
    assert entries[2].before is not None and entries[2].before["phone"] == "13800000000"


def test_stale_write_is_refused(db: Database) -> None:
    with db.transaction() as session:
        unit = _unit("市住建局")
        session.add(unit)
    other = Database(db.location, actor="另一位")
    try:
        with db.reading() as session:
            mine = session.get(Unit, unit.id)
        with other.transaction() as session:
            theirs = session.get(Unit, unit.id)
            assert theirs is not None
            theirs.liaison = "张三"
        assert mine is not None
        with pytest.raises(ConflictError, match="已被他人修改"), db.transaction() as session:
            session.merge(mine).liaison = "李四"
    finally:
        other.dispose()
    with db.reading() as session:
        assert session.get(Unit, unit.id).liaison == "张三"  # type: ignore[union-attr]


def test_network_share_paths_are_warned_about(tmp_path: Path) -> None:
    assert network_path_warning(Path("//fileserver/share/alliance.sqlite")) is not None
    assert network_path_warning(tmp_path / "local.sqlite") is None
