"""The Playground's configuration, data and maps (numpy only).

The whole set-up is one plain dict (:data:`DEFAULT_CONFIG`), checked by
:func:`validate_config`; :func:`playground_data` makes the data it names,
:func:`grid_points` the grid of the pictures, and :func:`network_maps` every neuron's
output over that grid.
"""

from __future__ import annotations

import copy
import math
import numbers

import numpy as np

from .. import datasets as _datasets
from .. import features as _features
from .._checks import as_int, as_nonnegative, is_int

__all__ = ["DEFAULT_CONFIG", "validate_config", "playground_data", "network_maps",
           "grid_points", "CLASSIFICATION_DATASETS", "REGRESSION_DATASETS",
           "LEARNING_RATES", "REG_RATES", "VIEW", "SPIRAL_TURNS", "GRID",
           "DEFAULT_DATASET"]


#: Half the side of the square shown: the plane is $[-6, 6]^2$.
VIEW = 6.0
#: Radius of the disc that each data set's clean shape is scaled to fill.
DATA_RADIUS = 5.0
#: Points per side of the grid on which every map is computed (100 x 100).
GRID = 100

#: How many turns each arm of the Playground's spiral makes: 1.75, as in TensorFlow
#: Playground (:func:`nncore.datasets.spiral` makes 0.75 by default, which one small
#: hidden layer already separates).
SPIRAL_TURNS = 1.75


def _spiral(n, noise, seed):
    return _datasets.spiral(n=n, noise=noise, seed=seed, turns=SPIRAL_TURNS)


#: name -> (generator, centre c, scale s, noise gain): the generator's ``noise`` is
#: ``gain * config["noise"]`` and its points are mapped by x -> s (x - c). Circles and
#: spiral: radius 1 -> 5; moons: x1 from -1 to 2 -> -5 to 5; xor: corners (0 or 1) ->
#: +-3 (their clusters need room); blobs: centres (+-1.5, +-1) -> (+-2.5, +-5/3).
#: The spiral winds :data:`SPIRAL_TURNS` turns.
_CLASSIFICATION = {
    "circles": (_datasets.circles, (0.0, 0.0), 5.0, 1.0),
    "xor": (_datasets.xor, (0.5, 0.5), 6.0, 1.0),
    "blobs": (_datasets.blobs, (0.0, 0.0), 5.0 / 3.0, 3.0),
    "spiral": (_spiral, (0.0, 0.0), 5.0, 1.0),
    "moons": (_datasets.moons, (0.5, 0.25), 10.0 / 3.0, 1.0),
}
CLASSIFICATION_DATASETS = tuple(_CLASSIFICATION)
REGRESSION_DATASETS = tuple(_datasets.REGRESSION)
PROBLEMS = ("classification", "regression")
#: The learning rates of the menu (TensorFlow Playground's).
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: The regularisation rates of the menu.
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARISATIONS = ("none", "L1", "L2")
INITS = ("auto", "zeros")
ACTIVATION_NAMES = ("tanh", "relu", "sigmoid", "linear")
MAX_LAYERS, MAX_NEURONS = 6, 8
#: Slider ranges (low, high, step).
NOISE_RANGE = (0.0, 0.5, 0.05)
TRAIN_RANGE = (0.1, 0.9, 0.1)
BATCH_RANGE = (1, 30, 1)
N_POINTS_RANGE = (20, 2000)

DEFAULT_CONFIG = {
    "problem": "classification",
    "dataset": "circles",
    "noise": 0.1,
    "train_fraction": 0.5,
    "batch_size": 10,
    "seed": 0,
    "features": ["x1", "x2"],
    "hidden": [4, 2],
    "activation": "tanh",
    "lr": 0.03,
    "regularisation": "none",
    "reg_rate": 0.0,
    "init": "auto",
    "show_test": False,
    "discretise": False,
    "n_points": 500,
}
"""The Playground's set-up, one plain (JSON-serialisable) dict.

``problem`` "classification" or "regression"; ``dataset`` one of
:data:`CLASSIFICATION_DATASETS` or :data:`REGRESSION_DATASETS`; ``noise`` 0 to 0.5;
``train_fraction`` 0.1 to 0.9 (the rest is the test set); ``batch_size`` 1 to 30;
``seed`` (data, split, initial weights and shuffling); ``features`` names from
:data:`nncore.features.FEATURES`; ``hidden`` 0 to 6 layer widths, each 1 to 8;
``activation`` "tanh", "relu", "sigmoid" or "linear"; ``lr`` > 0 (at most 10);
``regularisation`` "none", "L1" or "L2" and its ``reg_rate`` >= 0 (at most 10);
``init`` "auto" (He or Glorot) or "zeros"; ``show_test`` and ``discretise`` (the
output as classes) flags; ``n_points`` 20 to 2000 points in all.
"""

DEFAULT_DATASET = {"classification": "circles", "regression": "plane"}


def _is_real(v):
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def _number(cfg, key, low, high):
    v = cfg[key]
    if not _is_real(v):
        raise TypeError(f"config[{key!r}] must be a number from {low} to {high}; got {v!r}")
    v = float(v)
    if not (math.isfinite(v) and low <= v <= high):
        raise ValueError(f"config[{key!r}] must be a number from {low} to {high}; got {v!r}")
    return v


def _integer(cfg, key, low, high):
    v = cfg[key]
    if not is_int(v):
        raise TypeError(f"config[{key!r}] must be an int from {low} to {high}; got {v!r}")
    if not low <= v <= high:
        raise ValueError(f"config[{key!r}] must be an int from {low} to {high}; got {v!r}")
    return int(v)


def _choice(cfg, key, choices):
    v = cfg[key]
    if not isinstance(v, str) or v not in choices:
        raise ValueError(f"config[{key!r}] must be one of {list(choices)}; got {v!r}")
    return v


def _flag(cfg, key):
    v = cfg[key]
    if not isinstance(v, (bool, np.bool_)):
        raise TypeError(f"config[{key!r}] must be True or False; got {v!r}")
    return bool(v)


def validate_config(config=None):
    """A complete, checked copy of a Playground configuration.

    Keys left out take their value from :data:`DEFAULT_CONFIG` (for ``"dataset"``: the
    first data set of the chosen problem). Numbers are returned as Python ``int`` and
    ``float``, lists as fresh lists, so the result is JSON-serialisable.

    Used in Chapter 7, section "Share an experiment".

    Parameters
    ----------
    config : dict or None
        Some or all of the keys of :data:`DEFAULT_CONFIG`.

    Returns
    -------
    dict
        Every key of :data:`DEFAULT_CONFIG`, in its order.

    Raises
    ------
    ValueError
        Naming the key: an unknown key, a value out of range, a data set that does not
        belong to the problem, an unknown or repeated feature, a layer width outside 1-8.
    TypeError
        Naming the key, if a value has the wrong type (``config`` itself not a dict).

    Examples
    --------
    >>> cfg = validate_config({"dataset": "xor", "hidden": [3]})
    >>> cfg["dataset"], cfg["hidden"], cfg["activation"]
    ('xor', [3], 'tanh')
    >>> validate_config({"problem": "regression"})["dataset"]
    'plane'
    >>> validate_config({"hiden": [2]})
    Traceback (most recent call last):
    ...
    ValueError: config has an unknown key 'hiden'; the keys are ['problem', 'dataset', \
'noise', 'train_fraction', 'batch_size', 'seed', 'features', 'hidden', 'activation', 'lr', \
'regularisation', 'reg_rate', 'init', 'show_test', 'discretise', 'n_points']
    """
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise TypeError(f"config must be a dict such as DEFAULT_CONFIG; got {config!r}")
    for key in config:
        if key not in DEFAULT_CONFIG:
            raise ValueError(f"config has an unknown key {key!r}; the keys are "
                             f"{list(DEFAULT_CONFIG)}")
    cfg = copy.deepcopy(DEFAULT_CONFIG)
    cfg.update(copy.deepcopy(config))
    out = {}
    out["problem"] = _choice(cfg, "problem", PROBLEMS)
    if "dataset" not in config:
        cfg["dataset"] = DEFAULT_DATASET[out["problem"]]
    names = CLASSIFICATION_DATASETS if out["problem"] == "classification" else REGRESSION_DATASETS
    if cfg["dataset"] not in names:
        raise ValueError(f"config['dataset'] must be one of {list(names)} for the "
                         f"{out['problem']} problem; got {cfg['dataset']!r}")
    out["dataset"] = cfg["dataset"]
    out["noise"] = _number(cfg, "noise", NOISE_RANGE[0], NOISE_RANGE[1])
    out["train_fraction"] = _number(cfg, "train_fraction", TRAIN_RANGE[0], TRAIN_RANGE[1])
    out["batch_size"] = _integer(cfg, "batch_size", BATCH_RANGE[0], BATCH_RANGE[1])
    out["seed"] = _integer(cfg, "seed", 0, 2**32 - 1)
    feats = cfg["features"]
    if isinstance(feats, str) or not isinstance(feats, (list, tuple)):
        raise TypeError(f"config['features'] must be a list of feature names such as "
                        f"['x1', 'x2']; got {feats!r}")
    try:
        out["features"] = list(_features.check_names(feats))
    except (ValueError, TypeError) as err:
        raise type(err)(f"config['features']: {err}") from None
    hidden = cfg["hidden"]
    if isinstance(hidden, str) or not isinstance(hidden, (list, tuple)):
        raise TypeError(f"config['hidden'] must be a list of layer widths such as [4, 2]; "
                        f"got {hidden!r}")
    if len(hidden) > MAX_LAYERS:
        raise ValueError(f"config['hidden'] may hold at most {MAX_LAYERS} layers; "
                         f"got {len(hidden)}: {list(hidden)}")
    for i, h in enumerate(hidden):
        if not is_int(h):
            raise TypeError(f"config['hidden'][{i}] must be an int from 1 to "
                            f"{MAX_NEURONS}; got {h!r}")
        if not 1 <= h <= MAX_NEURONS:
            raise ValueError(f"config['hidden'][{i}] must be an int from 1 to "
                             f"{MAX_NEURONS}; got {h}")
    out["hidden"] = [int(h) for h in hidden]
    out["activation"] = _choice(cfg, "activation", ACTIVATION_NAMES)
    lr = _number(cfg, "lr", 0.0, LEARNING_RATES[-1])
    if lr <= 0:
        raise ValueError(f"config['lr'] must be a number > 0 and at most "
                         f"{LEARNING_RATES[-1]}; got {lr!r}")
    out["lr"] = lr
    out["regularisation"] = _choice(cfg, "regularisation", REGULARISATIONS)
    out["reg_rate"] = _number(cfg, "reg_rate", 0.0, REG_RATES[-1])
    out["init"] = _choice(cfg, "init", INITS)
    out["show_test"] = _flag(cfg, "show_test")
    out["discretise"] = _flag(cfg, "discretise")
    out["n_points"] = _integer(cfg, "n_points", *N_POINTS_RANGE)
    return out


def playground_data(config=None):
    r"""The training and test sets of a configuration, in the Playground's square.

    Classification: ``n_points`` points of the toy set ``dataset`` of
    :mod:`nncore.datasets` (its ``noise`` is the configuration's, times 3 for "blobs",
    whose clusters are wider), moved and scaled, $\mathbf{x} \mapsto
    s\,(\mathbf{x} - \mathbf{c})$, so that the clean shape fills the view with room
    for the noise: circles and spiral of radius 1 become radius 5 ($s = 5$; the spiral's
    arms wind :data:`SPIRAL_TURNS` = 1.75 turns, as in TensorFlow Playground), the moons
    span $x_1$ from $-5$ to $5$, the corners of xor go to $(\pm 3, \pm 3)$ and the
    centres of the blobs to $(\pm 2.5, \pm 5/3)$. Regression: the points of
    :data:`nncore.datasets.REGRESSION` ``[dataset]`` times 5. Then
    :func:`nncore.datasets.train_test_split` keeps ``train_fraction`` of them for
    training (stratified by class for classification). Everything from ``seed``.

    Used in Chapter 7, section "The data".

    Parameters
    ----------
    config : dict or None
        As for :func:`validate_config`.

    Returns
    -------
    X_train : ndarray of shape (n_train, 2)
    y_train : ndarray of shape (n_train,)
        Int labels in {0, 1}, or float targets in about [-1, 1] for regression.
    X_test : ndarray of shape (n_test, 2)
    y_test : ndarray of shape (n_test,)

    Examples
    --------
    >>> X_tr, y_tr, X_te, y_te = playground_data({"dataset": "xor", "noise": 0.0})
    >>> len(X_tr), len(X_te), sorted(set(np.abs(X_tr).ravel().tolist()))
    (250, 250, [3.0])
    """
    cfg = validate_config(config)
    n, noise, seed = cfg["n_points"], cfg["noise"], cfg["seed"]
    if cfg["problem"] == "classification":
        make, centre, scale, gain = _CLASSIFICATION[cfg["dataset"]]
        X, y = make(n=n, noise=gain * noise, seed=seed)
        X = (np.asarray(X, dtype=float) - np.asarray(centre)) * scale
        y = np.asarray(y, dtype=int)
    else:
        X, y = _datasets.REGRESSION[cfg["dataset"]](n=n, noise=noise, seed=seed)
        X = X * DATA_RADIUS
    X_tr, X_te, y_tr, y_te = _datasets.train_test_split(
        X, y, test_size=1.0 - cfg["train_fraction"], seed=seed,
        stratify=cfg["problem"] == "classification")
    return X_tr, y_tr, X_te, y_te


def grid_points(n=GRID, view=VIEW):
    r"""The centres of an ``n`` x ``n`` grid of cells tiling $[-v, v]^2$, row by row.

    .. math:: g_k = -v + \left(k + \tfrac12\right) \frac{2v}{n}, \qquad
              \text{point } (i, j) = (g_j, g_i) \text{ at row } i n + j

    so ``values.reshape(n, n)`` is an image with $x_2$ up the rows (``origin="lower"``)
    and ``extent=(-v, v, -v, v)``.

    Used in Chapter 7, section "Every neuron is a function of the plane".

    Parameters
    ----------
    n : int, default 100
    view : float, default 6.0

    Returns
    -------
    ndarray of shape (n * n, 2)

    Examples
    --------
    >>> grid_points(2, 1.0)
    array([[-0.5, -0.5],
           [ 0.5, -0.5],
           [-0.5,  0.5],
           [ 0.5,  0.5]])
    """
    n = as_int(n, "n", minimum=1)
    view = as_nonnegative(view, "view")
    if view <= 0:
        raise ValueError(f"view must be a number > 0; got {view}")
    g = -view + (np.arange(n) + 0.5) * (2.0 * view / n)
    xx, yy = np.meshgrid(g, g)
    return np.column_stack([xx.ravel(), yy.ravel()])


def network_maps(model, Phi, shape=(GRID, GRID)):
    r"""Every neuron's output over the grid, as images: what the thumbnails show.

    .. math:: M^{(l)}_j = \bigl[a^{(l)}_j(\mathbf{x}_p)\bigr]_{p \in \text{grid}},
              \qquad \text{output: } z^{(L)}(\mathbf{x}_p) \text{ (the logit)}

    from one :meth:`nncore.mlp.MLP.trace` of the grid's feature matrix ``Phi``.

    Used in Chapter 7, section "Every neuron is a function of the plane".

    Parameters
    ----------
    model : MLP
    Phi : ndarray of shape (rows * cols, sizes[0])
        The features of :func:`grid_points`.
    shape : (int, int)
        ``(rows, cols)`` of the grid.

    Returns
    -------
    hidden : list of ndarray
        One array of shape ``(n_l, rows, cols)`` per hidden layer.
    output : ndarray of shape (rows, cols)
        The output neuron's value (the logit; the prediction for regression).

    Examples
    --------
    >>> from nncore.mlp import MLP
    >>> net = MLP([1, 2, 1], params=[([[1.0], [-1.0]], [0.0, 0.0]), ([[1.0, 1.0]], [0.0])])
    >>> hidden, out = network_maps(net, np.array([[-1.0], [2.0]]), shape=(1, 2))
    >>> hidden[0]  # relu(x) and relu(-x)
    array([[[0., 2.]],
    <BLANKLINE>
           [[1., 0.]]])
    >>> out  # |x|
    array([[1., 2.]])
    """
    rows, cols = (as_int(v, "shape entry", minimum=1) for v in shape)
    if np.shape(Phi)[:1] != (rows * cols,):
        raise ValueError(f"Phi must have one row per grid point, {rows} x {cols} = "
                         f"{rows * cols} rows; got shape {np.shape(Phi)}")
    # in blocks of rows: each matrix product stays small enough for the BLAS library to
    # run it on one thread, which on a busy machine is several times faster (and never
    # slower) than one large product spread over threads that wait for each other
    blocks = []
    with np.errstate(over="ignore", invalid="ignore"):
        for start in range(0, rows * cols, _TRACE_BLOCK):
            blocks.append([layer["A"] for layer in model.trace(Phi[start:start + _TRACE_BLOCK])])
    outs = [np.concatenate(parts) for parts in zip(*blocks)]
    hidden = [A.T.reshape(-1, rows, cols) for A in outs[:-1]]
    return hidden, outs[-1][:, 0].reshape(rows, cols)


_TRACE_BLOCK = 2500
