// Typeset every formula of the page with KaTeX, which the page loads just
// before this script (only pages with maths load either: hook_maths.py).
// pymdownx.arithmatex wraps each formula in an element of class "arithmatex",
// with \( \) around inline maths and \[ \] around displayed maths.
// A formula KaTeX cannot read stays as its source, and the console says why
// (the browser tests fail on any console error).
for (const element of document.querySelectorAll(".arithmatex")) {
  const source = element.textContent.trim();
  const displayMode = source.startsWith("\\[");
  try {
    katex.render(source.slice(2, -2), element, { displayMode, throwOnError: true });
  } catch (error) {
    console.error(`KaTeX could not typeset ${source}: ${error.message}`);
  }
}

// A displayed formula wider than the column scrolls inside its own box.
// A box that scrolls must be reachable with the keyboard, so those boxes
// (and only those: the others would be needless tab stops) take the focus.
function letWideFormulasScroll() {
  for (const box of document.querySelectorAll("div.arithmatex")) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Formula (scrolls sideways)");
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
}
// Checked again when the layout may change: KaTeX's fonts arrive (they make
// formulas wider), the window is resized, a <details> opens.
letWideFormulasScroll();
document.fonts.ready.then(letWideFormulasScroll);
window.addEventListener("resize", letWideFormulasScroll);
document.addEventListener("toggle", letWideFormulasScroll, true);
