"""Table models over plain rows (dataclasses from services)."""
