"""Figures for the chapters: vectors, angles, projections, planes and hyperplanes.

This is the drawing layer of :mod:`nncore`. It imports the maths
(:mod:`nncore.vectors`, :mod:`nncore.hyperplane`) and *draws* what those functions
compute; no formula of the maths is written again here. Every drawing function
takes ``ax=None`` and returns the axes it drew into; :mod:`matplotlib.pyplot` is
imported only when a new figure has to be made (``ax=None``), never when this
module is imported.

Colours are the colour-blind-safe Okabe-Ito palette. The two classes are also
told apart by marker shape (circle for class 0, triangle for class 1), so every
figure still reads when printed in greyscale.

Used in Chapter 1, "Vectors, dot products, hyperplanes".
"""

from __future__ import annotations

import numpy as np

from . import hyperplane as _hp
from . import vectors as _vec
from ._checks import as_array, as_interval, as_labels, as_matrix, as_scalar, as_vector

__all__ = [
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "DISPLAY_FIGSIZE",
    "REGION_COLORS",
    "VECTOR_COLORS",
    "HyperplaneDisplay",
    "animate_hyperplane",
    "plot_angle",
    "plot_plane_3d",
    "plot_projection",
    "plot_vectors_2d",
    "plot_vectors_3d",
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


def _arrow_size(scale, length, weight=1.0):
    """Shaft width, head width and head length of an arrow ``length`` long in a view
    ``scale`` wide; the head of a short arrow shrinks to half its length at most, so
    the drawing never claims a longer vector than it is."""
    shrink = min(1.0, 0.5 * length / (0.06 * scale))
    return dict(width=0.009 * weight * scale, head_width=0.042 * scale * shrink,
                head_length=0.06 * scale * shrink)


def _arrow(ax, start, end, color, scale, weight=1.0, zorder=4, **kwargs):
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
                       **_arrow_size(scale, float(np.hypot(*d)), weight),
                       **kwargs)
    # add_artist (not add_patch): the head must not stretch the data limits, which
    # are set from the points themselves. add_artist clips it to the axes.
    ax.add_artist(arrow)
    return arrow


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


def _display_axes(fig):
    """A square axes placed in ``fig`` with fixed margins (inches) for the tick labels,
    the caption above and the legend below. A fixed layout, not constrained layout:
    an equal-aspect axes with a legend outside it does not always fit under constrained
    layout, and a fixed one costs nothing per frame and never makes the image jump."""
    width, height = fig.get_size_inches()
    left, right, bottom, top = 0.7, 0.2, 1.45, 0.55
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

    def plot(self, ax=None, *, resolution=200, legend=True):
        """Draw the display once and keep handles to its artists.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw into; a new figure is made with pyplot when None.
        resolution : int, default=200
            The half-space image has ``resolution x resolution`` pixels.
        legend : bool, default=True
            Add a legend below the axes that explains colours and markers.

        Returns
        -------
        self : HyperplaneDisplay
        """
        from matplotlib.colors import ListedColormap
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        if int(resolution) != resolution or resolution < 2:
            raise ValueError(f"resolution must be an integer >= 2; got {resolution!r}")
        self.resolution = int(resolution)
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
        self.legend_ = None
        if legend:
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
            self.legend_ = ax.legend(
                handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                borderaxespad=4.2, ncol=2, fontsize=8.5, frameon=False, handlelength=1.6,
                columnspacing=1.2, title="fill colour = side;  marker = true label",
                title_fontsize=8.5,
            )
        return self.update(self.w, self.b)

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
        show_arrow = segment is not None and not zero
        self.arrow_.set_visible(show_arrow)
        self.arrow_label_.set_visible(show_arrow)
        if show_arrow:
            start = _hp.closest_point(w, b)
            tip = start + w
            self.arrow_.set_data(x=start[0], y=start[1], dx=w[0], dy=w[1],
                                 **_arrow_size(self._xlim[1] - self._xlim[0], _vec.norm(w)))
            u = _direction(w)
            self.arrow_label_.xy = tuple(tip)
            self.arrow_label_.set_position(tuple(_LABEL_OFFSET * u))
            ha, va = _tip_alignment(u)
            self.arrow_label_.set_horizontalalignment(ha)
            self.arrow_label_.set_verticalalignment(va)
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
        first = f"w = ({self.w[0]:.2f}, {self.w[1]:.2f}),   b = {self.b:.2f}"
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
                self._xlim, self._ylim = new_x, new_y
                self.ax_.set_xlim(new_x)
                self.ax_.set_ylim(new_y)
                self.regions_.set_extent((*new_x, *new_y))
                self._set_grid(new_x, new_y)
        return self.update(self.w, self.b)


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
