"""The built site, opened in a real browser: the machinery of the browser tests.

Playwright drives Debian's Chromium (``/usr/bin/chromium``, headless; no browser
is downloaded).  The site built for the test run (``built_site``) is served on
127.0.0.1.  Each page is then opened once, in the light palette (and a few
again in the dark one), and that visit records everything the tests look at:
console errors, failed or foreign requests, images that did not load,
formulas MathJax did not typeset, axe-core's accessibility report and, for
two pages, a full-page screenshot under ``site/_screenshots/``.

The visits are split between two test modules, ``test_browser.py`` and
``test_browser_more.py``, so that pytest-xdist runs the two halves at the same
time; each module sets ``SHARD`` to 0 or 1.  The pages are dealt out by size,
largest first, to whichever half has less so far.  Shard 0 also opens the
dark pages, takes the screenshots and tests search and the palette toggle.

Without Playwright or Chromium the modules are skipped, unless
``NN_REQUIRE_BROWSER=1`` is set (CI sets it): then they fail.  Without npm
(to fetch axe-core into ``.cache/axe-core/``) only the accessibility test is
skipped.
"""

import asyncio
import dataclasses
import functools
import http.server
import json
import os
import pathlib
import shutil
import subprocess
import threading
import time
import urllib.parse

import pytest
from conftest import ROOT

CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SITE = ROOT / "site"
SCREENSHOTS = SITE / "_screenshots"
SKIPPED_FOLDERS = {"assets", "downloads", "figures", "search", "_screenshots"}
HOME = ""
NOT_FOUND_PAGE = "404.html"  # opened the way readers see it: at an address that does not exist
MISSING_URL = "part-1/no-such-page/"
# Screenshot name -> page; each is taken light and dark.
SCREENSHOT_PAGES = {"home": HOME, "putting-it-all-together": "part-1/putting-it-all-together/"}
# Pages also opened (and checked, and audited) in the dark palette.
DARK_PAGES = [HOME, "part-1/putting-it-all-together/"]
VIEWPORT = {"width": 1280, "height": 900}
TABS = 3  # pages open at the same time during the visits
TIMEOUT_MS = 20_000

AXE_VERSION = "4.14.1"
AXE_PREFIX = ROOT / ".cache" / "axe-core"
AXE_SCRIPT = AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS = ("minor", "moderate", "serious", "critical")
# Violations axe may report on one element, for one rule, each with the
# reason: only third-party markup this project cannot change from its own
# files.  Every other rule still checks these elements.
AXE_KNOWN: dict[tuple[str, str], str] = {
    # (rule id, element selector): the reason it is not counted.  Empty: the one
    # entry it had (Material's unnamed search dialog) is fixed by
    # docs/javascripts/accessibility.js.
}


def _missing_browser():
    """Why the browser tests cannot run here, or None if they can."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError as error:
        return f"Playwright for Python is not installed ({error})"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


MISSING = _missing_browser()
SHOULD_SKIP = bool(MISSING) and os.environ.get("NN_REQUIRE_BROWSER") != "1"
SHARDS = 2
if not MISSING:
    from playwright.async_api import async_playwright


@pytest.fixture(scope="module", autouse=True)
def _browser_is_required():
    """With NN_REQUIRE_BROWSER=1 (as in CI), a missing browser fails every test here."""
    if MISSING:
        pytest.fail(f"NN_REQUIRE_BROWSER=1 but {MISSING}", pytrace=False)


# --------------------------------------------------------------------------- in the page

WAIT_FOR_IMAGES = """
async () => {
  const images = [...document.images];
  for (const image of images) image.loading = "eager";
  const settled = (image) =>
    image.complete
      ? null
      : new Promise((resolve) => {
          image.addEventListener("load", resolve, { once: true });
          image.addEventListener("error", resolve, { once: true });
        });
  const timeout = new Promise((resolve) => setTimeout(resolve, 10000));
  await Promise.race([Promise.all(images.map(settled)), timeout]);
  return images
    .filter((image) => !(image.complete && image.naturalWidth > 0))
    .map((image) => image.getAttribute("src"));
}
"""

MATH_PROBLEMS = """
() => {
  const problems = [...document.querySelectorAll(".arithmatex")]
    .filter((element) => !element.querySelector("mjx-container"))
    .map((element) => "formula not typeset: " + element.textContent.trim().slice(0, 60));
  const article = document.querySelector("article");
  const text = article ? article.innerText : "";
  for (const delimiter of ["$$", "\\\\[", "\\\\("]) {
    if (text.includes(delimiter)) problems.push("raw maths delimiter in the text: " + delimiter);
  }
  return problems;
}
"""

RUN_AXE = """
async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}
"""

SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"


# --------------------------------------------------------------------------- visits


@dataclasses.dataclass
class Visit:
    """What one page did while it was open."""

    path: str
    palette: str
    problems: list = dataclasses.field(default_factory=list)
    violations: list | None = None  # None when axe-core did not run


class Recorder:
    """Listens to one tab; ``reset`` before each page it opens."""

    def __init__(self, page):
        self.reset()
        self.in_flight = set()
        page.on("request", self._request)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def reset(self, url=None, is_404_page=False):
        self.url, self.is_404_page = url, is_404_page
        self.requests, self.problems = [], []
        self.last_request = time.monotonic()

    def _request(self, request):
        self.requests.append(request.url)
        self.in_flight.add(request)
        self.last_request = time.monotonic()

    def _finished(self, request):
        self.in_flight.discard(request)

    def _failed(self, request):
        self.in_flight.discard(request)
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        own_404 = self.is_404_page and response.status == 404 and response.url == self.url
        if response.status >= 400 and not own_404:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message):
        own_404 = (
            self.is_404_page
            and message.location.get("url") == self.url
            and "status of 404" in message.text
        )
        if message.type == "error" and not own_404:
            self.problems.append(f"console error: {message.text} ({message.location})")

    async def quiet(self, window=0.2, timeout=10.0):
        """Wait until no request has been in flight or started for ``window`` seconds.

        Playwright's "networkidle" does the same with half a second, on every page.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.in_flight and time.monotonic() - self.last_request >= window:
                return
            await asyncio.sleep(0.02)
        self.problems.append(f"still loading after {timeout:.0f} s: {self.in_flight}")

    def foreign_requests(self):
        found = []
        for url in self.requests:
            parsed = urllib.parse.urlsplit(url)
            if parsed.scheme not in ("data", "blob") and parsed.hostname != "127.0.0.1":
                found.append(f"request to another host: {url}")
        return found


class Tab:
    """One browser tab that opens pages one after the other and checks each."""

    def __init__(self, page, base_url):
        self.page, self.base_url = page, base_url
        self.recorder = Recorder(page)

    @classmethod
    async def create(cls, context, base_url):
        return cls(await context.new_page(), base_url)

    async def open(self, path):
        is_404_page = path == NOT_FOUND_PAGE
        url = self.base_url + (MISSING_URL if is_404_page else path)
        self.recorder.reset(url, is_404_page)
        await self.page.goto(url, wait_until="load")
        await self.settle()

    async def settle(self):
        """Wait for every image and every formula, then for the network to be quiet."""
        broken = await self.page.evaluate(WAIT_FOR_IMAGES)
        self.recorder.problems += [f"image did not load: {src}" for src in broken]
        if await self.page.locator(".arithmatex").count():
            await self.page.wait_for_function(
                "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
            )
            await self.page.evaluate("() => MathJax.startup.promise.then(() => null)")
            self.recorder.problems += await self.page.evaluate(MATH_PROBLEMS)
        await self.page.evaluate("() => document.fonts.ready.then(() => null)")
        await self.recorder.quiet()

    async def scheme(self):
        return await self.page.evaluate(SCHEME)

    async def visit(self, path, palette, axe_script, screenshot=None):
        """Open one page; return its problems and, if axe_script is given, axe's report."""
        await self.open(path)
        visit = Visit(path, palette)
        expected = "slate" if palette == "dark" else "default"
        if (scheme := await self.scheme()) != expected:
            visit.problems.append(f"palette is {scheme!r}, not {expected!r}")
        if screenshot:
            await self.page.screenshot(path=str(screenshot), full_page=True)
        if axe_script:
            await self.page.add_script_tag(path=str(axe_script))
            visit.violations = await self.page.evaluate(RUN_AXE)
        visit.problems += self.recorder.problems + self.recorder.foreign_requests()
        return visit

    async def close(self):
        await self.page.close()


async def _toggle_palette(page, before, after):
    """Click the palette toggle that is shown, as a reader would."""
    assert await page.evaluate(SCHEME) == before
    index = 1 if after == "slate" else 0
    await page.locator(f'label.md-header__button[for="__palette_{index}"]').click()
    await page.wait_for_function(f"() => ({SCHEME})() === '{after}'")


async def _serve_an_empty_search_index(context, site_dir):
    """Answer the search index request with the site's search settings and no documents.

    Every page has its browser build the whole search index (Material's
    search worker fetches ``search/search_index.json``), the same file on
    every page, at about a quarter of a visit's time.  The page visits get an
    index without documents; search itself is tested with the real index in
    ``test_search_finds_the_backpropagation_chapter``.
    """
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    body = json.dumps({"config": index["config"], "docs": []})

    async def fulfil(route):
        await route.fulfill(status=200, body=body, content_type="application/json")

    await context.route("**/search/search_index.json", fulfil)


async def _new_context(browser):
    context = await browser.new_context(viewport=VIEWPORT, color_scheme="light")
    context.set_default_timeout(TIMEOUT_MS)
    return context


async def _visit_all(browser, base_url, jobs, axe_script, cost):
    """Run the visits (context, path, palette, screenshot), TABS at a time.

    The costliest pages (by ``cost(path)``) start first, so no tab is left with a
    long page at the end; the results come back in the order of ``jobs``.
    """
    results = [None] * len(jobs)
    queue = sorted(enumerate(jobs), key=lambda job: -cost(job[1][1]))

    async def worker():
        tabs = {}
        try:
            while queue:
                index, (context, path, palette, screenshot) = queue.pop(0)
                tab = tabs.get(id(context)) or await Tab.create(context, base_url)
                tabs[id(context)] = tab
                try:
                    results[index] = await tab.visit(path, palette, axe_script, screenshot)
                except Exception as error:  # report it with the page's name, go on
                    results[index] = Visit(path, palette, [f"could not be checked: {error}"])
                    del tabs[id(context)]
                    await tab.close()
        finally:
            for tab in tabs.values():
                await tab.close()

    await asyncio.gather(*(worker() for _ in range(TABS)))
    return results


# --------------------------------------------------------------------------- fixtures


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without logging; a missing page gets the site's 404.html, as on a host."""

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = pathlib.Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not a failure of the site


@pytest.fixture(scope="module")
def site_dir(built_site):
    return built_site


@pytest.fixture(scope="module")
def base_url(site_dir):
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def page_file(site_dir, path):
    return site_dir / (path if path.endswith(".html") else path + "index.html")


def all_pages(site_dir):
    """Every page of the site, as a path under its root ('' for the home page)."""
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] in SKIPPED_FOLDERS or path.name not in ("index.html", "404.html"):
            continue
        found.append(relative.as_posix().removesuffix("index.html"))
    assert HOME in found and NOT_FOUND_PAGE in found, found
    assert set(SCREENSHOT_PAGES.values()) | set(DARK_PAGES) <= set(found), found
    return found


def deal(pages, size, shards=SHARDS):
    """Split ``pages`` into ``shards`` lists of about equal total ``size``; the same every time.

    Shard 0 starts with the pages it must have (home, screenshots, dark pages).
    """
    hands = [[] for _ in range(shards)]
    totals = [0] * shards
    first = set(SCREENSHOT_PAGES.values()) | set(DARK_PAGES)
    for path in [p for p in pages if p in first]:
        hands[0].append(path)
        totals[0] += size(path) * (2 if path in DARK_PAGES else 1)
    for path in sorted((p for p in pages if p not in first), key=lambda p: (-size(p), p)):
        smallest = totals.index(min(totals))
        hands[smallest].append(path)
        totals[smallest] += size(path)
    return [sorted(hand) for hand in hands]


@pytest.fixture(scope="module")
def pages(site_dir, request):
    """This module's share of the site's pages (see ``deal``)."""
    found = all_pages(site_dir)
    hands = deal(found, lambda path: page_file(site_dir, path).stat().st_size)
    assert sorted(sum(hands, [])) == sorted(found)
    return hands[request.module.SHARD]


@pytest.fixture(scope="module")
def run():
    """Run a coroutine to its end, on one event loop kept for the whole module."""
    loop = asyncio.new_event_loop()
    yield loop.run_until_complete
    loop.close()


@pytest.fixture(scope="module")
def browser(run):
    playwright = run(async_playwright().start())
    try:
        browser = run(
            playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        )
        try:
            yield browser
        finally:
            run(browser.close())
    finally:
        run(playwright.stop())


@pytest.fixture(scope="module")
def axe_script():
    """The path of axe.min.js, fetched once with npm into .cache/; or why it is missing."""
    from filelock import FileLock

    AXE_PREFIX.mkdir(parents=True, exist_ok=True)
    with FileLock(str(AXE_PREFIX.parent / "axe-core.lock")):  # both halves may ask at once
        return _fetch_axe()


def _fetch_axe():
    if not AXE_SCRIPT.is_file():
        npm = shutil.which("npm")
        if npm is None:
            return None, "npm is not installed, so axe-core cannot be fetched"
        command = [npm, "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund"]
        command += ["--prefix", str(AXE_PREFIX), f"axe-core@{AXE_VERSION}"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0 or not AXE_SCRIPT.is_file():
            return None, f"npm install axe-core@{AXE_VERSION} failed:\n{result.stderr[-2000:]}"
    return AXE_SCRIPT, None


@pytest.fixture(scope="module")
def visits(run, browser, base_url, pages, axe_script, request, site_dir):
    """This module's pages opened once light; in shard 0 a few also dark, with screenshots."""
    first_shard = request.module.SHARD == 0
    if first_shard:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob("*.png"):
            old.unlink()
    shots = {path: name for name, path in SCREENSHOT_PAGES.items()} if first_shard else {}
    dark_pages = DARK_PAGES if first_shard else []

    def shot(path, palette):
        return SCREENSHOTS / f"{shots[path]}-{palette}.png" if path in shots else None

    async def prepare():
        light, dark = await _new_context(browser), await _new_context(browser)
        for context in (light, dark):
            await _serve_an_empty_search_index(context, site_dir)
        # The dark palette is chosen the way a reader does: with the toggle.
        # Material keeps the choice in localStorage: later pages open dark.
        tab = await Tab.create(dark, base_url)
        await tab.open(HOME)
        await _toggle_palette(tab.page, "default", "slate")
        await tab.close()
        return light, dark

    started = time.monotonic()
    light, dark = run(prepare())
    try:
        jobs = [(light, path, "light", shot(path, "light")) for path in pages]
        jobs += [(dark, path, "dark", shot(path, "dark")) for path in dark_pages]
        size = {path: page_file(SITE, path).stat().st_size for path in pages}
        found = run(_visit_all(browser, base_url, jobs, axe_script[0], lambda p: size.get(p, 0)))
    finally:
        run(light.close())
        run(dark.close())
    print(
        f"\nbrowser: {len(found)} page visits ({len(pages)} pages light, {len(dark_pages)} dark,"
        f" {TABS} tabs at a time) in {time.monotonic() - started:.1f} s"
    )
    return found


# --------------------------------------------------------------------------- tests


def test_every_page_loads_cleanly_in_a_browser(visits, pages, record_property):
    """No error, no failed or foreign request, every image loaded, every formula typeset."""
    record_property("pages", len(pages))
    print(f"\nbrowser: checked {len(pages)} pages: {', '.join(p or '(home)' for p in pages)}")
    problems = [
        f"{visit.path or '(home)'} ({visit.palette}):\n"
        + "\n".join(f"    - {problem}" for problem in visit.problems)
        for visit in visits
        if visit.problems
    ]
    assert not problems, "pages with problems:\n" + "\n".join(problems)


def test_search_finds_the_backpropagation_chapter(run, browser, base_url):
    async def search():
        context = await _new_context(browser)
        try:
            tab = await Tab.create(context, base_url)
            await tab.open(HOME)
            await tab.page.keyboard.press("/")
            field = tab.page.locator(".md-search__input")
            await field.wait_for(state="visible")
            await field.press_sequentially("backpropagation")
            await tab.page.locator(".md-search-result__item").first.wait_for()
            links = await tab.page.eval_on_selector_all(
                ".md-search-result__item a", "(links) => links.map((link) => link.href)"
            )
            return links, tab.recorder.problems
        finally:
            await context.close()

    links, problems = run(search())
    assert links, "searching for 'backpropagation' shows no result"
    assert any("/part-1/backpropagation/" in link for link in links), links
    assert not problems, problems


def test_palette_toggle_switches_to_dark_and_back(run, browser, base_url):
    async def toggle():
        context = await _new_context(browser)  # its own: the choice is kept in localStorage
        try:
            page = await context.new_page()
            await page.goto(base_url)
            await _toggle_palette(page, "default", "slate")
            await page.reload()
            remembered = await page.evaluate(SCHEME)
            await _toggle_palette(page, "slate", "default")
            return remembered
        finally:
            await context.close()

    assert run(toggle()) == "slate", "the dark palette is not remembered after a reload"


def _known(violation):
    """The elements of an axe violation listed in AXE_KNOWN, and the others."""
    known = [t for t in violation["targets"] if (violation["id"], t) in AXE_KNOWN]
    return known, [t for t in violation["targets"] if t not in known]


def test_no_serious_or_critical_accessibility_violations(visits, axe_script):
    script, reason = axe_script
    if script is None:
        pytest.skip(reason)
    rules = dict.fromkeys(IMPACTS, 0)
    elements = dict.fromkeys(IMPACTS, 0)
    details, ignored = [], set()
    not_audited = [f"{v.path or '(home)'} ({v.palette})" for v in visits if v.violations is None]
    for visit in visits:
        for violation in visit.violations or []:
            known, targets = _known(violation)
            ignored.update((violation["id"], t) for t in known)
            if not targets:
                continue
            impact = violation["impact"] or "minor"
            rules[impact] += 1
            elements[impact] += len(targets)
            details.append(
                f"[{impact}] {visit.path or '(home)'} ({visit.palette}): {violation['id']}: "
                f"{violation['help']}: {len(targets)} element(s), e.g. {'; '.join(targets[:3])}"
            )
    lines = [
        f"axe-core {AXE_VERSION}, {len(visits) - len(not_audited)} page visits",
        "impact     page x rule  elements",
    ]
    lines += [f"{impact:<10} {rules[impact]:>11}  {elements[impact]:>8}" for impact in IMPACTS]
    lines += [f"not counted, {rule} on {t}: {AXE_KNOWN[rule, t]}" for rule, t in sorted(ignored)]
    table = "\n".join(lines)
    print("\n" + table + "".join("\n" + line for line in details))
    serious = [line for line in details if line.startswith(("[serious]", "[critical]"))]
    assert not serious, table + "\n" + "\n".join(serious)
    assert not not_audited, f"axe did not run on: {', '.join(not_audited)}"


def test_screenshots_are_saved(visits):
    for name in SCREENSHOT_PAGES:
        for palette in ("light", "dark"):
            png = SCREENSHOTS / f"{name}-{palette}.png"
            assert png.is_file(), png
            assert png.read_bytes().startswith(b"\x89PNG"), png
            assert png.stat().st_size > 10_000, png
