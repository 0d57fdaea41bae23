// Two fixes for markup that Material for MkDocs creates, both found by
// axe-core in tests/test_browser.py.
//
// 1. The search panel has role="dialog" but no accessible name, so a screen
//    reader announces an unnamed dialog.
// 2. Each code block gets a <nav> for its buttons (copy, ...), all without a
//    name, so a page with several code blocks has several landmarks that a
//    screen reader cannot tell apart. Number them. Material adds these navs
//    after the page has loaded, hence the observer.

document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  if (!dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", "Search");
  }
});

function nameCodeBlockNavs() {
  document.querySelectorAll("nav.md-code__nav").forEach((nav, index) => {
    const name = `Code block ${index + 1} tools`;
    if (nav.getAttribute("aria-label") !== name) {
      nav.setAttribute("aria-label", name);
    }
  });
}

nameCodeBlockNavs();
new MutationObserver(nameCodeBlockNavs).observe(document.body, {
  childList: true,
  subtree: true,
});
