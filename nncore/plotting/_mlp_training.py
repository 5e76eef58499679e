"""A network learning (Chapter 5): :class:`MLPTrainingDisplay` (decision regions and the
loss curves, the picture of the training viewer), :func:`animate_mlp_training` for the
website, and :func:`plot_gradient_norms` (vanishing gradients, layer by layer). They
draw an :class:`nncore.mlp.Trainer`'s model and history.
"""

from __future__ import annotations

import numpy as np

from .._checks import as_array, as_int, as_matrix
from ._base import (animate, animation_figure, check_animation, check_axes, frame_steps,
                    marker_path, new_axes, new_figure, nice_ceil)
from ._regions import (HiddenLines, Regions, check_classes, check_grid, check_mlp,
                       class_handles, class_points, plane_limits, proba_colorbar)
from ._style import (GRID_GREY, HIGHLIGHT_COLOR, INK, MLP_TRAINING_FIGSIZE,
                     MULTICLASS_COLORS, MULTICLASS_MARKERS, VECTOR_COLORS)

__all__ = ["MLPTrainingDisplay", "animate_mlp_training", "plot_gradient_norms"]


def plot_gradient_norms(norms_per_layer, ax=None, *, label=None):
    r"""The size of each layer's weight gradient,
    :math:`\|\partial L/\partial W^{(l)}\|` (Frobenius norm), layer 1 (next to the input)
    on the left, on a log axis.

    Backpropagation multiplies the error signal by :math:`W^{(l)\top}` and by
    :math:`f'(Z^{(l-1)})` once per layer on its way to the input; with sigmoid
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
    check_axes(ax)
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
        ax = new_axes(figsize=(5.5, 3.6))
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
    ax.grid(True, which="major", color=GRID_GREY, lw=0.6)
    ax.set_axisbelow(True)
    ax.margins(y=0.12)
    if not ax.get_xlabel():
        ax.set_xlabel("layer $l$ (1 = next to the input)")
    if not ax.get_ylabel():
        ax.set_ylabel(r"$\|\partial L / \partial W^{(l)}\|$")
    if any(name is not None for name, _ in checked) or ax.get_legend() is not None:
        ax.legend(fontsize=9, frameon=False)
    return ax


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

    Two panels, created once by :meth:`plot` and moved by :meth:`update`:

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
    :meth:`plot` draws, :meth:`update` only moves artists. Its fixed layout (inches)
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
        The loss axis runs from 0 to this; :meth:`update` widens it (to the next
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
        :meth:`update` changed the axes (a widget then redraws everything).

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
        _, self.n_out = check_mlp(model)
        self.model = model
        self.X = as_matrix(X, "X", n_features=2)
        self.y = check_classes(y, len(self.X), self.n_out)
        self.history = _check_history(history)
        self.xlim, self.ylim = plane_limits(self.X, lim)
        self.max_epochs = as_int(max_epochs, "max_epochs", minimum=1)
        self.grid = check_grid(grid)
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
        self.figure_ = fig = new_figure(fig, MLP_TRAINING_FIGSIZE)
        self._caption_on = bool(caption)
        binary = self.n_out == 1
        self.ax_regions_, self.cax_, self.ax_loss_ = _mlp_axes(fig, binary)
        ax = self.ax_regions_
        self._regions = Regions(ax, self.xlim, self.ylim, self.grid, self.n_out,
                                 levels=self.levels)
        self.regions_, self.boundary_ = self._regions.image, self._regions.boundary
        sizes = [int(s) for s in self.model.sizes]
        self._hidden = None
        self.hidden_ = None
        if len(sizes) >= 3:
            self._hidden = HiddenLines(ax, sizes[1], self.xlim, self.ylim)
            self.hidden_ = self._hidden.lines
        self.points_ = class_points(ax, self.X, self.y, self._regions.k, s=26)
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        ax.set_xlabel(r"$x_1$", fontsize=9)
        ax.set_ylabel(r"$x_2$", rotation=0, labelpad=8, fontsize=9)
        ax.tick_params(labelsize=8)
        what = r"$P(\mathrm{class}\ 1)$" if binary else "predicted class (paler: less sure)"
        ax.set_title(f"decision regions: {what}", fontsize=9.5)
        if binary:
            proba_colorbar(fig.colorbar(self.regions_, cax=self.cax_))
        self._draw_loss()
        handles = class_handles(self._regions.k) + [self.boundary_]
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
        return self.update()

    def _draw_loss(self):
        from matplotlib.ticker import FuncFormatter, NullFormatter

        ax = self.ax_loss_
        ax.set_yscale("log")
        # the view spans two decades or more: label the powers of ten, as 0.01, 0.1, 1
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, pos: f"{v:g}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        (self.loss_,) = ax.plot([], [], color=INK, lw=1.5, zorder=3, label="training loss")
        self.test_loss_ = None
        if _history_series(self.history, "test_loss") is not None:
            (self.test_loss_,) = ax.plot([], [], color=HIGHLIGHT_COLOR, lw=1.3,
                                         ls=(0, (4, 2)), zorder=3, label="test loss")
        (self.loss_now_,) = ax.plot([], [], ls="none", marker="o", ms=7, mfc=HIGHLIGHT_COLOR,
                                    mec="white", mew=1.2, zorder=5, clip_on=False)
        ax.grid(True, color=GRID_GREY, lw=0.6, which="major")
        ax.set_axisbelow(True)
        ax.tick_params(labelsize=8)
        ax.set_xlabel("epoch", fontsize=9)
        ax.set_ylabel("loss (cross-entropy)", fontsize=9)
        ax.set_title("loss per epoch (log scale)", fontsize=9.5)
        self._loss_top, self._loss_bottom = None, None
        ax.set_xlim(0, self.max_epochs)

    def reset_loss_view(self):
        """Forget how far the loss axes were widened: the next :meth:`update` fits them
        to the history it is given, as for a new display (a new run's curve gets its own
        view, whatever runs were shown before).

        Returns
        -------
        self : MLPTrainingDisplay
        """
        self._loss_top, self._loss_bottom = None, None
        self.ax_loss_.set_xlim(0, self.max_epochs)
        return self

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
        y = check_classes(y, len(X), self.n_out)
        self.X, self.y = X, y
        self.xlim, self.ylim = plane_limits(X, lim)
        self._regions.set_view(self.xlim, self.ylim)
        if self._hidden is not None:
            self._hidden.xlim, self._hidden.ylim = self.xlim, self.ylim
        self.points_.set_offsets(X)
        self.points_.set_paths([marker_path(MULTICLASS_MARKERS[int(c)]) for c in y])
        self.points_.set_facecolors([MULTICLASS_COLORS[int(c)] for c in y])
        self.ax_regions_.set_xlim(self.xlim)
        self.ax_regions_.set_ylim(self.ylim)
        return self.update()

    def dynamic_artists(self):
        """Every artist that :meth:`update` changes (for blitting)."""
        hidden = [] if self._hidden is None else [self.hidden_] + self._hidden.labels
        return ([self.regions_, self.boundary_] + hidden
                + [a for a in (self.loss_, self.test_loss_, self.loss_now_) if a is not None]
                + ([self.caption_] if self._caption_on else []))

    def overlay_artists(self):
        """Static artists on top of moving ones (for blitting): the points."""
        return [self.points_]

    # -- one state -----------------------------------------------------------------

    def update(self, model=None, history=None, epoch=None):
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
            _, n_out = check_mlp(model)
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
            ax.set_xlim(0, nice_ceil(float(epochs.max())))
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
            top = nice_ceil(1.25 * hi)  # 1, 2 or 5 times a power of ten
        if bottom is None or lo < bottom:
            bottom = min(10.0 ** np.floor(np.log10(lo)), 10.0 ** np.floor(np.log10(top / 99.0)))
        if (top, bottom) != (self._loss_top, self._loss_bottom):
            self._loss_top, self._loss_bottom = top, bottom
            ax.set_ylim(bottom, top)
            self.view_changed_ = True


def animate_mlp_training(trainer, epochs=100, *, max_frames=30, interval=250, dpi=72,
                         figsize=MLP_TRAINING_FIGSIZE, grid=80, levels=10, lim=None):
    r"""Train for ``epochs`` more epochs and animate it, for the website: the decision
    regions, the hidden units' lines and the loss curve, one frame per chosen epoch.

    The trainer is run first (it *is* trained by this call), keeping a copy of the
    parameters (``model.get_flat()``) at each frame's epoch; each frame then loads a
    copy into one :class:`MLPTrainingDisplay` and calls its
    :meth:`~MLPTrainingDisplay.update`, so the frames can be drawn in any order, as
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
    for name in ("model", "X", "y", "history_", "run", "epoch"):
        if not hasattr(trainer, name):
            raise TypeError(f"trainer must be an nncore.mlp.Trainer; got "
                            f"{type(trainer).__name__}")
    check_animation(interval, dpi, figsize)
    epochs = as_int(epochs, "epochs", minimum=1)
    max_frames = as_int(max_frames, "max_frames", minimum=2)
    check_mlp(trainer.model, "trainer.model")
    start = int(trainer.epoch)
    first = trainer.evaluate() if callable(getattr(trainer, "evaluate", None)) else None
    wanted = start + frame_steps(epochs, max_frames)
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
    display.plot(fig=animation_figure(figsize, dpi))

    def draw(i):
        view.set_flat(snapshots[i])
        display.update(view, history=_upto(history, shown[i]), epoch=shown[i])

    return animate(display, range(len(shown)), draw, interval=interval,
                   epochs=np.array(shown), snapshots=snapshots)
