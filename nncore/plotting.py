"""Figures for the chapters: vectors, angles, projections, planes and hyperplanes.

This is the drawing layer of :mod:`nncore`. It imports the maths
(:mod:`nncore.vectors`, :mod:`nncore.hyperplane`, :mod:`nncore.linreg`) and *draws* what those functions
compute; no formula of the maths is written again here. Every drawing function
takes ``ax=None`` and returns the axes it drew into; :mod:`matplotlib.pyplot` is
imported only when a new figure has to be made (``ax=None``), never when this
module is imported.

Colours are the colour-blind-safe Okabe-Ito palette. The two classes are also
told apart by marker shape (circle for class 0, triangle for class 1), so every
figure still reads when printed in greyscale.

Used in Chapter 1, "Vectors, dot products, hyperplanes", and Chapter 2, "The
perceptron and how it learns" (:class:`PerceptronStepDisplay`,
:func:`animate_training`, :func:`plot_errors_per_epoch`), and Chapter 3, "Gradient
descent" (:func:`plot_loss_contours`, :func:`plot_loss_surface`, :func:`plot_path`,
:class:`DescentDisplay`, :func:`animate_descent`: they draw what :mod:`nncore.linreg`
and :mod:`nncore.optimisers` compute).

Chapter 5, "A small network, in matrices": :func:`plot_decision_regions`,
:func:`plot_hidden_boundaries`, :func:`plot_hidden_units`, :func:`plot_relu_pieces`
(:class:`ReluPiecesDisplay`), :func:`plot_gradient_norms`, :class:`MLPTrainingDisplay`
and :func:`animate_mlp_training` (they draw what an :class:`nncore.mlp.MLP` computes).

Chapter 6, "Softmax and cross-entropy": :func:`plot_probabilities`,
:func:`plot_confusion_matrix`, :func:`plot_digit_images`, :func:`plot_weight_images`,
:class:`SoftmaxDisplay` and :class:`DigitDisplay` (the numbers come from
:mod:`nncore.activations`, :mod:`nncore.losses` and an :class:`nncore.mlp.MLP`).
"""

from __future__ import annotations

import numpy as np

from . import activations as _act
from . import hyperplane as _hp
from . import linreg as _lr
from . import losses as _losses
from . import vectors as _vec
from ._checks import (as_array, as_int, as_interval, as_labels, as_matrix, as_scalar,
                      as_vector)

__all__ = [
    "BEFORE_COLOR",
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "CONFUSION_CMAP",
    "DECISION_COLORS",
    "DESCENT_FIGSIZE",
    "DIGIT_CMAP",
    "DIGIT_FIGSIZE",
    "DISPLAY_FIGSIZE",
    "DIVERGING_CMAP",
    "GRAD_COLORS",
    "HIDDEN_CMAPS",
    "HIGHLIGHT_COLOR",
    "HISTORY_KEYS",
    "LOSS_CMAP",
    "MLP_TRAINING_FIGSIZE",
    "MULTICLASS_COLORS",
    "MULTICLASS_MARKERS",
    "PATH_COLOR",
    "PIECES_FIGSIZE",
    "PIECE_COLORS",
    "PROBA_COLOR",
    "REGION_COLORS",
    "SOFTMAX_FIGSIZE",
    "STEP_FIGSIZE",
    "TRUE_CLASS_COLOR",
    "VECTOR_COLORS",
    "DescentDisplay",
    "DigitDisplay",
    "GraphDisplay",
    "HyperplaneDisplay",
    "MLPTrainingDisplay",
    "PerceptronStepDisplay",
    "ReluPiecesDisplay",
    "SoftmaxDisplay",
    "animate_descent",
    "animate_hyperplane",
    "animate_mlp_training",
    "animate_training",
    "draw_graph",
    "plot_angle",
    "plot_confusion_matrix",
    "plot_decision_regions",
    "plot_digit_images",
    "plot_errors_per_epoch",
    "plot_gradient_norms",
    "plot_hidden_boundaries",
    "plot_hidden_units",
    "plot_loss_contours",
    "plot_loss_surface",
    "plot_path",
    "plot_plane_3d",
    "plot_probabilities",
    "plot_projection",
    "plot_relu_pieces",
    "plot_vectors_2d",
    "plot_vectors_3d",
    "plot_weight_images",
]

#: Okabe-Ito blue and orange: the colours of class 0 and class 1.
CLASS_COLORS = ("#0072B2", "#E69F00")
#: Marker of class 0 (circle) and class 1 (triangle): the class survives greyscale.
CLASS_MARKERS = ("o", "^")
#: Light tints of :data:`CLASS_COLORS` for the two half-spaces (22 % colour on white).
REGION_COLORS = ("#C7E0EE", "#F9EAC7")
#: Okabe-Ito colours for a sequence of vectors (blue, vermillion, bluish green,
#: reddish purple, sky blue, orange, black).
VECTOR_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")

_INK = "0.15"  # near-black for lines and the arrow of w
_AXIS_GREY = "0.45"  # the coordinate axes through the origin
_GRID_GREY = "0.88"
_LABEL_OFFSET = 7.0  # points between an arrow tip and its label


# ----------------------------------------------------------------------------------
# small helpers (layout only: no maths of the chapter lives here)
# ----------------------------------------------------------------------------------


def _new_axes(projection=None, figsize=(4.5, 4.5)):
    """Make a figure with one axes through pyplot (only called when ``ax is None``)."""
    import matplotlib.pyplot as plt  # lazy: plotting must import without pyplot

    # constrained layout cuts off 3-D axis labels; the default margins keep them
    layout = None if projection == "3d" else "constrained"
    fig = plt.figure(figsize=figsize, layout=layout)
    if projection == "3d":
        fig.subplots_adjust(left=0.0, right=0.92, bottom=0.03, top=1.0)
    return fig.add_subplot(projection=projection)


def _as_vectors(vectors, dim):
    """Stack ``vectors`` (one vector or a sequence of them) into shape (k, dim)."""
    arr = as_array(vectors, "vectors")
    if arr.ndim == 1:
        arr = arr[np.newaxis, :]
    return as_matrix(arr, "vectors", n_features=dim)


def _names(labels, k, what="labels"):
    if labels is None:
        return [None] * k
    if isinstance(labels, str):
        labels = [labels]
    labels = list(labels)
    if len(labels) != k:
        raise ValueError(f"{what} must have one entry per vector ({k}); got {len(labels)}")
    return labels


def _colors(colors, k):
    if colors is None:
        return [VECTOR_COLORS[i % len(VECTOR_COLORS)] for i in range(k)]
    if isinstance(colors, str):
        return [colors] * k
    colors = list(colors)
    if len(colors) != k:
        raise ValueError(f"colors must have one entry per vector ({k}); got {len(colors)}")
    return colors


def _direction(v):
    """Unit vector along ``v`` (or along +x for the zero vector), for placing labels."""
    v = np.asarray(v, dtype=float)
    if not np.any(v):
        return np.array([1.0, 0.0])
    return _vec.unit(v)


def _tip_alignment(u):
    """Text alignment that puts a label beyond an arrow tip pointing along ``u``."""
    ha = "left" if u[0] > 0.38 else ("right" if u[0] < -0.38 else "center")
    va = "bottom" if u[1] > 0.38 else ("top" if u[1] < -0.38 else "center")
    return ha, va


def _tip_label(ax, tip, direction, text, color, fontsize=12):
    """Label an arrow tip, offset a few points further along the arrow's direction."""
    u = _direction(direction)
    ha, va = _tip_alignment(u)
    return ax.annotate(
        text,
        xy=tuple(tip),
        xytext=tuple(_LABEL_OFFSET * u),
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


def _arrow(ax, start, end, color, scale, weight=1.0, zorder=4, head=1.0, **kwargs):
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


def _move_arrow(arrow, start, end, scale, weight=1.0, head=1.0):
    """Move an arrow made by :func:`_arrow` to run from ``start`` to ``end``."""
    start = np.asarray(start, dtype=float)
    d = np.asarray(end, dtype=float) - start
    arrow.set_data(x=start[0], y=start[1], dx=d[0], dy=d[1],
                   **_arrow_size(scale, float(np.hypot(*d)), weight, head))


def _move_label(annotation, anchor, direction, offset=_LABEL_OFFSET):
    """Put an annotation (text in offset points) just beyond ``anchor`` (data
    coordinates), ``offset`` points along ``direction``, aligned so that it grows away."""
    u = _direction(direction)
    annotation.xy = tuple(np.asarray(anchor, dtype=float))
    annotation.set_position(tuple(offset * u))
    ha, va = _tip_alignment(u)
    annotation.set_horizontalalignment(ha)
    annotation.set_verticalalignment(va)


def _fixed(v, decimals=2):
    """``v`` with a fixed number of decimals, never "-0.00" (a sum that should be 0
    is often -1e-17 in floating point)."""
    text = f"{v:.{decimals}f}"
    return text[1:] if text.startswith("-") and not any(c in "123456789" for c in text) else text


def _view_span(points, pad=0.18):
    """Width of the square view that _style_geometry gives ``points`` (k, 2)."""
    pts = np.vstack([np.zeros((1, 2)), np.asarray(points, dtype=float).reshape(-1, 2)])
    return (1 + 2 * pad) * max(float(np.max(pts.max(axis=0) - pts.min(axis=0))), 1.0)


def _style_geometry(ax, points, pad=0.18):
    """Equal aspect, light grid, coordinate axes through the origin, limits that show
    ``points`` (k, 2) and the origin with room for labels."""
    pts = np.vstack([np.zeros((1, 2)), np.asarray(points, dtype=float).reshape(-1, 2)])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = max(float(np.max(hi - lo)), 1.0)
    ax.update_datalim(np.vstack([lo - pad * span, hi + pad * span]))
    ax.margins(0)
    ax.autoscale_view()
    ax.set_aspect("equal", adjustable="datalim")
    ax.grid(True, color=_GRID_GREY, lw=0.6)
    ax.set_axisbelow(True)
    ax.axhline(0.0, color=_AXIS_GREY, lw=0.8, zorder=1)
    ax.axvline(0.0, color=_AXIS_GREY, lw=0.8, zorder=1)
    if not ax.get_xlabel():
        ax.set_xlabel(r"$x_1$")
    if not ax.get_ylabel():
        ax.set_ylabel(r"$x_2$")


# ----------------------------------------------------------------------------------
# vectors, angles, projections
# ----------------------------------------------------------------------------------


def plot_vectors_2d(vectors, labels=None, colors=None, ax=None):
    r"""Draw 2-D vectors as arrows from the origin, each labelled at its tip.

    A vector :math:`\mathbf{v} = (v_1, v_2)` is drawn as the arrow from
    :math:`(0, 0)` to :math:`(v_1, v_2)`. A label sits just beyond the tip, moved
    along the arrow's own direction so it never sits on the arrow.

    Parameters
    ----------
    vectors : array-like of shape (k, 2) or (2,)
        The vectors, one per row.
    labels : sequence of str of length k, optional
        Text at each tip (mathtext allowed, e.g. ``r"$\mathbf{a}$"``). None: no labels.
    colors : sequence of k colours or one colour, optional
        Defaults to :data:`VECTOR_COLORS` in order.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made with pyplot when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The arrows are :class:`~matplotlib.patches.FancyArrow` artists in
        ``ax.patches``; the labels are in ``ax.texts``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_vectors_2d([[2, 1], [1, 2]], labels=["a", "b"], ax=Figure().add_subplot())
    >>> len(ax.patches), [t.get_text() for t in ax.texts]
    (2, ['a', 'b'])

    Used in Chapter 1, section "Vectors as arrows".
    """
    V = _as_vectors(vectors, 2)
    names = _names(labels, len(V))
    cols = _colors(colors, len(V))
    if ax is None:
        ax = _new_axes()
    _draw_arrows_2d(ax, V, names, cols)
    _style_geometry(ax, V)
    return ax


def _draw_arrows_2d(ax, V, names, cols, scale=None):
    scale = _view_span(V) if scale is None else scale
    for v, name, c in zip(V, names, cols):
        _arrow(ax, (0.0, 0.0), v, c, scale)
        if name is not None:
            _tip_label(ax, v, v, name, c)


def plot_vectors_3d(vectors, labels=None, colors=None, ax=None):
    r"""Draw 3-D vectors as arrows from the origin on a 3-D axes.

    Parameters
    ----------
    vectors : array-like of shape (k, 3) or (3,)
        The vectors, one per row.
    labels : sequence of str of length k, optional
        Text just beyond each tip. None: no labels.
    colors : sequence of k colours or one colour, optional
        Defaults to :data:`VECTOR_COLORS` in order.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3-D axes (``projection="3d"``); a new one is made with pyplot when None.

    Returns
    -------
    ax : Axes3D
        One quiver (a ``Line3DCollection``) per vector is in ``ax.collections``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax3 = Figure().add_subplot(projection="3d")
    >>> ax3 = plot_vectors_3d([[1, 0, 0], [1, 1, 1]], labels=["e1", "v"], ax=ax3)
    >>> len(ax3.collections)
    2

    Used in Chapter 1, section "Vectors as arrows".
    """
    V = _as_vectors(vectors, 3)
    names = _names(labels, len(V))
    cols = _colors(colors, len(V))
    if ax is None:
        ax = _new_axes(projection="3d")
    if getattr(ax, "name", None) != "3d":
        raise ValueError(
            "ax must be a 3-D axes (fig.add_subplot(projection='3d')); "
            f"got a {getattr(ax, 'name', type(ax).__name__)!r} axes"
        )
    for v, name, c in zip(V, names, cols):
        ax.quiver(0, 0, 0, *v, color=c, arrow_length_ratio=0.12, linewidth=2)
    _style_3d(ax, np.vstack([V, -0.1 * V]))
    # labels last: their offset beyond the tip is a fixed fraction of the cube
    half = ax.get_xlim()[1]
    for v, name, c in zip(V, names, cols):
        if name is not None:
            ax.text(*(v + 0.08 * half * _direction_3d(v)), name, color=c, fontsize=12,
                    fontweight="bold", ha="left", va="bottom")
    return ax


def _direction_3d(v):
    return _vec.unit(v) if np.any(v) else np.array([1.0, 0.0, 0.0])


def _style_3d(ax, points):
    """Cube limits around ``points`` (k, 3) and the origin, equal aspect, axes lines."""
    from matplotlib.ticker import MaxNLocator

    pts = np.vstack([np.zeros((1, 3)), np.asarray(points, dtype=float).reshape(-1, 3)])
    half = 1.15 * max(float(np.max(np.abs(pts))), 1.0)
    for axis in "xyz":
        getattr(ax, f"set_{axis}lim")(-half, half)
    ax.set_box_aspect((1, 1, 1), zoom=0.95)
    for k in range(3):
        seg = np.zeros((2, 3))
        seg[:, k] = (-half, half)
        ax.plot(*seg.T, color=_AXIS_GREY, lw=0.8)
    for k, setter in enumerate((ax.set_xlabel, ax.set_ylabel, ax.set_zlabel)):
        setter(f"$x_{k + 1}$", labelpad=6)
    ax.tick_params(labelsize=8, pad=2)
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_major_locator(MaxNLocator(nbins=4, integer=half >= 2.0))


def _arc_angles(a, b):
    """Start and end (degrees, counter-clockwise) of the arc of the angle from a to b."""
    start = np.degrees(_vec.polar_angle(a))
    theta = _vec.angle(a, b, degrees=True)
    # the arc runs counter-clockwise from whichever vector has the other at +theta
    end_b = np.degrees(_vec.polar_angle(b))
    if np.isclose((start + theta - end_b + 180.0) % 360.0 - 180.0, 0.0, atol=1e-6):
        return start, start + theta, theta
    return end_b, end_b + theta, theta


def plot_angle(a, b, ax=None, *, labels=(r"$\mathbf{a}$", r"$\mathbf{b}$")):
    r"""Draw two 2-D vectors and the angle :math:`\theta` between them.

    The arc marks :math:`\theta \in [0, \pi]` computed by :func:`nncore.vectors.angle`,
    and its label gives the value in degrees. This is the :math:`\theta` of the
    geometric dot product :math:`\mathbf{a}\cdot\mathbf{b} = \|\mathbf{a}\|\,\|\mathbf{b}\|\cos\theta`.

    Parameters
    ----------
    a, b : array-like of shape (2,)
        Non-zero vectors.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made with pyplot when None.
    labels : pair of str, optional
        Names written at the tips of ``a`` and ``b``.

    Returns
    -------
    ax : matplotlib.axes.Axes
        Two arrows in ``ax.patches`` (plus the :class:`~matplotlib.patches.Arc`),
        tip labels and the angle's label in ``ax.texts``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_angle([2, 0], [1, 1], ax=Figure().add_subplot())
    >>> ax.texts[-1].get_text()
    '$\\theta = 45.0^\\circ$'

    Used in Chapter 1, sections "The dot product" and "The sign of the dot product:
    alignment".
    """
    from matplotlib.patches import Arc

    a = as_vector(a, "a", dim=2)
    b = as_vector(b, "b", dim=2)
    for v, name in ((a, "a"), (b, "b")):
        if not np.any(v):
            raise ValueError(f"{name} must be a non-zero vector to have an angle; got {v.tolist()}")
    names = _names(labels, 2, what="labels")
    if ax is None:
        ax = _new_axes()
    _draw_arrows_2d(ax, [a, b], names, VECTOR_COLORS[:2])
    theta1, theta2, theta = _arc_angles(a, b)
    radius = 0.35 * min(_vec.norm(a), _vec.norm(b))
    ax.add_patch(Arc((0.0, 0.0), 2 * radius, 2 * radius, theta1=theta1, theta2=theta2,
                     color=_INK, lw=1.4, zorder=3))
    mid = np.radians(0.5 * (theta1 + theta2))
    u = np.array([np.cos(mid), np.sin(mid)])
    text = rf"$\theta = {theta:.1f}^\circ$"
    style = dict(fontsize=11, color=_INK, zorder=6,
                 bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    if theta >= 35.0:  # room inside the angle: the label sits on the bisector
        ha, va = _tip_alignment(u)
        ax.annotate(text, xy=tuple(radius * u), xytext=tuple(6.0 * u),
                    textcoords="offset points", ha=ha, va=va, **style)
    else:  # a narrow angle: the label goes outside it, with a leader line to the arc
        out = np.radians(theta2 + 30.0)
        v = np.array([np.cos(out), np.sin(out)])
        ha, va = _tip_alignment(v)
        ax.annotate(text, xy=tuple(radius * u), xytext=tuple(1.6 * radius * v),
                    ha=ha, va=va,
                    arrowprops=dict(arrowstyle="-", color=_INK, lw=0.8, shrinkA=1, shrinkB=0),
                    **style)
    _style_geometry(ax, np.vstack([a, b]))
    return ax


def plot_projection(a, onto, ax=None, *, labels=(r"$\mathbf{a}$", r"$\mathbf{u}$")):
    r"""Draw the projection of ``a`` onto ``onto`` and the perpendicular dropped from ``a``.

    The projection is :math:`\mathrm{proj}_{\mathbf{u}}\mathbf{a} =
    \frac{\mathbf{a}\cdot\mathbf{u}}{\mathbf{u}\cdot\mathbf{u}}\,\mathbf{u}`
    (:func:`nncore.vectors.projection`); the dotted segment from its tip to the tip of
    :math:`\mathbf{a}` meets :math:`\mathbf{u}`'s line at a right angle, marked by a
    small square.

    Parameters
    ----------
    a : array-like of shape (2,)
        The vector projected.
    onto : array-like of shape (2,)
        The non-zero vector :math:`\mathbf{u}` projected onto.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made with pyplot when None.
    labels : pair of str, optional
        Names of ``a`` and ``onto``, written at their tips.

    Returns
    -------
    ax : matplotlib.axes.Axes
        Three arrows (``a``, ``u``, the projection) in ``ax.patches``; the
        perpendicular is a dotted line in ``ax.lines``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_projection([1, 2], [3, 1], ax=Figure().add_subplot())
    >>> sum(type(p).__name__ == "FancyArrow" for p in ax.patches)
    3

    Used in Chapter 1, section "The dot product as a shadow".
    """
    a = as_vector(a, "a", dim=2)
    u = as_vector(onto, "onto", dim=2)
    if not np.any(u):
        raise ValueError(f"onto must be a non-zero vector; got {u.tolist()}")
    names = _names(labels, 2, what="labels")
    p = _vec.projection(a, u)
    if ax is None:
        ax = _new_axes()
    scale = _view_span(np.vstack([a, u, p]))
    _draw_arrows_2d(ax, [a, u], names, VECTOR_COLORS[:2], scale)
    proj_color = VECTOR_COLORS[2]
    _arrow(ax, (0.0, 0.0), p, proj_color, scale, weight=1.6, zorder=5, alpha=0.9)
    ax.plot([a[0], p[0]], [a[1], p[1]], ls=":", color=_INK, lw=1.5, zorder=3)
    # label of the projection: halfway along it, on the side away from a
    e_u = _vec.unit(u)
    normal = np.array([-e_u[1], e_u[0]])
    if np.dot(a - p, normal) > 0:
        normal = -normal
    ha, va = _tip_alignment(normal)
    ax.annotate(r"$\mathrm{proj}_{\mathbf{u}}\,\mathbf{a}$", xy=tuple(0.5 * p),
                xytext=tuple(12.0 * normal), textcoords="offset points", ha=ha, va=va,
                color=proj_color, fontsize=11, zorder=6)
    # right-angle mark at the foot of the perpendicular
    drop = a - p
    if _vec.norm(drop) > 1e-9 * max(_vec.norm(a), 1.0) and np.any(p):
        size = 0.07 * max(_vec.norm(a), _vec.norm(u))
        e_d = _vec.unit(drop)
        along = -np.sign(np.dot(p, e_u)) * e_u  # back along the projection, towards 0
        corner = np.array([p + size * along, p + size * (along + e_d), p + size * e_d])
        ax.plot(corner[:, 0], corner[:, 1], color=_INK, lw=1.0, zorder=3)
    _style_geometry(ax, np.vstack([a, u, p]))
    return ax


def _plane_basis(w):
    """Two orthonormal vectors spanning the plane orthogonal to ``w`` (3,)."""
    # the right-singular vectors after the first span the null space of w^T
    return np.linalg.svd(w[np.newaxis, :])[2][1:]


def plot_plane_3d(w, b, X=None, y=None, ax=None):
    r"""Draw the plane :math:`\mathbf{w}\cdot\mathbf{x} + b = 0` in :math:`\mathbb{R}^3`.

    The plane is drawn as a square patch centred on its point closest to the origin,
    :math:`\mathbf{x}_0 = -b\,\mathbf{w}/\|\mathbf{w}\|^2`
    (:func:`nncore.hyperplane.closest_point`), and :math:`\mathbf{w}` as an arrow from
    :math:`\mathbf{x}_0`: it points into the half-space where
    :math:`\mathbf{w}\cdot\mathbf{x} + b > 0`. Points, if given, are coloured by the
    side they fall on (:func:`nncore.hyperplane.halfspace`) and shaped by their label.

    Parameters
    ----------
    w : array-like of shape (3,)
        Non-zero normal vector of the plane.
    b : float
        Bias.
    X : array-like of shape (n_samples, 3), optional
        Points to show.
    y : array-like of shape (n_samples,), optional
        Labels in {0, 1} of ``X``: circle for 0, triangle for 1.
    ax : Axes3D, optional
        A 3-D axes; a new one is made with pyplot when None.

    Returns
    -------
    ax : Axes3D

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax3 = plot_plane_3d([0, 0, 1], -1.0, ax=Figure().add_subplot(projection="3d"))
    >>> low, high = ax3.get_zlim()
    >>> bool(low < 1.0 < high)  # the plane x3 = 1 is in view
    True

    Used in Chapter 1, section "In three dimensions".
    """
    w = as_vector(w, "w", dim=3)
    b = as_scalar(b, "b")
    if not np.any(w):
        raise ValueError("w must be non-zero: w = 0 defines no plane; got [0.0, 0.0, 0.0]")
    if X is not None:
        X = as_matrix(X, "X", n_features=3)
        y = None if y is None else as_labels(y, "y", n=len(X))
    elif y is not None:
        raise ValueError("y was given without X; pass the points X of shape (n_samples, 3)")
    if ax is None:
        ax = _new_axes(projection="3d")
    if getattr(ax, "name", None) != "3d":
        raise ValueError("ax must be a 3-D axes (fig.add_subplot(projection='3d'))")

    x0 = _hp.closest_point(w, b)
    half = 2.0 if X is None else max(2.0, 1.1 * float(np.max(np.abs(X - x0))))
    e1, e2 = _plane_basis(w)
    s = np.linspace(-half, half, 2)
    S, T = np.meshgrid(s, s)
    P = x0[:, None, None] + e1[:, None, None] * S + e2[:, None, None] * T
    ax.plot_surface(P[0], P[1], P[2], color="#CC79A7", alpha=0.22, edgecolor="#8E4F75",
                    linewidth=1.0, shade=False)
    ax.quiver(*x0, *w, color=_INK, arrow_length_ratio=0.15, linewidth=2)
    ax.text(*(x0 + w + 0.1 * _vec.unit(w)), r"$\mathbf{w}$", color=_INK, fontsize=13,
            ha="left", va="bottom")
    pts = [x0 + half * e1 + half * e2, x0 - half * e1 - half * e2, x0 + w]
    if X is not None:
        side = _hp.halfspace(X, w, b)
        shapes = y if y is not None else np.zeros(len(X), dtype=int)
        for k in (0, 1):
            sel = shapes == k
            if np.any(sel):
                ax.scatter(*X[sel].T, c=[CLASS_COLORS[s_] for s_ in side[sel]],
                           marker=CLASS_MARKERS[k], s=30, edgecolors=_INK,
                           linewidths=0.5, depthshade=False)
        pts.append(X)
    _style_3d(ax, np.vstack(pts))
    return ax


# ----------------------------------------------------------------------------------
# the hyperplane display
# ----------------------------------------------------------------------------------


def _marker_path(marker):
    """The path a scatter would use for ``marker`` (as in Axes.scatter)."""
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


#: Figure size (inches) of a display made by :meth:`HyperplaneDisplay.plot` with
#: ``ax=None``, by :func:`animate_hyperplane` and by the widget.
DISPLAY_FIGSIZE = (5.0, 6.0)


def _display_axes(fig, *, top=0.55, bottom=1.45):
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


def _nice_limits(X):
    """Square limits around the points and the origin, rounded out to halves."""
    if X is None or len(X) == 0:
        return (-3.0, 3.0), (-3.0, 3.0)
    lo = np.minimum(X.min(axis=0), 0.0)
    hi = np.maximum(X.max(axis=0), 0.0)
    center = 0.5 * (lo + hi)
    half = 0.5 * float(np.max(hi - lo)) * 1.15 + 0.25
    lims = [(np.floor(2 * (c - half)) / 2, np.ceil(2 * (c + half)) / 2) for c in center]
    return tuple(map(float, lims[0])), tuple(map(float, lims[1]))


def _display_legend(ax, handles, *, borderaxespad=4.2, handler_map=None):
    """The legend of a display: two columns below the axes, under the x label."""
    return ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
        borderaxespad=borderaxespad, ncol=2, fontsize=8.5, frameon=False,
        handlelength=1.6, columnspacing=1.2,
        title="fill colour = side;  marker = true label", title_fontsize=8.5,
        handler_map=handler_map,
    )


class HyperplaneDisplay:
    r"""The line :math:`\mathbf{w}\cdot\mathbf{x} + b = 0` splitting the plane, with data.

    A scikit-learn style Display: ``__init__`` only checks and stores arrays,
    :meth:`plot` creates the artists once, and :meth:`update` moves them for a new
    ``(w, b)`` without making a new figure, which is what a slider needs.

    What is drawn (the attributes ending in ``_``):

    - ``regions_``: an :class:`~matplotlib.image.AxesImage` of
      :func:`nncore.hyperplane.halfspace` over a fixed grid of pixel centres
      (``grid_``): light blue where :math:`\mathbf{w}\cdot\mathbf{x} + b < 0`,
      light orange where :math:`\ge 0`;
    - ``line_``: the segment of the hyperplane inside the axes
      (:func:`nncore.hyperplane.line_in_box`);
    - ``arrow_``: :math:`\mathbf{w}`, drawn from the point of the line closest to the
      origin (:func:`nncore.hyperplane.closest_point`), labelled ``arrow_label_``;
    - ``points_``: the data, face colour = the side each point falls on, marker = its
      true label (circle 0, triangle 1);
    - ``wrong_``: black rings around the points on the wrong side;
    - ``message_``: shown only when :math:`\mathbf{w} = \mathbf{0}` (then there is no
      line and every point scores :math:`b`);
    - ``info_``: a caption above the axes with ``w``, ``b`` and the wrong-side count;
    - ``legend_``, ``ax_``, ``figure_``.

    Parameters
    ----------
    w : array-like of shape (2,)
        Normal vector of the line; may be zero.
    b : float
        Bias.
    X : array-like of shape (n_samples, 2), optional
        Points to show.
    y : array-like of shape (n_samples,), optional
        Their true labels in {0, 1}.
    xlim, ylim : (float, float), optional
        The view. Default: a square around the points and the origin
        (``(-3, 3)`` without points).

    Attributes
    ----------
    n_wrong_ : int or None
        Points on the wrong side (:func:`nncore.hyperplane.count_misclassified`);
        None without labels.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> X = np.array([[-1.0, -1.0], [1.0, 1.0], [2.0, -1.0]]); y = np.array([0, 1, 0])
    >>> disp = HyperplaneDisplay(w=[1, 1], b=0.0, X=X, y=y).plot(ax=Figure().add_subplot())
    >>> disp.n_wrong_
    1
    >>> line = disp.line_
    >>> disp.update([0, 0], 0.5).n_wrong_, disp.message_.get_visible(), disp.line_ is line
    (2, True, True)

    Used in Chapter 1, sections "A weight vector and a bias split the plane" and
    "Linear separability".
    """

    def __init__(self, *, w, b, X=None, y=None, xlim=None, ylim=None):
        self.w = as_vector(w, "w", dim=2)
        self.b = as_scalar(b, "b")
        if X is None and y is not None:
            raise ValueError("y was given without X; pass the points X of shape (n_samples, 2)")
        self.X = None if X is None else as_matrix(X, "X", n_features=2)
        self.y = None if y is None else as_labels(y, "y", n=len(self.X))
        self.xlim = None if xlim is None else as_interval(xlim, "xlim")
        self.ylim = None if ylim is None else as_interval(ylim, "ylim")

    # -- drawing -------------------------------------------------------------------

    def plot(self, ax=None, *, resolution=200, legend=True, w_arrow=True):
        """Draw the display once and keep handles to its artists.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw into; a new figure is made with pyplot when None.
        resolution : int, default=200
            The half-space image has ``resolution x resolution`` pixels.
        legend : bool, default=True
            Add a legend below the axes that explains colours and markers.
        w_arrow : bool, default=True
            Draw ``arrow_`` (w from the foot of the perpendicular). A display that
            draws w its own way (:class:`PerceptronStepDisplay`, from the origin)
            turns it off; ``arrow_`` then exists but stays hidden.

        Returns
        -------
        self : HyperplaneDisplay
        """
        from matplotlib.colors import ListedColormap

        if int(resolution) != resolution or resolution < 2:
            raise ValueError(f"resolution must be an integer >= 2; got {resolution!r}")
        self.resolution = int(resolution)
        self._w_arrow = bool(w_arrow)
        if ax is None:
            import matplotlib.pyplot as plt  # lazy, as everywhere in this module

            ax = _display_axes(plt.figure(figsize=DISPLAY_FIGSIZE))
        self.ax_, self.figure_ = ax, ax.figure
        default_x, default_y = _nice_limits(self.X)
        xlim = self.xlim or default_x
        ylim = self.ylim or default_y
        self._xlim, self._ylim = xlim, ylim

        self.regions_ = ax.imshow(
            np.zeros((self.resolution, self.resolution)),
            origin="lower",
            extent=(*xlim, *ylim),
            cmap=ListedColormap(REGION_COLORS),
            vmin=0,
            vmax=1,
            interpolation="nearest",
            interpolation_stage="data",  # same pixels for 0/1 data, a third faster
            aspect="equal",
            zorder=0,
        )
        self._set_grid(xlim, ylim)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ax.set_autoscale_on(False)
        ax.grid(True, color="white", lw=0.8)
        ax.set_axisbelow(True)  # axis zorder 0.5: grid above the image (zorder 0)
        for gl in ax.get_xgridlines() + ax.get_ygridlines():
            gl.set_zorder(0.5)
        ax.axhline(0.0, color=_AXIS_GREY, lw=0.8, zorder=1)
        ax.axvline(0.0, color=_AXIS_GREY, lw=0.8, zorder=1)
        if not ax.get_xlabel():
            ax.set_xlabel(r"$x_1$")
        if not ax.get_ylabel():
            ax.set_ylabel(r"$x_2$", rotation=0, labelpad=8)

        (self.line_,) = ax.plot([], [], color=_INK, lw=2.2, zorder=3)
        self.arrow_ = _arrow(ax, (0.0, 0.0), (1.0, 0.0), _INK, xlim[1] - xlim[0], zorder=4)
        self.arrow_label_ = ax.annotate(
            r"$\mathbf{w}$", xy=(1.0, 0.0), xytext=(0.0, 0.0), textcoords="offset points",
            color=_INK, fontsize=12, zorder=7,  # above the points
            bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.85),
        )
        self.points_ = None
        self.wrong_ = None
        if self.X is not None:
            self.points_ = ax.scatter(
                self.X[:, 0], self.X[:, 1], c=np.zeros(len(self.X)),
                cmap=ListedColormap(CLASS_COLORS), vmin=0, vmax=1, s=34,
                edgecolors=_INK, linewidths=0.6, zorder=5,
            )
            self._set_markers()
            self.wrong_ = ax.scatter(
                np.empty(0), np.empty(0), s=150, facecolors="none", edgecolors="black",
                linewidths=1.3, zorder=6,
            )
        self.message_ = ax.text(
            0.5, 0.97, "w = 0: no hyperplane; every point scores b",
            transform=ax.transAxes, ha="center", va="top", fontsize=10, zorder=10,
            visible=False,
            bbox=dict(boxstyle="round,pad=0.4", fc="white", ec="0.3", alpha=0.95),
        )
        self.info_ = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center",
                             va="bottom", fontsize=10, linespacing=1.4)
        self.legend_ = _display_legend(ax, self._legend_handles()) if legend else None
        return self.update(self.w, self.b)

    def _legend_handles(self):
        """Legend entries for what this display draws: sides, markers, rings, line."""
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        handles = [
            Patch(fc=REGION_COLORS[0], ec=CLASS_COLORS[0], lw=1.5,
                  label=r"side 0: $\mathbf{w}\cdot\mathbf{x} + b < 0$"),
            Patch(fc=REGION_COLORS[1], ec=CLASS_COLORS[1], lw=1.5,
                  label=r"side 1: $\mathbf{w}\cdot\mathbf{x} + b \geq 0$"),
        ]
        if self.X is not None:
            label0, label1 = (("true class 0", "true class 1") if self.y is not None
                              else ("point", None))
            handles.append(Line2D([], [], ls="none", marker=CLASS_MARKERS[0], ms=7,
                                  mfc="white", mec=_INK, label=label0))
            if label1 is not None:
                handles.append(Line2D([], [], ls="none", marker=CLASS_MARKERS[1],
                                      ms=7, mfc="white", mec=_INK, label=label1))
                handles.append(Line2D([], [], ls="none", marker="o", ms=11,
                                      mfc="none", mec="black", mew=1.3,
                                      label="on the wrong side"))
        handles.append(Line2D([], [], color=_INK, lw=2.2,
                              label=r"$\mathbf{w}\cdot\mathbf{x} + b = 0$"))
        return handles

    def _set_grid(self, xlim, ylim):
        """Pixel centres of the region image for the view ``xlim x ylim``."""
        n = self.resolution
        xs = xlim[0] + (np.arange(n) + 0.5) * (xlim[1] - xlim[0]) / n
        ys = ylim[0] + (np.arange(n) + 0.5) * (ylim[1] - ylim[0]) / n
        gx, gy = np.meshgrid(xs, ys)  # row i is y = ys[i]: matches origin="lower"
        self.grid_ = np.column_stack([gx.ravel(), gy.ravel()])

    def _set_markers(self):
        paths = {k: _marker_path(m) for k, m in enumerate(CLASS_MARKERS)}
        shapes = self.y if self.y is not None else np.zeros(len(self.X), dtype=int)
        self.points_.set_paths([paths[int(k)] for k in shapes])

    def update(self, w, b):
        """Move the hyperplane to ``(w, b)`` by changing the existing artists only.

        Parameters
        ----------
        w : array-like of shape (2,)
            New normal vector; ``w = 0`` hides the line and the arrow and shows
            ``message_``.
        b : float
            New bias.

        Returns
        -------
        self : HyperplaneDisplay
        """
        if not hasattr(self, "ax_"):
            raise RuntimeError("call plot() before update()")
        w = as_vector(w, "w", dim=2)
        b = as_scalar(b, "b")
        self.w, self.b = w, b
        n = self.resolution
        self.regions_.set_data(_hp.halfspace(self.grid_, w, b).reshape(n, n))

        zero = not np.any(w)
        segment = _hp.line_in_box(w, b, self._xlim, self._ylim)
        if segment is None:
            self.line_.set_visible(False)
        else:
            segment = np.asarray(segment, dtype=float)
            self.line_.set_data(segment[:, 0], segment[:, 1])
            self.line_.set_visible(True)
        show_arrow = segment is not None and not zero and self._w_arrow
        self.arrow_.set_visible(show_arrow)
        self.arrow_label_.set_visible(show_arrow)
        if show_arrow:
            start = _hp.closest_point(w, b)
            _move_arrow(self.arrow_, start, start + w, self._xlim[1] - self._xlim[0])
            _move_label(self.arrow_label_, start + w, w)
        self.message_.set_visible(zero)
        if zero:
            self.message_.set_text(
                f"w = 0: no hyperplane; every point scores b = {b:.2f}\n"
                f"so every point falls on side {1 if b >= 0 else 0}"
            )

        self.n_wrong_ = None
        if self.X is not None:
            side = _hp.halfspace(self.X, w, b)
            self.points_.set_array(side)
            if self.y is not None:
                self.wrong_.set_offsets(self.X[side != self.y])
                self.n_wrong_ = int(_hp.count_misclassified(self.X, self.y, w, b))
            else:
                self.wrong_.set_offsets(np.empty((0, 2)))
        self.info_.set_text(self._caption(segment is None and not zero))
        canvas = self.figure_.canvas
        from matplotlib.backend_bases import FigureCanvasBase

        # interactive canvases (ipympl, Qt, ...) schedule a redraw; Agg's draw_idle
        # would draw at once, which the caller (savefig, a widget) does anyway.
        if type(canvas).draw_idle is not FigureCanvasBase.draw_idle:
            canvas.draw_idle()
        return self

    def _caption(self, off_view):
        """Two lines, always, so the layout never changes: (w, b), then the count."""
        first = f"w = ({_fixed(self.w[0])}, {_fixed(self.w[1])}),   b = {_fixed(self.b)}"
        parts = []
        if self.n_wrong_ is not None:
            parts.append(f"{self.n_wrong_} of {len(self.X)} points on the wrong side")
        if off_view:
            parts.append("line out of view")
        return first + "\n" + ";  ".join(parts)

    def set_data(self, X, y=None):
        """Swap in new points (same artists); widen the view only if they do not fit.

        Parameters
        ----------
        X : array-like of shape (n_samples, 2)
        y : array-like of shape (n_samples,), optional
            Needed if the display was made with labels.

        Returns
        -------
        self : HyperplaneDisplay
        """
        if self.X is None:
            raise ValueError("this display was made without points; create it with X")
        X = as_matrix(X, "X", n_features=2)
        if self.y is not None and y is None:
            raise ValueError("y is required: this display shows true labels")
        self.X = X
        self.y = None if y is None else as_labels(y, "y", n=len(X))
        self.points_.set_offsets(X)
        self._set_markers()
        if self.xlim is None and self.ylim is None:
            new_x, new_y = _nice_limits(X)
            cur_w = self._xlim[1] - self._xlim[0]
            outside = (X.min(axis=0) < (self._xlim[0], self._ylim[0])).any() or (
                X.max(axis=0) > (self._xlim[1], self._ylim[1])).any()
            too_big = (new_x[1] - new_x[0]) < 0.6 * cur_w
            if outside or too_big:
                self._set_view(new_x, new_y)
        return self.update(self.w, self.b)

    def _set_view(self, xlim, ylim):
        """Show ``xlim x ylim``: axes limits, the region image's extent and its grid
        (the artists are redrawn by the next :meth:`update`)."""
        self._xlim, self._ylim = xlim, ylim
        self.ax_.set_xlim(xlim)
        self.ax_.set_ylim(ylim)
        self.regions_.set_extent((*xlim, *ylim))
        self._set_grid(xlim, ylim)


def animate_hyperplane(X, y, ws, bs, *, interval=300, dpi=72, figsize=DISPLAY_FIGSIZE):
    r"""An animation of the hyperplane moving through ``(ws[i], bs[i])``, for the website.

    One :class:`HyperplaneDisplay` is drawn once; each frame calls its
    :meth:`~HyperplaneDisplay.update`. The figure is a plain
    :class:`matplotlib.figure.Figure` (not pyplot), so a notebook shows only the
    animation: ``IPython.display.HTML(anim.to_jshtml())`` plays without a kernel.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,)
        Labels in {0, 1}.
    ws : array-like of shape (n_frames, 2)
        The normal vector in each frame.
    bs : array-like of shape (n_frames,)
        The bias in each frame.
    interval : int, default=300
        Milliseconds between frames.
    dpi : float, default=72
        Resolution of the frames (keep it low: every frame is embedded in the page).
    figsize : (float, float), default=DISPLAY_FIGSIZE
        Figure size in inches.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Its ``display`` attribute holds the :class:`HyperplaneDisplay`.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[-1.0, 0.0], [1.0, 0.0]]); y = np.array([0, 1])
    >>> anim = animate_hyperplane(X, y, [[1, 0], [1, 1]], [0.0, -0.5])
    >>> anim.display.n_wrong_
    0
    >>> html = anim.to_jshtml()  # render it, as a chapter does

    Used in Chapter 1, section "Move the hyperplane yourself".
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    W = as_matrix(ws, "ws", n_features=2)
    B = np.asarray(bs, dtype=float)
    if B.shape != (len(W),):
        raise ValueError(f"bs must have shape ({len(W)},), one bias per row of ws; got shape {B.shape}")
    if not np.all(np.isfinite(B)):
        raise ValueError("bs must be finite")
    if len(W) == 0:
        raise ValueError("ws must hold at least one frame; got 0 rows")
    fig = Figure(figsize=figsize, dpi=dpi)
    _palette_canvas(fig)  # 256-colour frames: the same picture, a third of the bytes
    FigureCanvasAgg(fig)
    display = HyperplaneDisplay(w=W[0], b=B[0], X=X, y=y).plot(ax=_display_axes(fig))
    artists = [display.regions_, display.line_, display.arrow_, display.arrow_label_,
               display.message_, display.info_, display.points_, display.wrong_]

    def frame(i):
        display.update(W[i], B[i])
        return artists

    anim = FuncAnimation(fig, frame, frames=len(W), interval=interval, blit=False)
    anim.display = display
    return anim


# ----------------------------------------------------------------------------------
# the perceptron's learning rule, one update at a time
# ----------------------------------------------------------------------------------

#: Okabe-Ito vermillion: the sample being corrected and the correction
#: :math:`\mathrm{lr}\,(y - \hat{y})\,\mathbf{x}`; it stays readable on both half-space
#: tints and differs from both class colours.
HIGHLIGHT_COLOR = "#D55E00"
#: Grey of w before an update and of the boundary before it.
BEFORE_COLOR = "0.5"
#: Figure size (inches) of a :class:`PerceptronStepDisplay` made with ``ax=None`` and
#: of :func:`animate_training`: the square axes of :data:`DISPLAY_FIGSIZE`, with room
#: for a five-line caption and a longer legend. The stepper widget, whose status line
#: holds two of those lines, is 0.45 in shorter.
STEP_FIGSIZE = (5.0, 7.1)
_STEP_MARGINS = dict(top=1.2, bottom=1.95)  # inches, see _display_axes
_STEP_MARGINS_SHORT = dict(top=0.6, bottom=1.95)  # caption="short": two lines
#: Keys every record of a perceptron's history must have (``Perceptron.history_``).
HISTORY_KEYS = ("epoch", "index", "x", "y", "y_hat", "w_before", "b_before", "w", "b",
                "errors")


def _history_arrays(history, X):
    """Check a perceptron history (a list of dicts, one per update) against the points
    ``X`` (n, 2) and stack it into arrays, one row per update."""
    from collections.abc import Mapping, Sequence

    if isinstance(history, (str, bytes)) or not isinstance(history, Sequence):
        raise TypeError("history must be a list of dicts, one per update "
                        f"(Perceptron.history_); got {type(history).__name__}")
    for k, record in enumerate(history):
        if not isinstance(record, Mapping):
            raise TypeError(f"history[{k}] must be a dict (one record per update); "
                            f"got {type(record).__name__}")
        missing = [key for key in HISTORY_KEYS if key not in record]
        if missing:
            raise ValueError(f"history[{k}] lacks the key(s) {missing}; every record needs "
                             f"{list(HISTORY_KEYS)} (as in Perceptron.history_)")
    n_updates = len(history)
    for k, record in enumerate(history):
        for key in ("x", "w_before", "w"):
            if np.shape(record[key]) != (2,):
                raise ValueError(f"history[{k}][{key!r}] must have shape (2,), as X has 2 "
                                 f"features; got shape {np.shape(record[key])}")
    out = {}
    for key in HISTORY_KEYS:
        values = as_array([record[key] for record in history], f"history[...][{key!r}]")
        vector = key in ("x", "w_before", "w")
        expected = (n_updates, 2) if vector else (n_updates,)
        if values.shape != expected and not (n_updates == 0 and values.size == 0):
            what = "shape (2,)" if vector else "a number"
            raise ValueError(f"every history record's {key!r} must be {what}, as X has 2 "
                             f"features; got an array of shape {values.shape} for all of them")
        out[key] = values.reshape(expected)
    for key in ("epoch", "index", "y", "y_hat", "errors"):
        if np.any(out[key] != np.round(out[key])) or np.any(out[key] < 0):
            raise ValueError(f"history[...][{key!r}] must be non-negative integers")
        out[key] = out[key].astype(int)
    bad = np.flatnonzero(out["index"] >= len(X))
    if bad.size:
        k = int(bad[0])
        raise ValueError(f"history[{k}]['index'] = {out['index'][k]} is not a row of X "
                         f"(n_samples = {len(X)}); is it the history of another data set?")
    bad = np.flatnonzero(np.any(X[out["index"]] != out["x"], axis=1)) if n_updates else []
    if len(bad):
        k = int(bad[0])
        raise ValueError(f"history[{k}]['x'] = {out['x'][k].tolist()} is not "
                         f"X[{out['index'][k]}] = {X[out['index'][k]].tolist()}; "
                         "is it the history of another data set?")
    return out


def _step_limits(X, room=0.35):
    """The default view of a :class:`PerceptronStepDisplay`: :func:`_nice_limits` of
    the points, widened so that the origin, where the arrows of w start, has at least
    ``room`` times the data's extent free around it in every direction."""
    lo = np.minimum(X.min(axis=0), 0.0)
    hi = np.maximum(X.max(axis=0), 0.0)
    r = room * float(np.max(hi - lo))
    return _nice_limits(np.vstack([X, [[-r, -r], [r, r]]]))


def _room(u, xlim, ylim):
    """Distance from the origin to the edge of the box ``xlim x ylim`` along the unit
    vector ``u`` (0 if the origin is outside the box)."""
    t = np.inf
    for c, (low, high) in zip(u, (xlim, ylim)):
        if c > 0:
            t = min(t, high / c)
        elif c < 0:
            t = min(t, low / c)
    return max(float(t), 0.0)


def _nice_ceil(v):
    """The smallest of 1, 2, 5, 10, 20, 50, ... that is >= v (v >= 1)."""
    e = 10.0 ** np.floor(np.log10(v))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * e >= v * (1 - 1e-12):
            return m * e
    return 10.0 * e  # pragma: no cover (m = 10 always suffices)


def _nice_floor(v):
    """The largest of 1, 2, 5, 10, 20, 50, ... that is <= v (v >= 1)."""
    e = 10.0 ** np.floor(np.log10(v) + 1e-12)
    return max(m * e for m in (1.0, 2.0, 5.0) if m * e <= v * (1 + 1e-12))


def _arrow_factor(tips, xlim, ylim, fill=0.9, smallest=0.15, largest=0.35):
    """The factor by which arrows from the origin to ``tips`` are drawn: 1 when they
    fit in the view (each tip within ``fill`` of the way to the edge along its own
    direction) and the longest is at least ``smallest`` of the view; otherwise a round
    1/s (s = 2, 5, 10, 20, ...) that makes them fit, or a round s that makes tiny
    arrows visible (the longest up to ``largest`` of the view)."""
    tips = [np.asarray(t, dtype=float) for t in tips if np.any(t)]
    if not tips:
        return 1.0
    span = min(xlim[1] - xlim[0], ylim[1] - ylim[0])
    lengths = [float(np.hypot(*t)) for t in tips]
    rooms = [max(_room(t / L, xlim, ylim), 0.1 * span) for t, L in zip(tips, lengths)]
    fit = min(fill * r / L for r, L in zip(rooms, lengths))
    longest = max(lengths)
    if fit >= 1.0 and longest >= smallest * span:
        return 1.0
    if fit < 1.0:
        return 1.0 / _nice_ceil(1.0 / fit)
    return _nice_floor(min(fit, largest * span / longest))


def _factor_text(f):
    if f == 1.0:
        return "arrows at true length"
    if f < 1.0:
        return f"arrows scaled by 1/{1.0 / f:g}"
    return f"arrows scaled by {f:g}"


def _legend_arrow(legend, orig_handle, xdescent, ydescent, width, height, fontsize):
    """A legend key that is a small arrow in the colour of the arrow it stands for."""
    from matplotlib.patches import FancyArrow

    weight = getattr(orig_handle, "_nncore_weight", 1.0)
    return FancyArrow(-xdescent, 0.5 * height - ydescent, width, 0.0,
                      length_includes_head=True, width=0.22 * height * weight,
                      head_width=0.75 * height, head_length=0.45 * width, lw=0)


class PerceptronStepDisplay:
    r"""Rosenblatt's learning rule, one update at a time, over the data.

    Update :math:`k` of a training run corrects the sample :math:`(\mathbf{x}, y)` that
    the perceptron got wrong (:math:`\hat{y} \ne y`):

    .. math::

        \mathbf{w} \leftarrow \mathbf{w} + \mathrm{lr}\,(y - \hat{y})\,\mathbf{x},
        \qquad b \leftarrow b + \mathrm{lr}\,(y - \hat{y}).

    :meth:`show_step` draws it: the boundary and half-spaces after the update (a
    :class:`HyperplaneDisplay`, ``hyperplane_``), the boundary before it as a grey
    dashed line, the corrected sample ringed in vermillion, and the vectors as arrows
    from the origin: :math:`\mathbf{w}` before the update (grey), after it (black) and
    the correction :math:`\mathrm{lr}\,(y - \hat{y})\,\mathbf{x}` (thin, vermillion)
    from the tip of the first to the tip of the second, so the triangle
    "before + correction = after" is on the page. The correction is parallel to
    :math:`\mathbf{x}` itself: towards the sample when :math:`y = 1`, away from it when
    :math:`y = 0`. When the vectors are too long for the view (or too short to see),
    all three are drawn scaled by the same round factor, and the caption says so.

    A scikit-learn style Display: ``__init__`` only checks and stores, :meth:`plot`
    creates the artists once, :meth:`show_step` only moves them.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The training points.
    y : array-like of shape (n_samples,)
        Their labels in {0, 1}.
    history : list of dict
        One record per update, as ``Perceptron.history_``: the keys
        :data:`HISTORY_KEYS` (``"epoch"``, ``"index"``, ``"x"``, ``"y"``,
        ``"y_hat"``, ``"w_before"``, ``"b_before"``, ``"w"``, ``"b"``, ``"errors"``).
    initial_w : array-like of shape (2,), optional
        w before training (step 0); zeros by default, where the perceptron starts.
    initial_b : float, default=0.0
        b before training.
    xlim, ylim : (float, float), optional
        The view; by default a square around the points and the origin.

    Attributes
    ----------
    hyperplane_ : HyperplaneDisplay
        The half-spaces, the boundary ``hyperplane_.line_``, the points and the
        rings around the points on the wrong side, for (w, b) after the update.
    line_before_ : Line2D
        The boundary before the update (grey, dashed).
    highlight_ : PathCollection
        The vermillion ring around the sample being corrected.
    w_before_, w_after_, correction_ : FancyArrow
        The arrows; ``w_before_label_``, ``w_after_label_`` and ``correction_label_``
        are their labels.
    factor_ : float
        The factor the arrows are drawn at in the current step (1: true length).
    info_ : Text
        The caption above the axes (``caption="full"``, the default), three lines:
        "update k of K · epoch e · sample i";
        the rule as applied (e.g. :math:`y = 1, \hat{y} = 0`: w <- w + lr x,
        b <- b + lr); "mistakes so far this epoch: m · arrows scaled by 1/s" (m =
        ``history[k-1]["errors"]``, this update included; "arrows at true length" when
        not scaled). Epochs and samples count from 0, as in the history and as rows
        of ``X``. With ``caption="short"`` only the rule and the arrows' scale.
    step_ : int
        The step shown: 0 (before training) to ``n_updates``.
    n_updates : int
        ``len(history)``.
    ax_, figure_, legend_

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> X = np.array([[2.0, 1.0], [-1.0, -2.0]]); y = np.array([1, 0])
    >>> history = [dict(epoch=0, index=1, x=X[1], y=0, y_hat=1, w_before=np.zeros(2),
    ...                 b_before=0.0, w=np.array([0.5, 1.0]), b=-0.5, errors=1)]  # lr = 0.5
    >>> disp = PerceptronStepDisplay(X=X, y=y, history=history).plot(ax=Figure().add_subplot())
    >>> disp.step_, disp.hyperplane_.message_.get_visible()   # step 0: w = 0
    (0, True)
    >>> disp.show_step(1).highlight_.get_offsets().tolist()
    [[-1.0, -2.0]]
    >>> print(disp.info_.get_text().splitlines()[0])
    update 1 of 1 · epoch 0 · sample 1
    >>> print(disp.info_.get_text().splitlines()[2])
    mistakes so far this epoch: 1 · arrows at true length

    Derived in Chapter 2, section "The learning rule".
    """

    def __init__(self, *, X, y, history, initial_w=None, initial_b=0.0, xlim=None,
                 ylim=None):
        self.X = as_matrix(X, "X", n_features=2)
        self.y = as_labels(y, "y", n=len(self.X))
        self._h = _history_arrays(history, self.X)
        self.history = history
        self.n_updates = len(history)
        self.initial_w = (np.zeros(2) if initial_w is None
                          else as_vector(initial_w, "initial_w", dim=2))
        self.initial_b = as_scalar(initial_b, "initial_b")
        self.xlim = None if xlim is None else as_interval(xlim, "xlim")
        self.ylim = None if ylim is None else as_interval(ylim, "ylim")

    # -- drawing -------------------------------------------------------------------

    def plot(self, ax=None, *, resolution=200, legend=True, caption="full"):
        """Draw the display once (at step 0) and keep handles to its artists.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw into; a new figure of size :data:`STEP_FIGSIZE` is made with
            pyplot when None.
        resolution : int, default=200
            The half-space image has ``resolution x resolution`` pixels.
        legend : bool, default=True
            Add a legend below the axes.
        caption : {"full", "short"}, default="full"
            "full": ``info_`` has three lines (the update, epoch and sample; the rule;
            the mistakes so far and the arrows' scale) above the caption of
            ``hyperplane_`` (w, b, points on the wrong side). "short": only the rule
            and the arrows' scale, for a widget whose status line says the rest
            (text is the dearest thing to redraw).

        Returns
        -------
        self : PerceptronStepDisplay
        """
        from matplotlib.legend_handler import HandlerPatch
        from matplotlib.lines import Line2D
        from matplotlib.patches import FancyArrow

        if caption not in ("full", "short"):
            raise ValueError(f'caption must be "full" or "short"; got {caption!r}')
        self._full_caption = caption == "full"
        if ax is None:
            import matplotlib.pyplot as plt  # lazy, as everywhere in this module

            margins = _STEP_MARGINS if self._full_caption else _STEP_MARGINS_SHORT
            height = STEP_FIGSIZE[1] - _STEP_MARGINS["top"] + margins["top"]
            ax = _display_axes(plt.figure(figsize=(STEP_FIGSIZE[0], height)), **margins)
        xlim, ylim = self._limits(self.X)
        hp = HyperplaneDisplay(w=self.initial_w, b=self.initial_b, X=self.X, y=self.y,
                               xlim=xlim, ylim=ylim)
        self.hyperplane_ = hp.plot(ax=ax, resolution=resolution, legend=False,
                                   w_arrow=False)
        self.ax_, self.figure_ = hp.ax_, hp.figure_
        hp.info_.set_visible(self._full_caption)
        self._make_artists()
        self.legend_ = None
        if legend:
            ring = Line2D([], [], ls="none", marker="o", ms=14, mfc="none",
                          mec=HIGHLIGHT_COLOR, mew=2.4, label="the sample corrected")
            handles = hp._legend_handles() + [
                self.line_before_, self.w_before_, self.w_after_, self.correction_, ring]
            self.legend_ = _display_legend(
                ax, handles, handler_map={FancyArrow: HandlerPatch(patch_func=_legend_arrow)})
        return self.show_step(0)

    def _make_artists(self):
        ax = self.ax_
        scale = self._span()
        (self.line_before_,) = ax.plot([], [], color=BEFORE_COLOR, lw=1.6, ls=(0, (4, 3)),
                                       zorder=2.9, label="boundary before the update")
        self.w_before_ = _arrow(ax, (0.0, 0.0), (1.0, 0.0), BEFORE_COLOR, scale, zorder=6.1,
                                label=r"$\mathbf{w}$ before the update")
        self.w_after_ = _arrow(ax, (0.0, 0.0), (1.0, 0.0), _INK, scale, zorder=6.2,
                               label=r"$\mathbf{w}$ after the update")
        self.correction_ = _arrow(ax, (0.0, 0.0), (1.0, 0.0), HIGHLIGHT_COLOR, scale,
                                  weight=0.45, zorder=6.3,
                                  label=r"correction $\mathrm{lr}\,(y-\hat{y})\,\mathbf{x}$")
        self.correction_._nncore_weight = 0.45
        label_style = dict(textcoords="offset points", fontsize=10.5, zorder=9,
                           bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none",
                                     alpha=0.85))
        self.w_before_label_ = ax.annotate(r"$\mathbf{w}$ before", xy=(1.0, 0.0),
                                           xytext=(0, 0), color="0.3", **label_style)
        self.w_after_label_ = ax.annotate(r"$\mathbf{w}$ after", xy=(1.0, 0.0),
                                          xytext=(0, 0), color=_INK, fontweight="bold",
                                          **label_style)
        self.correction_label_ = ax.annotate(
            r"$\mathrm{lr}\,(y-\hat{y})\,\mathbf{x}$", xy=(1.0, 0.0), xytext=(0, 0),
            color=HIGHLIGHT_COLOR, **label_style)
        self._label_sizes = {}  # measured once, when first shown
        self.highlight_ = ax.scatter(np.empty(0), np.empty(0), s=330, facecolors="none",
                                     edgecolors=HIGHLIGHT_COLOR, linewidths=2.6, zorder=8)
        # above the hyperplane's own two-line caption (w, b; points on the wrong side)
        self.info_ = ax.annotate("", xy=(0.5, 1.02), xycoords="axes fraction",
                                 xytext=(0.0, 33.0 if self._full_caption else 0.0),
                                 textcoords="offset points",
                                 ha="center", va="bottom", fontsize=10, linespacing=1.45)

    def _limits(self, X):
        default_x, default_y = _step_limits(X)
        return self.xlim or default_x, self.ylim or default_y

    def _span(self):
        hp = self.hyperplane_
        return min(hp._xlim[1] - hp._xlim[0], hp._ylim[1] - hp._ylim[0])

    def dynamic_artists(self):
        """Every artist that :meth:`show_step` may change (for blitting)."""
        hp = self.hyperplane_
        return [hp.regions_, self.line_before_, hp.line_, hp.points_, hp.wrong_,
                self.w_before_, self.w_after_, self.correction_, self.highlight_,
                self.w_before_label_, self.w_after_label_, self.correction_label_,
                hp.message_, self.info_] + ([hp.info_] if self._full_caption else [])

    # -- one step ------------------------------------------------------------------

    def _check_step(self, k):
        import numbers

        if isinstance(k, bool) or not isinstance(k, numbers.Integral):
            raise TypeError(f"k must be an int from 0 to {self.n_updates}; got {k!r} "
                            f"of type {type(k).__name__}")
        if not 0 <= k <= self.n_updates:
            raise ValueError(f"k must be from 0 (before training) to {self.n_updates} "
                             f"(the number of updates); got {k}")
        return int(k)

    def show_step(self, k):
        r"""Show the state after update ``k`` (``history[k-1]``); 0 is before training.

        Only moves the existing artists.

        Parameters
        ----------
        k : int
            0 to ``n_updates``.

        Returns
        -------
        self : PerceptronStepDisplay
        """
        if not hasattr(self, "ax_"):
            raise RuntimeError("call plot() before show_step()")
        k = self._check_step(k)
        h, hp = self._h, self.hyperplane_
        if k == 0:
            w, b = self.initial_w, self.initial_b
        else:
            w, b = h["w"][k - 1], float(h["b"][k - 1])
        hp.update(w, b)
        self.step_ = k
        moving = (self.line_before_, self.w_before_, self.w_after_, self.correction_,
                  self.highlight_, self.w_before_label_, self.w_after_label_,
                  self.correction_label_)
        if k == 0:
            for artist in moving:
                artist.set_visible(False)
            self.factor_ = 1.0
            self.info_.set_text(self._caption_start())
            return self
        i = k - 1
        w_before, b_before = h["w_before"][i], float(h["b_before"][i])
        self.highlight_.set_offsets(h["x"][i][np.newaxis, :])
        self.highlight_.set_visible(True)
        before = _hp.line_in_box(w_before, b_before, hp._xlim, hp._ylim)
        self.line_before_.set_visible(before is not None)
        if before is not None:
            before = np.asarray(before, dtype=float)
            self.line_before_.set_data(before[:, 0], before[:, 1])
        self._draw_triangle(w_before, w)
        self.info_.set_text(self._caption(k))
        return self

    def _draw_triangle(self, w_before, w_after):
        """The arrows 0 -> w_before, 0 -> w_after and w_before -> w_after, drawn at
        one common factor, and their labels placed away from each other."""
        hp = self.hyperplane_
        f = _arrow_factor([w_before, w_after], hp._xlim, hp._ylim)
        self.factor_ = f
        A, B = f * np.asarray(w_before, float), f * np.asarray(w_after, float)
        scale = self._span()
        origin = np.zeros(2)
        for arrow, label, start, end, weight in (
                (self.w_before_, self.w_before_label_, origin, A, 1.0),
                (self.w_after_, self.w_after_label_, origin, B, 1.0),
                (self.correction_, self.correction_label_, A, B, 0.45)):
            visible = bool(np.any(end - start))
            arrow.set_visible(visible)
            label.set_visible(visible)
            if visible:
                _move_arrow(arrow, start, end, scale, weight, head=0.7 if weight < 1 else 1.0)
        # each label by its side of the triangle 0, A, B, on the outside (away from the
        # third corner), at the middle if there is room: no label on another, none
        # out of the axes (when the canvas can measure text)
        side = np.array([-B[1], B[0]]) if np.any(B) else np.array([-A[1], A[0]])
        placed = []
        for label, P, Q, third, fallback in (
                (self.w_after_label_, origin, B, A, -side),
                (self.w_before_label_, origin, A, B, side),
                (self.correction_label_, A, B, origin, side)):
            if label.get_visible():
                if label not in self._label_sizes:
                    self._label_sizes[label] = _label_size(label)
                placed.append(_place_side_label(label, self.ax_, P, Q, third, fallback,
                                                self._label_sizes[label], placed))

    def _caption_start(self):
        K = self.n_updates
        w = self.initial_w
        start = ("w = 0, b = 0" if not np.any(w) and self.initial_b == 0
                 else f"w = ({_fixed(w[0])}, {_fixed(w[1])}), b = {_fixed(self.initial_b)}")
        rule = (r"on a mistake: $\mathbf{w} \leftarrow \mathbf{w} + "
                r"\mathrm{lr}\,(y-\hat{y})\,\mathbf{x}$, "
                r"$b \leftarrow b + \mathrm{lr}\,(y-\hat{y})$")
        if not self._full_caption:
            return f"{rule}\nbefore training: {start}"
        return (f"before training (update 0 of {K}): {start}\n{rule}\n"
                + (f"{K} update{'s' if K != 1 else ''} in this run" if K
                   else "no update: every point is already on its side"))

    def _caption(self, k):
        h, i = self._h, k - 1
        y, y_hat = int(h["y"][i]), int(h["y_hat"][i])
        sign = "+" if y - y_hat > 0 else "-"
        rule = (rf"$y = {y}$, $\hat{{y}} = {y_hat}$:  "
                rf"$\mathbf{{w}} \leftarrow \mathbf{{w}} {sign} \mathrm{{lr}}\,\mathbf{{x}}$,  "
                rf"$b \leftarrow b {sign} \mathrm{{lr}}$")
        if not self._full_caption:
            return f"{rule}\n{_factor_text(self.factor_)}"
        return (f"update {k} of {self.n_updates} · epoch {h['epoch'][i]} · "
                f"sample {h['index'][i]}\n{rule}\n"
                f"mistakes so far this epoch: {h['errors'][i]} · {_factor_text(self.factor_)}")

    def set_data(self, X, y, history, initial_w=None, initial_b=0.0):
        """Swap in new points and a new history (same artists), and show step 0.

        The view becomes the default one for the new points (unless ``xlim`` and
        ``ylim`` were given).

        Parameters
        ----------
        X, y, history, initial_w, initial_b
            As for the constructor.

        Returns
        -------
        self : PerceptronStepDisplay
        """
        X = as_matrix(X, "X", n_features=2)
        y = as_labels(y, "y", n=len(X))
        h = _history_arrays(history, X)
        initial_w = np.zeros(2) if initial_w is None else as_vector(initial_w, "initial_w",
                                                                     dim=2)
        initial_b = as_scalar(initial_b, "initial_b")
        self.X, self.y, self._h, self.history = X, y, h, history
        self.n_updates = len(history)
        self.initial_w, self.initial_b = initial_w, initial_b
        self.hyperplane_._set_view(*self._limits(X))
        self.hyperplane_.set_data(X, y)
        return self.show_step(0)


def _outward(P, Q, third, fallback):
    """The normal of the side P -> Q that points away from the corner ``third`` (or
    ``fallback`` when the three corners are in a line)."""
    d = Q - P
    normal = np.array([-d[1], d[0]])
    toward = float(np.dot(normal, third - 0.5 * (P + Q)))
    scale = np.hypot(*normal) * max(np.hypot(*(third - P)), np.hypot(*d))
    if abs(toward) <= 1e-9 * scale:
        return np.asarray(fallback, dtype=float)
    return -normal if toward > 0 else normal


_H_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0}
_V_SHIFT = {"bottom": 0.0, "center": 0.5, "top": 1.0}
_SIDE_POSITIONS = (0.5, 0.7, 0.3, 0.85, 0.15)  # where along a side a label may sit


def _place_side_label(annotation, ax, P, Q, third, fallback, size, taken):
    """Label the side P -> Q of a triangle: outside it, at its middle or, if that box
    would sit on a box in ``taken`` (points), further along it, else inside it, else
    further out (a small triangle has no room next to it), else where it covers the
    least of them; shifted to stay in the axes. Returns the box used, (x0, y0, x1, y1)
    in points."""
    normal = _direction(_outward(P, Q, third, fallback))
    candidates = [(t, normal, 5.0) for t in _SIDE_POSITIONS]
    candidates += [(t, -normal, 5.0) for t in _SIDE_POSITIONS[:3]]
    candidates += [(t, sign * normal, offset) for offset in (16.0, 28.0) for sign in (1, -1)
                   for t in _SIDE_POSITIONS[:3]]
    to_points = 72.0 / ax.figure.dpi
    frame = np.array([ax.bbox.x0, ax.bbox.y0, ax.bbox.x1, ax.bbox.y1]) * to_points
    frame += (2.0, 2.0, -2.0, -2.0)
    choice, least = None, np.inf
    for t, u, offset in candidates:
        anchor = P + t * (Q - P)
        ha, va = _tip_alignment(u)
        dx, dy = offset * u
        if size is None:  # no renderer to measure text: the first place, as it is
            choice = (anchor, (dx, dy), ha, va, None)
            break
        width, height = size
        x, y = ax.transData.transform(anchor) * to_points
        left = x + dx - _H_SHIFT[ha] * width
        bottom = y + dy - _V_SHIFT[va] * height
        # keep it in the axes
        shift_x = max(0.0, frame[0] - left) - max(0.0, left + width - frame[2])
        shift_y = max(0.0, frame[1] - bottom) - max(0.0, bottom + height - frame[3])
        box = (left + shift_x, bottom + shift_y, left + shift_x + width,
               bottom + shift_y + height)
        option = (anchor, (dx + shift_x, dy + shift_y), ha, va, box)
        overlap = sum(max(0.0, min(box[2], o[2]) - max(box[0], o[0]))
                      * max(0.0, min(box[3], o[3]) - max(box[1], o[1])) for o in taken)
        if choice is None or overlap < least:
            choice, least = option, overlap
        if overlap == 0.0:
            break
    anchor, position, ha, va, box = choice
    annotation.xy = tuple(anchor)
    annotation.set_position(position)
    annotation.set_horizontalalignment(ha)
    annotation.set_verticalalignment(va)
    return box if box is not None else (np.inf, np.inf, -np.inf, -np.inf)


def _label_size(annotation):
    """Width and height (points) of a label's text and its box, at any position; None
    if the canvas cannot measure text (then labels are not kept apart)."""
    fig = annotation.figure
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None:
        return None
    box = annotation.get_window_extent(get_renderer())
    pad = 2.0 * 0.12 * annotation.get_fontsize() + 1.0  # the round box around the text
    to_points = 72.0 / fig.dpi
    return box.width * to_points + pad, box.height * to_points + pad


def _frame_steps(n_updates, max_frames):
    """Steps 0..n_updates, or ``max_frames`` of them evenly spaced (0 and the last kept)."""
    if n_updates + 1 <= max_frames:
        return np.arange(n_updates + 1)
    return np.unique(np.round(np.linspace(0, n_updates, max_frames)).astype(int))


def animate_training(X, y, history, *, interval=400, max_frames=60, dpi=72,
                     figsize=STEP_FIGSIZE, initial_w=None, initial_b=0.0):
    r"""An animation of a perceptron's training, one frame per update, for the website.

    One :class:`PerceptronStepDisplay` is drawn once; each frame calls its
    :meth:`~PerceptronStepDisplay.show_step`. The first frame is step 0 (before
    training) and then one frame per update; when there are more than ``max_frames``
    steps, ``max_frames`` of them are taken evenly, always the first and the last.
    The figure is a plain :class:`matplotlib.figure.Figure` (not pyplot), so a
    notebook shows only the animation: ``IPython.display.HTML(anim.to_jshtml())``
    plays without a kernel.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,)
        Labels in {0, 1}.
    history : list of dict
        ``Perceptron.history_`` of a run on ``X, y``.
    interval : int, default=400
        Milliseconds between frames.
    max_frames : int, default=60
        At most this many frames (each is embedded in the page as a PNG).
    dpi : float, default=72
    figsize : (float, float), default=STEP_FIGSIZE
    initial_w : array-like of shape (2,), optional
        w before training (zeros by default, where the perceptron starts).
    initial_b : float, default=0.0

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Its ``display`` attribute holds the :class:`PerceptronStepDisplay`, its
        ``steps`` attribute the step shown in each frame.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[2.0, 1.0], [-1.0, -2.0]]); y = np.array([1, 0])
    >>> history = [dict(epoch=0, index=1, x=X[1], y=0, y_hat=1, w_before=np.zeros(2),
    ...                 b_before=0.0, w=np.array([1.0, 2.0]), b=-1.0, errors=1)]
    >>> anim = animate_training(X, y, history)
    >>> anim.steps.tolist()
    [0, 1]
    >>> html = anim.to_jshtml()  # render it, as a chapter does

    Used in Chapter 2, section "Step through training yourself".
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    import numbers

    if isinstance(max_frames, bool) or not isinstance(max_frames, numbers.Integral):
        raise TypeError(f"max_frames must be an int >= 2; got {max_frames!r}")
    if max_frames < 2:
        raise ValueError(f"max_frames must be an int >= 2 (the first and last step); "
                         f"got {max_frames}")
    display = PerceptronStepDisplay(X=X, y=y, history=history, initial_w=initial_w,
                                    initial_b=initial_b)
    fig = Figure(figsize=figsize, dpi=dpi)
    _palette_canvas(fig)  # 256-colour frames: the same picture, a third of the bytes
    FigureCanvasAgg(fig)
    display.plot(ax=_display_axes(fig, **_STEP_MARGINS))
    steps = _frame_steps(display.n_updates, int(max_frames))
    artists = display.dynamic_artists()

    def frame(k):
        display.show_step(int(k))
        return artists

    anim = FuncAnimation(fig, frame, frames=steps, interval=interval, blit=False)
    anim.display = display
    anim.steps = steps
    return anim


def plot_errors_per_epoch(errors_per_epoch, ax=None, label=None):
    r"""Mistakes (= updates) of the perceptron in each epoch.

    Epoch :math:`e` counts the samples with :math:`\hat{y} \ne y` when they were
    visited, each of which triggered an update; training has converged when an epoch
    has none. Without ``label``: one bar per epoch, and a note at an epoch with no
    mistake. With ``label``: a step line with a dot per epoch, named in a legend, so
    that several runs can be drawn on the same axes and compared.

    Parameters
    ----------
    errors_per_epoch : array-like of shape (n_epochs,)
        Non-negative integers (``Perceptron.errors_per_epoch_``); epochs count from 0.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made with pyplot when None.
    label : str, optional
        Name of this run in the legend; "(converged)" is added when its last epoch
        has no mistake.

    Returns
    -------
    ax : matplotlib.axes.Axes
        Without ``label`` the bars are in ``ax.containers[-1]``; with it, the run is a
        :class:`~matplotlib.patches.StepPatch` in ``ax.patches`` and its dots a line
        in ``ax.lines``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_errors_per_epoch([5, 2, 1, 0], ax=Figure().add_subplot())
    >>> [float(bar.get_height()) for bar in ax.containers[0]]
    [5.0, 2.0, 1.0, 0.0]
    >>> ax = plot_errors_per_epoch([3, 0], ax=ax, label="lr = 0.1")
    >>> ax.patches[-1].get_data().values.tolist(), ax.get_legend().texts[0].get_text()
    ([3.0, 0.0], 'lr = 0.1 (converged)')

    Used in Chapter 2, sections "Watching it train" and "When it never converges".
    """
    from matplotlib.colors import to_rgba
    from matplotlib.ticker import MaxNLocator

    e = as_array(errors_per_epoch, "errors_per_epoch")
    if e.ndim != 1 or e.size == 0:
        raise ValueError("errors_per_epoch must be 1-D with one count per epoch, "
                         f"shape (n_epochs,); got shape {e.shape}")
    bad = (e < 0) | (e != np.round(e))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError("errors_per_epoch must contain non-negative integers; "
                         f"got {e[i]:g} at index {i}")
    if label is not None and not isinstance(label, str):
        raise TypeError(f"label must be a str or None; got {type(label).__name__}")
    if ax is None:
        ax = _new_axes(figsize=(5.5, 3.2))
    runs = getattr(ax, "_nncore_error_runs", 0)
    ax._nncore_error_runs = runs + 1
    color = VECTOR_COLORS[runs % len(VECTOR_COLORS)]
    epochs = np.arange(len(e))
    converged = e[-1] == 0
    if label is None:
        ax.bar(epochs, e, width=0.8 if len(e) <= 30 else 1.0,
               color=to_rgba(color, 0.35), edgecolor=color, lw=1.0, zorder=2)
        if converged:
            ax.annotate("no mistake:\nconverged", xy=(epochs[-1], 0.0), xytext=(0, 16),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8.5,
                        color=color, arrowprops=dict(arrowstyle="->", color=color, lw=1.0))
    else:
        ax.stairs(e, np.arange(len(e) + 1) - 0.5, color=color, lw=1.6, zorder=2,
                  label=label + (" (converged)" if converged else ""))
        ax.plot(epochs, e, "o", color=color, ms=4 if len(e) <= 60 else 2.5, zorder=3)
        ax.legend(fontsize=9, frameon=False)
    right = len(e) - 0.5 if runs == 0 else max(len(e) - 0.5, ax.get_xlim()[1])
    top = float(e.max()) if runs == 0 else max(float(e.max()), ax.get_ylim()[1] / 1.15)
    ax.set_xlim(-0.5, right)
    ax.set_ylim(0, 1.15 * max(top, 1.0))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, axis="y", color=_GRID_GREY, lw=0.6)
    ax.set_axisbelow(True)
    if not ax.get_xlabel():
        ax.set_xlabel("epoch")
    if not ax.get_ylabel():
        ax.set_ylabel("mistakes (= updates)")
    return ax


# ----------------------------------------------------------------------------------
# Chapter 3: the loss surface and gradient descent
# ----------------------------------------------------------------------------------

#: Colour map of the loss: viridis (perceptually uniform, colour-blind safe, reads in
#: greyscale), dark where the loss is low.
LOSS_CMAP = "viridis"
#: The descent path: vermillion markers edged in white, visible on every viridis band.
PATH_COLOR = HIGHLIGHT_COLOR
#: Figure size (inches) of a :class:`DescentDisplay` made with ``fig=None``, of
#: :func:`animate_descent` and of the widget: three panels side by side.
DESCENT_FIGSIZE = (11.0, 3.9)
_DESCENT_MARGINS = dict(left=0.72, right=0.2, gap=0.78, top=0.62, bottom=0.62)  # inches


def _path_arrays(path, name="path"):
    """``params`` (k+1, 2) and ``losses`` (k+1,) of a Path, as float arrays, the rows
    kept up to the last finite one (a diverged run may end on a non-finite value)."""
    params = getattr(path, "params", None)
    losses = getattr(path, "losses", None)
    if params is None or losses is None:
        raise TypeError(f"{name} must be an nncore.optimisers.Path (with .params and "
                        f".losses); got {type(path).__name__}")
    params = np.asarray(params, dtype=float)
    losses = np.asarray(losses, dtype=float)
    if params.ndim != 2 or params.shape[1] != 2 or len(params) == 0:
        raise ValueError(f"{name}.params must have shape (k+1, 2): one (w, b) per step; "
                         f"got shape {params.shape}")
    if losses.shape != (len(params),):
        raise ValueError(f"{name}.losses must have shape ({len(params)},), one per step "
                         f"like {name}.params; got shape {losses.shape}")
    finite = np.isfinite(params).all(axis=1) & np.isfinite(losses)
    if not finite[0]:
        raise ValueError(f"{name} must start at a finite point; got params[0] = "
                         f"{params[0]}, losses[0] = {losses[0]}")
    n = len(finite) if finite.all() else int(np.argmin(finite))
    return params[:n], losses[:n]


def _grid_axes(ws, bs, Z):
    ws = as_vector(ws, "ws")
    bs = as_vector(bs, "bs")
    if len(ws) < 2 or len(bs) < 2:
        raise ValueError(f"ws and bs need at least 2 values each; got {len(ws)} and {len(bs)}")
    Z = as_array(Z, "Z")
    if Z.shape != (len(bs), len(ws)):
        raise ValueError(f"Z must have shape (len(bs), len(ws)) = ({len(bs)}, {len(ws)}), "
                         f"rows along bs as from nncore.linreg.loss_surface; got shape {Z.shape}")
    return ws, bs, Z


def _loss_levels(Z, levels, floor=None):
    """Contour levels of a loss: ``levels`` as given (increasing), or that many levels
    log-spaced in the loss *above its minimum* (each level about double the excess of
    the one below), so that the narrow valley of a badly scaled problem shows as many
    nested rings as a round bowl."""
    import numbers

    if isinstance(levels, numbers.Integral) and not isinstance(levels, bool):
        if levels < 2:
            raise ValueError(f"levels must be an int >= 2 or increasing values; got {levels}")
        lo = float(Z.min()) if floor is None else min(float(floor), float(Z.min()))
        hi = float(Z.max())
        if not hi > lo:
            return np.array([lo - 1.0, lo + 1.0])
        excess = np.geomspace(1e-4 * (hi - lo), hi - lo, int(levels) - 1)
        return np.concatenate([[lo], lo + excess])
    lv = as_vector(levels, "levels")
    if len(lv) < 2 or np.any(np.diff(lv) <= 0):
        raise ValueError(f"levels must be increasing, at least 2 of them; got {lv}")
    return lv


def _contour_colors(n):
    from matplotlib import colormaps

    return colormaps[LOSS_CMAP](np.linspace(0.0, 1.0, n))


def plot_path(path, ax, **kwargs):
    r"""Draw an optimiser's path :math:`\boldsymbol\theta_0, \boldsymbol\theta_1, \dots`
    in the :math:`(w, b)` plane, a polyline with a small marker per step.

    Parameters
    ----------
    path : nncore.optimisers.Path
        Its ``params`` (k+1, 2) are drawn; a run that diverged to a non-finite value
        is drawn up to its last finite point. The axes clip what leaves the view.
    ax : matplotlib.axes.Axes
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot` (colour, marker, ...).

    Returns
    -------
    matplotlib.lines.Line2D

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from matplotlib.figure import Figure
    >>> path = SimpleNamespace(params=[[0.0, 0.0], [1.0, 0.5]], losses=[4.0, 1.0])
    >>> line = plot_path(path, Figure().add_subplot())
    >>> line.get_xydata().tolist()
    [[0.0, 0.0], [1.0, 0.5]]

    Used in Chapter 3, sections "Gradient descent" and "The learning rate".
    """
    params, _ = _path_arrays(path)
    style = dict(color=PATH_COLOR, lw=1.3, marker="o", ms=3.5, mec="white", mew=0.5,
                 zorder=4, label="gradient descent")
    style.update(kwargs)
    (line,) = ax.plot(params[:, 0], params[:, 1], **style)
    return line


def plot_loss_contours(ws, bs, Z, ax=None, levels=16, path=None, minimum=None):
    r"""Filled contours of a loss over a grid of :math:`(w, b)`: a map of the valley.

    The levels are log-spaced in the loss above its minimum, so the long thin valley of
    an unscaled problem shows as clearly as a round bowl; colours run from dark (low
    loss) to yellow (high), :data:`LOSS_CMAP`.

    Parameters
    ----------
    ws : array-like of shape (n_w,)
        Slopes, the x axis.
    bs : array-like of shape (n_b,)
        Intercepts, the y axis.
    Z : array-like of shape (n_b, n_w)
        The loss on the grid (:func:`nncore.linreg.loss_surface`).
    ax : matplotlib.axes.Axes, optional
        A new figure is made with pyplot when None.
    levels : int or array-like, default=16
        The number of levels, or the levels themselves (increasing).
    path : nncore.optimisers.Path, optional
        Drawn with :func:`plot_path`.
    minimum : array-like of shape (2,), optional
        :math:`(w^*, b^*)`, marked with a white star (e.g.
        :func:`nncore.linreg.closed_form`).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The :class:`~matplotlib.contour.ContourSet` is ``ax.collections[0]``.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> ws = bs = np.linspace(-1.0, 1.0, 5)
    >>> Z = np.add.outer(bs ** 2, ws ** 2) + 1.0
    >>> ax = plot_loss_contours(ws, bs, Z, ax=Figure().add_subplot(), minimum=(0, 0))
    >>> ax.get_xlabel(), ax.get_ylabel(), ax.get_xlim()
    ('$w$', '$b$', (np.float64(-1.0), np.float64(1.0)))

    Used in Chapter 3, sections "The loss surface" and "Feature scaling".
    """
    ws, bs, Z = _grid_axes(ws, bs, Z)
    if ax is None:
        ax = _new_axes(figsize=(5.0, 4.2))
    lv = _loss_levels(Z, levels)
    ax.contourf(ws, bs, Z, levels=lv, colors=_contour_colors(len(lv) - 1),
                extend="max", zorder=0)
    ax.contour(ws, bs, Z, levels=lv, colors="white", linewidths=0.35, alpha=0.45, zorder=0.5)
    ax.set_xlim(ws[0], ws[-1])
    ax.set_ylim(bs[0], bs[-1])
    if minimum is not None:
        w_min, b_min = as_vector(minimum, "minimum", dim=2)
        ax.plot([w_min], [b_min], ls="none", marker="*", ms=14, mfc="white", mec="0.1",
                mew=1.0, zorder=6, label="minimum (least squares)")
    if path is not None:
        plot_path(path, ax)
    if not ax.get_xlabel():
        ax.set_xlabel("$w$")
    if not ax.get_ylabel():
        ax.set_ylabel("$b$")
    return ax


def plot_loss_surface(ws, bs, Z, ax=None, path=None):
    r"""The loss as a surface over the :math:`(w, b)` plane (a 3-D bowl).

    Parameters
    ----------
    ws : array-like of shape (n_w,)
    bs : array-like of shape (n_b,)
    Z : array-like of shape (n_b, n_w)
        The loss on the grid (:func:`nncore.linreg.loss_surface`).
    ax : Axes3D, optional
        A 3-D axes (``projection="3d"``); a new one is made with pyplot when None.
    path : nncore.optimisers.Path, optional
        Drawn on the surface at height ``path.losses`` (the points inside the grid).

    Returns
    -------
    ax : Axes3D

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> ws = bs = np.linspace(-1.0, 1.0, 5)
    >>> ax = plot_loss_surface(ws, bs, np.add.outer(bs ** 2, ws ** 2),
    ...                        ax=Figure().add_subplot(projection="3d"))
    >>> ax.get_zlabel()
    'loss'

    Used in Chapter 3, section "The loss surface".
    """
    from matplotlib.ticker import EngFormatter

    ws, bs, Z = _grid_axes(ws, bs, Z)
    if ax is None:
        ax = _new_axes(projection="3d", figsize=(5.5, 4.5))
    if getattr(ax, "name", None) != "3d":
        raise ValueError(
            "ax must be a 3-D axes (fig.add_subplot(projection='3d')); "
            f"got a {getattr(ax, 'name', type(ax).__name__)!r} axes"
        )
    W, B = np.meshgrid(ws, bs)
    ax.plot_surface(W, B, Z, cmap=LOSS_CMAP, rstride=1, cstride=1, linewidth=0,
                    antialiased=False, alpha=0.9, zorder=1)
    if path is not None:
        params, losses = _path_arrays(path)
        inside = ((params[:, 0] >= ws.min()) & (params[:, 0] <= ws.max())
                  & (params[:, 1] >= bs.min()) & (params[:, 1] <= bs.max()))
        stop = len(inside) if inside.all() else int(np.argmin(inside))
        ax.plot(params[:stop, 0], params[:stop, 1], losses[:stop], color=PATH_COLOR,
                marker="o", ms=3, lw=1.5, zorder=5)
    ax.set_xlim(ws.min(), ws.max())
    ax.set_ylim(bs.min(), bs.max())
    ax.set_xlabel("$w$", labelpad=4)
    ax.set_ylabel("$b$", labelpad=4)
    ax.set_zlabel("loss", labelpad=6)
    ax.zaxis.set_major_formatter(EngFormatter(places=0, sep=""))  # 500k, not 500000
    ax.tick_params(labelsize=8, pad=1)
    return ax


def _unit_text(unit):
    return f" ({unit})" if unit else ""


def _descent_view(optimum, start, grow=1.35, square=False):
    """Limits (w, b) of the contour view: centred on the minimum and showing the start
    with room around it; the same for every lr, momentum and batch from that start.
    ``square``: the same half-width in w and b (standardised x: the bowl is round)."""
    d = np.abs(np.asarray(start, dtype=float) - optimum)
    # a coordinate the start shares with the minimum still gets a view of its own size
    half = np.maximum(grow * d, np.maximum(0.5 * np.abs(optimum), 1e-3 * max(d.max(), 1.0)))
    if square:
        half = np.full(2, half.max())
    return [(float(optimum[i] - half[i]), float(optimum[i] + half[i])) for i in range(2)]


def _format_lr(lr):
    return f"{lr:.3g}"


class DescentDisplay:
    r"""Gradient descent on the line :math:`p(x) = w x + b`, one step at a time.

    Three panels, created once by :meth:`plot` and moved by :meth:`show_step`:

    - left, ``ax_contour_``: the loss :math:`\mathrm{AL}(w, b)` as filled contours
      (:func:`plot_loss_contours`), the least-squares minimum (white star,
      :func:`nncore.linreg.closed_form`, ``minimum_``), the whole path (``path_``, faint), the path up
      to step :math:`k` (``trail_``) and the current point :math:`\boldsymbol\theta_k`
      (``current_``, large);
    - middle, ``ax_data_``: the data and the line of step :math:`k` (``line_``), with
      the least-squares line dashed for reference;
    - right, ``ax_loss_``: the loss per step on a log axis (``loss_``), the current step
      marked (``loss_now_``) and the minimum loss dotted.

    A run that diverged (``path.diverged``) or whose loss climbs is drawn as far as it
    went: the axes clip the points that leave the view, the loss curve shows the climb,
    and ``message_`` says "diverged at step k (lr > 2/L = ...)", :math:`L` being
    :func:`nncore.linreg.smoothness`.

    A scikit-learn style Display: ``__init__`` only checks and stores, :meth:`plot`
    draws, :meth:`show_step` only moves artists; :meth:`set_path` and :meth:`set_data`
    swap in a new run (then redraw the whole figure).

    Parameters
    ----------
    x : array-like of shape (n,)
        The feature, in raw units (the middle panel always shows it raw).
    y : array-like of shape (n,)
        The targets.
    path : nncore.optimisers.Path
        The run, on ``x`` itself or, with ``standardized=True``, on
        ``nncore.linreg.standardize(x)[0]``.
    ws, bs : array-like, optional
        The grid of the contour panel (its view). Default: 120 values each, centred on
        the minimum and showing the start of the path.
    standardized : bool, default=False
        The path's :math:`(w, b)` are for standardised :math:`x`; the contours are of
        that loss and the middle panel draws the line in raw units
        (:func:`nncore.linreg.unstandardize_params`).
    names : (str, str), default=("x", "y")
        What :math:`x` and :math:`y` are, for the axes labels.
    units : (str or None, str or None), default=(None, None)
        Their units; :math:`w` is then in y-unit per x-unit, :math:`b` in y-unit.

    Attributes
    ----------
    optimum_ : ndarray of shape (2,)
        The least-squares :math:`(w^*, b^*)` in the path's parameters.
    min_loss_ : float
    two_over_L_ : float
        :math:`2/L`: gradient descent converges for :math:`\mathrm{lr} < 2/L`.
    step_ : int
        The step shown.

    Examples
    --------
    >>> import numpy as np
    >>> from types import SimpleNamespace
    >>> from matplotlib.figure import Figure
    >>> x = np.array([0.0, 1.0, 2.0]); y = np.array([1.0, 3.0, 5.0])
    >>> path = SimpleNamespace(params=[[0.0, 0.0], [1.0, 0.5], [1.8, 0.9]],
    ...                        losses=[35 / 3, 3.5, 0.1], lr=0.1, diverged=False)
    >>> disp = DescentDisplay(x=x, y=y, path=path).plot(fig=Figure())
    >>> (x0, x1), (y0, y1) = disp.show_step(1).line_.get_data()  # w = 1, b = 0.5
    >>> float((y1 - y0) / (x1 - x0)), float(y0 - x0 * (y1 - y0) / (x1 - x0))
    (1.0, 0.5)

    Used in Chapter 3, sections "Gradient descent", "The learning rate" and
    "Feature scaling".
    """

    def __init__(self, *, x, y, path, ws=None, bs=None, standardized=False,
                 names=("x", "y"), units=(None, None)):
        self.x = as_vector(x, "x")
        self.y = as_vector(y, "y", dim=len(self.x), against="x")
        if len(self.x) < 2:
            raise ValueError(f"x needs at least 2 points to fit a line; got {len(self.x)}")
        self.path = path
        _path_arrays(path)
        self.ws = None if ws is None else as_vector(ws, "ws")
        self.bs = None if bs is None else as_vector(bs, "bs")
        if not isinstance(standardized, bool):
            raise TypeError(f"standardized must be True or False; got {standardized!r}")
        self.standardized = standardized
        if len(names) != 2 or len(units) != 2:
            raise ValueError(f"names and units must be pairs (for x, for y); got {names!r}, "
                             f"{units!r}")
        self.names, self.units = tuple(names), tuple(units)

    # -- what is drawn -------------------------------------------------------------

    def _prepare(self):
        """Everything the panels show that depends on the data: the x of the fit, the
        minimum, 2/L, the grid of the contours."""
        if self.standardized:
            x_fit, self._mean, self._std = _lr.standardize(self.x)
        else:
            x_fit, self._mean, self._std = self.x, None, None
        self.x_fit_ = x_fit
        self.optimum_ = _lr.closed_form(x_fit, self.y)
        self.min_loss_ = _lr.loss(self.optimum_, x_fit, self.y)
        self.two_over_L_ = 2.0 / _lr.smoothness(x_fit)
        params, _ = _path_arrays(self.path)
        (w0, w1), (b0, b1) = _descent_view(self.optimum_, params[0],
                                                square=self.standardized)
        self.grid_ws_ = np.linspace(w0, w1, 120) if self.ws is None else self.ws
        self.grid_bs_ = np.linspace(b0, b1, 120) if self.bs is None else self.bs
        self.Z_ = _lr.loss_surface(self.grid_ws_, self.grid_bs_, x_fit, self.y)

    def _raw_params(self, theta):
        """(w, b) of the line over the raw x (undoing the standardisation)."""
        if self.standardized:
            return _lr.unstandardize_params(theta, self._mean, self._std)
        return theta

    def _param_labels(self):
        x_unit, y_unit = self.units
        if self.standardized:
            per = f"per s.d. of {self.names[0]}"
            return (f"$w$ ({y_unit} {per})" if y_unit else f"$w$ ({per})",
                    f"$b${_unit_text(y_unit)}")
        w_unit = (f"{y_unit} / {x_unit}" if x_unit else y_unit) if y_unit else (
            f"1 / {x_unit}" if x_unit else None)
        return f"$w${_unit_text(w_unit)}", f"$b${_unit_text(y_unit)}"

    # -- drawing -------------------------------------------------------------------

    def plot(self, fig=None, *, caption=True):
        """Draw the three panels once (at step 0) and keep handles to their artists.

        Parameters
        ----------
        fig : matplotlib.figure.Figure, optional
            An empty figure to draw into (three axes are added at fixed places); a new
            one of size :data:`DESCENT_FIGSIZE` is made with pyplot when None.
        caption : bool, default=True
            A line above the panels with the step, :math:`(w, b)` and the loss
            (``caption_``); a widget whose status line says it can leave it out.

        Returns
        -------
        self : DescentDisplay
        """
        if fig is None:
            import matplotlib.pyplot as plt  # lazy, as everywhere in this module

            fig = plt.figure(figsize=DESCENT_FIGSIZE)
        self.figure_ = fig
        self._caption_on = bool(caption)
        self.ax_contour_, self.ax_data_, self.ax_loss_ = _descent_axes(fig)
        self._prepare()
        self._draw_contours()
        self._draw_data()
        self._draw_loss()
        self.caption_ = fig.text(0.5, 1.0 - 0.12 / fig.get_size_inches()[1], "",
                                 ha="center", va="top", fontsize=10)
        self.caption_.set_visible(self._caption_on)
        self._set_run()
        return self.show_step(0)

    def _draw_contours(self):
        ax = self.ax_contour_
        for artist in list(ax.collections):  # the contours of another grid
            artist.remove()
        w_label, b_label = self._param_labels()
        ax.set_xlabel(w_label, fontsize=9)
        ax.set_ylabel(b_label, fontsize=9)
        first = not hasattr(self, "minimum_")
        plot_loss_contours(self.grid_ws_, self.grid_bs_, self.Z_, ax=ax, levels=16,
                           minimum=self.optimum_ if first else None)
        if first:
            self.minimum_ = ax.lines[-1]
        self.minimum_.set_data(self.optimum_[:1], self.optimum_[1:])
        ax.set_title("loss contours, the path and \u2605 the minimum", fontsize=9.5)
        if not hasattr(self, "path_"):
            self.path_ = plot_path(self.path, ax, alpha=0.45, lw=1.0, ms=3.0,
                                   label="whole path")
            (self.trail_,) = ax.plot([], [], color=PATH_COLOR, lw=1.6, marker="o", ms=3.5,
                                     mec="white", mew=0.5, zorder=5, label="path so far")
            (self.current_,) = ax.plot([], [], ls="none", marker="o", ms=10,
                                       mfc=PATH_COLOR, mec="white", mew=1.6, zorder=7,
                                       label=r"$\boldsymbol{\theta}_k$")
        ax.tick_params(labelsize=8)

    def _draw_data(self):
        ax = self.ax_data_
        if not hasattr(self, "points_"):
            self.points_ = ax.scatter(self.x, self.y, s=14, color=CLASS_COLORS[0],
                                      alpha=0.75, lw=0, zorder=2, label="data")
            (self.fit_line_,) = ax.plot([], [], color="0.35", lw=1.0, ls=(0, (4, 3)),
                                        zorder=3, label="least squares")
            (self.line_,) = ax.plot([], [], color=PATH_COLOR, lw=2.2, zorder=4,
                                    label="line at step $k$")
            # the legend is the panel's title: above the axes, never over the moving line
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8.5,
                      frameon=False, handlelength=1.4, columnspacing=1.0, borderaxespad=0.1,
                      handletextpad=0.4)
            ax.grid(True, color=_GRID_GREY, lw=0.6)
            ax.set_axisbelow(True)
            ax.tick_params(labelsize=8)
        self.points_.set_offsets(np.column_stack([self.x, self.y]))
        (x_name, y_name), (x_unit, y_unit) = self.names, self.units
        ax.set_xlabel(f"{x_name}{_unit_text(x_unit)}", fontsize=9)
        ax.set_ylabel(f"{y_name}{_unit_text(y_unit)}", fontsize=9)
        pad_x = 0.06 * float(np.ptp(self.x))
        pad_y = 0.12 * max(float(np.ptp(self.y)), 1e-9)
        ax.set_xlim(float(self.x.min()) - pad_x, float(self.x.max()) + pad_x)
        ax.set_ylim(float(self.y.min()) - pad_y, float(self.y.max()) + pad_y)
        self._line_xs = np.array(ax.get_xlim())
        self.fit_line_.set_data(self._line_xs, _lr.predict(self._raw_params(self.optimum_),
                                                           self._line_xs))

    def _draw_loss(self):
        ax = self.ax_loss_
        if not hasattr(self, "loss_"):
            ax.set_yscale("log")
            (self.loss_,) = ax.plot([], [], color=_INK, lw=1.4, marker="o", ms=2.5,
                                    zorder=3, label="loss")
            (self.loss_now_,) = ax.plot([], [], ls="none", marker="o", ms=8,
                                        mfc=PATH_COLOR, mec="white", mew=1.2, zorder=5)
            self.floor_ = ax.axhline(1.0, color="0.35", lw=1.0, ls=":", zorder=2,
                                     label="minimum (least squares)")
            self.floor_label_ = ax.annotate(
                "least-squares minimum", xy=(1.0, 1.0), xycoords=("axes fraction", "data"),
                xytext=(-3, -2), textcoords="offset points", ha="right", va="top",
                fontsize=7.5, color="0.3")
            ax.grid(True, color=_GRID_GREY, lw=0.6, which="major")
            ax.set_axisbelow(True)
            ax.tick_params(labelsize=8)
            ax.set_xlabel("step $k$", fontsize=9)
            ax.set_ylabel("loss (mean squared error)", fontsize=9)
            ax.set_title("the loss per step (log scale)", fontsize=9.5)
            self.message_ = ax.text(0.04, 0.96, "", transform=ax.transAxes, ha="left",
                                    va="top", linespacing=1.3, fontsize=8.5, color=HIGHLIGHT_COLOR,
                                    fontweight="bold", zorder=8,
                                    bbox=dict(boxstyle="round,pad=0.25", fc="white",
                                              ec=HIGHLIGHT_COLOR, lw=0.8, alpha=0.9))
        self.floor_.set_ydata([self.min_loss_, self.min_loss_])
        self.floor_label_.xy = (1.0, self.min_loss_)

    def _set_run(self):
        """Put the path's arrays into the artists that show all of it."""
        params, losses = _path_arrays(self.path)
        self.params_, self.losses_ = params, losses
        self.n_steps = len(params) - 1
        self.path_.set_data(params[:, 0], params[:, 1])
        steps = np.arange(len(losses))
        self.loss_.set_data(steps, losses)
        ax = self.ax_loss_
        ax.set_xlim(-0.02 * max(self.n_steps, 1), max(self.n_steps, 1) * 1.02)
        positive = losses[losses > 0]
        lo = min(self.min_loss_, positive.min() if len(positive) else self.min_loss_)
        hi = max(losses.max(), lo * 10.0)
        lo = lo if lo > 0 else hi * 1e-6
        # room below the minimum's line for its label, on any number of decades
        room = max(2.0, (hi / lo) ** 0.07)
        ax.set_ylim(lo / room, hi * room * 1.5)
        self.message_.set_text(self._message())
        self.message_.set_visible(bool(self.message_.get_text()))

    def _message(self):
        lr = getattr(self.path, "lr", None)
        bound = f"2/L = {self.two_over_L_:.3g}"
        if lr is None:
            compare = bound
        else:
            compare = (f"lr = {_format_lr(lr)} > {bound}" if lr > self.two_over_L_
                       else f"lr = {_format_lr(lr)}, {bound}")
        if getattr(self.path, "diverged", False):
            return f"diverged at step {self.n_steps}\n({compare})"
        if self.n_steps > 0 and self.losses_[-1] > self.losses_[0]:
            return f"diverging: the loss climbs\n({compare})"
        return ""

    def overlay_artists(self):
        """Static artists drawn on top of moving ones (for blitting): the minimum's
        star and the message."""
        return [self.minimum_, self.message_]

    def dynamic_artists(self):
        """Every artist that :meth:`show_step` changes (for blitting)."""
        return [self.trail_, self.current_, self.line_, self.loss_now_] + (
            [self.caption_] if self._caption_on else [])

    # -- one step ------------------------------------------------------------------

    def show_step(self, k):
        r"""Show step :math:`k`: :math:`\boldsymbol\theta_k` on the contours, its line
        over the data, its loss. Only moves the existing artists.

        Parameters
        ----------
        k : int
            0 (the start) to ``n_steps`` (the last step of the path).

        Returns
        -------
        self : DescentDisplay
        """
        import numbers

        if isinstance(k, bool) or not isinstance(k, numbers.Integral):
            raise TypeError(f"k must be an int from 0 to {self.n_steps}; got {k!r} "
                            f"of type {type(k).__name__}")
        if not 0 <= k <= self.n_steps:
            raise ValueError(f"k must be from 0 (the start) to {self.n_steps} (the last "
                             f"step of the path); got {k}")
        k = int(k)
        P, L = self.params_, self.losses_
        self.trail_.set_data(P[:k + 1, 0], P[:k + 1, 1])
        self.current_.set_data(P[k:k + 1, 0], P[k:k + 1, 1])
        self.line_.set_data(self._line_xs, _lr.predict(self._raw_params(P[k]), self._line_xs))
        self.loss_now_.set_data([k], L[k:k + 1])
        if self._caption_on:
            self.caption_.set_text(
                f"step {k} of {self.n_steps}:  w = {P[k, 0]:.4g},  b = {P[k, 1]:.4g},  "
                f"loss = {L[k]:.4g}  (minimum {self.min_loss_:.4g})")
        self.step_ = k
        return self

    # -- a new run -----------------------------------------------------------------

    def set_path(self, path):
        """Show another run on the same data and grid (e.g. a new lr), at step 0.

        Redraw the whole figure afterwards (the loss axis changes).

        Returns
        -------
        self : DescentDisplay
        """
        _path_arrays(path)
        self.path = path
        self._set_run()
        return self.show_step(0)

    def set_data(self, *, x, y, path, ws=None, bs=None, standardized=False):
        """Swap in new data, a new run and a new grid (the contours are drawn again with
        their own levels), at step 0, keeping the other artists.

        Returns
        -------
        self : DescentDisplay
        """
        self.__init__(x=x, y=y, path=path, ws=ws, bs=bs, standardized=standardized,
                      names=self.names, units=self.units)
        self._prepare()
        self._draw_contours()
        self._draw_data()
        self._draw_loss()
        self._set_run()
        return self.show_step(0)


def _descent_axes(fig):
    """Three axes side by side at fixed places (inches), room for titles and labels."""
    m = _DESCENT_MARGINS
    width, height = fig.get_size_inches()
    panel = (width - m["left"] - m["right"] - 2 * m["gap"]) / 3.0
    axh = height - m["top"] - m["bottom"]
    return [fig.add_axes(((m["left"] + i * (panel + m["gap"])) / width, m["bottom"] / height,
                          panel / width, axh / height)) for i in range(3)]


def animate_descent(x, y, path, *, max_frames=40, interval=250, dpi=72,
                    figsize=DESCENT_FIGSIZE, standardized=False, names=("x", "y"),
                    units=(None, None)):
    r"""An animation of a gradient-descent run, for the website: one frame per step.

    One :class:`DescentDisplay` is drawn once; each frame calls its
    :meth:`~DescentDisplay.show_step`. With more steps than ``max_frames``, that many
    are taken evenly, always the first and the last. The figure is a plain
    :class:`matplotlib.figure.Figure`: ``IPython.display.HTML(anim.to_jshtml())``
    plays without a kernel.

    Parameters
    ----------
    x, y : array-like of shape (n,)
    path : nncore.optimisers.Path
    max_frames : int, default=40
    interval : int, default=250
        Milliseconds between frames.
    dpi : float, default=72
    figsize : (float, float), default=DESCENT_FIGSIZE
    standardized, names, units
        As for :class:`DescentDisplay`.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        With ``display`` (the :class:`DescentDisplay`) and ``steps`` (the step of each
        frame) attributes.

    Examples
    --------
    >>> import numpy as np
    >>> from types import SimpleNamespace
    >>> x = np.array([0.0, 1.0, 2.0]); y = np.array([1.0, 3.0, 5.0])
    >>> path = SimpleNamespace(params=[[0.0, 0.0], [1.0, 0.5], [1.8, 0.9]],
    ...                        losses=[35 / 3, 3.5, 0.1], lr=0.1, diverged=False)
    >>> anim = animate_descent(x, y, path)
    >>> anim.steps.tolist()
    [0, 1, 2]
    >>> html = anim.to_jshtml()

    Used in Chapter 3, sections "Gradient descent" and "The learning rate".
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    import numbers

    if isinstance(max_frames, bool) or not isinstance(max_frames, numbers.Integral):
        raise TypeError(f"max_frames must be an int >= 2; got {max_frames!r}")
    if max_frames < 2:
        raise ValueError(f"max_frames must be an int >= 2 (the first and last step); "
                         f"got {max_frames}")
    display = DescentDisplay(x=x, y=y, path=path, standardized=standardized, names=names,
                             units=units)
    fig = Figure(figsize=figsize, dpi=dpi)
    _palette_canvas(fig)  # 256-colour frames: the same picture, a third of the bytes
    FigureCanvasAgg(fig)
    display.plot(fig=fig)
    steps = _frame_steps(display.n_steps, int(max_frames))
    artists = display.dynamic_artists()

    def frame(k):
        display.show_step(int(k))
        return artists

    anim = FuncAnimation(fig, frame, frames=steps, interval=interval, blit=False)
    anim.display = display
    anim.steps = steps
    return anim


# ----------------------------------------------------------------------------------
# Chapter 4: the computation graph of a Value, forward values and gradients
# ----------------------------------------------------------------------------------

#: Face colour of a value node's box, edge colour of everything, colour of the
#: gradients and of the local derivatives written on the edges.
GRAPH_BOX_COLOR = REGION_COLORS[0]
GRAPH_GRAD_COLOR = HIGHLIGHT_COLOR
GRAPH_LOCAL_COLOR = "#006B4F"  # a darker Okabe-Ito bluish green, readable when small
#: The legend line under the graph.
GRAPH_LEGEND = ("forward values above, gradients below;  "
                "on each edge: the local derivative \u2202(output)/\u2202(input)")
#: Symbols written in the op circles (others are written as they are, e.g. "**2").
OP_SYMBOLS = {"+": "+", "*": "\u00d7", "sigmoid": "\u03c3", "tanh": "tanh",
              "relu": "ReLU", "exp": "exp", "log": "log"}

_GRAPH_FONT = 9.0  # points: the texts in the boxes
_GRAPH_OP_FONT = 9.0  # the op symbols
_GRAPH_EDGE_FONT = 7.5  # the local derivatives on the edges
_GRAPH_WORST = "-99.999"  # the widest number a box is sized for (3 decimals)
# inches: padding in a box, circle radius, row gap, gap child -> op (holds the edge
# label), gap op -> its output, margins
_GRAPH_GEOMETRY = dict(pad=0.07, radius=0.16, row_gap=0.18, gap_in=0.58, gap_out=0.14,
                       margin=0.1, legend=0.3)


def _graph_nodes(root):
    """The nodes reachable from ``root``, inputs first (a topological order), and for
    each node the list of its children, as indices into that order.

    Iterative depth-first search (no recursion: a 10,000-node chain is fine). The
    children are taken in the order of ``_prev``; a set of children (whose order
    changes from run to run) is sorted by label and op, so the same expression always
    gives the same order.
    """
    def children(v):
        prev = getattr(v, "_prev", ())
        if isinstance(prev, (set, frozenset)):
            prev = sorted(prev, key=lambda c: (str(getattr(c, "label", "")),
                                               str(getattr(c, "_op", ""))))
        return list(prev)

    order, index, stack = [], {}, [(root, False)]
    while stack:
        v, done = stack.pop()
        if done:
            if id(v) not in index:
                index[id(v)] = len(order)
                order.append(v)
            continue
        if id(v) in index:
            continue
        stack.append((v, True))
        for c in reversed(children(v)):
            if id(c) not in index:
                stack.append((c, False))
    kids = []
    for v in order:
        seen, ks = set(), []
        for c in children(v):
            if id(c) not in seen:  # a node used twice by one op: one edge
                seen.add(id(c))
                ks.append(index[id(c)])
        kids.append(ks)
    return order, kids


def _local_derivatives(v):
    r"""``{id(child): d v / d child}`` of a node, as :mod:`nncore.autodiff` exposes
    it (``local_grads()`` or ``_local``); an empty dict for an input."""
    out = {}
    if callable(getattr(v, "local_grads", None)):
        for child, d in v.local_grads():
            out[id(child)] = out.get(id(child), 0.0) + float(d)
        return out
    local = getattr(v, "_local", None) or {}
    for key, d in dict(local).items():
        k = key if isinstance(key, int) else id(key)
        out[k] = out.get(k, 0.0) + float(d)
    return out


def _graph_signature(order, kids):
    """What must stay the same for :meth:`GraphDisplay.update`: labels, ops, edges."""
    return [(str(getattr(v, "label", "")), str(getattr(v, "_op", "")), tuple(k))
            for v, k in zip(order, kids)]


def _text_width(text, fontsize):
    """Width in inches of ``text`` in the default font (no renderer needed)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    w, _, _ = TextToPath().get_text_width_height_descent(
        text, FontProperties(size=fontsize), ismath=False)
    return w / 72.0


def _node_label(v):
    """The label of a node, or "" for a constant labelled by its own number."""
    label = str(getattr(v, "label", "") or "")
    try:
        if label and float(label) == float(v.data):
            return ""
    except ValueError:
        pass
    return label


def _value_text(v):
    label = _node_label(v)
    number = _fixed(float(v.data), 3)
    return f"{label} = {number}" if label else number


def _grad_text(v):
    return f"grad = {_fixed(float(v.grad), 3)}"


def _op_text(op):
    return OP_SYMBOLS.get(op, op)


def _graph_layout(order, kids):
    """Positions (inches) of a layered left-to-right drawing.

    Each value is put in the latest column its uses allow (its output in the last
    column, every other node one column left of its first use); inside a column the
    nodes sit near the mean height of their uses, at least one row apart. An op
    circle sits left of the value it makes, at the same height.
    """
    g = _GRAPH_GEOMETRY
    n = len(order)
    parents = [[] for _ in range(n)]
    for p, ks in enumerate(kids):
        for c in ks:
            parents[c].append(p)
    depth = [0] * n  # longest path from an input
    for i in range(n):
        depth[i] = 1 + max((depth[c] for c in kids[i]), default=-1)
    level = list(depth)
    for i in reversed(range(n - 1)):  # as late as possible
        if parents[i]:
            level[i] = min(level[p] for p in parents[i]) - 1
    n_levels = max(level) + 1

    # box size: room for the widest text a box will ever show
    # box widths, one per column: room for the widest text a box there will show
    grad_w = _text_width("grad = " + _GRAPH_WORST, _GRAPH_FONT)
    col_w = [0.0] * n_levels
    for i, v in enumerate(order):
        label = _node_label(v)
        w = _text_width(f"{label} = {_GRAPH_WORST}" if label else _GRAPH_WORST, _GRAPH_FONT)
        col_w[level[i]] = max(col_w[level[i]], w, grad_w)
    col_w = [w + 2 * g["pad"] for w in col_w]
    line_h = 1.25 * _GRAPH_FONT / 72.0
    box_h = 2 * line_h + 2 * g["pad"]
    radius = g["radius"]
    ops = [str(getattr(v, "_op", "")) for v, k in zip(order, kids) if k]
    if ops:
        radius = max(g["radius"], 0.5 * max(_text_width(_op_text(o), _GRAPH_OP_FONT)
                                            for o in ops) + 0.06)
    link = g["gap_in"] + 2 * radius + g["gap_out"]  # from one column to the next
    left = [g["margin"] + sum(col_w[:k]) + k * link for k in range(n_levels)]
    row = box_h + g["row_gap"]

    # heights, column by column from the output back to the inputs
    y = [0.0] * n
    for lev in range(n_levels - 1, -1, -1):
        members = [i for i in range(n) if level[i] == lev]
        target = {i: (float(np.mean([y[p] for p in parents[i]])) if parents[i] else 0.0)
                  for i in members}
        members.sort(key=lambda i: (-target[i], i))
        placed = []
        for i in members:
            t = target[i]
            placed.append(t if not placed else min(t, placed[-1] - row))
        shift = float(np.mean([target[i] - p for i, p in zip(members, placed)]))
        for i, p in zip(members, placed):
            y[i] = p + shift

    box_w = np.array([col_w[level[i]] for i in range(n)])
    x = [left[level[i]] + box_w[i] / 2 for i in range(n)]
    width = left[-1] + col_w[-1] + g["margin"]
    top = max(y) + box_h / 2 + g["margin"]
    bottom = min(y) - box_h / 2 - g["legend"]
    height = top - bottom
    y = [v - bottom for v in y]
    op_x = [x[i] - box_w[i] / 2 - g["gap_out"] - radius for i in range(n)]
    return dict(x=np.array(x), y=np.array(y), op_x=np.array(op_x), level=level,
                box_w=box_w, box_h=box_h, line_h=line_h, radius=radius,
                size=(width, height))


class GraphDisplay:
    r"""The computation graph of a :class:`nncore.autodiff.Value`, forward and backward.

    Every value is a rounded box with "label = data" above and "grad = ..." below;
    every operation is a small circle with its symbol (+, ×, σ, \*\*2, ...), placed
    just left of the value it makes. Arrows run from each input to the operation and
    on to its output, and on each arrow into an operation is written the local
    derivative :math:`\partial\,\text{output} / \partial\,\text{input}` that
    backpropagation multiplies by the gradient arriving from the right:

    .. math:: \text{grad}(\text{input}) \mathrel{+}= \frac{\partial\,\text{output}}
              {\partial\,\text{input}}\;\text{grad}(\text{output}).

    The layout is layered left to right (inputs on the left, the output on the right),
    computed from a topological order; no graphviz. Build it with :func:`draw_graph`
    or ``GraphDisplay(root=...).plot()``; :meth:`update` then shows another graph of
    the same shape (new numbers) by changing only the texts.

    Parameters
    ----------
    root : nncore.autodiff.Value
        The output of the graph (e.g. the loss). Run ``root.backward()`` first for the
        gradients; before it they show 0.
    show_grad : bool, default=True
        Write "grad = ..." in the boxes and the local derivatives on the edges.

    Attributes
    ----------
    nodes_ : list of Value
        The values drawn, inputs first (a topological order).
    boxes_, value_texts_, grad_texts_ : lists, one per node
        The :class:`~matplotlib.patches.FancyBboxPatch` and the two texts of each node.
    op_circles_, op_texts_ : dict of int to artist
        Index of the node an operation makes -> its circle and its symbol.
    arrows_ : list of FancyArrowPatch
    edges_ : list of (int, int)
        (child, parent) node indices of each edge into an operation, in the order of
        ``edge_texts_``.
    edge_texts_ : list of Text
        The local derivative on each of those edges.
    legend_ : Text
    ax_, figure_ : the axes and figure drawn into.

    Examples
    --------
    >>> from types import SimpleNamespace as V
    >>> x = V(data=2.0, grad=3.0, label="x", _op="", _prev=())
    >>> y = V(data=4.0, grad=1.0, label="y", _op="**2", _prev=(x,), _local={id(x): 4.0})
    >>> from matplotlib.figure import Figure
    >>> d = GraphDisplay(root=y).plot(ax=Figure().add_subplot())
    >>> [t.get_text() for t in d.value_texts_], d.edge_texts_[0].get_text()
    (['x = 2.000', 'y = 4.000'], '4.000')

    Used in Chapter 4, sections "A computation graph", "Automatic differentiation"
    and "A node used twice".
    """

    def __init__(self, *, root, show_grad=True):
        _check_value(root)
        self.root = root
        self.show_grad = bool(show_grad)

    @property
    def figsize(self):
        """(width, height) in inches at which the texts fit the boxes exactly."""
        return _graph_layout(*_graph_nodes(self.root))["size"]

    def plot(self, ax=None):
        """Draw the graph once and keep handles to its artists.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw into (its axis is switched off; best one of :attr:`figsize`
            filling its figure). A new figure of that size is made with pyplot when None.

        Returns
        -------
        self : GraphDisplay
        """
        from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

        order, kids = _graph_nodes(self.root)
        lay = _graph_layout(order, kids)
        if ax is None:
            import matplotlib.pyplot as plt  # lazy, as everywhere in this module

            fig = plt.figure(figsize=lay["size"])
            ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        self.ax_, self.figure_ = ax, ax.figure
        self.nodes_, self._kids = order, kids
        self._signature = _graph_signature(order, kids)
        self.layout_ = lay
        X, Y, OX = lay["x"], lay["y"], lay["op_x"]
        bw, bh, lh, r = lay["box_w"], lay["box_h"], lay["line_h"], lay["radius"]
        width, height = lay["size"]
        ax.set_xlim(0.0, width)
        ax.set_ylim(0.0, height)
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_axis_off()
        for spine in ax.spines.values():
            spine.set_visible(False)

        self.boxes_, self.value_texts_, self.grad_texts_ = [], [], []
        self.op_circles_, self.op_texts_ = {}, {}
        self.arrows_, self.edges_, self.edge_texts_ = [], [], []
        box_style = f"round,pad=0,rounding_size={0.18 * bh:.4f}"
        arrow_kw = dict(arrowstyle="-|>", mutation_scale=9, lw=0.9, color=_INK,
                        shrinkA=0, shrinkB=0, zorder=2)
        for i, v in enumerate(order):
            box = FancyBboxPatch((X[i] - bw[i] / 2, Y[i] - bh / 2), bw[i], bh,
                                 boxstyle=box_style,
                                 fc=GRAPH_BOX_COLOR, ec=_INK, lw=0.9, zorder=3)
            ax.add_patch(box)
            self.boxes_.append(box)
            self.value_texts_.append(ax.text(
                X[i], Y[i] + lh / 2, "", ha="center", va="center", fontsize=_GRAPH_FONT,
                color="black", zorder=6))
            self.grad_texts_.append(ax.text(
                X[i], Y[i] - lh / 2, "", ha="center", va="center", fontsize=_GRAPH_FONT,
                color=GRAPH_GRAD_COLOR, zorder=6, visible=self.show_grad))
            if not kids[i]:
                continue
            circle = Circle((OX[i], Y[i]), r, fc="white", ec=_INK, lw=0.9, zorder=3)
            ax.add_patch(circle)
            self.op_circles_[i] = circle
            self.op_texts_[i] = ax.text(OX[i], Y[i], _op_text(str(v._op)), ha="center",
                                        va="center", fontsize=_GRAPH_OP_FONT, zorder=6)
            arrow = FancyArrowPatch((OX[i] + r, Y[i]), (X[i] - bw[i] / 2, Y[i]), **arrow_kw)
            ax.add_patch(arrow)
            self.arrows_.append(arrow)
            for c in kids[i]:
                start = np.array([X[c] + bw[c] / 2, Y[c]])
                centre = np.array([OX[i], Y[i]])
                u = (centre - start) / np.hypot(*(centre - start))
                arrow = FancyArrowPatch(tuple(start), tuple(centre - r * u), **arrow_kw)
                ax.add_patch(arrow)
                self.arrows_.append(arrow)
                # the label sits in the gap just left of the op column: no box there
                lx = OX[i] - r - 0.5 * _GRAPH_GEOMETRY["gap_in"]
                ly = start[1] + (lx - start[0]) * u[1] / u[0]
                self.edges_.append((c, i))
                self.edge_texts_.append(ax.text(
                    lx, ly, "", ha="center", va="center", fontsize=_GRAPH_EDGE_FONT,
                    color=GRAPH_LOCAL_COLOR, zorder=6, visible=self.show_grad,
                    bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none",
                              alpha=0.9)))
        self.legend_ = ax.text(
            width / 2, 0.5 * _GRAPH_GEOMETRY["legend"], GRAPH_LEGEND, ha="center",
            va="center", fontsize=_GRAPH_EDGE_FONT + 0.5, color="0.3", zorder=6)
        return self._set_texts()

    def _set_texts(self):
        order = self.nodes_
        for v, vt, gt in zip(order, self.value_texts_, self.grad_texts_):
            vt.set_text(_value_text(v))
            gt.set_text(_grad_text(v))
        locals_ = {}
        for (c, p), text in zip(self.edges_, self.edge_texts_):
            if p not in locals_:
                locals_[p] = _local_derivatives(order[p])
            d = locals_[p].get(id(order[c]))
            text.set_text("" if d is None else _fixed(d, 3))
        return self

    def dynamic_artists(self):
        """The texts :meth:`update` changes (for blitting)."""
        return self.value_texts_ + self.grad_texts_ + self.edge_texts_

    def update(self, root):
        """Show the data, gradients and local derivatives of ``root``, a graph of the
        same shape as the one drawn (same labels, ops and edges), changing only texts.

        Parameters
        ----------
        root : nncore.autodiff.Value

        Returns
        -------
        self : GraphDisplay

        Raises
        ------
        ValueError
            If the graph of ``root`` has another shape; draw it anew with
            :func:`draw_graph`.
        """
        _check_value(root)
        order, kids = _graph_nodes(root)
        signature = _graph_signature(order, kids)
        if signature != self._signature:
            diff = next((k for k, (a, b) in enumerate(zip(signature, self._signature))
                         if a != b), min(len(signature), len(self._signature)))
            raise ValueError(
                f"update needs a graph of the same shape as the one drawn "
                f"({len(self._signature)} nodes); got {len(signature)} nodes, differing "
                f"from node {diff} on (label, op, children) - draw it with draw_graph")
        self.root, self.nodes_ = root, order
        return self._set_texts()


def _check_value(root):
    if not all(hasattr(root, a) for a in ("data", "grad", "_prev", "_op")):
        raise TypeError("root must be a nncore.autodiff.Value (with data, grad, _prev and "
                        f"_op); got {type(root).__name__}")


def draw_graph(root, ax=None, *, show_grad=True, layout="layered"):
    r"""Draw the computation graph of ``root``: values, operations, gradients and the
    local derivative on every edge.

    See :class:`GraphDisplay`; this is ``GraphDisplay(root=root, show_grad=...).plot(ax)``.

    Parameters
    ----------
    root : nncore.autodiff.Value
        The graph's output; call ``root.backward()`` first to see the gradients.
    ax : matplotlib.axes.Axes, optional
        A new figure of ``GraphDisplay(root=root).figsize`` is made with pyplot when None.
    show_grad : bool, default=True
    layout : {"layered"}, default="layered"
        Left to right from a topological order (the only layout, computed here).

    Returns
    -------
    GraphDisplay

    Used in Chapter 4, sections "A computation graph" and "Automatic differentiation".
    """
    if layout != "layered":
        raise ValueError(f"layout must be 'layered' (the only one); got {layout!r}")
    return GraphDisplay(root=root, show_grad=show_grad).plot(ax)


# ----------------------------------------------------------------------------------
# Chapter 5: a small network: decision regions, hidden units, ReLU pieces, training
# ----------------------------------------------------------------------------------
# Everything here draws what an nncore.mlp.MLP computes (its ``trace``,
# ``contributions`` and ``params``); no formula of the network is written again.


def _tint(color, amount):
    """``color`` (hex) mixed with white: ``amount`` 1 is the colour, 0 is white."""
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    mixed = np.round(255.0 - amount * (255.0 - rgb)).astype(int)
    return "#" + "".join(f"{v:02X}" for v in mixed)


#: Okabe-Ito colours of classes 0, 1, 2, ... in a decision-region figure (the first
#: two are :data:`CLASS_COLORS`); up to eight classes.
MULTICLASS_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                     "#F0E442", "#000000")
#: Markers of classes 0, 1, 2, ... (the first two are :data:`CLASS_MARKERS`).
MULTICLASS_MARKERS = ("o", "^", "s", "D", "v", "P", "X", "*")
#: The diverging map of :math:`P(\text{class } 1)`: a tint of the class-0 blue at 0,
#: white at 0.5 (the boundary), a tint of the class-1 orange at 1. Blue against
#: orange is the pair colour-blind readers tell apart best; the tints keep the points
#: (full colour, dark edge) visible on top.
DECISION_COLORS = (_tint(CLASS_COLORS[0], 0.55), "#FFFFFF", _tint(CLASS_COLORS[1], 0.55))
#: Colour maps of a hidden unit's output: viridis for an activation that is never
#: negative (relu, sigmoid); the diverging, colour-blind-safe PRGn centred on 0 for
#: one that takes both signs (tanh, linear).
HIDDEN_CMAPS = {"nonnegative": "viridis", "signed": "PRGn"}
#: Colours of the hidden units' pieces in :class:`ReluPiecesDisplay` (Okabe-Ito,
#: without the black of the sum).
PIECE_COLORS = ("#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#0072B2")
#: Figure size (inches) of :class:`MLPTrainingDisplay`, of
#: :func:`animate_mlp_training` and of the training viewer: the decision regions
#: (a square) beside the loss per epoch.
MLP_TRAINING_FIGSIZE = (9.0, 4.6)
#: Figure size (inches) of :class:`ReluPiecesDisplay` made with ``ax=None``.
PIECES_FIGSIZE = (6.2, 4.6)
_BOUNDARY_LW = 2.0
_SIGNED = ("tanh", "linear", "identity")


def _check_mlp(model, name="model", n_in=2):
    """The (n_in, n_out) of an MLP-like object (``sizes``, ``trace``, ``params``),
    whose input must have ``n_in`` features (None: any)."""
    sizes = getattr(model, "sizes", None)
    if sizes is None or not callable(getattr(model, "trace", None)) or not hasattr(
            model, "params"):
        raise TypeError(f"{name} must be an nncore.mlp.MLP (with .sizes, .params and "
                        f".trace); got {type(model).__name__}")
    sizes = [int(s) for s in sizes]
    if n_in is not None and sizes[0] != n_in:
        raise ValueError(f"{name} must take {n_in} input features (sizes[0] == {n_in}) "
                         f"to be drawn over the plane; got sizes {sizes}")
    return sizes[0], sizes[-1]


def _n_classes(n_out):
    """Classes of a model with ``n_out`` logits: one logit is a binary model."""
    return 2 if n_out == 1 else n_out


def _check_classes(y, n, n_out, name="y"):
    k = _n_classes(n_out)
    labels = as_labels(y, name, n=n, binary=False)
    if labels.size and labels.max() >= k:
        i = int(np.argmax(labels >= k))
        raise ValueError(f"{name} must contain labels 0 to {k - 1} (the model has "
                         f"{n_out} output{'s' if n_out > 1 else ''}); got {labels[i]} at "
                         f"index {i}")
    if k > len(MULTICLASS_COLORS):
        raise ValueError(f"decision regions are drawn for at most {len(MULTICLASS_COLORS)} "
                         f"classes; the model has {k}")
    return labels


def _plane_limits(X, lim=None, name="lim"):
    """(xlim, ylim): ``lim`` as given (one pair for both axes, or a pair of pairs), or
    a square view around the points with a margin, rounded out to halves."""
    if lim is not None:
        arr = np.asarray(lim, dtype=object)
        if arr.shape == (2, 2):
            return as_interval(lim[0], f"{name}[0]"), as_interval(lim[1], f"{name}[1]")
        pair = as_interval(lim, name)
        return pair, pair
    lo, hi = X.min(axis=0), X.max(axis=0)
    center = 0.5 * (lo + hi)
    half = 0.5 * float(np.max(hi - lo)) * 1.2 + 0.2
    lims = [(np.floor(2 * (c - half)) / 2, np.ceil(2 * (c + half)) / 2) for c in center]
    return tuple(map(float, lims[0])), tuple(map(float, lims[1]))


def _pixel_grid(xlim, ylim, n):
    """Pixel centres xs (n,), ys (n,) of an n x n image over xlim x ylim and the points
    (n*n, 2), row i of the image being y = ys[i] (origin="lower")."""
    xs = xlim[0] + (np.arange(n) + 0.5) * (xlim[1] - xlim[0]) / n
    ys = ylim[0] + (np.arange(n) + 0.5) * (ylim[1] - ylim[0]) / n
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


def _zero_lines(xs, ys, F):
    """The level set F = 0 of a function sampled on the grid xs x ys (F of shape
    (len(ys), len(xs))), as x, y arrays with NaN between separate pieces (one Line2D
    draws them all)."""
    from contourpy import contour_generator

    if not np.any(F > 0) or not np.any(F < 0):
        return np.empty(0), np.empty(0)
    (chunks,) = contour_generator(xs, ys, F, line_type="ChunkCombinedNan").lines(0.0)
    pts = [c for c in chunks if c is not None]
    if not pts:
        return np.empty(0), np.empty(0)
    pts = np.vstack(pts)
    return pts[:, 0], pts[:, 1]


def _check_grid(grid, name="grid"):
    return as_int(grid, name, minimum=2)


def _proba_cmap(levels=None):
    from matplotlib.colors import LinearSegmentedColormap

    cmap = LinearSegmentedColormap.from_list("nncore_proba", DECISION_COLORS)
    return cmap if levels is None else cmap.resampled(int(levels))


class _Regions:
    """A model's decision regions over a fixed view: one image (``image``) and the
    decision boundary (``boundary``, one Line2D), moved by :meth:`update` from the
    model's logits over the pixel centres. Binary (one logit) with ``proba``: the
    image is P(class 1) through :data:`DECISION_COLORS`; with ``levels`` it is banded.
    Several classes: each pixel is the colour of its predicted class, paler the less
    confident the model (white at P = 1/k). Without ``proba``: flat tints of the
    predicted class."""

    def __init__(self, ax, xlim, ylim, n, n_out, *, proba=True, levels=None, zorder=0):
        from matplotlib.colors import ListedColormap

        self.ax, self.n, self.n_out, self.proba = ax, n, n_out, bool(proba)
        self.k = _n_classes(n_out)
        self.xs, self.ys, self.grid = _pixel_grid(xlim, ylim, n)
        style = dict(origin="lower", extent=(*xlim, *ylim), aspect="auto",
                     interpolation="nearest", interpolation_stage="data", zorder=zorder)
        if n_out == 1 and self.proba:
            self.image = ax.imshow(np.full((n, n), 0.5), cmap=_proba_cmap(levels), vmin=0.0,
                                   vmax=1.0, **style)
        elif n_out == 1:
            self.image = ax.imshow(np.zeros((n, n)), cmap=ListedColormap(REGION_COLORS),
                                   vmin=0, vmax=1, **style)
        else:
            self.image = ax.imshow(np.ones((n, n, 3)), **style)
            self._rgb = np.array([[int(c[i:i + 2], 16) / 255.0 for i in (1, 3, 5)]
                                  for c in MULTICLASS_COLORS[:self.k]])
        (self.boundary,) = ax.plot([], [], color=_INK, lw=_BOUNDARY_LW, zorder=zorder + 3,
                                   solid_capstyle="round", label="decision boundary")

    def set_view(self, xlim, ylim):
        """Another view: a new grid of pixel centres (drawn by the next update)."""
        self.xs, self.ys, self.grid = _pixel_grid(xlim, ylim, self.n)
        self.image.set_extent((*xlim, *ylim))

    def logits(self, model):
        """The model's logits (n*n, n_out) over the pixel centres (``trace``: pure)."""
        return np.asarray(model.trace(self.grid)[-1]["Z"], dtype=float).reshape(
            len(self.grid), self.n_out)

    def update(self, model):
        Z = self.logits(model)
        n = self.n
        if self.n_out == 1:
            z = Z[:, 0]
            self.image.set_data((_act.sigmoid(z) if self.proba else (z >= 0).astype(float))
                                .reshape(n, n))
            xb, yb = _zero_lines(self.xs, self.ys, z.reshape(n, n))
        else:
            P = _act.softmax(Z, axis=1)
            cls = np.argmax(P, axis=1)
            if self.proba:
                conf = (P[np.arange(len(P)), cls] - 1.0 / self.k) / (1.0 - 1.0 / self.k)
                amount = (0.12 + 0.5 * np.clip(conf, 0.0, 1.0))[:, np.newaxis]
            else:
                amount = np.full((len(P), 1), 0.22)
            rgb = 1.0 - amount * (1.0 - self._rgb[cls])
            self.image.set_data(rgb.reshape(n, n, 3))
            # where class c wins: Z_c - max_{j != c} Z_j > 0; its zero set is c's border
            xb, yb = [], []
            for c in range(self.k):
                others = np.delete(Z, c, axis=1).max(axis=1)
                xc, yc = _zero_lines(self.xs, self.ys, (Z[:, c] - others).reshape(n, n))
                if len(xc):
                    xb += [xc, [np.nan]]
                    yb += [yc, [np.nan]]
            xb = np.concatenate(xb) if xb else np.empty(0)
            yb = np.concatenate(yb) if yb else np.empty(0)
        self.boundary.set_data(xb, yb)
        return Z


def _class_points(ax, X, y, k, *, s=30, zorder=5, edgecolor=None, lw=0.6):
    """The points, face colour and marker by class (one PathCollection)."""
    paths = [_marker_path(MULTICLASS_MARKERS[int(c)]) for c in y]
    points = ax.scatter(X[:, 0], X[:, 1], s=s, c=[MULTICLASS_COLORS[int(c)] for c in y],
                        edgecolors=_INK if edgecolor is None else edgecolor,
                        linewidths=lw, zorder=zorder)
    points.set_paths(paths)
    return points


def _class_handles(k, names=None):
    from matplotlib.lines import Line2D

    names = names or [f"class {c}" for c in range(k)]
    return [Line2D([], [], ls="none", marker=MULTICLASS_MARKERS[c], ms=7,
                   mfc=MULTICLASS_COLORS[c], mec=_INK, mew=0.6, label=names[c])
            for c in range(k)]


def _hidden_lines_segments(W, b, xlim, ylim):
    """Each first-layer unit's line w_j . x + b_j = 0 inside the box (None when it
    misses the box or w_j = 0)."""
    out = []
    for w_j, b_j in zip(W, b):
        seg = None if not np.any(w_j) else _hp.line_in_box(w_j, float(b_j), xlim, ylim)
        out.append(None if seg is None else np.asarray(seg, dtype=float))
    return out


_MAX_LABELLED_UNITS = 8  # more hidden lines than this are drawn faint, without numbers
_LABEL_SPOTS = (0.1, 0.9, 0.3, 0.7, 0.5, 0.2, 0.8)  # where along a line a unit's number may sit


class _HiddenLines:
    """The first hidden layer's lines w_j . x + b_j = 0 (one LineCollection) and a
    small number on each, placed apart from the others; moved by :meth:`update`."""

    def __init__(self, ax, n_units, xlim, ylim, *, labels=True, color=None, zorder=4):
        from matplotlib.collections import LineCollection

        self.ax, self.xlim, self.ylim = ax, xlim, ylim
        color = _INK if color is None else color
        many = n_units > _MAX_LABELLED_UNITS  # then thin, faint and not numbered
        self.lines = LineCollection([], colors=color, linewidths=0.8 if many else 1.2,
                                    alpha=0.55 if many else 1.0,
                                    linestyles=(0, (5, 3)), zorder=zorder,
                                    label=r"hidden units: $\mathbf{w}_j\cdot\mathbf{x}+b_j=0$")
        ax.add_collection(self.lines, autolim=False)
        self.labels = []
        if labels and not many:
            for j in range(n_units):
                self.labels.append(ax.text(
                    0.0, 0.0, str(j + 1), fontsize=7.5, ha="center", va="center",
                    color=color, zorder=zorder + 0.1, visible=False,
                    bbox=dict(boxstyle="circle,pad=0.18", fc="white", ec=color, lw=0.8)))

    def update(self, W, b):
        segments = _hidden_lines_segments(W, b, self.xlim, self.ylim)
        self.lines.set_segments([s for s in segments if s is not None])
        span = np.array([self.xlim[1] - self.xlim[0], self.ylim[1] - self.ylim[0]])
        placed = []
        for text, seg in zip(self.labels, segments):
            text.set_visible(seg is not None)
            if seg is None:
                continue
            best, best_gap = None, -1.0
            for t in _LABEL_SPOTS:
                p = seg[0] + t * (seg[1] - seg[0])
                gap = min((float(np.max(np.abs(p - q) / span)) for q in placed), default=1.0)
                if gap > best_gap:
                    best, best_gap = p, gap
                if gap >= 0.09:
                    break
            placed.append(best)
            text.set_position(tuple(best))
        return segments


def plot_decision_regions(model, X, y, ax=None, *, grid=200, lim=None, proba=True,
                          colorbar=True, legend=True):
    r"""A classifier's decision regions over the plane, its decision boundary and the
    points.

    The model's logits are computed over the centres of a ``grid`` x ``grid`` image
    (``model.trace``). A binary model (one logit :math:`z`) is drawn as
    :math:`P(\text{class } 1) = \sigma(z)` through a diverging blue-white-orange map
    (:data:`DECISION_COLORS`), white on the boundary :math:`z = 0`, i.e.
    :math:`P = 0.5`. A model with :math:`k \ge 2` logits colours each pixel by its
    predicted class :math:`\arg\max_c z_c`, paler the less sure it is (white at
    :math:`\max_c p_c = 1/k`, :math:`\mathbf{p} = \mathrm{softmax}(\mathbf{z})`), and
    the boundary is where the winning class changes. Points: colour and marker by
    true class (:data:`MULTICLASS_COLORS`, :data:`MULTICLASS_MARKERS`).

    Parameters
    ----------
    model : nncore.mlp.MLP
        With 2 inputs (``sizes[0] == 2``) and 1 or :math:`k \ge 2` outputs (logits).
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,)
        Labels 0 to :math:`k-1` (0 or 1 for a model with one logit).
    ax : matplotlib.axes.Axes, optional
        A new figure is made with pyplot when None.
    grid : int, default=200
        Pixels along each side of the image.
    lim : (float, float) or ((float, float), (float, float)), optional
        The view: one range for both axes, or (xlim, ylim). Default: a square around
        the points.
    proba : bool, default=True
        Shade by probability; False: flat tints of the predicted class.
    colorbar : bool, default=True
        A colour bar of :math:`P(\text{class } 1)` beside the axes (binary, ``proba``).
    legend : bool, default=True
        A legend of the classes and the boundary, below the axes.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The image is ``ax.images[-1]``, the boundary the Line2D labelled
        "decision boundary" (x, y with NaN between its pieces), the points the last
        collection.

    Examples
    --------
    >>> import numpy as np
    >>> from types import SimpleNamespace
    >>> from matplotlib.figure import Figure
    >>> W, b = np.array([[1.0, -1.0]]), np.array([0.0])  # one logit: z = x1 - x2
    >>> model = SimpleNamespace(sizes=[2, 1], params=[(W, b)],
    ...                         trace=lambda X: [{"Z": X @ W.T + b}])
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]]); y = np.array([1, 0])
    >>> ax = plot_decision_regions(model, X, y, ax=Figure().add_subplot(), grid=50)
    >>> line = next(l for l in ax.lines if l.get_label() == "decision boundary")
    >>> xb, yb = line.get_data()
    >>> bool(np.allclose(xb, yb))      # the boundary is the line x1 = x2
    True

    Used in Chapter 5, section "Solving XOR", and Chapter 6 for
    several classes.
    """
    _, n_out = _check_mlp(model)
    X = as_matrix(X, "X", n_features=2)
    y = _check_classes(y, len(X), n_out)
    grid = _check_grid(grid)
    xlim, ylim = _plane_limits(X, lim)
    if ax is None:
        ax = _new_axes(figsize=(5.4, 5.0))
    regions = _Regions(ax, xlim, ylim, grid, n_out, proba=proba)
    regions.update(model)
    _class_points(ax, X, y, regions.k)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal", adjustable="box")
    if not ax.get_xlabel():
        ax.set_xlabel(r"$x_1$")
    if not ax.get_ylabel():
        ax.set_ylabel(r"$x_2$", rotation=0, labelpad=8)
    if colorbar and n_out == 1 and proba:
        _proba_colorbar(ax.figure.colorbar(regions.image, ax=ax, fraction=0.046, pad=0.03))
    if legend:
        handles = _class_handles(regions.k) + [regions.boundary]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                  ncol=min(len(handles), 4), fontsize=8.5, frameon=False,
                  handlelength=1.6, columnspacing=1.2)
    return ax


def _proba_colorbar(cbar):
    cbar.set_label(r"$P(\mathrm{class}\ 1)$", fontsize=9)
    cbar.set_ticks([0.0, 0.25, 0.5, 0.75, 1.0])
    cbar.ax.tick_params(labelsize=8)
    cbar.ax.axhline(0.5, color=_INK, lw=_BOUNDARY_LW)
    return cbar


def plot_hidden_boundaries(model, ax, *, labels=True, color=None):
    r"""The lines of the first hidden layer's units,
    :math:`\mathbf{w}_j\cdot\mathbf{x} + b_j = 0`, in the current view of ``ax``.

    Unit :math:`j` (row :math:`j` of :math:`W_1`, shape ``(n_hidden, 2)``) switches on
    one side of its line (relu: :math:`z_j > 0`; tanh, sigmoid: from below to above
    half way); each line is dashed and numbered :math:`1, 2, \dots` like the units.
    A unit with :math:`\mathbf{w}_j = \mathbf{0}` or whose line misses the view has none.

    Parameters
    ----------
    model : nncore.mlp.MLP
        With 2 inputs.
    ax : matplotlib.axes.Axes
        Drawn in its current limits (set them first, e.g. with
        :func:`plot_decision_regions`).
    labels : bool, default=True
        Number each line.
    color : color, optional
        Of the lines and numbers; near-black by default.

    Returns
    -------
    matplotlib.collections.LineCollection
        One segment per unit whose line crosses the view; the numbers are
        ``collection.nncore_labels`` (Text, one per unit, hidden when it has no line).

    Examples
    --------
    >>> import numpy as np
    >>> from types import SimpleNamespace
    >>> from matplotlib.figure import Figure
    >>> W1 = np.array([[1.0, 0.0], [0.0, 2.0]]); b1 = np.array([-0.5, 1.0])
    >>> model = SimpleNamespace(sizes=[2, 2, 1], params=[(W1, b1), (np.ones((1, 2)), np.zeros(1))],
    ...                         trace=None)
    >>> ax = Figure().add_subplot(xlim=(-1, 1), ylim=(-1, 1))
    >>> lines = plot_hidden_boundaries(model, ax)
    >>> [s.tolist() for s in lines.get_segments()]   # x1 = 0.5 and x2 = -0.5
    [[[0.5, -1.0], [0.5, 1.0]], [[-1.0, -0.5], [1.0, -0.5]]]

    Used in Chapter 5, section "Solving XOR".
    """
    sizes = getattr(model, "sizes", None)
    if sizes is None or not hasattr(model, "params"):
        raise TypeError(f"model must be an nncore.mlp.MLP (with .sizes and .params); "
                        f"got {type(model).__name__}")
    if int(sizes[0]) != 2 or len(sizes) < 3:
        raise ValueError("model must take 2 inputs and have a hidden layer (sizes like "
                         f"[2, 4, 1]) for its hidden units to be lines in the plane; got "
                         f"sizes {list(sizes)}")
    W, b = (np.asarray(a, dtype=float) for a in model.params[0])
    xlim, ylim = tuple(ax.get_xlim()), tuple(ax.get_ylim())
    hidden = _HiddenLines(ax, len(W), xlim, ylim, labels=labels, color=color)
    hidden.update(W, b)
    hidden.lines.nncore_labels = hidden.labels
    return hidden.lines


def _activation_name(model):
    name = getattr(model, "activation", "relu")
    return name if isinstance(name, str) else getattr(name, "__name__", "relu")


def _hidden_norm(name, A):
    """(cmap, vmin, vmax) for a hidden layer's outputs A over the grid."""
    if name in _SIGNED or A.min() < 0:
        top = max(float(np.max(np.abs(A))), 1e-12)
        if name == "tanh":
            top = 1.0
        return HIDDEN_CMAPS["signed"], -top, top
    top = 1.0 if name == "sigmoid" else max(float(A.max()), 1e-12)
    return HIDDEN_CMAPS["nonnegative"], 0.0, top


def plot_hidden_units(model, X, y, fig=None, *, grid=60, lim=None, max_units=8):
    r"""Every hidden unit's output :math:`a_j(\mathbf{x})` as a small map over the
    plane, one row per hidden layer, and the network's output below them.

    Row :math:`l` shows the units of hidden layer :math:`l`,
    :math:`\mathbf{a}^{(l)} = f(W_l\,\mathbf{a}^{(l-1)} + \mathbf{b}_l)` over the plane
    (``model.trace``), all on one colour scale per row (viridis for relu and sigmoid,
    the diverging PRGn centred on 0 for tanh), with the unit's own switch line
    :math:`z_j = 0` drawn thin and dashed. Over the units of the last hidden layer of
    a one-logit model, the title gives the output weight :math:`v_j = W_L[0, j]` that
    multiplies it: the output is :math:`z = \sum_j v_j a_j + b_L`, the bottom panel
    (:func:`plot_decision_regions`).

    Parameters
    ----------
    model : nncore.mlp.MLP
        With 2 inputs and at least one hidden layer.
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,)
    fig : matplotlib.figure.Figure, optional
        An empty figure to draw into; a new one is made with pyplot when None.
    grid : int, default=60
        Pixels along each side of each small map.
    lim : optional
        The view, as for :func:`plot_decision_regions`.
    max_units : int, default=8
        At most this many units per row (the first ones; the row title says how
        many there are).

    Returns
    -------
    fig : matplotlib.figure.Figure
        ``fig.nncore_unit_axes`` is a list (one per hidden layer) of the units' axes.

    Examples
    --------
    >>> import numpy as np
    >>> from types import SimpleNamespace
    >>> from matplotlib.figure import Figure
    >>> W1, b1 = np.array([[1.0, 0.0], [0.0, 1.0]]), np.zeros(2)
    >>> W2, b2 = np.array([[1.0, -1.0]]), np.zeros(1)
    >>> def trace(X):
    ...     Z1 = X @ W1.T + b1; A1 = np.maximum(Z1, 0); Z2 = A1 @ W2.T + b2
    ...     return [{"A_in": X, "Z": Z1, "A": A1}, {"A_in": A1, "Z": Z2, "A": Z2}]
    >>> model = SimpleNamespace(sizes=[2, 2, 1], params=[(W1, b1), (W2, b2)],
    ...                         activation="relu", trace=trace)
    >>> fig = plot_hidden_units(model, [[0.0, 1.0], [1.0, 0.0]], [0, 1], fig=Figure(), grid=20)
    >>> [ax.get_title() for ax in fig.nncore_unit_axes[0]]
    ['unit 1,  $v_{1} = +1.00$', 'unit 2,  $v_{2} = -1.00$']

    Used in Chapter 5, section "Solving XOR".
    """
    from matplotlib.gridspec import GridSpec

    _, n_out = _check_mlp(model)
    sizes = [int(s) for s in model.sizes]
    if len(sizes) < 3:
        raise ValueError(f"model must have a hidden layer (sizes like [2, 4, 1]); got "
                         f"sizes {sizes}")
    X = as_matrix(X, "X", n_features=2)
    y = _check_classes(y, len(X), n_out)
    grid = _check_grid(grid)
    max_units = as_int(max_units, "max_units", minimum=1)
    xlim, ylim = _plane_limits(X, lim)
    xs, ys, pts = _pixel_grid(xlim, ylim, grid)
    trace = model.trace(pts)
    hidden = trace[:-1]
    ncols = min(max(sizes[1:-1]), max_units)
    # inches: panel pitch and side; per row a title, the units' titles, the maps;
    # then the output's title, its axes and room for its tick labels
    pitch, side, row_h, out_side = 1.55, 1.25, 1.25 + 0.78, 2.7
    width = max(pitch * ncols + 1.2, 5.6)
    height = 0.1 + row_h * len(hidden) + 0.4 + out_side + 0.55
    if fig is None:
        import matplotlib.pyplot as plt  # lazy, as everywhere in this module

        fig = plt.figure(figsize=(width, height))
    else:
        fig.set_size_inches(width, height)
    name = _activation_name(model)
    what = {"relu": "ReLU", "tanh": "tanh", "sigmoid": r"\sigma"}.get(name, name)
    unit_axes = []
    k = _n_classes(n_out)
    for l, layer in enumerate(hidden):
        A = np.asarray(layer["A"], dtype=float)
        Zl = np.asarray(layer["Z"], dtype=float)
        n_units = A.shape[1]
        shown = min(n_units, max_units)
        cmap, vmin, vmax = _hidden_norm(name, A[:, :shown])
        top = height - 0.1 - l * row_h  # top of this row's block
        y0 = top - row_h + 0.22
        left0 = 0.5 * (width - 0.6 - shown * pitch) + 0.5 * (pitch - side)
        axes = []
        for j in range(shown):
            ax = fig.add_axes(((left0 + j * pitch) / width, y0 / height, side / width,
                               side / height))
            image = ax.imshow(A[:, j].reshape(grid, grid), origin="lower",
                              extent=(*xlim, *ylim), cmap=cmap, vmin=vmin, vmax=vmax,
                              interpolation="nearest", aspect="auto")
            xz, yz = _zero_lines(xs, ys, Zl[:, j].reshape(grid, grid))
            ax.plot(xz, yz, color="white" if cmap == "viridis" else _INK, lw=0.9,
                    ls=(0, (3, 2)))
            _class_points(ax, X, y, k, s=7, lw=0.3, edgecolor="white")
            ax.set_xlim(xlim)
            ax.set_ylim(ylim)
            ax.set_xticks([])
            ax.set_yticks([])
            title = f"unit {j + 1}"
            if l == len(hidden) - 1 and n_out == 1:
                v = float(np.asarray(model.params[-1][0])[0, j])
                title += f",  $v_{{{j + 1}}} = {v:+.2f}$"
            if not np.any(A[:, j]):
                title += " (0 in view)"
            ax.set_title(title, fontsize=8, pad=2)
            axes.append(ax)
        unit_axes.append(axes)
        # one colour bar per row, right of its maps
        cax = fig.add_axes(((left0 + (shown - 1) * pitch + side + 0.12) / width,
                            y0 / height, 0.1 / width, side / height))
        cbar = fig.colorbar(image, cax=cax)
        cbar.ax.tick_params(labelsize=7)
        more = f" (the first {shown} of {n_units} units)" if shown < n_units else ""
        fig.text(0.5, (top - 0.08) / height,
                 rf"hidden layer {l + 1}{more}: $a_j = \mathrm{{{what}}}(z_j)$; "
                 r"dashed: $z_j = 0$", ha="center", va="top", fontsize=9.5)
    ax = fig.add_axes(((0.5 * (width - out_side) - 0.3) / width, 0.55 / height,
                       out_side / width, out_side / height))
    plot_decision_regions(model, X, y, ax=ax, grid=max(grid, 100), lim=(xlim, ylim),
                          colorbar=False, legend=False)
    if n_out == 1:
        cax = fig.add_axes(((0.5 * (width - out_side) - 0.3 + out_side + 0.12) / width,
                            0.55 / height, 0.12 / width, out_side / height))
        _proba_colorbar(fig.colorbar(ax.images[-1], cax=cax))
    ax.set_title(r"output: $z = \Sigma_j\, v_j a_j + b$" if n_out == 1
                 else "output: the predicted class", fontsize=9.5)
    fig.nncore_unit_axes = unit_axes
    return fig


# -- the ReLU pieces of a 1-k-1 network --------------------------------------------


def _piece_style(j):
    """Colour, line style and kink marker of unit j's piece: the six
    :data:`PIECE_COLORS`, then again dashed with squares, then dotted with diamonds."""
    n = len(PIECE_COLORS)
    turn = (j // n) % 3
    return PIECE_COLORS[j % n], ("-", (0, (4, 2)), (0, (1, 1.5)))[turn], "osD"[turn]


class ReluPiecesDisplay:
    r"""A one-input ReLU network as a sum of pieces: each hidden unit's
    :math:`v_j\,\mathrm{relu}(w_j x + b_j)` and their sum plus :math:`c`, the network's
    output, against a target curve.

    .. math:: \hat{y}(x) = \sum_{j=1}^{k} v_j\,\mathrm{relu}(w_j x + b_j) + c

    Each piece is zero on one side of its kink :math:`x = -b_j/w_j` and a straight
    line of slope :math:`v_j w_j` on the other; the sum is a broken line that bends
    at the kinks (dots on it, in each unit's colour).

    A scikit-learn style Display: :meth:`from_model` computes the pieces with
    ``model.contributions``, ``__init__`` only stores arrays, :meth:`plot` draws once,
    :meth:`update` only moves the artists.

    Parameters
    ----------
    x : array-like of shape (n,)
        Increasing inputs.
    pieces : array-like of shape (n, k)
        Column j: unit j's piece at each x.
    bias : float, default=0.0
        :math:`c`, added to the sum.
    target : array-like of shape (n,), optional
        The curve to approximate (dashed grey).
    kinks : array-like of shape (k,), optional
        :math:`-b_j/w_j` (NaN for a unit with :math:`w_j = 0`), marked on the sum.
    ylim : (float, float), optional
        Default: the target's range (or the curves'), with room.

    Attributes
    ----------
    pieces_ : list of Line2D
    sum_, target_ : Line2D
    kinks_ : PathCollection
    error_ : float or None
        The mean squared error of the sum against the target
        (:func:`nncore.losses.mse`).
    ax_, figure_, legend_

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> x = np.linspace(-1.0, 1.0, 5)
    >>> pieces = np.column_stack([np.maximum(x, 0), -np.maximum(-x, 0)])  # relu(x), -relu(-x)
    >>> disp = ReluPiecesDisplay(x=x, pieces=pieces, target=x).plot(ax=Figure().add_subplot())
    >>> disp.sum_.get_ydata().tolist(), disp.error_
    ([-1.0, -0.5, 0.0, 0.5, 1.0], 0.0)

    Used in Chapter 5, section "ReLU pieces add up to a curve".
    """

    def __init__(self, *, x, pieces, bias=0.0, target=None, kinks=None, ylim=None):
        self.x = as_vector(x, "x")
        if len(self.x) < 2 or np.any(np.diff(self.x) <= 0):
            raise ValueError("x must be increasing, at least 2 values; got "
                             f"{len(self.x)} value(s)")
        self.pieces, self.bias, self.kinks = self._check(pieces, bias, kinks)
        self.target = None if target is None else as_vector(target, "target",
                                                             dim=len(self.x), against="x")
        self.ylim = None if ylim is None else as_interval(ylim, "ylim")

    def _check(self, pieces, bias, kinks):
        P = as_array(pieces, "pieces")
        if P.ndim == 1:
            P = P[:, np.newaxis]
        if P.ndim != 2 or P.shape[0] != len(self.x):
            raise ValueError(f"pieces must have shape (len(x), k) = ({len(self.x)}, k): one "
                             f"column per unit; got shape {P.shape}")
        bias = as_scalar(bias, "bias")
        if kinks is not None:
            kinks = np.asarray(kinks, dtype=float)  # NaN: a unit with w = 0 has no kink
            if kinks.shape != (P.shape[1],):
                raise ValueError(f"kinks must have shape ({P.shape[1]},), one per unit; got "
                                 f"shape {kinks.shape}")
        return P, bias, kinks

    @staticmethod
    def _from(model, x):
        sizes = getattr(model, "sizes", None)
        if sizes is None or not callable(getattr(model, "contributions", None)):
            raise TypeError(f"model must be an nncore.mlp.MLP (with .sizes and "
                            f".contributions); got {type(model).__name__}")
        if len(sizes) != 3 or int(sizes[0]) != 1 or int(sizes[-1]) != 1:
            raise ValueError(f"model must be a 1-k-1 network (sizes [1, k, 1]); got sizes "
                             f"{list(sizes)}")
        if _activation_name(model) != "relu":
            raise ValueError(f"model must use activation='relu' for its units to be "
                             f"ReLU pieces; got {_activation_name(model)!r}")
        pieces = np.asarray(model.contributions(x[:, np.newaxis]), dtype=float)
        (W1, b1), (_, b2) = model.params
        w, b = np.asarray(W1, dtype=float)[:, 0], np.asarray(b1, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            kinks = np.where(w != 0, -b / np.where(w != 0, w, 1.0), np.nan)
        return pieces, float(np.asarray(b2).ravel()[0]), kinks

    @classmethod
    def from_model(cls, x, model, *, target=None, ylim=None):
        """The pieces of a 1-k-1 ReLU ``model`` (``sizes == [1, k, 1]``) at ``x``:
        ``model.contributions``, the output bias and the kinks :math:`-b_j/w_j`.

        Returns
        -------
        ReluPiecesDisplay
        """
        x = as_vector(x, "x")
        pieces, bias, kinks = cls._from(model, x)
        return cls(x=x, pieces=pieces, bias=bias, target=target, kinks=kinks, ylim=ylim)

    def _limits(self):
        if self.ylim is not None:
            return self.ylim
        ref = self.target if self.target is not None else np.concatenate(
            [self.pieces.ravel(), self.total_])
        lo, hi = float(ref.min()), float(ref.max())
        pad = 0.5 * max(hi - lo, 1.0)
        return lo - pad, hi + pad

    def plot(self, ax=None, *, legend=True, title=True):
        """Draw once and keep handles to the artists.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            A new figure of size :data:`PIECES_FIGSIZE` is made with pyplot when None.
        legend : bool, default=True
            Below the axes.
        title : bool, default=True
            The mean squared error as the title (a widget's status line can say it).

        Returns
        -------
        self : ReluPiecesDisplay
        """
        if ax is None:
            ax = _new_axes(figsize=PIECES_FIGSIZE)
        self.ax_, self.figure_ = ax, ax.figure
        self._title_on = bool(title)
        k = self.pieces.shape[1]
        ax.axhline(0.0, color=_AXIS_GREY, lw=0.8, zorder=1)
        ax.grid(True, color=_GRID_GREY, lw=0.6)
        ax.set_axisbelow(True)
        (self.target_,) = ax.plot(self.x, np.zeros_like(self.x) if self.target is None
                                  else self.target, color="0.5", lw=2.6, ls=(0, (5, 3)),
                                  zorder=2, label="target")
        self.target_.set_visible(self.target is not None)
        styles = [_piece_style(j) for j in range(k)]
        self.pieces_ = [ax.plot([], [], color=color, ls=ls, lw=1.5, zorder=3,
                                label=rf"unit {j + 1}: $v_{{{j + 1}}}\,\mathrm{{relu}}"
                                      rf"(w_{{{j + 1}}}x + b_{{{j + 1}}})$")[0]
                        for j, (color, ls, _) in enumerate(styles)]
        (self.sum_,) = ax.plot([], [], color=_INK, lw=2.4, zorder=4,
                               label=r"sum $+\,c$: the network's output")
        self.kinks_ = ax.scatter(np.zeros(k), np.zeros(k), s=36,
                                 c=[color for color, _, _ in styles],
                                 edgecolors=_INK, linewidths=0.8, zorder=5)
        self.kinks_.set_paths([_marker_path(marker) for _, _, marker in styles])
        self.total_ = self.pieces.sum(axis=1) + self.bias
        ax.set_xlim(float(self.x[0]), float(self.x[-1]))
        ax.set_ylim(self._limits())
        ax.set_xlabel("$x$")
        ax.set_ylabel(r"$\hat{y}$", rotation=0, labelpad=10)
        self.legend_ = None
        if legend:
            handles = ([self.target_] if self.target is not None else []) + [self.sum_] + \
                self.pieces_
            self.legend_ = ax.legend(handles=handles, loc="upper center",
                                     bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8.5,
                                     frameon=False, handlelength=1.8, columnspacing=1.2)
        return self.update(self.pieces, self.bias, self.kinks)

    def dynamic_artists(self):
        """Every artist that :meth:`update` changes (for blitting)."""
        return self.pieces_ + [self.sum_, self.kinks_] + (
            [self.ax_.title] if self._title_on else [])

    def update(self, pieces, bias=0.0, kinks=None):
        """Show new pieces (same x), moving the existing artists only.

        Returns
        -------
        self : ReluPiecesDisplay
        """
        self.pieces, self.bias, self.kinks = self._check(pieces, bias, kinks)
        if self.pieces.shape[1] != len(self.pieces_):
            raise ValueError(f"pieces must have {len(self.pieces_)} columns, like the ones "
                             f"drawn; got {self.pieces.shape[1]}")
        self.total_ = self.pieces.sum(axis=1) + self.bias
        for line, column in zip(self.pieces_, self.pieces.T):
            line.set_data(self.x, column)
        self.sum_.set_data(self.x, self.total_)
        if self.kinks is None:
            self.kinks_.set_visible(False)
        else:
            inside = np.isfinite(self.kinks) & (self.kinks >= self.x[0]) & (
                self.kinks <= self.x[-1])
            kx = np.where(inside, self.kinks, np.nan)
            ky = np.where(inside, np.interp(np.nan_to_num(kx), self.x, self.total_), np.nan)
            self.kinks_.set_offsets(np.column_stack([kx, ky]))
            self.kinks_.set_visible(True)
        self.error_ = None
        if self.target is not None:
            self.error_ = float(_losses.mse(self.total_, self.target))
            if self._title_on:
                self.ax_.set_title(f"mean squared error against the target: "
                                   f"{self.error_:.4f}", fontsize=10)
        return self

    def update_model(self, model):
        """:meth:`update` from a 1-k-1 ReLU model (its current ``params``)."""
        pieces, bias, kinks = self._from(model, self.x)
        return self.update(pieces, bias, kinks)

    def set_target(self, target, ylim=None):
        """Swap in another target curve (and view); redraw the whole figure afterwards."""
        self.target = as_vector(target, "target", dim=len(self.x), against="x")
        self.ylim = None if ylim is None else as_interval(ylim, "ylim")
        self.target_.set_ydata(self.target)
        self.target_.set_visible(True)
        self.ax_.set_ylim(self._limits())
        return self.update(self.pieces, self.bias, self.kinks)


def plot_relu_pieces(x, model_or_pieces, target=None, ax=None):
    r"""Each hidden ReLU's piece :math:`v_j\,\mathrm{relu}(w_j x + b_j)`, their sum
    (plus the output bias: the network's output) and a target curve.

    Parameters
    ----------
    x : array-like of shape (n,)
        Increasing inputs.
    model_or_pieces : nncore.mlp.MLP or array-like of shape (n, k)
        A 1-k-1 ReLU network (its pieces from ``model.contributions``, its kinks
        :math:`-b_j/w_j` marked on the sum), or the pieces themselves.
    target : callable or array-like of shape (n,), optional
        The curve to approximate (a function of x, or its values at x).
    ax : matplotlib.axes.Axes, optional
        A new figure is made with pyplot when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The pieces are the first lines after the target, the sum the one labelled
        "sum ...".

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> x = np.linspace(-2.0, 2.0, 9)
    >>> pieces = np.column_stack([np.maximum(x, 0), np.maximum(-x, 0)])  # |x| = relu(x) + relu(-x)
    >>> ax = plot_relu_pieces(x, pieces, target=np.abs, ax=Figure().add_subplot())
    >>> ax.get_title()
    'mean squared error against the target: 0.0000'

    Used in Chapter 5, section "ReLU pieces add up to a curve".
    """
    x = as_vector(x, "x")
    if callable(target):
        target = np.asarray(target(x), dtype=float)
    if hasattr(model_or_pieces, "sizes"):
        display = ReluPiecesDisplay.from_model(x, model_or_pieces, target=target)
    else:
        display = ReluPiecesDisplay(x=x, pieces=model_or_pieces, target=target)
    return display.plot(ax=ax).ax_


# -- vanishing gradients ------------------------------------------------------------


def plot_gradient_norms(norms_per_layer, ax=None, *, label=None):
    r"""The size of each layer's weight gradient,
    :math:`\|\partial L/\partial W_l\|` (Frobenius norm), layer 1 (next to the input)
    on the left, on a log axis.

    Backpropagation multiplies the error signal by :math:`W_l^\top` and by
    :math:`f'(Z_{l-1})` once per layer on its way to the input; with sigmoid
    (:math:`f' \le 1/4`) these factors shrink it layer after layer, and the first
    layers barely learn: a line falling to the left. Call it again with another
    ``label`` to draw another run on the same axes, or pass a dict.

    Parameters
    ----------
    norms_per_layer : array-like of shape (n_layers,) or dict of str to array-like
        Non-negative norms, one per layer; a dict draws one line per entry (its keys
        are the labels). An exact zero (e.g. zero initialisation) cannot be drawn on
        a log axis: it is marked by an open triangle on the bottom edge.
    ax : matplotlib.axes.Axes, optional
        A new figure is made with pyplot when None.
    label : str, optional
        Name of this run in the legend.

    Returns
    -------
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_gradient_norms({"sigmoid": [1e-6, 1e-4, 1e-2], "relu": [0.3, 0.5, 0.4]},
    ...                          ax=Figure().add_subplot())
    >>> ax.get_yscale(), [t.get_text() for t in ax.get_legend().texts]
    ('log', ['sigmoid', 'relu'])

    Used in Chapter 5, section "Vanishing gradients".
    """
    from collections.abc import Mapping

    from matplotlib.ticker import MaxNLocator

    if isinstance(norms_per_layer, Mapping):
        if label is not None:
            raise ValueError("label is for one run; a dict of runs is labelled by its keys")
        series = list(norms_per_layer.items())
        if not series:
            raise ValueError("norms_per_layer must hold at least one run; got an empty dict")
    else:
        if label is not None and not isinstance(label, str):
            raise TypeError(f"label must be a str or None; got {type(label).__name__}")
        series = [(label, norms_per_layer)]
    checked = []
    for name, norms in series:
        what = "norms_per_layer" if name is None else f"norms_per_layer[{name!r}]"
        v = as_array(norms, what)
        if v.ndim != 1 or v.size == 0:
            raise ValueError(f"{what} must be 1-D, one norm per layer, shape (n_layers,); "
                             f"got shape {v.shape}")
        if np.any(v < 0):
            i = int(np.argmax(v < 0))
            raise ValueError(f"{what} must be norms (>= 0); got {v[i]:g} at index {i}")
        checked.append((name, v))
    if ax is None:
        ax = _new_axes(figsize=(5.5, 3.6))
    ax.set_yscale("log")
    runs = getattr(ax, "_nncore_norm_runs", 0)
    for i, (name, v) in enumerate(checked):
        color = VECTOR_COLORS[(runs + i) % len(VECTOR_COLORS)]
        layers = np.arange(1, len(v) + 1)
        positive = v > 0
        if name is not None and not positive.all():
            name = f"{name} (\u25bd: exactly 0)"
        ax.plot(np.where(positive, layers, np.nan), np.where(positive, v, np.nan),
                color=color, lw=1.6, marker="o", ms=5, zorder=3,
                label=name if positive.any() else None)
        if not positive.all():
            # a log axis has no 0: an open triangle just above the bottom edge
            ax.plot(layers[~positive], np.full(int((~positive).sum()), 0.04), ls="none",
                    marker="v", ms=8, mfc="white", mec=color, mew=1.4, zorder=4,
                    transform=ax.get_xaxis_transform(),
                    label=None if positive.any() else name)
    ax._nncore_norm_runs = runs + len(checked)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, which="major", color=_GRID_GREY, lw=0.6)
    ax.set_axisbelow(True)
    ax.margins(y=0.12)
    if not ax.get_xlabel():
        ax.set_xlabel("layer $l$ (1 = next to the input)")
    if not ax.get_ylabel():
        ax.set_ylabel(r"$\|\partial L / \partial W_l\|$")
    if any(name is not None for name, _ in checked) or ax.get_legend() is not None:
        ax.legend(fontsize=9, frameon=False)
    return ax


# -- training an MLP on 2-D data ----------------------------------------------------

#: Margins and gaps of :class:`MLPTrainingDisplay` (inches).
_MLP_MARGINS = dict(left=0.62, bottom=0.5, top=0.55, right=0.22, cbar=0.13, cbar_gap=0.1,
                    gap=1.35, legend=1.25)


def _mlp_axes(fig, binary):
    """The regions (a square), the colour bar beside it (binary models) and the loss
    axes, at fixed places (inches): nothing moves when the numbers change."""
    m = _MLP_MARGINS
    width, height = fig.get_size_inches()
    side = height - m["top"] - m["bottom"]
    ax_regions = fig.add_axes((m["left"] / width, m["bottom"] / height, side / width,
                               side / height))
    x = m["left"] + side + m["cbar_gap"]
    cax = None
    if binary:
        cax = fig.add_axes((x / width, m["bottom"] / height, m["cbar"] / width,
                            side / height))
    x += m["cbar"] + m["gap"]
    loss_bottom = m["bottom"] + m["legend"]
    ax_loss = fig.add_axes((x / width, loss_bottom / height, (width - x - m["right"]) / width,
                            (side - m["legend"]) / height))
    return ax_regions, cax, ax_loss


def _history_series(history, key):
    """history[key] as floats, or None when absent, empty or not one per epoch."""
    if history is None or key not in history:
        return None
    values = history[key]
    if values is None or len(values) == 0 or len(values) != len(history["epoch"]):
        return None
    out = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    return out if np.isfinite(out).any() else None


def _check_history(history):
    from collections.abc import Mapping

    if history is None:
        return {"epoch": [], "train_loss": []}
    if not isinstance(history, Mapping) or "epoch" not in history or \
            "train_loss" not in history:
        raise TypeError("history must be a dict of lists with at least 'epoch' and "
                        "'train_loss' (Trainer.history_); got "
                        f"{type(history).__name__}")
    if len(history["train_loss"]) != len(history["epoch"]):
        raise ValueError("history['train_loss'] must have one entry per epoch, like "
                         f"history['epoch'] ({len(history['epoch'])}); got "
                         f"{len(history['train_loss'])}")
    return history


def _upto(history, epoch):
    """The entries of ``history`` (dict of lists) of the epochs up to ``epoch``."""
    epochs = np.asarray(history["epoch"], dtype=float)
    n = int(np.searchsorted(epochs, epoch, side="right"))
    return {key: (list(v)[:n] if v is not None and len(v) == len(epochs) else v)
            for key, v in history.items()}


class MLPTrainingDisplay:
    r"""An MLP learning a 2-D data set: its decision regions, its first hidden
    layer's lines and the loss per epoch.

    Two panels, created once by :meth:`plot` and moved by :meth:`show`:

    - left, ``ax_regions_``: the decision regions of the model as it is now
      (:func:`plot_decision_regions`: ``regions_``, the image; ``boundary_``), the
      first hidden layer's lines :math:`\mathbf{w}_j\cdot\mathbf{x} + b_j = 0`
      (``hidden_``, dashed and numbered, :func:`plot_hidden_boundaries`) and the
      training points (``points_``);
    - right, ``ax_loss_``: the training loss per epoch on a log axis (``loss_``), the
      test loss if the history has one (``test_loss_``) and the current epoch
      (``loss_now_``).

    A scikit-learn style Display: ``__init__`` only checks and stores,
    :meth:`from_trainer` takes what a :class:`nncore.mlp.Trainer` holds,
    :meth:`plot` draws, :meth:`show` only moves artists. Its fixed layout (inches)
    never moves when the numbers change, so a widget can redraw only what moved.

    Parameters
    ----------
    model : nncore.mlp.MLP
        2 inputs, 1 logit (binary) or :math:`k \ge 2`.
    X : array-like of shape (n_samples, 2)
        The training points.
    y : array-like of shape (n_samples,)
    history : dict of lists, optional
        ``Trainer.history_``: ``"epoch"``, ``"train_loss"`` and, if present,
        ``"test_loss"``, ``"train_acc"``.
    lim : optional
        The view, as for :func:`plot_decision_regions`.
    max_epochs : int, default=100
        The loss axis runs from 0 to this; :meth:`show` widens it (to the next
        round number) when the history goes further, and says so in
        ``view_changed_``.
    grid : int, default=100
        Pixels along each side of the regions' image.
    levels : int or None, default=10
        The probability in that many bands (P in steps of 0.1 by default): easier to
        read as levels, and a banded image compresses several times better in an
        animation. None: a smooth map.

    Attributes
    ----------
    epoch_ : int
        The epoch shown.
    view_changed_ : bool
        :meth:`show` changed the axes (a widget then redraws everything).

    Examples
    --------
    >>> import numpy as np
    >>> from types import SimpleNamespace
    >>> from matplotlib.figure import Figure
    >>> W1, b1 = np.array([[1.0, 0.0], [0.0, 1.0]]), np.zeros(2)
    >>> W2, b2 = np.array([[1.0, 1.0]]), np.array([-1.0])
    >>> def trace(X):
    ...     Z1 = X @ W1.T + b1; A1 = np.tanh(Z1); Z2 = A1 @ W2.T + b2
    ...     return [{"A_in": X, "Z": Z1, "A": A1}, {"A_in": A1, "Z": Z2, "A": Z2}]
    >>> model = SimpleNamespace(sizes=[2, 2, 1], params=[(W1, b1), (W2, b2)],
    ...                         activation="tanh", trace=trace)
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0]]); y = np.array([0, 1])
    >>> history = {"epoch": [1, 2], "train_loss": [0.6, 0.4], "train_acc": [0.5, 1.0]}
    >>> disp = MLPTrainingDisplay(model=model, X=X, y=y, history=history).plot(fig=Figure())
    >>> disp.epoch_, disp.loss_.get_ydata().tolist()
    (2, [0.6, 0.4])
    >>> print(disp.caption_.get_text())
    epoch 2  ·  training loss 0.4  ·  accuracy 100%

    Used in Chapter 5, section "Solving XOR".
    """

    def __init__(self, *, model, X, y, history=None, lim=None, max_epochs=100, grid=100,
                 levels=10):
        _, self.n_out = _check_mlp(model)
        self.model = model
        self.X = as_matrix(X, "X", n_features=2)
        self.y = _check_classes(y, len(self.X), self.n_out)
        self.history = _check_history(history)
        self.xlim, self.ylim = _plane_limits(self.X, lim)
        self.max_epochs = as_int(max_epochs, "max_epochs", minimum=1)
        self.grid = _check_grid(grid)
        self.levels = None if levels is None else as_int(levels, "levels", minimum=2)

    @classmethod
    def from_trainer(cls, trainer, **kwargs):
        """The display of a :class:`nncore.mlp.Trainer`'s model, data and history.

        Parameters
        ----------
        trainer : nncore.mlp.Trainer
        **kwargs
            ``lim``, ``max_epochs``, ``grid``, ``levels``.

        Returns
        -------
        MLPTrainingDisplay
        """
        for name in ("model", "X", "y", "history_"):
            if not hasattr(trainer, name):
                raise TypeError(f"trainer must be an nncore.mlp.Trainer (with .model, .X, "
                                f".y and .history_); got {type(trainer).__name__}")
        return cls(model=trainer.model, X=trainer.X, y=trainer.y, history=trainer.history_,
                   **kwargs)

    # -- drawing -------------------------------------------------------------------

    def plot(self, fig=None, *, caption=True):
        """Draw both panels once and keep handles to their artists.

        Parameters
        ----------
        fig : matplotlib.figure.Figure, optional
            An empty figure (axes are added at fixed places); a new one of size
            :data:`MLP_TRAINING_FIGSIZE` is made with pyplot when None.
        caption : bool, default=True
            A line above the panels: the epoch, the loss, the accuracy
            (``caption_``); a widget whose status line says it leaves it out.

        Returns
        -------
        self : MLPTrainingDisplay
        """
        if fig is None:
            import matplotlib.pyplot as plt  # lazy, as everywhere in this module

            fig = plt.figure(figsize=MLP_TRAINING_FIGSIZE)
        self.figure_ = fig
        self._caption_on = bool(caption)
        binary = self.n_out == 1
        self.ax_regions_, self.cax_, self.ax_loss_ = _mlp_axes(fig, binary)
        ax = self.ax_regions_
        self._regions = _Regions(ax, self.xlim, self.ylim, self.grid, self.n_out,
                                 levels=self.levels)
        self.regions_, self.boundary_ = self._regions.image, self._regions.boundary
        sizes = [int(s) for s in self.model.sizes]
        self._hidden = None
        self.hidden_ = None
        if len(sizes) >= 3:
            self._hidden = _HiddenLines(ax, sizes[1], self.xlim, self.ylim)
            self.hidden_ = self._hidden.lines
        self.points_ = _class_points(ax, self.X, self.y, self._regions.k, s=26)
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        ax.set_xlabel(r"$x_1$", fontsize=9)
        ax.set_ylabel(r"$x_2$", rotation=0, labelpad=8, fontsize=9)
        ax.tick_params(labelsize=8)
        what = r"$P(\mathrm{class}\ 1)$" if binary else "predicted class (paler: less sure)"
        ax.set_title(f"decision regions: {what}", fontsize=9.5)
        if binary:
            _proba_colorbar(fig.colorbar(self.regions_, cax=self.cax_))
        self._draw_loss()
        handles = _class_handles(self._regions.k) + [self.boundary_]
        if self.hidden_ is not None:
            handles.append(self.hidden_)
        handles += [h for h in (self.loss_, self.test_loss_) if h is not None]
        m = _MLP_MARGINS
        box = self.ax_loss_.get_position()
        width, height = fig.get_size_inches()
        self.legend_ = fig.legend(  # under the loss axes, from below its y label
            handles=handles, loc="lower left",
            bbox_to_anchor=(box.x0 - 0.55 / width, (m["bottom"] - 0.12) / height),
            ncol=2, fontsize=8, frameon=False, handlelength=1.8, columnspacing=1.0)
        self.caption_ = fig.text(0.5, 1.0 - 0.1 / fig.get_size_inches()[1], "", ha="center",
                                 va="top", fontsize=10)
        self.caption_.set_visible(self._caption_on)
        return self.show()

    def _draw_loss(self):
        from matplotlib.ticker import FuncFormatter, NullFormatter

        ax = self.ax_loss_
        ax.set_yscale("log")
        # the view spans two decades or more: label the powers of ten, as 0.01, 0.1, 1
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, pos: f"{v:g}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        (self.loss_,) = ax.plot([], [], color=_INK, lw=1.5, zorder=3, label="training loss")
        self.test_loss_ = None
        if _history_series(self.history, "test_loss") is not None:
            (self.test_loss_,) = ax.plot([], [], color=HIGHLIGHT_COLOR, lw=1.3,
                                         ls=(0, (4, 2)), zorder=3, label="test loss")
        (self.loss_now_,) = ax.plot([], [], ls="none", marker="o", ms=7, mfc=HIGHLIGHT_COLOR,
                                    mec="white", mew=1.2, zorder=5, clip_on=False)
        ax.grid(True, color=_GRID_GREY, lw=0.6, which="major")
        ax.set_axisbelow(True)
        ax.tick_params(labelsize=8)
        ax.set_xlabel("epoch", fontsize=9)
        ax.set_ylabel("loss (cross-entropy)", fontsize=9)
        ax.set_title("loss per epoch (log scale)", fontsize=9.5)
        self._loss_top, self._loss_bottom = None, None
        ax.set_xlim(0, self.max_epochs)

    def set_data(self, X, y, lim=None):
        """Swap in other training points (same artists): a new view around them, the
        regions' grid and the hidden lines' box follow. Redraw the whole figure
        afterwards (the ticks change).

        Parameters
        ----------
        X : array-like of shape (n_samples, 2)
        y : array-like of shape (n_samples,)
        lim : optional
            The view, as for :func:`plot_decision_regions`.

        Returns
        -------
        self : MLPTrainingDisplay
        """
        X = as_matrix(X, "X", n_features=2)
        y = _check_classes(y, len(X), self.n_out)
        self.X, self.y = X, y
        self.xlim, self.ylim = _plane_limits(X, lim)
        self._regions.set_view(self.xlim, self.ylim)
        if self._hidden is not None:
            self._hidden.xlim, self._hidden.ylim = self.xlim, self.ylim
        self.points_.set_offsets(X)
        self.points_.set_paths([_marker_path(MULTICLASS_MARKERS[int(c)]) for c in y])
        self.points_.set_facecolors([MULTICLASS_COLORS[int(c)] for c in y])
        self.ax_regions_.set_xlim(self.xlim)
        self.ax_regions_.set_ylim(self.ylim)
        return self.show()

    def dynamic_artists(self):
        """Every artist that :meth:`show` changes (for blitting)."""
        hidden = [] if self._hidden is None else [self.hidden_] + self._hidden.labels
        return ([self.regions_, self.boundary_] + hidden
                + [a for a in (self.loss_, self.test_loss_, self.loss_now_) if a is not None]
                + ([self.caption_] if self._caption_on else []))

    def overlay_artists(self):
        """Static artists on top of moving ones (for blitting): the points."""
        return [self.points_]

    # -- one state -----------------------------------------------------------------

    def show(self, model=None, history=None, epoch=None):
        """Draw the model as it is now and the history so far, moving the artists.

        Parameters
        ----------
        model : nncore.mlp.MLP, optional
            Another model of the same shape (e.g. a snapshot); default: the one given.
        history : dict of lists, optional
            Replaces the history (e.g. ``Trainer.history_`` now longer).
        epoch : int, optional
            The epoch shown, marked on the loss curve; default: the history's last
            (0 without one).

        Returns
        -------
        self : MLPTrainingDisplay
        """
        if model is not None:
            _, n_out = _check_mlp(model)
            if [int(s) for s in model.sizes] != [int(s) for s in self.model.sizes]:
                raise ValueError(f"model must have sizes {list(self.model.sizes)} like the "
                                 f"one drawn; got {list(model.sizes)}")
            self.model = model
        if history is not None:
            self.history = _check_history(history)
        h = self.history
        epochs = np.asarray(h["epoch"], dtype=float)
        if epoch is None:
            epoch = int(epochs[-1]) if len(epochs) else 0
        self.epoch_ = as_int(epoch, "epoch", minimum=0)
        self._regions.update(self.model)
        if self._hidden is not None:
            W, b = (np.asarray(a, dtype=float) for a in self.model.params[0])
            self._hidden.update(W, b)
        self.view_changed_ = False
        train = _history_series(h, "train_loss")
        self.loss_.set_data(epochs if train is not None else [],
                            train if train is not None else [])
        if self.test_loss_ is not None:
            test = _history_series(h, "test_loss")
            self.test_loss_.set_data(epochs if test is not None else [],
                                     test if test is not None else [])
        now = None
        if train is not None:
            at = np.flatnonzero(epochs == self.epoch_)
            if at.size and np.isfinite(train[at[-1]]):
                now = float(train[at[-1]])
        self.loss_now_.set_data([self.epoch_] if now is not None else [],
                                [now] if now is not None else [])
        self._fit_loss_view(epochs, train)
        if self._caption_on:
            self.caption_.set_text(self.caption_text(now))
        return self

    def caption_text(self, loss=None):
        """"epoch e  ·  training loss L  ·  accuracy a%" for the state shown."""
        parts = [f"epoch {self.epoch_}"]
        if loss is not None:
            parts.append(f"training loss {loss:.3g}")
        acc = _history_series(self.history, "train_acc")
        epochs = np.asarray(self.history["epoch"], dtype=float)
        at = np.flatnonzero(epochs == self.epoch_)
        if acc is not None and at.size and np.isfinite(acc[at[-1]]):
            parts.append(f"accuracy {100 * acc[at[-1]]:.0f}%")
        return "  \u00b7  ".join(parts)

    def _fit_loss_view(self, epochs, train):
        """Keep the loss axes fixed; widen them (and say so) only when the curve leaves
        them: x to the next round number of epochs, y by decades."""
        ax = self.ax_loss_
        values = [] if train is None else list(train[np.isfinite(train) & (train > 0)])
        test = _history_series(self.history, "test_loss")
        if test is not None:
            values += list(test[np.isfinite(test) & (test > 0)])
        if len(epochs) and epochs.max() > ax.get_xlim()[1]:
            ax.set_xlim(0, _nice_ceil(float(epochs.max())))
            self.view_changed_ = True
        if not values:
            if self._loss_top is None:
                self._loss_bottom, self._loss_top = 0.01, 1.0
                ax.set_ylim(self._loss_bottom, self._loss_top)
            return
        lo, hi = min(values), max(values)
        top = self._loss_top
        bottom = self._loss_bottom
        if top is None or hi > top:
            top = _nice_ceil(1.25 * hi)  # 1, 2 or 5 times a power of ten
        if bottom is None or lo < bottom:
            bottom = min(10.0 ** np.floor(np.log10(lo)), 10.0 ** np.floor(np.log10(top / 99.0)))
        if (top, bottom) != (self._loss_top, self._loss_bottom):
            self._loss_top, self._loss_bottom = top, bottom
            ax.set_ylim(bottom, top)
            self.view_changed_ = True


def _palette_canvas(figure):
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


def animate_mlp_training(trainer, epochs=100, *, max_frames=30, interval=250, dpi=72,
                         figsize=MLP_TRAINING_FIGSIZE, grid=80, levels=10, lim=None):
    r"""Train for ``epochs`` more epochs and animate it, for the website: the decision
    regions, the hidden units' lines and the loss curve, one frame per chosen epoch.

    The trainer is run first (it *is* trained by this call), keeping a copy of the
    parameters (``model.get_flat()``) at each frame's epoch; each frame then loads a
    copy into one :class:`MLPTrainingDisplay` and calls its
    :meth:`~MLPTrainingDisplay.show`, so the frames can be drawn in any order, as
    often as ``to_jshtml`` likes. With more epochs than ``max_frames``, that many are
    taken evenly, always the first and the last. The frames are palette PNGs (at most
    256 colours: the same picture, a third of the bytes), so 30 frames make well under
    1 MB of HTML.

    Parameters
    ----------
    trainer : nncore.mlp.Trainer
        Its ``model`` must have 2 inputs.
    epochs : int, default=100
    max_frames : int, default=30
    interval : int, default=250
        Milliseconds between frames.
    dpi : float, default=72
    figsize : (float, float), default=MLP_TRAINING_FIGSIZE
    grid, levels, lim
        As for :class:`MLPTrainingDisplay`.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        With ``display`` (the :class:`MLPTrainingDisplay`), ``epochs`` (the epoch of
        each frame) and ``snapshots`` (the flat parameters of each frame).

    Examples
    --------
    >>> from nncore.datasets import xor
    >>> from nncore.mlp import MLP, Trainer
    >>> X, y = xor(n=40, seed=0)
    >>> trainer = Trainer(MLP([2, 4, 1], "tanh", seed=0), X, y, lr=0.5)
    >>> anim = animate_mlp_training(trainer, epochs=20, max_frames=5)
    >>> anim.epochs.tolist(), trainer.epoch
    ([0, 5, 10, 15, 20], 20)
    >>> html = anim.to_jshtml()  # render it, as a chapter does

    Used in Chapter 5, section "Solving XOR".
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.figure import Figure

    for name in ("model", "X", "y", "history_", "run", "epoch"):
        if not hasattr(trainer, name):
            raise TypeError(f"trainer must be an nncore.mlp.Trainer; got "
                            f"{type(trainer).__name__}")
    epochs = as_int(epochs, "epochs", minimum=1)
    max_frames = as_int(max_frames, "max_frames", minimum=2)
    _check_mlp(trainer.model, "trainer.model")
    start = int(trainer.epoch)
    first = trainer.evaluate() if callable(getattr(trainer, "evaluate", None)) else None
    wanted = start + _frame_steps(epochs, max_frames)
    shown, snapshots = [], []
    for e in wanted:
        if e > trainer.epoch and not getattr(trainer, "diverged", False):
            trainer.run(int(e - trainer.epoch))
        if shown and trainer.epoch == shown[-1]:
            break  # diverged: no further epoch
        shown.append(int(trainer.epoch))
        snapshots.append(np.array(trainer.model.get_flat(), dtype=float, copy=True))
    history = {key: list(v) if v is not None else v for key, v in trainer.history_.items()}
    if start not in history["epoch"] and callable(getattr(trainer, "evaluate", None)):
        # the model before these epochs: the first frame has a loss too
        history["epoch"].insert(0, start)
        history["train_loss"].insert(0, first["loss"])
        for key in history:
            if key not in ("epoch", "train_loss"):
                history[key].insert(0, first["acc"] if key == "train_acc" else None)
    view = trainer.model.copy()
    display = MLPTrainingDisplay(model=view, X=trainer.X, y=trainer.y, history=history,
                                 lim=lim, max_epochs=start + epochs, grid=grid,
                                 levels=levels)
    fig = Figure(figsize=figsize, dpi=dpi)
    _palette_canvas(fig)
    display.plot(fig=fig)
    artists = display.dynamic_artists()

    def frame(i):
        view.set_flat(snapshots[i])
        display.show(view, history=_upto(history, shown[i]), epoch=shown[i])
        return artists

    anim = FuncAnimation(fig, frame, frames=len(shown), interval=interval, blit=False)
    frame(0)
    anim.display = display
    anim.epochs = np.array(shown)
    anim.snapshots = snapshots
    return anim


# ----------------------------------------------------------------------------------
# Chapter 6: softmax, cross-entropy and the handwritten digits
# ----------------------------------------------------------------------------------

#: Signed quantities centred on 0 (first-layer weights, the gradient of the loss with
#: respect to the pixels): ColorBrewer's RdBu reversed, blue < 0, white = 0, red > 0;
#: colour-blind safe, and the norm is always symmetric so white is exactly 0.
DIVERGING_CMAP = "RdBu_r"
#: Pixels of a digit: ink on paper (0 white, the largest value black).
DIGIT_CMAP = "gray_r"
#: Counts of a confusion matrix: ColorBrewer's Blues (light = few, dark = many).
CONFUSION_CMAP = "Blues"
#: Bars of the probabilities: Okabe-Ito blue for every class, bluish green for the true
#: class (the two stay apart for every kind of colour blindness, and the true class also
#: gets the dashed outline of its target).
PROBA_COLOR = CLASS_COLORS[0]
TRUE_CLASS_COLOR = "#009E73"
#: Bars of a gradient: vermillion where it is > 0 (a descent step lowers that logit),
#: blue where it is < 0 (a step raises it).
GRAD_COLORS = (CLASS_COLORS[0], HIGHLIGHT_COLOR)
#: Figure sizes (inches) of a :class:`SoftmaxDisplay` and a :class:`DigitDisplay` made
#: with ``fig=None``, caption included; the widgets leave the caption line out.
SOFTMAX_FIGSIZE = (8.2, 3.9)
DIGIT_FIGSIZE = (9.0, 3.4)
_CAPTION_H = 0.26  # inches: one caption line above the panels
_SOFTMAX_MARGINS = dict(left=0.62, right=0.18, gap=0.8, top=0.68, bottom=0.45)
# the digit display: image | bars | gradient image + colour bar (widths in inches)
_DIGIT_MARGINS = dict(left=0.2, right=0.55, gap=0.55, top=0.36, bottom=0.45, bars=3.3,
                      cbar=0.12, cbar_gap=0.1)
_BAR_WIDTH = 0.7


def _is_int(v):
    import numbers

    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _check_class(c, k, name="true_class", allow_none=True):
    """``c`` as an int in [0, k), or None."""
    if c is None and allow_none:
        return None
    if not _is_int(c):
        raise TypeError(f"{name} must be an int from 0 to {k - 1}"
                        f"{' or None' if allow_none else ''}; got {c!r} of type "
                        f"{type(c).__name__}")
    if not 0 <= c < k:
        raise ValueError(f"{name} must be a class index from 0 to {k - 1}; got {c}")
    return int(c)


def _class_labels(labels, k):
    if labels is None:
        return [str(i) for i in range(k)]
    if isinstance(labels, str):
        raise TypeError(f"labels must be a sequence of {k} names, one per class; got the "
                        f"string {labels!r}")
    labels = [str(v) for v in labels]
    if len(labels) != k:
        raise ValueError(f"labels must have one name per class ({k}); got {len(labels)}")
    return labels


def _as_probabilities(p, name="p"):
    """A 1-D probability vector: entries in [0, 1] summing to 1 (to 1e-6)."""
    p = as_vector(p, name)
    if p.min() < 0 or p.max() > 1 or abs(float(p.sum()) - 1.0) > 1e-6:
        raise ValueError(f"{name} must be probabilities: entries in [0, 1] that sum to 1 "
                         f"(e.g. softmax(z)); got entries from {p.min():.3g} to "
                         f"{p.max():.3g} summing to {float(p.sum()):.6g}")
    return p


def _style_bars(ax, k, labels, ylim, ylabel, xlabel="class"):
    ax.set_xlim(-0.6, k - 0.4)
    ax.set_ylim(*ylim)
    ax.set_xticks(range(k))
    ax.set_xticklabels(labels, fontsize=8.5 if k <= 10 else 7)
    ax.tick_params(axis="y", labelsize=8)
    ax.tick_params(axis="x", length=0)
    ax.grid(True, axis="y", color=_GRID_GREY, lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("bottom", "left"):
        # under the bars (zorder 2): a widget's fast frame need not paint them again
        ax.spines[side].set_zorder(1.9)
    if not ax.get_ylabel():
        ax.set_ylabel(ylabel, fontsize=9)
    if not ax.get_xlabel():
        ax.set_xlabel(xlabel, fontsize=9)


class _ProbabilityBars:
    """The artists of a bar chart of probabilities, made once and then moved: the bars
    (``bars``), a value above each (``values``) and the dashed outline of the one-hot
    target at the true class (``target``)."""

    def __init__(self, ax, k, labels, *, value_min=0.0, fontsize=8.0, decimals=2):
        from matplotlib.patches import Rectangle

        self.ax, self.k = ax, k
        self.value_min, self.decimals = value_min, decimals
        self.bars = list(ax.bar(range(k), np.zeros(k), width=_BAR_WIDTH, color=PROBA_COLOR,
                                lw=0, zorder=2))
        # a white box behind each value keeps it readable over the dashed outline
        self.values = [ax.text(i, 0.0, "", ha="center", va="bottom", fontsize=fontsize,
                               color=_INK, zorder=4,
                               bbox=dict(boxstyle="square,pad=0.05", fc="white", ec="none",
                                         alpha=0.85)) for i in range(k)]
        self.target = Rectangle((-0.5 * _BAR_WIDTH, 0.0), _BAR_WIDTH, 1.0, fill=False,
                                ec=_INK, lw=1.1, ls=(0, (3, 2)), zorder=3, visible=False)
        ax.add_patch(self.target)
        _style_bars(ax, k, labels, (0.0, 1.13), "probability")
        ax.set_yticks([0.0, 0.25, 0.5, 0.75, 1.0])

    def artists(self):
        return self.bars + self.values + [self.target]

    def set(self, p, true_class=None):
        for i, (bar, text, v) in enumerate(zip(self.bars, self.values, p)):
            v = float(v)
            bar.set_height(v)
            bar.set_facecolor(TRUE_CLASS_COLOR if i == true_class else PROBA_COLOR)
            text.set_y(v + 0.015)
            text.set_text(_fixed(v, self.decimals) if v >= self.value_min else "")
        self.target.set_visible(true_class is not None)
        if true_class is not None:
            self.target.set_x(true_class - 0.5 * _BAR_WIDTH)

    def legend_handles(self, true_class=True):
        from matplotlib.patches import Patch

        handles = [Patch(color=PROBA_COLOR, label="$p_k$")]
        if true_class:
            handles += [Patch(color=TRUE_CLASS_COLOR, label="$p_y$, the true class"),
                        Patch(fill=False, ec=_INK, lw=1.1, ls=(0, (3, 2)),
                              label="target (one-hot)")]
        return handles


def plot_probabilities(p, ax=None, labels=None, true_class=None):
    r"""Bars of a probability vector :math:`\mathbf{p}`, its value above each bar.

    With ``true_class`` :math:`y`, its bar is green and the one-hot target
    :math:`\mathbf{e}_y` (height 1 at :math:`y`, 0 elsewhere) is outlined dashed, so
    the distance the cross-entropy :math:`L = -\log p_y` measures is the gap between
    the green bar and the top of its outline.

    Parameters
    ----------
    p : array-like of shape (n_classes,)
        Probabilities: entries in [0, 1] summing to 1, e.g.
        ``nncore.activations.softmax(z)``.
    ax : matplotlib.axes.Axes, optional
        A new figure is made with pyplot when None.
    labels : sequence of str, optional
        One name per class (default "0", "1", ...).
    true_class : int, optional
        The index of the true class.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The bars are ``ax.patches[:n_classes]``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_probabilities([0.7, 0.2, 0.1], ax=Figure().add_subplot(), true_class=1)
    >>> [round(r.get_height(), 2) for r in ax.patches[:3]], ax.texts[1].get_text()
    ([0.7, 0.2, 0.1], '0.20')

    Used in Chapter 6, sections "Softmax: a smooth arg-max" and "Temperature".
    """
    p = _as_probabilities(p)
    k = len(p)
    names = _class_labels(labels, k)
    true_class = _check_class(true_class, k)
    if ax is None:
        ax = _new_axes(figsize=(max(3.0, 0.45 * k + 1.2), 3.0))
    bars = _ProbabilityBars(ax, k, names)
    bars.set(p, true_class)
    if true_class is not None:
        ax.legend(handles=bars.legend_handles()[1:], loc="lower center",
                  bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8, frameon=False,
                  handlelength=1.4, columnspacing=1.0, borderaxespad=0.2)
    return ax


def _cell_text_color(rgba):
    """Black on a light cell, white on a dark one: whichever has the larger WCAG
    contrast ratio with the cell's colour (at least 4.58:1 either way)."""
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(float(c)) for c in rgba[:3])
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # the luminance where black and white text have the same contrast ratio
    return "white" if luminance < 0.179 else "black"


def plot_confusion_matrix(cm, ax=None, labels=None):
    r"""A confusion matrix as a grid of counts: row = true class, column = predicted.

    Every count is written in its cell, in white on dark cells and in black on light
    ones (whichever contrasts more with the cell's colour); zeros in grey. The
    colour is :data:`CONFUSION_CMAP` scaled by the square root of the count, so that a
    handful of mistakes still tints its cell next to a diagonal of hundreds. A title
    with the accuracy :math:`\sum_k C_{kk} / \sum_{jk} C_{jk}` is added unless the
    axes already have one.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
        Non-negative integer counts, ``cm[i, j]`` = samples of true class ``i``
        predicted as ``j`` (scikit-learn's convention, as
        ``nncore.metrics.confusion_matrix`` returns it).
    ax : matplotlib.axes.Axes, optional
        A new figure is made with pyplot when None.
    labels : sequence of str, optional
        One name per class (default "0", "1", ...).

    Returns
    -------
    ax : matplotlib.axes.Axes
        The image is ``ax.images[0]``, the counts ``ax.texts`` row by row.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_confusion_matrix([[5, 1], [0, 4]], ax=Figure().add_subplot())
    >>> [t.get_text() for t in ax.texts], ax.get_title()
    (['5', '1', '0', '4'], 'accuracy 90.0 % (9 of 10)')

    Used in Chapter 6, section "What it gets wrong".
    """
    from matplotlib.colors import PowerNorm

    cm = as_array(cm, "cm")
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] == 0:
        raise ValueError(f"cm must be a square matrix (n_classes, n_classes); got shape "
                         f"{cm.shape}")
    if np.any(cm < 0) or np.any(cm != np.round(cm)):
        bad = tuple(int(i) for i in np.argwhere((cm < 0) | (cm != np.round(cm)))[0])
        raise ValueError(f"cm must hold counts (non-negative integers); got {cm[bad]:g} at "
                         f"{bad}")
    cm = cm.astype(int)
    k = cm.shape[0]
    names = _class_labels(labels, k)
    if ax is None:
        side = min(max(3.2, 0.42 * k + 1.4), 9.0)
        ax = _new_axes(figsize=(side, side))
    top = max(int(cm.max()), 1)
    norm = PowerNorm(0.5, vmin=0, vmax=top)
    image = ax.imshow(cm, cmap=CONFUSION_CMAP, norm=norm, interpolation="nearest",
                      origin="upper")
    # the font shrinks with the cell, measured in points
    cell_pt = 72.0 * ax.get_position().width * ax.figure.get_size_inches()[0] / k
    digits = len(str(top))
    fontsize = float(np.clip(cell_pt / (0.62 * digits + 0.9), 5.0, 10.0))
    colors = image.cmap(norm(cm))
    for i in range(k):
        for j in range(k):
            count = int(cm[i, j])
            # zeros in a grey that still contrasts 4.5:1 with the lightest cell
            color = "0.45" if count == 0 else _cell_text_color(colors[i, j])
            ax.text(j, i, str(count), ha="center", va="center", fontsize=fontsize,
                    color=color, fontweight="bold" if i == j and count else "normal")
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    tick_size = 8.5 if k <= 12 else 7
    ax.set_xticklabels(names, fontsize=tick_size)
    ax.set_yticklabels(names, fontsize=tick_size)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if not ax.get_xlabel():
        ax.set_xlabel("predicted class", fontsize=9)
    if not ax.get_ylabel():
        ax.set_ylabel("true class", fontsize=9)
    if not ax.get_title():
        total, right = int(cm.sum()), int(np.trace(cm))
        if total:
            ax.set_title(f"accuracy {100.0 * right / total:.1f} % ({right} of {total})",
                         fontsize=9.5)
    return ax


def _check_shape(shape):
    """``shape`` as a pair of ints >= 1 (height, width) of an image."""
    if not (isinstance(shape, (tuple, list)) and len(shape) == 2
            and all(_is_int(s) and s >= 1 for s in shape)):
        raise ValueError(f"shape must be a pair of ints >= 1 (height, width); got {shape!r}")
    return int(shape[0]), int(shape[1])


def _as_images(images, shape, name="images"):
    """``images`` as (n, h, w): from (n, h*w) rows or (n, h, w); one image allowed."""
    h, w = _check_shape(shape)
    arr = as_array(images, name)
    if arr.ndim == 1 or (arr.ndim == 2 and arr.shape == (h, w) and h * w != arr.shape[1]):
        arr = arr[np.newaxis]
    if arr.ndim == 2 and arr.shape[1] == h * w:
        arr = arr.reshape(len(arr), h, w)
    if arr.ndim != 3 or arr.shape[1:] != (h, w) or len(arr) == 0:
        raise ValueError(f"{name} must have shape (n, {h * w}) (one flattened {h} x {w} "
                         f"image per row) or (n, {h}, {w}); got shape {arr.shape}")
    return arr


def _grid_layout(n, ncols, cell, title_lines, right=0.0, top=0.05, bottom=0.05):
    """The size (inches) of a grid of ``n`` square images in ``ncols`` columns, each
    ``cell`` inches wide with room above for ``title_lines`` lines of 7.5-point titles
    (and ``right`` inches for a colour bar): (width, height, column gap, title height)."""
    nrows = -(-n // ncols)
    gap_x = 0.12
    title_h = title_lines * 0.15 + (0.05 if title_lines else 0.0)
    width = ncols * cell + (ncols - 1) * gap_x + 0.1 + right
    height = nrows * (cell + title_h) + (nrows - 1) * 0.08 + top + bottom
    return width, height, gap_x, title_h


def _image_grid(fig, n, ncols, cell, titles, right=0.0):
    """Place ``n`` image axes on ``fig`` (made with pyplot at the right size when None)."""
    lines = max((str(t).count("\n") + 1 for t in titles if t), default=0)
    width, height, gap_x, title_h = _grid_layout(n, ncols, cell, lines, right)
    if fig is None:
        import matplotlib.pyplot as plt  # lazy, as everywhere in this module

        fig = plt.figure(figsize=(width, height))
    W, H = fig.get_size_inches()
    # scale the grid down to fit a figure given by the caller
    s = min(1.0, W / width, H / height)
    x0 = 0.5 * (W - s * width) + 0.05 * s
    y_top = H - 0.5 * (H - s * height) - 0.05 * s
    axes = []
    for i in range(n):
        r, c = divmod(i, ncols)
        left = x0 + c * s * (cell + gap_x)
        top_ = y_top - r * s * (cell + title_h + 0.08) - s * title_h
        ax = fig.add_axes((left / W, (top_ - s * cell) / H, s * cell / W, s * cell / H))
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color("0.7")
            spine.set_linewidth(0.6)
        axes.append(ax)
    return fig, axes, s


def plot_digit_images(images, fig=None, titles=None, shape=(8, 8), ncols=None, *,
                      cmap=DIGIT_CMAP, vmin=None, vmax=None):
    r"""Small images in a grid, e.g. digits of :func:`nncore.datasets.digits` with
    "true 3, predicted 8" above each.

    All images share one grey scale (``vmin`` to ``vmax``; white = ``vmin``), so a
    faint digit looks faint. Each pixel is drawn as a square (no smoothing).

    Parameters
    ----------
    images : array-like of shape (n, h*w) or (n, h, w)
        One image per row, flattened row by row (as the digits' 64 features are), or
        already 2-D; a single image is allowed.
    fig : matplotlib.figure.Figure, optional
        An empty figure to draw into (the grid is scaled to fit it); a new one of the
        right size is made with pyplot when None.
    titles : sequence of str, optional
        One title per image ("" for none); may contain line breaks.
    shape : (int, int), default=(8, 8)
        Height and width of one image.
    ncols : int, optional
        Images per row; default ``min(n, 10)``.
    cmap : str, default="gray_r"
    vmin, vmax : float, optional
        The grey scale; default ``min(0, images.min())`` and ``images.max()``.

    Returns
    -------
    fig : matplotlib.figure.Figure
        ``fig.axes[i]`` shows image ``i``.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> X = np.arange(2 * 64).reshape(2, 64) % 17
    >>> fig = plot_digit_images(X, fig=Figure(figsize=(3, 2)), titles=["a", "b"])
    >>> len(fig.axes), fig.axes[1].get_title(), fig.axes[0].images[0].get_array().shape
    (2, 'b', (8, 8))

    Used in Chapter 6, sections "Real data: handwritten digits" and "What it gets wrong".
    """
    imgs = _as_images(images, shape)
    n = len(imgs)
    titles = _titles(titles, n, [""] * n)
    ncols = min(n, 10) if ncols is None else as_int(ncols, "ncols", minimum=1)
    ncols = min(ncols, n)
    lo = min(0.0, float(imgs.min())) if vmin is None else as_scalar(vmin, "vmin")
    hi = float(imgs.max()) if vmax is None else as_scalar(vmax, "vmax")
    if not hi > lo:
        hi = lo + 1.0
    fig, axes, s = _image_grid(fig, n, ncols, 0.95, titles)
    for ax, img, title in zip(axes, imgs, titles):
        ax.imshow(img, cmap=cmap, vmin=lo, vmax=hi, interpolation="nearest")
        if title:
            ax.set_title(title, fontsize=7.5 * min(1.0, max(s, 0.7)), pad=2,
                         linespacing=1.1)
    return fig


def _titles(titles, n, default):
    """One title per image: ``default`` when None, else the strings given."""
    if titles is None:
        return list(default)
    if isinstance(titles, str):
        raise TypeError("titles must be a sequence of strings, one per image; got a string")
    titles = ["" if t is None else str(t) for t in titles]
    if len(titles) != n:
        raise ValueError(f"titles must have one entry per image ({n}); got {len(titles)}")
    return titles


def plot_weight_images(W, fig=None, shape=(8, 8), *, ncols=None, vmax=None, titles=None):
    r"""Each row of a first-layer weight matrix as an image: what each hidden unit
    looks for in the pixels.

    Unit :math:`j` computes :math:`z_j = \mathbf{w}_j \cdot \mathbf{x} + b_j`, so its
    weights :math:`\mathbf{w}_j` (row :math:`j` of :math:`W`, one weight per pixel)
    can be drawn on the pixel grid: red pixels raise :math:`z_j` when inked, blue ones
    lower it. One colour scale for all units, symmetric about 0 (white = 0,
    :data:`DIVERGING_CMAP`), with a colour bar.

    Parameters
    ----------
    W : array-like of shape (n_units, h*w)
        The first layer's weights, ``model.params[0][0]`` of an MLP on the pixels.
    fig : matplotlib.figure.Figure, optional
        An empty figure to draw into; a new one of the right size is made with pyplot
        when None.
    shape : (int, int), default=(8, 8)
    ncols : int, optional
        Units per row; default all of them up to 10 units, else 8.
    vmax : float, optional
        The colour scale is ``-vmax`` to ``vmax``; default ``max |W|``.
    titles : sequence of str, optional
        One per unit; default "unit 0", "unit 1", ... (for a network without a hidden
        layer the units are the classes: pass ``[f"class {k}" ...]``).

    Returns
    -------
    fig : matplotlib.figure.Figure
        ``fig.axes[j]`` shows unit ``j``; the last axes is the colour bar.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> W = np.linspace(-1.0, 2.0, 3 * 64).reshape(3, 64)
    >>> fig = plot_weight_images(W, fig=Figure(figsize=(4, 2)))
    >>> len(fig.axes), fig.axes[0].images[0].get_clim()
    (4, (-2.0, 2.0))

    Used in Chapter 6, section "What the first layer learned".
    """
    W = as_matrix(W, "W")
    imgs = _as_images(W, shape, name="W")
    n = len(imgs)
    titles = _titles(titles, n, [f"unit {j}" for j in range(n)])
    if ncols is None:
        ncols = n if n <= 10 else 8
    ncols = min(as_int(ncols, "ncols", minimum=1), n)
    top = float(np.abs(imgs).max()) if vmax is None else as_scalar(vmax, "vmax")
    if not top > 0:
        top = 1.0
    fig, axes, s = _image_grid(fig, n, ncols, 0.85, titles, right=0.75)
    for ax, img, title in zip(axes, imgs, titles):
        image = ax.imshow(img, cmap=DIVERGING_CMAP, vmin=-top, vmax=top,
                          interpolation="nearest")
        ax.set_title(title, fontsize=7.5 * min(1.0, max(s, 0.7)), pad=2)
    # the colour bar: right of the grid, as tall as the grid
    first, last = axes[0].get_position(), axes[-1].get_position()
    right_edge = max(a.get_position().x1 for a in axes)
    W_in = fig.get_size_inches()[0]
    cax = fig.add_axes((right_edge + 0.12 / W_in, last.y0, 0.12 / W_in,
                        first.y1 - last.y0))
    bar = fig.colorbar(image, cax=cax)
    bar.set_label("weight", fontsize=8)
    bar.ax.tick_params(labelsize=7)
    return fig


# -- the softmax display -----------------------------------------------------------


def _softmax_numbers(logits, temperature, true_class):
    """What the softmax display shows, from :mod:`nncore.activations` and
    :mod:`nncore.losses`: p, the loss and p - y (the gradient with respect to z / T)."""
    u = np.asarray(logits, dtype=float)[np.newaxis, :] / temperature
    p = _act.softmax(u)[0]
    if true_class is None:
        return p, None, None
    label = np.array([true_class])
    loss = float(_losses.cross_entropy(u, label))
    grad = _losses.cross_entropy_grad(u, label)[0]  # (p - onehot) / n with n = 1
    return p, loss, grad


class SoftmaxDisplay:
    r"""Softmax and cross-entropy for one sample: logits in, probabilities, loss and
    gradient out.

    .. math::

        \mathbf{p} = \mathrm{softmax}(\mathbf{z}/T), \qquad
        L = -\log p_y, \qquad
        \frac{\partial L}{\partial (\mathbf{z}/T)} = \mathbf{p} - \mathbf{e}_y,
        \qquad \frac{\partial L}{\partial \mathbf{z}} = \frac{\mathbf{p} - \mathbf{e}_y}{T}

    Two panels, created once by :meth:`plot` and moved by :meth:`update`:

    - left, ``ax_proba_``: the bars of :math:`\mathbf{p}` (``bars_``) with their values
      (``values_``), the true class green and its one-hot target outlined dashed
      (``target_``);
    - right, ``ax_grad_``: the bars of :math:`\mathbf{p} - \mathbf{e}_y`
      (``grad_bars_``, ``grad_values_``), vermillion where positive (a descent step
      lowers that logit) and blue where negative (it raises it); they always sum to 0.

    ``caption_`` above the panels says :math:`T`, the true class and :math:`L` (off in
    the widget, whose status line says it). The numbers come from
    :func:`nncore.activations.softmax`, :func:`nncore.losses.cross_entropy` and
    :func:`nncore.losses.cross_entropy_grad`; nothing is computed here.

    Parameters
    ----------
    logits : array-like of shape (n_classes,)
        The scores :math:`\mathbf{z}`, 2 or more.
    temperature : float, default=1.0
        :math:`T > 0`: large T flattens :math:`\mathbf{p}`, small T sharpens it.
    true_class : int, default=0
        :math:`y`.
    labels : sequence of str, optional
        Class names (default "0", "1", ...).

    Attributes
    ----------
    p_ : ndarray of shape (n_classes,)
    loss_ : float
    grad_ : ndarray of shape (n_classes,)
        :math:`\mathbf{p} - \mathbf{e}_y`.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> d = SoftmaxDisplay(logits=[0.0, np.log(3.0)], true_class=1).plot(fig=Figure())
    >>> d.p_.round(6).tolist(), round(d.loss_, 6), d.grad_.round(6).tolist()
    ([0.25, 0.75], 0.287682, [0.25, -0.25])
    >>> [t.get_text() for t in d.values_]
    ['0.25', '0.75']

    Used in Chapter 6, section "Explore it yourself" (in
    :func:`nncore.widgets.softmax_explorer`).
    """

    def __init__(self, *, logits, temperature=1.0, true_class=0, labels=None):
        self.logits = as_vector(logits, "logits")
        if len(self.logits) < 2:
            raise ValueError(f"logits must have at least 2 entries (one per class); got "
                             f"{len(self.logits)}")
        self.temperature = as_scalar(temperature, "temperature")
        if not self.temperature > 0:
            raise ValueError(f"temperature must be > 0; got {self.temperature:g}")
        k = len(self.logits)
        self.true_class = _check_class(true_class, k, allow_none=False)
        self.labels = _class_labels(labels, k)

    @property
    def n_classes(self):
        return len(self.logits)

    def plot(self, fig=None, *, caption=True):
        """Draw the two panels once and keep handles to their artists.

        Parameters
        ----------
        fig : matplotlib.figure.Figure, optional
            An empty figure to draw into (two axes are added at fixed places, in
            inches); a new one of :data:`SOFTMAX_FIGSIZE` is made with pyplot when None
            (a little shorter without caption).
        caption : bool, default=True

        Returns
        -------
        self : SoftmaxDisplay
        """
        from matplotlib.patches import Patch

        if fig is None:
            import matplotlib.pyplot as plt  # lazy, as everywhere in this module

            w, h = SOFTMAX_FIGSIZE
            fig = plt.figure(figsize=(w, h if caption else h - _CAPTION_H))
        self.figure_ = fig
        self._caption_on = bool(caption)
        m = dict(_SOFTMAX_MARGINS)
        if self._caption_on:
            m["top"] += _CAPTION_H
        W, H = fig.get_size_inches()
        panel = (W - m["left"] - m["right"] - m["gap"]) / 2.0
        axh = H - m["top"] - m["bottom"]
        self.ax_proba_, self.ax_grad_ = (
            fig.add_axes(((m["left"] + i * (panel + m["gap"])) / W, m["bottom"] / H,
                          panel / W, axh / H)) for i in range(2))
        k = self.n_classes
        legend_kw = dict(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3,
                         fontsize=8, frameon=False, handlelength=1.3, columnspacing=0.9,
                         handletextpad=0.4, borderaxespad=0.15)

        ax = self.ax_proba_
        self._bars = _ProbabilityBars(ax, k, self.labels, fontsize=8)
        self.bars_, self.values_ = self._bars.bars, self._bars.values
        self.target_ = self._bars.target
        ax.legend(handles=self._bars.legend_handles(), **legend_kw)
        ax.set_title(r"$\mathbf{p} = \mathrm{softmax}(\mathbf{z}/T)$", fontsize=10, pad=24)

        ax = self.ax_grad_
        self.grad_bars_ = list(ax.bar(range(k), np.zeros(k), width=_BAR_WIDTH, lw=0,
                                      color=GRAD_COLORS[1], zorder=2))
        self.grad_values_ = [ax.text(i, 0.0, "", ha="center", fontsize=8, color=_INK,
                                     zorder=4) for i in range(k)]
        ax.axhline(0.0, color=_INK, lw=0.8, zorder=1.95)  # under the bars, as the spines
        _style_bars(ax, k, self.labels, (-1.18, 1.18),
                    r"$p_k - (\mathbf{e}_y)_k$")
        ax.set_yticks([-1.0, -0.5, 0.0, 0.5, 1.0])
        ax.legend(handles=[Patch(color=GRAD_COLORS[1], label="> 0: a step lowers $z_k$"),
                           Patch(color=GRAD_COLORS[0], label="< 0: a step raises $z_k$")],
                  **{**legend_kw, "ncol": 2})
        ax.set_title(r"gradient $\mathbf{p} - \mathbf{e}_y = \partial L/\partial"
                     r"(\mathbf{z}/T)$", fontsize=10, pad=24)

        self.caption_ = fig.text(0.5, 1.0 - 0.1 / H, "", ha="center", va="top",
                                 fontsize=10)
        self.caption_.set_visible(self._caption_on)
        return self.update(self.logits, self.temperature, self.true_class)

    def dynamic_artists(self):
        """Every artist that :meth:`update` changes (for blitting)."""
        return (self._bars.artists() + self.grad_bars_ + self.grad_values_
                + ([self.caption_] if self._caption_on else []))

    def update(self, logits, temperature=None, true_class=None):
        r"""Show new logits (and temperature, true class): only moves the artists.

        Parameters
        ----------
        logits : array-like of shape (n_classes,)
            As many as drawn.
        temperature : float, optional
            Keep the current one when None.
        true_class : int, optional
            Keep the current one when None.

        Returns
        -------
        self : SoftmaxDisplay
        """
        logits = as_vector(logits, "logits", dim=self.n_classes)
        T = self.temperature if temperature is None else as_scalar(temperature,
                                                                   "temperature")
        if not T > 0:
            raise ValueError(f"temperature must be > 0; got {T:g}")
        y = self.true_class if true_class is None else _check_class(
            true_class, self.n_classes, allow_none=False)
        self.logits, self.temperature, self.true_class = logits, T, y
        self.p_, self.loss_, self.grad_ = _softmax_numbers(logits, T, y)
        self._bars.set(self.p_, y)
        for bar, text, g in zip(self.grad_bars_, self.grad_values_, self.grad_):
            g = float(g)
            bar.set_height(g)
            bar.set_facecolor(GRAD_COLORS[int(g > 0)])
            text.set_text(_fixed(g, 2).replace("-", "\u2212"))  # the ticks' minus sign
            text.set_y(g + (0.03 if g >= 0 else -0.03))
            text.set_verticalalignment("bottom" if g >= 0 else "top")
        if self._caption_on:
            self.caption_.set_text(f"T = {T:.3g},  true class {self.labels[y]}:  "
                                   rf"$L = -\log\,p_y = {self.loss_:.4g}$")
        return self


# -- the digit display -------------------------------------------------------------


def _image_frame(ax):
    """No ticks; a thin grey frame just outside the image (moved out by 1.5 points, so
    it never touches the image) and under it (zorder -1), so a widget's fast frame
    repaints the image without painting the frame again (painting an antialiased line
    twice darkens it)."""
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("0.5")
        spine.set_linewidth(0.8)
        spine.set_position(("outward", 1.5))
        spine.set_zorder(-1)


def _input_gradient(model, x, label):
    r"""Probabilities, loss and :math:`\partial L/\partial \mathbf{x}` of one sample
    through an :class:`nncore.mlp.MLP`: forward, :func:`nncore.losses.cross_entropy`,
    its gradient, backward; the pixels' gradient is the ``dX_`` backward leaves."""
    logits = model.forward(x[np.newaxis, :])
    labels = np.array([label])
    p = _act.softmax(logits)[0]
    loss = float(_losses.cross_entropy(logits, labels))
    model.backward(_losses.cross_entropy_grad(logits, labels))
    return p, loss, np.array(model.dX_, dtype=float).reshape(-1)


def _check_model(model, n_features, what="X"):
    sizes = getattr(model, "sizes", None)
    if sizes is None or not all(hasattr(model, a) for a in ("forward", "backward")):
        raise TypeError(f"model must be an nncore.mlp.MLP (with sizes, forward and "
                        f"backward); got {type(model).__name__}")
    if sizes[-1] < 2:
        raise ValueError(f"model must end in one logit per class (2 or more, softmax); "
                         f"got sizes {list(sizes)}")
    if sizes[0] != n_features:
        raise ValueError(f"model takes {sizes[0]} inputs but {what} has {n_features} "
                         f"features (one per pixel); got model sizes {list(sizes)}")
    return int(sizes[-1])


class DigitDisplay:
    r"""One image through a classifier: its pixels, the predicted probabilities and the
    gradient of the loss with respect to every pixel.

    .. math::

        \mathbf{p} = \mathrm{softmax}(f(\mathbf{x})), \qquad
        L = -\log p_c, \qquad
        \frac{\partial L}{\partial \mathbf{x}}
        = \Big(\frac{\partial L}{\partial x_1}, \dots, \frac{\partial L}{\partial x_n}\Big)

    where :math:`c` is the true label (or another class, the ``target``) and the
    gradient is what backpropagation carries one step further than the weights:
    ``MLP.backward`` leaves it in ``dX_``. Three panels:

    - ``ax_image_``: the pixels :math:`\mathbf{x}` (``image_``, :data:`DIGIT_CMAP`);
    - ``ax_proba_``: the bars of :math:`\mathbf{p}` (``bars_``), the class :math:`c`
      green with its one-hot target outlined; values of 0.01 and more are written;
    - ``ax_grad_``: :math:`\partial L/\partial \mathbf{x}` divided by its largest
      absolute value (``grad_image_``, :data:`DIVERGING_CMAP` from -1 to 1, white = 0):
      red pixels are those where more ink would raise the loss, blue where it would
      lower it; rings of size proportional to the ink (``ink_``) show where the
      digit is. ``scale_`` is the largest :math:`|\partial L/\partial x_i|`.

    Build it from arrays, or with :meth:`from_model`; :meth:`update` shows another
    image by moving only the artists. ``caption_`` (off in the widget) says the label,
    the prediction, :math:`L` and the scale.

    Parameters
    ----------
    image : array-like of shape (h*w,)
        The pixels, row by row.
    proba : array-like of shape (n_classes,)
        :math:`\mathbf{p}`.
    input_grad : array-like of shape (h*w,)
        :math:`\partial L/\partial \mathbf{x}`.
    label : int, optional
        The true label (None if unknown).
    target : int, optional
        The class :math:`c` whose loss was differentiated; default ``label``.
    loss : float, optional
        :math:`L`, for the caption.
    shape : (int, int), default=(8, 8)
    vmin, vmax : float, optional
        The grey scale of the pixels; default ``min(0, image.min())`` and
        ``image.max()``.
    index : int, optional
        The image's index in its data set, for the caption.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> g = np.zeros(64); g[3] = -0.5; g[10] = 0.25
    >>> d = DigitDisplay(image=np.arange(64) % 17, proba=[0.1, 0.9], input_grad=g,
    ...                  label=1).plot(fig=Figure(figsize=(9.6, 3.75)))
    >>> d.scale_, float(d.grad_image_.get_array()[0, 3]), d.predicted_
    (0.5, -1.0, 1)

    Used in Chapter 6, section "Which pixels matter".
    """

    def __init__(self, *, image, proba, input_grad, label=None, target=None, loss=None,
                 shape=(8, 8), vmin=None, vmax=None, index=None):
        self.shape = _check_shape(shape)
        self._set_arrays(image, proba, input_grad, label, target, loss, index)
        self.vmin = min(0.0, float(self.image.min())) if vmin is None else as_scalar(
            vmin, "vmin")
        self.vmax = float(self.image.max()) if vmax is None else as_scalar(vmax, "vmax")
        if not self.vmax > self.vmin:
            self.vmax = self.vmin + 1.0

    def _set_arrays(self, image, proba, input_grad, label, target, loss, index):
        n = self.shape[0] * self.shape[1]
        self.image = as_vector(image, "image", dim=n)
        self.proba = _as_probabilities(proba, "proba")
        self.input_grad = as_vector(input_grad, "input_grad", dim=n, against="image")
        k = len(self.proba)
        self.label = _check_class(label, k, "label")
        self.target = self.label if target is None else _check_class(target, k, "target")
        self.loss = None if loss is None else as_scalar(loss, "loss")
        self.index = None if index is None else as_int(index, "index", minimum=0)

    @classmethod
    def from_model(cls, model, X, y, index, *, target=None, shape=(8, 8), vmin=None,
                   vmax=None):
        r"""Run image ``X[index]`` through ``model``: forward, the cross-entropy of
        class ``target`` (default ``y[index]``), backward; the display of the result.

        ``model.forward`` and ``model.backward`` are called (their cache is replaced,
        the weights are untouched). The grey scale is that of all of ``X``.

        Parameters
        ----------
        model : nncore.mlp.MLP
            ``sizes[0] == h*w`` inputs, ``sizes[-1] >= 2`` logits.
        X : array-like of shape (n, h*w)
        y : array-like of shape (n,)
            Integer labels.
        index : int
        target : int, optional
        shape, vmin, vmax
            As for the class.

        Returns
        -------
        DigitDisplay
        """
        X = as_matrix(X, "X")
        k = _check_model(model, X.shape[1])
        y = as_labels(y, "y", n=len(X), binary=False)
        index = as_int(index, "index", minimum=0)
        if index >= len(X):
            raise ValueError(f"index must be from 0 to {len(X) - 1} (a row of X); got "
                             f"{index}")
        if y.max() >= k:
            raise ValueError(f"y must hold labels from 0 to {k - 1} (the model's "
                             f"{k} classes); got {int(y.max())}")
        label = int(y[index])
        c = label if target is None else _check_class(target, k, "target", False)
        p, loss, grad = _input_gradient(model, X[index], c)
        return cls(image=X[index], proba=p, input_grad=grad, label=label, target=c,
                   loss=loss, shape=shape,
                   vmin=min(0.0, float(X.min())) if vmin is None else vmin,
                   vmax=float(X.max()) if vmax is None else vmax, index=index)

    @property
    def predicted_(self):
        """The class of the largest probability."""
        return int(np.argmax(self.proba))

    def plot(self, fig=None, *, caption=True):
        """Draw the three panels once and keep handles to their artists.

        Parameters
        ----------
        fig : matplotlib.figure.Figure, optional
            An empty figure (the panels are placed in inches, best
            :data:`DIGIT_FIGSIZE`); made with pyplot when None.
        caption : bool, default=True

        Returns
        -------
        self : DigitDisplay
        """
        if fig is None:
            import matplotlib.pyplot as plt  # lazy, as everywhere in this module

            w, h = DIGIT_FIGSIZE
            fig = plt.figure(figsize=(w, h if caption else h - _CAPTION_H))
        self.figure_ = fig
        self._caption_on = bool(caption)
        m = dict(_DIGIT_MARGINS)
        if self._caption_on:
            m["top"] += _CAPTION_H
        W, H = fig.get_size_inches()
        axh = H - m["top"] - m["bottom"]
        spare = W - m["left"] - m["right"] - 2 * m["gap"] - m["cbar"] - m["cbar_gap"]
        # the bars get their width first (10 classes need it), the squares the rest
        bars_w = min(m["bars"], 0.45 * spare)
        side = min(axh, 0.5 * (spare - bars_w))
        bars_w = spare - 2 * side
        b, y0 = m["bottom"] / H, (m["bottom"] + axh - side) / H  # tops aligned
        x = m["left"]
        self.ax_image_ = fig.add_axes((x / W, y0, side / W, side / H))
        x += side + m["gap"] + 0.25  # room for the bars' y label
        self.ax_proba_ = fig.add_axes((x / W, b, (bars_w - 0.25) / W, axh / H))
        x += bars_w - 0.25 + m["gap"]
        self.ax_grad_ = fig.add_axes((x / W, y0, side / W, side / H))
        cax = fig.add_axes(((x + side + m["cbar_gap"]) / W, y0, m["cbar"] / W, side / H))

        h, w = self.shape
        ax = self.ax_image_
        self.image_ = ax.imshow(np.zeros(self.shape), cmap=DIGIT_CMAP, vmin=self.vmin,
                                vmax=self.vmax, interpolation="nearest")
        ax.set_title("the pixels $\\mathbf{x}$", fontsize=9.5)
        _image_frame(ax)

        ax = self.ax_proba_
        k = len(self.proba)
        self._bars = _ProbabilityBars(ax, k, [str(i) for i in range(k)], value_min=0.01,
                                      fontsize=7.5 if k > 6 else 8)
        self.bars_, self.values_, self.target_ = (self._bars.bars, self._bars.values,
                                                  self._bars.target)
        self.proba_title_ = ax.set_title("", fontsize=9.5)

        ax = self.ax_grad_
        self.grad_image_ = ax.imshow(np.zeros(self.shape), cmap=DIVERGING_CMAP, vmin=-1.0,
                                     vmax=1.0, interpolation="nearest")
        rows, cols = np.divmod(np.arange(h * w), w)
        self._ink_size = (0.5 * 72.0 * side / max(h, w)) ** 2  # half a pixel across
        self.ink_ = ax.scatter(cols, rows, s=np.zeros(h * w), facecolors="none",
                               edgecolors="0.15", linewidths=0.8, zorder=3)
        ax.set_xlim(-0.5, w - 0.5)
        ax.set_ylim(h - 0.5, -0.5)
        ax.set_title(r"$\partial L/\partial \mathbf{x}$, scaled to $\pm 1$", fontsize=9.5)
        _image_frame(ax)
        bar = fig.colorbar(self.grad_image_, cax=cax, ticks=[-1.0, 0.0, 1.0])
        bar.ax.set_yticklabels(["\u2212max", "0", "+max"], fontsize=7.5)
        bar.ax.tick_params(length=2)
        self.colorbar_ = bar

        self.caption_ = fig.text(0.5, 1.0 - 0.1 / H, "", ha="center", va="top",
                                 fontsize=10)
        self.caption_.set_visible(self._caption_on)
        return self._show()

    def dynamic_artists(self):
        """Every artist that :meth:`update` changes (for blitting)."""
        return ([self.image_, self.grad_image_, self.ink_, self.proba_title_]
                + self._bars.artists() + ([self.caption_] if self._caption_on else []))

    def _show(self):
        h, w = self.shape
        self.image_.set_data(self.image.reshape(h, w))
        g = self.input_grad
        self.scale_ = float(np.abs(g).max())
        self.grad_image_.set_data((g / self.scale_ if self.scale_ > 0 else g).reshape(h, w))
        ink = np.clip((self.image - self.vmin) / (self.vmax - self.vmin), 0.0, 1.0)
        self.ink_.set_sizes(self._ink_size * ink)
        self._bars.set(self.proba, self.target)
        if self.target is None:
            which = ""
        elif self.target == self.label:
            which = f" (green: the label, {self.target})"
        else:
            which = f" (green: class {self.target})"
        self.proba_title_.set_text(f"probabilities $\\mathbf{{p}}${which}")
        if self._caption_on:
            self.caption_.set_text(self.describe())
        return self

    def describe(self):
        """One line: the image, its label, the prediction, the loss and the scale."""
        parts = [f"image {self.index}" if self.index is not None else "the image"]
        if self.label is not None:
            parts[0] += f", label {self.label}"
        k = self.predicted_
        parts.append(f"predicted {k} (p = {self.proba[k]:.3f})")
        if self.loss is not None and self.target is not None:
            parts.append(rf"$L = -\log\,p_{{{self.target}}} = {self.loss:.3g}$")
        scale = float(np.abs(self.input_grad).max())
        parts.append(rf"largest $|\partial L/\partial x_i| = {scale:.3g}$")
        return ";  ".join(parts)

    def update(self, *, image, proba, input_grad, label=None, target=None, loss=None,
               index=None):
        """Show another image (same shape, same number of classes), moving only the
        artists. Arguments as for the class.

        Returns
        -------
        self : DigitDisplay
        """
        k = len(self.proba)
        if np.ndim(proba) != 1 or len(proba) != k:
            raise ValueError(f"proba must have shape ({k},), one entry per class as "
                             f"drawn; got shape {np.shape(proba)}")
        self._set_arrays(image, proba, input_grad, label, target, loss, index)
        return self._show()

