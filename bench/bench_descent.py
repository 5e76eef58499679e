"""Latency of one move of nncore.widgets.descent_explorer's controls (Chapter 3).

Run it from the repository root (it is not part of the tests):

    .venv/bin/python bench/bench_descent.py [--moves 50] [--warmup 5]

The explorer draws an 11 x 3.9 inch figure at 80 dpi (880 x 312 px): the loss contours
(a 120 x 120 grid) with the path, the 50 house prices with the line of step k, and the
loss per step on a log axis; a run has 50 steps. Each timed move of the step slider goes
to another step (a sweep back and forth), so every move really redraws. Times are per
move: median and interquartile range (IQR) over ``--moves`` moves, after ``--warmup``
moves that are not timed.

    (a) baseline: build a new figure and a new DescentDisplay (the same picture,
        contours included) for each move, show the step and save it as PNG with
        matplotlib's default settings;
    (b) the explorer: ``steps.value = k`` end to end, i.e. the callback,
        ``display.update(k)``, the redraw of the moving artists only (blitting),
        the PNG encoding (RGB, compress_level=1) and the status line; on the raw
        data (lr = 4e-5) and standardised (lr = 0.1);
    (c) the same update and blitted redraw, without the PNG;
    (d) update alone: moving the artists, no drawing;
    (e) PNG encoding alone (RGB, compress_level=1);
    (f) a move of the lr slider (released): a new run through nncore.optimisers, the
        new path in the display, a full redraw (same contours) and the PNG;
    (g) a move of the start slider w0: a new run and a new view, so the contours are
        computed and drawn again, a full redraw and the PNG.
"""

import argparse
import datetime
import io
import os
import platform
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from _timing import print_table, timed  # noqa: E402  (bench/ is the script's folder)

import matplotlib  # noqa: E402

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nncore import datasets, linreg, optimisers  # noqa: E402
from nncore.plotting import DESCENT_FIGSIZE, DescentDisplay  # noqa: E402
from nncore.widgets import DESCENT_DPI, descent_explorer  # noqa: E402
from nncore.widgets._render import canvas_png  # noqa: E402


def sweep(n, n_steps=50):
    """Steps 1..n_steps and back, never the same twice in a row."""
    cycle = list(range(1, n_steps + 1)) + list(range(n_steps - 1, 0, -1))
    return [cycle[i % len(cycle)] for i in range(n)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    n = args.moves + args.warmup
    steps = sweep(n)
    x, y = datasets.house_prices()
    sizes = {}
    path = optimisers.gradient_descent(lambda t: linreg.loss(t, x, y),
                                       lambda t: linreg.loss_grad(t, x, y), (0.0, 0.0), 4e-5, 50)

    # (a) a new figure per move, default PNG
    def baseline(k):
        fig = Figure(figsize=DESCENT_FIGSIZE, dpi=DESCENT_DPI)
        FigureCanvasAgg(fig)
        DescentDisplay(x=x, y=y, path=path, names=("area", "price"),
                       units=("m\u00b2", "thousand")).plot(fig=fig, caption=False).update(k)
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        sizes["a"] = len(buf.getvalue())

    raw = descent_explorer()
    scaled = descent_explorer(scaled=True, lr=0.1)

    def move(ex, key):
        def step(k):
            ex.controls["steps"].value = k
            sizes[key] = len(ex.image.value)
        return step

    def draw_only(k):
        raw.display.update(k)
        raw._renderer.fast(encode=False)

    def show_only(k):
        raw.display.update(k)

    def encode(k):
        sizes["e"] = len(canvas_png(raw.figure.canvas, "RGB"))

    lr_ex = descent_explorer()
    lrs = 10.0 ** np.array([-5.0 + 0.05 * (i % 10) for i in range(n)])
    lrs[1::2] = 10.0 ** -4.45  # alternate, so that every move changes lr

    def lr_move(i):
        lr_ex.controls["lr"].value = float(lrs[i])
        sizes["f"] = len(lr_ex.image.value)

    w0_ex = descent_explorer()

    def w0_move(i):
        w0_ex.controls["w0"].value = 1.0 if i % 2 else -1.0
        sizes["g"] = len(w0_ex.image.value)

    index = list(range(n))
    rows = [
        ("(a) new figure per move + PNG (default)", baseline, steps, "a"),
        ("(b) explorer: step move, raw x (lr 4e-5)", move(raw, "b1"), steps, "b1"),
        ("(b) explorer: step move, standardised x (lr 0.1)", move(scaled, "b2"), steps, "b2"),
        ("(c) update + blitted redraw, no PNG", draw_only, steps, None),
        ("(d) update alone (no drawing)", show_only, steps, None),
        ("(e) PNG encoding only, RGB, compress_level=1", encode, steps, "e"),
        ("(f) lr move: new run + full redraw + PNG", lr_move, index, "f"),
        ("(g) w0 move: new run, new contours + PNG", w0_move, index, "g"),
    ]
    results = [(label, timed(step, values, args.warmup), key)
               for label, step, values, key in rows]

    print(f"nncore descent explorer bench, {datetime.date.today().isoformat()}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()}, "
          f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, "
          f"numpy {np.__version__}, load average {os.getloadavg()[0]:.2f}")
    print(f"figure {DESCENT_FIGSIZE[0]:g} x {DESCENT_FIGSIZE[1]:g} in at {DESCENT_DPI} dpi "
          f"({round(DESCENT_FIGSIZE[0] * DESCENT_DPI)} x {round(DESCENT_FIGSIZE[1] * DESCENT_DPI)}"
          f" px), {len(x)} points, 50 steps; {args.moves} moves after {args.warmup} warm-up")
    print()
    print_table(results, sizes)


if __name__ == "__main__":
    main()
