"""Frames per second of nncore.playground's Playground while it plays.

Run it from the repository root (it is not part of the tests):

    .venv/bin/python bench/bench_playground.py [--frames 60] [--warmup 5] [--kernel]

One frame of Play is one epoch of training (mini-batches of 10) followed by the
redraw: every neuron's output over the 100 x 100 grid (one trace of the network), the
thumbnails, the weights, the biases, the big heatmap and the loss curves moved in place,
the picture (10.75 x 5.2 in at 80 dpi, 860 x 416 px) painted and encoded as PNG, the
epoch counter and loss lines written. The issue's case is a 2-4-4-1 tanh network on
500 points (250 of them for training) with the 100 x 100 grid. Times per frame:
median and interquartile range over ``--frames`` frames after ``--warmup`` untimed
ones; fps = 1000 / median.

    (a) baseline: the same epoch, then a new figure and PlaygroundDisplay per frame
        (the same picture) saved as PNG with matplotlib's default settings;
    (b) the Playground: ``pg.frame()`` end to end, on spiral and on circles with the
        test points shown, and with 450 training points (train_fraction 0.9);
    (c) the same frame without the PNG encoding;
    (d) the epoch of training alone (25 updates of PlaygroundTrainer, by TensorFlow
        Playground's rules, and the loss on both sets);
    (e) PNG encoding alone: the Playground's encoder (no row filter, zlib level 1)
        and Pillow's (adaptive filter, compress_level=1) on the same picture;
    (f) for comparison: (b) with the general blitting of nncore.widgets
        (BlitRenderer: matplotlib draws every moving artist, Pillow encodes);
    (g) the largest network of the controls: 9 features, 6 hidden layers of 8 ReLUs;
    (g2) the largest a configuration in code may ask for: 9 features, 10 hidden layers
        of 16 tanh neurons (nncore.playground.LIMITS);
    (h) a structural change: a hidden layer added (a new network, a full redraw).

With ``--kernel`` it also runs (b) inside a Jupyter kernel (jupyter_client), where
every frame also sends the widget updates over the kernel's comm channel.
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

from _timing import pillow_png, print_table, timed  # noqa: E402  (bench/ is the script's folder)

import matplotlib  # noqa: E402

matplotlib.use("Agg")

from nncore import features  # noqa: E402
from nncore.playground import (  # noqa: E402
    GRID,
    PlaygroundDisplay,
    playground,
)
from nncore.playground._display import thumbnail  # noqa: E402
from nncore.widgets._render import BlitRenderer, encode_png  # noqa: E402

CASE = {"dataset": "spiral", "hidden": [4, 4], "n_points": 500, "activation": "tanh"}


def frame_cpu_ms(pg, n):
    """Median CPU time (process_time) of n frames: what the shared machine's load
    does not inflate."""
    times = []
    for _ in range(n):
        start = time.process_time()
        pg.frame()
        times.append(time.process_time() - start)
    return 1e3 * float(np.median(times))


def kernel_frames(n_frames, warmup):
    """The frame of (b) inside a Jupyter kernel, widgets displayed (comms open)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        code = f"""
import time, numpy as np
from IPython.display import display
from nncore.playground import playground
pg = playground({CASE!r})
display(pg)
for _ in range({warmup}): pg.frame()
ts = []
for _ in range({n_frames}):
    t = time.perf_counter(); pg.frame(); ts.append(time.perf_counter() - t)
print(repr(list(np.array(ts) * 1e3)))
"""
        msg_id = kc.execute(code)
        out = []
        while True:
            msg = kc.get_iopub_msg(timeout=600)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            if msg["msg_type"] == "error":
                raise RuntimeError("\n".join(msg["content"]["traceback"]))
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        return np.array(eval("".join(out).strip().splitlines()[-1]))
    finally:
        km.shutdown_kernel(now=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--kernel", action="store_true",
                        help="also time (b) inside a Jupyter kernel")
    args = parser.parse_args(argv)
    n = args.frames + args.warmup
    values = list(range(n))
    sizes, rows = {}, []

    # (a) the epoch, then a new figure per frame with matplotlib's default PNG
    base = playground(CASE)
    run = base._run

    def baseline(_):
        run.train(1)
        d = PlaygroundDisplay(live=True)
        cfg = base.config
        fmaps = run.Phi_grid.T.reshape(-1, GRID, GRID)
        d.set_network(cfg["features"], cfg["hidden"], [thumbnail(m) for m in fmaps],
                      problem=cfg["problem"], activation=cfg["activation"],
                      output=run.output)
        d.set_data(run.X_train, run.y_train, run.X_test, run.y_test)
        hidden, out = run.maps()
        d.update(hidden, out, run.model.params, run.history)
        buf = io.BytesIO()
        d.figure_.savefig(buf, format="png")
        sizes["a"] = len(buf.getvalue())

    rows.append(("(a) epoch + new figure per frame + PNG (default)", baseline, "a"))

    # (b) the Playground's frame
    cases = {
        "b": ("(b) Playground frame: 2-4-4-1, spiral, 250 train", CASE),
        "b2": ("(b) Playground frame: 2-4-4-1, circle, test shown", {
            **CASE, "dataset": "circle", "show_test": True}),
        "b3": ("(b) Playground frame: 2-4-4-1, spiral, 450 train", {
            **CASE, "train_fraction": 0.9}),
    }
    pgs = {}
    for key, (label, cfg) in cases.items():
        pg = pgs[key] = playground(cfg)

        def frame(_, pg=pg, key=key):
            pg.frame()
            sizes[key] = len(pg.image.value)

        rows.append((label, frame, key))

    # (c) without the PNG, (d) training alone
    pg_c = playground(CASE)

    def no_png(_):
        pg_c._run.train(1)
        hidden, out = pg_c._run.maps()
        pg_c.display.update(hidden, out, pg_c.model.params, pg_c.history)
        pg_c._renderer.fast(encode=False)

    rows.append(("(c) the same frame without the PNG", no_png, None))
    pg_d = playground(CASE)
    rows.append(("(d) one epoch of training alone (25 updates)",
                 lambda _: pg_d._run.train(1), None))

    # (e) encoders on the same picture
    canvas = pgs["b"].figure.canvas
    rgb = np.asarray(canvas.buffer_rgba())[:, :, :3]
    sizes["e1"] = len(encode_png(rgb))
    sizes["e2"] = len(pillow_png(canvas, "RGB"))
    rows.append(("(e) PNG only: no filter, zlib level 1 (ours)", lambda _: encode_png(rgb), "e1"))
    rows.append(("(e) PNG only: Pillow, compress_level=1", lambda _: pillow_png(canvas, "RGB"),
                 "e2"))

    # (f) the general blitting of nncore.widgets on the same picture
    pg_f = playground(CASE)
    d = pg_f.display
    blit = BlitRenderer(pg_f.figure, [d.ax_net_, d.ax_out_, d.ax_loss_], d.dynamic_artists(),
                         mode="RGB", overlays=d.overlay_artists())
    blit.full()

    def general(_):
        pg_f._run.train(1)
        hidden, out = pg_f._run.maps()
        d.update(hidden, out, pg_f.model.params, pg_f.history)
        sizes["f"] = len(blit.fast())

    rows.append(("(f) as (b), general blitting + Pillow PNG", general, "f"))

    # (g) the largest network
    pg_g = playground({**CASE, "features": list(features.FEATURES), "hidden": [8] * 6,
                       "activation": "relu", "lr": 0.01})

    def big(_):
        pg_g.frame()
        sizes["g"] = len(pg_g.image.value)

    rows.append(("(g) Playground frame: 9-8-8-8-8-8-8-1 relu", big, "g"))

    # (g2) the largest network a configuration in code may ask for
    pg_g2 = playground({**CASE, "features": list(features.FEATURES), "hidden": [16] * 10})

    def biggest(_):
        pg_g2.frame()
        sizes["g2"] = len(pg_g2.image.value)

    rows.append(("(g2) Playground frame: 9-(16 x 10)-1 tanh, in code", biggest, "g2"))

    # (h) a structural change
    pg_h = playground(CASE)

    def add_layer(i):
        pg_h.controls["add_layer" if i % 2 == 0 else "remove_layer"].click()
        sizes["h"] = len(pg_h.image.value)

    rows.append(("(h) add / remove a hidden layer (full redraw)", add_layer, "h"))

    results = []
    for label, step, key in rows:
        count = n if not label.startswith("(h)") else min(n, 25)
        warm = args.warmup if not label.startswith("(h)") else 3
        results.append((label, timed(step, values[:count], warm), key))
    cpu = {key: frame_cpu_ms(pgs[key], args.frames) for key in pgs}
    cpu["g"] = frame_cpu_ms(pg_g, args.frames)
    cpu["g2"] = frame_cpu_ms(pg_g2, args.frames)

    print(f"{datetime.date.today()}, {platform.machine()} {platform.system()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, "
          f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, "
          f"numpy {np.__version__}")
    print()
    print_table(results, sizes)
    print()
    print("| frame | median ms | fps | CPU ms (process_time) | fps on CPU time |")
    print("|-------|-----------|-----|-----------------------|-----------------|")
    for label, t, key in results:
        if key in cpu:
            med = float(np.median(t))
            print(f"| {label.split(') ', 1)[1]} | {med:.1f} | {1e3 / med:.0f} | {cpu[key]:.1f} | "
                  f"{1e3 / cpu[key]:.0f} |")
    if args.kernel:
        t = kernel_frames(args.frames, args.warmup)
        q1, med, q3 = np.percentile(t, [25, 50, 75])
        print()
        print(f"(b) in a Jupyter kernel, widgets displayed: median {med:.1f} ms "
              f"(IQR {q1:.1f}-{q3:.1f}), {1e3 / med:.0f} fps")


if __name__ == "__main__":
    main()
