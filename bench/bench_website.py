"""The budgets of the static website (issue 15), measured on a built site in Chromium.

Run it from the repository root, on a site that ``make book`` has built (it is not part
of the tests):

    .venv/bin/python bench/bench_website.py [--site _build/html] [--moves 40]
        [--before-site DIR | --build-before REV] [--time-build] [--pages ...]

The site is served from a loopback ``http.server`` (a thread of this process) and opened
in Debian's Chromium through Playwright. Every page with widgets is measured
(``intro.html`` and ``chapters/0[1-7]*.html``):

1. A move shows the new picture within 100 ms at p95. For each visible ``FrameViewer``
   the sliders that drive it are found (in a throwaway browser context: each visible
   slider is moved once and moved back, and the picture that changes is its viewer's).
   Then, in a new context (cold cache), a slider handle is focused and ArrowRight /
   ArrowLeft pressed ``--moves`` times, walking the viewer's grid so that every move
   shows a frame not shown before (a snake over its sliders); then the same moves are
   played back in reverse, so every frame is shown a second time (warm: the browser's
   cache). A move is timed in the page, from the keydown (a capture listener on
   ``window``) to the ``load`` event of the ``img.nncore-frame`` with its new ``src``.
   Also timed: the slider's own readout (the baseline: what the widget manager takes to
   move a control, with no picture), the next painted frame after the load (two
   ``requestAnimationFrame``), and the status line (``figcaption``) holding the line of
   the new frame (read from ``statuses.json``, which the page fetches at the first
   move).
2. No page loads a frame before it is shown: the requests for ``/_static/frames/`` while
   a page loads (new context, until the network is idle) are counted; one per visible
   ``FrameViewer`` is right.
3. A chapter's first load grows by at most 1 MB: the bytes every request of the page
   transferred (Chromium's ``encodedDataLength``, headers included, through the DevTools
   protocol) at first load, new context, until the network is idle; compared with the
   site before issue 15, given as ``--before-site`` or built here from a commit
   (``--build-before REV``: a git worktree of REV, built with this environment and
   ``PYTHONPATH`` set to the worktree, so that its own nncore is imported; the worktree
   is removed afterwards).
4. The built site stays under 300 MB: ``du`` of the site and of ``_static/frames``, the
   number of frames, their sizes, and whether every one of them is a palette PNG
   (Pillow mode ``P``) of at most 64 colours (all of them are opened).
5. ``make book`` on a fresh clone takes under 5 minutes (``--time-build``): this
   repository's HEAD is cloned into a temporary folder, ``assets/vendor`` copied in,
   and ``jupyter-book build`` run as ``make book`` runs it, into a new output folder
   (an empty execution cache); the time of each notebook's execution is read from
   MyST-NB's log, and the CPU time of the build's processes (kernels and their forked
   workers included) is given beside the wall time.

1 MB here is 10^6 bytes. The machine is shared: the numbers come with the load average,
and the ratios (cold / warm, picture / readout, new / old) are measured in one run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import http.server
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
# --no-sandbox as the machine needs it; the rest keep Chromium from talking to Google.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps",
                 "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}
MOVE_BUDGET_MS = 100.0
GROWTH_BUDGET = 1e6  # bytes
SITE_BUDGET = 300e6  # bytes
BUILD_BUDGET_S = 300.0
MAX_COLOURS = 64
MB = 1e6

# --------------------------------------------------------------------------- the server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle(self):
        # Chromium drops connections it no longer needs (a page or context closed)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


@contextlib.contextmanager
def serve(directory):
    """Serve ``directory`` on a free port of 127.0.0.1, from a thread; yield the URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def pages_of(site):
    return ["intro.html"] + sorted(
        p.relative_to(site).as_posix() for p in (site / "chapters").glob("0[1-7]*.html"))


# --------------------------------------------------------------------------- page scripts

VIEWERS_JS = """
() => {
  const visible = el => { const r = el.getBoundingClientRect();
                          return r.width > 0 && r.height > 0 && el.offsetParent !== null; };
  return Array.from(document.querySelectorAll('.nncore-frames')).map((el, i) => {
    const img = el.querySelector('img.nncore-frame');
    const fig = el.querySelector('figure');
    return {i: i, visible: visible(el), src: img ? img.src : '',
            loaded: !!(img && img.complete && img.naturalWidth > 0),
            label: fig ? (fig.getAttribute('aria-label') || '') : ''};
  });
}
"""

HANDLES_JS = """
() => {
  const visible = el => { const r = el.getBoundingClientRect();
                          return r.width > 0 && r.height > 0 && el.offsetParent !== null; };
  return Array.from(document.querySelectorAll('.noUi-handle')).map((h, i) => ({
    i: i, visible: visible(h),
    now: parseFloat(h.getAttribute('aria-valuenow')),
    min: parseFloat(h.getAttribute('aria-valuemin')),
    max: parseFloat(h.getAttribute('aria-valuemax'))}));
}
"""

# Wait (at most `timeout` ms) until the viewers' pictures or which viewers are visible
# differ from `before`; return the state then.
CHANGED_JS = """
async ({before, timeout}) => {
  const visible = el => { const r = el.getBoundingClientRect();
                          return r.width > 0 && r.height > 0 && el.offsetParent !== null; };
  const state = () => Array.from(document.querySelectorAll('.nncore-frames')).map(el =>
      (visible(el) ? 'v' : 'h') + (el.querySelector('img.nncore-frame') || {}).src);
  const t0 = performance.now();
  let now = state();
  while (JSON.stringify(now) === JSON.stringify(before) && performance.now() - t0 < timeout) {
    await new Promise(r => setTimeout(r, 10));
    now = state();
  }
  return now;
}
"""

STATE_JS = """
() => {
  const visible = el => { const r = el.getBoundingClientRect();
                          return r.width > 0 && r.height > 0 && el.offsetParent !== null; };
  return Array.from(document.querySelectorAll('.nncore-frames')).map(el =>
      (visible(el) ? 'v' : 'h') + (el.querySelector('img.nncore-frame') || {}).src);
}
"""

# Before a key press: listeners for the keydown, the new src, its load, the next painted
# frame, the status line and the slider's readout.
ARM_JS = """
({viewer, handle}) => {
  const el = document.querySelectorAll('.nncore-frames')[viewer];
  const img = el.querySelector('img.nncore-frame');
  const cap = el.querySelector('figcaption.nncore-frames-status');
  const h = document.querySelectorAll('.noUi-handle')[handle];
  const slider = h.closest('.widget-slider, .jupyter-widgets');
  const readout = slider ? slider.querySelector('.widget-readout') : null;
  const b = window.__bench = {img, cap, old: img.src, oldReadout: readout ? readout.textContent : null,
                              key: null, src: null, load: null, paint: null, caption: null,
                              readout: null, loadedSrc: null, observers: []};
  window.addEventListener('keydown', () => { if (b.key === null) b.key = performance.now(); },
                          {capture: true, once: true});
  const onLoad = () => {
    if (img.src === b.old || b.load !== null) return;
    b.load = performance.now(); b.loadedSrc = img.src;
    requestAnimationFrame(() => requestAnimationFrame(() => { b.paint = performance.now(); }));
  };
  img.addEventListener('load', onLoad);
  b.observers.push({disconnect: () => img.removeEventListener('load', onLoad)});
  const srcObs = new MutationObserver(() => { if (b.src === null && img.src !== b.old) b.src = performance.now(); });
  srcObs.observe(img, {attributes: true, attributeFilter: ['src']});
  const capObs = new MutationObserver(() => { b.caption = performance.now(); });
  capObs.observe(cap, {childList: true, characterData: true, subtree: true});
  b.observers.push(srcObs, capObs);
  if (readout) {
    const roObs = new MutationObserver(() => {
      if (b.readout === null && readout.textContent !== b.oldReadout) b.readout = performance.now();
    });
    roObs.observe(readout, {childList: true, characterData: true, subtree: true});
    b.observers.push(roObs);
  }
}
"""

PLAIN_JS = """
function plainText(html) {
  const div = document.createElement('div');
  div.innerHTML = String(html).replace(/<br\\s*\\/?>/gi, '; ');
  return div.textContent.replace(/\\s+/g, ' ').trim();
}
"""

# After the key press: wait until the new picture has loaded and been painted, and the
# status line is the new frame's; return the times (ms, the page's clock).
WAIT_JS = """
async ({timeout, handle}) => {
  PLAIN
  const b = window.__bench;
  const statuses = window.__benchStatuses;
  const t0 = performance.now();
  let ok = false;
  while (performance.now() - t0 < timeout) {
    const img = b.img, src = img.src;
    const m = src.match(/\\/(\\d+)\\.png$/);
    const picture = src !== b.old && b.loadedSrc === src && img.complete && img.naturalWidth > 0
                    && b.paint !== null;
    const want = statuses && m ? statuses[parseInt(m[1])] : null;
    const caption = want == null || plainText(b.cap.innerHTML) === want;
    if (picture && caption) { ok = true; break; }
    await new Promise(r => setTimeout(r, 5));
  }
  b.observers.forEach(o => o.disconnect());
  const h = document.querySelectorAll('.noUi-handle')[handle];
  return {ok, key: b.key, src: b.src, load: b.load, paint: b.paint, caption: b.caption,
          readout: b.readout, old: b.old, new: b.img.src,
          now: parseFloat(h.getAttribute('aria-valuenow'))};
}
""".replace("PLAIN", PLAIN_JS)

SET_STATUSES_JS = """
(statuses) => {
  PLAIN
  window.__benchStatuses = statuses === null ? null : statuses.map(plainText);
}
""".replace("PLAIN", PLAIN_JS)


# --------------------------------------------------------------------------- page loads


def open_page(context, url, record=None):
    """Open ``url`` in a new page of ``context`` and wait until its widgets are drawn and
    the network is idle. With ``record`` (a dict), every request's URL and transferred
    bytes (DevTools' encodedDataLength) until then are added to it."""
    page = context.new_page()
    if record is not None:
        record.update(requests={}, failed=[], recording=True)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        urls = {}

        def sent(e):
            if record["recording"]:
                urls[e["requestId"]] = e["request"]["url"]

        def finished(e):
            url = urls.get(e["requestId"])
            if url is not None and record["recording"]:
                record["requests"][url] = record["requests"].get(url, 0) + e["encodedDataLength"]

        def failed(e):
            if e["requestId"] in urls and record["recording"]:
                record["failed"].append(urls[e["requestId"]])

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.loadingFinished", finished)
        cdp.on("Network.loadingFailed", failed)
    page.goto(url, wait_until="networkidle")
    if page.query_selector('script[type="application/vnd.jupyter.widget-state+json"]'):
        with contextlib.suppress(Exception):
            page.wait_for_selector(".widget-slider, .nncore-frames", state="visible",
                                   timeout=20000)
        with contextlib.suppress(Exception):
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('img.nncore-frame'))"
                ".every(i => i.complete)", timeout=20000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # anything late (fonts, MathJax) gets its chance
    page.wait_for_load_state("networkidle")
    if record is not None:
        record["recording"] = False
    return page


def first_load(browser, base, rel):
    """Bytes and requests of one page's first load, in a new context."""
    context = browser.new_context(viewport=VIEWPORT)
    record = {}
    try:
        page = open_page(context, base + rel, record)
        viewers = page.evaluate(VIEWERS_JS)
    finally:
        context.close()
    reqs = record["requests"]
    local = {u: n for u, n in reqs.items() if u.startswith(base)}
    frames = [u for u in local if "/_static/frames/" in u]
    return {
        "bytes": sum(local.values()),
        "external": [u for u in reqs if not u.startswith((base, "data:", "blob:"))],
        "requests": len(local),
        "frame_pngs": sum(u.endswith(".png") for u in frames),
        "frame_statuses": sum(u.endswith(".json") for u in frames),
        "frame_bytes": sum(local[u] for u in frames),
        "html_bytes": local.get(base + rel, 0),
        "failed": record["failed"],
        "viewers": len(viewers),
        "visible": sum(v["visible"] for v in viewers),
    }


# --------------------------------------------------------------------------- moves


def map_sliders(browser, base, rel):
    """Which visible sliders drive which visible FrameViewer: each is moved once and
    back, in a throwaway context; a slider that changes a viewer's frame within its
    frames folder drives it (one that switches to another folder is an outer axis, and
    is left alone). Returns ({viewer: [handle, ...]}, viewers)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = open_page(context, base + rel)
        viewers = page.evaluate(VIEWERS_JS)
        handles = page.evaluate(HANDLES_JS)
        drives = {v["i"]: [] for v in viewers if v["visible"]}
        for h in handles:
            if not h["visible"] or not h["max"] > h["min"]:
                continue
            forward, back = (("ArrowRight", "ArrowLeft") if h["now"] < h["max"]
                             else ("ArrowLeft", "ArrowRight"))
            before = page.evaluate(STATE_JS)
            page.query_selector_all(".noUi-handle")[h["i"]].focus()
            page.keyboard.press(forward)
            after = page.evaluate(CHANGED_JS, {"before": before, "timeout": 1500})
            page.keyboard.press(back)
            page.evaluate(CHANGED_JS, {"before": after, "timeout": 1500})
            # A slider of an outer axis (a learning rate, a start) switches the Stack's
            # child: another viewer, with another frames folder, takes the place.
            folder = lambda s: [x[0] + x.rsplit("/", 1)[0] for x in s]
            if len(after) != len(before) or folder(after) != folder(before):
                continue
            for k, (a, b) in enumerate(zip(before, after)):
                if a != b and k in drives:
                    drives[k].append(h["i"])
    finally:
        context.close()
    return drives, viewers


def snake(sliders, n):
    """``n`` moves (handle, key, new position) walking the grid of ``sliders`` (dicts with
    handle, min, max, now) so that each shows a grid point not shown before for as long
    as the grid has any (a reflected Gray code: the first slider fastest)."""
    pos = [round(s["now"]) for s in sliders]
    dirs = [1] * len(sliders)
    seen = {tuple(pos)}
    moves = []
    for _ in range(n):
        for k, s in enumerate(sliders):
            if s["min"] <= pos[k] + dirs[k] <= s["max"]:
                break
            dirs[k] = -dirs[k]
        else:
            k = 0
        pos[k] += dirs[k]
        new = tuple(pos) not in seen
        seen.add(tuple(pos))
        moves.append((sliders[k]["handle"], "ArrowRight" if dirs[k] > 0 else "ArrowLeft",
                      pos[k], new))
    return moves


def statuses_of(site, base, src):
    """The status lines of the frames folder of ``src`` (a frame's URL), from the site."""
    path = site / unquote(urlsplit(src).path).lstrip("/")
    with contextlib.suppress(OSError, ValueError):
        return json.loads((path.parent / "statuses.json").read_text(encoding="utf-8"))
    return None


def one_move(page, viewer, handle, key, timeout=5000):
    page.query_selector_all(".noUi-handle")[handle].focus()
    page.evaluate(ARM_JS, {"viewer": viewer, "handle": handle})
    page.keyboard.press(key)
    r = page.evaluate(WAIT_JS, {"timeout": timeout, "handle": handle})
    key_t = r["key"]
    ms = lambda t: None if (t is None or key_t is None) else t - key_t
    return {"ok": r["ok"] and key_t is not None, "picture": ms(r["load"]),
            "paint": ms(r["paint"]), "caption": ms(r["caption"]), "readout": ms(r["readout"]),
            "src": ms(r["src"]), "new": r["new"], "now": r["now"]}


def measure_page(browser, base, site, rel, moves, drives, viewers):
    """Cold and warm moves of every visible viewer of one page, in a new context."""
    context = browser.new_context(viewport=VIEWPORT)
    rows = []
    try:
        page = open_page(context, base + rel)
        handles = {h["i"]: h for h in page.evaluate(HANDLES_JS)}
        now = {v["i"]: v for v in page.evaluate(VIEWERS_JS)}
        for vi, hs in drives.items():
            label = now[vi]["label"] or "?"
            digest = unquote(urlsplit(now[vi]["src"]).path).split("/")[-2]
            if not hs:
                rows.append({"page": rel, "viewer": vi, "label": label, "digest": digest,
                             "grid": "no slider", "cold": [], "warm": []})
                continue
            sliders = [{"handle": h, "min": int(handles[h]["min"]), "max": int(handles[h]["max"]),
                        "now": handles[h]["now"]} for h in hs]
            page.evaluate(SET_STATUSES_JS, statuses_of(site, base, now[vi]["src"]))
            plan = snake(sliders, moves)
            shown = {now[vi]["src"]}
            cold, warm, problems = [], [], 0
            for handle, key, want, _ in plan:
                m = one_move(page, vi, handle, key)
                m["first"] = m["new"] not in shown
                shown.add(m["new"])
                problems += (not m["ok"]) or m["now"] != want
                cold.append(m)
            # the same frames again, in reverse: back to where the viewer started
            back = {"ArrowRight": "ArrowLeft", "ArrowLeft": "ArrowRight"}
            for handle, key, _, _ in reversed(plan):
                m = one_move(page, vi, handle, back[key])
                problems += not m["ok"]
                warm.append(m)
            grid = " x ".join(str(s["max"] - s["min"] + 1) for s in sliders)
            rows.append({"page": rel, "viewer": vi, "label": label, "digest": digest,
                         "grid": grid, "cold": cold, "warm": warm, "problems": problems})
    finally:
        context.close()
    return rows


# --------------------------------------------------------------------------- the site


def du(path, apparent):
    args = ["du", "-s", "--block-size=1"] + (["--apparent-size"] if apparent else [])
    return int(subprocess.run(args + [str(path)], capture_output=True, text=True,
                              check=True).stdout.split()[0])


def site_size(site):
    """du of the site and its frames; every frame opened with Pillow."""
    from PIL import Image

    frames = site / "_static" / "frames"
    pngs = sorted(frames.rglob("*.png"))
    sizes = np.array([p.stat().st_size for p in pngs], dtype=float)
    modes, colours, palettes = {}, [], []
    for p in pngs:
        with Image.open(p) as im:
            modes[im.mode] = modes.get(im.mode, 0) + 1
            im.load()
            used = im.getcolors(256)
            colours.append(len(used) if used is not None else 257)
            pal = im.getpalette() if im.mode == "P" else None
            palettes.append(len(pal) // 3 if pal else 0)
    biggest = sorted(((du(d, True), d.relative_to(site).as_posix()) for d in site.iterdir()
                      if d.is_dir()), reverse=True)
    files = sorted(((p.stat().st_size, p.relative_to(site).as_posix())
                    for p in site.rglob("*") if p.is_file()), reverse=True)[:3]
    return {
        "site_disk": du(site, False), "site_apparent": du(site, True),
        "frames_disk": du(frames, False), "frames_apparent": du(frames, True),
        "folders": len([d for d in frames.iterdir() if d.is_dir()]) if frames.exists() else 0,
        "n": len(pngs), "mean": sizes.mean() if len(pngs) else 0,
        "median": np.median(sizes) if len(pngs) else 0, "max": sizes.max() if len(pngs) else 0,
        "modes": modes, "max_colours": max(colours, default=0),
        "max_palette": max(palettes, default=0),
        "over": sum(c > MAX_COLOURS for c in colours),
        "folders_by_size": biggest[:4], "largest_files": files,
    }


# --------------------------------------------------------------------------- builds


def build(source, out, log_path):
    """``jupyter-book build`` of ``source`` as ``make book`` runs it, into ``out`` (a new
    folder: an empty execution cache), with ``PYTHONPATH=source``. Returns the wall time,
    the return code and each notebook's execution time from MyST-NB's log."""
    env = dict(os.environ, PYTHONPATH=str(source))
    env.pop("NNCORE_WIDGETS", None)
    cmd = [str(BIN / "jupyter-book"), "build", str(source), "--path-output", str(out),
           "--all", "-W", "-n", "--keep-going"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(log_path, "w") as log:
        rc = subprocess.run(cmd, check=False, stdout=log, stderr=subprocess.STDOUT, env=env,
                            cwd=source).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    text = Path(log_path).read_text(errors="replace")
    executed = re.findall(r"(\S+\.(?:ipynb|md)): Executed notebook in ([\d.]+) seconds", text)
    per_notebook = [(Path(p).relative_to(source).as_posix(), float(s)) for p, s in executed]
    return {"wall": wall, "cpu": cpu, "rc": rc, "notebooks": per_notebook, "log": str(log_path),
            "html": Path(out) / "_build" / "html"}


def prepare(source):
    vendor = ROOT / "assets" / "vendor"
    if not vendor.exists():
        raise SystemExit("assets/vendor is missing: run 'make book' once first")
    shutil.copytree(vendor, source / "assets" / "vendor", dirs_exist_ok=True)


@contextlib.contextmanager
def worktree(rev, keep_dir):
    """A git worktree of ``rev`` in a new temporary folder, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="book-before-", dir=keep_dir)) / "src"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet",
                    str(path), rev], check=True)
    try:
        prepare(path)
        yield path
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)],
                       check=False)


def fresh_clone(keep_dir):
    path = Path(tempfile.mkdtemp(prefix="fresh-book-", dir=keep_dir)) / "src"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(path)], check=True)
    prepare(path)
    return path


# --------------------------------------------------------------------------- printing


def pct(values, q):
    values = [v for v in values if v is not None]
    return float(np.percentile(values, q)) if values else float("nan")


def fmt_bytes(n):
    return f"{n / MB:.2f}"


def print_moves(rows):
    print("### 1. A move shows the new picture (ms from the key press; p95 budget "
          f"{MOVE_BUDGET_MS:g} ms)")
    print()
    print("cold: a new context, each move a frame not shown before (fetched from the server); "
          "warm: the same frames again. readout: the slider's own number (the baseline). "
          "paint: the second animation frame after the load. status: the caption holds the "
          "new frame's line.")
    print()
    print("| page | widget (frames folder) | sliders' grid | moves | readout median | "
          "cold median | cold p95 | cold paint p95 | cold status p95 | warm median | "
          "warm p95 | cold / readout | under 100 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    every = {"cold": [], "warm": [], "paint": [], "status": [], "readout": []}
    for r in rows:
        if not r["cold"]:
            print(f"| {r['page']} | {r['label']} ({r['digest'][:8]}) | {r['grid']} | 0 |"
                  " - | - | - | - | - | - | - | - | - |")
            continue
        cold = [m["picture"] for m in r["cold"] if m["first"]]
        again = [m["picture"] for m in r["cold"] if not m["first"]]
        warm = [m["picture"] for m in r["warm"]] + again
        ro = [m["readout"] for m in r["cold"] + r["warm"]]
        paint = [m["paint"] for m in r["cold"] if m["first"]]
        status = [m["caption"] for m in r["cold"] if m["first"]]
        every["cold"] += cold
        every["warm"] += warm
        every["paint"] += paint
        every["status"] += status
        every["readout"] += ro
        p95 = pct(cold, 95)
        ok = "yes" if p95 < MOVE_BUDGET_MS and pct(warm, 95) < MOVE_BUDGET_MS else "**no**"
        note = f" ({r['problems']} moves failed)" if r.get("problems") else ""
        print(f"| {r['page']} | {r['label']} ({r['digest'][:8]}) | {r['grid']} | "
              f"{len(cold)}+{len(warm)} | {pct(ro, 50):.1f} | {pct(cold, 50):.1f} | {p95:.1f} | "
              f"{pct(paint, 95):.1f} | {pct(status, 95):.1f} | {pct(warm, 50):.1f} | "
              f"{pct(warm, 95):.1f} | {pct(cold, 50) / pct(ro, 50):.1f}x | {ok}{note} |")
    print()
    print(f"All widgets: picture p95 cold {pct(every['cold'], 95):.1f} ms "
          f"(median {pct(every['cold'], 50):.1f}, max {pct(every['cold'], 100):.1f}, "
          f"{len(every['cold'])} moves), warm {pct(every['warm'], 95):.1f} ms "
          f"(median {pct(every['warm'], 50):.1f}, {len(every['warm'])} moves); "
          f"painted p95 {pct(every['paint'], 95):.1f} ms; status line p95 "
          f"{pct(every['status'], 95):.1f} ms; readout median {pct(every['readout'], 50):.1f} ms.")
    return every


def print_loads(new, old):
    print("### 2. Frames requested while a page loads (one per visible FrameViewer)")
    print()
    print("| page | FrameViewers (visible) | frame PNGs requested | statuses.json | "
          "frame KB | exactly one each |")
    print("|---|---|---|---|---|---|")
    for rel, r in new.items():
        ok = "yes" if r["frame_pngs"] == r["visible"] and not r["frame_statuses"] else "**no**"
        print(f"| {rel} | {r['viewers']} ({r['visible']}) | {r['frame_pngs']} | "
              f"{r['frame_statuses']} | {r['frame_bytes'] / 1e3:.0f} | {ok} |")
    print()
    print("### 3. First load of a page: bytes transferred, new context, until network idle "
          f"(MB = 10^6 bytes; budget: at most {GROWTH_BUDGET / MB:g} MB more)")
    print()
    print("| page | requests before | MB before | requests now | MB now | of which HTML | "
          "of which frames | difference MB | now / before | within budget |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for rel, r in new.items():
        o = old.get(rel)
        if o is None:
            before, diff, ratio, ok = "-", "-", "-", "-"
            nreq = "-"
        else:
            d = r["bytes"] - o["bytes"]
            before, diff, ratio = fmt_bytes(o["bytes"]), f"{d / MB:+.2f}", f"{r['bytes'] / o['bytes']:.2f}x"
            ok = "yes" if d <= GROWTH_BUDGET else "**no**"
            nreq = str(o["requests"])
        print(f"| {rel} | {nreq} | {before} | {r['requests']} | {fmt_bytes(r['bytes'])} | "
              f"{fmt_bytes(r['html_bytes'])} | {fmt_bytes(r['frame_bytes'])} | {diff} | "
              f"{ratio} | {ok} |")
    bad = {rel: r["failed"] + r["external"] for rel, r in list(new.items()) + [
        ("before:" + k, v) for k, v in old.items()] if r["failed"] or r["external"]}
    if bad:
        print()
        print(f"Requests that failed or left the site: {bad}")


def print_size(s, label):
    print(f"### 4. The site's size ({label}; budget {SITE_BUDGET / MB:g} MB)")
    print()
    print("| what | on disk (du) MB | apparent MB | under 300 MB |")
    print("|---|---|---|---|")
    ok = lambda n: "yes" if n < SITE_BUDGET else "**no**"
    print(f"| the site | {fmt_bytes(s['site_disk'])} | {fmt_bytes(s['site_apparent'])} | "
          f"{ok(s['site_disk'])} |")
    print(f"| _static/frames | {fmt_bytes(s['frames_disk'])} | {fmt_bytes(s['frames_apparent'])} | |")
    print()
    print(f"{s['n']} frames in {s['folders']} folders: mean {s['mean'] / 1e3:.1f} KB, median "
          f"{s['median'] / 1e3:.1f} KB, largest {s['max'] / 1e3:.1f} KB. Modes: {s['modes']}; "
          f"at most {s['max_colours']} colours used and {s['max_palette']} palette entries in "
          f"any frame; {s['over']} frames over {MAX_COLOURS} colours.")
    print("Largest folders (apparent MB): " + ", ".join(
        f"{name} {fmt_bytes(n)}" for n, name in s["folders_by_size"]) + "; largest files: "
          + ", ".join(f"{name} {fmt_bytes(n)}" for n, name in s["largest_files"]) + ".")


def print_build(b, label):
    ok = "yes" if b["wall"] < BUILD_BUDGET_S and b["rc"] == 0 else "**no**"
    total = sum(s for _, s in b["notebooks"])
    print(f"{label}: {b['wall']:.0f} s wall ({b['wall'] / 60:.1f} min; CPU time of all its "
          f"processes {b['cpu']:.0f} s), exit code {b['rc']}, "
          f"under {BUILD_BUDGET_S / 60:g} min: {ok}; notebooks executed in {total:.0f} s, "
          f"the rest (Sphinx: reading, writing, frames) {b['wall'] - total:.0f} s. Log: {b['log']}")
    if b["notebooks"]:
        print()
        print("| notebook | execution s |")
        print("|---|---|")
        for name, s in b["notebooks"]:
            print(f"| {name} | {s:.1f} |")


# --------------------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html",
                        help="the built site (default: _build/html)")
    parser.add_argument("--moves", type=int, default=40, help="moves per widget (default 40)")
    parser.add_argument("--pages", nargs="*", help="pages to measure (default: every page "
                        "with widgets)")
    parser.add_argument("--before-site", type=Path,
                        help="the site as it was before issue 15, for the first-load bytes")
    parser.add_argument("--build-before", metavar="REV",
                        help="build the site before issue 15 from REV (a git worktree; "
                        "about 4 minutes), for the first-load bytes and its build time")
    parser.add_argument("--time-build", action="store_true",
                        help="time 'jupyter-book build' of a fresh clone of HEAD (about "
                        "4 minutes) and measure that site's size too")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where clones and builds go (default: a temporary folder, "
                        "removed at the end)")
    parser.add_argument("--skip-moves", action="store_true", help="only budgets 2 to 5")
    args = parser.parse_args()

    site = args.site.resolve()
    if not (site / "index.html").exists():
        raise SystemExit(f"No site in {site}: run 'make book' first.")
    from PIL import __version__ as pil_version
    from playwright.sync_api import sync_playwright

    chromium = subprocess.run([CHROMIUM, "--version"], check=False, capture_output=True,
                              text=True).stdout.strip()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-website-"))
    work.mkdir(parents=True, exist_ok=True)
    builds = {}
    try:
        # The builds first: they are timed, and nothing else of this script runs meanwhile.
        if args.time_build:
            src = fresh_clone(work)
            print(f"# building a fresh clone of HEAD in {src} ...", file=sys.stderr)
            builds["fresh clone of HEAD"] = build(src, src.parent / "out",
                                                  src.parent / "build.log")
        before_site = args.before_site.resolve() if args.before_site else None
        if args.build_before:
            with worktree(args.build_before, work) as src:
                print(f"# building {args.build_before} in {src} ...", file=sys.stderr)
                b = build(src, src.parent / "out", src.parent / "build.log")
                builds[f"before issue 15 ({args.build_before})"] = b
            before_site = b["html"]

        print(f"# {datetime.date.today()} · {platform.python_implementation()} "
              f"{platform.python_version()} · {chromium} · Pillow {pil_version} · "
              f"load {os.getloadavg()[0]:.1f} · {args.moves} moves per widget · site {site}")
        print()
        pages = args.pages or pages_of(site)
        new, old, rows = {}, {}, []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                with serve(site) as base:
                    for rel in pages:
                        if not args.skip_moves:
                            drives, viewers = map_sliders(browser, base, rel)
                            rows += measure_page(browser, base, site, rel, args.moves,
                                                 drives, viewers)
                        new[rel] = first_load(browser, base, rel)
                if before_site is not None:
                    with serve(before_site) as base:
                        for rel in pages:
                            if (before_site / rel).exists():
                                old[rel] = first_load(browser, base, rel)
            finally:
                browser.close()
        if rows:
            print_moves(rows)
            print()
        print_loads(new, old)
        print()
        print_size(site_size(site), str(site))
        for label, b in builds.items():
            if label.startswith("fresh") and b["html"].exists():
                print()
                print_size(site_size(b["html"]), "the fresh clone's build")
        if builds:
            print()
            print("### 5. The book's build, from an empty execution cache (budget 5 min)")
            print()
            for label, b in builds.items():
                print_build(b, label)
                print()
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
