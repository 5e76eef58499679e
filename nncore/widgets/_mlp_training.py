"""Chapter 5's training viewer: an MLP learning 2-D data, one epoch at a time (Play, Step,
Reset, and scrubbing back without training again), with the learning rate, activation,
data set and seed (:class:`nncore.plotting.MLPTrainingDisplay`)."""

from __future__ import annotations

import ipywidgets as widgets

from .. import datasets as _datasets
from .. import mlp as _mlp
from .._checks import as_int
from ..plotting import MLP_TRAINING_FIGSIZE, MLPTrainingDisplay
from ._base import DataMenu, FigureWidget, in_slider_range
from ._render import PanelBlitRenderer
from ._website import Axis, Grid

__all__ = ["MLPTrainingViewer", "mlp_training_viewer"]


#: The data sets of the training viewer's menu (2-D, two classes).
VIEWER_DATASETS = {
    "xor": lambda: _datasets.xor(n=100, seed=0),
    "circles": lambda: _datasets.circles(n=100, seed=0),
    "moons": lambda: _datasets.moons(n=100, seed=0),
    "blobs": lambda: _datasets.blobs(n=100, seed=0),
    "spiral": lambda: _datasets.spiral(n=100, seed=0),
}
#: The training viewer's activations (menu).
VIEWER_ACTIVATIONS = ("tanh", "relu", "sigmoid")
#: The viewer's lr slider: 10 ** exponent, exponents (low, high, step): 0.001 to 10.
VIEWER_LR_EXPONENTS = (-3.0, 1.0, 0.1)
#: Resolution of the viewer's picture (MLP_TRAINING_FIGSIZE at 80 dpi: 720 x 368 px).
VIEWER_DPI = 80
#: Milliseconds between two frames of the viewer's Play button.
VIEWER_PLAY_INTERVAL = 200


class MLPTrainingViewer(FigureWidget):
    r"""Watch an MLP learn a 2-D data set: Play, Pause, Step, Reset; the decision
    regions, the first hidden layer's lines and the loss per epoch.

    Build it with :func:`mlp_training_viewer`. A :class:`nncore.mlp.MLP` (``model``) is
    trained by a :class:`nncore.mlp.Trainer` (``trainer``: mini-batch SGD, the loss
    of the whole training set recorded after each epoch, ``eval_train="full"``)
    only as far as the ``epoch`` slider asks; the parameters after every epoch are
    kept, so moving the slider back shows an earlier epoch without training again.
    The picture is an :class:`~nncore.plotting.MLPTrainingDisplay` of a copy of the
    model loaded with the chosen epoch's parameters.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"play"`` (Play, linked to ``"epoch"`` in the browser), ``"epoch"``
        (IntSlider 0 to ``max_epochs``: the epoch shown; 0 is before training),
        ``"step"`` (Button: ``step_epochs`` more), ``"reset"`` (Button: back to epoch
        0, the initial weights), ``"lr"`` (FloatLogSlider 0.001 to 10), ``"activation"``
        and ``"dataset"`` (Dropdowns) and ``"seed"`` (the initial weights and the
        batches' order). A new lr, activation, data set or seed starts a new run,
        shown at the same epoch.
    link : ipywidgets.Link
        ``jslink((play, "value"), (epoch, "value"))``.
    model : nncore.mlp.MLP
        The model being trained (at the last epoch trained so far).
    trainer : nncore.mlp.Trainer
    history : dict of lists
        ``"epoch"`` 0, 1, ..., ``"train_loss"``, ``"train_acc"``: epoch 0 is the model
        before training (``trainer.evaluate()``), then ``trainer.history_``.
    display : MLPTrainingDisplay
    figure, image, status, output, widget
        As for the other widgets; the status line says the epoch, the loss, the
        accuracy and whether the run diverged.

    Notes
    -----
    A frame (an epoch more) trains one epoch, recomputes the regions on a 100 x 100
    grid and the hidden lines, and redraws only those and the loss curve over a saved
    picture of the rest (blitting): see ``bench/bench_mlp_widgets.py``. On the static
    website the Play button still moves the slider, but nothing trains there: the
    chapter shows :func:`nncore.plotting.animate_mlp_training` instead.

    Used in Chapter 5, section "Solving XOR".
    """

    def __init__(self, X=None, y=None, *, dataset="xor", sizes=(2, 4, 1), activation="tanh",
                 lr=0.3, seed=0, batch_size=32, max_epochs=300, step_epochs=5,
                 dpi=VIEWER_DPI, grid=100):
        if activation not in VIEWER_ACTIVATIONS:
            raise ValueError(f"activation must be one of {VIEWER_ACTIVATIONS}; got "
                             f"{activation!r}")
        lr = in_slider_range(lr, "lr", 10.0 ** VIEWER_LR_EXPONENTS[0],
                             10.0 ** VIEWER_LR_EXPONENTS[1], "the lr slider")
        seed = as_int(seed, "seed", minimum=0)
        self.sizes = tuple(_mlp.MLP(sizes, activation=activation).sizes)  # checks sizes
        if self.sizes[0] != 2 or self.sizes[-1] not in (1, 2):
            raise ValueError(f"sizes must start with 2 (the viewer draws 2-D data) and end "
                             f"with 1 (one logit, binary cross-entropy) or 2 (two logits, "
                             f"cross-entropy) for its two classes; got sizes "
                             f"{list(self.sizes)}")
        self.batch_size = as_int(batch_size, "batch_size", minimum=1)
        self.max_epochs = as_int(max_epochs, "max_epochs", minimum=1)
        self.step_epochs = as_int(step_epochs, "step_epochs", minimum=1)
        self._data = DataMenu(VIEWER_DATASETS, X, y, dataset)
        self._state = {"lr": lr}

        # -- controls ------------------------------------------------------------------
        style, width = {"description_width": "80px"}, widgets.Layout(width="330px")
        self.controls = {
            "play": widgets.Play(value=0, min=0, max=self.max_epochs, step=self.step_epochs,
                                 interval=VIEWER_PLAY_INTERVAL, show_repeat=False,
                                 tooltip="train, a few epochs a frame",
                                 layout=widgets.Layout(width="120px", margin="0 0 0 88px")),
            "epoch": widgets.IntSlider(value=0, min=0, max=self.max_epochs,
                                       description="epoch", continuous_update=True,
                                       style=style, layout=width),
            "step": widgets.Button(description=f"step +{self.step_epochs}",
                                   tooltip=f"train {self.step_epochs} more epochs",
                                   layout=widgets.Layout(width="100px", margin="0 0 0 88px")),
            "reset": widgets.Button(description="reset", tooltip="back to epoch 0: the "
                                    "initial weights", layout=widgets.Layout(width="100px")),
            "lr": widgets.FloatLogSlider(value=lr, base=10, min=VIEWER_LR_EXPONENTS[0],
                                         max=VIEWER_LR_EXPONENTS[1],
                                         step=VIEWER_LR_EXPONENTS[2], description="lr",
                                         readout_format=".3g", continuous_update=False,
                                         style=style, layout=width),
            "activation": widgets.Dropdown(options=list(VIEWER_ACTIVATIONS), value=activation,
                                           description="activation", style=style,
                                           layout=width),
            "dataset": self._data.dropdown(),
            "seed": widgets.BoundedIntText(value=seed, min=0, max=10 ** 6, description="seed",
                                           style=style, layout=widgets.Layout(width="200px")),
        }
        c = self.controls

        # -- the run and the figure ----------------------------------------------------
        self._new_run()
        self._make_figure(MLP_TRAINING_FIGSIZE, dpi)
        X0, y0 = self._data[self._data.initial]
        self.display = MLPTrainingDisplay(model=self._view, X=X0, y=y0, history=self.history,
                                          max_epochs=self.max_epochs, grid=grid).plot(
            fig=self.figure, caption=False)  # the status line says the epoch and loss
        for spine in self.display.ax_regions_.spines.values():
            # one whole pixel wide: painted again over the moving image (blitting), a
            # frame of partly covered pixels would come out darker than in a full draw
            spine.set_linewidth(72.0 / dpi)
        self._make_renderer()
        self.link = widgets.jslink((c["play"], "value"), (c["epoch"], "value"))
        buttons = widgets.HBox([c["step"], c["reset"]])
        self._make_layout([c["play"], c["epoch"], buttons, c["lr"], c["activation"],
                           c["dataset"], c["seed"]], status_height="6em")

        # -- wiring: every callback reports its errors in self.output ------------------
        capture = self._capture
        c["epoch"].observe(capture(self._on_step), names="value")
        self._watch_sliders(["lr"], "rerun")
        for name in ("activation", "dataset", "seed"):
            c[name].observe(capture(self._on_rerun), names="value")
        c["step"].on_click(capture(lambda button: self.step()))
        c["reset"].on_click(capture(lambda button: self.reset()))
        self.update(full=True)

    # -- the run ------------------------------------------------------------------------

    def _new_run(self):
        """A new model and trainer from the controls; epoch 0 recorded."""
        c = self.controls
        X, y = self._data[c["dataset"].value]
        seed = int(c["seed"].value)
        self.model = _mlp.MLP(list(self.sizes), activation=c["activation"].value, seed=seed)
        self.trainer = _mlp.Trainer(self.model, X, y, lr=self._state["lr"],
                                    batch_size=self.batch_size, seed=seed, eval_train="full")
        start = self.trainer.evaluate()
        self.history = {"epoch": [0], "train_loss": [start["loss"]],
                        "train_acc": [start["acc"]]}
        self._snapshots = [self.model.get_flat()]
        self._view = self.model.copy()
        self.X, self.y = X, y

    def _train_to(self, epoch):
        """Train (one epoch at a time, keeping each epoch's parameters) until ``epoch``
        or a divergence; returns the epoch that can be shown."""
        t = self.trainer
        while t.epoch < epoch and not t.diverged:
            t.run_epoch()
            if t.diverged:
                break
            self._snapshots.append(self.model.get_flat())
            h = t.history_
            self.history["epoch"].append(h["epoch"][-1])
            self.history["train_loss"].append(h["train_loss"][-1])
            self.history["train_acc"].append(h["train_acc"][-1])
        return min(epoch, len(self._snapshots) - 1)

    def _make_renderer(self):
        d = self.display
        axes = [d.ax_regions_, d.ax_loss_]
        self._renderer = PanelBlitRenderer(self.figure, axes, d.dynamic_artists(),
                                            mode="RGB", overlays=d.overlay_artists())

    def rerun(self):
        """Start a new run from the controls (lr, activation, data set, seed) and show
        it at the epoch the slider says (training that far).

        Returns
        -------
        self : MLPTrainingViewer
        """
        old_X = self.X
        self._new_run()
        if self.X is not old_X:
            self.display.set_data(self.X, self.y)
        self.display.reset_loss_view()  # the axes of the run before would depend on it
        return self.update(full=True)

    def step(self):
        """Show ``step_epochs`` more epochs (training them if needed).

        Returns
        -------
        self : MLPTrainingViewer
        """
        e = self.controls["epoch"]
        e.value = min(e.value + self.step_epochs, e.max)  # the observer updates
        return self

    def reset(self):
        """Back to epoch 0 (the initial weights) of this run.

        Returns
        -------
        self : MLPTrainingViewer
        """
        c = self.controls
        if c["epoch"].value == 0:
            return self.update()
        self._quiet = True
        try:
            c["play"].value = 0
            c["epoch"].value = 0
        finally:
            self._quiet = False
        return self.update()

    # -- callbacks ----------------------------------------------------------------------

    def website_grid(self):
        """On the website: every data set and activation, every five epochs (what Play
        shows); the learning rate and the seed need Jupyter."""
        e = self.controls["epoch"]
        return Grid([Axis("epoch", list(range(e.min, e.max + 1, self.step_epochs)),
                          play=True)],
                    outer=[Axis("dataset", self._data.names),
                           Axis("activation", list(VIEWER_ACTIVATIONS))],
                    note=f"On this page the pictures were drawn in advance: every data set "
                         f"and activation at lr = {self._state['lr']:g}, every "
                         f"{self.step_epochs} epochs. The learning rate and the seed need "
                         f"Jupyter (<code>make lab</code>, Binder, Colab).")

    # -- the one redraw path ------------------------------------------------------------

    def update(self, full=False):
        """Train as far as the epoch slider says (if not yet), show that epoch,
        re-render the PNG and the status line.

        Parameters
        ----------
        full : bool, default=False
            Redraw the static parts too (ticks, legend); done anyway when the loss
            axis had to widen.

        Returns
        -------
        self : MLPTrainingViewer
        """
        wanted = self.controls["epoch"].value
        shown = self._train_to(wanted)
        self._view.set_flat(self._snapshots[shown])
        self.display.update(self._view, history=self.history, epoch=shown)
        return self._show(full or self.display.view_changed_,
                          self._status(wanted, shown))

    def _status(self, wanted, shown):
        h = self.history
        lines = [f"<b>epoch {shown}</b> of {self.max_epochs}: training loss "
                 f"{h['train_loss'][shown]:.4g}, accuracy {100 * h['train_acc'][shown]:.0f}%"]
        if self.trainer.diverged and wanted > shown:
            lines.append(f"<b>diverged in epoch {shown + 1}</b>: the loss is no longer "
                         "finite; lower lr")
        t = self.trainer
        lines.append(f"sizes {list(self.sizes)}, {self.controls['activation'].value}, "
                     f"{self.model.n_params} parameters; lr = {t.lr:.3g}, batches of "
                     f"{t.batch_size} ({t.batches_per_epoch} steps an epoch)")
        return "<br>".join(lines)


def mlp_training_viewer(X=None, y=None, *, dataset="xor", sizes=(2, 4, 1), activation="tanh",
                        lr=0.3, seed=0, batch_size=32, max_epochs=300):
    r"""Train a small MLP on 2-D data and watch it learn: decision regions, the hidden
    units' lines and the loss, epoch by epoch.

    Press play (or step, or drag the epoch slider) to train; the network's decision
    regions (:math:`P(\text{class } 1)`), its first hidden layer's lines
    :math:`\mathbf{w}_j\cdot\mathbf{x} + b_j = 0` and the loss per epoch follow.
    Change lr, the activation, the data set or the seed for a new run. As the last
    expression of a notebook cell it displays itself.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2), optional
        Your own points ("your data" in the menu).
    y : array-like of shape (n_samples,), optional
        Their labels in {0, 1}; required with ``X``.
    dataset : {"xor", "circles", "moons", "blobs", "spiral"}, default="xor"
        100 points of :mod:`nncore.datasets` (``seed=0``).
    sizes : tuple of int, default=(2, 4, 1)
        The layers (:class:`nncore.mlp.MLP`); 2 inputs; 1 output (binary
        cross-entropy) or one per class (cross-entropy).
    activation : {"tanh", "relu", "sigmoid"}, default="tanh"
    lr : float, default=0.3
        0.001 to 10.
    seed : int, default=0
        The initial weights and the order of the batches.
    batch_size : int, default=32
    max_epochs : int, default=300
        The range of the epoch slider.

    Returns
    -------
    MLPTrainingViewer

    Examples
    --------
    >>> v = mlp_training_viewer(dataset="xor")
    >>> v.controls["epoch"].value = 100        # what Play does, frame after frame
    >>> v.trainer.epoch, v.history["train_acc"][100]
    (100, 1.0)

    Used in Chapter 5, section "Solving XOR".
    """
    return MLPTrainingViewer(X, y, dataset=dataset, sizes=sizes, activation=activation,
                             lr=lr, seed=seed, batch_size=batch_size, max_epochs=max_epochs)
