"""The built site in Chromium, first half: its share of the pages, the dark pages,
the screenshots, search and the palette toggle (machinery in browser_support.py)."""

import pytest
from browser_support import MISSING, SHOULD_SKIP

if SHOULD_SKIP:
    pytest.skip(MISSING, allow_module_level=True)

from browser_support import (  # noqa: E402  (fixtures and tests this module runs)
    _browser_is_required,
    axe_script,
    base_url,
    browser,
    pages,
    run,
    search_index_bytes,
    site_dir,
    test_every_page_loads_cleanly_in_a_browser,
    test_no_serious_or_critical_accessibility_violations,
    test_pages_download_only_what_they_show,
    test_palette_toggle_switches_figures_and_is_remembered,
    test_screenshots_are_saved,
    test_search_puts_the_teaching_chapters_first,
    visits,
)

SHARD = 0
pytestmark = pytest.mark.browser

__all__ = [
    "_browser_is_required",
    "axe_script",
    "base_url",
    "browser",
    "pages",
    "run",
    "search_index_bytes",
    "site_dir",
    "test_every_page_loads_cleanly_in_a_browser",
    "test_no_serious_or_critical_accessibility_violations",
    "test_pages_download_only_what_they_show",
    "test_palette_toggle_switches_figures_and_is_remembered",
    "test_screenshots_are_saved",
    "test_search_puts_the_teaching_chapters_first",
    "visits",
]
