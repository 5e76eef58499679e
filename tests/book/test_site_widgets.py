"""Layer 5, the widgets of the website: every control of every widget moved in Debian's
Chromium, with the keyboard and with the mouse, and every picture checked against the
live widget.

On the static site no Python runs: each nncore widget is its "website version"
(nncore/widgets/_website.py), pictures its own code drew at build time on a grid of its
control values, chosen in the browser by a FrameViewer (assets/nncore-widgets.js). For
each widget of each page this module opens the page from a loopback server (every other
host blocked) and moves each of its controls once with the keyboard and once with the
mouse: sliders, menus, toggle buttons and Play; then it switches the Stack children (to
every value of each outer control; in chapter 1 to every combination of them) and moves
the inner controls of a child unlike those moved already (the explorer's other mode).
After every move it checks:

* the picture (the img's src and pixels) and the status line changed (the pixels and
  the status wherever the live widget's change too);
* the frame shown is the row-major index of the controls' indices; its pixels (the file
  served, and what the img holds, read back from a canvas) are those the *live* widget
  draws in this process once its controls are set to the values the page shows, and its
  status line (statuses.json) is the live widget's;
* the img's alt text is the status line, and the caption's text as a reader sees it;
* no frame was requested that was not put on screen: at load only the first frame of
  each visible FrameViewer, then only frames the move showed (one per index it passed);
* no console error, failed request or request to another host;
* while playing, the play/pause button is named after what it does, and it shows one
  icon; every control has an accessible name (slider handles their description).

Screenshots of each widget after its last move go to _build/screenshots/widgets/.

To iterate on a site built already, set SITE_HTML (e.g. SITE_HTML=_build/html pytest
tests/book/test_site_widgets.py); otherwise the session's `built_book` fixture builds
the book (about five minutes).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import itertools
import json
import math
import os
import re
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest
from PIL import Image

from . import sitecheck
from .conftest import ROOT

pytestmark = pytest.mark.browser

SHOTS = ROOT / "_build" / "screenshots" / "widgets"
TIMEOUT_MS = 20_000

# -- the site and the browser -----------------------------------------------------------


@pytest.fixture(scope="module")
def site(request):
    """(html folder, base URL): ``$SITE_HTML`` if set, else the session's fresh build."""
    if not sitecheck.chromium_available():
        pytest.skip(
            "BROWSER LAYER SKIPPED: /usr/bin/chromium is missing (tools/ensure_chromium.sh "
            "could not install it). Install Debian's chromium package to run it."
        )
    if os.environ.get("SITE_HTML"):
        html = Path(os.environ["SITE_HTML"]).resolve()
        assert (html / "index.html").exists(), f"SITE_HTML={html} holds no built site"
    else:
        proc, html = request.getfixturevalue("built_book")
        if proc.returncode != 0:
            pytest.fail("the book did not build; see test_build")
    with sitecheck.serve(html) as base:
        yield html, base


@pytest.fixture(scope="module")
def browser(site):
    with sitecheck.chromium() as chromium:
        yield chromium


# -- the live widgets -------------------------------------------------------------------


def chapter_namespace(notebook: Path, call: str) -> dict:
    """The namespace of the chapter's kernel just before the cell that shows the widget
    (the first code cell whose source holds ``call``): every code cell before it run in
    order, as the build ran them, here with Agg. Outputs and warnings are dropped, and
    matplotlib's settings and numpy's print options are restored afterwards."""
    import matplotlib
    import matplotlib.pyplot as plt
    import nbformat
    from IPython.core.inputtransformer2 import TransformerManager

    to_python = TransformerManager().transform_cell  # %pip (in an if that is False)
    namespace = {"__name__": "__main__"}
    cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    assert any(call in c.source for c in cells), f"{notebook.name} no longer calls {call}"
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
        stack.enter_context(warnings.catch_warnings())
        stack.enter_context(matplotlib.rc_context())
        stack.enter_context(np.printoptions())
        warnings.simplefilter("ignore")  # plt.show() on Agg, a ConvergenceWarning, ...
        for k, cell in enumerate(cells):
            if call in cell.source:
                break
            code = compile(to_python(cell.source), f"{notebook.name}, code cell {k}", "exec")
            exec(code, namespace)  # noqa: S102 (the chapter's own cells)
        plt.close("all")
    return namespace


def pixels(png: bytes) -> np.ndarray:
    """The RGBA pixels of PNG bytes (palette PNGs too)."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def plain_text(status_html: str) -> str:
    from nncore.widgets._website import plain_text as text

    return text(status_html)


def shown_text(inner_text: str) -> str:
    """The caption's text as a reader sees it: its lines joined by "; ", spaces collapsed."""
    lines = (" ".join(line.split()) for line in inner_text.splitlines())
    return "; ".join(line for line in lines if line)


def _labels(control, axis, values):
    from nncore.widgets._website import _label  # what the website's control shows

    return list(axis.labels) if axis.labels is not None else [_label(control, v)
                                                              for v in values]


class LiveWidget:
    """A live nncore widget, made by the chapter's own call (``make``), set to the grid
    point the page's controls show; :meth:`goto` returns what it draws and says there.

    Where a picture depends on the way there, the way is this: from the widget as the
    chapter made it, the outer controls go through their values in the website's order
    (row-major, as the book's build walks them) with every other control where the
    chapter left it (each child of the website starts from there), up to the page's
    outer values; then the inner controls are set to the page's values, as a reader's
    moves set them. (The explorer's view, for one, widens when a data set needs more
    room and never narrows: its picture of moons differs after blobs and after circles.)
    To a later child the way goes on from the child shown, its inner controls first put
    back where the chapter left them; to an earlier one it starts again from a new
    widget.
    """

    def __init__(self, make):
        self.make, self.problems = make, []
        self._fresh()
        c = self.widget.controls
        self.outer = []
        for a in self.grid.outer:
            values = a.resolve(self.widget)
            self.outer.append((a.name, values, _labels(c[a.name], a, values)))
        self.path, self.inner = None, []

    def _fresh(self):
        self.widget = widget = self.make()
        widget._raising = True  # a callback's error is raised here, not put in its Output
        self.start = {n: ctl.value for n, ctl in widget.controls.items()
                      if hasattr(ctl, "value")}
        self.grid = widget.website_grid()

    def _set(self, name, value):
        control = self.widget.controls[name]
        if control.value != value:
            control.value = value

    def _check_labels(self, name, values, labels):
        """A slider's readout says its value (independent of the website's own code)."""
        for v, label in zip(values, labels):
            if isinstance(v, (bool, str)) or not isinstance(v, (int, float, np.number)):
                continue
            try:
                shown = float(label)
            except ValueError:
                continue
            if not np.isclose(shown, v, rtol=0.02, atol=0.006):
                self.problems.append(f"{name}: the control shows {label!r} for {v!r}")

    def goto(self, outer_labels, inner_labels):
        """(RGBA pixels, status HTML, frame index, grid size) at the page's values."""
        path = tuple(labels.index(label)
                     for (_, _, labels), label in zip(self.outer, outer_labels))
        if path != self.path:
            outer = {name for name, _, _ in self.outer}
            order = list(itertools.product(*(range(len(v)) for _, v, _ in self.outer)))
            first = order.index(self.path) + 1 if self.path in order else 0
            if first > order.index(path):
                self._fresh()
                first = 0
            for step in order[first:order.index(path) + 1]:
                for name, value in self.start.items():
                    if name not in outer:
                        self._set(name, value)
                for (name, values, _), i in zip(self.outer, step):
                    self._set(name, values[i])
            for name, value in self.start.items():  # (a run may have clamped one)
                if name not in outer:
                    self._set(name, value)
            w, c = self.widget, self.widget.controls
            self.inner = []
            for a in self.grid.inner_axes(w):
                values = a.resolve(w)
                labels = _labels(c[a.name], a, values)
                self._check_labels(a.name, values, labels)
                self.inner.append((a.name, values, labels))
            self.path = path
        assert len(inner_labels) == len(self.inner), (inner_labels, self.inner)
        w, index = self.widget, []
        for (name, values, labels), label in zip(self.inner, inner_labels):
            index.append(labels.index(label))
            self._set(name, values[index[-1]])
        shape = [len(values) for _, values, _ in self.inner]
        return (self.frame(), w.status.value, int(np.ravel_multi_index(index, shape)),
                math.prod(shape))

    def frame(self):
        from nncore.widgets._render import palette_png

        return pixels(palette_png(np.asarray(self.widget.figure.canvas.buffer_rgba())))


class LivePlayground(LiveWidget):
    """Chapter 7's Playground, as its website records it (Playground.website): an
    experiment of its menu loaded, and trained to the epoch shown the way it was
    recorded, stopping at every recorded epoch on the way."""

    def __init__(self, make):
        from nncore.playground._website import WEBSITE_EPOCHS, website_menu

        self.widget = pg = make()
        self.problems = []
        last, every = WEBSITE_EPOCHS
        self.epochs = list(range(0, last + 1, every))
        menu = website_menu(copy.deepcopy(pg._cfg))
        self.menu, self.loaded = menu, None
        self.outer = [("experiment", list(menu.values()), list(menu))]
        self.inner = [("epoch", self.epochs, [str(e) for e in self.epochs])]

    def goto(self, outer_labels, inner_labels):
        pg, name = self.widget, outer_labels[0]
        k = self.inner[0][2].index(inner_labels[0])
        if self.loaded != name or pg.epoch > self.epochs[k]:
            pg.load(self.menu[name])
            self.loaded = name
        for epoch in self.epochs[:k + 1]:
            if epoch > pg.epoch:
                pg.step(epoch - pg.epoch)
        from nncore.playground._website import website_status

        return self.frame(), website_status(pg), k, len(self.epochs)


@dataclass
class Spec:
    """One widget of one page: ``call`` is the chapter's own call that shows it."""

    page: str          # the page, relative to the site's root
    nth: int           # which widget of the page (0: the first)
    name: str          # for the screenshots and the test's id
    source: str        # the chapter (notebook or MyST file) that calls it
    call: str
    run_chapter: bool = False   # its arguments come from the chapter's cells
    every_child: bool = False   # visit every child of its Stacks

    def live(self):
        path = ROOT / self.source
        if self.run_chapter:
            # Chapters 2 and 6 pass their own data and trained network: run the
            # chapter's code cells before the widget's cell, then the same call.
            namespace = chapter_namespace(path, self.call)
        else:
            # The widget takes no data of the chapter: the same call, checked in the text.
            if path.suffix == ".ipynb":
                import nbformat

                text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                                 if c.cell_type == "code")
            else:
                text = path.read_text("utf-8")
            assert self.call in text, f"{self.source} no longer calls {self.call}"
            import nncore.widgets
            from nncore.playground import playground

            namespace = {**vars(nncore.widgets), "playground": playground}

        def make():
            return eval(self.call, namespace)  # the chapter's own line

        return LivePlayground(make) if self.name == "playground" else LiveWidget(make)


SPECS = [
    Spec("intro.html", 0, "hyperplane_explorer", "intro.md", "hyperplane_explorer()"),
    Spec("chapters/01_vectors.html", 0, "hyperplane_explorer", "chapters/01_vectors.ipynb",
         "hyperplane_explorer()", every_child=True),
    Spec("chapters/02_perceptron.html", 0, "perceptron_stepper",
         "chapters/02_perceptron.ipynb", "perceptron_stepper(X, y)", run_chapter=True),
    Spec("chapters/03_gradient_descent.html", 0, "descent_explorer",
         "chapters/03_gradient_descent.ipynb", "descent_explorer()"),
    Spec("chapters/04_backprop_chain_rule.html", 0, "graph_explorer",
         "chapters/04_backprop_chain_rule.ipynb", "graph_explorer()"),
    Spec("chapters/05_mlp_matrix_backprop.html", 0, "relu_superposition_explorer",
         "chapters/05_mlp_matrix_backprop.ipynb", "relu_superposition_explorer()"),
    Spec("chapters/05_mlp_matrix_backprop.html", 1, "mlp_training_viewer",
         "chapters/05_mlp_matrix_backprop.ipynb", 'mlp_training_viewer(dataset="xor")'),
    Spec("chapters/06_softmax_cross_entropy.html", 0, "softmax_explorer",
         "chapters/06_softmax_cross_entropy.ipynb",
         "softmax_explorer(logits=(2.0, 1.0, 0.1), temperature=1.0, true_class=0)"),
    Spec("chapters/06_softmax_cross_entropy.html", 1, "digit_inspector",
         "chapters/06_softmax_cross_entropy.ipynb",
         "digit_inspector(net_dig, X_test, y_test, index=int(wrong[0]))", run_chapter=True),
    Spec("chapters/07_playground.html", 0, "playground", "chapters/07_playground.ipynb",
         "playground()"),
]


# -- the page ---------------------------------------------------------------------------

# Logs every picture a FrameViewer is told to show (its img's src, as an absolute URL),
# in order, so that each frame request can be matched with a frame put on screen.
LOG_SHOWN_FRAMES_JS = """
(() => {
  const shown = window.__nncoreShown = [];
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');
  Object.defineProperty(HTMLImageElement.prototype, 'src', {
    configurable: true, enumerable: src.enumerable,
    get() { return src.get.call(this); },
    set(value) {
      if (this.classList && this.classList.contains('nncore-frame')) {
        shown.push(new URL(value, document.baseURI).href);
      }
      src.set.call(this, value);
    },
  });
})();
"""

CONTROLS = (".widget-toggle-buttons, .widget-dropdown, .widget-slider, .widget-play, "
            ".widget-checkbox")

# What a widget shows now: its controls (in page order; "inner" ones beside the picture,
# the others switch Stack children), the picture and the status line.
DESCRIBE_JS = """
(root) => {
  const viewers = root.querySelectorAll('.nncore-frames');
  const viewer = viewers[0];
  const leaf = viewer.parentElement;
  // ipywidgets writes a menu's spaces as no-break spaces
  const text = el => el ? el.textContent.replace(/\u00a0/g, ' ').trim() : null;
  const controls = [...root.querySelectorAll(CONTROLS)].map(el => {
    const c = {inner: leaf.contains(el),
               label: text(el.querySelector(':scope > .widget-label'))};
    if (el.matches('.widget-slider')) {
      const h = el.querySelector('.noUi-handle');
      Object.assign(c, {kind: 'slider', value: text(el.querySelector('.widget-readout')),
        index: Math.round(+h.getAttribute('aria-valuenow')),
        n: Math.round(+h.getAttribute('aria-valuemax')) + 1,
        name: h.getAttribute('aria-label')});
    } else if (el.matches('.widget-dropdown')) {
      const s = el.querySelector('select');
      Object.assign(c, {kind: 'dropdown', index: s.selectedIndex, n: s.options.length,
        value: s.selectedIndex >= 0 ? text(s.options[s.selectedIndex]) : null,
        options: [...s.options].map(text)});
    } else if (el.matches('.widget-toggle-buttons')) {
      const b = [...el.querySelectorAll('button')];
      const active = b.findIndex(x => x.classList.contains('mod-active'));
      Object.assign(c, {kind: 'toggle', options: b.map(text), index: active, n: b.length,
        value: active >= 0 ? text(b[active]) : null});
    } else if (el.matches('.widget-checkbox')) {
      const i = el.querySelector('input');
      Object.assign(c, {kind: 'checkbox', value: i.checked ? 'True' : 'False',
                        index: +i.checked, n: 2});
    } else {
      const b = [...el.querySelectorAll('button')].filter(x => x.offsetParent !== null);
      Object.assign(c, {kind: 'play', labels: b.map(x => x.getAttribute('aria-label'))});
    }
    return c;
  });
  const img = viewer.querySelector('img.nncore-frame');
  const caption = viewer.querySelector('figcaption');
  return {viewers: viewers.length, controls, src: img.src, alt: img.alt,
          loaded: img.complete && img.naturalWidth > 0,
          caption: caption.innerHTML, caption_text: caption.innerText};
}
""".replace("CONTROLS", json.dumps(CONTROLS))

# The picture the img holds, as the browser decoded it: its size and a digest of its
# RGBA pixels, read back from a canvas.
SHOWN_PIXELS_JS = """
async (img) => {
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [canvas.width, canvas.height,
          [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('')];
}
"""

ICONS_JS = """
(button) => {
  const shown = [...button.querySelectorAll('svg')].map(
      svg => 'svg ' + (svg.getAttribute('data-icon') || svg.getAttribute('class')));
  for (const i of button.querySelectorAll('i')) {
    const glyph = getComputedStyle(i, '::before').content;
    if (glyph && !['none', 'normal', '""'].includes(glyph)) {
      shown.push('glyph of <i class="' + i.className + '">');
    }
  }
  return shown;
}
"""

SHOWS_JS = """
([root, index, alt]) => {
  const img = root.querySelector('img.nncore-frame');
  return !!img && img.src.endsWith('/' + index + '.png') && img.complete
         && img.naturalWidth > 0 && img.alt === alt;
}
"""


def is_frame(url: str) -> bool:
    return "/_static/frames/" in url and url.endswith(".png")


class WidgetOnPage:
    """One widget of an open page, its live twin, and what was seen wrong so far
    (``problems``: checked at the end, so that one wrong frame does not hide the rest)."""

    def __init__(self, browser, html: Path, base: str, spec: Spec, live):
        self.html, self.base, self.spec, self.live = html, base, spec, live
        self.problems: list[str] = []
        self.report = sitecheck.PageReport(url=base + spec.page)
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        sitecheck.watch_page(self.context, self.page, base, self.report)
        self.requests: list[str] = []   # frames, in order
        self.statuses: list[str] = []   # statuses.json
        self.page.on("request", self._on_request)
        self.page.add_init_script(LOG_SHOWN_FRAMES_JS)
        self.moves = 0
        self.seen = None  # the last state checked
        self.superseded = set()  # frame requests cancelled by a later frame
        self.live_seconds = 0.0  # spent in the live widget

    def _on_request(self, request):
        if is_frame(request.url):
            self.requests.append(request.url)
        elif request.url.endswith("/statuses.json"):
            self.statuses.append(request.url)

    def close(self):
        self.context.close()

    def fail(self, message):
        self.problems.append(f"{self.spec.page} {self.spec.name}: {message}")

    # -- reading the page ------------------------------------------------------------

    def open(self):
        page = self.page
        page.goto(self.report.url, wait_until="networkidle")
        page.wait_for_selector(".nncore-frames img.nncore-frame")
        page.wait_for_function(
            "() => [...document.querySelectorAll('img.nncore-frame')].every("
            "i => i.complete && i.naturalWidth > 0)")
        page.wait_for_load_state("networkidle")
        roots = page.locator(".cell_output").filter(has=page.locator(".nncore-frames"))
        self.root = roots.nth(self.spec.nth)
        # at load: the frame each visible FrameViewer starts on, and nothing else
        initial = page.eval_on_selector_all("img.nncore-frame", "els => els.map(e => e.src)")
        shown = page.evaluate("window.__nncoreShown.slice()")
        if sorted(self.requests) != sorted(initial) or sorted(shown) != sorted(initial):
            self.fail(f"at load the page requested the frames {self.requests} and showed "
                      f"{shown}; its FrameViewers start on {initial}")
        if self.statuses:
            self.fail(f"the status lines were fetched before any move: {self.statuses}")
        self.marks = (len(self.requests), len(shown), len(self.report.failed_requests), 0)

    def describe(self):
        return self.root.evaluate(DESCRIBE_JS)

    def file_of(self, url: str) -> Path:
        assert url.startswith(self.base), url
        return self.html / unquote(urlsplit(url).path).lstrip("/")

    def controls(self, state, inner):
        return [c for c in state["controls"] if c["inner"] == inner and c["kind"] != "play"]

    def settled(self):
        """The widget's state once its controls stopped moving and its picture loaded."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        last = None
        while True:
            state = self.describe()
            key = (tuple((c.get("value"), c.get("index")) for c in state["controls"]),
                   state["src"], state["loaded"])
            if key == last and state["loaded"]:
                return state
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.spec.name} did not settle: {state}")
            last = key
            self.page.wait_for_timeout(80)

    # -- the checks after a move -------------------------------------------------------

    def check(self, what: str, changed: bool = True):
        """Everything a move must give (see the module's docstring); ``what`` says which
        move it was, for the messages."""
        state = self.settled()
        if state["viewers"] != 1:
            self.fail(f"{what}: {state['viewers']} pictures shown at once")
        outer = [c["value"] for c in self.controls(state, inner=False)]
        inner = [c["value"] for c in self.controls(state, inner=True)]
        started = time.perf_counter()
        frame, status, index, size = self.live.goto(outer, inner)
        self.live_seconds += time.perf_counter() - started
        for c, (_, _, labels) in zip(self.controls(state, inner=True), self.live.inner):
            if c["kind"] == "slider" and (c["n"] != len(labels) or labels[c["index"]]
                                          != c["value"]):
                self.fail(f"{what}: the slider {c['label']!r} at {c['index']} of {c['n']} "
                          f"shows {c['value']!r}; the grid's labels are {labels}")
        folder = self.file_of(state["src"]).parent
        statuses = json.loads((folder / "statuses.json").read_text("utf-8"))
        expected_src = state["src"].rsplit("/", 1)[0] + f"/{index}.png"
        try:
            self.page.wait_for_function(
                SHOWS_JS, arg=[self.root.element_handle(), index,
                               plain_text(statuses[index]) if index < len(statuses) else ""],
                timeout=TIMEOUT_MS)
        except Exception:  # noqa: BLE001 (reported with what was shown instead)
            shown = self.describe()
            self.fail(f"{what}: the controls {outer} {inner} select frame {index} "
                      f"({expected_src}); the page shows {shown['src']} with alt "
                      f"{shown['alt']!r}")
            self.marks = (len(self.requests), len(self.page.evaluate(
                "window.__nncoreShown")), len(self.report.failed_requests),
                len(self.report.console_errors))
            self.seen, self.live_seen = shown, (frame, status)
            return shown
        state = self.describe()
        path = self.file_of(state["src"])
        if len(statuses) != size or len(list(folder.glob("*.png"))) != size:
            self.fail(f"{what}: {folder.name} holds {len(statuses)} status lines and "
                      f"{len(list(folder.glob('*.png')))} frames for a grid of {size}")
        # the picture: the file the browser got, what the img holds, and the live widget's
        served = pixels(path.read_bytes())
        if served.shape != frame.shape or not np.array_equal(served, frame):
            diff = (np.abs(served.astype(int) - frame.astype(int)).max(axis=-1) > 0).sum() \
                if served.shape == frame.shape else "all"
            self.fail(f"{what}: {path.relative_to(self.html)} is not what the live widget "
                      f"draws at {outer} {inner} ({diff} pixels differ)")
        width, height, digest = self.root.locator("img.nncore-frame").evaluate(
            SHOWN_PIXELS_JS)
        if (height, width) != served.shape[:2] or digest != hashlib.sha256(
                served.tobytes()).hexdigest():
            self.fail(f"{what}: the img's pixels ({width}x{height}) are not those of "
                      f"{path.name}")
        # the status line: the grid point's, the live widget's, and the alt text
        if statuses[index] != status:
            self.fail(f"{what}: status line {index} of {folder.name} is "
                      f"{statuses[index]!r}; the live widget says {status!r}")
        alt, caption = state["alt"], shown_text(state["caption_text"])
        if not alt or alt != plain_text(status):
            self.fail(f"{what}: the picture's alt text {alt!r} is not the status line "
                      f"{plain_text(status)!r}")
        if alt != caption:
            self.fail(f"{what}: the picture's alt text is not the caption's text:\n"
                      f"      alt: {alt!r}\n  caption: {caption!r}")
        # the frames requested during the move: only frames it put on screen
        requests = self.requests[self.marks[0]:]
        shown = self.page.evaluate("window.__nncoreShown.slice()")
        new_shown, before = shown[self.marks[1]:], set(self.requests[:self.marks[0]])
        for url in set(requests) | set(new_shown):
            asked, put = requests.count(url), new_shown.count(url)
            if asked > put or (put and not asked and url not in before):
                self.fail(f"{what}: {url.rsplit('/_static/', 1)[1]} was requested "
                          f"{asked} times and shown {put} times")
        for error in self.report.console_errors[self.marks[3]:]:
            self.fail(f"{what}: console error: {error}")
        # A frame shown during a drag and replaced before it loaded is cancelled by the
        # browser (net::ERR_ABORTED): not a failure, if it was shown and then replaced.
        for failure in self.report.failed_requests[self.marks[2]:]:
            url = failure.split(" ", 1)[0]
            if (failure.endswith("(net::ERR_ABORTED)") and is_frame(url) and url in new_shown
                    and url != new_shown[-1]):
                self.superseded.add(failure)
        # The move went to another grid point: another frame, and another picture and
        # status line wherever the live widget's differ (the hyperplane explorer's mode
        # shows the same line by components and by angle; before training the
        # perceptron's w is 0 whatever the learning rate).
        if changed:
            if not new_shown:
                self.fail(f"{what}: no new frame was shown")
            if self.seen is not None:
                old, (old_frame, old_status) = self.seen, self.live_seen
                if old["src"] == state["src"]:
                    self.fail(f"{what}: the picture's src did not change ({state['src']})")
                elif (np.array_equal(pixels(self.file_of(old["src"]).read_bytes()), served)
                      and not np.array_equal(old_frame, frame)):
                    self.fail(f"{what}: the picture's pixels did not change "
                              f"({old['src']} -> {state['src']})")
                if old["caption"] == state["caption"] and old_status != status:
                    self.fail(f"{what}: the status line did not change: {state['alt']!r}")
        self.marks = (len(self.requests), len(shown), len(self.report.failed_requests),
                      len(self.report.console_errors))
        self.seen, self.live_seen = state, (frame, status)
        self.moves += 1
        print(f"{what}: frame {index} of {size}, {len(new_shown)} shown, "
              f"{len(requests)} requested")  # shown by pytest on a failure
        return state

    def check_names(self):
        """Every control has an accessible name; the slider handles and Play buttons
        theirs from assets/widgets-shim.js."""
        from playwright.sync_api import expect

        named = re.compile(r"\S")
        root = self.root
        for kind, selector in [("slider", ".widget-slider [role=slider]"),
                               ("menu", ".widget-dropdown select"),
                               ("toggle button", ".widget-toggle-buttons button"),
                               ("check box", ".widget-checkbox input"),
                               ("Play button", ".widget-play button:visible"),
                               ("picture", "img.nncore-frame")]:
            items = root.locator(selector)
            for k in range(items.count()):
                try:
                    expect(items.nth(k)).to_have_accessible_name(named, timeout=2000)
                except AssertionError:
                    self.fail(f"{kind} {k} has no accessible name: "
                              f"{items.nth(k).evaluate('e => e.outerHTML.slice(0, 200)')}")
        for c in self.describe()["controls"]:
            if c["kind"] == "slider" and c["name"] != c["label"]:
                self.fail(f"the slider {c['label']!r} has the aria-label {c['name']!r}")

    # -- the moves ---------------------------------------------------------------------

    def control(self, j):
        return self.root.locator(CONTROLS).nth(j)

    def target(self, c, by_mouse):
        """Where a move goes: the keyboard one step, the mouse further along."""
        k, n = c["index"], c["n"]
        if not by_mouse or n <= 3:
            return k + 1 if k < n - 1 else k - 1
        t = round(0.75 * (n - 1)) if k < (n - 1) / 2 else round(0.2 * (n - 1))
        return t if t != k else (k + 2 if k + 2 < n else k - 2)

    def move(self, j, by_mouse, target=None):
        """Move control ``j`` (in page order) to position ``target`` (default: one step
        with the keyboard, further with the mouse); returns what the move was."""
        page, c = self.page, self.describe()["controls"][j]
        el, how = self.control(j), "mouse" if by_mouse else "keyboard"
        name = c["label"] or c["kind"]
        if c["kind"] == "play":
            return self.play(j, by_mouse)
        t = self.target(c, by_mouse) if target is None else target
        key = {"slider": ("ArrowRight", "ArrowLeft"),
               "dropdown": ("ArrowDown", "ArrowUp")}.get(c["kind"], ("", ""))
        key = key[0] if t > c["index"] else key[1]
        el.scroll_into_view_if_needed()
        if c["kind"] == "slider":
            if by_mouse:
                sitecheck.drag_slider(page, el, t / (c["n"] - 1))
            else:
                el.locator(".noUi-handle").focus()
                self.press(key, abs(t - c["index"]))
        elif c["kind"] == "dropdown":
            select = el.locator("select")
            if by_mouse:
                # Headless Chromium draws a <select>'s menu outside the page, where
                # Playwright's mouse does not reach (a click or a hover on an option
                # changes nothing): the mouse opens the menu, the option is chosen with
                # select_option (the events a click on it fires), and a click beside
                # the menu (on the status line) closes it.
                select.click()
                select.select_option(index=t)
                self.root.locator("figcaption.nncore-frames-status").click()
            else:
                select.focus()
                self.press(key, abs(t - c["index"]))
        elif c["kind"] == "toggle":
            button = el.locator("button").nth(t)
            if by_mouse:
                button.click()
            else:
                button.focus()
                page.keyboard.press("Space")
        elif c["kind"] == "checkbox":
            box = el.locator("input")
            if by_mouse:
                box.click()
            else:
                box.focus()
                page.keyboard.press("Space")
        after = self.settled()["controls"][j]
        if c["kind"] == "slider" and by_mouse and target is None:
            moved = after["index"] != c["index"]  # where a drag lands is the mouse's
        else:
            moved = after["index"] == t
        if not moved:
            self.fail(f"{how} on {name!r}: it went from {c['value']!r} to "
                      f"{after['value']!r}, not to position {t}")
        return f"{how} on {name!r}: {c['value']!r} -> {after['value']!r}"

    def press(self, key, times):
        """Press ``key`` ``times`` times at a reader's pace (as test_lab.py does). Pressed
        with no pause between them, three presses on an outer menu sometimes log
        "Could not add child view to box" and an uncaught TypeError from the widgets
        manager's Stack (a new child asked for before the last one was drawn)."""
        for k in range(times):
            if k:
                self.page.wait_for_timeout(80)
            self.page.keyboard.press(key)

    def play(self, j, by_mouse):
        """Press Play (Enter on it, or a click), let it play two frames or more, and press
        the same button again to pause (ipywidgets 8's play/pause button). Meanwhile its
        accessible name must say what it does (Pause while playing), and it must show
        one icon."""
        page, el = self.page, self.control(j)
        state = self.describe()
        slider = next(k for k, c in enumerate(state["controls"])
                      if c["inner"] and c["kind"] == "slider")
        start = state["controls"][slider]
        button = el.locator("button").first
        el.scroll_into_view_if_needed()
        how = "mouse" if by_mouse else "keyboard"

        def press():
            if by_mouse:
                button.click()
            else:
                button.focus()
                page.keyboard.press("Enter")

        def icons(when):
            """What the button shows: its <svg> icons and its <i>'s own glyph (a CSS
            ::before of Font Awesome's classes)."""
            shown = button.evaluate(ICONS_JS)
            if len(shown) != 1:
                self.fail(f"{how} on Play, {when}: the play/pause button shows "
                          f"{len(shown)} icons: {shown}")

        icons("before it is pressed")
        press()
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            now = self.describe()["controls"]
            if now[slider]["index"] >= start["index"] + 2 or time.monotonic() > deadline:
                break
            page.wait_for_timeout(50)
        label = button.get_attribute("aria-label")
        icons("while playing")
        press()
        page.wait_for_timeout(700)  # a tick already on its way lands
        after = self.settled()["controls"]
        if after[slider]["index"] < start["index"] + 2:
            self.fail(f"{how} on Play: the slider went from {start['value']!r} only to "
                      f"{after[slider]['value']!r}")
        page.wait_for_timeout(600)
        if self.describe()["controls"][slider]["index"] != after[slider]["index"]:
            self.fail(f"{how} on Play, pressed again: it did not pause")
        if label != "Pause":
            self.fail(f"{how} on Play: while playing, the play/pause button (which then "
                      f"pauses) is named {label!r}, not 'Pause'")
        icons("after the pause")
        return (f"{how} on Play: {start['value']!r} -> {after[slider]['value']!r} "
                f"(while playing its button was named {label!r})")

    def shoot(self, suffix=""):
        """A screenshot of the widget: _build/screenshots/widgets/<page>__<widget>.png."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        page = self.spec.page.replace("/", "__").removesuffix(".html")
        path = SHOTS / f"{page}__{self.spec.name}{suffix}.png"
        self.root.scroll_into_view_if_needed()
        self.root.screenshot(path=str(path))
        return path


def inner_layout(w: WidgetOnPage):
    """The inner controls of the child shown (a mode may change which there are)."""
    return tuple((c["kind"], c["label"]) for c in w.describe()["controls"] if c["inner"])


def drive_inner(w: WidgetOnPage):
    """Move every inner control of the child shown, with the keyboard, then the mouse."""
    controls = w.describe()["controls"]
    for j in [j for j, c in enumerate(controls) if c["inner"]]:
        for by_mouse in (False, True):
            w.check(w.move(j, by_mouse))


def drive(w: WidgetOnPage):
    """Move every control of the widget with the keyboard, then with the mouse: the outer
    controls first (each switches the Stack child, whose inner controls are then new),
    then the inner ones of the child shown."""
    controls = w.describe()["controls"]
    for j in [j for j, c in enumerate(controls) if not c["inner"]]:
        for by_mouse in (False, True):
            w.check(w.move(j, by_mouse))
    drive_inner(w)


def visit_children(w: WidgetOnPage, every: bool):
    """Switch the Stack children: to every value of each outer control in turn (the
    others where they are), or with ``every`` to every combination of them, by keyboard
    and by mouse in turn; each child's picture is checked as after any move, and the
    inner controls of a child unlike those driven already (another mode) are driven."""
    controls = w.describe()["controls"]
    outer = [j for j, c in enumerate(controls) if not c["inner"]]
    here = tuple(controls[j]["index"] for j in outer)
    if every:
        combos = list(itertools.product(*(range(controls[j]["n"]) for j in outer)))
    else:
        combos = [here[:m] + (v,) + here[m + 1:] for m, j in enumerate(outer)
                  for v in range(controls[j]["n"]) if v != here[m]]
    driven = {inner_layout(w)}
    for k, combo in enumerate(combos):
        for j, want in zip(outer, combo):
            if w.describe()["controls"][j]["index"] != want:
                w.check(f"to child {combo}: " + w.move(j, k % 2 == 1, target=want))
        now = tuple(w.describe()["controls"][j]["index"] for j in outer)
        assert now == combo, f"the outer controls are at {now}, not at {combo}"
        if inner_layout(w) not in driven:
            driven.add(inner_layout(w))
            drive_inner(w)
    return combos


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{Path(s.page).stem}-{s.name}")
def test_every_control_moves_the_picture_the_live_widget_draws(site, browser, spec):
    html, base = site
    live = spec.live()
    w = WidgetOnPage(browser, html, base, spec, live)
    try:
        w.open()
        w.check("at load", changed=False)
        w.check_names()
        drive(w)
        visit_children(w, every=spec.every_child)
        w.check_names()  # the controls of the children shown since
        w.shoot()  # after the last move
    except BaseException:
        with contextlib.suppress(Exception):
            w.shoot("-FAILED")
        raise
    finally:
        w.close()
    print(f"{w.moves} moves checked; {w.live_seconds:.1f} s in the live widget")
    w.report.failed_requests = [f for f in w.report.failed_requests if f not in w.superseded]
    del w.report.console_errors[:w.marks[3]]  # those are in w.problems, with their move
    problems = w.problems + [f"{spec.page}: {p}" for p in w.report.problems()] + [
        f"{spec.page} {spec.name}: {p}" for p in live.problems]
    assert not problems, f"{len(problems)} problems after {w.moves} checked moves:\n" + \
        "\n".join(problems)
