"""Layer 5: the built website in a real browser (Debian's Chromium driven by Playwright).

Every page of the book is opened from a loopback server with every other host blocked,
as for a reader offline: math must be typeset, every image loaded, widgets drawn, no
request may fail or leave the server, and the console must stay free of errors.
Screenshots are kept in _build/screenshots/ for a human to look at.
"""

from __future__ import annotations

import pytest

from . import sitecheck
from .conftest import ROOT, toc_files

pytestmark = pytest.mark.browser

SHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def reports(built_book):
    proc, html = built_book
    if proc.returncode != 0:
        pytest.fail("the book did not build; see test_build")
    if not sitecheck.chromium_available():
        pytest.skip(
            "BROWSER LAYER SKIPPED: /usr/bin/chromium is missing (tools/ensure_chromium.sh "
            "could not install it). Install Debian's chromium package to run it."
        )
    pages = sitecheck.site_pages(html)
    missing = [f for f in toc_files() if f"{f}.html" not in pages]
    assert not missing, f"pages of the table of contents missing from the site: {missing}"
    return dict(zip(pages, sitecheck.check_pages(html, pages, shots=SHOTS)))


def test_every_page_is_clean_offline(reports):
    problems = {url: r.problems() for url, r in reports.items() if r.problems()}
    assert not problems, "\n".join(f"{u}:\n  " + "\n  ".join(p) for u, p in problems.items())


def test_chapters_show_math_figures_and_live_widgets(reports):
    chapters = {u: r for u, r in reports.items() if u.startswith("chapters/")}
    assert chapters, list(reports)
    for url, r in chapters.items():
        s = r.state
        assert s["mjx"] > 10, f"{url}: only {s['mjx']} formulas rendered"
        assert s["images"] >= 3 and not s["broken_images"], f"{url}: images {s}"
        assert s["has_widget_state"] and s["widget_views"] >= 1, f"{url}: no widget embedded"
        assert s["sliders_visible"] >= 1, f"{url}: no slider visible"
        assert s.get("slider_moves"), f"{url}: the first slider does not move"
    # chapter 1's explorer: w1, w2 and b (angle and length are hidden in its first mode)
    assert reports["chapters/01_vectors.html"].state["sliders_visible"] >= 3
