"""Latency of one slider move of nncore.widgets.hyperplane_explorer.

Run it from the repository root (it is not part of the tests):

    .venv/bin/python bench/bench_widget.py [--moves 50] [--warmup 5]

Every variant draws the same picture: the explorer's default data (blobs, 100
points), a 150 x 150 half-space image, a 5 x 6 inch figure at 90 dpi (450 x 540 px).
Each move changes w1, so every timed move really redraws. Times are per move:
median and interquartile range (IQR) over ``--moves`` moves, after ``--warmup``
moves that are not timed.

    (a) baseline: build a new figure and its display for each move, save it as PNG
        with matplotlib's default PNG settings (what a first version would do);
    (b) the explorer: ``slider.value = ...`` end to end, i.e. the callback, the
        in-place update of the artists, the redraw of the moving artists only, the
        PNG encoding (compress_level=1) and the status line;
    (c) the same in-place update and redraw, without PNG encoding;
    (d) for comparison: in-place update but a full redraw of the whole figure
        (no blitting), PNG with compress_level=1;
    (e) PNG encoding alone, compress_level=1 and the default (6).
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
from PIL import Image  # noqa: E402

from nncore.datasets import DATASETS  # noqa: E402
from nncore.plotting import DISPLAY_FIGSIZE, HyperplaneDisplay  # noqa: E402
from nncore.plotting._base import display_axes  # noqa: E402
from nncore.widgets import DPI, hyperplane_explorer  # noqa: E402

RESOLUTION = 150  # the explorer's default half-space image


def w1_values(n):
    """Distinct w1 values sweeping back and forth over [-2.5, 2.5]."""
    t = np.linspace(0.0, 4.0 * np.pi, n)
    return np.round(2.5 * np.sin(t) + 0.013 * np.arange(n), 4)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    values = w1_values(args.moves + args.warmup)
    X, y = DATASETS["blobs"]()
    b, w2 = 0.0, 1.0
    sizes = {}

    # (a) a new figure per move, default PNG
    def baseline(v):
        fig = Figure(figsize=DISPLAY_FIGSIZE, dpi=DPI)
        FigureCanvasAgg(fig)
        HyperplaneDisplay(w=(v, w2), b=b, X=X, y=y).plot(ax=display_axes(fig),
                                                          resolution=RESOLUTION)
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        sizes["a"] = len(buf.getvalue())

    # (b) the explorer, as a reader's slider move
    ex = hyperplane_explorer()
    ex.controls["w2"].value, ex.controls["b"].value = w2, b

    def explorer_move(v):
        ex.controls["w1"].value = float(v)
        sizes["b"] = len(ex.image.value)

    # (c) in-place update and blitted redraw, no PNG
    def draw_only(v):
        ex.display.update((v, w2), b)
        ex._renderer.fast(encode=False)

    # (d) in-place update, full redraw, fast PNG (a display of its own: the explorer's
    # moving artists are "animated", which a plain canvas.draw() leaves out)
    fig = Figure(figsize=DISPLAY_FIGSIZE, dpi=DPI)
    canvas = FigureCanvasAgg(fig)
    disp = HyperplaneDisplay(w=(1.0, w2), b=b, X=X, y=y).plot(ax=display_axes(fig),
                                                             resolution=RESOLUTION)

    def full_redraw(v):
        disp.update((v, w2), b)
        canvas.draw()
        sizes["d"] = len(_encode(canvas, compress_level=1))

    # (e) encoding only, of that full picture
    def encode_fast(v):
        sizes["e1"] = len(_encode(canvas, compress_level=1))

    def encode_default(v):
        sizes["e6"] = len(_encode(canvas, compress_level=6))

    rows = [
        ("(a) new figure per move + PNG (default)", baseline, "a"),
        ("(b) explorer: slider move, in place + PNG", explorer_move, "b"),
        ("(c) in place, moving artists drawn, no PNG", draw_only, None),
        ("(d) in place, full redraw + PNG (level 1)", full_redraw, "d"),
        ("(e1) PNG encoding only, compress_level=1", encode_fast, "e1"),
        ("(e6) PNG encoding only, compress_level=6", encode_default, "e6"),
    ]
    results = [(label, timed(step, values, args.warmup), key) for label, step, key in rows]

    print(f"nncore widget bench, {datetime.date.today().isoformat()}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()}, "
          f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, "
          f"numpy {np.__version__}")
    print(f"figure {DISPLAY_FIGSIZE[0]} x {DISPLAY_FIGSIZE[1]} in at {DPI} dpi "
          f"({round(DISPLAY_FIGSIZE[0] * DPI)} x {round(DISPLAY_FIGSIZE[1] * DPI)} px), "
          f"{len(X)} points, {RESOLUTION}x{RESOLUTION} region image; "
          f"{args.moves} moves after {args.warmup} warm-up")
    print()
    print_table(results, sizes)


def _encode(canvas, compress_level):
    width, height = canvas.get_width_height(physical=True)
    img = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    img.save(buf, format="png", compress_level=compress_level)
    return buf.getvalue()


if __name__ == "__main__":
    main()
