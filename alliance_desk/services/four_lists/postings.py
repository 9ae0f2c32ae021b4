"""上墙公示: the 四项清单公示表 of a community (an alliance) or of all, as issue 第N期.

``preview_posting`` builds the next issue (第N期, with 本期调整 — what changed since the
scope's last recorded issue) without recording it; once that issue is printed or saved as
PDF, ``record_issue`` stores it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from alliance_desk.core.commitments import is_overdue
from alliance_desk.core.errors import ConflictError, NotFoundError, ValidationError
from alliance_desk.core.four_lists.masking import mask_text, public_need_title
from alliance_desk.core.four_lists.postings import adjustments
from alliance_desk.core.four_lists.vocab import ProjectState
from alliance_desk.core.vocab import CommitmentState
from alliance_desk.services.database import Database
from alliance_desk.services.four_lists.common import chunks
from alliance_desk.storage.models import (
    Alliance,
    Commitment,
    Need,
    ProgressUpdate,
    Project,
    ProjectClaim,
    ProjectNeed,
    ProjectResource,
    Resource,
    Unit,
    WallPosting,
)

POSTED_STATES = (
    ProjectState.PUBLISHED,
    ProjectState.CLAIMED,
    ProjectState.IN_PROGRESS,
    ProjectState.DONE,
    ProjectState.RATED,
)
PAPERS = ("A4", "A3")


@dataclass(frozen=True, slots=True)
class PostingLine:
    """One line of the 公示表; every field is already public (needs masked)."""

    project_id: int
    need: str
    resource: str
    project: str
    unit: str
    person: str
    due: str
    progress: str

    def fields(self) -> dict[str, str]:
        return {
            "need": self.need,
            "resource": self.resource,
            "project": self.project,
            "unit": self.unit,
            "person": self.person,
            "due": self.due,
            "progress": self.progress,
        }


@dataclass(frozen=True, slots=True)
class PostingIssue:
    scope_title: str
    """联盟名称（社区）, or 全街道."""
    alliance_id: int | None
    number: int
    posted_on: date
    lines: tuple[PostingLine, ...]
    adjustments: tuple[str, ...]
    first: bool
    """No earlier issue of this scope: nothing to adjust against."""
    recorded: bool = False
    paper: str = "A4"

    @property
    def title(self) -> str:
        return f"{self.scope_title}四项清单公示表"


def _scope_key(alliance_id: int | None) -> str:
    return "all" if alliance_id is None else f"alliance:{alliance_id}"


def _scope_title(session: Session, alliance_id: int | None) -> str:
    if alliance_id is None:
        return "全街道"
    alliance = session.get(Alliance, alliance_id)
    if alliance is None:
        raise NotFoundError("所选联盟不存在，可能已被删除")
    return alliance.name


def posting_lines(session: Session, alliance_id: int | None, today: date) -> list[PostingLine]:
    """The projects on the wall: published and later, those finished only in this year."""
    query = select(
        Project.id, Project.name, Project.state, Project.finished_on, Project.planned_end
    ).where(
        Project.state.in_(POSTED_STATES),
        or_(Project.finished_on.is_(None), Project.finished_on >= date(today.year, 1, 1)),
    )
    if alliance_id is not None:
        query = query.where(Project.alliance_id == alliance_id)
    projects = session.execute(query.order_by(Project.code)).all()
    ids = [p.id for p in projects]
    needs: dict[int, list[str]] = defaultdict(list)
    resources: dict[int, list[str]] = defaultdict(list)
    claims: dict[int, list[tuple[str, str, date, CommitmentState, int | None]]] = defaultdict(list)
    latest = (
        select(ProgressUpdate.percent)
        .where(ProgressUpdate.commitment_id == Commitment.id)
        .order_by(ProgressUpdate.recorded_on.desc(), ProgressUpdate.id.desc())
        .limit(1)
        .correlate(Commitment)
        .scalar_subquery()
    )
    for part in chunks(ids):
        for pid, title, public, name, category in session.execute(
            select(
                ProjectNeed.project_id, Need.title, Need.public, Need.proposer_name, Need.category
            )
            .join(Need, Need.id == ProjectNeed.need_id)
            .where(ProjectNeed.project_id.in_(part))
            .order_by(Need.code)
        ):
            needs[pid].append(
                public_need_title(title, public=public, proposer_name=name, category=category)
            )
        for pid, content, unit in session.execute(
            select(ProjectResource.project_id, Resource.content, Unit.name)
            .join(Resource, Resource.id == ProjectResource.resource_id)
            .join(Unit, Unit.id == Resource.unit_id)
            .where(ProjectResource.project_id.in_(part))
            .order_by(Resource.id)
        ):
            resources[pid].append(f"{content}／{unit}")
        for pid, unit, person, due, state, percent in session.execute(
            select(
                ProjectClaim.project_id,
                Unit.name,
                ProjectClaim.responsible_person,
                Commitment.due_on,
                Commitment.state,
                latest,
            )
            .join(Commitment, Commitment.id == ProjectClaim.commitment_id)
            .join(Unit, Unit.id == Commitment.promisor_unit_id)
            .where(ProjectClaim.project_id.in_(part), Commitment.state != CommitmentState.CANCELLED)
            .order_by(ProjectClaim.id)
        ):
            claims[pid].append((unit, person, due, state, percent))
    lines = []
    for p in projects:
        claimed = claims[p.id]
        due = max((c[2] for c in claimed), default=p.planned_end)
        lines.append(
            PostingLine(
                p.id,
                "\n".join(needs[p.id]),
                "\n".join(resources[p.id]) or "—",
                mask_text(p.name),
                "\n".join(c[0] for c in claimed) or "待认领",
                "、".join(c[1] for c in claimed if c[1]) or "—",
                due.isoformat(),
                _progress(p.state, p.finished_on, claimed, today),
            )
        )
    return lines


def _progress(
    state: ProjectState,
    finished_on: date | None,
    claims: list[tuple[str, str, date, CommitmentState, int | None]],
    today: date,
) -> str:
    if state in (ProjectState.DONE, ProjectState.RATED):
        return f"已办结（{finished_on:%m月%d日}）" if finished_on else "已办结"
    if state is ProjectState.PUBLISHED:
        return "公示待认领"
    percents = [c[4] for c in claims if c[4] is not None]
    text = state.label + (f" {min(percents)}%" if percents else "")
    if any(is_overdue(c[3], c[2], today) for c in claims):
        text += "（逾期）"
    return text


def _last_issue(session: Session, key: str) -> WallPosting | None:
    return session.scalar(
        select(WallPosting)
        .where(WallPosting.scope_key == key)
        .order_by(WallPosting.number.desc())
        .limit(1)
    )


def _build(session: Session, alliance_id: int | None, today: date, paper: str) -> PostingIssue:
    if paper not in PAPERS:
        raise ValidationError({"paper": "纸张只能是 A4 或 A3"})
    title = _scope_title(session, alliance_id)
    lines = posting_lines(session, alliance_id, today)
    last = _last_issue(session, _scope_key(alliance_id))
    previous = None if last is None else json.loads(last.lines)
    current = {str(line.project_id): line.fields() for line in lines}
    changes = adjustments(previous, current)
    return PostingIssue(
        title,
        alliance_id,
        (last.number if last else 0) + 1,
        today,
        tuple(lines),
        tuple(c.text for c in changes),
        last is None,
        paper=paper,
    )


def preview_posting(
    db: Database, *, alliance_id: int | None, today: date, paper: str = "A4"
) -> PostingIssue:
    with db.reading() as session:
        return _build(session, alliance_id, today, paper)


def record_issue(db: Database, issue: PostingIssue) -> PostingIssue:
    """Store ``issue`` — made by :func:`preview_posting` and printed or saved since — as
    its 第N期. Recorded only once the paper or PDF exists, so a failed print never uses up a
    number or becomes the baseline of the next 本期调整; refused when another clerk
    recorded that number meanwhile."""
    key = _scope_key(issue.alliance_id)
    with db.transaction() as session:
        last = _last_issue(session, key)
        if (last.number if last else 0) + 1 != issue.number:
            raise ConflictError(
                f"第{issue.number}期已由其他工作人员登记，本次未登记；请重新预览后再打印。"
            )
        session.add(
            WallPosting(
                scope_key=key,
                alliance_id=issue.alliance_id,
                number=issue.number,
                posted_on=issue.posted_on,
                paper=issue.paper,
                lines=json.dumps(
                    {str(x.project_id): x.fields() for x in issue.lines}, ensure_ascii=False
                ),
                adjustments="\n".join(issue.adjustments),
            )
        )
    return replace(issue, recorded=True)


def record_posting(
    db: Database, *, alliance_id: int | None, today: date, paper: str = "A4"
) -> PostingIssue:
    """Number and store the next issue at once (the demo's history, tests)."""
    return record_issue(db, preview_posting(db, alliance_id=alliance_id, today=today, paper=paper))


@dataclass(frozen=True, slots=True)
class PostingRecord:
    id: int
    scope_title: str
    number: int
    posted_on: date
    paper: str
    lines: int
    adjustments: str


def list_postings(db: Database, *, alliance_id: int | None = None) -> list[PostingRecord]:
    query = select(
        WallPosting.id,
        WallPosting.alliance_id,
        Alliance.name,
        WallPosting.number,
        WallPosting.posted_on,
        WallPosting.paper,
        WallPosting.lines,
        WallPosting.adjustments,
    ).outerjoin(Alliance, Alliance.id == WallPosting.alliance_id)
    if alliance_id is not None:
        query = query.where(WallPosting.alliance_id == alliance_id)
    query = query.order_by(WallPosting.posted_on.desc(), WallPosting.id.desc())
    with db.reading() as session:
        return [
            PostingRecord(
                pid, name or "全街道", number, posted, paper, len(json.loads(lines)), adjust
            )
            for pid, _aid, name, number, posted, paper, lines, adjust in session.execute(query)
        ]


def posting_count(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(WallPosting)) or 0)
