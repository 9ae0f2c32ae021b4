"""The one "today" of the app: the clerk's calendar date in China (Asia/Shanghai).

Every default date a clerk sees (a new record's date, what is overdue, a print date)
comes from here, so a field's default and the rule that checks it never disagree —
they did, between 16:00 and 24:00 UTC, on a computer set to UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from alliance_desk.core.commitments.dates import local_date


def local_today() -> date:
    """Today in the clerk's time zone (Asia/Shanghai), whatever the computer's zone is."""
    return local_date(datetime.now(UTC))
