"""Latency of one slider move in every widget of the book, measured the same way.

Run it from the repository root (it is not part of the tests):

    .venv/bin/python bench/bench_all_widgets.py [--moves 40] [--warmup 5]

For each widget, built as its chapter builds it, one control is moved as a reader moves
it: a slider to its next value on its own grid (or the step/epoch slider that Play
drives, one step forward per move). A move is timed from ``control.value = v`` until the
widget's ``Image`` holds the new PNG: the maths, the artists moved, the redraw and the
PNG encoding, everything the kernel does before the browser receives the picture. The
script checks that every timed move changed the PNG, so nothing is timed that drew
nothing.

The target (issue 14) is a median under 16.7 ms for every widget, the frame budget of
60 frames a second (issue 9 asked for 30 ms). Per-widget benches (bench_widget.py,
bench_stepper.py, ...) compare each with a new-figure-per-move baseline and split the
cost into its parts; this one is the book-wide table in bench/README.md.
"""

import argparse
import datetime
import os
import platform
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from _timing import timed  # noqa: E402  (bench/ is the script's folder)

import matplotlib  # noqa: E402

matplotlib.use("Agg")

from nncore import datasets, mlp, widgets  # noqa: E402

TARGET_MS = 16.7


def sweep(control, n, low=None, high=None):
    """``n`` values on the control's own grid, going up and down between ``low`` and
    ``high`` (default: its range), never the same value twice in a row."""
    low = control.min if low is None else low
    high = control.max if high is None else high
    step = control.step
    grid = np.arange(low, high + step / 2, step)
    if len(grid) < 2:
        raise ValueError(f"{control.description!r}: fewer than two values to move between")
    bounce = np.concatenate([grid, grid[-2:0:-1]])
    start = int(np.argmin(np.abs(grid - control.value))) + 1
    return [float(bounce[(start + i) % len(bounce)]) for i in range(n)]


def forward(control, n):
    """The next ``n`` values of a step/epoch slider, one step each (what Play does)."""
    first = control.value + control.step
    values = [first + i * control.step for i in range(n)]
    if values[-1] > control.max:
        raise ValueError(f"{control.description!r}: {n} steps pass its end {control.max}")
    return values


def log_sweep(control, n):
    """``n`` exponents of a FloatLogSlider on its grid, given as values."""
    exps = np.arange(control.min, control.max + control.step / 2, control.step)
    bounce = np.concatenate([exps, exps[-2:0:-1]])
    return [float(control.base ** bounce[i % len(bounce)]) for i in range(1, n + 1)]


def digits_model():
    """Chapter 6's digit network (64-64-10 ReLU), trained as the chapter trains it."""
    X, y = datasets.digits()
    X_train, X_test, y_train, y_test = datasets.train_test_split(X / 16.0, y, seed=0)
    net = mlp.MLP([64, 64, 10], activation="relu", seed=0)
    mlp.fit(net, X_train, y_train, epochs=30, lr=0.1, batch_size=32, seed=0)
    return net, X_test, y_test


def cases(n):
    """(name, chapter, widget, control name, values) for every widget of the book."""
    out = []
    w = widgets.hyperplane_explorer()
    out.append(("hyperplane_explorer", 1, w, "w1", sweep(w.controls["w1"], n, -1.0, 2.0)))
    w = widgets.perceptron_stepper(*datasets.blobs(n=30, noise=0.9, seed=2))
    w.controls["lr"].value = 0.01  # small steps: enough updates to step through
    out.append(("perceptron_stepper", 2, w, "step",
                sweep(w.controls["step"], n)))
    w = widgets.descent_explorer()
    out.append(("descent_explorer", 3, w, "steps", sweep(w.controls["steps"], n)))
    w = widgets.graph_explorer()
    out.append(("graph_explorer", 4, w, "w", sweep(w.controls["w"], n, -1.0, 2.0)))
    w = widgets.relu_superposition_explorer()
    name = next(k for k in w.controls if k.startswith("w"))
    out.append(("relu_superposition_explorer", 5, w, name,
                sweep(w.controls[name], n, -1.0, 2.0)))
    w = widgets.mlp_training_viewer()
    out.append(("mlp_training_viewer (Play: one epoch more)", 5, w, "epoch",
                forward(w.controls["epoch"], n)))
    w = widgets.softmax_explorer()
    out.append(("softmax_explorer", 6, w, "z0", sweep(w.controls["z0"], n, -3.0, 3.0)))
    net, X_test, y_test = digits_model()
    w = widgets.digit_inspector(net, X_test, y_test)
    out.append(("digit_inspector", 6, w, "index", forward(w.controls["index"], n)))
    try:
        from nncore import playground
    except ImportError:
        playground = None
    if playground is not None:
        w = playground.playground()
        out.append(("playground (Step: one frame)", 7, w, None, list(range(n))))
    return out


def move(widget, control, value):
    if control is None:  # the Playground's frame: its own step
        widget.step()
    else:
        widget.controls[control].value = value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    n = args.moves + args.warmup
    print(f"# {datetime.date.today()} · {platform.python_implementation()} "
          f"{platform.python_version()} · numpy {np.__version__} · matplotlib "
          f"{matplotlib.__version__} · load {os.getloadavg()[0]:.1f} · "
          f"{args.moves} moves after {args.warmup} warm-up moves")
    print()
    print(f"| widget | chapter | control | median ms | IQR ms | PNG KB | under {TARGET_MS:g} ms |")
    print("|---|---|---|---|---|---|---|")
    for name, chapter, w, control, values in cases(n):
        pngs = []

        def step(v, w=w, control=control):
            move(w, control, v)
            pngs.append(w.image.value)

        t = timed(step, values, args.warmup)
        unchanged = sum(a == b for a, b in zip(pngs, pngs[1:]))
        if unchanged:
            raise SystemExit(f"{name}: {unchanged} moves left the picture unchanged")
        q1, med, q3 = np.percentile(t, [25, 50, 75])
        size = np.median([len(p) for p in pngs]) / 1024
        ok = "yes" if med < TARGET_MS else "**no**"
        print(f"| {name} | {chapter} | {control or 'step'} | {med:.1f} | "
              f"{q1:.1f}-{q3:.1f} | {size:.0f} | {ok} |")


if __name__ == "__main__":
    main()
