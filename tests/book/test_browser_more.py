"""The built site in Chromium, second half: the other share of the pages.

pytest-xdist runs this module beside test_browser.py, so the two halves of
the visits take place at the same time (machinery in browser_support.py).
"""

import pytest
from browser_support import MISSING, SHOULD_SKIP

if SHOULD_SKIP:
    pytest.skip(MISSING, allow_module_level=True)

from browser_support import *  # noqa: E402, F403  (the fixtures and tests every half runs)
from browser_support import (  # noqa: E402, F401  (the tests only this half runs)
    test_the_language_switch_keeps_the_section,
)

SHARD = 1
pytestmark = pytest.mark.browser
