"""Softmax and cross-entropy (Chapter 6): :class:`SoftmaxDisplay` (probabilities and the
gradient $\\mathbf{p} - \\mathbf{y}$, the softmax explorer's picture),
:func:`plot_probabilities` and :func:`plot_confusion_matrix`. The numbers come from
:mod:`nncore.activations` and :mod:`nncore.losses`.
"""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from .. import losses as _losses
from .._checks import as_array, as_scalar, as_vector, is_int
from ._base import check_axes, fixed, new_axes, new_figure, with_caption
from ._style import (CONFUSION_CMAP, GRAD_COLORS, GRID_GREY, INK, PROBA_COLOR,
                     SOFTMAX_FIGSIZE, TRUE_CLASS_COLOR)

__all__ = ["SoftmaxDisplay", "plot_confusion_matrix", "plot_probabilities", "CAPTION_H",
           "ProbabilityBars", "as_probabilities", "check_class", "class_labels"]


CAPTION_H = 0.26  # inches: one caption line above the panels
_SOFTMAX_MARGINS = dict(left=0.62, right=0.18, gap=0.8, top=0.68, bottom=0.45)

_BAR_WIDTH = 0.7


def check_class(c, k, name="true_class", allow_none=True):
    """``c`` as an int in [0, k), or None."""
    if c is None and allow_none:
        return None
    if not is_int(c):
        raise TypeError(f"{name} must be an int from 0 to {k - 1}"
                        f"{' or None' if allow_none else ''}; got {c!r} of type "
                        f"{type(c).__name__}")
    if not 0 <= c < k:
        raise ValueError(f"{name} must be a class index from 0 to {k - 1}; got {c}")
    return int(c)


def class_labels(labels, k):
    if labels is None:
        return [str(i) for i in range(k)]
    if isinstance(labels, str):
        raise TypeError(f"labels must be a sequence of {k} names, one per class; got the "
                        f"string {labels!r}")
    labels = [str(v) for v in labels]
    if len(labels) != k:
        raise ValueError(f"labels must have one name per class ({k}); got {len(labels)}")
    return labels


def as_probabilities(p, name="p"):
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
    ax.grid(True, axis="y", color=GRID_GREY, lw=0.6)
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


class ProbabilityBars:
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
                               color=INK, zorder=4,
                               bbox=dict(boxstyle="square,pad=0.05", fc="white", ec="none",
                                         alpha=0.85)) for i in range(k)]
        self.target = Rectangle((-0.5 * _BAR_WIDTH, 0.0), _BAR_WIDTH, 1.0, fill=False,
                                ec=INK, lw=1.1, ls=(0, (3, 2)), zorder=3, visible=False)
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
            text.set_text(fixed(v, self.decimals) if v >= self.value_min else "")
        self.target.set_visible(true_class is not None)
        if true_class is not None:
            self.target.set_x(true_class - 0.5 * _BAR_WIDTH)

    def legend_handles(self, true_class=True):
        from matplotlib.patches import Patch

        handles = [Patch(color=PROBA_COLOR, label="$p_k$")]
        if true_class:
            handles += [Patch(color=TRUE_CLASS_COLOR, label="$p_y$, the true class"),
                        Patch(fill=False, ec=INK, lw=1.1, ls=(0, (3, 2)),
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
    check_axes(ax)
    p = as_probabilities(p)
    k = len(p)
    names = class_labels(labels, k)
    true_class = check_class(true_class, k)
    if ax is None:
        ax = new_axes(figsize=(max(3.0, 0.45 * k + 1.2), 3.0))
    bars = ProbabilityBars(ax, k, names)
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
    check_axes(ax)
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
    names = class_labels(labels, k)
    if ax is None:
        side = min(max(3.2, 0.42 * k + 1.4), 9.0)
        ax = new_axes(figsize=(side, side))
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
        self.true_class = check_class(true_class, k, allow_none=False)
        self.labels = class_labels(labels, k)

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

        self._caption_on = bool(caption)
        size, m = with_caption(SOFTMAX_FIGSIZE, _SOFTMAX_MARGINS, self._caption_on, CAPTION_H)
        self.figure_ = fig = new_figure(fig, size)
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
        self._bars = ProbabilityBars(ax, k, self.labels, fontsize=8)
        self.bars_, self.values_ = self._bars.bars, self._bars.values
        self.target_ = self._bars.target
        ax.legend(handles=self._bars.legend_handles(), **legend_kw)
        ax.set_title(r"$\mathbf{p} = \mathrm{softmax}(\mathbf{z}/T)$", fontsize=10, pad=24)

        ax = self.ax_grad_
        self.grad_bars_ = list(ax.bar(range(k), np.zeros(k), width=_BAR_WIDTH, lw=0,
                                      color=GRAD_COLORS[1], zorder=2))
        self.grad_values_ = [ax.text(i, 0.0, "", ha="center", fontsize=8, color=INK,
                                     zorder=4) for i in range(k)]
        ax.axhline(0.0, color=INK, lw=0.8, zorder=1.95)  # under the bars, as the spines
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
        y = self.true_class if true_class is None else check_class(
            true_class, self.n_classes, allow_none=False)
        self.logits, self.temperature, self.true_class = logits, T, y
        self.p_, self.loss_, self.grad_ = _softmax_numbers(logits, T, y)
        self._bars.set(self.p_, y)
        for bar, text, g in zip(self.grad_bars_, self.grad_values_, self.grad_):
            g = float(g)
            bar.set_height(g)
            bar.set_facecolor(GRAD_COLORS[int(g > 0)])
            text.set_text(fixed(g, 2).replace("-", "\u2212"))  # the ticks' minus sign
            text.set_y(g + (0.03 if g >= 0 else -0.03))
            text.set_verticalalignment("bottom" if g >= 0 else "top")
        if self._caption_on:
            self.caption_.set_text(f"T = {T:.3g},  true class {self.labels[y]}:  "
                                   rf"$L = -\log\,p_y = {self.loss_:.4g}$")
        return self
