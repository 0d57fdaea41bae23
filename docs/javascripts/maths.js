// Typeset every formula of the page with KaTeX, which the page loads just
// before this script (only pages with maths load either: hook_maths.py).
// pymdownx.arithmatex wraps each formula in an element of class "arithmatex",
// with \( \) around inline maths and \[ \] around displayed maths.
// A formula KaTeX cannot read stays as its source, and the console says why
// (the browser tests fail on any console error).  A displayed formula wider
// than the column scrolls in its own box, which accessibility.js makes
// reachable with the keyboard.
for (const element of document.querySelectorAll(".arithmatex")) {
  const source = element.textContent.trim();
  const displayMode = source.startsWith("\\[");
  try {
    katex.render(source.slice(2, -2), element, { displayMode, throwOnError: true });
  } catch (error) {
    console.error(`KaTeX could not typeset ${source}: ${error.message}`);
  }
}
