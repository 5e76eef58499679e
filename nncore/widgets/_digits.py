"""Chapter 6's digit inspector: one test digit at a time, the classifier's probabilities
and the gradient of its loss with respect to the pixels, with a jump to the next mistake
(:class:`nncore.plotting.DigitDisplay`)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._checks import as_int, as_labels, as_matrix
from ..mlp import input_gradient
from ..plotting import DIGIT_FIGSIZE, DigitDisplay
from ..plotting._digits import check_model, check_shape
from ..plotting._softmax import CAPTION_H
from ._base import FigureWidget
from ._render import BlitRenderer
from ._softmax import TARGET_LABEL
from ._website import Axis, Grid

__all__ = ["DigitInspector", "digit_inspector"]


DIGIT_DPI = 85


class DigitInspector(FigureWidget):
    r"""Pick an image; see its pixels, what the network predicts and the gradient of
    the loss with respect to every pixel.

    Build it with :func:`digit_inspector`. For image :math:`i` the model runs forward
    and backward once:

    .. math::

        \mathbf{p} = \mathrm{softmax}(f(\mathbf{x}_i)), \qquad L = -\log p_c, \qquad
        \frac{\partial L}{\partial \mathbf{x}_i} = \Delta^{(1)} W^{(1)}

    (``MLP.forward``, :func:`nncore.losses.cross_entropy_grad`, ``MLP.backward``, whose
    ``dX_`` is :math:`\Delta^{(1)} W^{(1)}`), with :math:`c` the image's label or a class the
    reader picks. A :class:`~nncore.plotting.DigitDisplay` shows the pixels, the bars
    of :math:`\mathbf{p}` and the gradient as an image scaled to :math:`\pm 1` (red:
    more ink there raises :math:`L`; blue: it lowers it).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"index"`` (IntSlider over the images), ``"target"`` (Dropdown: "its label",
        then every class: whose loss is differentiated) and ``"next_wrong"`` (Button:
        go to the next misclassified image).
    model : nncore.mlp.MLP
        Used as it is at each move (not copied): train it further and move the slider
        to see the new network. Each move calls its ``forward`` and ``backward``.
    X, y : ndarray
        The images (n, h*w) and their labels.
    display : nncore.plotting.DigitDisplay
    figure, image, status, output, widget
        As for the other widgets.

    Notes
    -----
    A move of the slider or the menu runs one sample through the network and moves
    only the artists (two 8 x 8 images, the bars, their values): see
    ``bench/bench_softmax_widgets.py``. The index slider takes integers, which the
    browser never snaps, so it needs no echo guard.

    Used in Chapter 6, section "Explore it yourself".
    """

    def __init__(self, model, X, y, index=0, *, shape=(8, 8), dpi=DIGIT_DPI):
        self.X = as_matrix(X, "X")
        k = check_model(model, self.X.shape[1])
        self.y = as_labels(y, "y", n=len(self.X), binary=False)
        if self.y.max() >= k:
            raise ValueError(f"y must hold labels from 0 to {k - 1} (the model's {k} "
                             f"classes); got {int(self.y.max())}")
        h, w = check_shape(shape)
        if h * w != self.X.shape[1]:
            raise ValueError(f"shape {h} x {w} = {h * w} pixels does not match X's "
                             f"{self.X.shape[1]} features")
        index = as_int(index, "index", minimum=0)
        if index >= len(self.X):
            raise ValueError(f"index must be from 0 to {len(self.X) - 1} (a row of X); "
                             f"got {index}")
        self.model, self.shape, self.n_classes = model, (h, w), k

        # -- the display, from the first image
        width, height = DIGIT_FIGSIZE
        self._make_figure((width, height - CAPTION_H), dpi)
        self.display = DigitDisplay.from_model(
            model, self.X, self.y, index, shape=self.shape).plot(fig=self.figure,
                                                                 caption=False)
        d = self.display
        # the axes whose static lines could lie on top of a moving artist: none of the
        # bars' (grid and spines are under the bars), none of the images' (frames under)
        self._renderer = BlitRenderer(self.figure, [d.ax_image_, d.ax_grad_],
                                       d.dynamic_artists(), mode="RGB")

        # -- controls and wiring: every callback reports its errors in self.output
        style, width_ = {"description_width": "80px"}, widgets.Layout(width="330px")
        self.controls = {
            "index": widgets.IntSlider(value=index, min=0, max=len(self.X) - 1,
                                       description="image", continuous_update=True,
                                       style=style, layout=width_),
            "target": widgets.Dropdown(
                options=[(TARGET_LABEL, -1)] + [(f"class {c}", c) for c in range(k)],
                value=-1, description="loss of", style=style, layout=width_),
            "next_wrong": widgets.Button(description="next misclassified",
                                         tooltip="go to the next image the network gets "
                                                 "wrong",
                                         layout=widgets.Layout(width="160px",
                                                               margin="0 0 0 88px")),
        }
        c = self.controls
        self._make_layout([c["index"], c["target"], c["next_wrong"]], status_height="8em")
        capture = self._capture
        c["index"].observe(capture(self._on_change), names="value")
        c["target"].observe(capture(self._on_change), names="value")
        c["next_wrong"].on_click(capture(self._on_next_wrong))
        self.update(full=True)

    # -- callbacks ----------------------------------------------------------------------

    def _on_change(self, change):
        self.update()

    def _on_next_wrong(self, button=None):
        self.next_misclassified()

    def misclassified(self):
        """Indices of the images the model (as it is now) gets wrong.

        Returns
        -------
        ndarray of int
        """
        return np.flatnonzero(self.model.predict(self.X) != self.y)

    def next_misclassified(self):
        """Move the slider to the next misclassified image after the one shown (around
        to the first); the status line says so if there is none.

        Returns
        -------
        self : DigitInspector
        """
        wrong = self.misclassified()
        if len(wrong) == 0:
            self.status.value = self._status(note="<b>no misclassified image</b>: the "
                                                  "network gets every one right")
            return self
        i = self.controls["index"].value
        later = wrong[wrong > i]
        self.controls["index"].value = int(later[0] if len(later) else wrong[0])
        return self

    # -- the one redraw path ------------------------------------------------------------

    @property
    def index(self):
        return self.controls["index"].value

    @property
    def target(self):
        """The class whose loss is differentiated: the label, or the menu's class."""
        chosen = self.controls["target"].value
        return int(self.y[self.index]) if chosen < 0 else int(chosen)

    def website_grid(self):
        """On the website: every misclassified test image and every 15th of the others,
        each with every target."""
        wrong = set(self.misclassified().tolist())
        shown = sorted(wrong | set(range(0, len(self.X), 15)) | {self.index})
        targets = [v for _, v in self.controls["target"].options]
        return Grid([Axis("index", shown), Axis("target", targets)],
                    note=f"On this page the pictures were drawn in advance: the "
                         f"{len(wrong)} misclassified test images and every 15th of the "
                         f"others ({len(shown)} in all), each with every target. In Jupyter "
                         f"(<code>make lab</code>, Binder, Colab) every image works.")

    def update(self, full=False):
        """Run the image the slider says through the model (forward, loss, backward),
        move the display's artists, re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (titles, ticks, the colour bar).

        Returns
        -------
        self : DigitInspector
        """
        i, c = self.index, self.target
        p, loss, grad = input_gradient(self.model, self.X[i], c)
        self.display.update(image=self.X[i], proba=p, input_grad=grad,
                            label=int(self.y[i]), target=c, loss=loss, index=i)
        return self._show(full, self._status())

    def _status(self, note=None):
        d, i = self.display, self.index
        k = d.predicted_
        verdict = "right" if k == d.label else "<b>wrong</b>"
        lines = [
            f"<b>image {i}</b> of {len(self.X)}: label {d.label}, predicted {k} "
            f"(p = {d.proba[k]:.3f}): {verdict}",
            f"loss of class {d.target}: <b>L</b> = \u2212log p<sub>{d.target}</sub> = "
            f"{d.loss:.4g}",
            f"largest |\u2202L/\u2202x<sub>i</sub>| = {d.scale_:.3g} (the colour scale's "
            f"\u00b11); red: more ink raises L",
        ]
        if note:
            lines.append(note)
        return "<br>".join(lines)


def digit_inspector(model, X, y, index=0, *, shape=(8, 8)):
    r"""A slider over images (e.g. the test digits): the pixels, the network's
    probabilities and the gradient of the loss with respect to the pixels.

    The gradient :math:`\partial L/\partial \mathbf{x}` is what backpropagation gives
    one step past the first layer (``MLP.backward`` leaves it in ``dX_``): it says which
    pixels, inked a little more, would raise the loss (red) or lower it (blue). Pick
    another class in the menu to see which pixels would make the image look more like
    it (blue for that class's loss). As the last expression of a notebook cell it
    displays itself.

    Parameters
    ----------
    model : nncore.mlp.MLP
        A classifier with ``sizes[0] == h*w`` inputs and ``sizes[-1] >= 2`` logits.
    X : array-like of shape (n, h*w)
        The images, as the model takes them (e.g. the digits divided by 16).
    y : array-like of int, shape (n,)
        Their labels.
    index : int, default=0
        The image shown first.
    shape : (int, int), default=(8, 8)

    Returns
    -------
    DigitInspector

    Examples
    --------
    >>> import numpy as np
    >>> from nncore.mlp import MLP
    >>> X = np.eye(4)[:, :4].repeat(16, axis=1)  # 4 toy "images" of 8 x 8 pixels
    >>> net = MLP([64, 3], seed=0)
    >>> ins = digit_inspector(net, X, [0, 1, 2, 0])
    >>> ins.controls["index"].value = 2        # what a slider move does
    >>> ins.display.label, ins.display.input_grad.shape
    (2, (64,))

    Used in Chapter 6, section "Explore it yourself".
    """
    return DigitInspector(model, X, y, index, shape=shape)
