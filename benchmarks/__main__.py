"""Run every benchmark and print one JSON line per figure."""

from __future__ import annotations

import argparse
import importlib

SUITES = (
    "foundation", "register", "rotation", "meetings", "commitments", "dashboard", "delivery",
    "hostile", "projects", "four_lists", "workday_print", "workday",
)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=SUITES, action="append")
    args = parser.parse_args()
    for suite in args.only or SUITES:
        importlib.import_module(f"benchmarks.{suite}").run(args.scale, args.repeat)


if __name__ == "__main__":
    main()
