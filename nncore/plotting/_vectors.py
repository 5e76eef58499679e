"""Chapter 1's pictures of vectors: arrows in 2-D and 3-D, the angle between two vectors
and the projection of one onto another (:func:`plot_vectors_2d`,
:func:`plot_vectors_3d`, :func:`plot_angle`, :func:`plot_projection`). They draw what
:mod:`nncore.vectors` computes.
"""

from __future__ import annotations

import numpy as np

from .. import vectors as _vec
from .._checks import as_array, as_matrix, as_vector
from ._base import (add_arrow, check_axes, new_axes, style_geometry, tip_alignment,
                    tip_label, view_span)
from ._style import AXIS_GREY, INK, VECTOR_COLORS

__all__ = ["plot_angle", "plot_projection", "plot_vectors_2d", "plot_vectors_3d",
           "style_3d"]


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
    check_axes(ax)
    V = _as_vectors(vectors, 2)
    names = _names(labels, len(V))
    cols = _colors(colors, len(V))
    if ax is None:
        ax = new_axes()
    _draw_arrows_2d(ax, V, names, cols)
    style_geometry(ax, V)
    return ax


def _draw_arrows_2d(ax, V, names, cols, scale=None):
    scale = view_span(V) if scale is None else scale
    for v, name, c in zip(V, names, cols):
        add_arrow(ax, (0.0, 0.0), v, c, scale)
        if name is not None:
            tip_label(ax, v, v, name, c)


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
        ax = new_axes(projection="3d")
    if getattr(ax, "name", None) != "3d":
        raise ValueError(
            "ax must be a 3-D axes (fig.add_subplot(projection='3d')); "
            f"got a {getattr(ax, 'name', type(ax).__name__)!r} axes"
        )
    for v, name, c in zip(V, names, cols):
        ax.quiver(0, 0, 0, *v, color=c, arrow_length_ratio=0.12, linewidth=2)
    style_3d(ax, np.vstack([V, -0.1 * V]))
    # labels last: their offset beyond the tip is a fixed fraction of the cube
    half = ax.get_xlim()[1]
    for v, name, c in zip(V, names, cols):
        if name is not None:
            ax.text(*(v + 0.08 * half * _direction_3d(v)), name, color=c, fontsize=12,
                    fontweight="bold", ha="left", va="bottom")
    return ax


def _direction_3d(v):
    return _vec.unit(v) if np.any(v) else np.array([1.0, 0.0, 0.0])


def style_3d(ax, points):
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
        ax.plot(*seg.T, color=AXIS_GREY, lw=0.8)
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
    r"""Draw two 2-D vectors and the angle :math:`\varphi` between them.

    The arc marks :math:`\varphi \in [0, \pi]` computed by :func:`nncore.vectors.angle`,
    and its label gives the value in degrees. This is the :math:`\varphi` of the
    geometric dot product :math:`\mathbf{a}\cdot\mathbf{b} = \|\mathbf{a}\|\,\|\mathbf{b}\|\cos\varphi`.

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
    '$\\varphi = 45.0^\\circ$'

    Used in Chapter 1, sections "The dot product" and "The sign of the dot product:
    alignment".
    """
    check_axes(ax)
    from matplotlib.patches import Arc

    a = as_vector(a, "a", dim=2)
    b = as_vector(b, "b", dim=2)
    for v, name in ((a, "a"), (b, "b")):
        if not np.any(v):
            raise ValueError(f"{name} must be a non-zero vector to have an angle; got {v.tolist()}")
    names = _names(labels, 2, what="labels")
    if ax is None:
        ax = new_axes()
    _draw_arrows_2d(ax, [a, b], names, VECTOR_COLORS[:2])
    theta1, theta2, theta = _arc_angles(a, b)
    radius = 0.35 * min(_vec.norm(a), _vec.norm(b))
    ax.add_patch(Arc((0.0, 0.0), 2 * radius, 2 * radius, theta1=theta1, theta2=theta2,
                     color=INK, lw=1.4, zorder=3))
    mid = np.radians(0.5 * (theta1 + theta2))
    u = np.array([np.cos(mid), np.sin(mid)])
    text = rf"$\varphi = {theta:.1f}^\circ$"
    style = dict(fontsize=11, color=INK, zorder=6,
                 bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    if theta >= 35.0:  # room inside the angle: the label sits on the bisector
        ha, va = tip_alignment(u)
        ax.annotate(text, xy=tuple(radius * u), xytext=tuple(6.0 * u),
                    textcoords="offset points", ha=ha, va=va, **style)
    else:  # a narrow angle: the label goes outside it, with a leader line to the arc
        out = np.radians(theta2 + 30.0)
        v = np.array([np.cos(out), np.sin(out)])
        ha, va = tip_alignment(v)
        ax.annotate(text, xy=tuple(radius * u), xytext=tuple(1.6 * radius * v),
                    ha=ha, va=va,
                    arrowprops=dict(arrowstyle="-", color=INK, lw=0.8, shrinkA=1, shrinkB=0),
                    **style)
    style_geometry(ax, np.vstack([a, b]))
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
    check_axes(ax)
    a = as_vector(a, "a", dim=2)
    u = as_vector(onto, "onto", dim=2)
    if not np.any(u):
        raise ValueError(f"onto must be a non-zero vector; got {u.tolist()}")
    names = _names(labels, 2, what="labels")
    p = _vec.projection(a, u)
    if ax is None:
        ax = new_axes()
    scale = view_span(np.vstack([a, u, p]))
    _draw_arrows_2d(ax, [a, u], names, VECTOR_COLORS[:2], scale)
    proj_color = VECTOR_COLORS[2]
    add_arrow(ax, (0.0, 0.0), p, proj_color, scale, weight=1.6, zorder=5, alpha=0.9)
    ax.plot([a[0], p[0]], [a[1], p[1]], ls=":", color=INK, lw=1.5, zorder=3)
    # label of the projection: halfway along it, on the side away from a
    e_u = _vec.unit(u)
    normal = np.array([-e_u[1], e_u[0]])
    if np.dot(a - p, normal) > 0:
        normal = -normal
    ha, va = tip_alignment(normal)
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
        ax.plot(corner[:, 0], corner[:, 1], color=INK, lw=1.0, zorder=3)
    style_geometry(ax, np.vstack([a, u, p]))
    return ax
