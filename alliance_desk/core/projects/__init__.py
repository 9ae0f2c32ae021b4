"""书记项目: vocabulary, 倒排工期, milestone states and warnings, the project state machine.

Pure Python: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

from alliance_desk.core.projects.milestones import (
    WARNING_RULE,
    days_late,
    milestone_state,
    milestone_warning,
    warning_for,
    worst,
)
from alliance_desk.core.projects.planning import (
    BackwardPlan,
    PlannedStep,
    plan_backwards,
    workdays_between,
)
from alliance_desk.core.projects.states import (
    FINAL_STATES,
    RUNNING_STATES,
    TRANSITIONS,
    ProjectStep,
    check_step,
    steps_from,
)
from alliance_desk.core.projects.vocab import (
    ACCEPTANCE_SCORES,
    AcceptanceGrade,
    Alert,
    InspectionMethod,
    MilestoneState,
    ProjectCategory,
    ProjectState,
    ReviewResult,
    TaskState,
)

__all__ = [
    "ACCEPTANCE_SCORES",
    "FINAL_STATES",
    "RUNNING_STATES",
    "TRANSITIONS",
    "WARNING_RULE",
    "AcceptanceGrade",
    "Alert",
    "BackwardPlan",
    "InspectionMethod",
    "MilestoneState",
    "PlannedStep",
    "ProjectCategory",
    "ProjectState",
    "ProjectStep",
    "ReviewResult",
    "TaskState",
    "check_step",
    "days_late",
    "milestone_state",
    "milestone_warning",
    "plan_backwards",
    "steps_from",
    "warning_for",
    "workdays_between",
    "worst",
]
