// The language switch keeps the reader's place.  Both editions give every
// section the same anchor (docs/hooks/hook_editions.py), so a click on the
// other language's link carries the section being read: the last heading
// that has scrolled past the top of the window (or none, at the top).

const HEADER_HEIGHT = 80; // px: Material's header covers the top of the window

function sectionBeingRead() {
  let current = "";
  for (const heading of document.querySelectorAll("article h2[id], article h3[id]")) {
    if (heading.getBoundingClientRect().top > HEADER_HEIGHT) break;
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
