"""Chapter 6's softmax explorer: sliders for the logits and the temperature, the
probabilities, the cross-entropy of a chosen class and its gradient
(:class:`nncore.plotting.SoftmaxDisplay`)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import gradcheck as _gradcheck
from .. import losses as _losses
from .._checks import as_vector
from ..plotting import SOFTMAX_FIGSIZE, SoftmaxDisplay
from ..plotting._base import fixed
from ..plotting._softmax import CAPTION_H, check_class, class_labels
from ._base import FigureWidget, in_slider_range, slider
from ._render import BlitRenderer
from ._website import Axis, Grid

__all__ = ["SoftmaxExplorer", "softmax_explorer"]


#: Slider range (low, high, step) of every logit of the softmax explorer.
LOGIT_RANGE = (-10.0, 10.0, 0.1)
#: The temperature slider: T = 10 ** exponent, exponents (low, high, step): 0.1 to 10.
TEMPERATURE_EXPONENTS = (-1.0, 1.0, 0.02)
#: How many logits (classes) the softmax explorer takes: 2 to 6 sliders.
SOFTMAX_CLASSES = (2, 6)
#: Resolution of the softmax explorer's and the digit inspector's pictures
#: (:data:`nncore.plotting.SOFTMAX_FIGSIZE` less its caption at 85 dpi is 697 x 309 px,
#: :data:`nncore.plotting.DIGIT_FIGSIZE` less its caption at 85 dpi 765 x 267 px).
SOFTMAX_DPI = 85

#: The digit inspector's menu entry for "the loss of the image's own label".
TARGET_LABEL = "its label"

_SUBSCRIPTS = "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"


class SoftmaxExplorer(FigureWidget):
    r"""Sliders for the logits and the temperature of a softmax, with the cross-entropy
    of a chosen true class and its gradient.

    Build it with :func:`softmax_explorer`. Every move computes

    .. math::

        \mathbf{p} = \mathrm{softmax}(\mathbf{z}/T), \qquad L = -\log p_y, \qquad
        \frac{\partial L}{\partial \mathbf{z}} = \frac{\mathbf{p} - \mathbf{e}_y}{T}

    (:func:`nncore.activations.softmax`, :func:`nncore.losses.cross_entropy` and
    :func:`~nncore.losses.cross_entropy_grad` on :math:`\mathbf{z}/T`) and moves the
    bars of a :class:`~nncore.plotting.SoftmaxDisplay`: :math:`\mathbf{p}` on the left,
    :math:`\mathbf{p} - \mathbf{e}_y` on the right. The status line writes the numbers
    and checks :math:`\partial L/\partial \mathbf{z}` against central differences
    (:func:`nncore.gradcheck.numerical_gradient`).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"z0"``, ``"z1"``, ... (one FloatSlider per logit, -10 to 10, step 0.1),
        ``"temperature"`` (FloatLogSlider, 0.1 to 10) and ``"true_class"`` (Dropdown of
        the class names, value the class index).
    display : nncore.plotting.SoftmaxDisplay
    grads : dict
        ``"backward"`` (:math:`\partial L/\partial \mathbf{z}` from the formula),
        ``"numerical"`` (central differences) and ``"relative_error"``.
    figure, image, status, output, widget
        As for the other widgets: a plain Figure drawn to PNG into ``image``, the
        status line, an Output showing the errors of callbacks, the whole box.

    Notes
    -----
    Every control only moves the bars (blitting over a saved picture of the axes,
    legends and labels; see ``bench/bench_softmax_widgets.py``). As in the other
    explorers, a change of a slider smaller than half its step from the value in use
    (for the temperature: half a step of :math:`\log_{10} T`) is taken for the browser's
    echo of a value the kernel set, not a move of the reader, and ignored.

    Used in Chapter 6, section "Explore it yourself".
    """

    def __init__(self, logits=(2.0, 1.0, 0.1), temperature=1.0, true_class=0, *,
                 labels=None, dpi=SOFTMAX_DPI):
        z = as_vector(logits, "logits")
        low, high = SOFTMAX_CLASSES
        if not low <= len(z) <= high:
            raise ValueError(f"logits must have {low} to {high} entries (one slider per "
                             f"class); got {len(z)}")
        for i, v in enumerate(z):
            in_slider_range(v, f"logits[{i}]", *LOGIT_RANGE[:2])
        T = in_slider_range(temperature, "temperature", 10.0 ** TEMPERATURE_EXPONENTS[0],
                            10.0 ** TEMPERATURE_EXPONENTS[1])
        k = len(z)
        true_class = check_class(true_class, k, allow_none=False)
        self.labels = class_labels(labels, k)
        self.n_classes = k
        # what the picture in use was computed from (the echo guard compares with these)
        self._state = {f"z{i}": float(v) for i, v in enumerate(z)}
        self._state["temperature"] = T

        # -- the figure: created once, never through pyplot
        width, height = SOFTMAX_FIGSIZE
        self._make_figure((width, height - CAPTION_H), dpi)
        self.display = SoftmaxDisplay(
            logits=z, temperature=T, true_class=true_class,
            labels=self.labels).plot(fig=self.figure, caption=False)
        d = self.display
        self._renderer = BlitRenderer(self.figure, [d.ax_proba_, d.ax_grad_],
                                       d.dynamic_artists(), mode="RGB")

        # -- controls and wiring: every callback reports its errors in self.output
        style, width_ = {"description_width": "80px"}, widgets.Layout(width="330px")
        self.controls = {
            f"z{i}": slider(f"logit z{self._sub(i)}", v, LOGIT_RANGE, readout_format=".1f")
            for i, v in enumerate(z)}
        self.controls["temperature"] = widgets.FloatLogSlider(
            value=T, base=10, min=TEMPERATURE_EXPONENTS[0], max=TEMPERATURE_EXPONENTS[1],
            step=TEMPERATURE_EXPONENTS[2], description="temperature T", readout_format=".3g",
            continuous_update=True, style=style, layout=width_)
        self.controls["true_class"] = widgets.Dropdown(
            options=[(name, i) for i, name in enumerate(self.labels)], value=true_class,
            description="true class y", style=style, layout=width_)
        self._make_layout(list(self.controls.values()), status_height="8.5em")
        capture = self._capture
        self.controls["true_class"].observe(capture(self._on_class), names="value")
        self._watch_sliders([n for n in self.controls if n != "true_class"])
        self.update(full=True)

    @staticmethod
    def _sub(i):
        return "".join(_SUBSCRIPTS[int(c)] for c in str(i))

    # -- callbacks ----------------------------------------------------------------------

    def _on_class(self, change):
        self.update()

    # -- the one redraw path ------------------------------------------------------------

    @property
    def logits(self):
        """The logits in use, shape (n_classes,)."""
        return np.array([self._state[f"z{i}"] for i in range(self.n_classes)])

    @property
    def temperature(self):
        return self._state["temperature"]

    def website_grid(self):
        """On the website: every logit in steps of 2 around the chapter's values, the
        temperatures 0.25, 1 and 4, and every true class."""
        s = self._state
        axes = [Axis(f"z{i}", [round(s[f"z{i}"] + 2.0 * k, 6) for k in range(-2, 3)])
                for i in range(self.n_classes)]
        temps = sorted({s["temperature"], 0.25, 4.0})
        return Grid(axes + [Axis("temperature", temps)],
                    outer=[Axis("true_class", list(range(self.n_classes)))],
                    note="On this page the pictures were drawn in advance: every logit in "
                         "steps of 2, the temperatures 0.25, 1 and 4, every true class. In "
                         "Jupyter (<code>make lab</code>, Binder, Colab) every value works.")

    def update(self, full=False):
        """Compute p, L and the gradient from the values in use, move the bars,
        re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (axes, legends); they never change after the
            first draw.

        Returns
        -------
        self : SoftmaxExplorer
        """
        z, T, y = self.logits, self.temperature, self.controls["true_class"].value
        self.display.update(z, T, y)

        def loss_of_z(v):
            return _losses.cross_entropy(np.asarray(v, dtype=float) / T, y)

        backward = self.display.grad_ / T  # dL/dz = (p - e_y) / T
        numerical = _gradcheck.numerical_gradient(loss_of_z, z)
        self.grads = {"backward": backward, "numerical": numerical,
                      "relative_error": float(_gradcheck.relative_error(numerical,
                                                                        backward))}
        return self._show(full, self._status())

    def _status(self):
        d, y = self.display, self.controls["true_class"].value

        def vec(v, digits=3):
            return "(" + ", ".join(fixed(float(x), digits) for x in v) + ")"

        name = self.labels[y]
        return "<br>".join([
            f"<b>p</b> = softmax(<b>z</b>/T) = {vec(d.p_)}, T = {self.temperature:.3g}",
            f"true class {name}: <b>L</b> = \u2212log p<sub>y</sub> = "
            f"\u2212log {d.p_[y]:.4g} = <b>{d.loss_:.4g}</b>",
            f"\u2202L/\u2202<b>z</b> = (<b>p</b> \u2212 <b>e</b><sub>y</sub>)/T = "
            f"{vec(self.grads['backward'])}; its entries sum to "
            f"{fixed(float(self.grads['backward'].sum()), 3)}",
            f"central differences: relative error {self.grads['relative_error']:.1e}",
        ])


def softmax_explorer(logits=(2.0, 1.0, 0.1), temperature=1.0, true_class=0, *,
                     labels=None):
    r"""Sliders for the logits :math:`\mathbf{z}` and the temperature :math:`T` of a
    softmax, with the cross-entropy of a true class and its gradient.

    Shows :math:`\mathbf{p} = \mathrm{softmax}(\mathbf{z}/T)` as bars, the loss
    :math:`L = -\log p_y` and the gradient :math:`\mathbf{p} - \mathbf{e}_y` (the
    gradient with respect to :math:`\mathbf{z}/T`; divide by :math:`T` for
    :math:`\mathbf{z}`). Add the same number to every logit: nothing changes. Raise
    :math:`T`: the bars flatten; lower it: the largest logit takes everything. As the
    last expression of a notebook cell it displays itself.

    Parameters
    ----------
    logits : sequence of float, default=(2.0, 1.0, 0.1)
        2 to 6 logits (one slider each), from -10 to 10.
    temperature : float, default=1.0
        From 0.1 to 10.
    true_class : int, default=0
        The index of the true class :math:`y`.
    labels : sequence of str, optional
        Class names for the bars and the menu (default "0", "1", ...).

    Returns
    -------
    SoftmaxExplorer

    Examples
    --------
    >>> ex = softmax_explorer()
    >>> ex.controls["z1"].value = 2.0          # what a slider move does: z1 = z0
    >>> heights = [bar.get_height() for bar in ex.display.bars_]
    >>> heights[0] == heights[1], round(sum(heights), 12)
    (True, 1.0)
    >>> ex.grads["relative_error"] < 1e-6
    True

    Used in Chapter 6, section "Explore it yourself".
    """
    return SoftmaxExplorer(logits, temperature, true_class, labels=labels)
