"""Layer 5, the learner's side: a chapter run live in JupyterLab, its sliders driven.

The website has no kernel behind its widgets; a reader who runs `make lab` has one.
This test starts JupyterLab on 127.0.0.1 over a temporary copy of the chapters (so an
autosave never touches the repository), opens chapter 1 in Chromium, runs every cell,
moves the explorer's first slider with the keyboard and checks that the kernel redraws:
the picture changes, and the status line reports the w the slider shows.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from . import sitecheck
from .conftest import ROOT

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not sitecheck.chromium_available():
        pytest.skip("BROWSER LAYER SKIPPED: /usr/bin/chromium is missing.")
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "chapters", work / "chapters")
    # No "Would you like to get notified about Jupyter news?" toast (it can take the
    # keyboard focus) and no request for news or updates to another host.
    # Every cell stays in the page (no windowing), so the widget's elements are never
    # swapped out while the test holds them.
    settings = work / "settings" / "@jupyterlab"
    for extension, values in {
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        "notebook-extension/tracker": {"windowingMode": "none"},
    }.items():
        path = settings / f"{extension}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
           f"--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False",
           f"--ServerApp.root_dir={work / 'chapters'}",
           f"--LabApp.user_settings_dir={work / 'settings'}", "--allow-root"]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def wait_for_idle_kernel(base, token, timeout=180.0, polls=2):
    """Poll the server until a kernel exists and has been idle for ``polls`` polls in a
    row, half a second apart (between two cells of "Run All" it is idle for a moment)."""
    deadline, idle_polls = time.monotonic() + timeout, 0
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=5) as r:
            kernels = json.load(r)
        busy = not kernels or any(k["execution_state"] != "idle" for k in kernels)
        idle_polls = 0 if busy else idle_polls + 1
        if idle_polls >= polls:
            return
        time.sleep(0.5)
    pytest.fail(f"the kernel was not idle within {timeout:.0f} s")


W_STATUS = re.compile(r"w = \((-?\d+\.\d+), (-?\d+\.\d+)\)")


def test_the_explorer_is_live_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    base, token = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=sitecheck.CHROMIUM,
                                    args=sitecheck.CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/lab/tree/01_vectors.ipynb?token={token}",
                      wait_until="domcontentloaded", timeout=60000)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60000)
            wait_for_idle_kernel(base, token)
            page.click("li.lm-MenuBar-item >> text=Run")
            page.click(".lm-Menu-itemLabel >> text=Run All Cells")
            slider = page.wait_for_selector(".widget-slider", timeout=180000)
            # every cell has run: no prompt shows [*] and the kernel stays idle for 3 s
            page.wait_for_function(
                "() => ![...document.querySelectorAll('.jp-InputPrompt')]"
                ".some(p => p.innerText.includes('*'))", timeout=180000)
            wait_for_idle_kernel(base, token, polls=6)
            slider.scroll_into_view_if_needed()
            explorer = slider.evaluate_handle("s => s.closest('.jp-OutputArea-output')")
            image = explorer.query_selector("img")
            status = explorer.query_selector(".widget-html")
            readout = slider.query_selector(".widget-readout")
            before = (image.get_attribute("src"), status.inner_text(), readout.inner_text())

            handle = slider.query_selector(".noUi-handle")
            for _ in range(10):                    # w1: 1.00 -> 0.50 in steps of 0.05
                handle.press("ArrowLeft")          # focuses the handle, then presses
                page.wait_for_timeout(100)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and "(0.50," not in status.inner_text():
                page.wait_for_timeout(200)
            page.wait_for_timeout(1000)            # let the last redraw arrive

            seen = f"readout {readout.inner_text()!r}, status {status.inner_text()!r}"
            assert readout.inner_text() == "0.50", seen
            assert image.get_attribute("src") != before[0], "the picture did not change"
            w1, w2 = map(float, W_STATUS.search(status.inner_text()).groups())
            assert (w1, w2) == (0.50, 1.00), status.inner_text()
        finally:
            shots = ROOT / "_build" / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "lab-explorer.png"))
            browser.close()
