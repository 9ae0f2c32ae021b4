"""Two-way commitments (双向承诺): the state machine, derived dates and the rate formulas.

Pure Python: no Qt, no SQLAlchemy, no clock ("today" is always an argument).
"""

from __future__ import annotations

from alliance_desk.core.commitments.dates import (
    DueWindow,
    Outcome,
    default_tz,
    due_window_range,
    fulfilled_late,
    is_overdue,
    local_date,
    outcome,
)
from alliance_desk.core.commitments.parties import derive_direction, direction_error
from alliance_desk.core.commitments.rates import (
    AVERAGE_SCORE_FORMULA,
    ON_TIME_RATE_FORMULA,
    SATISFACTION_RATE_FORMULA,
    FulfilmentCounts,
    RatingCounts,
    average_score,
    on_time_rate,
    rating_comment_error,
    satisfaction_rate,
)
from alliance_desk.core.commitments.states import (
    FINAL_STATES,
    OPEN_STATES,
    STATE_ORDER,
    TRANSITIONS,
    allowed_targets,
    can_transition,
    check_transition,
    is_open,
    offers_fulfilment,
    shown_percent,
    transition_error,
)

__all__ = [
    "AVERAGE_SCORE_FORMULA",
    "FINAL_STATES",
    "ON_TIME_RATE_FORMULA",
    "OPEN_STATES",
    "SATISFACTION_RATE_FORMULA",
    "STATE_ORDER",
    "TRANSITIONS",
    "DueWindow",
    "FulfilmentCounts",
    "Outcome",
    "RatingCounts",
    "allowed_targets",
    "average_score",
    "can_transition",
    "check_transition",
    "default_tz",
    "derive_direction",
    "direction_error",
    "due_window_range",
    "fulfilled_late",
    "is_open",
    "is_overdue",
    "local_date",
    "offers_fulfilment",
    "on_time_rate",
    "outcome",
    "rating_comment_error",
    "satisfaction_rate",
    "shown_percent",
    "transition_error",
]
