"""Latency of one move of Chapter 6's widgets: nncore.widgets.softmax_explorer and
nncore.widgets.digit_inspector.

Run it from the repository root (it is not part of the tests):

    .venv/bin/python bench/bench_softmax_widgets.py [--moves 50] [--warmup 5]

Softmax explorer: 4 logits, an 8.2 x 3.64 inch figure at 85 dpi (697 x 309 px) of two
bar panels (p = softmax(z/T) with its values and the one-hot target; p - e_y). Each
timed move sets logit z0 to another value (a sweep over [-6, 6]).

    (a) baseline: a new figure and SoftmaxDisplay per move (the same picture), saved
        as PNG with matplotlib's default settings;
    (b) the explorer: ``z0.value = v`` end to end: the echo check, p, L and the
        gradient (nncore.activations / nncore.losses), the central-difference check of
        the status line, the bars moved, only the moving artists redrawn over a saved
        picture (blitting), the PNG (RGB, compress_level=1), the status line;
    (c) display.update (the maths and the artists) and the blitted redraw, no PNG;
    (d) display.update alone;
    (e) PNG encoding alone.

Digit inspector: an MLP 64-32-10 (ReLU) trained for 30 epochs on 75 % of the 1,797
digits (nncore.datasets.digits, divided by 16); the slider runs over the 450 test
images; a 9 x 3.14 inch figure at 85 dpi (765 x 267 px): the 8 x 8 pixels, the 10
bars of p, the 8 x 8 gradient with ink rings and a colour bar. Each timed move goes to
the next image.

    (a) baseline: a new figure and DigitDisplay.from_model per move, default PNG;
    (b) the inspector: ``index.value = i`` end to end: forward, cross-entropy and its
        gradient, backward (dX_), the artists moved, blitted redraw, PNG, status line;
    (c) the same without the PNG; (d) forward + loss + backward of one image alone;
    (e) PNG encoding alone;
    (f) a click on "next misclassified": predict all 450 images, move the slider.
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

from nncore import datasets, mlp  # noqa: E402
from nncore.plotting import (  # noqa: E402
    DIGIT_FIGSIZE,
    SOFTMAX_FIGSIZE,
    DigitDisplay,
    SoftmaxDisplay,
)
from nncore.widgets import (  # noqa: E402
    DIGIT_DPI,
    SOFTMAX_DPI,
    digit_inspector,
    softmax_explorer,
)
from nncore.mlp import input_gradient  # noqa: E402
from nncore.plotting._softmax import CAPTION_H  # noqa: E402
from nncore.widgets._render import canvas_png  # noqa: E402

LOGITS = (2.0, 1.0, 0.1, -1.0)


def logit_values(n):
    """Distinct values of z0 sweeping over [-6, 6] on the slider's 0.1 grid."""
    t = np.linspace(0.0, 4.0 * np.pi, n)
    v = np.round(6.0 * np.sin(t), 1)
    for i in range(1, n):  # never the same value twice in a row
        if v[i] == v[i - 1]:
            v[i] = round(v[i] + 0.1, 1)
    return v


def new_figure(size, dpi):
    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def default_png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return len(buf.getvalue())


def bench_softmax(args):
    values = logit_values(args.moves + args.warmup)
    size = (SOFTMAX_FIGSIZE[0], SOFTMAX_FIGSIZE[1] - CAPTION_H)
    sizes = {}

    def baseline(v):
        fig = new_figure(size, SOFTMAX_DPI)
        SoftmaxDisplay(logits=(v,) + LOGITS[1:], true_class=1).plot(fig=fig, caption=False)
        sizes["a"] = default_png(fig)

    ex = softmax_explorer(LOGITS, true_class=1)

    def explorer_move(v):
        ex.controls["z0"].value = float(v)
        sizes["b"] = len(ex.image.value)

    def draw_only(v):
        ex.display.update((v,) + LOGITS[1:])
        ex._renderer.fast(encode=False)

    def update_only(v):
        ex.display.update((v,) + LOGITS[1:])

    def encode(v):
        sizes["e"] = len(canvas_png(ex.figure.canvas, "RGB"))

    rows = [
        ("(a) new figure per move + PNG (default)", baseline, "a"),
        ("(b) explorer: logit slider move, in place + PNG", explorer_move, "b"),
        ("(c) update + blitted redraw, no PNG", draw_only, None),
        ("(d) display.update alone (maths + artists)", update_only, None),
        ("(e) PNG encoding only, RGB, compress_level=1", encode, "e"),
    ]
    results = [(label, timed(step, values, args.warmup), key) for label, step, key in rows]
    print(f"softmax explorer: {size[0]} x {size[1]:.2f} in at {SOFTMAX_DPI} dpi "
          f"({round(size[0] * SOFTMAX_DPI)} x {round(size[1] * SOFTMAX_DPI)} px), "
          f"{len(LOGITS)} logits; {args.moves} moves after {args.warmup} warm-up")
    print()
    print_table(results, sizes)


def bench_digits(args):
    X, y = datasets.digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X / 16.0, y, seed=0)
    model = mlp.MLP([64, 32, 10], activation="relu", seed=0)
    mlp.fit(model, X_train, y_train, epochs=30)
    accuracy = float(np.mean(model.predict(X_test) == y_test))
    n = len(X_test)
    indices = [(7 * i + 1) % n for i in range(args.moves + args.warmup)]
    size = (DIGIT_FIGSIZE[0], DIGIT_FIGSIZE[1] - CAPTION_H)
    sizes = {}

    def baseline(i):
        fig = new_figure(size, DIGIT_DPI)
        DigitDisplay.from_model(model, X_test, y_test, i).plot(fig=fig, caption=False)
        sizes["a"] = default_png(fig)

    ins = digit_inspector(model, X_test, y_test)

    def inspector_move(i):
        ins.controls["index"].value = int(i)
        sizes["b"] = len(ins.image.value)

    def draw_only(i):
        p, loss, g = input_gradient(model, X_test[i], int(y_test[i]))
        ins.display.update(image=X_test[i], proba=p, input_grad=g, label=int(y_test[i]),
                           loss=loss, index=int(i))
        ins._renderer.fast(encode=False)

    def gradient_only(i):
        input_gradient(model, X_test[i], int(y_test[i]))

    def encode(i):
        sizes["e"] = len(canvas_png(ins.figure.canvas, "RGB"))

    def next_wrong(i):
        ins.next_misclassified()

    rows = [
        ("(a) new figure per move + PNG (default)", baseline, "a"),
        ("(b) inspector: image slider move, in place + PNG", inspector_move, "b"),
        ("(c) forward/backward + blitted redraw, no PNG", draw_only, None),
        ("(d) forward + loss + backward of one image alone", gradient_only, None),
        ("(e) PNG encoding only, RGB, compress_level=1", encode, "e"),
        ("(f) 'next misclassified': predict 450 + move", next_wrong, None),
    ]
    results = [(label, timed(step, indices, args.warmup), key) for label, step, key in rows]
    print(f"digit inspector: {size[0]} x {size[1]:.2f} in at {DIGIT_DPI} dpi "
          f"({round(size[0] * DIGIT_DPI)} x {round(size[1] * DIGIT_DPI)} px), MLP 64-32-10 "
          f"(test accuracy {100 * accuracy:.1f} %), {n} test images; {args.moves} moves "
          f"after {args.warmup} warm-up")
    print()
    print_table(results, sizes)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"nncore chapter 6 widget bench, {datetime.date.today().isoformat()}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()}, "
          f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, "
          f"numpy {np.__version__}; load average {os.getloadavg()[0]:.2f}")
    print()
    bench_softmax(args)
    print()
    bench_digits(args)


if __name__ == "__main__":
    main()
