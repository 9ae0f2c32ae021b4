"""The four-lists area: needs, resources, projects and their claims (as commitments),
resident ratings and wall postings, for every alliance.

Per alliance: 26 needs from every source, 13 resources from its member units, 12
projects — 10 finished and rated by residents, the other two cycling through every
other state across the alliances — and two posted issues with adjustments. At
``--scale 1`` that is 624 needs, 312 resources and 288 projects (240 已评议); claims
are commitments (单位→社区) with their state histories, like the rest of the demo.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from alliance_desk.core.four_lists.masking import public_need_title
from alliance_desk.core.four_lists.matching import serves
from alliance_desk.core.four_lists.postings import adjustments
from alliance_desk.core.four_lists.vocab import (
    NeedSource,
    NeedState,
    ProjectOrigin,
    ProjectState,
    Proposer,
    ResourceCategory,
    ResourceState,
    Urgency,
)
from alliance_desk.core.vocab import (
    AgendaKind,
    AgendaOrigin,
    CommitmentDirection,
    CommitmentState,
    MeetingState,
    UnitCategory,
)
from alliance_desk.services.demo import four_list_texts as texts
from alliance_desk.services.demo import people
from alliance_desk.services.demo.audit import AuditLog
from alliance_desk.services.demo.common import (
    DEMO_TODAY,
    DemoData,
    Row,
    child_rng,
    draw_int,
    pick,
)
from alliance_desk.services.demo.context import AllianceContext, build_contexts
from alliance_desk.services.demo.timeline import Workdays
from alliance_desk.services.four_lists.projects import MEETING_ITEM_PREFIX
from alliance_desk.storage.models import (
    AgendaItem,
    AuditEntry,
    Commitment,
    Meeting,
    Need,
    ProgressUpdate,
    Project,
    ProjectClaim,
    ProjectNeed,
    ProjectResource,
    ResidentRating,
    Resource,
    WallPosting,
)

TODAY = DEMO_TODAY
NEEDS_PER_ALLIANCE = 26
RESOURCES_PER_ALLIANCE = 13
RATED_PER_ALLIANCE = 10
OTHER_FATES = (
    ProjectState.DRAFT,
    ProjectState.PUBLISHED,
    ProjectState.CLAIMED,
    ProjectState.IN_PROGRESS,
    ProjectState.DONE,
    ProjectState.SHELVED,
    ProjectState.WITHDRAWN,
)
FIRST_DAY = date(TODAY.year - 2, 2, 1)
POSTING_DAYS = (date(TODAY.year, 5, 29), date(TODAY.year, 9, 30))
CATEGORIES = tuple(texts.NEEDS)
SOURCES = tuple(NeedSource)
UNFINISHED_NEED_FATES = (
    NeedState.PENDING,
    NeedState.PENDING,
    NeedState.PENDING,
    NeedState.VERIFIED,
    NeedState.VERIFIED,
    NeedState.VERIFIED,
    NeedState.VERIFIED,
    NeedState.MERGED,
    NeedState.REFERRED,
    NeedState.REJECTED,
    NeedState.REJECTED,
)


@dataclass
class _Rows:
    needs: list[Row] = field(default_factory=list)
    resources: list[Row] = field(default_factory=list)
    projects: list[Row] = field(default_factory=list)
    project_needs: list[Row] = field(default_factory=list)
    project_resources: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    ratings: list[Row] = field(default_factory=list)
    postings: list[Row] = field(default_factory=list)
    commitments: list[Row] = field(default_factory=list)
    progress: list[Row] = field(default_factory=list)
    need_codes: dict[int, int] = field(default_factory=dict)
    wall: dict[int, dict[str, object]] = field(default_factory=dict)
    """Per project: what its posted line shows (resource, units, persons, percent)."""
    project_codes: dict[int, int] = field(default_factory=dict)


@dataclass
class _Timeline:
    """One project's days; None where it never got there."""

    created: date
    published: date | None = None
    claimed: date | None = None
    started: date | None = None
    finished: date | None = None
    rated: date | None = None
    shelved: date | None = None
    withdrawn: date | None = None


def generate_four_lists(rng: random.Random, scale: int, data: DemoData) -> None:
    clerks_rng = child_rng(rng)
    actors = [people.person_name(clerks_rng) for _ in range(scale)]
    contexts = build_contexts(data, actors)
    streams = [child_rng(rng) for _ in contexts]
    rows = _Rows()
    audit = AuditLog()
    next_commitment = len(data.of(Commitment)) + 1
    next_progress = len(data.of(ProgressUpdate)) + 1
    maker = _Maker(rows, audit, Workdays(), next_commitment, next_progress)
    for index, (context, stream) in enumerate(zip(contexts, streams, strict=True)):
        maker.alliance(stream, context, index)
    data.add(Need, rows.needs)
    data.add(Resource, rows.resources)
    _link_to_meetings(data, rows.projects)
    data.add(Project, rows.projects)
    data.add(ProjectNeed, rows.project_needs)
    data.add(ProjectResource, rows.project_resources)
    data.add(Commitment, rows.commitments)
    data.add(ProgressUpdate, rows.progress)
    data.add(ProjectClaim, rows.claims)
    data.add(ResidentRating, rows.ratings)
    data.add(WallPosting, rows.postings)
    data.add(AuditEntry, audit.rows(first_id=len(data.of(AuditEntry)) + 1))


def _link_to_meetings(data: DemoData, projects: list[Row]) -> None:
    """A project 联席会议对接 was matched at the alliance's last meeting held in the 100 days
    before it was made (meetings are quarterly): one 需求—资源对接 item on that agenda names
    the meeting's projects, with the outcome the minutes record. Without such a meeting the
    project came about by 揭榜 instead."""
    held: dict[int, list[Row]] = {}
    for meeting in data.of(Meeting):
        if meeting["state"] in (MeetingState.HELD, MeetingState.APPROVED):
            held.setdefault(meeting["alliance_id"], []).append(meeting)
    matched: dict[int, list[Row]] = {}
    meetings: dict[int, Row] = {}
    for project in projects:
        if project["origin"] is not ProjectOrigin.MEETING:
            continue
        made = project["created_on"]
        before = [
            m
            for m in held.get(project["alliance_id"], [])
            if made - timedelta(days=100) <= m["starts_at"].date() <= made
        ]
        if not before:
            project["origin"] = ProjectOrigin.VOLUNTEERED
            continue
        meeting = max(before, key=lambda m: m["starts_at"])
        meetings[meeting["id"]] = meeting
        matched.setdefault(meeting["id"], []).append(project)
    agenda = data.of(AgendaItem)
    last_position: dict[int, int] = {}
    for item in agenda:
        meeting_id = item["meeting_id"]
        last_position[meeting_id] = max(last_position.get(meeting_id, 0), item["position"])
    added: list[Row] = []
    for meeting_id, group in matched.items():
        item_id = len(agenda) + len(added) + 1
        added.append({
            "id": item_id,
            "meeting_id": meeting_id,
            "position": last_position.get(meeting_id, 0) + 1,
            "title": MEETING_ITEM_PREFIX + "；".join(p["name"] for p in group),
            "kind": AgendaKind.CONSULTATION,
            "presenter_unit_id": group[0]["community_unit_id"],
            "minutes_allotted": 10,
            "origin": AgendaOrigin.PROPOSED,
            "summary": texts.MEETING_OUTCOME,
            "reached": True,
            "version": 1,
        })  # fmt: skip
        for project in group:
            project["agenda_item_id"] = item_id
    data.add(AgendaItem, added)


class _Maker:
    def __init__(
        self, rows: _Rows, audit: AuditLog, days: Workdays, commitment_id: int, progress_id: int
    ) -> None:
        self.rows, self.audit, self.days = rows, audit, days
        self.commitment_id, self.progress_id = commitment_id, progress_id

    # --- one alliance ---------------------------------------------------------------------
    def alliance(self, rng: random.Random, ctx: AllianceContext, index: int) -> None:
        if not ctx.lead or ctx.lead.get("category") is not UnitCategory.COMMUNITY:
            return
        providers = [
            u for u in ctx.members_on(TODAY) if u["category"] is not UnitCategory.COMMUNITY
        ]
        if not providers:
            return
        resources = [self._resource(rng, ctx, providers, i) for i in range(RESOURCES_PER_ALLIANCE)]
        fates = [ProjectState.RATED] * RATED_PER_ALLIANCE + [
            OTHER_FATES[(index * 2 + k) % len(OTHER_FATES)] for k in range(2)
        ]
        projects: list[tuple[Row, _Timeline, list[Row]]] = []
        for number, fate in enumerate(fates):
            timeline = self._timeline(rng, fate)
            group = [self._need(rng, ctx, timeline.created - timedelta(days=draw_int(rng, 5, 40)))]
            if number % 4 == 0:
                group.append(self._need(rng, ctx, group[0]["registered_on"]))
            projects.append(self._project(rng, ctx, fate, timeline, group, resources))
        linked = sum(len(group) for _p, _t, group in projects)
        for number in range(max(0, NEEDS_PER_ALLIANCE - linked)):
            self._loose_need(rng, ctx, UNFINISHED_NEED_FATES[number % len(UNFINISHED_NEED_FATES)])
        self._postings(ctx, projects)

    # --- needs ---------------------------------------------------------------------------------
    def _need(self, rng: random.Random, ctx: AllianceContext, registered: date) -> Row:
        registered = max(FIRST_DAY - timedelta(days=30), min(registered, TODAY))
        category = pick(rng, CATEGORIES)
        title = pick(rng, texts.NEEDS[category])
        year = registered.year
        self.rows.need_codes[year] = self.rows.need_codes.get(year, 0) + 1
        proposer = rng.choices(tuple(Proposer), weights=(7, 2, 2))[0]
        row = {
            "id": len(self.rows.needs) + 1,
            "code": f"XQ{year}-{self.rows.need_codes[year]:05d}",
            "title": title,
            "content": f"{title}，涉及{ctx.lead['name']}网格内居民，希望尽快协调解决。",
            "category": category,
            "alliance_id": ctx.id,
            "community_unit_id": ctx.lead["id"],
            "grid": f"第{draw_int(rng, 1, 8)}网格",
            "source": pick(rng, SOURCES),
            "proposer": proposer,
            "proposer_name": people.person_name(rng) if proposer is not Proposer.UNIT else "",
            "proposer_phone": people.mobile(rng) if rng.random() < 0.7 else "",
            "households": draw_int(rng, 1, 120),
            "urgency": rng.choices(tuple(Urgency), weights=(6, 3, 1))[0],
            "registrar": ctx.actor,
            "registered_on": registered,
            "public": rng.random() < 0.85,
            "state": NeedState.MATCHED,
            "state_reason": "",
            "merged_into_id": None,
            "version": 1,
        }
        self.rows.needs.append(row)
        return row

    def _loose_need(self, rng: random.Random, ctx: AllianceContext, fate: NeedState) -> None:
        registered = self.days.between(rng, TODAY - timedelta(days=200), TODAY - timedelta(days=2))
        row = self._need(rng, ctx, registered)
        row["state"] = fate
        if fate in (NeedState.MERGED, NeedState.REFERRED, NeedState.REJECTED):
            row["state_reason"] = texts.NEED_EXIT_REASONS[fate.value]
        if fate is NeedState.MERGED:
            row["merged_into_id"] = row["id"] - 1

    # --- resources ---------------------------------------------------------------------------
    def _resource(
        self, rng: random.Random, ctx: AllianceContext, providers: list[Row], number: int
    ) -> Row:
        category = tuple(ResourceCategory)[number % len(ResourceCategory)]
        content, quantity = pick(rng, texts.RESOURCES[category])
        state = (
            ResourceState.PAUSED
            if number == 11
            else ResourceState.EXPIRED
            if number == 12
            else ResourceState.ACTIVE
        )
        row = {
            "id": len(self.rows.resources) + 1,
            "alliance_id": ctx.id,
            "unit_id": pick(rng, providers)["id"],
            "category": category,
            "content": content,
            "quantity": quantity,
            "contact": people.person_name(rng),
            "contact_phone": people.mobile(rng),
            "valid_until": None
            if rng.random() < 0.5
            else date(TODAY.year + draw_int(rng, 0, 1), 12, 31),
            "state": state,
            "version": 1,
        }
        self.rows.resources.append(row)
        return row

    # --- projects -----------------------------------------------------------------------------
    def _timeline(self, rng: random.Random, fate: ProjectState) -> _Timeline:
        days = self.days
        if fate is ProjectState.RATED:
            created = days.between(rng, FIRST_DAY, TODAY - timedelta(days=200))
        elif fate is ProjectState.DRAFT:
            created = days.between(rng, TODAY - timedelta(days=40), TODAY - timedelta(days=3))
        else:
            created = days.between(rng, TODAY - timedelta(days=240), TODAY - timedelta(days=60))
        t = _Timeline(created)
        if fate is ProjectState.DRAFT:
            return t
        t.published = days.on_or_after(created + timedelta(days=draw_int(rng, 2, 10)))
        if fate is ProjectState.WITHDRAWN:
            t.withdrawn = days.on_or_after(t.published + timedelta(days=draw_int(rng, 20, 40)))
            return t
        if fate is ProjectState.PUBLISHED:
            return t
        t.claimed = days.on_or_after(t.published + timedelta(days=draw_int(rng, 1, 25)))
        if fate is ProjectState.SHELVED:
            t.shelved = days.on_or_after(t.claimed + timedelta(days=draw_int(rng, 10, 30)))
            return t
        if fate is ProjectState.CLAIMED:
            return t
        t.started = days.on_or_after(t.claimed + timedelta(days=draw_int(rng, 3, 20)))
        if fate is ProjectState.IN_PROGRESS:
            return t
        t.finished = days.on_or_before(
            min(TODAY - timedelta(days=5), t.started + timedelta(days=draw_int(rng, 20, 110)))
        )
        t.finished = max(t.finished, t.started)
        if fate is ProjectState.RATED:
            t.rated = min(
                TODAY, days.on_or_after(t.finished + timedelta(days=draw_int(rng, 3, 15)))
            )
        return t

    def _project(
        self,
        rng: random.Random,
        ctx: AllianceContext,
        fate: ProjectState,
        t: _Timeline,
        needs: list[Row],
        resources: list[Row],
    ) -> tuple[Row, _Timeline, list[Row]]:
        year = t.created.year
        self.rows.project_codes[year] = self.rows.project_codes.get(year, 0) + 1
        category = needs[0]["category"]
        fitting = [r for r in resources if serves(category, r["category"])] or resources
        resource = pick(rng, fitting)
        planned_start = t.created + timedelta(days=draw_int(rng, 5, 15))
        planned_end = planned_start + timedelta(days=draw_int(rng, 60, 150))
        origin = rng.choices(tuple(ProjectOrigin), weights=(5, 3, 2))[0]
        row = {
            "id": len(self.rows.projects) + 1,
            "code": f"XM{year}-{self.rows.project_codes[year]:05d}",
            "name": needs[0]["title"].replace("希望", "").replace("需要", "")[:16] + "项目",
            "alliance_id": ctx.id,
            "community_unit_id": ctx.lead["id"],
            "lead_unit_id": None,
            "participants": "",
            "measures": pick(rng, texts.MEASURES),
            "expected_outcome": f"解决{needs[0]['households']}户居民的实际困难",
            "planned_start": planned_start,
            "planned_end": planned_end,
            "origin": origin,
            "agenda_item_id": None,
            "state": fate,
            "shelved_from": ProjectState.CLAIMED if fate is ProjectState.SHELVED else None,
            "created_on": t.created,
            "published_on": t.published,
            "claimed_on": t.claimed,
            "finished_on": t.finished,
            "state_reason": pick(rng, texts.SHELVE_REASONS)
            if t.shelved
            else (pick(rng, texts.WITHDRAW_REASONS) if t.withdrawn else ""),
            "outcome": pick(rng, texts.OUTCOMES) if t.finished else "",
            "version": 1,
        }
        self.rows.projects.append(row)
        need_state = {
            ProjectState.DONE: NeedState.DONE,
            ProjectState.RATED: NeedState.RATED,
            ProjectState.WITHDRAWN: NeedState.VERIFIED,
        }.get(fate, NeedState.MATCHED)
        for need in needs:
            need["state"] = need_state
            self.rows.project_needs.append(
                {
                    "id": len(self.rows.project_needs) + 1,
                    "project_id": row["id"],
                    "need_id": need["id"],
                }
            )
        self.rows.project_resources.append(
            {
                "id": len(self.rows.project_resources) + 1,
                "project_id": row["id"],
                "resource_id": resource["id"],
            }
        )
        provider = next(u for _seat, u in ctx.seats if u["id"] == resource["unit_id"])
        wall: dict[str, object] = {
            "resource": f"{resource['content']}／{provider['name']}",
            "units": [],
            "persons": [],
        }
        self.rows.wall[row["id"]] = wall
        if t.claimed is not None:
            claimers = [
                u
                for u in ctx.members_on(t.claimed)
                if u["category"] is not UnitCategory.COMMUNITY
                and u in ctx.members_on(t.finished or TODAY)
            ]
            count = 2 if fate is ProjectState.RATED and rng.random() < 0.15 else 1
            chosen = rng.sample(claimers, min(count, len(claimers))) if claimers else []
            for unit in chosen:
                self._claim(rng, ctx, row, t, unit)
                wall["units"].append(unit["name"])  # type: ignore[attr-defined]
                wall["persons"].append(self.rows.claims[-1]["responsible_person"])  # type: ignore[attr-defined]
            if chosen:
                row["lead_unit_id"] = chosen[0]["id"]
                row["participants"] = "、".join(u["name"] for u in chosen[1:])
        if t.rated is not None:
            votes = draw_int(rng, 25, 80)
            unhappy = draw_int(rng, 0, max(1, votes // 15))
            basic = draw_int(rng, 0, votes // 4)
            self.rows.ratings.append(
                {
                    "id": len(self.rows.ratings) + 1,
                    "project_id": row["id"],
                    "rated_on": t.rated,
                    "participants": votes + draw_int(rng, 0, 5),
                    "satisfied": votes - basic - unhappy,
                    "basically_satisfied": basic,
                    "unsatisfied": unhappy,
                    "comments": pick(rng, texts.RESIDENT_COMMENTS),
                    "version": 1,
                }
            )
        return row, t, needs

    def _claim(
        self, rng: random.Random, ctx: AllianceContext, project: Row, t: _Timeline, unit: Row
    ) -> None:
        assert t.claimed is not None
        cid = self.commitment_id
        self.commitment_id += 1
        due = project["planned_end"]
        row: Row = {
            "id": cid,
            "alliance_id": ctx.id,
            "promisor_unit_id": unit["id"],
            "promisee_unit_id": ctx.lead["id"],
            "direction": CommitmentDirection.UNIT_TO_COMMUNITY,
            "content": f"认领“{project['name']}”：{project['measures']}",
            "category": "四项清单",
            "source_decision_id": None,
            "made_on": t.claimed,
            "due_on": due,
            "state": CommitmentState.PROPOSED,
            "fulfilled_on": None,
            "cancel_reason": "",
            "version": 1,
        }
        self.rows.commitments.append(row)
        trail = self.audit.trail(rng, ctx.actor, Commitment.__tablename__, kept=ctx.audited)
        trail.inserted(t.claimed, row)
        steps: list[tuple[date, dict[str, object]]] = [
            (t.claimed, {"state": CommitmentState.ACCEPTED})
        ]
        if t.started is not None:
            steps.append((t.started, {"state": CommitmentState.IN_PROGRESS}))
            percent = draw_int(rng, 2, 8) * 10
            self.rows.wall[project["id"]]["percent"] = percent
            self._progress(cid, t.started, percent, "已启动，按节点推进")
        if t.finished is not None:
            self._progress(cid, t.finished, 100, "已完成")
            steps.append(
                (t.finished, {"state": CommitmentState.FULFILLED, "fulfilled_on": t.finished})
            )
        for day, after in steps:
            before = {key: row[key] for key in after}
            row.update(after)
            trail.updated(day, cid, before, after)
        self.rows.claims.append(
            {
                "id": len(self.rows.claims) + 1,
                "project_id": project["id"],
                "commitment_id": cid,
                "responsible_person": unit.get("secretary") or people.person_name(rng),
                "milestones": f"{t.claimed:%m月%d日} 认领；{due:%m月%d日} 前完成",
                "version": 1,
            }
        )

    def _progress(self, cid: int, day: date, percent: int, note: str) -> None:
        self.rows.progress.append(
            {
                "id": self.progress_id,
                "commitment_id": cid,
                "recorded_on": day,
                "note": note,
                "percent": percent,
                "evidence_note": "",
                "attachment_path": "",
                "version": 1,
            }
        )
        self.progress_id += 1

    # --- wall postings -------------------------------------------------------------------------
    def _postings(
        self, ctx: AllianceContext, projects: list[tuple[Row, _Timeline, list[Row]]]
    ) -> None:
        previous: dict[str, dict[str, str]] | None = None
        for number, day in enumerate(POSTING_DAYS, start=1):
            lines = {
                str(p["id"]): _line(p, t, needs, self.rows.wall[p["id"]], day)
                for p, t, needs in projects
                if t.published is not None
                and t.published <= day
                and (t.finished is None or t.finished >= date(day.year, 1, 1))
                and (t.withdrawn is None or t.withdrawn > day)
                and (t.shelved is None or t.shelved > day)
            }
            changes = adjustments(previous, lines)
            self.rows.postings.append(
                {
                    "id": len(self.rows.postings) + 1,
                    "scope_key": f"alliance:{ctx.id}",
                    "alliance_id": ctx.id,
                    "number": number,
                    "posted_on": day,
                    "paper": "A4",
                    "lines": json.dumps(lines, ensure_ascii=False),
                    "adjustments": "\n".join(c.text for c in changes),
                    "version": 1,
                }
            )
            previous = lines


def _line(
    project: Row, t: _Timeline, needs: list[Row], wall: dict[str, object], day: date
) -> dict[str, str]:
    """A posted line as ``services.four_lists.postings`` prints it, as of ``day``."""
    claimed = t.claimed is not None and t.claimed <= day
    if t.finished is not None and t.finished <= day:
        progress = f"已办结（{t.finished:%m月%d日}）"
    elif t.started is not None and t.started <= day:
        progress = f"实施中 {wall['percent']}%" if "percent" in wall else "实施中"
    elif claimed:
        progress = "已认领"
    else:
        progress = "公示待认领"
    if claimed and not (t.finished and t.finished <= day) and project["planned_end"] < day:
        progress += "（逾期）"
    units = wall["units"] if claimed else []
    persons = wall["persons"] if claimed else []
    assert isinstance(units, list) and isinstance(persons, list)
    return {
        "need": "\n".join(
            public_need_title(
                n["title"],
                public=n["public"],
                proposer_name=n["proposer_name"],
                category=n["category"],
            )
            for n in needs
        ),
        "resource": str(wall["resource"]),
        "project": project["name"],
        "unit": "\n".join(units) or "待认领",
        "person": "、".join(p for p in persons if p) or "—",
        "due": project["planned_end"].isoformat(),
        "progress": progress,
    }
