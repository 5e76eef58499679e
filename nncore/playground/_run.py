"""A Playground run without a picture (numpy only): :class:`PlaygroundRun` holds the data,
the features, the model and its :class:`nncore.mlp.Trainer`, and is what the widget and
the recording share; :func:`run_playground` trains one headless (the chapter's
experiments, the tests)."""

from __future__ import annotations

import numpy as np

from .. import features as _features
from .. import losses as _losses
from .._checks import is_int
from ..mlp import MLP, Trainer
from ._config import grid_points, network_maps, playground_data, validate_config

__all__ = ["PlaygroundRun", "run_playground"]


class PlaygroundRun:
    r"""A Playground configuration's data, features, network, trainer and loss history,
    without any drawing: what the widget trains and what :func:`run_playground` returns.

    A run is a handful of calls from earlier chapters: :func:`playground_data` draws the
    points, :func:`nncore.features.make_features` computes the inputs $\Phi$ (a first
    layer that does not learn), :class:`nncore.mlp.MLP` is the network
    ``[len(features), *hidden, 1]`` and :class:`nncore.mlp.Trainer` runs mini-batch
    gradient descent on the binary cross-entropy (classification) or the mean squared
    error (regression), plus the configuration's L1 or L2 penalty.

    Derived in Chapter 7, section "Every control is a formula you have met".

    Parameters
    ----------
    config : dict or None
        A configuration (see :data:`DEFAULT_CONFIG`); missing keys get their defaults.
    eval_train : {"running", "full"}, default "running"
        Passed to the :class:`~nncore.mlp.Trainer`: whether its ``history_`` records
        the mean of an epoch's batch losses or the loss on the whole training set.

    Attributes
    ----------
    cfg : dict
    X_train, y_train, X_test, y_test : ndarray
    Phi_train, Phi_test, Phi_grid : ndarray
        The features of the points and of the 100 x 100 grid.
    model : nncore.mlp.MLP
    trainer : nncore.mlp.Trainer
    history : dict of lists
        ``epoch``, ``train_loss``, ``test_loss`` (and ``train_acc``, ``test_acc`` for
        classification), from epoch 0; the losses are the data losses, without the
        penalty: the Playground's curves.
    """

    def __init__(self, config=None, *, eval_train="running"):
        if eval_train not in ("running", "full"):
            raise ValueError(f"eval_train must be 'running' or 'full'; got {eval_train!r}")
        self.cfg = validate_config(config)
        self.eval_train = eval_train
        self.new_data()

    def new_data(self):
        cfg = self.cfg
        self.X_train, self.y_train, self.X_test, self.y_test = playground_data(cfg)
        self.new_model()

    def new_model(self):
        cfg = self.cfg
        names = cfg["features"]
        self.grid = grid_points()
        self.Phi_grid = _features.make_features(self.grid, names)
        self.Phi_train = _features.make_features(self.X_train, names)
        self.Phi_test = _features.make_features(self.X_test, names)
        sizes = [len(names), *cfg["hidden"], 1]
        self.model = MLP(sizes, cfg["activation"], seed=cfg["seed"], init=cfg["init"])
        classification = cfg["problem"] == "classification"
        self.loss = "binary_cross_entropy" if classification else "mse"
        self.trainer = Trainer(self.model, self.Phi_train, self.y_train, loss=self.loss,
                               lr=cfg["lr"], batch_size=cfg["batch_size"], seed=cfg["seed"],
                               X_test=self.Phi_test, y_test=self.y_test,
                               eval_train=self.eval_train)
        self.set_regularisation()
        self.history = {"epoch": [], "train_loss": [], "test_loss": []}
        if classification:
            self.history.update(train_acc=[], test_acc=[])
        self.record()

    def set_regularisation(self):
        cfg, t = self.cfg, self.trainer
        t.l1 = cfg["reg_rate"] if cfg["regularisation"] == "L1" else 0.0
        t.l2 = cfg["reg_rate"] if cfg["regularisation"] == "L2" else 0.0

    def data_loss(self, Phi, y):
        """The data loss (no penalty) and accuracy of the model on ``(Phi, y)``."""
        with np.errstate(over="ignore", invalid="ignore"):
            z = self.model.forward(Phi)[:, 0]
        if not np.all(np.isfinite(z)):
            return float("nan"), None
        if self.loss == "mse":
            return float(_losses.mse(z, y)), None
        acc = float(np.mean((z >= 0).astype(int) == y))
        return float(_losses.binary_cross_entropy(z, y)), acc

    def record(self):
        h = self.history
        h["epoch"].append(self.trainer.epoch)
        for key, Phi, y in (("train", self.Phi_train, self.y_train),
                            ("test", self.Phi_test, self.y_test)):
            loss, acc = self.data_loss(Phi, y)
            h[f"{key}_loss"].append(loss)
            if f"{key}_acc" in h:
                h[f"{key}_acc"].append(acc)

    def train(self, epochs=1):
        """Run ``epochs`` epochs (fewer if the run diverges), recording each."""
        for _ in range(epochs):
            if self.trainer.diverged:
                break
            self.trainer.run_epoch()
            if self.trainer.diverged:
                break
            self.record()

    def maps(self):
        return network_maps(self.model, self.Phi_grid)


def run_playground(config=None, epochs=100):
    """Train a Playground configuration for ``epochs`` epochs, with no widget: the same
    run, to the last bit, as ``epochs`` presses of Step in :func:`playground`.

    Derived in Chapter 7, section "Every control is a formula you have met".

    Parameters
    ----------
    config : dict or None
        A configuration (see :data:`DEFAULT_CONFIG`); missing keys get their defaults.
    epochs : int, default 100
        Epochs to train, >= 0 (fewer if the run diverges: ``run.trainer.diverged``).

    Returns
    -------
    PlaygroundRun
        Its trainer records the loss on the whole training set after every epoch
        (``eval_train="full"``), as the Playground's curve does.

    Examples
    --------
    >>> run = run_playground({"dataset": "circles", "hidden": [], "features": ["x1^2", "x2^2"]}, 20)
    >>> run.model.sizes, run.trainer.epoch
    ((2, 1), 20)
    """
    if not is_int(epochs) or epochs < 0:
        raise ValueError(f"epochs must be an int >= 0; got {epochs!r}")
    run = PlaygroundRun(config, eval_train="full")
    run.train(epochs)
    return run
