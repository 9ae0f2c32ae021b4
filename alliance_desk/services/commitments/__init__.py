"""双向承诺 and 双向评价: create, correct, move along, rate, read, list at city scale, count.

The rules of state, overdue and rates live in ``core.commitments``; these functions
load their input, apply them in one transaction each and hand back dataclasses.
"""

from __future__ import annotations

from alliance_desk.services.commitments.attachments import (
    add_progress_with_attachment,
    attachment_file,
)
from alliance_desk.services.commitments.create import create_commitment
from alliance_desk.services.commitments.detail import get_commitment
from alliance_desk.services.commitments.filters import (
    OVERDUE,
    CommitmentFilter,
    PartyRole,
    SortKey,
)
from alliance_desk.services.commitments.listing import (
    ListWindow,
    count_commitments,
    fetch_commitments,
    fetch_rows,
    iter_commitments,
    matching_count,
    open_list,
    state_counts,
)
from alliance_desk.services.commitments.progress import add_progress, extend_due
from alliance_desk.services.commitments.progress_import import (
    apply_progress_import,
    preview_progress_import,
    write_progress_template,
)
from alliance_desk.services.commitments.rating import rate
from alliance_desk.services.commitments.records import (
    CommitmentDetail,
    CommitmentRow,
    ProgressEntry,
    RatingEntry,
    StateChange,
    local_today,
)
from alliance_desk.services.commitments.stats import FulfilmentStat, StatScope, fulfilment_stats
from alliance_desk.services.commitments.transitions import transition, transition_many
from alliance_desk.services.commitments.update import update_commitment

__all__ = [
    "OVERDUE",
    "CommitmentDetail",
    "CommitmentFilter",
    "CommitmentRow",
    "FulfilmentStat",
    "ListWindow",
    "PartyRole",
    "ProgressEntry",
    "RatingEntry",
    "SortKey",
    "StatScope",
    "StateChange",
    "add_progress",
    "add_progress_with_attachment",
    "apply_progress_import",
    "attachment_file",
    "count_commitments",
    "create_commitment",
    "extend_due",
    "fetch_commitments",
    "fetch_rows",
    "fulfilment_stats",
    "get_commitment",
    "iter_commitments",
    "local_today",
    "matching_count",
    "open_list",
    "preview_progress_import",
    "rate",
    "state_counts",
    "transition",
    "transition_many",
    "update_commitment",
    "write_progress_template",
]
