"""The code blocks lose only highlighting spans that look like nothing (docs/hooks/hook_code.py)."""

import pathlib
import re

import hook_code
import material


def test_names_and_whitespace_are_unwrapped_and_the_text_stays():
    html = (
        '<code><span class="n">weights1</span><span class="w"> </span>'
        '<span class="o">=</span> <span class="n">np</span><span class="o">.</span>'
        '<span class="n">zeros</span><span class="p">(</span><span class="mi">3</span>'
        '<span class="p">)</span></code>'
    )
    lighter = hook_code.unwrap_invisible_spans(html)
    assert 'class="n"' not in lighter and 'class="w"' not in lighter
    assert '<span class="o">=</span>' in lighter and '<span class="mi">3</span>' in lighter
    assert re.sub(r"<[^>]+>", "", lighter) == re.sub(r"<[^>]+>", "", html)


def test_other_kinds_keep_their_spans():
    # Builtins (nb), keywords (k), strings (s2) and names with a colour of
    # their own (nf, nc) start with the same letters but are other classes.
    for kind in ("nb", "nf", "nc", "k", "s2", "kn"):
        html = f'<span class="{kind}">x</span>'
        assert hook_code.unwrap_invisible_spans(html) == html


def test_the_name_colour_is_the_code_colour_in_both_palettes():
    # What makes unwrapping invisible: Material gives names the code's own colour.
    assets = pathlib.Path(material.__file__).parent / "templates" / "assets"
    stylesheets = list((assets / "stylesheets").glob("*.css"))
    name_colour = re.compile(r"--md-code-hl-name-color:([^;}]*)")
    found = {
        match for sheet in stylesheets for match in name_colour.findall(sheet.read_text("utf-8"))
    }
    assert found == {"var(--md-code-fg-color)"}
