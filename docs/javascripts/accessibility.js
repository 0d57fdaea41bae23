// Material for MkDocs renders the search panel as an element with
// role="dialog" but no accessible name, so a screen reader announces an
// unnamed dialog. Name it. (Checked by axe-core in tests/test_browser.py.)
document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  if (!dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", "Search");
  }
});
