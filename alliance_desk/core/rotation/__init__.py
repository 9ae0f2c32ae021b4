"""The rotating-chair (轮值主席) planner: calendar periods and a fair, conflict-aware rota.

Pure Python: no Qt, no SQLAlchemy. ``plan_rota(PlanRequest) -> Plan``.
"""

from __future__ import annotations

from alliance_desk.core.rotation.model import (
    AllianceInfo,
    ChangeKind,
    ExistingTerm,
    MemberInfo,
    Plan,
    PlanRequest,
    RotaTerm,
    TermChange,
    TermFlag,
)
from alliance_desk.core.rotation.periods import (
    Period,
    next_period,
    period_containing,
    period_label,
    period_of,
    periods_between,
    previous_period,
)
from alliance_desk.core.rotation.planner import plan_rota

__all__ = [
    "AllianceInfo",
    "ChangeKind",
    "ExistingTerm",
    "MemberInfo",
    "Period",
    "Plan",
    "PlanRequest",
    "RotaTerm",
    "TermChange",
    "TermFlag",
    "next_period",
    "period_containing",
    "period_label",
    "period_of",
    "periods_between",
    "plan_rota",
    "previous_period",
]
