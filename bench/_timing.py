"""The timing loop the benchmark scripts share (imported from the scripts' own folder)."""

import io
import time

import numpy as np


def timed(step, values, warmup):
    """Call ``step(v)`` for every value; return the times of all but the first
    ``warmup`` calls, in milliseconds."""
    for v in values[:warmup]:
        step(v)
    times = []
    for v in values[warmup:]:
        start = time.perf_counter()
        step(v)
        times.append(time.perf_counter() - start)
    return np.array(times) * 1e3  # ms


def print_table(results, sizes):
    """Print a markdown table of ``results`` = [(label, times_ms, key), ...]: median, IQR,
    the ratio to the first row (the baseline) and the PNG size ``sizes[key]`` if known."""
    width = max(len(label) for label, _, _ in results)
    base = np.median(results[0][1])
    print(f"| {'variant':<{width}} | median ms | IQR ms      | vs (a) | PNG KB |")
    print(f"|{'-' * (width + 2)}|-----------|-------------|--------|--------|")
    for label, t, key in results:
        q1, med, q3 = np.percentile(t, [25, 50, 75])
        size = f"{sizes[key] / 1024:6.1f}" if key in sizes else "     -"
        print(f"| {label:<{width}} | {med:9.1f} | {q1:5.1f}-{q3:5.1f} | {med / base:5.2f}x | {size} |")


def pillow_png(canvas, mode="RGB"):
    """The baseline PNG writer: Pillow at compress_level=1 (adaptive row filter), what the
    widgets used before nncore.widgets._render.encode_png."""
    from PIL import Image

    width, height = canvas.get_width_height(physical=True)
    img = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    img.convert(mode).save(buf, format="png", compress_level=1)
    return buf.getvalue()
