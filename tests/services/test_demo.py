"""The demo data generator: shape, determinism, refusal, replacement, scale."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from alliance_desk.core.errors import DomainError
from alliance_desk.core.text import normalize_name
from alliance_desk.core.vocab import ChairPeriod, MembershipRole, UnitCategory
from alliance_desk.services import Database
from alliance_desk.services.bootstrap import open_database
from alliance_desk.services.demo import DemoData, build_demo, generate_demo, is_empty
from alliance_desk.services.demo import generator as demo_generator
from alliance_desk.storage.base import Base
from alliance_desk.storage.models import Alliance, AuditEntry, Membership, Unit

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0436-6\d{6}$")
TIMESTAMPS = {"created_at", "updated_at"}


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ordered by id, without the timestamps."""
    result = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in TIMESTAMPS]
            rows = connection.execute(select(*columns).order_by(table.c.id))
            result[table.name] = [tuple(row) for row in rows]
    return result


def sqlite_demo(path: Path, **kwargs: Any) -> dict[str, list[tuple[Any, ...]]]:
    database = open_database(f"sqlite:///{path}", auto_backup=False)
    try:
        generate_demo(database, **kwargs)
        return dump(database.engine)
    finally:
        database.dispose()


def add_own_unit(db: Database, name: str = "自建测试单位") -> None:
    with db.transaction() as session:
        session.add(Unit(name=name, name_key=normalize_name(name),
                         category=UnitCategory.GOVERNMENT))


def rows(db: Database, model: type[Base]) -> list[Any]:
    with db.reading() as session:
        return list(session.scalars(select(model).order_by(model.id)))  # type: ignore[attr-defined]


def test_scale_one_matches_the_article(db: Database) -> None:
    summary = generate_demo(db)
    units, alliances, memberships = rows(db, Unit), rows(db, Alliance), rows(db, Membership)
    assert (summary.alliances, summary.units, summary.memberships) == (
        len(alliances), len(units), len(memberships))
    assert len(alliances) == 24
    assert 160 <= len(units) <= 170
    assert set(Counter(u.category for u in units)) == set(UnitCategory)
    assert sum(u.category is UnitCategory.COMMUNITY for u in units) == 24
    assert {a.chair_period for a in alliances} == set(ChairPeriod)
    assert Counter(a.chair_period for a in alliances).most_common(1)[0][0] is ChairPeriod.QUARTER
    assert all(2019 <= a.founded_on.year <= 2023 and "第一条" in a.charter for a in alliances)
    assert all(3 <= u.party_member_count <= 120 and u.secretary != u.liaison for u in units)
    assert all(u.party_org_name.endswith(("党支部", "党委", "党总支")) for u in units)
    assert 0 < summary.inactive_units == sum(not u.active for u in units) < 10


def test_every_alliance_has_seven_to_ten_members_and_one_lead(db: Database) -> None:
    generate_demo(db)
    units = {u.id: u for u in rows(db, Unit)}
    alliances = {a.id: a for a in rows(db, Alliance)}
    seats: dict[int, list[Membership]] = defaultdict(list)
    for membership in rows(db, Membership):
        seats[membership.alliance_id].append(membership)
    assert set(seats) == set(alliances)
    for alliance_id, members in seats.items():
        alliance = alliances[alliance_id]
        assert 7 <= len(members) <= 10
        assert sum(m.left_on is None for m in members) >= 7
        leads = [m for m in members if m.role is MembershipRole.LEAD]
        assert len(leads) == 1
        lead_unit = units[leads[0].unit_id]
        assert lead_unit.category is UnitCategory.COMMUNITY
        assert alliance.name.startswith(lead_unit.name)
        assert alliance.lead_organisation == lead_unit.party_org_name
        assert sorted(m.rotation_order for m in members) == list(range(1, len(members) + 1))
        assert len({m.unit_id for m in members}) == len(members)
        assert all(m.joined_on >= alliance.founded_on for m in members)


def test_membership_history_is_consistent(db: Database) -> None:
    generate_demo(db)
    memberships = rows(db, Membership)
    ended = [m for m in memberships if m.left_on is not None]
    assert 0 < len(ended) < len(memberships) // 10
    assert all(m.left_on >= m.joined_on and not m.chair_eligible for m in ended)
    assert sum(m.chair_eligible for m in memberships) > 0.8 * len(memberships)
    per_unit = Counter(m.unit_id for m in memberships)
    assert max(per_unit.values()) == 3 and 2 in per_unit.values()
    current = {m.unit_id for m in memberships if m.left_on is None}
    for unit in rows(db, Unit):
        assert unit.active == (unit.id in current)


def test_names_keys_and_phones(db: Database) -> None:
    generate_demo(db, scale=2)
    units, alliances = rows(db, Unit), rows(db, Alliance)
    for record in (*units, *alliances):
        assert record.name_key == normalize_name(record.name)
    assert all(MOBILE.match(u.phone) or LANDLINE.match(u.phone) for u in units)
    assert any(LANDLINE.match(u.phone) for u in units)
    assert any(MOBILE.match(u.phone) for u in units)
    assert all(u.address.startswith("洮南市") for u in units)


def test_scale_two_doubles_and_keeps_names_unique(db: Database) -> None:
    summary = generate_demo(db, scale=2)
    one = build_demo(scale=1)
    assert summary.alliances == 48
    assert summary.units == 2 * len(one.of(Unit))
    units = rows(db, Unit)
    assert len({u.name_key for u in units}) == len(units)
    assert len({a.name_key for a in rows(db, Alliance)}) == 48
    assert any(u.name.startswith("兴隆街道") for u in units)


def test_same_seed_gives_the_same_rows_in_two_files(tmp_path: Path) -> None:
    first = sqlite_demo(tmp_path / "a.sqlite", scale=2)
    second = sqlite_demo(tmp_path / "b.sqlite", scale=2)
    assert first == second
    assert len(first["unit"]) == 330
    # Bulk inserts bypass the audit hook on purpose; the only entries are the demo's own
    # state histories of meetings and commitments.
    assert {entry[3] for entry in first["audit_entry"]} == {"meeting", "commitment"}


def test_this_backend_stores_the_same_rows_as_sqlite(db: Database, tmp_path: Path) -> None:
    generate_demo(db)
    assert dump(db.engine) == sqlite_demo(tmp_path / "reference.sqlite")


DIGEST = """
import hashlib
from alliance_desk.services.demo import build_demo
rows = [(model.__tablename__, r) for model, r in build_demo(scale=2).rows.items()]
print(hashlib.sha256(repr(rows).encode()).hexdigest())
"""


def test_rows_do_not_depend_on_hash_randomisation() -> None:
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", DIGEST], env=env, capture_output=True,
                             text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_another_seed_gives_other_rows() -> None:
    assert build_demo(seed=1).of(Unit) != build_demo(seed=2).of(Unit)


def test_a_later_area_does_not_change_earlier_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    before = build_demo()

    def greedy(rng: random.Random, _scale: int, _data: DemoData) -> None:
        rng.random()

    monkeypatch.setattr(demo_generator, "AREAS", (("later", greedy), *demo_generator.AREAS))
    assert build_demo().rows == before.rows


def test_refuses_a_database_with_data_and_leaves_it_unchanged(db: Database) -> None:
    add_own_unit(db)
    before = dump(db.engine)
    assert not is_empty(db)
    with pytest.raises(DomainError, match=r"^数据库中已有数据"):
        generate_demo(db)
    assert dump(db.engine) == before


def test_replace_deletes_everything_first(db: Database, tmp_path: Path) -> None:
    add_own_unit(db)
    summary = generate_demo(db, replace=True)
    assert summary.replaced
    assert dump(db.engine) == sqlite_demo(tmp_path / "fresh.sqlite")
    add_own_unit(db, "演示之后新建的单位")  # ids (and PostgreSQL sequences) moved on
    with db.reading() as session:
        assert session.scalar(select(func.max(Unit.id))) == summary.units + 1


def test_replacing_demo_data_clears_meetings_and_commitments_too(db: Database) -> None:
    from datetime import datetime, timedelta

    from alliance_desk.services.demo import DEMO_TODAY
    from alliance_desk.services.meetings import list_meetings, meeting_history, schedule_meeting

    generate_demo(db, seed=5)
    summary = generate_demo(db, replace=True)
    fresh = build_demo()
    with db.reading() as session:
        for table in Base.metadata.sorted_tables:
            count = session.scalar(select(func.count()).select_from(table))
            if table.name == "assessment_result":  # computed from the rows once written
                assert count == len(fresh.of(Unit)) - sum(not u["active"] for u in fresh.of(Unit))
                continue
            assert count == sum(len(r) for m, r in fresh.rows.items() if m.__table__ is table)
    # Ids (and PostgreSQL sequences) moved past the demo rows: a clerk's meeting comes next.
    last = list_meetings(db, alliance_id=1)[-1]
    starts_at = datetime.combine(last.starts_at.date() + timedelta(days=7), last.starts_at.time())
    scheduled = schedule_meeting(
        db, alliance_id=1, starts_at=starts_at, confirm_non_working_day=True, today=DEMO_TODAY
    ).meeting
    assert scheduled is not None
    assert scheduled.meeting.id == summary.meetings + 1
    assert scheduled.meeting.sequence_no == last.sequence_no + 1
    assert [e.after.value for e in meeting_history(db, scheduled.meeting.id)] == ["draft"]


def test_a_failure_writes_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo_generator, "advance_sequences", boom)
    with pytest.raises(RuntimeError):
        generate_demo(db)
    assert is_empty(db)
    add_own_unit(db)
    before = dump(db.engine)
    with pytest.raises(RuntimeError):
        generate_demo(db, replace=True)
    assert dump(db.engine) == before


def test_progress_is_reported_up_to_the_total(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    summary = generate_demo(db, progress=lambda done, total: calls.append((done, total)))
    total = summary.rows
    assert total == sum(len(rows) for rows in build_demo().rows.values())
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


@pytest.mark.parametrize("scale", [0, -1, 1001, 1.5, True])
def test_bad_scale_is_refused(db: Database, scale: Any) -> None:
    with pytest.raises(DomainError, match="规模"):
        generate_demo(db, scale=scale)
    assert is_empty(db)


def test_is_empty(db: Database) -> None:
    assert is_empty(db)
    generate_demo(db)
    assert not is_empty(db)
    with pytest.raises(DomainError, match="165 个成员单位、24 个党建联盟"):
        generate_demo(db, seed=1)
    with db.reading() as session:  # the refused second run wrote no audit entry either
        entities = session.scalars(select(AuditEntry.entity)).all()
    assert len(entities) == len(build_demo().of(AuditEntry))
    assert set(entities) == {"meeting", "commitment"}
