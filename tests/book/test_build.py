"""Layer 4: `jupyter-book build . -W -n --keep-going` succeeds, and what it writes is whole."""

from __future__ import annotations

import re
import sys

import pytest

from .conftest import ROOT, toc_files

sys.path.insert(0, str(ROOT / "_ext"))
from book_repository import Repository  # noqa: E402

pytestmark = pytest.mark.book


def test_build_succeeds_with_warnings_as_errors(built_book):
    proc, html = built_book
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"jupyter-book build failed:\n{log[-6000:]}"
    assert "build succeeded" in log, log[-3000:]
    # Sphinx writes "path:line: WARNING: message"; a kernel's own log lines
    # ("[IPKernelApp] WARNING | ...") are not build warnings.
    warnings = [line for line in log.splitlines() if "WARNING:" in line]
    assert not warnings, "\n".join(warnings)


def test_every_toc_entry_has_a_page(built_book):
    _, html = built_book
    missing = [f for f in toc_files() if not (html / f"{f}.html").is_file()]
    assert not missing, f"pages missing from the site: {missing}"
    assert (html / "index.html").is_file()


def test_no_page_refers_to_another_host_for_scripts_styles_or_fonts(built_book):
    """A static check beside the browser's: the HTML asks no CDN for anything it loads."""
    _, html = built_book
    loaded = re.compile(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(https?:)?//[^"]+"', re.I)
    offenders = {}
    for page in html.rglob("*.html"):
        hits = [m.group(0)[:120] for m in loaded.finditer(page.read_text(encoding="utf-8"))]
        if hits:
            offenders[page.relative_to(html).as_posix()] = hits[:3]
    assert not offenders, offenders


def test_vendored_assets_are_in_the_site(built_book):
    _, html = built_book
    for rel in ["_static/vendor/mathjax/tex-chtml.js", "_static/vendor/require.min.js",
                "_static/vendor/html-manager/embed-amd.js", "_static/widgets-shim.js"]:
        assert (html / rel).is_file(), f"{rel} is not in the built site"


def test_chapter_pages_carry_their_widget_state(built_book):
    """Each chapter has a widget; its saved state is what the static site renders."""
    _, html = built_book
    for f in toc_files():
        if f.startswith("chapters/"):
            text = (html / f"{f}.html").read_text(encoding="utf-8")
            assert "application/vnd.jupyter.widget-state+json" in text, f"{f}: no widget state"


def test_chapter_pages_have_launch_buttons_and_every_widget_the_same_links(built_book):
    """The rocket menu offers Binder and Colab, the download menu the .ipynb, and every
    widget's note (added by _ext/book_fixes.py) the same links: one source, _config.yml.
    While its repository is the placeholder account, no page links to Binder or Colab and
    every widget's note says what to set."""
    _, html = built_book
    repo = Repository.read(ROOT)
    href = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
    for f in toc_files():
        if not f.startswith("chapters/"):
            continue
        text = (html / f"{f}.html").read_text(encoding="utf-8")
        download = f'href="../_sources/{f}.ipynb"'
        assert download in text, f"{f}: no download of the .ipynb"
        notes = re.findall(r'<p class="launch-links">(.*?)</p>', text, re.S)
        widgets = text.count('<script type="application/vnd.jupyter.widget-view+json">')
        assert len(notes) == widgets >= 1, f"{f}: {widgets} widgets, {len(notes)} link lines"
        if repo.placeholder:
            live = [u for u in href.findall(text) if "mybinder" in u or "colab.research" in u]
            assert live == [], f"{f}: links to the placeholder repository: {live}"
            for note in notes:
                assert href.findall(note) == [download.split('"')[1]], (f, note)
                words = " ".join(re.sub(r"<[^>]+>", "", note).split())  # as a reader sees it
                assert "repository: url:" in words, (f, words)
            continue
        menu = text.split('dropdown-launch-buttons"', 1)
        assert len(menu) == 2, f"{f}: no launch buttons"
        buttons = href.findall(menu[1].split("</ul>", 1)[0])
        assert [u for u in buttons if "mybinder" in u or "colab" in u], f"{f}: {buttons}"
        assert all(f"/{repo.launch_ref}" in u for u in buttons), (f, buttons)
        for note in notes:
            links = href.findall(note)
            assert links == buttons + [download.split('"')[1]], (f, links, buttons)
