"""All mapped tables; importing this package registers them on ``Base.metadata``."""

from alliance_desk.storage.models.assessment import (
    Adjustment,
    AssessmentResult,
    AssessmentYear,
    BallotTally,
    IndicatorWeight,
    RaterGroup,
    SatisfactionSurvey,
)
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
from alliance_desk.storage.models.projects import (
    Inspection,
    Milestone,
    SecretaryProject,
    SiteVisit,
    TaskItem,
    TaskList,
)
from alliance_desk.storage.models.register import Alliance, Membership, Unit
from alliance_desk.storage.models.rotation import ChairTerm

__all__ = [
    "Adjustment",
    "AgendaItem",
    "Alliance",
    "AssessmentResult",
    "AssessmentYear",
    "AttachmentContent",
    "Attendance",
    "AuditEntry",
    "BallotTally",
    "CalendarDay",
    "ChairTerm",
    "Commitment",
    "Decision",
    "Evaluation",
    "IndicatorWeight",
    "Inspection",
    "ListSettings",
    "Meeting",
    "Membership",
    "Milestone",
    "Minutes",
    "Need",
    "NeedCategory",
    "ProgressUpdate",
    "Project",
    "ProjectClaim",
    "ProjectNeed",
    "ProjectResource",
    "RaterGroup",
    "ResidentRating",
    "Resource",
    "SatisfactionSurvey",
    "SecretaryProject",
    "SiteVisit",
    "TaskItem",
    "TaskList",
    "Unit",
    "WallPosting",
]
