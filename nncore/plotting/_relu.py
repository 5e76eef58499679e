"""ReLU pieces adding up to a curve (Chapter 5): :class:`ReluPiecesDisplay` (the picture
of the superposition explorer) and :func:`plot_relu_pieces`, drawn from a 1-k-1
network's ``contributions``.
"""

from __future__ import annotations

import numpy as np

from .. import losses as _losses
from .._checks import as_array, as_interval, as_scalar, as_vector
from ._base import check_axes, marker_path, new_axes
from ._regions import activation_name
from ._style import AXIS_GREY, GRID_GREY, INK, PIECE_COLORS, PIECES_FIGSIZE

__all__ = ["ReluPiecesDisplay", "plot_relu_pieces"]


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
        if activation_name(model) != "relu":
            raise ValueError(f"model must use activation='relu' for its units to be "
                             f"ReLU pieces; got {activation_name(model)!r}")
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
        check_axes(ax)
        if ax is None:
            ax = new_axes(figsize=PIECES_FIGSIZE)
        self.ax_, self.figure_ = ax, ax.figure
        self._title_on = bool(title)
        k = self.pieces.shape[1]
        ax.axhline(0.0, color=AXIS_GREY, lw=0.8, zorder=1)
        ax.grid(True, color=GRID_GREY, lw=0.6)
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
        (self.sum_,) = ax.plot([], [], color=INK, lw=2.4, zorder=4,
                               label=r"sum $+\,c$: the network's output")
        self.kinks_ = ax.scatter(np.zeros(k), np.zeros(k), s=36,
                                 c=[color for color, _, _ in styles],
                                 edgecolors=INK, linewidths=0.8, zorder=5)
        self.kinks_.set_paths([marker_path(marker) for _, _, marker in styles])
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
    check_axes(ax)
    x = as_vector(x, "x")
    if callable(target):
        target = np.asarray(target(x), dtype=float)
    if hasattr(model_or_pieces, "sizes"):
        display = ReluPiecesDisplay.from_model(x, model_or_pieces, target=target)
    else:
        display = ReluPiecesDisplay(x=x, pieces=model_or_pieces, target=target)
    return display.plot(ax=ax).ax_
