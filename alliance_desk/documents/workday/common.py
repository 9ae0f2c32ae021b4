"""What the workday prints share: number and rate texts."""

from __future__ import annotations

PRINT_POINT_SIZE = 10.5


def percent(rate: float | None) -> str:
    """``95.0%``, or “—” when there is nothing to divide by."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def hours_text(hours: float | None) -> str:
    """``3.5``, ``12,760.7``; whole hours without a decimal; “—” for no value."""
    if hours is None:
        return "—"
    return f"{hours:,.0f}" if float(hours).is_integer() else f"{hours:,.1f}"
