"""The explorables in Chromium: their sliders, driven with the keyboard, show the package's numbers.

An explorable (``docs/javascripts/explorables.js``) draws numbers the build
computed and stored in ``explorables/<name>.json``.  These tests do not read
that file: they compute every number again here, from the package's public
functions, and compare it with what a reader sees on the page, in both
editions, after moving each slider with the keys a keyboard user has (Home,
End, the arrows, Page Up and Page Down).  Each number is compared as shown:
the package's value rounded to the digits the page shows, as text.

The same visit then audits the page in use (axe-core, console errors,
requests off 127.0.0.1) and checks that the focused slider shows its focus.
Two smaller visits check the page without JavaScript (the static figure
stays, the empty explorable is not displayed) and one tap on a phone.

The browser work is done once per edition, in one context with one tab that
opens the three pages in turn; the two editions run side by side.  The
machinery (server, browser, tabs, axe) is ``browser_support.py``'s.
"""

import asyncio

import pytest
from browser_support import MISSING, SHOULD_SKIP

if SHOULD_SKIP:
    pytest.skip(MISSING, allow_module_level=True)

import browser_support as support  # noqa: E402
from browser_support import DESKTOP, PHONE, RUN_AXE, VIEWPORTS, Tab  # noqa: E402

# The fixtures this module uses (pytest finds them among the module's names):
# the browser, the site and its server, axe-core, one event loop.
_browser_is_required = support._browser_is_required
axe_script, base_url, browser = support.axe_script, support.base_url, support.browser
run, site_dir = support.run, support.site_dir

pytestmark = pytest.mark.browser

#: Each edition's language and the folder its pages are in.
EDITIONS = {"en": "", "zh-TW": "zh-TW/"}
#: Each explorable and the chapter that shows it.
PAGES = {
    "training-run": "part-1/putting-it-all-together/",
    "learning-rate": "part-2/learning-rate/",
    "convolution-epochs": "part-2/convolutions/",
}
#: The chapter's seed (the slider starts with it) and the seed whose run stalls.
CHAPTER_SEED, STALLING_SEED = 2018, 6351
#: The training run's iterations checked against the package.
CHECKED_ITERATIONS = (0, 1, 10, 100, 1500)
#: The CNN's epochs checked against the package (12 is the recipe's last; see ``package``).
CHECKED_EPOCHS = (0, 1, 12)
#: The seed of the chapter's CNN figures and of the explorable (figures/digits.py FIGURE_SEED).
CNN_SEED = 0
KEYS = ("Home", "End", "ArrowRight", "ArrowLeft", "PageUp", "PageDown")


# --------------------------------------------------------------------------- the package


def to_precision(value, digits):
    """``value`` with ``digits`` significant digits, as JavaScript's ``toPrecision`` writes it.

    Trailing zeros are kept; no exponent between 1e-6 and 10**digits (the
    range of every loss shown here).
    """
    exponent = int(f"{value:.{digits - 1}e}".split("e")[1])
    assert -6 <= exponent < digits, f"{value} would be shown with an exponent"
    return f"{value:.{max(digits - 1 - exponent, 0)}f}"


def thousandths(values):
    """Predictions as the page shows them: three decimals each, separated by spaces."""
    return " ".join(f"{float(v):.3f}" for v in values)


def percent(fraction):
    """A fraction as the page shows it: a percentage with one decimal."""
    return f"{100 * float(fraction):.1f}%"


@pytest.fixture(scope="module")
def package():
    """Every number the tests compare, computed from the package's public functions.

    ``package[name][key]`` are the raw numbers the explorable ``name`` should
    show at slider position ``key`` (for the training run, ``(seed, position)``);
    ``package["positions"][name]`` is how many positions its slider has.
    Not read from the site's JSON: trained again here (the CNN for about a second).
    """
    import numpy as np

    from nn_from_scratch import NeuralNetwork, SoftmaxCrossEntropy, article_dataset
    from nn_from_scratch.activations import softmax
    from nn_from_scratch.cnn import CNN_RECIPE, digits_cnn, image_split, train_digits_cnn
    from nn_from_scratch.digits import load_digits_split
    from nn_from_scratch.explorables.training_run import SHOWN_ITERATIONS
    from nn_from_scratch.figures.convolution import FEATURE_MAP_SAMPLE
    from nn_from_scratch.figures.digits import FIGURE_SEED
    from nn_from_scratch.learning_rate import LEARNING_RATES, train_with_learning_rate
    from nn_from_scratch.loss import sum_squared_error
    from nn_from_scratch.sequential import in_mode
    from nn_from_scratch.training import evaluate
    from nn_from_scratch.validation import random_generator

    assert FIGURE_SEED == CNN_SEED, "the CNN figures' seed changed: update CNN_SEED"
    assert CHECKED_EPOCHS[-1] == CNN_RECIPE.epochs, "the recipe's last epoch changed"
    x, y = article_dataset()

    training_run = {}
    for seed, iterations in [(CHAPTER_SEED, k) for k in CHECKED_ITERATIONS] + [
        (STALLING_SEED, 1500)
    ]:
        network = NeuralNetwork(x, y, seed=seed)
        if iterations:
            network.train(iterations)
        predictions = network.predict(x)
        loss = sum_squared_error(y, predictions)
        training_run[seed, SHOWN_ITERATIONS.index(iterations)] = (iterations, loss, predictions)

    learning_rate = {}
    for index, rate in enumerate(LEARNING_RATES):
        network, losses = train_with_learning_rate(x, y, rate)
        learning_rate[index] = (rate, losses[-1], network.predict(x))

    split = image_split(load_digits_split())
    label = int(split.y_test[FEATURE_MAP_SAMPLE])
    convolution = {}
    for epochs in CHECKED_EPOCHS:
        if epochs:
            network, _ = train_digits_cnn(CNN_SEED, epochs=epochs)
        else:  # untrained, built as cnn_figure_run builds it
            network = digits_cnn(random_generator(CNN_SEED))
        loss, accuracy = evaluate(network, SoftmaxCrossEntropy(), split.x_train, split.y_train)
        with in_mode(network, training=False):
            logits = network.forward(split.x_test[FEATURE_MAP_SAMPLE : FEATURE_MAP_SAMPLE + 1])
        probabilities = softmax(logits)[0]
        best = int(np.argmax(probabilities))
        convolution[epochs] = (epochs, loss, accuracy, label, best, probabilities[best])

    return {
        "training-run": training_run,
        "learning-rate": learning_rate,
        "convolution-epochs": convolution,
        "positions": {
            "training-run": len(SHOWN_ITERATIONS),
            "learning-rate": len(LEARNING_RATES),
            "convolution-epochs": CNN_RECIPE.epochs + 1,
        },
    }


def shown(name, numbers, language):
    """What the page should show for ``numbers`` (one entry of ``package[name]``), in ``language``:
    ``{"output": slider's position, "aria": its aria-valuetext, "fields": the readout}``."""
    from nn_from_scratch.figures.words import translate

    if name == "training-run":
        iterations, loss, predictions = numbers
        loss = to_precision(loss, 5)
        return {
            "output": str(iterations),
            "aria": translate(
                "iterations trained: {iterations}, loss: {loss}",
                language,
                iterations=iterations,
                loss=loss,
            ),
            "fields": {
                "iteration": str(iterations),
                "loss": loss,
                "predictions": thousandths(predictions.ravel()),
            },
        }
    if name == "learning-rate":
        rate, loss, predictions = numbers
        rate, loss = f"{rate:g}", f"{loss:.4f}"
        return {
            "output": rate,
            "aria": translate(
                "learning rate: {rate}, final loss: {loss}", language, rate=rate, loss=loss
            ),
            "fields": {"rate": rate, "loss": loss, "predictions": thousandths(predictions.ravel())},
        }
    epoch, loss, accuracy, label, best, probability = numbers
    loss = to_precision(loss, 4)
    return {
        "output": str(epoch),
        "aria": translate(
            "epochs trained: {epochs}, training loss: {loss}", language, epochs=epoch, loss=loss
        ),
        "fields": {
            "epoch": str(epoch),
            "label": str(label),
            "loss": loss,
            "accuracy": percent(accuracy),
            "answer": translate(
                "{digit}: {probability}", language, digit=best, probability=percent(probability)
            ),
        },
    }


# --------------------------------------------------------------------------- in the page

# The explorable's state as a reader meets it: the slider's position, what it
# reads out, the number beside it and the readout's numbers.
READ = """
(root) => {
  const slider = root.querySelector('input[type="range"]');
  const fields = {};
  for (const number of root.querySelectorAll(".explorable__readout [data-field]")) {
    fields[number.dataset.field] = number.textContent;
  }
  return {
    position: Number(slider.value),
    last: Number(slider.max),
    output: root.querySelector(".explorable__position").textContent,
    aria: slider.getAttribute("aria-valuetext"),
    fields,
  };
}
"""

# The focused element's outline, as drawn.
FOCUS = """
() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    element: `${element.tagName.toLowerCase()}[type=${element.type}]`,
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
  };
}
"""

# The static figure before the explorable (shown images, and whether they
# loaded) and whether the explorable itself is displayed.
FIGURE_AND_EXPLORABLE = """
(root) => {
  const images = [...root.previousElementSibling.querySelectorAll('img[src*="/figures/"]')];
  return {
    figures: images
      .filter((image) => image.checkVisibility())
      .map((image) => ({
        src: image.getAttribute("src"),
        loaded: image.complete && image.naturalWidth > 0,
        height: image.getBoundingClientRect().height,
      })),
    display: getComputedStyle(root).display,
  };
}
"""


def routes():
    """The keys pressed on each explorable, in order: a key, or ``("walk", position)``
    (Page Up or Down while far, then arrows), or ``"seed"`` (choose the stalling seed).

    Every route presses all of ``KEYS`` and passes every position ``package`` checks.
    """
    from nn_from_scratch.explorables.training_run import SHOWN_ITERATIONS

    return {
        # 0, 1, 10, 100, 1500; back down a little, then to the end for the stalling seed.
        "training-run": [
            "Home",
            "ArrowRight",
            ("walk", SHOWN_ITERATIONS.index(10)),
            ("walk", SHOWN_ITERATIONS.index(100)),
            "End",
            "PageDown",
            "ArrowLeft",
            "PageUp",
            "End",
            "seed",
        ],
        # Every rate, up and down (the slider starts at rate 1).
        "learning-rate": [
            "Home",
            "ArrowRight",
            "PageUp",
            "ArrowRight",
            "ArrowRight",
            "End",
            "ArrowLeft",
            "PageDown",
            "ArrowLeft",
            "ArrowLeft",
        ],
        "convolution-epochs": [
            "Home",
            "ArrowRight",
            "End",
            "PageDown",
            "ArrowLeft",
            "PageUp",
            "End",
        ],
    }


async def _choose_stalling_seed(page):
    """From the focused slider, Tab to the seed buttons and arrow down to the stalling seed."""
    await page.keyboard.press("Tab")
    for _ in range(5):
        label = await page.evaluate("() => document.activeElement.closest('label')?.textContent")
        if label and str(STALLING_SEED) in label:
            return
        await page.keyboard.press("ArrowDown")
    raise AssertionError(f"no seed button for {STALLING_SEED} reached with Tab and ArrowDown")


async def _explore(tab, name, path, route, axe_script):
    """Open ``path``, drive its explorable along ``route`` with the keyboard, then audit the page.

    Returns what each key showed (``seen``), the focused controls' outlines,
    the static figure's state, axe's violations (None without axe) and the
    tab's problems (console errors, failed or foreign requests).
    """
    await tab.open(path)
    page = tab.page
    root = page.locator(f'.explorable[data-explorable="{name}"]')
    await root.locator(".explorable__readout [data-field]").first.wait_for()
    slider = root.locator('input[type="range"]')
    await slider.focus()
    seen, focus, seed = [], {}, CHAPTER_SEED
    # Where the slider starts, before any key.
    seen.append({"key": "start", "before": None, "seed": seed, **await root.evaluate(READ)})

    async def press(key):
        before = int(await slider.input_value())
        if key == "seed":
            focus["slider"] = await page.evaluate(FOCUS)
            await _choose_stalling_seed(page)
            focus["seed button"] = await page.evaluate(FOCUS)
        else:
            await page.keyboard.press(key)
        seen.append({"key": key, "before": before, "seed": seed, **await root.evaluate(READ)})

    for step in route:
        if step == "seed":
            seed = STALLING_SEED
            await press(step)
        elif isinstance(step, tuple):
            target = step[1]
            for _ in range(100):
                now = int(await slider.input_value())
                if now == target:
                    break
                up = target > now
                if abs(target - now) >= 8:
                    await press("PageUp" if up else "PageDown")
                else:
                    await press("ArrowRight" if up else "ArrowLeft")
        else:
            await press(step)
    focus.setdefault("slider", await page.evaluate(FOCUS))
    await tab.recorder.quiet()
    figure = await root.evaluate(FIGURE_AND_EXPLORABLE)
    violations = None
    if axe_script:
        await page.add_script_tag(path=str(axe_script))
        violations = await page.evaluate(RUN_AXE)
    # Let every font and request the page started finish here, not be cut off
    # by the next page (a cut-off request would count as that page's failure).
    await page.evaluate("() => document.fonts.ready.then(() => null)")
    await tab.recorder.quiet()
    problems = tab.recorder.problems + tab.recorder.foreign_requests()
    return {
        "seen": seen,
        "focus": focus,
        "figure": figure,
        "violations": violations,
        "problems": problems,
    }


@pytest.fixture(scope="module")
def explored(run, browser, base_url, site_dir, axe_script):
    """``explored[language][name]``: each explorable driven and audited (``_explore``).

    One context per edition, one tab in each opening the three pages in turn;
    the two editions side by side.
    """
    script, _ = axe_script
    route = routes()

    async def edition(folder):
        context = await support._new_context(browser)
        await support._serve_an_empty_search_index(context, site_dir)
        try:
            tab = await Tab.create(context, base_url)
            return {
                name: await _explore(tab, name, folder + path, route[name], script)
                for name, path in PAGES.items()
            }
        finally:
            await context.close()

    async def both():
        found = await asyncio.gather(*(edition(folder) for folder in EDITIONS.values()))
        return dict(zip(EDITIONS, found, strict=True))

    return run(both())


# --------------------------------------------------------------------------- tests


def _moved_as_expected(seen):
    """Whether the key in ``seen`` moved the slider as a keyboard user expects."""
    key, before, now, last = seen["key"], seen["before"], seen["position"], seen["last"]
    if key in ("start", "seed"):  # no key yet; a seed chosen leaves the slider where it is
        return key == "start" or now == before
    return {
        "Home": now == 0,
        "End": now == last,
        "ArrowRight": now == min(before + 1, last),
        "ArrowLeft": now == max(before - 1, 0),
        "PageUp": now > before or before == last,
        "PageDown": now < before or before == 0,
    }[key]


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_the_slider_shows_the_packages_numbers(explored, package, name, language):
    """Moved with the keyboard only, the slider, its aria-valuetext and the readout show, at
    every checked position, the numbers the package computes, to the digits shown.

    Guards the data (computed and rounded at build), the script that draws it
    (which field shows which number, in which format and language) and the
    keyboard: each key moves the slider as expected and the page follows.
    """
    visit = explored[language][name]
    wrong_moves = [
        f"{seen['key']}: {seen['before']} -> {seen['position']}"
        for seen in visit["seen"]
        if not _moved_as_expected(seen)
    ]
    assert not wrong_moves, (
        f"{name} ({language}): keys that moved the slider wrongly: {wrong_moves}"
    )
    assert set(KEYS) <= {seen["key"] for seen in visit["seen"]}, "the route misses a key"
    expected_last = package["positions"][name] - 1
    assert visit["seen"][0]["last"] == expected_last, (
        "the slider has a different number of positions"
    )

    checked, mismatches = set(), []
    for seen in visit["seen"]:
        key = (seen["seed"], seen["position"]) if name == "training-run" else seen["position"]
        if key not in package[name]:
            continue
        checked.add(key)
        expected = shown(name, package[name][key], language)
        got = {part: seen[part] for part in expected}
        if got != expected:
            mismatches.append(
                f"after the key {seen['key']}, at {key}:\n  page:    {got}\n  package: {expected}"
            )
    assert checked == set(package[name]), f"positions never reached: {set(package[name]) - checked}"
    assert not mismatches, f"{name} ({language}):\n" + "\n".join(mismatches)


@pytest.mark.parametrize("language", EDITIONS)
def test_the_explorables_in_use_pass_axe(explored, axe_script, language):
    """After the sliders and the seed buttons were used, axe-core finds no violation on the
    pages (except the known third-party ones of ``AXE_KNOWN``): the controls the script
    made keep their names, roles and contrast once they have changed."""
    if axe_script[0] is None:
        pytest.skip(axe_script[1])
    found = []
    for name, visit in explored[language].items():
        for violation in visit["violations"]:
            _, targets = support._known(violation)
            if targets:
                found.append(
                    f"{name}: [{violation['impact']}] {violation['id']}: {violation['help']}: "
                    f"{'; '.join(targets[:3])}"
                )
    assert not found, f"axe-core, {language} pages in use:\n" + "\n".join(found)


@pytest.mark.parametrize("language", EDITIONS)
def test_the_explorables_in_use_load_cleanly(explored, language):
    """No console error, no failed request and no request off 127.0.0.1 while the pages
    load their explorables' data and the reader moves the sliders."""
    problems = {
        name: visit["problems"] for name, visit in explored[language].items() if visit["problems"]
    }
    assert not problems, problems


@pytest.mark.parametrize("language", EDITIONS)
def test_the_focused_controls_show_their_focus(explored, language):
    """The slider moved with the keys, and the seed button reached with Tab, draw an outline."""
    hidden = [
        f"{name}, {control}: {outline}"
        for name, visit in explored[language].items()
        for control, outline in visit["focus"].items()
        if outline["style"] == "none" or outline["width"] <= 0
    ]
    assert not hidden, f"focused controls without a visible outline: {hidden}"


def test_without_javascript_the_static_figure_stays(run, browser, base_url, explored):
    """Without JavaScript each chapter shows its static figure and no empty explorable box;
    with JavaScript (the visits above) the explorable replaces the figure."""

    async def visit():
        context = await browser.new_context(
            viewport=VIEWPORTS[DESKTOP], color_scheme="light", java_script_enabled=False
        )
        try:
            tab = await Tab.create(context, base_url)
            found = {}
            for name, path in PAGES.items():
                await tab.open(path)
                root = tab.page.locator(f'.explorable[data-explorable="{name}"]')
                found[name] = (
                    await root.evaluate(FIGURE_AND_EXPLORABLE),
                    list(tab.recorder.problems),
                )
            return found
        finally:
            await context.close()

    for name, (figure, problems) in run(visit()).items():
        assert figure["display"] == "none", f"{name}: the empty explorable is displayed"
        assert len(figure["figures"]) == 1, f"{name}: figures shown: {figure['figures']}"
        shown_figure = figure["figures"][0]
        assert shown_figure["loaded"] and shown_figure["height"] > 0, f"{name}: {shown_figure}"
        assert not problems, problems
    for language, visits in explored.items():
        for name, visit in visits.items():
            with_script = visit["figure"]
            assert not with_script["figures"], f"{name} ({language}): the static figure stays"
            assert with_script["display"] != "none", f"{name} ({language}): explorable not shown"


def test_one_tap_moves_the_training_run_slider(run, browser, base_url, site_dir):
    """On a phone, one tap on the slider's track, a quarter of the way along, moves it there
    and the readout follows: no drag needed."""
    from nn_from_scratch.explorables.training_run import SHOWN_ITERATIONS

    async def tap():
        context = await support._new_context(browser, PHONE)
        await support._serve_an_empty_search_index(context, site_dir)
        try:
            tab = await Tab.create(context, base_url, PHONE)
            await tab.open(PAGES["training-run"])
            root = tab.page.locator('.explorable[data-explorable="training-run"]')
            await root.locator(".explorable__readout [data-field]").first.wait_for()
            before = await root.evaluate(READ)
            slider = root.locator('input[type="range"]')
            box = await slider.bounding_box()
            await slider.tap(position={"x": box["width"] / 4, "y": box["height"] / 2})
            return before, await root.evaluate(READ), list(tab.recorder.problems)
        finally:
            await context.close()

    before, after, problems = run(tap())
    assert before["position"] == before["last"], "the slider does not start at the end"
    assert after["position"] != before["position"], "a tap on the track did not move the slider"
    assert 0 < after["position"] < after["last"] / 2, after
    assert after["fields"]["iteration"] == str(SHOWN_ITERATIONS[after["position"]]), after
    assert not problems, problems
