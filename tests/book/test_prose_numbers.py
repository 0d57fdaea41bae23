"""Every number in the running prose of the book comes from code (see ``prose_numbers.py``).

A number that looks computed (a decimal, a percentage, an exponent, an
integer of 11 or more) must appear in an Output block of its page or in a
results file the page includes, or be one the reader sets, listed with its
reason in ``prose_numbers_allowed.yml``.  Both editions, every page of the
book but the API reference.  Reads the Markdown only: no site build, no
code run.
"""

import pathlib

import prose_numbers
import pytest

PAGES = prose_numbers.book_pages()
ALLOWED = prose_numbers.load_allowed()
ENGLISH_PAGES = [page for page in PAGES if not page.startswith("zh-TW/")]


def _path(page):
    return prose_numbers.DOCS / page


@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_the_prose_comes_from_code(page):
    report = prose_numbers.check_page(_path(page), allowed=ALLOWED)
    flagged = report.flagged
    assert not flagged, (
        f"docs/{page}: {len(flagged)} number(s) in the prose that no Output of the page "
        "prints, no included results file holds and the allowlist does not name:\n"
        + "\n".join(f"  {prose_numbers.describe(c)}" for c in flagged)
        + "\nPrint each one in an Output of this page (or round it to a printed number's "
        "precision); if the reader sets it, add it to tests/book/prose_numbers_allowed.yml "
        f"under {report.page} with its reason."
    )


# --- the allowlist ---------------------------------------------------------------


def test_every_allowlist_entry_has_a_number_and_a_reason():
    problems = []
    for page, entries in ALLOWED.items():
        if not (prose_numbers.DOCS / page).is_file() or page not in ENGLISH_PAGES:
            problems.append(f"{page}: not an English page of the book under docs/")
        if not isinstance(entries, list) or not entries:
            problems.append(f"{page}: expected a list of {{number, reason}} entries")
            continue
        seen = set()
        for entry in entries:
            if not isinstance(entry, dict) or set(entry) != {"number", "reason"}:
                problems.append(f"{page}: {entry!r} must have exactly 'number' and 'reason'")
                continue
            if not isinstance(entry["number"], str):
                problems.append(f"{page}: number {entry['number']!r} must be a quoted string")
            reason = entry["reason"]
            if not isinstance(reason, str) or len(reason.split()) < 3:
                problems.append(f"{page}: {entry['number']}: the reason must say why (words)")
            number = prose_numbers.entry_number(entry)
            if number is None:
                problems.append(f"{page}: {entry['number']!r} is not one number")
                continue
            if not prose_numbers.is_checked(number, entry["number"]):
                problems.append(f"{page}: {entry['number']} is never checked; no entry needed")
            if number.key in seen:
                problems.append(f"{page}: {entry['number']} is listed twice")
            seen.add(number.key)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_every_allowlist_entry_is_still_needed(page):
    """An entry the page no longer uses (the number is gone, or code now prints it) must go."""
    report = prose_numbers.check_page(_path(page), allowed=ALLOWED)
    used = {checked.number.key for checked in report.by("allowed")}
    unused = [
        entry["number"]
        for entry in ALLOWED.get(report.page) or []
        if prose_numbers.entry_number(entry) is not None
        and prose_numbers.entry_number(entry).key not in used
    ]
    assert not unused, (
        f"docs/{page}: allowlist entries under {report.page} that no unprinted number of the "
        f"page needs (gone from the prose, or now printed): {unused}; delete them from "
        "tests/book/prose_numbers_allowed.yml"
    )


@pytest.mark.parametrize("page", PAGES)
def test_included_results_files_are_written_by_code(page):
    text = _path(page).read_text(encoding="utf-8")
    for included in prose_numbers.included_files(text):
        path, part = prose_numbers.split_snippet(included)
        assert (prose_numbers.ROOT / path).is_file(), f"docs/{page} includes {included}"
        if part:
            assert prose_numbers.snippet_text(included).strip(), (
                f"docs/{page} includes {included}: no such section or lines in {path}"
            )
        assert prose_numbers.writer_scripts(included), (
            f"docs/{page} includes {included}, which no script under "
            f"{' or '.join(prose_numbers.RESULT_WRITERS)}/ names: which code writes it?"
        )


def test_a_snippet_includes_a_file_a_section_or_lines(tmp_path, monkeypatch):
    monkeypatch.setattr(prose_numbers, "ROOT", tmp_path)
    (tmp_path / "results.md").write_text(
        "intro 0.11\n<!-- --8<-- [start:table] -->\n| 0.22 |\n<!-- --8<-- [end:table] -->\n",
        encoding="utf-8",
    )
    assert "0.11" in prose_numbers.snippet_text("results.md")
    assert prose_numbers.snippet_text("results.md:table") == "| 0.22 |\n"
    assert prose_numbers.snippet_text("results.md:1:1") == "intro 0.11\n"
    assert prose_numbers.snippet_text("results.md:3:") == "| 0.22 |\n<!-- --8<-- [end:table] -->\n"
    assert prose_numbers.snippet_text("results.md:nothing") == ""


# --- the check catches what it should ----------------------------------------------


def _wrong_but_close(checked, printed):
    """A value near ``checked``'s, written the same way, that no printed number backs."""
    number = checked.number
    places = max(0, -number.quantum.normalize().as_tuple().exponent)
    for shift in (-3, 3, -7, 7, -13, 13):
        value = abs(number.value) + shift * number.quantum
        if value <= 0:
            continue
        text = f"{value:.{places}f}" + ("%" if number.percent else "")
        candidate = prose_numbers.read_numbers(text)[0]
        if not any(prose_numbers.backs(p, candidate) for p in printed):
            return text
    raise AssertionError(f"no wrong value found for {number.text}")


@pytest.mark.parametrize("edition", ["", "zh-TW/"])
def test_the_check_catches_a_planted_wrong_number(edition):
    """Change an accuracy the prose of "Many layers" takes from an Output: the check flags it."""
    path = _path(f"{edition}part-2/many-layers.md")
    text = path.read_text(encoding="utf-8")
    before = prose_numbers.check_page(path, text=text, allowed=ALLOWED)
    accuracies = [c for c in before.by("backed") if c.number.percent]
    assert accuracies, "many-layers.md should quote a printed accuracy in its prose"
    # The most precise one: a wrong digit there is the kind of error the check is for.
    original = min(accuracies, key=lambda checked: checked.number.quantum)
    printed = prose_numbers.output_numbers(text)
    wrong = _wrong_but_close(original, printed)
    start = original.number.offset
    planted = text[:start] + wrong + text[start + len(original.number.text) :]
    after = prose_numbers.check_page(path, text=planted, allowed=ALLOWED)
    caught = [c for c in after.flagged if c.line == original.line and c.number.text == wrong]
    assert caught, f"planted {wrong} for {original.number.text} at line {original.line}: missed"
    # Nothing else changed: the same numbers are flagged as before, plus the planted one.
    assert len(after.flagged) == len(before.flagged) + 1


SAMPLE = """# A sample page

The loss starts at 1.1403, and after 1500 iterations (a number the reader
sets) it is about 0.0016, or 1.6 × 10⁻³. The test accuracy is 98.9%, the
error rate 1.11%; 1,438 training images. A range: losses from 0.72 to 1.14.

```python
print("loss: 1.1403 -> 0.0016, accuracy 0.9889, error 1.11%, n 1438")
```

~~~text title="Output"
loss: 1.1403 -> 0.0016, accuracy 0.9889, error 1.11%, n 1438 0.7215
~~~

Not prose: `lr = 0.37`, $\\eta = 0.37$, [a link](page-0.37.md),
<!-- 0.37 --> and a fence:

~~~sh
python train.py --lr 0.37
~~~

| run | accuracy |
|-----|----------|
| one | 98.89%   |
"""


def test_a_correct_page_passes(tmp_path):
    page = tmp_path / "sample.md"
    page.write_text(SAMPLE, encoding="utf-8")
    allowed = {"sample.md": [{"number": "1500", "reason": "the reader sets it"}]}
    report = prose_numbers.check_page(page, allowed=allowed, page="sample.md")
    assert report.flagged == []
    verdicts = [(c.number.text, c.verdict) for c in report.checked]
    assert verdicts == [
        ("1.1403", "backed"),
        ("1500", "allowed"),
        ("0.0016", "backed"),
        ("1.6 × 10⁻³", "backed"),
        ("98.9%", "backed"),
        ("1.11%", "backed"),
        ("1,438", "backed"),
        ("0.72", "backed"),
        ("1.14", "backed"),
        ("98.89%", "backed"),
    ]
    # Without its allowlist entry the reader-set number is flagged; so is a wrong one.
    wrong = SAMPLE.replace("about 0.0016", "about 0.0018")
    report = prose_numbers.check_page(page, text=wrong, allowed={}, page="sample.md")
    assert [(c.number.text, c.line) for c in report.flagged] == [("1500", 3), ("0.0018", 4)]


# --- the reader ------------------------------------------------------------------------


def _read(text):
    return [(n.text, str(n.value), n.percent) for n in prose_numbers.read_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,438 images", [("1,438", "1438", False)]),
        ("98.89% and 98.89 ％", [("98.89%", "98.89", True), ("98.89 ％", "98.89", True)]),
        ("−0.5 and -0.25", [("−0.5", "-0.5", False), ("-0.25", "-0.25", False)]),
        (
            "60–115 and 64-1024",
            [
                ("60", "60", False),
                ("115", "115", False),
                ("64", "64", False),
                ("1024", "1024", False),
            ],
        ),
        ("1e-4 and 3.2e-05", [("1e-4", "0.0001", False), ("3.2e-05", "0.000032", False)]),
        ("10⁻⁴ and 10^-6", [("10⁻⁴", "0.0001", False), ("10^-6", "0.000001", False)]),
        ("2.8 × 10⁻¹¹", [("2.8 × 10⁻¹¹", "2.8E-11", False)]),
        ("float32, im2col, L2, weights1, 2.13.0", []),
        ("迭代1500次，準確率98.6%。", [("1500", "1500", False), ("98.6%", "98.6", True)]),
    ],
)
def test_reading_numbers(text, expected):
    assert _read(text) == expected


def test_running_text_leaves_out_code_maths_links_comments_and_fences():
    prose = prose_numbers.running_text(SAMPLE)
    assert len(prose) == len(SAMPLE) and prose.count("\n") == SAMPLE.count("\n")
    assert "0.37" not in prose
    assert "0.0016" in prose and "98.89%" in prose and "a link" in prose


def test_maths_and_code_may_wrap_onto_the_next_line():
    text = "a formula $x = 0.37 +\n0.42$ and code `f(0.37,\n0.42)`, then 0.55\n\n$ 0.66 and 0.77"
    assert [n.text for n in prose_numbers.read_numbers(prose_numbers.running_text(text))] == [
        "0.55",
        "0.66",
        "0.77",
    ]


def test_a_number_alone_in_maths_is_prose():
    text = r"slope about $4 \times 10^{-18}$, floor $10^{-12}$, $12\%$, but $x = 0.5$"
    prose = prose_numbers.running_text(text)
    assert _read(prose) == [
        ("4 \\times 10^{-18}", "4E-18", False),
        ("10^{-12}", "1E-12", False),
        ("12 %", "12", True),
    ]


def test_a_value_after_approx_in_maths_is_prose():
    prose = prose_numbers.running_text(r"spread $\sqrt{256 / 2} \approx 11$ per layer")
    assert _read(prose) == [("11", "11", False)]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("published in 2018 on", True),
        ('"from scratch in Python" (2018), a', True),
        ("(Kingma and Ba, 2015)", True),
        ("2018 年", True),
        ("the seed 2018 is", False),
        ("passes the seed (2018) to", False),
    ],
)
def test_years_are_not_checked(text, year):
    (number,) = prose_numbers.read_numbers(text)
    assert prose_numbers.is_checked(number, text) is not year


@pytest.mark.parametrize(
    ("printed", "written", "backed"),
    [
        ("0.7215", "0.7", True),  # rounded at the prose's precision
        ("0.6483", "0.7", False),
        ("1.0873e-04", "1.1 × 10⁻⁴", True),
        ("0.5", "0.50", True),  # equal value
        ("0.52", "0.50", False),
        ("498", "500", True),  # an integer's trailing zeros are not significant
        ("875", "870", False),  # 875 rounds to 880
        ("93", "100", False),  # two significant digits at least: 95 to 104
        ("99.72%", "100%", False),  # a percentage's zeros are significant
        ("98.89%", "98.9%", True),
        ("0.9889", "98.89%", True),  # a fraction backs a percentage
        ("98.89%", "0.9889", True),  # and the other way round
        ("98.89", "98.9%", True),  # a table of "accuracy (%)"
        ("99.72%", "100", False),  # a percentage never backs a plain number by its digits
        ("0.0005", "0.001", False),  # rounding needs two significant digits
        ("-0.3", "0.3", True),  # a magnitude
        ("0.3", "−0.3", False),  # an explicit minus needs a negative
        ("1,438", "1438", True),
    ],
)
def test_backing(printed, written, backed):
    (p,) = prose_numbers.read_numbers(printed)
    (w,) = prose_numbers.read_numbers(written)
    assert prose_numbers.backs(p, w) is backed


def test_small_integers_are_not_checked():
    text = "two layers, 10 classes, exercise 3, 11 epochs"
    checked = [
        n.text for n in prose_numbers.read_numbers(text) if prose_numbers.is_checked(n, text)
    ]
    assert checked == ["11"]


def test_pages_are_the_book_without_the_reference():
    assert "part-2/many-layers.md" in PAGES and "zh-TW/part-2/many-layers.md" in PAGES
    assert "index.md" in PAGES and "notation.md" in PAGES and "performance.md" in PAGES
    assert not [page for page in PAGES if "reference/" in page]
    assert pathlib.Path(prose_numbers.ALLOWED).is_file()
