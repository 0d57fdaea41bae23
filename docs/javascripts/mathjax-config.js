// Settings read by MathJax 3 when it loads (the next script on every page).
// pymdownx.arithmatex wraps each formula in an element of class "arithmatex",
// with \( \) around inline maths and \[ \] around displayed maths; MathJax
// typesets those elements and leaves the rest of the page alone.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*",
    processHtmlClass: "arithmatex",
  },
  svg: {
    fontCache: "global",
  },
};
