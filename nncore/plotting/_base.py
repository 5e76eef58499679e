"""What the plotting modules share: axes, arrows and labels, numbers as text, the fixed
layout of a Display, and the animations for the website.

:func:`animate` is the one tail of every ``animate_*`` function (and of
:func:`nncore.playground.record_playground`): a :class:`matplotlib.animation.FuncAnimation`
of a Display whose frames call its ``update``, drawn into a plain figure whose PNGs have
at most 256 colours (:func:`palette_canvas`), so ``to_jshtml`` embeds a third of the bytes.
Layout only: no maths of the chapters lives here.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .. import vectors as _vec
from ._style import AXIS_GREY, GRID_GREY, LABEL_OFFSET

__all__ = ["check_step", "new_figure", "with_caption", "add_arrow", "display_axes", "display_legend", "fixed", "marker_path",
           "move_arrow", "move_label", "new_axes", "nice_limits", "palette_canvas",
           "style_geometry", "tip_alignment", "tip_label", "unit_direction", "view_span",
           "check_animation", "check_axes", "check_dpi", "check_figure", "check_figsize", "check_interval",
           "MAX_DPI"]


#: The sharpest picture a figure may be drawn at: 1000 dots per inch is already a
#: 4500 x 4500 pixel image for a 4.5 inch figure.
MAX_DPI = 1000


def check_axes(ax, name="ax", *, optional=True):
    """``ax`` itself if it is a matplotlib Axes; a TypeError naming it otherwise (a
    string, a Figure, ...), before anything is drawn. ``optional``: None is allowed too
    (the caller makes a new figure), and the message says so."""
    from matplotlib.axes import Axes

    if ax is None and optional:
        return ax
    if not isinstance(ax, Axes):
        alternative = " or None" if optional else ""
        raise TypeError(f"{name} must be a matplotlib Axes (such as fig.add_subplot())"
                        f"{alternative}; got {ax!r:.60} of type {type(ax).__name__}")
    return ax


def check_figure(fig, name="fig"):
    """``fig`` itself if it is a matplotlib Figure or None (the caller makes a new one);
    a TypeError naming it otherwise."""
    from matplotlib.figure import FigureBase

    if fig is not None and not isinstance(fig, FigureBase):
        raise TypeError(f"{name} must be a matplotlib Figure (or None for a new one); got "
                        f"{fig!r:.60} of type {type(fig).__name__}")
    return fig


def check_dpi(dpi, name="dpi"):
    """Dots per inch: a real number from 1 to :data:`MAX_DPI` (bools and strings refused),
    checked before matplotlib divides by it."""
    if isinstance(dpi, (bool, np.bool_)) or not isinstance(dpi, numbers.Real):
        raise TypeError(f"{name} must be a number (dots per inch); got {dpi!r:.60} of type "
                        f"{type(dpi).__name__}")
    if not (math.isfinite(dpi) and 1 <= dpi <= MAX_DPI):
        raise ValueError(f"{name} must be a number from 1 to {MAX_DPI} (dots per inch); "
                         f"got {dpi}")
    return dpi


def check_figsize(figsize, name="figsize"):
    """A figure size ``(width, height)`` in inches: two finite numbers > 0."""
    try:
        width, height = (float(v) for v in figsize)
        ok = all(math.isfinite(v) and v > 0 for v in (width, height))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(f"{name} must be (width, height) in inches, two numbers > 0; "
                         f"got {figsize!r:.60}")
    return width, height


def new_axes(projection=None, figsize=(4.5, 4.5)):
    """Make a figure with one axes through pyplot (only called when ``ax is None``)."""
    import matplotlib.pyplot as plt  # lazy: plotting must import without pyplot

    # constrained layout cuts off 3-D axis labels; the default margins keep them
    layout = None if projection == "3d" else "constrained"
    fig = plt.figure(figsize=figsize, layout=layout)
    if projection == "3d":
        fig.subplots_adjust(left=0.0, right=0.92, bottom=0.03, top=1.0)
    return fig.add_subplot(projection=projection)


def check_step(k, last, first="the start", end="the last step"):
    """``k`` as an int from 0 (``first``) to ``last`` (``end``), for a Display that
    shows one step of a run."""
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"k must be an int from 0 to {last}; got {k!r} of type "
                        f"{type(k).__name__}")
    if not 0 <= k <= last:
        raise ValueError(f"k must be from 0 ({first}) to {last} ({end}); got {k}")
    return int(k)


def new_figure(fig, figsize):
    """``fig`` itself, or a new pyplot figure of ``figsize`` (inches) when it is None:
    pyplot is imported only then, so this package imports without it. Anything else
    than a Figure (or None) is refused with a TypeError naming ``fig``."""
    check_figure(fig)
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=figsize)
    return fig


def with_caption(figsize, margins, caption, caption_h):
    """The figure size and the margins (inches) of a panelled Display with or without a
    caption line of height ``caption_h`` above its panels."""
    width, height = figsize
    margins = dict(margins)
    if caption:
        margins["top"] += caption_h
    return (width, height if caption else height - caption_h), margins


def unit_direction(v):
    """Unit vector along ``v`` (or along +x for the zero vector), for placing labels."""
    v = np.asarray(v, dtype=float)
    if not np.any(v):
        return np.array([1.0, 0.0])
    return _vec.unit(v)


def tip_alignment(u):
    """Text alignment that puts a label beyond an arrow tip pointing along ``u``."""
    ha = "left" if u[0] > 0.38 else ("right" if u[0] < -0.38 else "center")
    va = "bottom" if u[1] > 0.38 else ("top" if u[1] < -0.38 else "center")
    return ha, va


def tip_label(ax, tip, direction, text, color, fontsize=12):
    """Label an arrow tip, offset a few points further along the arrow's direction."""
    u = unit_direction(direction)
    ha, va = tip_alignment(u)
    return ax.annotate(
        text,
        xy=tuple(tip),
        xytext=tuple(LABEL_OFFSET * u),
        textcoords="offset points",
        ha=ha,
        va=va,
        color=color,
        fontsize=fontsize,
        fontweight="bold",
        zorder=6,
    )


def _arrow_size(scale, length, weight=1.0, head=1.0):
    """Shaft width, head width and head length of an arrow ``length`` long in a view
    ``scale`` wide (``weight`` and ``head`` thin the shaft and shrink the head); the
    head of a short arrow shrinks to half its length at most, so the drawing never
    claims a longer vector than it is."""
    shrink = min(1.0, 0.5 * length / (0.06 * head * scale))
    return dict(width=0.009 * weight * scale, head_width=0.042 * head * scale * shrink,
                head_length=0.06 * head * scale * shrink)


def add_arrow(ax, start, end, color, scale, weight=1.0, zorder=4, head=1.0, **kwargs):
    """Add a straight arrow from ``start`` to ``end`` (data coordinates), its head
    sized for a view ``scale`` data units wide (the axes have equal aspect).

    A :class:`~matplotlib.patches.FancyArrow`: a polygon whose tip is exactly at
    ``end``, moved later with ``set_data(x=, y=, dx=, dy=)``.
    """
    from matplotlib.patches import FancyArrow

    start = np.asarray(start, dtype=float)
    d = np.asarray(end, dtype=float) - start
    arrow = FancyArrow(start[0], start[1], d[0], d[1], length_includes_head=True,
                       color=color, lw=0, zorder=zorder,
                       **_arrow_size(scale, float(np.hypot(*d)), weight, head),
                       **kwargs)
    # add_artist (not add_patch): the head must not stretch the data limits, which
    # are set from the points themselves. add_artist clips it to the axes.
    ax.add_artist(arrow)
    return arrow


def move_arrow(arrow, start, end, scale, weight=1.0, head=1.0):
    """Move an arrow made by :func:`add_arrow` to run from ``start`` to ``end``."""
    start = np.asarray(start, dtype=float)
    d = np.asarray(end, dtype=float) - start
    arrow.set_data(x=start[0], y=start[1], dx=d[0], dy=d[1],
                   **_arrow_size(scale, float(np.hypot(*d)), weight, head))


def move_label(annotation, anchor, direction, offset=LABEL_OFFSET):
    """Put an annotation (text in offset points) just beyond ``anchor`` (data
    coordinates), ``offset`` points along ``direction``, aligned so that it grows away."""
    u = unit_direction(direction)
    annotation.xy = tuple(np.asarray(anchor, dtype=float))
    annotation.set_position(tuple(offset * u))
    ha, va = tip_alignment(u)
    annotation.set_horizontalalignment(ha)
    annotation.set_verticalalignment(va)


def fixed(v, decimals=2):
    """``v`` with a fixed number of decimals, never "-0.00" (a sum that should be 0
    is often -1e-17 in floating point)."""
    text = f"{v:.{decimals}f}"
    return text[1:] if text.startswith("-") and not any(c in "123456789" for c in text) else text


def view_span(points, pad=0.18):
    """Width of the square view that _style_geometry gives ``points`` (k, 2)."""
    pts = np.vstack([np.zeros((1, 2)), np.asarray(points, dtype=float).reshape(-1, 2)])
    return (1 + 2 * pad) * max(float(np.max(pts.max(axis=0) - pts.min(axis=0))), 1.0)


def style_geometry(ax, points, pad=0.18):
    """Equal aspect, light grid, coordinate axes through the origin, limits that show
    ``points`` (k, 2) and the origin with room for labels."""
    pts = np.vstack([np.zeros((1, 2)), np.asarray(points, dtype=float).reshape(-1, 2)])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = max(float(np.max(hi - lo)), 1.0)
    ax.update_datalim(np.vstack([lo - pad * span, hi + pad * span]))
    ax.margins(0)
    ax.autoscale_view()
    ax.set_aspect("equal", adjustable="datalim")
    ax.grid(True, color=GRID_GREY, lw=0.6)
    ax.set_axisbelow(True)
    ax.axhline(0.0, color=AXIS_GREY, lw=0.8, zorder=1)
    ax.axvline(0.0, color=AXIS_GREY, lw=0.8, zorder=1)
    if not ax.get_xlabel():
        ax.set_xlabel(r"$x_1$")
    if not ax.get_ylabel():
        ax.set_ylabel(r"$x_2$")


def marker_path(marker):
    """The path a scatter would use for ``marker`` (as in Axes.scatter)."""
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


def display_axes(fig, *, top=0.55, bottom=1.45):
    """A square axes placed in ``fig`` with fixed margins (inches) for the tick labels,
    the caption above (``top``) and the legend below (``bottom``). A fixed layout, not
    constrained layout: an equal-aspect axes with a legend outside it does not always
    fit under constrained layout, and a fixed one costs nothing per frame and never
    makes the image jump."""
    width, height = fig.get_size_inches()
    left, right = 0.7, 0.2
    side = min(width - left - right, height - bottom - top)
    x0 = left + 0.5 * (width - left - right - side)
    return fig.add_axes((x0 / width, bottom / height, side / width, side / height))


def nice_limits(X):
    """Square limits around the points and the origin, rounded out to halves."""
    if X is None or len(X) == 0:
        return (-3.0, 3.0), (-3.0, 3.0)
    lo = np.minimum(X.min(axis=0), 0.0)
    hi = np.maximum(X.max(axis=0), 0.0)
    center = 0.5 * (lo + hi)
    half = 0.5 * float(np.max(hi - lo)) * 1.15 + 0.25
    lims = [(np.floor(2 * (c - half)) / 2, np.ceil(2 * (c + half)) / 2) for c in center]
    return tuple(map(float, lims[0])), tuple(map(float, lims[1]))


def display_legend(ax, handles, *, borderaxespad=4.2, handler_map=None):
    """The legend of a display: two columns below the axes, under the x label."""
    return ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
        borderaxespad=borderaxespad, ncol=2, fontsize=8.5, frameon=False,
        handlelength=1.6, columnspacing=1.2,
        title="fill colour = side;  marker = true label", title_fontsize=8.5,
        handler_map=handler_map,
    )


def palette_canvas(figure):
    """Give ``figure`` an Agg canvas whose PNGs keep at most 256 colours (palette PNGs):
    a figure of flat colours, text and lines looks the same, and its file is about a
    third the size, which is what every frame of a ``to_jshtml`` animation is. Its
    ``draw_idle`` does nothing: a frame is drawn once, when it is saved."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image  # Pillow is a dependency of matplotlib

    class PaletteCanvas(FigureCanvasAgg):
        def draw_idle(self, *args, **kwargs):
            pass  # an animation asks for a draw after each frame; saving it draws anyway

        def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, **kwargs):
            # kwargs: the facecolor, dpi, ... that savefig has already applied
            FigureCanvasAgg.draw(self)
            size = self.get_width_height(physical=True)
            image = Image.frombuffer("RGBA", size, self.buffer_rgba(), "raw", "RGBA", 0,
                                     1).convert("RGB")
            image = image.quantize(256, method=Image.Quantize.FASTOCTREE,
                                   dither=Image.Dither.NONE)
            image.save(filename_or_obj, format="png", **(pil_kwargs or {}))

    return PaletteCanvas(figure)


def nice_ceil(v):
    """The smallest of 1, 2, 5, 10, 20, 50, ... that is >= v (v >= 1)."""
    e = 10.0 ** np.floor(np.log10(v))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * e >= v * (1 - 1e-12):
            return m * e
    return 10.0 * e  # pragma: no cover (m = 10 always suffices)


def nice_floor(v):
    """The largest of 1, 2, 5, 10, 20, 50, ... that is <= v (v >= 1)."""
    e = 10.0 ** np.floor(np.log10(v) + 1e-12)
    return max(m * e for m in (1.0, 2.0, 5.0) if m * e <= v * (1 + 1e-12))



# -- animations for the website: every animate_* function ends the same way ------------


def animation_figure(figsize, dpi):
    """A plain :class:`~matplotlib.figure.Figure` (not pyplot, so a notebook shows only
    the animation) whose frames are palette PNGs (:func:`palette_canvas`); ``figsize``
    and ``dpi`` are checked first (:func:`check_figsize`, :func:`check_dpi`)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=check_figsize(figsize), dpi=check_dpi(dpi))
    palette_canvas(figure)
    return figure


def frame_steps(n_steps, max_frames):
    """Steps 0..n_steps, or ``max_frames`` of them evenly spaced (0 and the last kept)."""
    if n_steps + 1 <= max_frames:
        return np.arange(n_steps + 1)
    return np.unique(np.round(np.linspace(0, n_steps, max_frames)).astype(int))


def check_interval(interval):
    """Milliseconds between frames: a finite number > 0."""
    if isinstance(interval, bool) or not isinstance(interval, numbers.Real):
        raise TypeError(f"interval must be a number of milliseconds; got {interval!r}")
    if not (math.isfinite(interval) and interval > 0):
        raise ValueError(f"interval must be > 0 (milliseconds between frames); got {interval}")
    return interval


def check_animation(interval, dpi, figsize):
    """The arguments every ``animate_*`` function shares, checked before it computes
    or draws anything: :func:`check_interval`, :func:`check_dpi`,
    :func:`check_figsize`."""
    check_interval(interval)
    check_dpi(dpi)
    check_figsize(figsize)


def animate(display, frames, draw, *, interval, **attributes):
    """The animation of a Display: frame ``f`` of ``frames`` calls ``draw(f)``, which
    moves the display's artists (its ``update``), and returns what moved.

    ``IPython.display.HTML(anim.to_jshtml())`` plays it without a kernel. The display
    is drawn at the first frame, so the figure is right before any frame is saved.

    Parameters
    ----------
    display : a Display
        Drawn already (it has ``figure_`` and ``dynamic_artists()``).
    frames : sequence
        What ``draw`` is called with, one item a frame.
    draw : callable
    interval : float
        Milliseconds between frames.
    **attributes
        Set on the animation (``steps``, ``epochs``, ...), with ``display``.

    Returns
    -------
    matplotlib.animation.FuncAnimation
    """
    from matplotlib.animation import FuncAnimation

    check_interval(interval)
    artists = display.dynamic_artists()

    def frame(f):
        draw(f)
        return artists

    frame(frames[0])
    anim = FuncAnimation(display.figure_, frame, frames=frames, interval=interval,
                         blit=False)
    anim.display = display
    for name, value in attributes.items():
        setattr(anim, name, value)
    return anim

