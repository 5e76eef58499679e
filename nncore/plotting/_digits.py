"""Handwritten digits and what a classifier sees in them (Chapter 6): grids of images
(:func:`plot_digit_images`), a layer's weights as images (:func:`plot_weight_images`)
and :class:`DigitDisplay` (one digit, the class probabilities and the gradient of the
loss with respect to its pixels, :func:`nncore.mlp.input_gradient`: the digit
inspector's picture).
"""

from __future__ import annotations

import numpy as np

from .._checks import as_array, as_int, as_labels, as_matrix, as_scalar, as_vector, is_int
from ..mlp import input_gradient
from ._base import new_figure, with_caption
from ._softmax import CAPTION_H, ProbabilityBars, as_probabilities, check_class
from ._style import DIGIT_CMAP, DIGIT_FIGSIZE, DIVERGING_CMAP

__all__ = ["DigitDisplay", "plot_digit_images", "plot_weight_images", "check_model",
           "check_shape"]


# the digit display: image | bars | gradient image + colour bar (widths in inches)
_DIGIT_MARGINS = dict(left=0.2, right=0.55, gap=0.55, top=0.36, bottom=0.45, bars=3.3,
                      cbar=0.12, cbar_gap=0.1)


def check_shape(shape):
    """``shape`` as a pair of ints >= 1 (height, width) of an image."""
    if not (isinstance(shape, (tuple, list)) and len(shape) == 2
            and all(is_int(s) and s >= 1 for s in shape)):
        raise ValueError(f"shape must be a pair of ints >= 1 (height, width); got {shape!r}")
    return int(shape[0]), int(shape[1])


def _as_images(images, shape, name="images"):
    """``images`` as (n, h, w): from (n, h*w) rows or (n, h, w); one image allowed."""
    h, w = check_shape(shape)
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
    fig = new_figure(fig, (width, height))
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
        The grey scale, ``vmin < vmax``; default ``min(0, images.min())`` and
        ``images.max()`` (for blank images, 0 to 1).

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
        if vmin is not None or vmax is not None:  # a scale the caller set: never changed
            raise ValueError(f"vmax must be > vmin (the grey scale runs from vmin to "
                             f"vmax); got vmin = {lo:g} and vmax = {hi:g}")
        hi = lo + 1.0  # blank images: any scale shows them white
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
        The colour scale is ``-vmax`` to ``vmax``, ``vmax > 0``; default ``max |W|``
        (1 when every weight is 0).
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
    if vmax is None:
        top = float(np.abs(imgs).max()) or 1.0  # all weights 0: any scale shows white
    else:
        top = as_scalar(vmax, "vmax")
        if not top > 0:
            raise ValueError(f"vmax must be a finite number > 0 (the colours run from "
                             f"-vmax to vmax); got {vmax:g}")
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


def check_model(model, n_features, what="X"):
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
        self.shape = check_shape(shape)
        self._set_arrays(image, proba, input_grad, label, target, loss, index)
        self.vmin = min(0.0, float(self.image.min())) if vmin is None else as_scalar(
            vmin, "vmin")
        self.vmax = float(self.image.max()) if vmax is None else as_scalar(vmax, "vmax")
        if not self.vmax > self.vmin:
            self.vmax = self.vmin + 1.0

    def _set_arrays(self, image, proba, input_grad, label, target, loss, index):
        n = self.shape[0] * self.shape[1]
        self.image = as_vector(image, "image", dim=n)
        self.proba = as_probabilities(proba, "proba")
        self.input_grad = as_vector(input_grad, "input_grad", dim=n, against="image")
        k = len(self.proba)
        self.label = check_class(label, k, "label")
        self.target = self.label if target is None else check_class(target, k, "target")
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
        k = check_model(model, X.shape[1])
        y = as_labels(y, "y", n=len(X), binary=False)
        index = as_int(index, "index", minimum=0)
        if index >= len(X):
            raise ValueError(f"index must be from 0 to {len(X) - 1} (a row of X); got "
                             f"{index}")
        if y.max() >= k:
            raise ValueError(f"y must hold labels from 0 to {k - 1} (the model's "
                             f"{k} classes); got {int(y.max())}")
        label = int(y[index])
        c = label if target is None else check_class(target, k, "target", False)
        p, loss, grad = input_gradient(model, X[index], c)
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
        self._caption_on = bool(caption)
        size, m = with_caption(DIGIT_FIGSIZE, _DIGIT_MARGINS, self._caption_on, CAPTION_H)
        self.figure_ = fig = new_figure(fig, size)
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
        self._bars = ProbabilityBars(ax, k, [str(i) for i in range(k)], value_min=0.01,
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
