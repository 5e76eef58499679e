"""The hyperplane $\\mathbf{w}\\cdot\\mathbf{x} + b = 0$ splitting the plane (Chapter 1):
:class:`HyperplaneDisplay` (the picture the hyperplane explorer moves),
:func:`animate_hyperplane` for the website, and :func:`plot_plane_3d` (a plane in
3-D). They draw what :mod:`nncore.hyperplane` computes.
"""

from __future__ import annotations

import numpy as np

from .. import hyperplane as _hp
from .. import vectors as _vec
from .._checks import as_interval, as_labels, as_matrix, as_scalar, as_vector
from ._base import (add_arrow, animate, animation_figure, check_animation, check_axes,
                    display_axes, display_legend, fixed, marker_path, move_arrow,
                    move_label, new_axes, new_figure, nice_limits)
from ._style import (AXIS_GREY, CLASS_COLORS, CLASS_MARKERS, DISPLAY_FIGSIZE, INK,
                     REGION_COLORS)
from ._vectors import style_3d

__all__ = ["HyperplaneDisplay", "animate_hyperplane", "plot_plane_3d"]


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
        ax = new_axes(projection="3d")
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
    ax.quiver(*x0, *w, color=INK, arrow_length_ratio=0.15, linewidth=2)
    ax.text(*(x0 + w + 0.1 * _vec.unit(w)), r"$\mathbf{w}$", color=INK, fontsize=13,
            ha="left", va="bottom")
    pts = [x0 + half * e1 + half * e2, x0 - half * e1 - half * e2, x0 + w]
    if X is not None:
        side = _hp.halfspace(X, w, b)
        shapes = y if y is not None else np.zeros(len(X), dtype=int)
        for k in (0, 1):
            sel = shapes == k
            if np.any(sel):
                ax.scatter(*X[sel].T, c=[CLASS_COLORS[s_] for s_ in side[sel]],
                           marker=CLASS_MARKERS[k], s=30, edgecolors=INK,
                           linewidths=0.5, depthshade=False)
        pts.append(X)
    style_3d(ax, np.vstack(pts))
    return ax


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
        check_axes(ax)
        from matplotlib.colors import ListedColormap, NoNorm

        if int(resolution) != resolution or resolution < 2:
            raise ValueError(f"resolution must be an integer >= 2; got {resolution!r}")
        self.resolution = int(resolution)
        self._w_arrow = bool(w_arrow)
        if ax is None:
            ax = display_axes(new_figure(None, DISPLAY_FIGSIZE))
        self.ax_, self.figure_ = ax, ax.figure
        default_x, default_y = nice_limits(self.X)
        xlim = self.xlim or default_x
        ylim = self.ylim or default_y
        self._xlim, self._ylim = xlim, ylim

        # the sides' 0/1 as bytes pick the two colours themselves (NoNorm: the pixels of
        # vmin=0, vmax=1, a third cheaper to draw; a widget can paint it from its data)
        self.regions_ = ax.imshow(
            np.zeros((self.resolution, self.resolution), dtype=np.uint8),
            origin="lower",
            extent=(*xlim, *ylim),
            cmap=ListedColormap(REGION_COLORS),
            norm=NoNorm(),
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
        ax.axhline(0.0, color=AXIS_GREY, lw=0.8, zorder=1)
        ax.axvline(0.0, color=AXIS_GREY, lw=0.8, zorder=1)
        if not ax.get_xlabel():
            ax.set_xlabel(r"$x_1$")
        if not ax.get_ylabel():
            ax.set_ylabel(r"$x_2$", rotation=0, labelpad=8)

        (self.line_,) = ax.plot([], [], color=INK, lw=2.2, zorder=3)
        self.arrow_ = add_arrow(ax, (0.0, 0.0), (1.0, 0.0), INK, xlim[1] - xlim[0], zorder=4)
        self.arrow_label_ = ax.annotate(
            r"$\mathbf{w}$", xy=(1.0, 0.0), xytext=(0.0, 0.0), textcoords="offset points",
            color=INK, fontsize=12, zorder=7,  # above the points
            bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.85),
        )
        self.points_ = None
        self.wrong_ = None
        if self.X is not None:
            self.points_ = ax.scatter(
                self.X[:, 0], self.X[:, 1], c=np.zeros(len(self.X)),
                cmap=ListedColormap(CLASS_COLORS), vmin=0, vmax=1, s=34,
                edgecolors=INK, linewidths=0.6, zorder=5,
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
        self.legend_ = display_legend(ax, self._legend_handles()) if legend else None
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
                                  mfc="white", mec=INK, label=label0))
            if label1 is not None:
                handles.append(Line2D([], [], ls="none", marker=CLASS_MARKERS[1],
                                      ms=7, mfc="white", mec=INK, label=label1))
                handles.append(Line2D([], [], ls="none", marker="o", ms=11,
                                      mfc="none", mec="black", mew=1.3,
                                      label="on the wrong side"))
        handles.append(Line2D([], [], color=INK, lw=2.2,
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
        paths = {k: marker_path(m) for k, m in enumerate(CLASS_MARKERS)}
        shapes = self.y if self.y is not None else np.zeros(len(self.X), dtype=int)
        self.points_.set_paths([paths[int(k)] for k in shapes])

    def dynamic_artists(self):
        """Every artist that :meth:`update` may change (for blitting)."""
        return [self.regions_, self.line_, self.arrow_, self.arrow_label_, self.points_,
                self.wrong_, self.message_, self.info_]

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
        self.regions_.set_data(_hp.halfspace(self.grid_, w, b).reshape(n, n).astype(np.uint8))

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
            move_arrow(self.arrow_, start, start + w, self._xlim[1] - self._xlim[0])
            move_label(self.arrow_label_, start + w, w)
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
        first = f"w = ({fixed(self.w[0])}, {fixed(self.w[1])}),   b = {fixed(self.b)}"
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
            new_x, new_y = nice_limits(X)
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
    check_animation(interval, dpi, figsize)
    W = as_matrix(ws, "ws", n_features=2)
    B = np.asarray(bs, dtype=float)
    if B.shape != (len(W),):
        raise ValueError(f"bs must have shape ({len(W)},), one bias per row of ws; got shape {B.shape}")
    if not np.all(np.isfinite(B)):
        raise ValueError("bs must be finite")
    if len(W) == 0:
        raise ValueError("ws must hold at least one frame; got 0 rows")
    fig = animation_figure(figsize, dpi)
    display = HyperplaneDisplay(w=W[0], b=B[0], X=X, y=y).plot(ax=display_axes(fig))
    return animate(display, range(len(W)), lambda i: display.update(W[i], B[i]),
                   interval=interval)
