"""Layer 5, the learner's side: the chapters run live in JupyterLab, their widgets driven.

The website has no kernel behind its widgets; a reader who runs `make lab` has one. This
module starts JupyterLab with that very recipe (the Makefile's `lab` target: loopback
only, here with a token) over a temporary copy of the chapters, so an autosave never
touches the repository, and drives it in Debian's Chromium as a reader would:

* every chapter in chapters/ is opened and run with Run > Run All Cells; every code
  cell must get an execution count and no output may be an error or stderr;
* in chapter 1 the hyperplane explorer's w1 slider is moved with the keyboard and its b
  slider dragged with the mouse; in chapter 2 the perceptron stepper's update slider is
  stepped with the keyboard and dragged to its end. Each time the picture must change
  and the status line must report what nncore computes here, independently, for the
  values the sliders show: the points on the wrong side of w.x + b = 0, and the update,
  epoch, sample, w and b of the perceptron's history;
* in chapter 1 the coding exercise `dot` is filled in wrongly, then rightly, and each
  time its check cell and the chapter's progress line are run again: they must say what
  nncore.exercises says here, for the same functions.

One JupyterLab server and one browser serve the whole module. Screenshots (each widget
before and after every move, each chapter after running) go to _build/screenshots/lab/.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from nncore import datasets, exercises, hyperplane, perceptron

from . import sitecheck
from .conftest import ROOT, chapter_notebooks

pytestmark = pytest.mark.browser

SHOTS = ROOT / "_build" / "screenshots" / "lab"
RUN_TIMEOUT_MS = 600_000          # one chapter, Run All, on a busy two-core machine


# -- the server -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lan_address() -> str | None:
    """This machine's address on its network, if it has one (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
        except OSError:
            return None
        address = s.getsockname()[0]
    return None if address.startswith("127.") else address


def _api(base, token, path, method="GET"):
    request = urllib.request.Request(f"{base}{path}", method=method,
                                     headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`make lab` on a copy of the chapters, with a free port and a token: (base, token)."""
    if not sitecheck.chromium_available():
        pytest.skip("BROWSER LAYER SKIPPED: /usr/bin/chromium is missing.")
    if shutil.which("make") is None:
        pytest.skip("the JupyterLab test starts the server with `make lab`: make is missing")
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "chapters", work / "chapters",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # No "Would you like to get notified about Jupyter news?" toast (it can take the
    # keyboard focus) and no request for news or updates to another host. Every cell
    # stays in the page (no windowing), so the widgets' elements are never swapped out
    # while the test holds them.
    settings = work / "settings" / "@jupyterlab"
    for extension, values in {
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        "notebook-extension/tracker": {"windowingMode": "none"},
    }.items():
        path = settings / f"{extension}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    venv = sys.prefix  # the environment running the tests: its jupyter and its kernel
    lab_args = " ".join([
        "--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--LabApp.user_settings_dir={work / 'settings'}",
        f"--LabApp.workspaces_dir={work / 'workspaces'}",
    ])
    log_path = work / "jupyter.log"
    # -o: the environment is already set up; never reinstall it from inside a test
    cmd = ["make", "-s", "-C", str(ROOT), "-o", f"{venv}/.installed", "lab", f"VENV={venv}",
           f"LAB_DIR={work / 'chapters'}", f"LAB_ARGS={lab_args}"]
    with open(log_path, "w") as log:
        server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)  # its own process group
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _api(base, token, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"`make lab` did not serve JupyterLab:\n{log_path.read_text()}")
                time.sleep(0.5)
        yield base, token, log_path
    finally:
        with contextlib.suppress(OSError):
            _api(base, token, "/api/shutdown", method="POST")  # the kernels too
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGTERM)  # make and the jupyter it started
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def test_make_lab_listens_on_loopback_only(lab):
    base, token, log_path = lab
    port = int(base.rsplit(":", 1)[1])
    assert f"http://127.0.0.1:{port}/lab" in log_path.read_text(), log_path.read_text()
    address = _lan_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback to try")
    with pytest.raises(OSError):
        socket.create_connection((address, port), timeout=3).close()


# -- the browser and the chapters -------------------------------------------------------


@pytest.fixture(scope="module")
def browser(lab):
    with sitecheck.chromium() as chromium:
        yield chromium


# The notebook is done when no prompt shows [*] and either every code cell has a number
# or an error stopped Run All (JupyterLab then clears the queued cells' prompts).
RUN_FINISHED_JS = """
() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
  if (!prompts.length || prompts.some(p => p.innerText.includes('*'))) return false;
  const error = document.querySelector(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  return prompts.every(p => /\\[\\d+\\]/.test(p.innerText)) || !!error;
}
"""

# What the reader would see wrong after Run All.
PROBLEMS_JS = """
() => {
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
  const unrun = cells.map((c, i) => [i, c.querySelector('.jp-InputPrompt').innerText])
                     .filter(([i, p]) => !/\\[\\d+\\]/.test(p)).map(([i]) => i);
  const errors = [...document.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map(o => o.innerText.slice(0, 400));
  const broken = [...document.querySelectorAll('.jp-OutputArea-output')]
      .map(o => o.innerText).filter(t => /Error displaying widget|^\\s*[VH]Box\\(children=/.test(t))
      .map(t => t.slice(0, 200));
  return {cells: cells.length, unrun, errors, broken};
}
"""


class Chapters:
    """Opens each chapter once in its own tab, runs all its cells, and keeps the tab for
    the tests that drive its widgets until :meth:`close`."""

    def __init__(self, browser, base, token):
        self.browser, self.base, self.token = browser, base, token
        self.open = {}

    def run(self, name):
        if name in self.open:
            return self.open[name]
        context = self.browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        # a workspace of its own, so that JupyterLab restores no other notebook in it
        page.goto(f"{self.base}/lab/workspaces/t-{Path(name).stem}/tree/{name}"
                  f"?token={self.token}&reset", wait_until="domcontentloaded", timeout=90_000)
        self.open[name] = page
        try:
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            self._wait_for_idle_kernel(name)
            page.click("li.lm-MenuBar-item >> text=Run")
            page.click(".lm-Menu-itemLabel >> text=Run All Cells")
            page.wait_for_function(RUN_FINISHED_JS, timeout=RUN_TIMEOUT_MS, polling=500)
            self._wait_for_idle_kernel(name)
        except BaseException:
            with contextlib.suppress(Exception):
                _shot(page, f"chapter-{Path(name).stem}-FAILED.png")
            self.close(name)  # and its kernel, which may still be busy
            raise
        return page

    def problems(self, name):
        return self.open[name].evaluate(PROBLEMS_JS)

    def _wait_for_idle_kernel(self, name, timeout=180.0, polls=2):
        """Until this notebook's kernel exists and is idle ``polls`` polls in a row."""
        deadline, idle = time.monotonic() + timeout, 0
        while time.monotonic() < deadline:
            sessions = [s for s in _api(self.base, self.token, "/api/sessions")
                        if s["path"].endswith(name)]
            states = [s["kernel"]["execution_state"] for s in sessions if s.get("kernel")]
            idle = idle + 1 if states and all(s == "idle" for s in states) else 0
            if idle >= polls:
                return
            time.sleep(0.5)
        pytest.fail(f"{name}: the kernel was not idle within {timeout:.0f} s")

    def close(self, name):
        page = self.open.pop(name, None)
        if page is None:
            return
        page.context.close()
        for s in _api(self.base, self.token, "/api/sessions"):
            if s["path"].endswith(name):  # stop its kernel: the next chapter gets the CPU
                _api(self.base, self.token, f"/api/sessions/{s['id']}", method="DELETE")


@pytest.fixture(scope="module")
def chapters(lab, browser):
    base, token, _ = lab
    opened = Chapters(browser, base, token)
    yield opened
    for name in list(opened.open):
        opened.close(name)


def _shot(locator_or_page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    return locator_or_page.screenshot(path=str(SHOTS / name))


@contextlib.contextmanager
def _shot_on_failure(page, name):
    """On a failed assertion, keep what the browser showed at that moment."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            _shot(page, name)
        raise


def _slider(within, label):
    """The slider described exactly as ``label`` inside ``within`` (a page or a locator)."""
    page = getattr(within, "page", within)
    label = page.locator(".widget-label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    return within.locator(".widget-slider").filter(has=label).first


def _cell_with_slider(page, label):
    """The code cell whose output holds a slider described exactly as ``label``."""
    return page.locator(".jp-CodeCell").filter(has=_slider(page, label)).first


def _text(locator) -> str:
    return " ".join(locator.inner_text().replace("\u00a0", " ").split())


def _wait_for_text(page, locator, pattern, timeout_s=60):
    """Until the text of ``locator`` matches ``pattern``; returns the match."""
    deadline = time.monotonic() + timeout_s
    while True:
        text = _text(locator)
        found = re.search(pattern, text)
        if found or time.monotonic() > deadline:
            assert found, f"waited {timeout_s} s for {pattern!r}; the text is {text!r}"
            return found
        page.wait_for_timeout(200)


def _image_bytes(cell):
    """What the reader sees of the figure: a screenshot of the widget's image."""
    image = cell.locator(".widget-image").first
    page = image.page
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=image.element_handle(), timeout=30_000)
    return image.screenshot()


# -- chapter 1: the hyperplane explorer ------------------------------------------------


WRONG = re.compile(r"w = \((-?\d+\.\d+), (-?\d+\.\d+)\), b = (-?\d+\.\d+).*?"
                   r"(\d+) of (\d+) points on the wrong side")


def test_the_hyperplane_explorer_follows_keyboard_and_mouse(chapters):
    page = chapters.run("01_vectors.ipynb")
    with _shot_on_failure(page, "01-explorer-FAILED.png"):
        cell = _cell_with_slider(page, "w\u2081")
        cell.scroll_into_view_if_needed()
        status = cell.locator(".widget-html").first
        w1, b = _slider(cell, "w\u2081"), _slider(cell, "b")
        # the explorer's default data set (blobs, as in its menu), computed here
        X, y = datasets.blobs()

        def expected(w1_, w2_, b_):
            return hyperplane.count_misclassified(X, y, np.array([w1_, w2_]), b_)

        start = _wait_for_text(page, status, WRONG)
        assert tuple(map(float, start.groups()[:3])) == (1.0, 1.0, 0.0), start[0]
        assert (int(start[4]), int(start[5])) == (expected(1.0, 1.0, 0.0), len(X)), start[0]
        picture = [_image_bytes(cell)]
        _shot(cell, "01-explorer-0-start.png")

        # keyboard: ten presses of the left arrow on w1 take it from 1.00 to 0.50
        w1.locator(".noUi-handle").first.focus()
        for _ in range(10):
            page.keyboard.press("ArrowLeft")
            page.wait_for_timeout(80)
        _wait_for_text(page, status, r"w = \(0\.50, 1\.00\)")  # the last key press arrived
        moved = _wait_for_text(page, status, WRONG)
        assert _text(w1.locator(".widget-readout")) == "0.50"
        assert int(moved[4]) == expected(0.5, 1.0, 0.0) != int(start[4]), (
            f"{moved[0]!r}: nncore counts {expected(0.5, 1.0, 0.0)} points on the wrong side")
        picture.append(_image_bytes(cell))
        _shot(cell, "01-explorer-1-keyboard-w1.png")
        assert picture[1] != picture[0], "the picture did not change when w1 moved"

        # mouse: drag b to about 2 (a quarter from the right end of -4 ... 4), where the
        # line has left the gap between the clusters
        sitecheck.drag_slider(page, b, (2.0 - -4.0) / 8.0)
        page.wait_for_function("el => el.innerText.trim() !== '0.00'",
                               arg=b.locator(".widget-readout").element_handle(), timeout=30_000)
        b_shown = float(_text(b.locator(".widget-readout")))
        assert 1.5 <= b_shown <= 2.5, f"the drag put b at {b_shown}"
        _wait_for_text(page, status, rf"b = {b_shown:.2f}")  # the end of the drag arrived
        dragged = _wait_for_text(page, status, WRONG)
        assert tuple(map(float, dragged.groups()[:3])) == (0.5, 1.0, b_shown), dragged[0]
        n_wrong = expected(0.5, 1.0, b_shown)
        assert int(dragged[4]) == n_wrong, (
            f"{dragged[0]!r}: nncore counts {n_wrong} points on the wrong side of "
            f"w = (0.5, 1), b = {b_shown}")
        assert n_wrong > int(moved[4]) + 10, "the drag should have put many points wrong"
        picture.append(_image_bytes(cell))
        _shot(cell, "01-explorer-2-mouse-b.png")
        assert picture[2] != picture[1], "the picture did not change when b moved"


# -- chapter 2: the perceptron stepper --------------------------------------------------


STEP = re.compile(r"update (\d+) of (\d+) · epoch (\d+) · sample (\d+) · "
                  r"mistakes so far this epoch (\d+)"
                  r".*?w = \((-?\d+\.\d+), (-?\d+\.\d+)\), b = (-?\d+\.\d+): "
                  r"(\d+) of (\d+) points on the wrong side")


def test_the_perceptron_stepper_follows_keyboard_and_mouse(chapters):
    page = chapters.run("02_perceptron.ipynb")
    with _shot_on_failure(page, "02-stepper-FAILED.png"):
        cell = _cell_with_slider(page, "update")
        cell.scroll_into_view_if_needed()
        status = cell.locator(".widget-html").first
        update = _slider(cell, "update")
        # chapter 2 shows perceptron_stepper(X, y) on these points, with the stepper's
        # defaults (lr = 1, at most 50 epochs, samples in order); trained again here
        X, y = datasets.blobs(n=30, noise=0.9, seed=2)
        model = perceptron.Perceptron(lr=1.0, max_epochs=50).fit(X, y)
        n = model.n_updates_

        def check(found, k):
            record = model.history_[k - 1]
            w, b = record["w"], record["b"]
            wanted = (k, n, record["epoch"], record["index"], record["errors"])
            got = tuple(int(found[i]) for i in (1, 2, 3, 4, 5))
            assert got == wanted, f"{found[0]!r}: nncore's update {k} is {wanted}"
            shown = np.array([float(found[6]), float(found[7]), float(found[8])])
            assert np.allclose(shown, [w[0], w[1], b], atol=0.005), (found[0], w, b)
            n_wrong = hyperplane.count_misclassified(X, y, w, b)
            assert (int(found[9]), int(found[10])) == (n_wrong, len(X)), (
                f"{found[0]!r}: nncore counts {n_wrong} points on the wrong side")
            return n_wrong

        before = _wait_for_text(page, status, rf"before training \(update 0 of {n}\).*?"
                                              r"(\d+) of (\d+) points on the wrong side")
        wrong_0 = hyperplane.count_misclassified(X, y, model.initial_w_, model.initial_b_)
        assert int(before[1]) == wrong_0, before[0]
        picture = [_image_bytes(cell)]
        _shot(cell, "02-stepper-0-start.png")

        # keyboard: four presses of the right arrow: update 4
        update.locator(".noUi-handle").first.focus()
        for _ in range(4):
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(80)
        _wait_for_text(page, status, rf"update 4 of {n} ")
        wrong_4 = check(_wait_for_text(page, status, STEP), 4)
        assert wrong_4 != wrong_0
        picture.append(_image_bytes(cell))
        _shot(cell, "02-stepper-1-keyboard-update-4.png")
        assert picture[1] != picture[0], "the picture did not change at update 4"

        # mouse: drag the handle past the end of the track: the last update
        sitecheck.drag_slider(page, update, 1.05)
        _wait_for_text(page, status, rf"update {n} of {n} ")
        wrong_n = check(_wait_for_text(page, status, STEP), n)
        assert model.converged_ and wrong_n == 0 and "converged" in _text(status)
        assert _text(update.locator(".widget-readout")) == str(n)
        picture.append(_image_bytes(cell))
        _shot(cell, f"02-stepper-2-mouse-update-{n}.png")
        assert picture[2] != picture[1], f"the picture did not change at update {n}"


# -- chapter 1: a coding exercise, filled in ------------------------------------------


def _code_cell(page, source):
    """The code cell whose source contains ``source``."""
    editor = page.locator(".jp-InputArea-editor", has_text=source)
    return page.locator(".jp-Notebook .jp-CodeCell").filter(has=editor).first


def _write_and_run(page, cell, source):
    """Replace the cell's code with ``source`` as a reader would, and run it."""
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(source)  # as pasted: no auto-indent, no closing brackets
    page.keyboard.press("Control+Enter")  # run in place (Shift+Enter on the last cell adds one)


def _run_and_read(page, cell, pattern):
    """Run the cell again and return its output's text once it matches ``pattern``."""
    before = _text(cell.locator(".jp-InputPrompt"))
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Control+Enter")
    prompt = cell.locator(".jp-InputPrompt")
    deadline = time.monotonic() + 60
    while _text(prompt) in (before, "[*]:") and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    output = cell.locator(".jp-OutputArea-output").first
    _wait_for_text(page, output, pattern)
    return _text(output)


WRONG_DOT = "def dot(a, b):\n    return a * b\n"
RIGHT_DOT = "def dot(a, b):\n    return float(np.sum(a * b))\n"


def test_a_coding_exercise_filled_in_wrongly_then_rightly(chapters):
    page = chapters.run("01_vectors.ipynb")
    with _shot_on_failure(page, "01-exercise-FAILED.png"):
        stub = _code_cell(page, "def dot(a, b):")
        check = _code_cell(page, "exercises.check_dot(dot)")
        progress = _code_cell(page, "exercises.progress(dot=dot")
        output = check.locator(".jp-OutputArea-output").first
        assert _text(output).startswith("dot: not written yet"), _text(output)

        # What the checker says here, in this process, about the same two functions.
        namespace = {"np": np}
        exec(WRONG_DOT, namespace)  # noqa: S102 (the test's own code)
        wrong = " ".join(repr(exercises.check_dot(namespace["dot"])).split())
        exec(RIGHT_DOT, namespace)  # noqa: S102
        right = " ".join(repr(exercises.check_dot(namespace["dot"])).split())
        assert wrong.startswith("dot: not right yet") and "adds them up" in wrong
        assert right.startswith("dot: right on all")

        _write_and_run(page, stub, WRONG_DOT)
        shown = _run_and_read(page, check, r"^dot: not right yet")
        _shot(check, "01-exercise-1-wrong.png")
        assert shown == wrong, f"the notebook says {shown!r}; the checker says {wrong!r}"
        line = _run_and_read(page, progress, r"^Coding exercises")
        assert "0 of 3 pass" in line and "dot not right yet" in line, line

        _write_and_run(page, stub, RIGHT_DOT)
        shown = _run_and_read(page, check, r"^dot: right on all")
        _shot(check, "01-exercise-2-right.png")
        assert shown == right, f"the notebook says {shown!r}; the checker says {right!r}"
        line = _run_and_read(page, progress, r"^Coding exercises")
        assert line.startswith("Coding exercises of this chapter: 1 of 3 pass. dot passes;"), line


# -- every chapter ----------------------------------------------------------------------


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_chapter_runs_all_its_cells_in_jupyterlab_without_error(chapters, path):
    """Run > Run All Cells, as a reader would: every cell runs, no error, no stderr.

    Chapters 1 and 2 were run (and their widgets driven) by the tests above: their
    outputs are checked here after those moves too.
    """
    page = chapters.run(path.name)
    try:
        found = chapters.problems(path.name)
        _shot(page, f"chapter-{path.stem}.png")
        assert found["cells"] > 0, f"{path.name}: no code cell in the page"
        assert not found["errors"], f"{path.name}: error output:\n" + "\n---\n".join(
            found["errors"])
        assert not found["unrun"], f"{path.name}: code cells {found['unrun']} did not run"
        assert not found["broken"], f"{path.name}: widgets not rendered: {found['broken']}"
    finally:
        chapters.close(path.name)
