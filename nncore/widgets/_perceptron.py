"""Chapter 2's perceptron stepper: Rosenblatt's rule one update at a time (a step slider
and Play), with the learning rate and the data set, over a
:class:`nncore.plotting.PerceptronStepDisplay`."""

from __future__ import annotations

import math

import ipywidgets as widgets

from .. import datasets as _datasets
from .._checks import as_int
from ..perceptron import Perceptron
from ..plotting import STEP_FIGSIZE, PerceptronStepDisplay
from ..plotting._base import display_axes, fixed
from ..plotting._style import STEP_MARGINS, STEP_MARGINS_SHORT
from ._base import DataMenu, FigureWidget
from ._render import DPI, BlitRenderer
from ._website import Axis, Grid

__all__ = ["PerceptronStepper", "perceptron_stepper"]


#: The data sets of the stepper's menu (their loaders take no argument).
STEPPER_DATASETS = {
    "blobs": _datasets.blobs,
    "iris (setosa vs versicolor)": _datasets.iris,
    "xor": lambda: _datasets.xor(n=100, seed=0),
}
#: The lr slider: 10 ** exponent, exponents (low, high, step): lr from 0.01 to 10.
LR_EXPONENTS = (-2.0, 1.0, 0.1)
#: Figure size (inches) of the stepper: :data:`nncore.plotting.STEP_FIGSIZE` less the
#: three caption lines that its status line shows instead (450 x 585 px at 90 dpi).
STEPPER_FIGSIZE = (STEP_FIGSIZE[0], STEP_FIGSIZE[1] - (STEP_MARGINS["top"]
                                                       - STEP_MARGINS_SHORT["top"]))
#: Milliseconds between two frames of the Play button, and the most frames a full
#: run takes (a longer history is played in steps of several updates).
PLAY_INTERVAL = 300
PLAY_FRAMES = 200


class PerceptronStepper(FigureWidget):
    r"""Step through a perceptron's training, one update of the learning rule at a time.

    Build it with :func:`perceptron_stepper`. A :class:`~nncore.perceptron.Perceptron`
    is trained once (``model``); the ``step`` slider (and the Play button linked to it)
    then shows update :math:`k` of its history in a
    :class:`~nncore.plotting.PerceptronStepDisplay`:

    .. math::

        \mathbf{w} \leftarrow \mathbf{w} + \mathrm{lr}\,(y - \hat{y})\,\mathbf{x},
        \qquad b \leftarrow b + \mathrm{lr}\,(y - \hat{y}).

    Changing ``lr`` or the data set trains a new model and keeps the step where it was
    (or at the new last update, if there are fewer).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"step"`` (IntSlider, 0 = before training, to ``model.n_updates_``),
        ``"play"`` (Play, linked to ``"step"`` in the browser, so it also moves on the
        static site), ``"lr"`` (FloatLogSlider, 0.01 to 10) and ``"dataset"``
        (Dropdown: "blobs", "iris (setosa vs versicolor)", "xor", and "your data"
        first when ``X, y`` were given).
    link : ipywidgets.Link
        ``jslink((play, "value"), (step, "value"))``.
    model : Perceptron
        The fitted model whose ``history_`` is shown.
    display : PerceptronStepDisplay
    figure : matplotlib.figure.Figure
        Not a pyplot figure: the notebook shows it only through ``image``.
    image : ipywidgets.Image
        The figure as PNG, redrawn on every change.
    status : ipywidgets.HTML
        "update k of K · epoch e · sample i · mistakes so far this epoch m"; w, b and
        "n of N points on the wrong side"; lr and whether training converged (in how
        many epochs) or did not converge in ``max_epochs`` epochs. The figure leaves
        these out (``caption="short"`` of :meth:`PerceptronStepDisplay.plot`): its
        caption says the rule as applied and the arrows' scale.
    output : ipywidgets.Output
        Errors raised in a callback are shown here instead of being lost.
    widget : ipywidgets.VBox
        The whole thing; the stepper displays as this box.

    Notes
    -----
    Moving ``step`` only calls ``display.update`` and redraws the moving artists
    (blitting) before encoding the PNG: see ``bench/bench_stepper.py``. ``lr`` and
    the data set refit the model, and redraw everything.

    Only the controls a reader moves drive the state. The lr slider moves in steps of
    0.1 in :math:`\log_{10}` lr; in a live notebook the browser snaps a value the
    kernel set (``lr=0.5`` is shown as 0.501) and sends it back as if the reader had
    moved it, so a change of less than half a step from the model's lr is taken for
    that echo and ignored.

    Used in Chapter 2, section "Step through training yourself".
    """

    def __init__(self, X=None, y=None, *, dataset="blobs", lr=1.0, max_epochs=50, seed=None,
                 dpi=DPI, resolution=150):
        # Perceptron checks lr, max_epochs and seed (with their names in the message)
        Perceptron(lr=lr, max_epochs=max_epochs, seed=seed)
        low, high = 10.0 ** LR_EXPONENTS[0], 10.0 ** LR_EXPONENTS[1]
        if not low <= float(lr) <= high:
            raise ValueError(f"lr must be from {low:g} to {high:g} (the range of the lr "
                             f"slider); got {lr}")
        self._state = {"lr": float(lr)}
        self.max_epochs, self.seed = as_int(max_epochs, "max_epochs"), seed
        self._data = DataMenu(STEPPER_DATASETS, X, y, dataset)

        # -- the model and the figure ------------------------------------------------
        X0, y0 = self._data[self._data.initial]
        self.model = self._fit(X0, y0)
        self._make_figure(STEPPER_FIGSIZE, dpi)
        self.display = PerceptronStepDisplay(X=X0, y=y0, **self._run()).plot(
            ax=display_axes(self.figure, **STEP_MARGINS_SHORT), resolution=resolution,
            caption="short")  # the update, w, b, the counts: in the status line
        # the half-space image is drawn from its data, without resampling each frame
        self._renderer = BlitRenderer(self.figure, self.display.ax_,
                                       self.display.dynamic_artists(), mode="RGB",
                                       pasted=[self.display.hyperplane_.regions_])

        # -- controls ------------------------------------------------------------------
        n = self.model.n_updates_
        style, width = {"description_width": "80px"}, widgets.Layout(width="330px")
        self.controls = {
            "play": widgets.Play(value=0, min=0, max=n, step=self._play_step(n),
                                 interval=PLAY_INTERVAL, show_repeat=False,
                                 tooltip="play the updates",
                                 layout=widgets.Layout(width="120px", margin="0 0 0 88px")),
            "step": widgets.IntSlider(value=0, min=0, max=n, description="update",
                                      continuous_update=True, style=style, layout=width),
            "lr": widgets.FloatLogSlider(value=self.lr, base=10, min=LR_EXPONENTS[0],
                                         max=LR_EXPONENTS[1], step=LR_EXPONENTS[2],
                                         description="lr", readout_format=".3g",
                                         continuous_update=False, style=style,
                                         layout=width),
            "dataset": self._data.dropdown(),
        }
        c = self.controls
        self.link = widgets.jslink((c["play"], "value"), (c["step"], "value"))
        self._make_layout([c["play"], c["step"], c["lr"], c["dataset"]],
                          status_height="8em")

        # -- wiring: every callback reports its errors in self.output ------------------
        capture = self._capture
        c["step"].observe(capture(self._on_step), names="value")
        self._watch_sliders(["lr"], "refit")
        c["dataset"].observe(capture(self._on_dataset), names="value")
        self.update(full=True)

    # -- the model ----------------------------------------------------------------------

    @property
    def lr(self):
        """The learning rate of the run shown (the lr slider's value)."""
        return self._state["lr"]

    def _fit(self, X, y):
        return Perceptron(lr=self.lr, max_epochs=self.max_epochs, seed=self.seed).fit(X, y)

    def _run(self):
        """The fitted run, as the display takes it."""
        m = self.model
        return dict(history=m.history_, initial_w=getattr(m, "initial_w_", None),
                    initial_b=getattr(m, "initial_b_", 0.0))

    @staticmethod
    def _play_step(n_updates):
        return max(1, math.ceil(n_updates / PLAY_FRAMES))

    def refit(self):
        """Train a new model on the chosen data with the current lr, show it at the
        same step (or its last, if it has fewer updates) and redraw everything.

        Returns
        -------
        self : PerceptronStepper
        """
        X, y = self._data[self.controls["dataset"].value]
        self.model = self._fit(X, y)
        self.display.set_data(X, y, **self._run())
        n = self.model.n_updates_
        step, play = self.controls["step"], self.controls["play"]
        k = min(step.value, n)
        self._quiet = True  # the slider's own observer must not redraw half-way
        try:
            with step.hold_sync(), play.hold_sync():
                for slider in (step, play):
                    if n >= slider.max:
                        slider.max = n
                        slider.value = k
                    else:
                        slider.value = k
                        slider.max = n
                play.step = self._play_step(n)
        finally:
            self._quiet = False
        return self.update(full=True)

    # -- callbacks -----------------------------------------------------------------------

    def _on_step(self, change):
        if not self._quiet:
            self.update()

    def _on_dataset(self, change):
        self.refit()

    def website_grid(self):
        """On the website: every data set, lr 0.1, 1 and 10 (the path is the same for
        every lr from w = 0, only the scale changes), and every update of each run (on a
        run of more than 200 updates, every k-th, the updates Play shows)."""
        def updates(widget):
            n = widget.controls["step"].max
            return list(range(0, n + 1, self._play_step(n)))
        return Grid([Axis("step", updates, play=True)],
                    outer=[Axis("dataset", self._data.names), Axis("lr", [0.1, 1.0, 10.0])],
                    note="On this page the pictures were drawn in advance: every data set, "
                         "the learning rates 0.1, 1 and 10, and every update of each run "
                         "(on xor's 4184, every 21st, as Play steps). In Jupyter "
                         "(<code>make lab</code>, Binder, Colab) every learning rate works.")

    # -- the one redraw path -----------------------------------------------------------

    def update(self, full=False):
        """Show the step the slider says, re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (ticks, legend); needed only when they changed
            (a new data set, a new view).

        Returns
        -------
        self : PerceptronStepper
        """
        k = self.controls["step"].value
        self.display.update(k)
        self._render(full)
        self.status.value = self._status(k)
        return self

    def _status(self, k):
        m, d = self.model, self.display
        n = m.n_updates_
        if m.converged_:
            outcome = (f"converged: epoch {m.n_epochs_ - 1} made no mistake "
                       f"({n} updates in {m.n_epochs_} epochs)")
        else:
            outcome = (f"<b>did not converge</b> in max_epochs = {self.max_epochs} epochs "
                       f"({n} updates)")
        hp = d.hyperplane_
        w, b = hp.w, hp.b
        wrong = f"{hp.n_wrong_} of {len(hp.X)} points on the wrong side"
        if k == 0:
            where = f"<b>before training</b> (update 0 of {n})"
        else:
            r = m.history_[k - 1]
            where = (f"<b>update {k} of {n}</b> · epoch {r['epoch']} · sample {r['index']}"
                     f" · mistakes so far this epoch {r['errors']}")
        digits = max(2, 2 - math.floor(math.log10(self.lr)))  # lr = 0.01: 4 decimals
        return (f"{where}<br><b>w</b> = ({fixed(w[0], digits)}, {fixed(w[1], digits)}), "
                f"&nbsp; <b>b</b> = {fixed(b, digits)}: {wrong}"
                f"<br>lr = {self.lr:.3g}: {outcome}")


def perceptron_stepper(X=None, y=None, *, dataset="blobs", lr=1.0, max_epochs=50, seed=None):
    r"""Step through Rosenblatt's learning rule, update by update, on 2-D data.

    Trains a :class:`~nncore.perceptron.Perceptron` and shows update :math:`k` of its
    history: the sample corrected, :math:`\mathbf{w}` before and after, the correction
    :math:`\mathrm{lr}\,(y - \hat{y})\,\mathbf{x}` and the new boundary. Drag the
    ``update`` slider or press play; change ``lr`` or the data set to train again. As
    the last expression of a notebook cell it displays itself.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2), optional
        Your own points; they override ``dataset`` ("your data" in the menu).
    y : array-like of shape (n_samples,), optional
        Their labels in {0, 1}; required with ``X``.
    dataset : {"blobs", "iris (setosa vs versicolor)", "xor"}, default="blobs"
        blobs: :func:`nncore.datasets.blobs` (defaults); iris:
        :func:`nncore.datasets.iris` (petal length, sepal width); xor:
        ``nncore.datasets.xor(n=100, seed=0)``, on which training never converges.
    lr : float, default=1.0
        Learning rate, from 0.01 to 10 (the slider's range).
    max_epochs : int, default=50
        Training stops after this many epochs if it has not converged; the slider
        offers every update of those epochs.
    seed : None or int, default=None
        None visits the samples in index order; an int shuffles them every epoch.

    Returns
    -------
    PerceptronStepper

    Examples
    --------
    >>> st = perceptron_stepper(dataset="xor", max_epochs=5)
    >>> st.controls["step"].max == st.model.n_updates_, st.model.converged_
    (True, False)
    >>> st.controls["step"].value = 3          # what a slider move does
    >>> st.display.step_, "did not converge" in st.status.value
    (3, True)

    Used in Chapter 2, section "Step through training yourself".
    """
    return PerceptronStepper(X, y, dataset=dataset, lr=lr, max_epochs=max_epochs, seed=seed)
