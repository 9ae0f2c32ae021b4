"""The rows the meetings-and-commitments area collects, one list per table.

Ids are positions: every table's rows are appended in id order, from 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from alliance_desk.services.demo.audit import AuditLog
from alliance_desk.services.demo.common import DemoData, Row
from alliance_desk.storage.models import (
    AgendaItem,
    Attendance,
    AuditEntry,
    Commitment,
    Decision,
    Evaluation,
    Meeting,
    Minutes,
    ProgressUpdate,
)


@dataclass
class ActivityRows:
    meetings: list[Row] = field(default_factory=list)
    agenda: list[Row] = field(default_factory=list)
    attendance: list[Row] = field(default_factory=list)
    minutes: list[Row] = field(default_factory=list)
    decisions: list[Row] = field(default_factory=list)
    commitments: list[Row] = field(default_factory=list)
    progress: list[Row] = field(default_factory=list)
    evaluations: list[Row] = field(default_factory=list)
    audit: AuditLog = field(default_factory=AuditLog)

    @staticmethod
    def next_id(rows: list[Row]) -> int:
        return len(rows) + 1

    def add_to(self, data: DemoData) -> None:
        """Parents before children, as ``write_rows`` inserts them in this order."""
        data.add(Meeting, self.meetings)
        data.add(AgendaItem, self.agenda)
        data.add(Attendance, self.attendance)
        data.add(Minutes, self.minutes)
        data.add(Decision, self.decisions)
        data.add(Commitment, self.commitments)
        data.add(ProgressUpdate, self.progress)
        data.add(Evaluation, self.evaluations)
        data.add(AuditEntry, self.audit.rows())
