import sys

from alliance_desk.cli import main

sys.exit(main())
