"""One "today" and "now" in the whole app: ``services.clock`` (the clerk's date and time in China).

A date field that defaulted to the computer's ``date.today()`` while the service checking
it used the clerk's date refused its own default between 16:00 and 24:00 UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import alliance_desk
from alliance_desk.core.commitments.dates import local_date
from alliance_desk.services.clock import local_today

PACKAGE = Path(alliance_desk.__file__).parent
MACHINE_TODAY = re.compile(
    r"\bdate\.today\(\)|QDate\.currentDate\(\)|\bdatetime\.now\(\)|\.astimezone\(\)"
)
# Backup file names carry the computer's time: they are sorted, not read by a clerk as dates.
EXEMPT = {Path("services", "clock.py"), Path("storage", "backup.py")}


def test_no_code_reads_the_computers_date() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE) not in EXEMPT
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MACHINE_TODAY.search(line) and not line.lstrip().startswith(("#", ">>>"))
    ]
    assert offenders == [], "use services.clock (local_today, local_now, in_china):\n" + "\n".join(
        offenders
    )


def test_local_today_is_the_date_in_china() -> None:
    before = local_date(datetime.now(UTC))
    today = local_today()
    assert isinstance(today, date) and today in (before, local_date(datetime.now(UTC)))
