"""Latency of one move of Chapter 5's widgets: the ReLU superposition explorer and the
MLP training viewer (nncore.widgets), and the size and time of the training animation.

Run it from the repository root (it is not part of the tests):

    .venv/bin/python bench/bench_mlp_widgets.py [--moves 50] [--warmup 5]

Times are per move: median and interquartile range (IQR) over ``--moves`` moves, after
``--warmup`` moves that are not timed.

The ReLU superposition explorer (3 units, target sin(x), 241 points; a 5 x 4.6 inch
figure at 90 dpi, 450 x 414 px):

    (a) baseline: a new figure and ReluPiecesDisplay (the same picture) per move,
        saved as PNG with matplotlib's default settings;
    (b) the explorer: ``w1.value = ...`` end to end, i.e. the callback, the new
        parameter written into the MLP, ``model.contributions``, the pieces and the sum
        moved, the moving lines redrawn (blitting), the PNG (RGB, compress_level=1) and
        the status line;
    (c) the same without the PNG; (d) PNG encoding alone.

The MLP training viewer (2-4-1 tanh on XOR, 100 points, batches of 32; a 9 x 4.6 inch
figure at 80 dpi, 720 x 368 px, regions on a 100 x 100 grid):

    (e) baseline: a new figure and MLPTrainingDisplay (the same picture) per frame,
        saved as PNG with matplotlib's default settings;
    (f) one training frame: ``epoch.value += 1`` end to end, i.e. one epoch of
        training (4 mini-batch steps and the loss on the whole training set), the
        regions (a forward pass over the grid and the boundary's contour), the hidden
        lines and the loss curve moved, the blitted redraw, the PNG and the status;
    (g) moving the epoch slider back and forth over epochs already trained (no
        training: the kept parameters are loaded);
    (h) (g) without the PNG; (i) PNG encoding alone;
    (j) a released move of the lr slider at epoch 50: a new run trained to epoch 50
        and a full redraw.

Then the animation of 150 epochs of the same run (``animate_mlp_training``, 30 frames):
the time of ``to_jshtml`` and the size of its HTML.
"""

import argparse
import datetime
import io
import os
import platform
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from _timing import print_table, timed  # noqa: E402  (bench/ is the script's folder)

import matplotlib  # noqa: E402

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nncore.mlp import MLP, Trainer  # noqa: E402
from nncore.plotting import (  # noqa: E402
    MLP_TRAINING_FIGSIZE,
    MLPTrainingDisplay,
    ReluPiecesDisplay,
    animate_mlp_training,
)
from nncore.widgets import (  # noqa: E402
    DPI,
    RELU_FIGSIZE,
    VIEWER_DATASETS,
    VIEWER_DPI,
    mlp_training_viewer,
    relu_superposition_explorer,
)
from nncore.widgets._render import canvas_png  # noqa: E402


def sweep(low, high, n):
    """n values sweeping low..high and back, never the same twice in a row."""
    t = np.linspace(0.0, 4.0 * np.pi, n)
    return np.round(low + 0.5 * (high - low) * (1 - np.cos(t)) + 1e-3 * (np.arange(n) % 2), 2)


def default_png(fig, dpi):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return len(buf.getvalue())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    n_moves = args.moves + args.warmup
    sizes, rows = {}, []

    # -- the ReLU superposition explorer ---------------------------------------------
    ex = relu_superposition_explorer()
    ws = sweep(-2.0, 2.0, n_moves)

    def relu_baseline(w):
        model = ex.model.copy()
        model.params[0][0][0, 0] = w
        fig = Figure(figsize=RELU_FIGSIZE, dpi=DPI)
        FigureCanvasAgg(fig)
        ReluPiecesDisplay.from_model(ex.x, model, target=ex.target).plot(
            ax=fig.add_axes((0.13, 0.3, 0.83, 0.66)), title=False)
        sizes["a"] = default_png(fig, DPI)

    def relu_move(w):
        ex.controls["w1"].value = float(w)
        sizes["b"] = len(ex.image.value)

    def relu_draw_only(w):
        ex.model.params[0][0][0, 0] = w
        ex.display.update_model(ex.model)
        ex._renderer.fast(encode=False)

    def relu_encode_only(w):
        sizes["d"] = len(canvas_png(ex.figure.canvas, "RGB"))

    rows += [("(a) ReLU pieces: new figure per move + PNG (default)", relu_baseline, ws, "a"),
             ("(b) ReLU explorer: slider move, in place + PNG", relu_move, ws, "b"),
             ("(c) ReLU explorer: update + blitted redraw, no PNG", relu_draw_only, ws, None),
             ("(d) ReLU explorer: PNG encoding only", relu_encode_only, ws, "d")]

    # -- the training viewer ----------------------------------------------------------
    X, y = VIEWER_DATASETS["xor"]()
    viewer = mlp_training_viewer()
    baseline_trainer = Trainer(MLP([2, 4, 1], "tanh", seed=0), X, y, lr=0.3,
                               eval_train="full")

    def train_baseline(e):
        baseline_trainer.run_epoch()
        fig = Figure(figsize=MLP_TRAINING_FIGSIZE, dpi=VIEWER_DPI)
        FigureCanvasAgg(fig)
        MLPTrainingDisplay.from_trainer(baseline_trainer, max_epochs=300).plot(
            fig=fig, caption=False)
        sizes["e"] = default_png(fig, VIEWER_DPI)

    def train_frame(e):
        viewer.controls["epoch"].value = int(e)
        sizes["f"] = len(viewer.image.value)

    epochs = np.arange(1, n_moves + 1)
    rows += [("(e) training: new figure per frame + PNG (default)", train_baseline, epochs,
              "e"),
             ("(f) training viewer: one epoch more, in place + PNG", train_frame, epochs, "f")]

    scrub = np.round(sweep(1, n_moves, n_moves)).astype(int)

    def scrub_move(e):
        viewer.controls["epoch"].value = int(e)
        sizes["g"] = len(viewer.image.value)

    def scrub_draw_only(e):
        viewer._view.set_flat(viewer._snapshots[int(e)])
        viewer.display.update(viewer._view, history=viewer.history, epoch=int(e))
        viewer._renderer.fast(encode=False)

    def viewer_encode_only(e):
        sizes["i"] = len(canvas_png(viewer.figure.canvas, "RGB"))

    rows += [("(g) training viewer: epoch move over trained epochs + PNG", scrub_move, scrub,
              "g"),
             ("(h) training viewer: (g) without the PNG", scrub_draw_only, scrub, None),
             ("(i) training viewer: PNG encoding only", viewer_encode_only, scrub, "i")]

    lr_viewer = mlp_training_viewer()
    lr_viewer.controls["epoch"].value = 50
    lrs = np.where(np.arange(n_moves) % 2 == 0, 0.1, 1.0)

    def lr_move(lr):
        lr_viewer.controls["lr"].value = float(lr)
        sizes["j"] = len(lr_viewer.image.value)

    rows.append(("(j) training viewer: lr move, new run to epoch 50 + full redraw", lr_move,
                 lrs, "j"))

    # run in this order: (f) needs the viewer at epoch 0, (g) needs it trained
    results = []
    for label, step, values, key in rows:
        results.append((label, timed(step, values, args.warmup), key))

    # -- the animation -------------------------------------------------------------------
    trainer = Trainer(MLP([2, 4, 1], "tanh", seed=0), X, y, lr=0.3)
    start = time.perf_counter()
    anim = animate_mlp_training(trainer, epochs=150)
    built = time.perf_counter() - start
    html = anim.to_jshtml()
    total = time.perf_counter() - start

    print(f"nncore Chapter 5 widgets bench, {datetime.date.today().isoformat()}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()}, "
          f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, "
          f"numpy {np.__version__}; load average {os.getloadavg()[0]:.2f}")
    print(f"ReLU explorer {RELU_FIGSIZE[0]:g} x {RELU_FIGSIZE[1]:g} in at {DPI} dpi; "
          f"training viewer {MLP_TRAINING_FIGSIZE[0]:g} x {MLP_TRAINING_FIGSIZE[1]:g} in at "
          f"{VIEWER_DPI} dpi; {args.moves} moves after {args.warmup} warm-up")
    print()
    print_table(results[:4], sizes)
    print()
    print_table(results[4:], sizes)
    print()
    print(f"animate_mlp_training(150 epochs, {len(anim.epochs)} frames): built in "
          f"{built:.2f} s, to_jshtml {total - built:.2f} s, HTML {len(html) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
