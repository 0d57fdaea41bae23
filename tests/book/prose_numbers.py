"""Every number in the running prose of the book comes from code: the reader.

Used by ``tests/book/test_prose_numbers.py``, and runnable on its own while a
page is being written: ``python tests/book/prose_numbers.py docs/part-2/many-layers.md``
prints every number of the page's prose that nothing backs (no output means
none); with ``--all`` it prints every checked number and its verdict.  The
pages are the book's (index, Part I, Part II, notation, performance) in both
editions; not the API reference under docs/reference/, which is generated
from docstrings.  Only the Markdown is read: no site build, no code run (the
Output fences are already checked against the code by test_notebooks.py).

The rule
========

**Running text** is what a reader reads as sentences: paragraphs, list
items, table cells, headings, admonition titles and bodies, footnotes and
figure alt text (a figure's description is a claim like any other).  Not
running text, and blanked out (with spaces, so that line numbers stay true)
before numbers are read:

- every fenced block (Python, Output, shell sessions), and the HTML comments
  (the ``<!--pytest-codeblocks:cont-->`` markers among them);
- inline code, and maths (``$...$``, ``$$...$$``, ``\\(...\\)``, ``\\[...\\]``):
  code states what is computed, and a formula shows its own arithmetic
  (``3 \\cdot 2^2 = 12``) and constants.  Two exceptions, read as prose: a
  maths span that is nothing but a number (``$4 \\times 10^{-18}$``,
  ``$0.25$``, ``$10^{-6}$``: a number set in maths type), and a number right
  after ``\\approx`` (or ``≈``) in maths, a computed value
  (``\\sqrt{256 / 2} \\approx 11``);
- link and image targets, bare addresses, HTML tags and entities, attribute
  lists (``{ .class }``), footnote marks, list-item numbers, the
  ``!!! note`` keyword of an admonition (its title stays), the ``#`` of a
  heading, and the ``--8<--`` lines that include a file;
- the front matter, if a page has one.

**Numbers** are read with their sign, decimals, thousands separators
(``1,438`` is 1438), percent sign (``%`` or ``％``) and exponent, in any of
the ways the pages write one: ``1e-4``, ``10⁻⁴``, ``10^-4``, ``2.8 × 10⁻¹¹``.
A range is two numbers (``60–115``, ``64-1024``).  The Unicode minus
(``−0.5``) is always a sign; a hyphen only where no word, number or bracket
comes right before it (``-0.5`` and ``(-1``, but not ``64-1024`` or ``x-1``).
Digits inside a name are not numbers (``float32``, ``im2col``, ``L2``,
``weights1``), and neither are version strings with two dots or more
(``2.13.0``).  Chinese pages write numbers in the same ASCII digits, and a
Chinese character next to a number does not hide it (``迭代1500次``), so the
same reader serves both editions; ``tests/book/editions.py`` checks that
each section of the two editions has the same numbers.

**Checked numbers** are the ones that look computed: a number with a decimal
point, a percentage, a number with an exponent, or an integer of 11 or more.
Integers from 0 to 10 are skipped: they count layers, samples, classes,
panels, steps of a derivation and exercises, and nearly always belong to the
set-up; a small computed count ("3 steps up") is the price of this rule.
Years are skipped too: an integer from 1900 to 2099 in parentheses after a
name or a title (``Adam (2014)``, ``"..." (2018)``), in parentheses with a
name (``(Kingma and Ba, 2015)``), after a month or *in*/*since*, or before
年.  A seed of 2018 is not a year (``seed 2018``, ``with (2018)``).

**Backed** is a checked number that code printed on the same page: it is
among the numbers of one of the page's Output fences (the
``~~~text title="Output"`` right after a Python block, found by
``literate.read_blocks`` as in the Output test), or among the numbers of a
file the page includes with ``--8<-- "path"`` (benchmarks/results.md,
experiments/results/*.md), provided a script under ``benchmarks/`` or
``experiments/`` names that file: the script that writes it.  Matching is by
value, anywhere on the page (so a coincidence can back a number; what the
rule catches is a number that no code on its page printed):

- a prose number written with fewer digits is backed by a printed number
  that rounds to it (half up or half to even) at the prose number's last
  significant digit: "0.7" by ``0.7215``, "1.1 × 10⁻⁴" by ``1.0873e-04``,
  but "0.7" not by ``0.6483``.  An integer's trailing zeros are not
  significant, down to two significant digits ("about 500" is backed by
  ``498``, "870" not by ``875``, "1500" by ``1,453``; "30" needs ``30``); a
  percentage's are, and "100%" (all) and "0%" (none) need an equal value
  (``99.72%`` backs "about 99.7%", not "100%").  The printed number needs two
  significant digits or more ("0.001" is not backed by ``0.0005``);
- a prose number with more digits than the printed one is backed only by an
  equal value ("0.50" by ``0.5``);
- a percentage is backed by a printed percentage, a printed fraction
  ("98.89%" by ``98.89%`` and by ``0.9889``) or a printed plain number (a
  column "accuracy (%)" holding ``98.89``); a plain prose number is backed
  by a printed percentage only as a fraction ("0.9889" by ``98.89%``, never
  "100" by ``99.72%``);
- a prose number with an explicit minus needs a printed negative number; a
  prose number without a sign is a magnitude, backed by either sign (prose
  says "a change of 0.3" where the code prints ``-0.3``).

**Allowed** is a checked number that nothing printed but the reader sets (an
iteration count, a seed, a batch size, a learning rate, a tolerance, a value
an exercise asks to try) or the set-up fixes by definition (the width of a
number type, the size an architecture implies), listed for the page in
``tests/book/prose_numbers_allowed.yml`` with its reason.  The list is by
English path and serves both editions.  An entry that no number of the page
needs (gone from the prose, or now printed) fails the test, so the list
cannot rot.  A number that comes out of a computation never goes on the
list: the page prints it instead.

Everything else is **flagged**.
"""

import dataclasses
import decimal
import pathlib
import re
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "docs" / "hooks"))

import literate  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
ZH = DOCS / "zh-TW"
ALLOWED = pathlib.Path(__file__).with_name("prose_numbers_allowed.yml")

#: The folders whose scripts may write a results file that a page includes.
RESULT_WRITERS = ("benchmarks", "experiments")

decimal.getcontext().prec = 50

# --- what is not running text --------------------------------------------------

_FENCE_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SNIPPET_LINE = re.compile(r"^[ \t]*;?--8<--.*$", re.M)
_SNIPPET_PATH = re.compile(r"""^[ \t]*--8<--[ \t]+["']([^"']+)["']""", re.M)
_SNIPPET_BLOCK = re.compile(r"^[ \t]*--8<--[ \t]*\n(.*?)^[ \t]*--8<--[ \t]*$", re.M | re.S)
# Inline code and inline maths may wrap onto the next line, never across a paragraph.
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)((?:[^\n]|\n(?![ \t]*\n))+?)(?<!`)\1(?!`)")
_MATHS = re.compile(
    r"\$\$.+?\$\$|\\\[.+?\\\]|\\\(.+?\\\)"
    r"|(?<![\\$])\$(?!\s)(?:[^$\n]|\n(?![ \t]*\n))+?(?<!\s)\$(?!\d)",
    re.S,
)
_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|(?<=\])\[[^\]]*\]")
_REFERENCE_DEFINITION = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]+\S.*$", re.M)
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]]+\]:?")
_URL = re.compile(r"<?https?://[^\s)>]+>?")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_HTML_ENTITY = re.compile(r"&#?\w+;")
_ATTRIBUTES = re.compile(r"\{[ \t]*[:#.][^}\n]*\}")
_LIST_NUMBER = re.compile(r"^([ \t]*)(\d+[.)])(?=[ \t])", re.M)
_ADMONITION_KEYWORD = re.compile(r"^([ \t]*)((?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*)", re.M)
_HEADING_MARK = re.compile(r"^(#{1,6})(?=[ \t])", re.M)


def _blank(text):
    """``text`` with every character but line breaks turned into a space."""
    return re.sub(r"[^\n]", " ", text)


def _mask(text, pattern, group=0):
    """Blank what ``pattern`` (or its group ``group``) matches."""

    def replace(match):
        if group == 0:
            return _blank(match.group(0))
        start, end = match.span(group)
        whole = match.group(0)
        offset = match.start(0)
        return whole[: start - offset] + _blank(match.group(group)) + whole[end - offset :]

    return pattern.sub(replace, text)


def _mask_fences(text):
    """Blank every fenced block, fences included (literate.py's reading of a fence)."""
    lines = text.splitlines(keepends=True)
    out = []
    i = 0
    while i < len(lines):
        fence = _FENCE_OPEN.match(lines[i].rstrip("\n"))
        if not fence:
            out.append(lines[i])
            i += 1
            continue
        ticks = fence.group(2)
        out.append(_blank(lines[i]))
        i += 1
        while i < len(lines) and not lines[i].lstrip().startswith(ticks):
            out.append(_blank(lines[i]))
            i += 1
        if i < len(lines):
            out.append(_blank(lines[i]))
            i += 1
    return "".join(out)


_APPROX_VALUE = re.compile(r"(?:\\approx|≈)\s*(?:\\,|\\;|\\ )?\s*([-−]?\d[\d,]*(?:\.\d+)?\\?%?)")


_LONE_NUMBER = re.compile(
    r"\$(?!\$)\s*[-−]?\d[\d,]*(?:\.\d+)?"
    r"(?:\s*(?:\\times|\\cdot|×)\s*10\^(?:\{[-−]?\d+\}|[-−]?\d))?\s*(?:\\%)?\s*\$"
    r"|\$\s*10\^(?:\{[-−]?\d+\}|[-−]?\d)\s*\$"
)


def _mask_maths(text):
    """Blank the maths, but keep a number written right after ``\\approx`` (or ``≈``).

    A formula shows its own arithmetic (``3 \\cdot 2^2 = 12``) and its
    constants; a value after "approximately" is a computed result, read like prose.
    """

    def replace(match):
        maths = match.group(0)
        if _LONE_NUMBER.fullmatch(maths):
            return (
                " " + maths[1:-1].replace("\\%", " %") + " "
            )  # "$4 \\times 10^{-18}$" is a number in maths type
        kept = _blank(maths)
        for value in _APPROX_VALUE.finditer(maths):
            start, end = value.span(1)
            kept = kept[:start] + maths[start:end].replace("\\", " ") + kept[end:]
        return kept

    return _MATHS.sub(replace, text)


def running_text(text):
    """The page's running text: ``text`` with everything else blanked, same length and lines."""
    text = _mask(text, _FRONT_MATTER)
    text = _mask_fences(text)
    text = _mask(text, _HTML_COMMENT)
    text = _mask(text, _SNIPPET_BLOCK)
    text = _mask(text, _SNIPPET_LINE)
    text = _mask(text, _INLINE_CODE)
    text = _mask_maths(text)
    text = _mask(text, _REFERENCE_DEFINITION)
    text = _mask(text, _LINK_TARGET)
    text = _mask(text, _URL)
    text = _mask(text, _HTML_TAG)
    text = _mask(text, _HTML_ENTITY)
    text = _mask(text, _ATTRIBUTES)
    text = _mask(text, _FOOTNOTE_MARK)
    text = _mask(text, _LIST_NUMBER, group=2)
    text = _mask(text, _ADMONITION_KEYWORD, group=2)
    text = _mask(text, _HEADING_MARK)
    return text


def included_files(text):
    """The paths (relative to the repository) of the files ``text`` includes with ``--8<--``."""
    paths = _SNIPPET_PATH.findall(text)
    for block in _SNIPPET_BLOCK.findall(text):
        paths += [line.strip().strip("\"'") for line in block.splitlines() if line.strip()]
    return paths


# --- numbers --------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_VERSION = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:\.\d+){2,}(?![0-9])")
_NUMBER = re.compile(
    rf"""
    (?<![A-Za-z0-9_.,])                       # not inside a name or another number
    (?=[-−+]?\.?\d)                             # a digit comes
    (?P<sign>[-−+](?=[.]?\d))?
    (?P<mantissa>
        (?P<int>\d{{1,3}}(?:,\d{{3}})+(?![\d])|\d+)?
        (?P<frac>\.\d+)?
    )
    (?:
        (?P<e>[eE](?P<e_exp>[-−+]?\d+))
      | (?P<times>[ \t\u00a0\u202f]*(?:[×x·]|\\times|\\cdot)[ \t\u00a0\u202f]*10
            (?:\^(?P<t_brace>\{{)?(?P<t_exp1>[-−+]?\d+)(?(t_brace)\}})|(?P<t_exp2>[⁻⁺]?[{_SUP}]+)))
    )?
    (?P<pct>[ \t\u00a0]?[%％])?
    (?![0-9_])
    """,
    re.X,
)
_POWER_OF_TEN = re.compile(rf"^10(?:\^(\{{)?([-−+]?\d+)(?(1)\}})(?![\d/])|([⁻⁺]?[{_SUP}]+))")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)


@dataclasses.dataclass(frozen=True)
class Number:
    """One number written on a page, and what it means."""

    text: str  # as written
    value: decimal.Decimal  # the value (a percentage's value is its number: 98.89% -> 98.89)
    quantum: decimal.Decimal  # the place of its last written digit (0.7 -> 0.1)
    percent: bool
    signed: bool  # written with an explicit minus
    offset: int  # where it starts in the text it was read from
    integer: bool  # no decimals, no exponent
    digits: int = 1  # significant digits as written ("0.0500" has 3)

    @property
    def key(self):
        """What an allowlist entry names: the value, and whether it is a percentage."""
        return (self.value.normalize(), self.percent)


def _decimal(text):
    return decimal.Decimal(text.replace("−", "-").replace(",", ""))


def _digits_quantum(mantissa, percent=False):
    """The place of the last significant digit of ``mantissa``.

    ``"0.70"`` -> 0.01.  An integer's trailing zeros are not significant
    (``"500"`` is about 500), but it keeps two significant digits at least:
    ``"500"`` -> 10, ``"1500"`` -> 100, ``"30"`` -> 1.  A percentage's are:
    ``"100%"`` -> 1.
    """
    if "." in mantissa:
        return decimal.Decimal(1).scaleb(-len(mantissa.split(".")[1]))
    if percent:
        return decimal.Decimal(1)
    zeros = len(mantissa) - len(mantissa.rstrip("0"))
    return decimal.Decimal(1).scaleb(max(0, min(zeros, len(mantissa) - 2)))


def _significant_digits(mantissa):
    """How many significant digits ``mantissa`` is written with (``"0.0500"`` -> 3)."""
    digits = mantissa.replace(",", "").replace(".", "").lstrip("0")
    return max(1, len(digits))


def read_numbers(text):
    """Every number in ``text``, in order, as :class:`Number`."""
    found = []
    versions = [m.span() for m in _VERSION.finditer(text)]
    consumed = 0  # the end of the last "10⁻⁴" read: its exponent is not a number of its own
    for match in _NUMBER.finditer(text):
        start, end = match.start(), match.end()
        mantissa = match.group("mantissa")
        if start < consumed or not re.search(r"\d", mantissa or ""):
            continue
        if any(a <= start < b for a, b in versions):
            continue
        sign = match.group("sign") or ""
        if sign == "-" and start > 0 and not _hyphen_is_sign(text, start):
            sign, start = "", start + 1  # "64-1024": a separator, not a sign
        negative = sign in ("-", "−")
        if mantissa.startswith(".") and start > 0 and not text[start - 1].isspace():
            continue
        value = _decimal(mantissa)
        quantum = _digits_quantum(mantissa.replace(",", ""), bool(match.group("pct")))
        digits = _significant_digits(mantissa)
        raw_exponent = None
        if match.group("e"):
            raw_exponent = match.group("e_exp")
        elif match.group("times"):
            raw_exponent = match.group("t_exp1") or match.group("t_exp2")
        elif mantissa == "10":
            power = _POWER_OF_TEN.match(text[match.start("mantissa") :])
            if power:  # "10⁻⁴" or "10^-4": ten to a power
                raw_exponent = power.group(2) or power.group(3)
                value, quantum, digits = decimal.Decimal(1), decimal.Decimal(1), 1
                end = consumed = match.start("mantissa") + power.end()
        if raw_exponent is not None:
            exponent = int(raw_exponent.translate(_SUPERSCRIPT).replace("−", "-"))
            value, quantum = value.scaleb(exponent), quantum.scaleb(exponent)
        found.append(
            Number(
                text=text[start:end].strip(),
                value=-value if negative else value,
                quantum=quantum,
                percent=bool(match.group("pct")),
                signed=negative,
                offset=start,
                integer=match.group("frac") is None and raw_exponent is None,
                digits=digits,
            )
        )
    return found


def _hyphen_is_sign(text, start):
    """Whether the hyphen at ``start`` is a minus sign (no word or number right before it)."""
    before = text[start - 1]
    return not (before.isalnum() or before in "_)]}.-–")


def is_year(number, text):
    """Whether ``number`` (read from ``text``) is a year: see the module's docstring."""
    if not number.integer or number.percent or number.signed or "," in number.text:
        return False
    if not 1900 <= number.value <= 2099:
        return False
    before = text[max(0, number.offset - 60) : number.offset]
    after = text[number.offset + len(number.text) : number.offset + len(number.text) + 12]
    if re.match(r"[ \t]*年", after):
        return True
    if re.search(rf"(?:\b(?:{_MONTHS})\.?|\bin|\bsince)[ \t]+$", before):
        return True
    if not re.match(r"[a-z]?[)）]", after):
        return False
    # "(2015)" after a name or a title; "(Kingma and Ba, 2015)" with the name inside.
    return bool(
        re.search(r"(?:\b[A-Z][\w.-]*|\bet al\.|[\"”」』*])[ \t]*[(（]$", before)
        or re.search(r"[(（][^()（）]*\b[A-Z][^()（）]*(?:,|\bet al\.)[ \t]*$", before)
    )


def is_checked(number, text):
    """Whether ``number`` looks computed and must be backed: see the module's docstring."""
    if number.percent or not number.integer:
        return True
    if abs(number.value) <= 10:
        return False
    return not is_year(number, text)


# --- backing --------------------------------------------------------------------


def _as_fraction(number):
    """``(value, quantum)`` with a percentage read as a fraction (98.89% -> 0.9889)."""
    if number.percent:
        return number.value / 100, number.quantum / 100
    return number.value, number.quantum


def _rounds_to(value, quantum, target):
    """Whether ``value`` rounded to the place ``quantum`` is ``target`` (half up or half even)."""
    if abs(value - target) > quantum:
        return False
    return any(
        value.quantize(quantum, rounding=rounding) == target
        for rounding in (decimal.ROUND_HALF_UP, decimal.ROUND_HALF_EVEN)
    )


def backs(printed, written):
    """Whether the printed number ``printed`` backs the prose number ``written``.

    See the module's docstring.  A rounding match needs a printed number with
    two significant digits or more: ``0.0005`` does not back "0.001".
    """
    pairs = [(_as_fraction(printed), _as_fraction(written))]
    if written.percent and not printed.percent:
        # a table of "accuracy (%)" prints 98.89 for 98.89%
        pairs.append(((printed.value, printed.quantum), (written.value, written.quantum)))
    for (value, printed_quantum), (target, quantum) in pairs:
        if written.signed and value >= 0:
            continue
        if not written.signed:
            value, target = abs(value), abs(target)
        if value == target:
            return True
        if written.percent and written.value in (0, 100):
            continue  # "100%" says all, "0%" none: only an equal value backs them
        if (
            printed.digits >= 2
            and printed_quantum <= quantum
            and _rounds_to(value, quantum, target)
        ):
            return True
    return False


def output_numbers(text):
    """The numbers of the Output fences of a page whose content is ``text``.

    The Output fences are found by ``literate.read_blocks``, the reader the
    Output test uses: only an Output fence right after a Python block counts.
    """
    with tempfile.TemporaryDirectory() as folder:
        scratch = pathlib.Path(folder) / "page.md"
        scratch.write_text(text, encoding="utf-8")
        blocks = literate.read_blocks(scratch)
    numbers = []
    for block in blocks:
        if block.output is not None:
            numbers += _printed_numbers(block.output)
    return numbers


def _printed_numbers(text):
    """The numbers of code's output: read as prose, and ``1,438`` also as 1 and 438."""
    numbers = read_numbers(text)
    for number in list(numbers):
        if "," in number.text:
            numbers += read_numbers(number.text.replace(",", ", "))
    return numbers


_LINE_RANGE = re.compile(r"^\d*(?::\d*)?(?:,\d*(?::\d*)?)*$")


def split_snippet(spec):
    """``(path, part)`` of a snippet: ``"file.md:name"`` is a section, ``"file.md:3:9"`` lines."""
    path, _, part = spec.partition(":")
    return path, part


def snippet_text(spec):
    """The text a ``--8<--`` line includes: the file, one of its sections, or its lines.

    Sections are marked in the file with ``--8<-- [start:name]`` and
    ``--8<-- [end:name]`` (pymdownx.snippets), line ranges are 1-based and
    inclusive (``3:9``, ``3:``, ``:9``, several joined by commas).
    """
    path, part = split_snippet(spec)
    text = (ROOT / path).read_text(encoding="utf-8")
    if not part:
        return text
    if not _LINE_RANGE.match(part):
        name = re.escape(part)
        section = re.search(
            rf"--8<-- \[start:{name}\][^\n]*\n(.*?)^[^\n]*--8<-- \[end:{name}\]",
            text,
            re.S | re.M,
        )
        return section.group(1) if section else ""
    lines = text.splitlines(keepends=True)
    chosen = []
    for piece in part.split(","):
        start, _, end = piece.partition(":")
        first = int(start) if start else 1
        last = int(end) if end else (len(lines) if ":" in piece else first)
        chosen += lines[first - 1 : last]
    return "".join(chosen)


def writer_scripts(included):
    """The scripts under ``benchmarks/`` and ``experiments/`` that name the file ``included``."""
    name = pathlib.PurePosixPath(split_snippet(included)[0]).name
    scripts = []
    for folder in RESULT_WRITERS:
        for script in sorted((ROOT / folder).rglob("*.py")) if (ROOT / folder).is_dir() else []:
            if name in script.read_text(encoding="utf-8"):
                scripts.append(script.relative_to(ROOT).as_posix())
    return scripts


def included_numbers(text):
    """The numbers of the results files ``text`` includes, ``{snippet: [Number]}``.

    Only what the page shows counts (a section or lines, if the ``--8<--``
    line names them), and only from files that exist and that a script
    under benchmarks/ or experiments/ names (the script that writes them).
    """
    found = {}
    for included in included_files(text):
        if (ROOT / split_snippet(included)[0]).is_file() and writer_scripts(included):
            found[included] = _printed_numbers(snippet_text(included))
    return found


# --- a page ---------------------------------------------------------------------


@dataclasses.dataclass
class Checked:
    """One checked number of a page's prose and its verdict."""

    number: Number
    line: int
    context: str
    verdict: str  # "backed", "allowed" or "flagged"
    source: str = ""  # what backs or allows it


@dataclasses.dataclass
class PageReport:
    page: str  # relative to docs/
    checked: list

    def by(self, verdict):
        return [c for c in self.checked if c.verdict == verdict]

    @property
    def flagged(self):
        return self.by("flagged")


def english_page(path):
    """The page's path relative to docs/, as the allowlist names it (English for both)."""
    path = pathlib.Path(path).resolve()
    if path.is_relative_to(ZH):
        return path.relative_to(ZH).as_posix()
    return path.relative_to(DOCS).as_posix()


def load_allowed(path=ALLOWED):
    """``{English page: [entry]}`` from the allowlist file."""
    import yaml

    data = yaml.safe_load(pathlib.Path(path).read_text(encoding="utf-8")) or {}
    return data


def entry_number(entry):
    """The :class:`Number` an allowlist entry names, or ``None`` if it is not exactly one number."""
    text = str(entry.get("number", "")).strip() if isinstance(entry, dict) else ""
    numbers = read_numbers(text)
    if len(numbers) != 1 or numbers[0].text != text:
        return None
    return numbers[0]


def _context(prose, number, width=45):
    start = max(0, number.offset - width)
    end = min(len(prose), number.offset + len(number.text) + width)
    words = " ".join(prose[start:end].split())
    return ("…" if start else "") + words + ("…" if end < len(prose) else "")


def check_page(path, text=None, allowed=None, page=None):
    """Judge every checked number of the page at ``path``.

    ``text`` replaces the file's content (an edited page), ``allowed`` the
    allowlist (``{page: [entry]}``) and ``page`` the name the allowlist
    knows the page by (its English path under docs/, found from ``path``).
    """
    path = pathlib.Path(path)
    if text is None:
        text = path.read_text(encoding="utf-8")
    if page is None:
        page = english_page(path)
    if allowed is None:
        allowed = load_allowed()
    allowed_keys = {}
    for entry in allowed.get(page) or []:
        number = entry_number(entry)
        if number is not None:
            allowed_keys[number.key] = entry.get("reason", "")
    printed = [("Output", n) for n in output_numbers(text)]
    for included, numbers in included_numbers(text).items():
        printed += [(included, n) for n in numbers]
    prose = running_text(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", prose)]
    checked = []
    for number in read_numbers(prose):
        if not is_checked(number, prose):
            continue
        line = _line_of(line_starts, number.offset)
        context = _context(prose, number)
        backing = next((source for source, p in printed if backs(p, number)), None)
        if backing is not None:
            checked.append(Checked(number, line, context, "backed", backing))
        elif number.key in allowed_keys:
            checked.append(Checked(number, line, context, "allowed", allowed_keys[number.key]))
        else:
            checked.append(Checked(number, line, context, "flagged"))
    return PageReport(page, checked)


def _line_of(line_starts, offset):
    low, high = 0, len(line_starts)
    while high - low > 1:
        middle = (low + high) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle
    return low + 1


def book_pages():
    """Every page of the book, both editions: the API reference (docs/reference/) is not prose."""
    pages = []
    for path in sorted(DOCS.rglob("*.md")):
        relative = path.relative_to(DOCS).as_posix()
        if relative.startswith(("reference/", "zh-TW/reference/", "hooks/")):
            continue
        pages.append(relative)
    return pages


def describe(checked):
    """One line for a checked number: where, what, and its context."""
    return f"line {checked.line}: {checked.number.text}  —  {checked.context}"


def main(argv):
    show_all = "--all" in argv
    paths = [a for a in argv if not a.startswith("--")] or [str(DOCS / p) for p in book_pages()]
    for name in paths:
        report = check_page(name)
        shown = report.checked if show_all else report.flagged
        for checked in shown:
            tag = ""
            if show_all:
                source = f": {checked.source[:40]}" if checked.source else ""
                tag = f"[{checked.verdict}{source}] "
            print(f"{name}:{checked.line}: {tag}{checked.number.text}  —  {checked.context}")


if __name__ == "__main__":
    main(sys.argv[1:])
