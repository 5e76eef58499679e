"""A Playground run without a picture (numpy only): :class:`PlaygroundTrainer` trains a
network by TensorFlow Playground's rules, :class:`PlaygroundRun` holds the data, the
features, the model and its trainer, and is what the widget and the recording share;
:func:`run_playground` trains one headless (the chapter's experiments, the tests), and
:func:`export_network` / :func:`network_source` write a trained network out."""

from __future__ import annotations

import copy
import json  # noqa: F401  (the doctest of export_network)
import math
import numbers

import numpy as np

from .. import activations as _activations
from .. import features as _features
from .. import losses as _losses
from .._checks import is_int
from ..mlp import MLP
from ._config import (OWN_DATA, grid_points, network_maps, playground_data,
                      read_points_csv, validate_config)

__all__ = ["PlaygroundTrainer", "PlaygroundRun", "run_playground", "initial_params",
           "export_network", "network_source", "EXPORT_FORMAT", "output_function"]

#: The ``format`` of :func:`export_network`'s dict.
EXPORT_FORMAT = "nncore-playground-network"


def initial_params(sizes, init, rng):
    r"""The starting weights and biases of a Playground network.

    ``"playground"`` (TensorFlow Playground's): every weight uniform in
    $[-\tfrac12, \tfrac12)$, drawn layer by layer and neuron by neuron (the rows of
    $W^{(l)}$), every bias $0.1$; ``"zeros"``: everything 0 (the Playground's "initZero").
    (``"auto"`` is :class:`nncore.mlp.MLP`'s He / Glorot initialisation, made there.)

    Used in Chapter 7, section "Every control is a formula you have met".

    Parameters
    ----------
    sizes : sequence of int
    init : {"playground", "zeros"}
    rng : numpy.random.Generator

    Returns
    -------
    list of (ndarray, ndarray)

    Examples
    --------
    >>> [(W.shape, b.tolist()) for W, b in initial_params([2, 3, 1], "playground",
    ...                                                   np.random.default_rng(0))]
    [((3, 2), [0.1, 0.1, 0.1]), ((1, 3), [0.1])]
    """
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        if init == "zeros":
            params.append((np.zeros((n_out, n_in)), np.zeros(n_out)))
        elif init == "playground":
            params.append((rng.random((n_out, n_in)) - 0.5, np.full(n_out, 0.1)))
        else:
            raise ValueError(f"init must be 'playground' or 'zeros' here; got {init!r}")
    return params


def output_function(problem, loss):
    """The output neuron's function: "tanh" (the Playground's classifier), "sigmoid"
    (with the cross-entropy) or "linear" (regression)."""
    if problem == "regression":
        return "linear"
    return "tanh" if loss == "square" else "sigmoid"


class PlaygroundTrainer:
    r"""Gradient descent on a Playground network, by TensorFlow Playground's rules.

    One epoch walks through the training points in their fixed order (the Playground
    shuffles once, when it makes the data, and never again) and updates the network
    after every ``batch_size``-th point of the epoch with the mean gradient of the
    points seen since the last update; points left over at the end of an epoch are
    carried into the first update of the next one. The loss of a point, with the
    output $o$ and target $t$:

    .. math:: \ell = \tfrac12 (o - t)^2, \qquad o = \tanh z \ (t = \pm 1) \text{ or }
              o = z \ (\text{regression}),

    or, with ``loss="cross_entropy"``, the binary cross-entropy of $\sigma(z)$. The
    update of a weight $w$ with the mean data gradient $g$ of the batch:

    .. math:: w' = w - \eta g, \qquad w'' = w' - \eta\alpha\, \frac{\partial\Omega}{\partial w},

    with $\alpha$ the rate (``l1`` or ``l2``) and $\partial\Omega/\partial w =
    \operatorname{sign} w$ (L1; 0 at 0) or $w$ (L2), evaluated before
    the step; for L1, a weight that $w' \to w''$ would carry across 0 is set to 0 and
    frozen there for the rest of the run (the Playground's "dead" links). Biases get
    $b' = b - \eta\, g_b$ and no penalty.

    Together the two parts are a step of gradient descent on the penalised loss
    $\tilde{L} = L + \alpha\,\Omega(W)$, $\Omega(W) = \sum \lvert w\rvert$ (L1) or
    $\tfrac12\sum w^2$ (L2), with the weights of every layer $W^{(l)}$ in the sums. For
    a linear neuron (regression, no hidden layer) full-batch steps converge exactly
    when $\eta < 2/\beta$, $\beta$ the largest eigenvalue of the loss's Hessian
    $\nabla^2 L$ (the smoothness of Chapter 3); mini-batches blur that border, and a
    rate well above it makes the loss overflow and sets ``diverged``.

    Derived in Chapter 7, section "Every control is a formula you have met".

    Parameters
    ----------
    model : nncore.mlp.MLP
        With one output; its ``params`` are updated in place.
    Phi, y : ndarray
        The training features and labels (0/1) or targets, in the order they are used.
    problem : {"classification", "regression"}
    loss : {"square", "cross_entropy"}
    lr : float
    batch_size : int
        At most ``len(Phi)``.
    regularisation : {"none", "L1", "L2"}
    reg_rate : float
    Phi_test, y_test : ndarray
        The test set, evaluated after every epoch.

    Attributes
    ----------
    epoch, steps : int
        Epochs and updates done.
    history_ : dict of lists
        From epoch 0: "epoch", "train_loss", "test_loss" (the data loss on the whole
        set, without the penalty: the Playground's curves), and "train_acc",
        "test_acc" for classification.
    alive : list of ndarray of bool
        Per layer, the weights L1 has not frozen at 0.
    diverged : bool
        True once an output or a weight was no longer a finite number: training stops.
    """

    def __init__(self, model, Phi, y, *, problem="classification", loss="square", lr=0.03,
                 batch_size=10, regularisation="none", reg_rate=0.0, Phi_test=None,
                 y_test=None):
        self.model = model
        self.problem, self.loss = problem, loss
        self.output = output_function(problem, loss)
        self.lr = float(lr)
        self.regularisation, self.reg_rate = regularisation, float(reg_rate)
        self.batch_size = int(batch_size)
        self.epoch = 0
        self.steps = 0
        self.diverged = False
        self.alive = [np.ones(W.shape, dtype=bool) for W, _ in model.params]
        self.history_ = {"epoch": [], "train_loss": [], "test_loss": []}
        if problem == "classification":
            self.history_.update(train_acc=[], test_acc=[])
        self.set_data(Phi, y, Phi_test, y_test)
        self.record()

    @property
    def classification(self):
        return self.problem == "classification"

    @property
    def n_samples(self):
        return len(self.Phi)

    @property
    def batches_per_epoch(self):
        """Updates per epoch (the carried points of an epoch's end join the next one's
        first update)."""
        return self.n_samples // self.batch_size

    def _targets(self, y):
        y = np.asarray(y)
        if self.output == "tanh":
            return (2.0 * y - 1.0)[:, None]  # the Playground's labels -1 and +1
        return y.astype(float)[:, None]

    def set_data(self, Phi, y, Phi_test=None, y_test=None):
        """Train on new points from now on (the Playground's "regenerate"), with no
        points carried over."""
        if self.batch_size > len(Phi):
            raise ValueError(
                f"batch_size {self.batch_size} is larger than the {len(Phi)} training "
                f"points: an update comes at every batch_size-th point of an epoch, so "
                f"none would ever happen")
        self.Phi, self.y = Phi, y
        self._T = self._targets(y)
        self.Phi_test, self.y_test = Phi_test, y_test
        self._T_test = None if y_test is None else self._targets(y_test)
        self._pending = np.empty(0, dtype=int)

    # -- the loss ------------------------------------------------------------------

    def _loss(self, Z, T, need_grad=True):
        """The mean loss of logits Z (n, 1) against targets T, and dL/dZ."""
        if self.output == "sigmoid":
            return _losses.KERNELS["binary_cross_entropy"](Z, T, need_grad)
        if self.output == "tanh":
            tanh, tanh_grad = _activations.KERNELS["tanh"]
            O = tanh(Z)
            value, dO = _losses.KERNELS["mse"](O, T, need_grad)  # mean (o - t)^2
            return 0.5 * value, None if dO is None else 0.5 * dO * tanh_grad(Z, O)
        value, dZ = _losses.KERNELS["mse"](Z, T, need_grad)
        return 0.5 * value, None if dZ is None else 0.5 * dZ

    def evaluate(self, Phi, y):
        """``(loss, accuracy)`` of the model now on the points ``(Phi, y)``: the data loss
        (no penalty); accuracy None for regression, NaN loss if the output is not
        finite."""
        with np.errstate(over="ignore", invalid="ignore"):
            Z = self.model.forward(Phi)
        if not np.all(np.isfinite(Z)):
            return math.nan, None
        value = self._loss(Z, self._targets(y), need_grad=False)[0]
        if not self.classification:
            return value, None
        return value, float(np.mean((Z[:, 0] >= 0) == (np.asarray(y) == 1)))

    def record(self):
        """Append the losses (and accuracies) of the model now, at this epoch."""
        h = self.history_
        h["epoch"].append(self.epoch)
        for key, Phi, y in (("train", self.Phi, self.y), ("test", self.Phi_test, self.y_test)):
            loss, acc = (math.nan, None) if Phi is None else self.evaluate(Phi, y)
            h[f"{key}_loss"].append(loss)
            if self.classification:
                h[f"{key}_acc"].append(acc)

    def rerecord(self):
        """Replace the last entry of the history by the losses of the model now (after
        an edited weight or new points)."""
        h = self.history_
        for values in h.values():
            values.pop()
        self.record()

    # -- training ------------------------------------------------------------------

    def _update(self, idx):
        model = self.model
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            Z = model.forward(self.Phi[idx])
            if not np.all(np.isfinite(Z)):
                self.diverged = True
                return
            _, dZ = self._loss(Z, self._T[idx])
            grads = model.backward(dZ)
            lr, rate = self.lr, self.reg_rate
            for (W, b), (dW, db), alive in zip(model.params, grads, self.alive):
                b -= lr * db
                stepped = W - lr * dW
                if self.regularisation == "L2":
                    new = stepped - (lr * rate) * W
                elif self.regularisation == "L1":
                    new = stepped - (lr * rate) * np.sign(W)
                    crossed = (stepped * new < 0) & alive  # carried across 0 by L1
                    new[crossed] = 0.0
                else:
                    new = stepped
                np.copyto(W, new, where=alive)  # a frozen weight stays at 0
                if self.regularisation == "L1":
                    alive &= ~crossed
                if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
                    self.diverged = True
        self.steps += 1

    def run_epoch(self):
        """One epoch: the updates of the training points in their order, then the
        history. Returns ``self``."""
        if self.diverged:
            return self
        n, B = self.n_samples, self.batch_size
        start = 0
        for stop in range(B, n + 1, B):  # after point i when (i + 1) % B == 0
            idx = np.arange(start, stop)
            if self._pending.size:
                idx = np.concatenate([self._pending, idx])
                self._pending = np.empty(0, dtype=int)
            self._update(idx)
            if self.diverged:
                return self
            start = stop
        self._pending = np.concatenate([self._pending, np.arange(start, n)])
        self.epoch += 1
        self.record()
        return self

    def run(self, epochs):
        """``epochs`` epochs, or fewer if the run diverges. Returns ``self``."""
        for _ in range(epochs):
            if self.diverged:
                break
            self.run_epoch()
        return self


def _as_export(config):
    """(configuration, params or None) of a configuration or an exported network."""
    if isinstance(config, dict) and config.get("format") == EXPORT_FORMAT:
        if "config" not in config or "weights" not in config or "biases" not in config:
            raise ValueError("an exported network needs the keys 'config', 'weights' and "
                             "'biases' (as export_network writes them)")
        return config["config"], list(zip(config["weights"], config["biases"]))
    return config, None


class PlaygroundRun:
    r"""A Playground configuration's data, features, network, trainer and loss history,
    without any drawing: what the widget trains and what :func:`run_playground` returns.

    A run is a handful of calls: :func:`playground_data` draws the points (or checks
    the reader's own), :func:`nncore.features.make_features` computes the inputs
    $\Phi$ (a first layer that does not learn), :class:`nncore.mlp.MLP` is the network
    ``[len(features), *hidden, 1]`` started from :func:`initial_params`, and
    :class:`PlaygroundTrainer` trains it by TensorFlow Playground's rules.

    The initial weights come from the configuration's seed, so a configuration gives
    the same run every time; :meth:`reset` (the Reset button) draws new ones, as the
    Playground's Reset does (the ``resets``-th draw of the seed).

    Derived in Chapter 7, section "Every control is a formula you have met".

    Parameters
    ----------
    config : dict, str or None
        A configuration (see :data:`DEFAULT_CONFIG`; missing keys get their defaults),
        a TensorFlow Playground link (:func:`config_from_url`), or a network written
        by :func:`export_network` (its configuration and weights).
    X, y : array_like, optional
        The reader's own points and labels or targets (:func:`check_points`); the
        configuration's ``dataset`` becomes "own".
    csv : str, path or file, optional
        Or read them from a CSV file (:func:`read_points_csv`).

    Attributes
    ----------
    cfg : dict
    X_train, y_train, X_test, y_test : ndarray
    Phi_train, Phi_test, Phi_grid : ndarray
        The features of the points and of the 100 x 100 grid.
    model : nncore.mlp.MLP
    trainer : PlaygroundTrainer
    history : dict of lists
        The trainer's ``history_``, from epoch 0.
    resets : int
        How many times :meth:`reset` drew new weights since the last change.
    """

    def __init__(self, config=None, *, X=None, y=None, csv=None):
        from ._config import config_from_url

        if isinstance(config, str):
            config = config_from_url(config)
        config, params = _as_export(config)
        config = dict(config or {})
        if csv is not None:
            if X is not None or y is not None:
                raise ValueError("give the points either as X and y or as csv, not both")
            X, y, problem = read_points_csv(csv)
            if config.setdefault("problem", problem) != problem:
                raise ValueError(f"the CSV's column says {problem}, the configuration "
                                 f"{config['problem']}")
        if X is not None or y is not None:
            config["dataset"] = OWN_DATA
        self.own = (X, y)
        self.cfg = validate_config(config)
        self.resets = 0
        self.grid = grid_points()
        self.new_data()
        if params is not None:
            self.set_params(params)

    # -- data and network ----------------------------------------------------------

    def new_data(self, keep_model=False):
        """Draw the configuration's points (and, unless ``keep_model``, a new network;
        with it, the network goes on training on the new points, as after the
        Playground's "regenerate")."""
        cfg = self.cfg
        own = self.own if cfg["dataset"] == OWN_DATA else (None, None)
        self.X_train, self.y_train, self.X_test, self.y_test = playground_data(cfg, *own)
        self._features()
        if keep_model:
            self.trainer.set_data(self.Phi_train, self.y_train, self.Phi_test, self.y_test)
            self.trainer.rerecord()
        else:
            self.new_model()

    def new_model(self, fresh=False):
        """A new network at epoch 0: the configuration's first initial weights, or with
        ``fresh`` the next draw (:meth:`reset`)."""
        cfg = self.cfg
        self.resets = self.resets + 1 if fresh else 0
        names = cfg["features"]
        self._features()
        self.Phi_grid = _features.make_features(self.grid, names)
        sizes = [len(names), *cfg["hidden"], 1]
        rng = np.random.default_rng([cfg["seed"], 1, self.resets])
        if cfg["init"] == "auto":
            self.model = MLP(sizes, cfg["activation"], seed=rng)
        else:
            self.model = MLP(sizes, cfg["activation"],
                             params=initial_params(sizes, cfg["init"], rng))
        self.trainer = PlaygroundTrainer(
            self.model, self.Phi_train, self.y_train, problem=cfg["problem"],
            loss=cfg["loss"], lr=cfg["lr"], batch_size=cfg["batch_size"],
            regularisation=cfg["regularisation"], reg_rate=cfg["reg_rate"],
            Phi_test=self.Phi_test, y_test=self.y_test)

    def _features(self):
        names = self.cfg["features"]
        self.Phi_train = _features.make_features(self.X_train, names)
        self.Phi_test = _features.make_features(self.X_test, names)

    def reset(self):
        """Back to epoch 0 with new initial weights (the Reset button)."""
        self.new_model(fresh=True)
        return self

    @property
    def history(self):
        return self.trainer.history_

    @property
    def output(self):
        """The output neuron's function: "tanh", "sigmoid" or "linear"."""
        return self.trainer.output

    def train(self, epochs=1):
        """Run ``epochs`` epochs (fewer if the run diverges), recording each."""
        self.trainer.run(epochs)

    def maps(self):
        return network_maps(self.model, self.Phi_grid)

    # -- editing the network -------------------------------------------------------

    def _index(self, layer, j, k=None):
        n_layers = len(self.model.params)
        if not is_int(layer) or not 0 <= layer < n_layers:
            raise ValueError(f"layer must be an int from 0 to {n_layers - 1} (an index of "
                             f"model.params); got {layer!r}")
        W, _ = self.model.params[layer]
        if not is_int(j) or not 0 <= j < W.shape[0]:
            raise ValueError(f"j must be an int from 0 to {W.shape[0] - 1} (a neuron of "
                             f"layer {layer}); got {j!r}")
        if k is not None and (not is_int(k) or not 0 <= k < W.shape[1]):
            raise ValueError(f"k must be an int from 0 to {W.shape[1] - 1} (an input of "
                             f"layer {layer}); got {k!r}")

    @staticmethod
    def _value(value):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) \
                or not math.isfinite(value):
            raise ValueError(f"value must be a finite number; got {value!r:.60}")
        return float(value)

    def set_weight(self, layer, j, k, value):
        """Set the weight ``model.params[layer][0][j, k]`` (from input ``k`` to neuron
        ``j`` of that layer) to ``value``, as a click on a link of the Playground does;
        the losses of the current epoch are computed again. A weight L1 had frozen at 0
        trains again. Returns ``self``."""
        self._index(layer, j, k)
        self.model.params[layer][0][j, k] = self._value(value)
        self.trainer.alive[layer][j, k] = True
        self.trainer.diverged = False
        self.trainer.rerecord()
        return self

    def set_bias(self, layer, j, value):
        """Set the bias ``model.params[layer][1][j]`` to ``value``. Returns ``self``."""
        self._index(layer, j)
        self.model.params[layer][1][j] = self._value(value)
        self.trainer.diverged = False
        self.trainer.rerecord()
        return self

    def set_params(self, params):
        """Set every weight and bias (a list of ``(W, b)`` as in ``model.params``, such as
        an exported network's); shapes are checked. Returns ``self``."""
        checked = MLP(self.model.sizes, self.model.activation, params=params).params
        for (W, b), (W_new, b_new) in zip(self.model.params, checked):
            W[...] = W_new
            b[...] = b_new
        for alive in self.trainer.alive:
            alive[...] = True
        self.trainer.rerecord()
        return self


def run_playground(config=None, epochs=100, *, X=None, y=None, csv=None):
    """Train a Playground configuration for ``epochs`` epochs, with no widget: the same
    run, to the last bit, as ``epochs`` presses of Step in :func:`playground`.

    Derived in Chapter 7, section "Every control is a formula you have met".

    Parameters
    ----------
    config : dict, str or None
        A configuration (see :data:`DEFAULT_CONFIG`), a TensorFlow Playground link, or
        an exported network.
    epochs : int, default 100
        Epochs to train, >= 0 (fewer if the run diverges: ``run.trainer.diverged``).
    X, y, csv : optional
        The reader's own points, as for :class:`PlaygroundRun`.

    Returns
    -------
    PlaygroundRun

    Examples
    --------
    >>> run = run_playground({"hidden": [], "features": ["x1^2", "x2^2"]}, 20)
    >>> run.model.sizes, run.trainer.epoch, run.history["test_acc"][-1]
    ((2, 1), 20, 1.0)
    """
    if not is_int(epochs) or epochs < 0:
        raise ValueError(f"epochs must be an int >= 0; got {epochs!r}")
    run = PlaygroundRun(config, X=X, y=y, csv=csv)
    run.train(epochs)
    return run


def export_network(run):
    """A trained network as a plain dict (JSON): its configuration, features, hidden
    activation, output function, epoch, weights and biases. ``PlaygroundRun(d)``,
    ``run_playground(d, 0)`` and ``playground(d)`` load it back (with the reader's own
    points, pass them again).

    Used in Chapter 7, section "Share an experiment".

    Examples
    --------
    >>> run = run_playground({"hidden": [3]}, 5)
    >>> d = json.loads(json.dumps(export_network(run)))
    >>> again = PlaygroundRun(d)
    >>> all(np.array_equal(W, W2) for (W, _), (W2, _) in zip(run.model.params,
    ...                                                       again.model.params))
    True
    """
    if not isinstance(run, PlaygroundRun):
        raise TypeError(f"run must be a PlaygroundRun (such as run_playground's); got "
                        f"{run!r:.60}")
    return {"format": EXPORT_FORMAT, "config": copy.deepcopy(run.cfg),
            "features": list(run.cfg["features"]), "activation": run.model.activation,
            "output": run.output, "epoch": run.trainer.epoch,
            "weights": [W.tolist() for W, _ in run.model.params],
            "biases": [b.tolist() for _, b in run.model.params]}


_ACTIVATION_CODE = {"tanh": "np.tanh({})", "relu": "np.maximum({}, 0.0)",
                    "sigmoid": "1.0 / (1.0 + np.exp(-{}))", "linear": "{}"}


def network_source(run, name="predict"):
    """A trained network as a short numpy function: Python source that defines
    ``name(X)``, the network's output for the points ``X`` of shape ``(n, 2)`` (for
    classification the class is ``output >= 0``, or ``> 0.5`` with the sigmoid), with
    every weight written out to the last bit.

    Used in Chapter 7, section "Share an experiment".

    Examples
    --------
    >>> from nncore.features import make_features
    >>> run = run_playground({"hidden": [2]}, 3)
    >>> space = {}
    >>> exec(network_source(run), space)
    >>> X = np.array([[1.0, -2.0], [0.5, 3.0]])
    >>> bool(np.allclose(space["predict"](X), np.tanh(run.model.forward(
    ...     make_features(X, ["x1", "x2"]))[:, 0]), rtol=0, atol=1e-14))
    True
    """
    if not isinstance(run, PlaygroundRun):
        raise TypeError(f"run must be a PlaygroundRun (such as run_playground's); got "
                        f"{run!r:.60}")
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be a Python identifier; got {name!r}")
    cfg, model = run.cfg, run.model
    sizes = "-".join(str(s) for s in model.sizes)
    lines = ["import numpy as np", "", "",
             f"def {name}(X):",
             f'    """The Playground network {sizes} ({model.activation}, data set '
             f'{cfg["dataset"]}, epoch {run.trainer.epoch}):',
             f"    its {run.output} output for each point of X, shape (n, 2) -> (n,).\"\"\"",
             "    X = np.asarray(X, dtype=float)",
             "    x1, x2 = X[:, 0], X[:, 1]",
             "    A = np.column_stack([" + ", ".join(
                 _features.FEATURE_CODE[f] for f in cfg["features"]) + "])"]
    last = len(model.params) - 1
    for l, (W, b) in enumerate(model.params):
        rows = ", ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in W)
        lines.append(f"    W = np.array([{rows}])")
        lines.append("    b = np.array([" + ", ".join(repr(float(v)) for v in b) + "])")
        if l < last:
            lines.append("    A = " + _ACTIVATION_CODE[model.activation].format("(A @ W.T + b)"))
        else:
            lines.append("    z = (A @ W.T + b)[:, 0]")
    lines.append("    return " + _ACTIVATION_CODE[run.output].format("z"))
    return "\n".join(lines) + "\n"
