"""The built site, opened in a real browser: the machinery of the browser tests.

Playwright drives Debian's Chromium (``/usr/bin/chromium``, headless; no browser
is downloaded).  The site built for the test run (``built_site``) is served on
127.0.0.1.  Every page is opened twice in the light palette, on a desktop
(1280 x 900) and on a phone (390 x 844, touch), and a sample of pages again in
the dark palette at both sizes.  Each visit starts with an empty browser cache
and records everything the tests look at: console errors, failed or foreign
requests, the bytes each response carried, images that did not load, formulas
that are not typeset or not visible, a page that scrolls sideways, a copy
button that sits on code, axe-core's accessibility report and, for a few
pages, a full-page screenshot under ``site/_screenshots/``.

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

#: What every browser test module takes from here, with ``import *``: the
#: fixtures and the tests each half runs.  (test_browser.py, shard 0, also
#: imports the tests only it runs, by name.)
__all__ = [
    "_browser_is_required",
    "axe_script",
    "base_url",
    "browser",
    "pages",
    "run",
    "search_index_bytes",
    "site_dir",
    "test_every_page_loads_cleanly_in_a_browser",
    "test_no_serious_or_critical_accessibility_violations",
    "test_pages_download_only_what_they_show",
    "visits",
]

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
BACKPROPAGATION = "part-1/backpropagation/"
CONVOLUTIONS = "part-2/convolutions/"
DESKTOP, PHONE = "desktop", "phone"
VIEWPORTS = {DESKTOP: {"width": 1280, "height": 900}, PHONE: {"width": 390, "height": 844}}
# Screenshot name -> (page, window); each is taken light and dark.
SCREENSHOT_PAGES = {
    "home": (HOME, DESKTOP),
    "putting-it-all-together": ("part-1/putting-it-all-together/", DESKTOP),
    "backpropagation-phone": (BACKPROPAGATION, PHONE),
    # Three pages of the Chinese edition (CJK text needs fonts-noto-cjk).
    "zh-TW-home": ("zh-TW/", DESKTOP),
    "zh-TW-loss-function": ("zh-TW/part-1/loss-function/", DESKTOP),
    "zh-TW-convolutions-phone": ("zh-TW/" + CONVOLUTIONS, PHONE),
}
# Pages also opened (and checked, and audited) in the dark palette, per window.
DARK_PAGES = {
    DESKTOP: [
        HOME,
        "part-1/putting-it-all-together/",
        "reference/layers/",
        "zh-TW/",
        "zh-TW/part-1/loss-function/",
    ],
    PHONE: [BACKPROPAGATION, CONVOLUTIONS, "zh-TW/" + CONVOLUTIONS],
}
# The pages whose weight the closing notes quote; the test prints every page's.
WEIGHED_PAGES = [HOME, BACKPROPAGATION, CONVOLUTIONS, "performance/", "reference/layers/"]
MATHS_PAGE_BUDGET = 1_500_000  # bytes, everything a page with formulas downloads
MATHS_ENGINE = "/assets/katex/"
SEARCH_INDEX = "search/search_index.json"
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
# Shard 0 also opens the dark pages, takes the screenshots and runs search and
# the palette test: measured, about as long as 10 more pages at both sizes.
SHARD_0_EXTRA_PAGES = 10
if not MISSING:
    from playwright.async_api import async_playwright


@pytest.fixture(scope="module", autouse=True)
def _browser_is_required():
    """With NN_REQUIRE_BROWSER=1 (as in CI), a missing browser fails every test here."""
    if MISSING:
        pytest.fail(f"NN_REQUIRE_BROWSER=1 but {MISSING}", pytrace=False)


# --------------------------------------------------------------------------- in the page

OPEN_EVERY_DETAILS = """
() => {
  for (const details of document.querySelectorAll("article details")) details.open = true;
}
"""

# Lazy images load as a reader scrolls to them; the visit loads every image the
# reader can see now (the variant of the other palette stays hidden, unloaded).
WAIT_FOR_IMAGES = """
async () => {
  const shown = [...document.images].filter((image) => image.checkVisibility());
  for (const image of shown) image.loading = "eager";
  const settled = (image) =>
    image.complete
      ? null
      : new Promise((resolve) => {
          image.addEventListener("load", resolve, { once: true });
          image.addEventListener("error", resolve, { once: true });
        });
  const timeout = new Promise((resolve) => setTimeout(resolve, 10000));
  await Promise.race([Promise.all(shown.map(settled)), timeout]);
  const figures = (images) =>
    images.map((image) => image.src.split("#")[0]).filter((src) => src.includes("/figures/"));
  return {
    broken: shown
      .filter((image) => !(image.complete && image.naturalWidth > 0))
      .map((image) => image.getAttribute("src")),
    figures: {
      shown: figures(shown),
      hidden: figures([...document.images].filter((image) => !image.checkVisibility())),
    },
  };
}
"""

NEXT_FRAMES = """
() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null))))
"""

# What a reader would see wrong on this page, in this window.  Run after every
# <details> of the article is opened, so that the formulas and code inside
# them are checked too.
PAGE_PROBLEMS = """
(desktop) => {
  const problems = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    const wide = [...document.querySelectorAll("article *")]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 3)
      .map((element) => element.tagName.toLowerCase() + "." + [...element.classList].join("."));
    problems.push(
      `the page scrolls sideways: ${root.scrollWidth} px wide in a ${root.clientWidth} px ` +
        `window (e.g. ${wide.join(", ")})`
    );
  }

  // Formulas: typeset, and every displayed one drawn at a readable size.
  const source = (element) => element.textContent.trim().slice(0, 60);
  for (const formula of document.querySelectorAll(".arithmatex")) {
    if (!formula.querySelector(".katex")) problems.push("formula not typeset: " + source(formula));
  }
  for (const formula of document.querySelectorAll("div.arithmatex")) {
    const drawn = formula.querySelector(".katex-html");
    if (!drawn) continue;
    const box = drawn.getBoundingClientRect();
    if (!drawn.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      problems.push("displayed formula not visible: " + source(formula));
    } else if (box.width < 10 || box.height < 10) {
      problems.push(
        `displayed formula drawn ${box.width.toFixed(0)} x ${box.height.toFixed(0)} px: ` +
          source(formula)
      );
    }
  }
  for (const error of document.querySelectorAll(".katex-error")) {
    problems.push("KaTeX error: " + error.getAttribute("title"));
  }
  const article = document.querySelector("article");
  const text = article ? article.innerText : "";
  for (const delimiter of ["$$", "\\\\[", "\\\\("]) {
    if (text.includes(delimiter)) problems.push("raw maths delimiter in the text: " + delimiter);
  }

  // Copy buttons: none may sit on a character of code.
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  // Material's buttons, and those of the notebook page (mkdocs-jupyter).
  for (const button of document.querySelectorAll(".md-code__button, clipboard-copy")) {
    if (!button.checkVisibility()) continue;
    const code =
      button.closest("pre")?.querySelector("code") ||
      button.closest(".CodeMirror")?.querySelector("pre");
    if (!code) continue;
    const hit = button.getBoundingClientRect();
    const clip = code.getBoundingClientRect();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let covered = null;
    for (let node = walker.nextNode(); node && !covered; node = walker.nextNode()) {
      const first = node.data.search(/\\S/);
      if (first < 0) continue;
      range.setStart(node, first);
      range.setEnd(node, node.data.trimEnd().length);
      for (const rect of range.getClientRects()) {
        const seen = {
          left: Math.max(rect.left, clip.left),
          right: Math.min(rect.right, clip.right),
          top: Math.max(rect.top, clip.top),
          bottom: Math.min(rect.bottom, clip.bottom),
        };
        if (overlap(seen, hit)) covered = node.data.trim().slice(0, 40);
      }
    }
    if (covered) problems.push(`a copy button covers code: "${covered}"`);
  }

  // On a desktop, the book's Python fits its column (the API pages' source
  // listings, inside .doc, keep the package's longer lines).
  if (desktop) {
    for (const code of document.querySelectorAll("article .language-python pre > code")) {
      if (code.closest(".doc") || !code.checkVisibility()) continue;
      if (code.scrollWidth > code.clientWidth + 1) {
        const line = code.textContent.split("\\n").reduce((a, b) => (b.length > a.length ? b : a));
        problems.push(`a Python block scrolls sideways: "${line.trim().slice(0, 50)}"`);
      }
    }
  }
  return problems;
}
"""

CLEAR_SEARCH_RESULTS = """
() => {
  for (const list of document.querySelectorAll(".md-search-result__list")) list.replaceChildren();
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
    window: str = DESKTOP
    problems: list = dataclasses.field(default_factory=list)
    violations: list | None = None  # None when axe-core did not run
    bytes_by_url: dict = dataclasses.field(default_factory=dict)  # response bodies, as served
    has_maths: bool = False
    figures: dict = dataclasses.field(default_factory=dict)  # "shown"/"hidden" -> image URLs

    @property
    def name(self):
        return f"{self.path or '(home)'} ({self.window}, {self.palette})"

    def weight(self, search_index_bytes):
        """Bytes downloaded, with the edition's real search index in place of the empty one served.

        ``search_index_bytes`` maps each index's path under the site to its size.
        """
        total = 0
        for url, size in self.bytes_by_url.items():
            if url.endswith(SEARCH_INDEX):
                size = search_index_bytes[urllib.parse.urlsplit(url).path.lstrip("/")]
            total += size
        return total


class Recorder:
    """Listens to one tab; ``reset`` before each page it opens."""

    def __init__(self, page):
        self.page_number = 0
        self.opened_on = {}  # request -> the page_number it was made for
        self.reset()
        page.on("request", self._request)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def reset(self, url=None, is_404_page=False):
        """Start listening for a new page: what the last one did is forgotten."""
        self.url, self.is_404_page = url, is_404_page
        self.requests, self.problems = [], []
        self.bytes_by_url = {}
        self.in_flight = set()
        self.page_number += 1
        self.last_request = time.monotonic()

    def _request(self, request):
        self.requests.append(request.url)
        self.in_flight.add(request)
        self.opened_on[request] = self.page_number
        self.last_request = time.monotonic()

    def _finished(self, request):
        self.in_flight.discard(request)
        self.opened_on.pop(request, None)

    def _failed(self, request):
        self.in_flight.discard(request)
        # A request of the page just left (a late font, say) is cut off by the
        # navigation: the new page did not make it, and nothing went wrong.
        if self.opened_on.pop(request, self.page_number) != self.page_number:
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        own_404 = self.is_404_page and response.status == 404 and response.url == self.url
        if response.status >= 400 and not own_404:
            self.problems.append(f"HTTP {response.status}: {response.url}")
        # The test server sends every file uncompressed, with its length.
        length = response.headers.get("content-length")
        if length is not None:
            self.bytes_by_url[response.url] = int(length)

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
    """One browser tab that opens pages one after the other and checks each.

    Its cache is off, so every visit downloads what a first-time reader would.
    """

    def __init__(self, page, base_url, window):
        self.page, self.base_url, self.window = page, base_url, window
        self.recorder = Recorder(page)

    @classmethod
    async def create(cls, context, base_url, window=DESKTOP):
        page = await context.new_page()
        devtools = await context.new_cdp_session(page)
        await devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        return cls(page, base_url, window)

    async def open(self, path):
        is_404_page = path == NOT_FOUND_PAGE
        url = self.base_url + (MISSING_URL if is_404_page else path)
        self.recorder.reset(url, is_404_page)
        await self.page.goto(url, wait_until="load")

    async def check(self, visit):
        """Load every image the reader can see, let the network settle, then look."""
        await self.page.evaluate(OPEN_EVERY_DETAILS)
        images = await self.page.evaluate(WAIT_FOR_IMAGES)
        visit.problems += [f"image did not load: {src}" for src in images["broken"]]
        visit.figures = images["figures"]
        await self.page.evaluate("() => document.fonts.ready.then(() => null)")
        await self.recorder.quiet()
        # The page's own scripts recheck its layout on the next frame after a
        # <details> opens or a font arrives (accessibility.js, maths.js): let
        # that frame pass before looking.
        await self.page.evaluate(NEXT_FRAMES)
        visit.has_maths = await self.page.locator(".arithmatex").count() > 0
        visit.problems += await self.page.evaluate(PAGE_PROBLEMS, self.window == DESKTOP)

    async def scheme(self):
        return await self.page.evaluate(SCHEME)

    async def visit(self, path, palette, axe_script, screenshot=None):
        """Open one page; return what it did and, if axe_script is given, axe's report."""
        await self.open(path)
        visit = Visit(path, palette, self.window)
        expected = "slate" if palette == "dark" else "default"
        if (scheme := await self.scheme()) != expected:
            visit.problems.append(f"palette is {scheme!r}, not {expected!r}")
        if screenshot:
            await self.page.screenshot(path=str(screenshot), full_page=True)
        await self.check(visit)
        if axe_script:
            await self.page.add_script_tag(path=str(axe_script))
            visit.violations = await self.page.evaluate(RUN_AXE)
        visit.problems += self.recorder.problems + self.recorder.foreign_requests()
        visit.bytes_by_url = dict(self.recorder.bytes_by_url)
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


async def _new_context(browser, window=DESKTOP):
    """A fresh browser profile: a desktop window, or a phone's (small, touch, mobile layout)."""
    phone = window == PHONE
    context = await browser.new_context(
        viewport=VIEWPORTS[window], color_scheme="light", is_mobile=phone, has_touch=phone
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@dataclasses.dataclass
class Job:
    """One page to open in one context (a window size and palette)."""

    context: object
    window: str
    path: str
    palette: str
    screenshot: pathlib.Path | None = None
    audit: bool = True


async def _visit_all(browser, base_url, jobs, axe_script, cost):
    """Run the visits, TABS at a time.

    The costliest pages (by ``cost(path)``) start first, so no tab is left with a
    long page at the end; the results come back in the order of ``jobs``.
    """
    results = [None] * len(jobs)
    queue = sorted(enumerate(jobs), key=lambda job: -cost(job[1].path))

    async def worker():
        tabs = {}
        try:
            while queue:
                index, job = queue.pop(0)
                tab = tabs.get(id(job.context)) or await Tab.create(
                    job.context, base_url, job.window
                )
                tabs[id(job.context)] = tab
                script = axe_script if job.audit else None
                try:
                    results[index] = await tab.visit(job.path, job.palette, script, job.screenshot)
                except Exception as error:  # report it with the page's name, go on
                    results[index] = Visit(
                        job.path, job.palette, job.window, [f"could not be checked: {error}"]
                    )
                    del tabs[id(job.context)]
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
    assert _pages_of_shard_0() <= set(found), found
    return found


def _pages_of_shard_0():
    """The pages shard 0 must have: the screenshots' and the dark ones."""
    return {path for path, _ in SCREENSHOT_PAGES.values()} | {
        path for paths in DARK_PAGES.values() for path in paths
    }


def deal(pages, size, shards=SHARDS):
    """Split ``pages`` into ``shards`` lists of about equal total ``size``; the same every time.

    Shard 0 starts with the pages it must have (home, screenshots, dark pages),
    and with a handicap for its other work (search and the palette toggle,
    about as much as ``SHARD_0_EXTRA_PAGES`` pages of average size).
    """
    hands = [[] for _ in range(shards)]
    totals = [0] * shards
    totals[0] = SHARD_0_EXTRA_PAGES * sum(size(p) for p in pages) / max(len(pages), 1)
    first = _pages_of_shard_0()
    dark = [path for paths in DARK_PAGES.values() for path in paths]
    for path in [p for p in pages if p in first]:
        hands[0].append(path)
        totals[0] += size(path) * (1 + dark.count(path) / 2)
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
    """This module's pages opened light on a desktop and on a phone; in shard 0 a few
    also dark, with screenshots."""
    first_shard = request.module.SHARD == 0
    if first_shard:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob("*.png"):
            old.unlink()
    shots = {where: name for name, where in SCREENSHOT_PAGES.items()} if first_shard else {}
    dark_pages = DARK_PAGES if first_shard else {DESKTOP: [], PHONE: []}

    def shot(path, window, palette):
        name = shots.get((path, window))
        return SCREENSHOTS / f"{name}-{palette}.png" if name else None

    async def prepare():
        contexts = {}
        for window in VIEWPORTS:
            for palette in ("light", "dark"):
                context = await _new_context(browser, window)
                await _serve_an_empty_search_index(context, site_dir)
                contexts[window, palette] = context
            # The dark palette is chosen the way a reader does: with the toggle.
            # Material keeps the choice in localStorage: later pages open dark.
            tab = await Tab.create(contexts[window, "dark"], base_url, window)
            await tab.open(HOME)
            await _toggle_palette(tab.page, "default", "slate")
            await tab.close()
        return contexts

    started = time.monotonic()
    contexts = run(prepare())
    try:
        jobs = [
            Job(contexts[window, "light"], window, path, "light", shot(path, window, "light"))
            for window in VIEWPORTS
            for path in pages
        ]
        jobs += [
            Job(contexts[window, "dark"], window, path, "dark", shot(path, window, "dark"))
            for window, paths in dark_pages.items()
            for path in paths
        ]
        size = {path: page_file(SITE, path).stat().st_size for path in pages}
        found = run(_visit_all(browser, base_url, jobs, axe_script[0], lambda p: size.get(p, 0)))
    finally:
        for context in contexts.values():
            run(context.close())
    dark_count = sum(len(paths) for paths in dark_pages.values())
    print(
        f"\nbrowser: {len(found)} page visits ({len(pages)} pages light at {len(VIEWPORTS)} sizes,"
        f" {dark_count} dark, {TABS} tabs at a time) in {time.monotonic() - started:.1f} s"
    )
    return found


@pytest.fixture(scope="module")
def search_index_bytes(site_dir):
    """``{path under the site: bytes}`` of each edition's search index."""
    return {
        path.relative_to(site_dir).as_posix(): path.stat().st_size
        for path in site_dir.glob(f"**/{SEARCH_INDEX}")
    }


# --------------------------------------------------------------------------- tests


def test_every_page_loads_cleanly_in_a_browser(visits, pages, record_property):
    """No error, no failed or foreign request, every image loaded, every formula typeset
    and visible, no sideways scrolling, no copy button on code; desktop and phone."""
    record_property("pages", len(pages))
    print(f"\nbrowser: checked {len(pages)} pages: {', '.join(p or '(home)' for p in pages)}")
    problems = [
        f"{visit.name}:\n" + "\n".join(f"    - {problem}" for problem in visit.problems)
        for visit in visits
        if visit.problems
    ]
    assert not problems, "pages with problems:\n" + "\n".join(problems)


def _is_figure_of_the_other_palette(url, palette):
    other = "dark" if palette == "light" else "light"
    return "/figures/" in url and url.split("#")[0].endswith(f"-{other}.svg")


def test_pages_download_only_what_they_show(visits, search_index_bytes, request):
    """Page weight, cold cache, as served (uncompressed), with the real search index.

    A page without formulas loads no maths engine; a page with formulas loads
    at most MATHS_PAGE_BUDGET bytes in all; only the shown palette's copy of a
    figure is downloaded.
    """
    problems, lines = [], []
    for visit in visits:
        if visit.window != DESKTOP:
            continue
        weight = visit.weight(search_index_bytes)
        engine = [url for url in visit.bytes_by_url if MATHS_ENGINE in url]
        if visit.palette == "light":
            lines.append(
                f"{visit.path or '(home)':<42} {len(visit.bytes_by_url):>3} files "
                f"{weight / 1e3:>7.0f} kB{'  (maths)' if visit.has_maths else ''}"
            )
        if not visit.has_maths and engine:
            problems.append(f"{visit.name} has no formula but loads {engine}")
        if visit.has_maths and weight > MATHS_PAGE_BUDGET:
            problems.append(f"{visit.name} downloads {weight:,} bytes > {MATHS_PAGE_BUDGET:,}")
        hidden = [url for url in visit.bytes_by_url if url in visit.figures.get("hidden", [])]
        hidden += [
            u for u in visit.bytes_by_url if _is_figure_of_the_other_palette(u, visit.palette)
        ]
        if hidden:
            problems.append(f"{visit.name} downloads hidden figures: {sorted(set(hidden))}")
        missing = [url for url in visit.figures.get("shown", []) if url not in visit.bytes_by_url]
        if missing:
            problems.append(f"{visit.name} shows figures it did not download: {missing}")
    table = "page weight (desktop, light, cold cache, real search index):\n" + "\n".join(lines)
    print("\n" + table)
    # Also kept beside the screenshots, since pytest-xdist hides what workers print.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    report = SCREENSHOTS / f"page-weight-{request.module.SHARD}.txt"
    report.write_text(table + "\n", encoding="utf-8")
    assert not problems, "\n".join(problems)


# Query -> where its first result must lead: the chapter section that teaches it.
# Each edition's home page -> {query: where the first result must lead}.
SEARCHES = {
    HOME: {
        "backpropagation": "part-1/backpropagation/",
        "sigmoid": "part-1/",
        "im2col": "part-2/convolutions/#im2col",
        "Adam": "part-2/many-layers/#adam",
        "learning rate": "part-2/learning-rate/",
    },
    # Chinese: the index is split into words by jieba (docs/hooks/hook_search.py).
    "zh-TW/": {
        "反向傳播": "zh-TW/part-1/backpropagation/",
        "梯度下降": "zh-TW/part-1/gradient-descent/",
        "學習率": "zh-TW/part-2/learning-rate/",
        "卷積": "zh-TW/part-2/convolutions/",
        "互斥或": "zh-TW/part-1/putting-it-all-together/",
    },
}


def test_search_puts_the_teaching_chapters_first(run, browser, base_url):
    """With the real search index, each query's first result is a chapter, not an API page."""

    async def searches(context, home, queries):
        tab = await Tab.create(context, base_url)
        await tab.open(home)
        await tab.page.keyboard.press("/")
        field = tab.page.locator(".md-search__input")
        await field.wait_for(state="visible")
        found = {}
        for query in queries:
            # Empty the list first, so the items waited for are this query's.
            await tab.page.evaluate(CLEAR_SEARCH_RESULTS)
            # Material searches on keyup: one key after the text, one search.
            await field.fill(query)
            await field.press("End")
            await tab.page.locator(".md-search-result__item").first.wait_for()
            links = await tab.page.eval_on_selector_all(
                ".md-search-result__item > a",
                "(links) => links.map((link) => link.pathname.slice(1) + link.hash)",
            )
            found[query] = links, list(tab.recorder.problems)
        return found

    async def all_searches():
        # One page per edition, one search index each (built once, in Material's worker).
        context = await _new_context(browser)
        try:
            found = {}
            for home, queries in SEARCHES.items():
                found.update(await searches(context, home, queries))
            return found
        finally:
            await context.close()

    found = run(all_searches())
    report = "\n".join(f"{query!r}: {links[:3]}" for query, (links, _) in found.items())
    print("\nsearch, first results:\n" + report)
    for query, expected in [item for queries in SEARCHES.values() for item in queries.items()]:
        links, problems = found[query]
        assert links, f"searching for {query!r} shows no result"
        section = next((link for link in links if link.startswith(expected)), None)
        assert links[0].split("#")[0] == (section or "").split("#")[0], (query, links[:4])
        assert section, f"{query!r}: no result leads to {expected}: {links[:4]}"
        assert not problems, problems


def test_palette_toggle_switches_figures_and_is_remembered(run, browser, base_url):
    """The dark figure is downloaded only once the dark palette shows it."""

    async def toggle():
        context = await _new_context(browser)  # its own: the choice is kept in localStorage
        try:
            tab = await Tab.create(context, base_url)
            await tab.open(BACKPROPAGATION)
            dark_figure = tab.page.locator('article img[src$="-dark.svg#only-dark"]').first
            name = (await dark_figure.get_attribute("src")).split("/")[-1].split("#")[0]
            before = [url for url in tab.recorder.requests if url.endswith(name)]
            await _toggle_palette(tab.page, "default", "slate")
            await dark_figure.scroll_into_view_if_needed()
            await tab.page.wait_for_function(
                "(image) => image.complete && image.naturalWidth > 0",
                arg=await dark_figure.element_handle(),
            )
            after = [url for url in tab.recorder.requests if url.endswith(name)]
            await tab.page.reload()
            remembered = await tab.scheme()
            await _toggle_palette(tab.page, "slate", "default")
            return name, before, after, remembered
        finally:
            await context.close()

    name, before, after, remembered = run(toggle())
    assert not before, f"{name} was downloaded while the light palette hid it"
    assert after, f"{name} was not downloaded when the dark palette showed it"
    assert remembered == "slate", "the dark palette is not remembered after a reload"


# True once the heading "The code" stays just above the top of the window
# (behind the header) for two checks in a row; scrolls it there otherwise.
SCROLLED_INTO_THE_CODE = """
() => {
  const top = document.getElementById("the-code").getBoundingClientRect().top;
  const placed = top <= 0 && top > -200;
  if (placed && window.__sectionPlaced) return true;
  window.__sectionPlaced = placed;
  if (!placed) {
    document.getElementById("the-code").scrollIntoView();
    window.scrollBy(0, 120);
  }
  return false;
}
"""


async def _switch_language(page, language):
    """Open the language menu and choose ``language``, as a reader does; wait for its page.

    The wait is for a page of that edition (a jump within the page, which a
    click that lands while the page still scrolls could make, is not enough).
    """
    link = page.locator(f'a.md-select__link[hreflang="{language}"]')
    await page.locator(".md-header__option .md-select > button").hover()
    await link.wait_for(state="visible")

    def of_the_edition(url):
        return ("/zh-TW/" in url) == (language == "zh-TW")

    async with page.expect_navigation(url=of_the_edition):
        await link.click()


def test_the_language_switch_keeps_the_section(run, browser, base_url):
    """Switching language mid-page lands on the same section of the other edition."""

    async def switch():
        context = await _new_context(browser)
        try:
            tab = await Tab.create(context, base_url)
            visited = []
            tab.page.on(
                "framenavigated",
                lambda frame: visited.append(frame.url) if frame == tab.page.main_frame else None,
            )
            await tab.open(BACKPROPAGATION)
            # The figures above load lazily and would move the section once
            # they arrive: load them all, and the fonts, before scrolling.
            await tab.page.evaluate(WAIT_FOR_IMAGES)
            await tab.page.evaluate("() => document.fonts.ready.then(() => null)")
            # Read a little way into the section "The code": its heading has
            # scrolled past the top of the window.  Formulas may still move
            # it after the first scroll, so scroll until it stays.
            await tab.page.wait_for_function(SCROLLED_INTO_THE_CODE, polling=100)
            await _switch_language(tab.page, "zh-TW")
            chinese = tab.page.url, await tab.page.evaluate("document.documentElement.lang")
            # The reader reads on where the switch put them, once the page is whole.
            await tab.page.evaluate(WAIT_FOR_IMAGES)
            await tab.page.evaluate("() => document.fonts.ready.then(() => null)")
            await _switch_language(tab.page, "en")
            english = tab.page.url, await tab.page.evaluate("document.documentElement.lang")
            return chinese, english, visited, list(tab.recorder.problems)
        finally:
            await context.close()

    chinese, english, visited, problems = run(switch())
    assert chinese == (f"{base_url}zh-TW/{BACKPROPAGATION}#the-code", "zh-TW"), (chinese, visited)
    assert english == (f"{base_url}{BACKPROPAGATION}#the-code", "en"), (english, visited)
    assert not problems, problems


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
    not_audited = [visit.name for visit in visits if visit.violations is None]
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
                f"[{impact}] {visit.name}: {violation['id']}: "
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
