"""Deterministic demo data at the source article's scale (``--scale N`` multiplies it).

Public API: ``generate_demo``, ``is_empty``, ``DemoSummary``; ``build_demo`` gives the
rows without a database; ``DEMO_VERSION`` names the generator's output for caches.
Each area (register, rota, meetings with their commitments) is one function in
``generator.AREAS`` with its own random stream.
"""

from __future__ import annotations

from alliance_desk.services.demo.common import DEMO_TODAY, DEMO_VERSION, DemoData
from alliance_desk.services.demo.generator import (
    DEFAULT_SEED,
    DemoSummary,
    build_demo,
    generate_demo,
    is_empty,
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_TODAY",
    "DEMO_VERSION",
    "DemoData",
    "DemoSummary",
    "build_demo",
    "generate_demo",
    "is_empty",
]
