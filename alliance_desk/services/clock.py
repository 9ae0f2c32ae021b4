"""The one "today" and "now" of the app: the clerk's date and wall clock in China.

Every default date a clerk sees (a new record's date, what is overdue, a print date)
comes from here, so a field's default and the rule that checks it never disagree —
they did, between 16:00 and 24:00 UTC, on a computer set to UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from alliance_desk.core.commitments.dates import default_tz, local_date


def local_today() -> date:
    """Today in the clerk's time zone (Asia/Shanghai), whatever the computer's zone is."""
    return local_date(datetime.now(UTC))


def local_now() -> datetime:
    """The clerk's wall-clock time (naive, China time), for times shown or stored as such."""
    return datetime.now(default_tz()).replace(tzinfo=None, microsecond=0)


def in_china(moment: datetime) -> datetime:
    """An aware moment (the audit trail's UTC) as the clerk's wall-clock time."""
    return moment.astimezone(default_tz())
