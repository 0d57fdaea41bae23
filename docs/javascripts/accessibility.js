// Fixes for markup that Material for MkDocs creates, all found by axe-core
// in tests/test_browser.py.
//
// 1. The search panel has role="dialog" but no accessible name, so a screen
//    reader announces an unnamed dialog.
// 2. Each code block gets a <nav> for its buttons (copy, ...), all without a
//    name, so a page with several code blocks has several landmarks that a
//    screen reader cannot tell apart. Number them. Material adds these navs
//    after the page has loaded, hence the observer.
// 3. A wide table sits in a box that scrolls sideways, which a keyboard
//    cannot reach: make each table's box focusable and name it.
// 4. The table of contents gives each nested list a <nav> named after its
//    heading; two headings that differ only in case (the module
//    "sequential" and its class "Sequential") give two landmarks with the
//    same name. Number the repeats.

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

// Material wraps the tables after loading, hence the observer below. Every
// table's box, not only those that overflow now: a narrower window makes
// more of them scroll.
function focusableTableBoxes() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((box, index) => {
    if (!box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", `Table ${index + 1} (scrolls sideways)`);
    }
  });
}

function numberRepeatedTocNames() {
  const seen = new Map();
  document.querySelectorAll(".md-nav--secondary nav[aria-label]").forEach((nav) => {
    const key = nav.getAttribute("aria-label").trim().toLowerCase();
    const count = (seen.get(key) || 0) + 1;
    seen.set(key, count);
    if (count > 1) {
      nav.setAttribute("aria-label", `${nav.getAttribute("aria-label").trim()} (${count})`);
    }
  });
}

function fixMaterialMarkup() {
  nameCodeBlockNavs();
  focusableTableBoxes();
}

numberRepeatedTocNames();
fixMaterialMarkup();
new MutationObserver(fixMaterialMarkup).observe(document.body, {
  childList: true,
  subtree: true,
});
