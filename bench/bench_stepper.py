"""Latency of one move of nncore.widgets.perceptron_stepper's controls.

Run it from the repository root (it is not part of the tests):

    .venv/bin/python bench/bench_stepper.py [--moves 50] [--warmup 5]

The stepper draws a 5 x 6.5 inch figure at 90 dpi (450 x 585 px) with a 150 x 150
half-space image over 100 points (the display with its short caption: the status line
beside the picture says the rest). Each timed move of the step slider goes to another
update of the history (a sweep over the whole run), so every move really redraws.
Times are per move: median and interquartile range (IQR) over ``--moves`` moves,
after ``--warmup`` moves that are not timed.

    (a) baseline: build a new figure and a new PerceptronStepDisplay (the same
        picture) for each move, show the step and save it as PNG with matplotlib's
        default settings;
    (b) the stepper: ``step.value = k`` end to end, i.e. the callback,
        ``display.update(k)``, the redraw of the moving artists only (blitting),
        the PNG encoding (RGB, compress_level=1) and the status line; on blobs (2
        updates: the moves alternate between steps 0, 1 and 2), iris (5) and xor
        (4184 updates in 50 epochs, never converging);
    (c) the same update and blitted redraw, without the PNG;
    (d) update alone: moving the artists, no drawing;
    (e) PNG encoding alone (RGB, compress_level=1, as the stepper does);
    (f) a move of the lr slider: a new fit, new data in the display, a full redraw
        and the PNG, on each data set;
    (g) for comparison: (b)'s update, blitted redraw and PNG, but with the
        display's full five-line caption (update, epoch, sample, rule, mistakes, w, b,
        points on the wrong side) drawn in the figure, as in the animation.
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

from nncore.plotting import (  # noqa: E402
    STEP_FIGSIZE,
    PerceptronStepDisplay,
)
from nncore.widgets import (  # noqa: E402
    DPI,
    STEPPER_DATASETS,
    STEPPER_FIGSIZE,
    perceptron_stepper,
)
from nncore.plotting._base import display_axes  # noqa: E402
from nncore.plotting._style import STEP_MARGINS, STEP_MARGINS_SHORT  # noqa: E402
from nncore.widgets._render import BlitRenderer, canvas_png  # noqa: E402

RESOLUTION = 150  # the stepper's default half-space image
NAMES = {"blobs": "blobs", "iris": "iris (setosa vs versicolor)", "xor": "xor"}


def step_values(n_updates, n):
    """n steps sweeping 0..n_updates and back, never the same twice in a row."""
    if n_updates == 0:
        return np.zeros(n, dtype=int)
    t = np.linspace(0.0, 4.0 * np.pi, n)
    k = np.round(0.5 * n_updates * (1 - np.cos(t))).astype(int)
    for i in range(1, n):  # a repeated value would draw nothing new
        if k[i] == k[i - 1]:
            k[i] = (k[i] + 1) % (n_updates + 1)
    return k


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    n_moves = args.moves + args.warmup
    sizes, rows = {}, []

    data = {short: STEPPER_DATASETS[name]() for short, name in NAMES.items()}
    steppers = {short: perceptron_stepper(dataset=name) for short, name in NAMES.items()}
    xor = steppers["xor"]
    X, y = data["xor"]
    history = xor.model.history_
    ks = step_values(xor.model.n_updates_, n_moves)

    # (a) a new figure per move, default PNG (on xor)
    def baseline(k):
        fig = Figure(figsize=STEPPER_FIGSIZE, dpi=DPI)
        FigureCanvasAgg(fig)
        PerceptronStepDisplay(X=X, y=y, history=history).plot(
            ax=display_axes(fig, **STEP_MARGINS_SHORT), resolution=RESOLUTION,
            caption="short").update(int(k))
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        sizes["a"] = len(buf.getvalue())

    rows.append(("(a) new figure per move + PNG (default), xor", baseline, ks, "a"))

    # (b) the stepper, as a reader's slider move, on each data set
    for short, st in steppers.items():
        def move(k, st=st, short=short):
            st.controls["step"].value = int(k)
            sizes["b" + short] = len(st.image.value)

        label = f"(b) stepper: step move, {short} ({st.model.n_updates_} updates)"
        rows.append((label, move, step_values(st.model.n_updates_, n_moves), "b" + short))

    # (c) update and the blitted redraw, no PNG; (d) update alone; (e) PNG alone
    def draw_only(k):
        xor.display.update(int(k))
        xor._renderer.fast(encode=False)

    def show_only(k):
        xor.display.update(int(k))

    def encode_only(k):
        sizes["e"] = len(canvas_png(xor.figure.canvas, "RGB"))

    rows += [("(c) update + blitted redraw, no PNG, xor", draw_only, ks, None),
             ("(d) update alone (no drawing), xor", show_only, ks, None),
             ("(e) PNG encoding only, RGB, compress_level=1", encode_only, ks, "e")]

    # (f) the lr slider: refit and full redraw
    lrs = np.round(10.0 ** np.where(np.arange(n_moves) % 2 == 0, 0.0, 0.5), 6)
    for short, st in steppers.items():
        def lr_move(lr, st=st, short=short):
            st.controls["lr"].value = float(lr)
            sizes["f" + short] = len(st.image.value)

        rows.append((f"(f) lr move: refit + full redraw, {short}", lr_move, lrs,
                     "f" + short))

    # (g) the full caption in the figure
    fig = Figure(figsize=STEP_FIGSIZE, dpi=DPI)
    FigureCanvasAgg(fig)
    full = PerceptronStepDisplay(X=X, y=y, history=history).plot(
        ax=display_axes(fig, **STEP_MARGINS), resolution=RESOLUTION)
    renderer = BlitRenderer(fig, full.ax_, full.dynamic_artists(), mode="RGB")
    renderer.full()

    def full_caption(k):
        full.update(int(k))
        sizes["g"] = len(renderer.fast())

    rows.append(("(g) as (b) with the full caption in the figure, xor", full_caption, ks, "g"))

    results = [(label, timed(step, values, args.warmup), key)
               for label, step, values, key in rows]

    print(f"nncore stepper bench, {datetime.date.today().isoformat()}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()}, "
          f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, "
          f"numpy {np.__version__}; load average {os.getloadavg()[0]:.2f}")
    print(f"figure {STEPPER_FIGSIZE[0]:g} x {STEPPER_FIGSIZE[1]:g} in at {DPI} dpi "
          f"({round(STEPPER_FIGSIZE[0] * DPI)} x {round(STEPPER_FIGSIZE[1] * DPI)} px), "
          f"100 points, {RESOLUTION}x{RESOLUTION} region image; "
          f"{args.moves} moves after {args.warmup} warm-up")
    print()
    print_table(results, sizes)


if __name__ == "__main__":
    main()
