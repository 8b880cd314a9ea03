"""`python -m bot` is the `portdesk` command."""

import sys

from bot.cli import main

sys.exit(main())
