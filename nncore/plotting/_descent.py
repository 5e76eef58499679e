"""The loss surface of a line fit and gradient descent on it (Chapter 3):
:func:`plot_loss_contours`, :func:`plot_loss_surface`, :func:`plot_path`,
:class:`DescentDisplay` (the descent explorer's three panels) and
:func:`animate_descent`. They draw what :mod:`nncore.linreg` and
:mod:`nncore.optimisers` compute.
"""

from __future__ import annotations

import numpy as np

from .. import linreg as _lr
from .._checks import as_array, as_int, as_vector
from ._base import (animate, animation_figure, check_animation, check_axes, check_step,
                    frame_steps, new_axes, new_figure)
from ._style import (CLASS_COLORS, DESCENT_FIGSIZE, GRID_GREY, HIGHLIGHT_COLOR, INK,
                     LOSS_CMAP, PATH_COLOR)

__all__ = ["DescentDisplay", "animate_descent", "plot_loss_contours", "plot_loss_surface",
           "plot_path"]


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
    check_axes(ax, optional=False)
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
    check_axes(ax)
    ws, bs, Z = _grid_axes(ws, bs, Z)
    if ax is None:
        ax = new_axes(figsize=(5.0, 4.2))
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
        ax = new_axes(projection="3d", figsize=(5.5, 4.5))
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
    r"""Gradient descent on the line :math:`\hat y(x) = w x + b`, one step at a time.

    Three panels, created once by :meth:`plot` and moved by :meth:`update`:

    - left, ``ax_contour_``: the loss :math:`L(w, b)` as filled contours
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
    and ``message_`` says "diverged at step k (lr > 2/β = ...)", :math:`\beta` being
    :func:`nncore.linreg.smoothness`.

    A scikit-learn style Display: ``__init__`` only checks and stores, :meth:`plot`
    draws, :meth:`update` only moves artists; :meth:`set_path` and :meth:`set_data`
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
        :math:`2/\beta`: gradient descent converges for :math:`\mathrm{lr} < 2/\beta`.
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
    >>> (x0, x1), (y0, y1) = disp.update(1).line_.get_data()  # w = 1, b = 0.5
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

    @classmethod
    def from_descent(cls, x, y, *, lr, start=(0.0, 0.0), n_steps=50, momentum=0.0,
                     batch_size=None, seed=0, standardized=False, **kwargs):
        """The display of a run of gradient descent from ``start``, computed here by
        :func:`nncore.linreg.descent_path` (on standardised :math:`x` when
        ``standardized``, from the same starting line: :func:`nncore.linreg.standardize_params`).

        Parameters
        ----------
        x, y : array-like of shape (n,)
        lr : float
        start : (float, float), default=(0.0, 0.0)
            The starting :math:`(w, b)`, in the raw units of ``x``.
        n_steps, momentum, batch_size, seed
            As for :func:`nncore.linreg.descent_path`.
        standardized : bool, default=False
        **kwargs
            ``ws``, ``bs``, ``names``, ``units``.

        Returns
        -------
        DescentDisplay

        Examples
        --------
        >>> disp = DescentDisplay.from_descent([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], lr=0.1,
        ...                                    n_steps=200)
        >>> np.round(disp.path.params[-1], 3), disp.path.steps
        (array([2., 1.]), 200)
        """
        x = as_vector(x, "x")
        theta0 = as_vector(start, "start", dim=2)
        x_fit = x
        if standardized is True:
            x_fit, mean, std = _lr.standardize(x)
            theta0 = _lr.standardize_params(theta0, mean, std)
        path = _lr.descent_path(x_fit, y, theta0, lr, n_steps, momentum=momentum,
                                batch_size=batch_size, seed=seed)
        return cls(x=x, y=y, path=path, standardized=standardized, **kwargs)

    # -- what is drawn -------------------------------------------------------------

    def _prepare(self):
        """Everything the panels show that depends on the data: the x of the fit, the
        minimum, 2/beta, the grid of the contours."""
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
        self.figure_ = fig = new_figure(fig, DESCENT_FIGSIZE)
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
        return self.update(0)

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
            ax.grid(True, color=GRID_GREY, lw=0.6)
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
            (self.loss_,) = ax.plot([], [], color=INK, lw=1.4, marker="o", ms=2.5,
                                    zorder=3, label="loss")
            (self.loss_now_,) = ax.plot([], [], ls="none", marker="o", ms=8,
                                        mfc=PATH_COLOR, mec="white", mew=1.2, zorder=5)
            self.floor_ = ax.axhline(1.0, color="0.35", lw=1.0, ls=":", zorder=2,
                                     label="minimum (least squares)")
            self.floor_label_ = ax.annotate(
                "least-squares minimum", xy=(1.0, 1.0), xycoords=("axes fraction", "data"),
                xytext=(-3, -2), textcoords="offset points", ha="right", va="top",
                fontsize=7.5, color="0.3")
            ax.grid(True, color=GRID_GREY, lw=0.6, which="major")
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
        bound = f"2/\u03b2 = {self.two_over_L_:.3g}"
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
        """Every artist that :meth:`update` changes (for blitting)."""
        return [self.trail_, self.current_, self.line_, self.loss_now_] + (
            [self.caption_] if self._caption_on else [])

    # -- one step ------------------------------------------------------------------

    def update(self, k):
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
        k = check_step(k, self.n_steps, end="the last step of the path")
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
        return self.update(0)

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
        return self.update(0)


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
    :meth:`~DescentDisplay.update`. With more steps than ``max_frames``, that many
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
    check_animation(interval, dpi, figsize)
    max_frames = as_int(max_frames, "max_frames", minimum=2)
    display = DescentDisplay(x=x, y=y, path=path, standardized=standardized, names=names,
                             units=units)
    fig = animation_figure(figsize, dpi)
    display.plot(fig=fig)
    steps = frame_steps(display.n_steps, max_frames)
    return animate(display, steps, lambda k: display.update(int(k)), interval=interval,
                   steps=steps)
