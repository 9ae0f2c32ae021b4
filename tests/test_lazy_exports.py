"""Service packages that export their names lazily still export every one of them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from alliance_desk.services import meetings


@pytest.mark.parametrize("name", meetings.__all__)
def test_every_listed_name_resolves(name: str) -> None:
    assert getattr(meetings, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = meetings.no_such_name  # type: ignore[attr-defined]


def test_reading_a_meeting_imports_no_writer() -> None:
    """The printing CLI reads one meeting: the scheduling and minutes code stays unloaded."""
    code = (
        "import sys; import alliance_desk.services.meetings.reading; "
        "print(sorted(m for m in sys.modules if m.startswith('alliance_desk.services')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    for module in ("meetings.scheduling", "meetings.minutes", "services.commitments"):
        assert module not in loaded
