// The language switch keeps the reader's place.  Both editions give every
// section the same anchor (docs/hooks/hook_editions.py), so a click on the
// other language's link carries the section being read: the last heading
// in the top quarter of the window, below the header, or above it (none, at
// the top of the page).  A quarter, not the header's edge: a page opened at
// a section puts its heading just below the header, and a figure or a font
// that arrives late can push it down a little.

const HEADER_HEIGHT = 80; // px: Material's header covers the top of the window

function sectionBeingRead() {
  const line = HEADER_HEIGHT + window.innerHeight / 4;
  let current = "";
  for (const heading of document.querySelectorAll("article h2[id], article h3[id]")) {
    if (heading.getBoundingClientRect().top > line) break;
    current = heading.id;
  }
  return current;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a.md-select__link[hreflang]");
  if (link && link.hreflang !== document.documentElement.lang) {
    const section = sectionBeingRead();
    link.hash = section ? `#${section}` : "";
  }
});
