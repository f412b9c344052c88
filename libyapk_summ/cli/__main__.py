"""``python -m libyapk_summ.cli``: the command line, as the ``libyapk-summ`` script runs it."""

import sys

from . import main

sys.exit(main())
