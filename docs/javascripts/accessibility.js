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
// 5. A box that scrolls sideways must be reachable with the keyboard.
//    Material makes wide code blocks focusable, but not on touch screens,
//    where a phone with a keyboard or a switch device still needs it; wide
//    formulas and notebook cells it does not handle at all.
//
// The names are in the page's language (<html lang>): English, or
// Traditional Chinese on the pages of the zh-TW edition.

const NAMES = {
  en: {
    search: "Search",
    codeTools: (n) => `Code block ${n} tools`,
    table: (n) => `Table ${n} (scrolls sideways)`,
    formula: "Formula (scrolls sideways)",
  },
  "zh-TW": {
    search: "搜尋",
    codeTools: (n) => `程式碼區塊 ${n} 的工具`,
    table: (n) => `表格 ${n}（可左右捲動）`,
    formula: "公式（可左右捲動）",
  },
};
const SAY = NAMES[document.documentElement.lang] || NAMES.en;

document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  if (!dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", SAY.search);
  }
});

function nameCodeBlockNavs() {
  document.querySelectorAll("nav.md-code__nav").forEach((nav, index) => {
    const name = SAY.codeTools(index + 1);
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
      box.setAttribute("aria-label", SAY.table(index + 1));
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

// Boxes that scroll sideways now: code blocks, the notebook page's cells and
// displayed formulas (a formula box also gets a name, since it holds no
// text a screen reader would announce on focus).  Checked again whenever
// the layout may have changed: Material wraps tables and KaTeX typesets
// formulas after loading, a <details> opens, fonts arrive, the window is
// resized.
const WIDE_BOXES = [
  ["article pre > code, article .jupyter-wrapper pre", null],
  ["article div.arithmatex", SAY.formula],
];

function focusableWideBoxes() {
  for (const [selector, name] of WIDE_BOXES) {
    document.querySelectorAll(selector).forEach((box) => {
      if (!box.hasAttribute("tabindex") && box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        if (name) {
          box.setAttribute("role", "group");
          box.setAttribute("aria-label", name);
        }
      }
    });
  }
}

let layoutCheckPending = false;
function checkLayoutSoon() {
  if (layoutCheckPending) return;
  layoutCheckPending = true;
  requestAnimationFrame(() => {
    layoutCheckPending = false;
    focusableWideBoxes();
  });
}

numberRepeatedTocNames();
fixMaterialMarkup();
focusableWideBoxes();
new MutationObserver(() => {
  fixMaterialMarkup();
  checkLayoutSoon();
}).observe(document.body, { childList: true, subtree: true });
window.addEventListener("resize", checkLayoutSoon);
document.addEventListener("toggle", checkLayoutSoon, true); // a <details> opened
document.fonts.ready.then(checkLayoutSoon);
document.fonts.addEventListener("loadingdone", checkLayoutSoon);
