"""Open a built Jupyter Book in Debian's Chromium and report what a reader would see wrong.

Used by tests/book/test_site.py (layer 5) and runnable by hand to take screenshots:

    python -m tests.book.sitecheck _build/html  [--shots DIR]

For every page of the book it records each request and fails on one that leaves the
loopback server or does not succeed, on console errors and uncaught exceptions, on
math left untypeset, on images that did not load, and, where a page embeds widgets,
on widgets that did not render, whose first slider does not move or whose Play button
does not play.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# The flags this machine needs for a quiet headless Chromium (no background connections).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]

# Evaluated in the page once it has loaded: what the reader sees.
PAGE_STATE_JS = """
async () => {
  const out = {};
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const maths = Array.from(document.querySelectorAll('.math'));
  out.math_nodes = maths.length;
  out.math_unrendered = maths.filter(m => !m.querySelector('mjx-container')).map(
      m => m.textContent.slice(0, 60));
  out.mjx = document.querySelectorAll('mjx-container').length;
  out.mjx_errors = document.querySelectorAll('mjx-merror').length;
  const imgs = Array.from(document.querySelectorAll('img'));
  out.images = imgs.length;
  out.broken_images = imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(
      i => (i.currentSrc || i.src).slice(0, 80));
  out.has_widget_state = !!document.querySelector(
      'script[type="application/vnd.jupyter.widget-state+json"]');
  out.widget_views = document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]').length;
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  out.sliders_visible = Array.from(document.querySelectorAll('.widget-slider')).filter(visible).length;
  out.widget_errors = document.querySelectorAll('.jupyter-widgets-error-widget, .widget-error').length;
  out.title = document.title;
  return out;
}
"""


# After Play: the widget pictures a reader sees now that did not load.
SHOWN_FRAMES_BROKEN_JS = """
() => Array.from(document.querySelectorAll('img.nncore-frame'))
  .filter(i => { const r = i.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
  .filter(i => !(i.complete && i.naturalWidth > 0))
  .map(i => 'after Play: ' + (i.currentSrc || i.src).slice(0, 80))
"""


@dataclass
class PageReport:
    url: str
    state: dict = field(default_factory=dict)
    external_requests: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)

    def problems(self) -> list[str]:
        s, found = self.state, []
        found += [f"request left the site: {u}" for u in self.external_requests]
        found += [f"request failed: {u}" for u in self.failed_requests]
        found += [f"console error: {m}" for m in self.console_errors]
        if s.get("math_unrendered"):
            found.append(f"math not rendered: {s['math_unrendered'][:3]}")
        if s.get("math_nodes") and not s.get("mjx"):
            found.append("the page has math but MathJax rendered nothing")
        if s.get("mjx_errors"):
            found.append(f"{s['mjx_errors']} MathJax errors")
        if s.get("broken_images"):
            found.append(f"images not loaded: {s['broken_images'][:3]}")
        if s.get("has_widget_state"):
            if not s.get("sliders_visible"):
                found.append("the page embeds widgets but no slider is visible")
            if s.get("sliders_visible") and not s.get("slider_moves"):
                found.append("the first slider does not respond to the keyboard")
            if "play_moves" in s and not s["play_moves"]:
                found.append("the Play button does not move its slider")
            if s.get("widget_errors"):
                found.append(f"{s['widget_errors']} widgets failed to render")
        return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output readable
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on a free port of 127.0.0.1; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _move_first_slider(page) -> bool:
    """Press the right arrow on the page's first slider: does its readout change?

    On the static site no kernel runs, but the widgets manager is live: a slider that
    does not move means its JavaScript is broken.
    """
    slider = page.query_selector(".widget-slider")
    readout = slider.query_selector(".widget-readout")
    before = readout.inner_text()
    slider.query_selector(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    return readout.inner_text() != before


def _press_play(page) -> bool:
    """Press the first Play button: does some slider's readout change within 2 s?

    A Play widget is linked to its slider in the browser (jslink), so it plays on the
    static site too.
    """
    readouts = lambda: page.eval_on_selector_all(  # noqa: E731
        ".widget-readout", "els => els.map(e => e.innerText)")
    before = readouts()
    page.query_selector(".widget-play button").click()
    page.wait_for_timeout(2000)
    return readouts() != before


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@contextlib.contextmanager
def chromium():
    """Debian's Chromium, headless and quiet, through Playwright; closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _failed(request, base: str) -> bool:
    """Did a request to the site fail? A widget's picture whose request the browser
    cancelled because a newer move (a Play step) replaced it before it arrived
    (net::ERR_ABORTED) did not fail: the picture on screen is checked after the move."""
    if not request.url.startswith(base):
        return False
    return not ("/_static/frames/" in request.url and "ERR_ABORTED" in (request.failure or ""))


def watch_page(context, page, base: str, report: PageReport, offline: bool = True) -> None:
    """Record on ``report`` what :func:`check_pages` records of a page: requests that
    leave ``base`` (answered with a network error when ``offline``), failed requests and
    responses, console errors and uncaught exceptions. Call before ``page.goto``."""
    def route(r):
        url = r.request.url
        if url.startswith((base, "data:", "blob:", "about:")):
            r.continue_()
        else:
            report.external_requests.append(url)
            r.abort() if offline else r.continue_()

    context.route("**/*", route)
    page.on("requestfailed", lambda req: report.failed_requests.append(
        f"{req.url} ({req.failure})") if _failed(req, base) else None)
    page.on("response", lambda res: report.failed_requests.append(
        f"{res.url} (HTTP {res.status})") if res.status >= 400 else None)
    page.on("console", lambda msg: report.console_errors.append(
        msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: report.console_errors.append(f"uncaught: {exc}"))


def drag_slider(page, slider, fraction: float, steps: int = 12) -> None:
    """Drag the handle of ``slider`` (a locator of a ``.widget-slider``) with the mouse
    to ``fraction`` (0 to 1) of its track."""
    slider.scroll_into_view_if_needed()
    handle = slider.locator(".noUi-handle").first
    track = slider.locator(".noUi-target").first.bounding_box()
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(track["x"] + fraction * track["width"], box["y"] + box["height"] / 2,
                    steps=steps)
    page.mouse.up()


def check_pages(html_dir: Path, pages: list[str], shots: Path | None = None,
                offline: bool = True) -> list[PageReport]:
    """Open each page (a path relative to ``html_dir``) and return one report per page.

    With ``offline`` every request to another host is answered with a network error
    after being recorded, as it would be for a reader without a connection.
    """
    reports = []
    with serve(html_dir) as base, chromium() as browser:
        for rel in pages:
            report = PageReport(url=base + rel)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()

            watch_page(context, page, base, report, offline)
            # networkidle also lets index.html's redirect to the first page finish.
            page.goto(report.url, wait_until="networkidle")
            if page.query_selector('script[type="application/vnd.jupyter.widget-state+json"]'):
                try:
                    page.wait_for_selector(".widget-slider", state="visible", timeout=15000)
                except Exception:  # reported below as "no slider is visible"
                    pass
            page.wait_for_load_state("networkidle")
            report.state = page.evaluate(PAGE_STATE_JS)
            if report.state["sliders_visible"]:
                report.state["slider_moves"] = _move_first_slider(page)
            if page.query_selector(".widget-play"):
                report.state["play_moves"] = _press_play(page)
                page.wait_for_load_state("networkidle")
                report.state["broken_images"] += page.evaluate(SHOWN_FRAMES_BROKEN_JS)
            if shots is not None:  # after the slider moved one step
                shots.mkdir(parents=True, exist_ok=True)
                name = rel.replace("/", "__").removesuffix(".html")
                page.screenshot(path=str(shots / f"{name}.png"), full_page=False)
                page.screenshot(path=str(shots / f"{name}.full.png"), full_page=True)
            reports.append(report)
            context.close()
    return reports


def site_pages(html_dir: Path) -> list[str]:
    """Every HTML page of the site: the book's own and Sphinx's search and index pages
    (not the copies of sources and assets under ``_static/``, ``_sources/`` ...)."""
    return sorted(
        p.relative_to(html_dir).as_posix()
        for p in html_dir.rglob("*.html")
        if not p.relative_to(html_dir).as_posix().startswith("_")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir", type=Path)
    parser.add_argument("--shots", type=Path, default=None, help="folder for screenshots")
    args = parser.parse_args()
    bad = 0
    for report in check_pages(args.html_dir, site_pages(args.html_dir), args.shots):
        problems = report.problems()
        bad += bool(problems)
        print(f"{'FAIL' if problems else 'ok  '} {report.url}  {report.state}")
        for problem in problems:
            print(f"     - {problem}")
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
