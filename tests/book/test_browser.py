"""The built site in Chromium, first half: its share of the pages, the dark pages,
the screenshots, search and the palette toggle (machinery in browser_support.py)."""

import pytest
from browser_support import MISSING, SHOULD_SKIP

if SHOULD_SKIP:
    pytest.skip(MISSING, allow_module_level=True)

from browser_support import *  # noqa: E402, F403  (the fixtures and tests every half runs)
from browser_support import (  # noqa: E402, F401  (the tests only this half runs)
    test_palette_toggle_switches_figures_and_is_remembered,
    test_screenshots_are_saved,
    test_search_puts_the_teaching_chapters_first,
)

SHARD = 0
pytestmark = pytest.mark.browser
