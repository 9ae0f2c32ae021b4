"""All mapped tables; importing this package registers them on ``Base.metadata``."""

from alliance_desk.storage.models.audit import AuditEntry
from alliance_desk.storage.models.calendar import CalendarDay
from alliance_desk.storage.models.commitments import (
    AttachmentContent,
    Commitment,
    Evaluation,
    ProgressUpdate,
)
from alliance_desk.storage.models.four_lists import (
    ListSettings,
    Need,
    NeedCategory,
    Project,
    ProjectClaim,
    ProjectNeed,
    ProjectResource,
    ResidentRating,
    Resource,
    WallPosting,
)
from alliance_desk.storage.models.meetings import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Minutes,
)
from alliance_desk.storage.models.register import Alliance, Membership, Unit
from alliance_desk.storage.models.rotation import ChairTerm

__all__ = [
    "AgendaItem",
    "Alliance",
    "AttachmentContent",
    "Attendance",
    "AuditEntry",
    "CalendarDay",
    "ChairTerm",
    "Commitment",
    "Decision",
    "Evaluation",
    "ListSettings",
    "Meeting",
    "Membership",
    "Minutes",
    "Need",
    "NeedCategory",
    "ProgressUpdate",
    "Project",
    "ProjectClaim",
    "ProjectNeed",
    "ProjectResource",
    "ResidentRating",
    "Resource",
    "Unit",
    "WallPosting",
]
