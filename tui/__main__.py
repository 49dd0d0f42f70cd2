"""Allow `python -m tui` as well as the `attune` command."""

import sys

from tui.cli import main

sys.exit(main())
