"""The meetings-and-commitments area: joint meetings, their decisions, the commitments
made from them and directly, progress, ratings, and the audit trail of their states.

One area, not two, because the two feed each other in time: a meeting's decisions
become commitments, and whether the next meeting reviews open commitments (the
上次议定事项落实情况 item) depends on those commitments' lives. Each alliance draws
from a stream of its own, split off in id order before any is used.
"""

from __future__ import annotations

import random

from alliance_desk.services.demo import people
from alliance_desk.services.demo.annual import public_commitments, year_end_ratings
from alliance_desk.services.demo.commitments import CommitmentMaker
from alliance_desk.services.demo.common import DemoData, child_rng
from alliance_desk.services.demo.context import build_contexts
from alliance_desk.services.demo.meetings import MeetingMaker
from alliance_desk.services.demo.rows import ActivityRows
from alliance_desk.services.demo.timeline import Workdays


def generate_activity(rng: random.Random, scale: int, data: DemoData) -> None:
    clerks_rng = child_rng(rng)
    actors = [people.person_name(clerks_rng) for _ in range(scale)]
    contexts = build_contexts(data, actors)
    streams = [child_rng(rng) for _ in contexts]
    days = Workdays()
    rows = ActivityRows()
    commitments = CommitmentMaker(rows, days)
    meetings = MeetingMaker(commitments, days)
    for context, stream in zip(contexts, streams, strict=True):
        lives = public_commitments(stream, commitments, context)
        meetings.run(stream, context, lives)
        year_end_ratings(stream, rows, days, context)
    rows.add_to(data)
