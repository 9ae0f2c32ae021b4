"""Thin launcher: ``python main.py`` does what ``alliance-desk`` does."""

import sys

from alliance_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
