"""What a small network does to the plane (Chapter 5): decision regions and class
probabilities (:func:`plot_decision_regions`), the line each hidden unit draws
(:func:`plot_hidden_boundaries`) and each hidden unit's output over the plane
(:func:`plot_hidden_units`). Everything drawn is what an :class:`nncore.mlp.MLP`
computes (its ``trace`` and ``params``); no formula of the network is written again.
"""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from .. import hyperplane as _hp
from .._checks import as_int, as_interval, as_labels, as_matrix
from ._base import check_axes, check_figure, marker_path, new_axes, new_figure
from ._style import (DECISION_COLORS, HIDDEN_CMAPS, INK, MULTICLASS_COLORS,
                     MULTICLASS_MARKERS, REGION_COLORS)

__all__ = ["plot_decision_regions", "plot_hidden_boundaries", "plot_hidden_units",
           "HiddenLines", "Regions", "activation_name", "check_classes", "check_grid",
           "check_mlp", "class_handles", "class_points", "plane_limits", "proba_colorbar"]


_BOUNDARY_LW = 2.0
_SIGNED = ("tanh", "linear", "identity")


def check_mlp(model, name="model", n_in=2):
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


def check_classes(y, n, n_out, name="y"):
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


def plane_limits(X, lim=None, name="lim"):
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


def check_grid(grid, name="grid"):
    return as_int(grid, name, minimum=2)


def _proba_cmap(levels=None):
    from matplotlib.colors import LinearSegmentedColormap

    cmap = LinearSegmentedColormap.from_list("nncore_proba", DECISION_COLORS)
    return cmap if levels is None else cmap.resampled(int(levels))


class Regions:
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
        (self.boundary,) = ax.plot([], [], color=INK, lw=_BOUNDARY_LW, zorder=zorder + 3,
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


def class_points(ax, X, y, k, *, s=30, zorder=5, edgecolor=None, lw=0.6):
    """The points, face colour and marker by class (one PathCollection)."""
    paths = [marker_path(MULTICLASS_MARKERS[int(c)]) for c in y]
    points = ax.scatter(X[:, 0], X[:, 1], s=s, c=[MULTICLASS_COLORS[int(c)] for c in y],
                        edgecolors=INK if edgecolor is None else edgecolor,
                        linewidths=lw, zorder=zorder)
    points.set_paths(paths)
    return points


def class_handles(k, names=None):
    from matplotlib.lines import Line2D

    names = names or [f"class {c}" for c in range(k)]
    return [Line2D([], [], ls="none", marker=MULTICLASS_MARKERS[c], ms=7,
                   mfc=MULTICLASS_COLORS[c], mec=INK, mew=0.6, label=names[c])
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


class HiddenLines:
    """The first hidden layer's lines w_j . x + b_j = 0 (one LineCollection) and a
    small number on each, placed apart from the others; moved by :meth:`update`."""

    def __init__(self, ax, n_units, xlim, ylim, *, labels=True, color=None, zorder=4):
        from matplotlib.collections import LineCollection

        self.ax, self.xlim, self.ylim = ax, xlim, ylim
        color = INK if color is None else color
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
    check_axes(ax)
    _, n_out = check_mlp(model)
    X = as_matrix(X, "X", n_features=2)
    y = check_classes(y, len(X), n_out)
    grid = check_grid(grid)
    xlim, ylim = plane_limits(X, lim)
    if ax is None:
        ax = new_axes(figsize=(5.4, 5.0))
    regions = Regions(ax, xlim, ylim, grid, n_out, proba=proba)
    regions.update(model)
    class_points(ax, X, y, regions.k)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal", adjustable="box")
    if not ax.get_xlabel():
        ax.set_xlabel(r"$x_1$")
    if not ax.get_ylabel():
        ax.set_ylabel(r"$x_2$", rotation=0, labelpad=8)
    if colorbar and n_out == 1 and proba:
        proba_colorbar(ax.figure.colorbar(regions.image, ax=ax, fraction=0.046, pad=0.03))
    if legend:
        handles = class_handles(regions.k) + [regions.boundary]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                  ncol=min(len(handles), 4), fontsize=8.5, frameon=False,
                  handlelength=1.6, columnspacing=1.2)
    return ax


def proba_colorbar(cbar):
    cbar.set_label(r"$P(\mathrm{class}\ 1)$", fontsize=9)
    cbar.set_ticks([0.0, 0.25, 0.5, 0.75, 1.0])
    cbar.ax.tick_params(labelsize=8)
    cbar.ax.axhline(0.5, color=INK, lw=_BOUNDARY_LW)
    return cbar


def plot_hidden_boundaries(model, ax, *, labels=True, color=None):
    r"""The lines of the first hidden layer's units,
    :math:`\mathbf{w}_j\cdot\mathbf{x} + b_j = 0`, in the current view of ``ax``.

    Unit :math:`j` (row :math:`j` of :math:`W^{(1)}`, shape ``(n_hidden, 2)``) switches on
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
    check_axes(ax, optional=False)
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
    hidden = HiddenLines(ax, len(W), xlim, ylim, labels=labels, color=color)
    hidden.update(W, b)
    hidden.lines.nncore_labels = hidden.labels
    return hidden.lines


def activation_name(model):
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
    :math:`\mathbf{a}^{(l)} = f(W^{(l)}\,\mathbf{a}^{(l-1)} + \mathbf{b}^{(l)})` over the plane
    (``model.trace``), all on one colour scale per row (viridis for relu and sigmoid,
    the diverging PRGn centred on 0 for tanh), with the unit's own switch line
    :math:`z_j = 0` drawn thin and dashed. Over the units of the last hidden layer of
    a one-logit model, the title gives the output weight :math:`v_j = W^{(D)}[0, j]` that
    multiplies it: the output is :math:`z = \sum_j v_j a_j + b^{(D)}`, the bottom panel
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
    check_figure(fig)
    _, n_out = check_mlp(model)
    sizes = [int(s) for s in model.sizes]
    if len(sizes) < 3:
        raise ValueError(f"model must have a hidden layer (sizes like [2, 4, 1]); got "
                         f"sizes {sizes}")
    X = as_matrix(X, "X", n_features=2)
    y = check_classes(y, len(X), n_out)
    grid = check_grid(grid)
    max_units = as_int(max_units, "max_units", minimum=1)
    xlim, ylim = plane_limits(X, lim)
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
        fig = new_figure(None, (width, height))
    else:
        fig.set_size_inches(width, height)
    name = activation_name(model)
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
            ax.plot(xz, yz, color="white" if cmap == "viridis" else INK, lw=0.9,
                    ls=(0, (3, 2)))
            class_points(ax, X, y, k, s=7, lw=0.3, edgecolor="white")
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
        proba_colorbar(fig.colorbar(ax.images[-1], cax=cax))
    ax.set_title(r"output: $z = \Sigma_j\, v_j a_j + b$" if n_out == 1
                 else "output: the predicted class", fontsize=9.5)
    fig.nncore_unit_axes = unit_axes
    return fig
