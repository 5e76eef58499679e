"""The Playground's configuration, data and maps (numpy only).

The whole set-up is one plain dict (:data:`DEFAULT_CONFIG`), checked by
:func:`validate_config`; :func:`playground_data` makes the data it names (or checks the
reader's own, :func:`check_points`, :func:`read_points_csv`), :func:`config_from_url`
and :func:`config_to_url` translate a TensorFlow Playground link, :func:`grid_points`
gives the grid of the pictures, and :func:`network_maps` every neuron's output over
that grid.
"""

from __future__ import annotations

import copy
import csv
import io  # noqa: F401  (the doctest of read_points_csv)
import math
import numbers
import os
import urllib.parse
import zlib

import numpy as np

from .. import datasets as _datasets
from .. import features as _features
from .._checks import as_int, as_matrix, as_nonnegative, is_int
from ..mlp import MLP

__all__ = ["DEFAULT_CONFIG", "validate_config", "playground_data", "network_maps",
           "grid_points", "CLASSIFICATION_DATASETS", "REGRESSION_DATASETS",
           "PLAYGROUND_DATASETS", "LEARNING_RATES", "REG_RATES", "VIEW", "GRID",
           "DEFAULT_DATASET", "LIMITS", "N_POINTS", "OWN_DATA", "LOSSES",
           "shuffle_order", "check_points", "read_points_csv", "config_from_url",
           "config_to_url", "PLAYGROUND_URL", "URL_KEYS", "URL_IGNORED_KEYS"]


#: Half the side of the square shown: the plane is $[-6, 6]^2$, as in TensorFlow
#: Playground.
VIEW = 6.0
#: Points per side of the grid on which every map is computed (100 x 100, the
#: Playground's ``DENSITY``).
GRID = 100

#: The data sets of the classification problem: TensorFlow Playground's four, then
#: this book's (the moons and blobs of chapters 1-6, and the function boundaries of
#: :func:`nncore.datasets.curve_boundary`).
CLASSIFICATION_DATASETS = ("circle", "xor", "gauss", "spiral", "moons", "blobs",
                           "curve-sin", "curve-cubic", "curve-abs")
#: The data sets of the regression problem: TensorFlow Playground's two, then this
#: book's three surfaces.
REGRESSION_DATASETS = ("reg-plane", "reg-gauss", "reg-bump", "reg-max", "reg-argmax")
#: The data sets TensorFlow Playground has (the others are this book's extras).
PLAYGROUND_DATASETS = ("circle", "xor", "gauss", "spiral", "reg-plane", "reg-gauss")
#: The ``dataset`` of a configuration whose points the reader gives (``X=``, ``y=``).
OWN_DATA = "own"
#: Names of earlier versions of this book, and what they are called now.
_RENAMED = {"circles": "circle", "plane": "reg-plane", "gaussian_bump": "reg-bump",
            "max_xy": "reg-max", "argmax_xy": "reg-argmax"}
#: How many points each problem has when ``n_points`` is None: TensorFlow Playground's
#: ``NUM_SAMPLES_CLASSIFY`` and ``NUM_SAMPLES_REGRESS``.
N_POINTS = {"classification": 500, "regression": 1200}

#: The book's moons and blobs, placed in the square: name -> (generator, centre c,
#: scale s, noise gain), the points mapped by x -> s (x - c) and the generator's noise
#: ``gain * config["noise"]`` (Gaussian jitter, as in chapters 1-6).
_BOOK_SETS = {
    "moons": (_datasets.moons, (0.5, 0.25), 10.0 / 3.0, 1.0),
    "blobs": (_datasets.blobs, (0.0, 0.0), 5.0 / 3.0, 3.0),
}

PROBLEMS = ("classification", "regression")
#: The learning rates of the menu (TensorFlow Playground's).
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: The regularisation rates of the menu (TensorFlow Playground's).
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARISATIONS = ("none", "L1", "L2")
#: The initial weights: TensorFlow Playground's (weights uniform in [-0.5, 0.5], biases
#: 0.1), all zero (its "initZero"), or chapter 5's He / Glorot normal weights with zero
#: biases.
INITS = ("playground", "zeros", "auto")
#: The classification losses: TensorFlow Playground's (a tanh output, targets -1 and +1,
#: half the squared error) and chapter 5's (a sigmoid output and the binary
#: cross-entropy). Regression always has a linear output and half the squared error.
LOSSES = ("square", "cross_entropy")
ACTIVATION_NAMES = ("tanh", "relu", "sigmoid", "linear")
#: The interface's limits (TensorFlow Playground's): its buttons and sliders stop here.
MAX_LAYERS, MAX_NEURONS = 6, 8
#: Slider ranges (low, high, step), TensorFlow Playground's.
NOISE_RANGE = (0.0, 0.5, 0.05)
TRAIN_RANGE = (0.1, 0.9, 0.1)
BATCH_RANGE = (1, 30, 1)
#: What a configuration given in code may ask for, beyond the controls: up to 10 hidden
#: layers of up to 16 neurons (drawn as smaller thumbnails; bench/bench_playground.py
#: times the largest), any batch size up to the number of training points (checked
#: when the data are made), noise up to 0.8 (as a Playground link may), 20 to 5000
#: points, learning and regularisation rates up to 10.
LIMITS = {"layers": 10, "neurons": 16, "batch_size": 5000, "noise": 0.8,
          "n_points": (20, 5000), "lr": 10.0, "reg_rate": 10.0}
N_POINTS_RANGE = LIMITS["n_points"]

DEFAULT_CONFIG = {
    "problem": "classification",
    "dataset": "circle",
    "noise": 0.0,
    "train_fraction": 0.5,
    "batch_size": 10,
    "seed": 0,
    "features": ["x1", "x2"],
    "hidden": [4, 2],
    "activation": "tanh",
    "lr": 0.03,
    "regularisation": "none",
    "reg_rate": 0.0,
    "init": "playground",
    "loss": "square",
    "show_test": False,
    "discretise": False,
    "n_points": None,
}
"""The Playground's set-up, one plain (JSON-serialisable) dict: TensorFlow Playground's
defaults.

``problem`` "classification" or "regression"; ``dataset`` one of
:data:`CLASSIFICATION_DATASETS` or :data:`REGRESSION_DATASETS` (or "own" for the
reader's points); ``noise`` 0 to 0.5 (0.8 in code); ``train_fraction`` 0.1 to 0.9 (the
rest is the test set); ``batch_size`` 1 to 30 (in code: up to the number of training
points); ``seed`` (the points, their order, and the initial weights); ``features`` names
from :data:`nncore.features.FEATURES`; ``hidden`` 0 to 6 layer widths, each 1 to 8 (in
code: 10 layers of 16); ``activation`` "tanh", "relu", "sigmoid" or "linear"; ``lr`` > 0
(at most 10); ``regularisation`` "none", "L1" or "L2" and its ``reg_rate`` >= 0 (at most
10); ``init`` "playground", "zeros" or "auto" (:data:`INITS`); ``loss`` "square" or
"cross_entropy" (:data:`LOSSES`); ``show_test`` and ``discretise`` flags; ``n_points``
None (500 points for classification, 1200 for regression, as in TensorFlow Playground)
or 20 to 5000.
"""

DEFAULT_DATASET = {"classification": "circle", "regression": "reg-plane"}


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
    ``float``, lists as fresh lists, so the result is JSON-serialisable. The controls
    stop at TensorFlow Playground's limits; a configuration may go up to
    :data:`LIMITS`.

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
        belong to the problem, an unknown or repeated feature, a layer width outside
        1-16, the cross-entropy for regression.
    TypeError
        Naming the key, if a value has the wrong type (``config`` itself not a dict).

    Examples
    --------
    >>> cfg = validate_config({"dataset": "xor", "hidden": [3]})
    >>> cfg["dataset"], cfg["hidden"], cfg["activation"], cfg["loss"]
    ('xor', [3], 'tanh', 'square')
    >>> validate_config({"problem": "regression"})["dataset"]
    'reg-plane'
    >>> validate_config({"hiden": [2]})
    Traceback (most recent call last):
    ...
    ValueError: config has an unknown key 'hiden'; the keys are ['problem', 'dataset', \
'noise', 'train_fraction', 'batch_size', 'seed', 'features', 'hidden', 'activation', 'lr', \
'regularisation', 'reg_rate', 'init', 'loss', 'show_test', 'discretise', 'n_points']
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
    dataset = cfg["dataset"]
    if dataset not in names and dataset != OWN_DATA:
        hint = ""
        if isinstance(dataset, str) and dataset in _RENAMED:
            hint = (f" ({dataset!r} is now called {_RENAMED[dataset]!r}, "
                    f"TensorFlow Playground's name)")
        raise ValueError(f"config['dataset'] must be one of {list(names)} for the "
                         f"{out['problem']} problem; got {dataset!r}{hint}")
    out["dataset"] = dataset
    out["noise"] = _number(cfg, "noise", 0.0, LIMITS["noise"])
    out["train_fraction"] = _number(cfg, "train_fraction", TRAIN_RANGE[0], TRAIN_RANGE[1])
    out["batch_size"] = _integer(cfg, "batch_size", 1, LIMITS["batch_size"])
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
    max_layers, max_neurons = LIMITS["layers"], LIMITS["neurons"]
    if len(hidden) > max_layers:
        raise ValueError(f"config['hidden'] may hold at most {max_layers} layers (the "
                         f"controls stop at {MAX_LAYERS}); got {len(hidden)}: {list(hidden)}")
    for i, h in enumerate(hidden):
        if not is_int(h):
            raise TypeError(f"config['hidden'][{i}] must be an int from 1 to "
                            f"{max_neurons}; got {h!r}")
        if not 1 <= h <= max_neurons:
            raise ValueError(f"config['hidden'][{i}] must be an int from 1 to "
                             f"{max_neurons} (the controls stop at {MAX_NEURONS}); got {h}")
    out["hidden"] = [int(h) for h in hidden]
    out["activation"] = _choice(cfg, "activation", ACTIVATION_NAMES)
    lr = _number(cfg, "lr", 0.0, LIMITS["lr"])
    if lr <= 0:
        raise ValueError(f"config['lr'] must be a number > 0 and at most "
                         f"{LIMITS['lr']}; got {lr!r}")
    out["lr"] = lr
    out["regularisation"] = _choice(cfg, "regularisation", REGULARISATIONS)
    out["reg_rate"] = _number(cfg, "reg_rate", 0.0, LIMITS["reg_rate"])
    out["init"] = _choice(cfg, "init", INITS)
    out["loss"] = _choice(cfg, "loss", LOSSES)
    if out["problem"] == "regression" and out["loss"] != "square":
        raise ValueError("config['loss'] must be 'square' for the regression problem (a "
                         f"linear output and half the squared error); got {out['loss']!r}")
    out["show_test"] = _flag(cfg, "show_test")
    out["discretise"] = _flag(cfg, "discretise")
    if cfg["n_points"] is None:
        out["n_points"] = None
    else:
        out["n_points"] = _integer(cfg, "n_points", *LIMITS["n_points"])
    return out


def n_points_of(cfg):
    """How many points a (validated) configuration's data set has."""
    return N_POINTS[cfg["problem"]] if cfg["n_points"] is None else cfg["n_points"]


def shuffle_order(n, rng):
    r"""TensorFlow Playground's shuffle of ``n`` points: Fisher and Yates's, from the end,

    for $c = n, n - 1, \dots, 1$: $k = \lfloor u\,c \rfloor$ with $u \sim U[0, 1)$, then
    swap the entries $c - 1$ and $k$ (one uniform number per step, in that order).

    Parameters
    ----------
    n : int
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of int of shape (n,)
        A permutation of ``range(n)``.

    Examples
    --------
    >>> sorted(shuffle_order(5, np.random.default_rng(0)).tolist())
    [0, 1, 2, 3, 4]
    """
    order = list(range(n))
    u = rng.random(n)
    for step, c in enumerate(range(n, 0, -1)):
        k = int(u[step] * c)
        order[c - 1], order[k] = order[k], order[c - 1]
    return np.array(order, dtype=int)


def _split(n, train_fraction):
    """The number of training points: TensorFlow Playground's floor(n * percent / 100)."""
    percent = round(train_fraction * 100.0, 9)
    return int(math.floor(n * percent / 100.0 + 1e-9))


def playground_data(config=None, X=None, y=None):
    r"""The training and test sets of a configuration, in the Playground's square
    $[-6, 6]^2$, made as TensorFlow Playground makes them.

    ``n_points`` points (by default 500 for classification and 1200 for regression) of
    the data set ``dataset``: TensorFlow Playground's own generators
    (:data:`nncore.datasets.PLAYGROUND_DATA`: ``circle``, ``xor``, ``gauss``,
    ``spiral``, ``reg-plane``, ``reg-gauss``, and this book's function boundaries and
    surfaces, made the same way), or chapter 1's moons and blobs placed in the square
    (moons spanning $x_1$ from $-5$ to $5$, blobs centred at $\pm(2.5, 5/3)$ with three
    times the noise, both with Gaussian jitter), or the reader's own points ``X``,
    ``y`` (``dataset`` "own", checked by :func:`check_points`). Then the points are
    shuffled once (:func:`shuffle_order`) and the first
    $\lfloor n \cdot \text{train\_fraction} \rfloor$ are the training set, the rest the
    test set, as in the Playground (the split is not stratified). Everything random
    comes from ``seed``, one stream for the points and then their order.

    Used in Chapter 7, section "The data".

    Parameters
    ----------
    config : dict or None
        As for :func:`validate_config`.
    X : array_like of shape (n, 2), optional
    y : array_like of shape (n,), optional
        The reader's own points and labels (0/1 or -1/+1) or targets; then ``dataset``
        must be "own".

    Returns
    -------
    X_train : ndarray of shape (n_train, 2)
    y_train : ndarray of shape (n_train,)
        Int labels in {0, 1} (1 is the Playground's +1, drawn blue), or float targets.
    X_test : ndarray of shape (n_test, 2)
    y_test : ndarray of shape (n_test,)

    Examples
    --------
    >>> X_tr, y_tr, X_te, y_te = playground_data({"dataset": "xor"})
    >>> len(X_tr), len(X_te), bool(np.abs(X_tr).min() >= 0.3)
    (250, 250, True)
    >>> len(playground_data({"problem": "regression"})[0])
    600
    """
    cfg = validate_config(config)
    own = cfg["dataset"] == OWN_DATA
    if X is not None or y is not None:
        if X is None or y is None:
            raise ValueError("the reader's own data need both X (the points) and y (the "
                             "labels or targets)")
        if not own:
            raise ValueError(f"config['dataset'] must be {OWN_DATA!r} when X and y are "
                             f"given; got {cfg['dataset']!r}")
        X, y = check_points(X, y, cfg["problem"])
    elif own:
        raise ValueError(f"config['dataset'] {OWN_DATA!r} needs the points: pass X= and y= "
                         f"(or read them with read_points_csv)")
    rng = np.random.default_rng(cfg["seed"])
    if not own:
        n, noise = n_points_of(cfg), cfg["noise"]
        name = cfg["dataset"]
        if name in _datasets.PLAYGROUND_DATA:
            X, y = _datasets.PLAYGROUND_DATA[name](n, noise, rng)
        else:
            make, centre, scale, gain = _BOOK_SETS[name]
            X, y = make(n=n, noise=gain * noise, seed=rng)
            X = (np.asarray(X, dtype=float) - np.asarray(centre)) * scale
    order = shuffle_order(len(X), rng)
    X, y = X[order], y[order]
    k = _split(len(X), cfg["train_fraction"])
    return X[:k], y[:k], X[k:], y[k:]


def check_points(X, y, problem="classification"):
    """The reader's own points, checked for the Playground: ``X`` of shape ``(n, 2)`` in
    the square $[-6, 6]^2$ (where the pictures and the features live), 4 to 5000 of
    them, finite; ``y`` of shape ``(n,)``: class labels 0 and 1 (or the Playground's -1
    and +1) for classification, finite targets for regression.

    Used in Chapter 7, section "Your own data, and a trained network to keep".

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of shape (n,)
        Int labels in {0, 1} (-1 becomes 0), or float targets.

    Raises
    ------
    ValueError, TypeError
        Saying what is wrong: the shape, a point outside the square (and how to scale
        them into it), a label other than 0/1 or -1/+1, NaN or infinity.

    Examples
    --------
    >>> X, y = check_points([[1, 2], [-1, 0], [3, 3], [0, -4]], [1, -1, 1, -1])
    >>> y
    array([1, 0, 1, 0])
    >>> check_points([[10, 2], [-1, 0], [3, 3], [0, -4]], [1, 0, 1, 0])
    Traceback (most recent call last):
    ...
    ValueError: X must lie in the Playground's square [-6, 6]^2 (its pictures and features \
assume it); got the point (10, 2) at row 0. Scale the points, for example X * 6 / \
np.abs(X).max()
    """
    if problem not in PROBLEMS:
        raise ValueError(f"problem must be one of {list(PROBLEMS)}; got {problem!r}")
    X = as_matrix(X, "X", n_features=2)
    low, high = 4, LIMITS["n_points"][1]
    if not low <= len(X) <= high:
        raise ValueError(f"X must hold from {low} to {high} points; got {len(X)}")
    outside = np.flatnonzero(np.abs(X).max(axis=1) > VIEW)
    if outside.size:
        i = int(outside[0])
        raise ValueError(
            f"X must lie in the Playground's square [-{VIEW:g}, {VIEW:g}]^2 (its pictures "
            f"and features assume it); got the point ({X[i, 0]:.6g}, {X[i, 1]:.6g}) at row "
            f"{i}. Scale the points, for example X * 6 / np.abs(X).max()")
    try:
        y_arr = np.asarray(y)
    except ValueError:
        y_arr = None
    if y_arr is None or y_arr.dtype.kind not in "biuf":
        raise TypeError(f"y must be an array of numbers, one per point; got {y!r:.60}")
    if y_arr.shape != (len(X),):
        raise ValueError(f"y must have one entry per point of X, shape ({len(X)},); got "
                         f"shape {y_arr.shape}")
    y_arr = y_arr.astype(float)
    if not np.all(np.isfinite(y_arr)):
        i = int(np.flatnonzero(~np.isfinite(y_arr))[0])
        raise ValueError(f"y must contain only finite numbers; got {y_arr[i]} at index {i}")
    if problem == "regression":
        return X, y_arr
    values = set(np.unique(y_arr).tolist())
    if not (values <= {0.0, 1.0} or values <= {-1.0, 1.0}):
        raise ValueError(f"y must hold class labels 0 and 1 (or the Playground's -1 and "
                         f"+1) for classification; got the values {sorted(values)[:6]}")
    return X, (y_arr > 0).astype(int)


def read_points_csv(source):
    """Points from a CSV file with a header and the columns ``x1``, ``x2`` and ``label``
    (classification: 0/1 or -1/+1) or ``target`` (regression), in any order; other
    columns are ignored.

    Used in Chapter 7, section "Your own data, and a trained network to keep".

    Parameters
    ----------
    source : str, os.PathLike or file-like
        A path, or an open text file (``io.StringIO`` works).

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of shape (n,)
    problem : str
        "classification" (a ``label`` column) or "regression" (a ``target`` column).

    Raises
    ------
    ValueError
        A missing column (naming the columns found), a value that is not a number
        (naming its line and column), no rows; then :func:`check_points`'s checks.

    Examples
    --------
    >>> text = "x1,x2,label\\n1,2,1\\n-1,0,0\\n3,3,1\\n0,-4,0\\n"
    >>> X, y, problem = read_points_csv(io.StringIO(text))
    >>> X.shape, y.tolist(), problem
    ((4, 2), [1, 0, 1, 0], 'classification')
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, newline="", encoding="utf-8") as f:
            return read_points_csv(f)
    if not hasattr(source, "read"):
        raise TypeError(f"source must be a path or an open text file; got {source!r:.60}")
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None:
        raise ValueError("the CSV is empty: it needs a header x1,x2,label (or target) and "
                         "one row per point")
    names = [h.strip().lower() for h in header]
    target = "label" if "label" in names else "target" if "target" in names else None
    missing = [c for c in ("x1", "x2") if c not in names] + ([] if target else
                                                            ["label (or target)"])
    if missing:
        raise ValueError(f"the CSV must have the columns x1, x2 and label (or target); "
                         f"{', '.join(missing)} missing among {header}")
    cols = [names.index("x1"), names.index("x2"), names.index(target)]
    rows = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = []
        for c, name in zip(cols, ("x1", "x2", target)):
            cell = row[c].strip() if c < len(row) else ""
            try:
                values.append(float(cell))
            except ValueError:
                raise ValueError(f"the CSV's line {line}, column {name}: {cell!r} is not a "
                                 f"number") from None
        rows.append(values)
    if not rows:
        raise ValueError("the CSV has a header but no points")
    data = np.array(rows)
    problem = "classification" if target == "label" else "regression"
    X, y = check_points(data[:, :2], data[:, 2], problem)
    return X, y, problem


# -- TensorFlow Playground's links ---------------------------------------------------

#: Where TensorFlow Playground lives; its state follows the ``#``.
PLAYGROUND_URL = "https://playground.tensorflow.org/"
#: Every key of TensorFlow Playground's state (``State.PROPS`` in its ``state.ts``), in
#: its order.
URL_KEYS = ("activation", "regularization", "batchSize", "dataset", "regDataset",
            "learningRate", "regularizationRate", "noise", "networkShape", "seed",
            "showTestData", "discretize", "percTrainData", "x", "y", "xTimesY",
            "xSquared", "ySquared", "cosX", "sinX", "cosY", "sinY", "collectStats",
            "tutorial", "problem", "initZero", "hideText")
#: Keys that change nothing in a run: the page's own settings, and cos x1, cos x2,
#: which the state knows but the Playground's network never gets as inputs. Keys
#: ending in ``_hide`` (hidden controls) are ignored too.
URL_IGNORED_KEYS = ("cosX", "cosY", "collectStats", "tutorial", "hideText")
#: The Playground's feature keys and this book's names, in the Playground's order.
_URL_FEATURES = {"x": "x1", "y": "x2", "xSquared": "x1^2", "ySquared": "x2^2",
                 "xTimesY": "x1*x2", "sinX": "sin(x1)", "sinY": "sin(x2)"}
_URL_CHOICES = {"activation": ("activation", ACTIVATION_NAMES),
                "regularization": ("regularisation", REGULARISATIONS),
                "dataset": ("dataset", PLAYGROUND_DATASETS[:4]),
                "regDataset": ("dataset", PLAYGROUND_DATASETS[4:]),
                "problem": ("problem", PROBLEMS)}


def _url_number(key, text):
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"the link's {key}={text!r} is not a number")
    return value


def _seed_from_text(text):
    """A Playground seed (a string such as "0.59204") as this book's int seed: an int
    from 0 to 2**32 - 1 stays itself, any other string becomes its CRC-32."""
    if text.isdigit() and int(text) < 2**32:
        return int(text)
    return zlib.crc32(text.encode("utf-8"))


def config_from_url(url):
    """A TensorFlow Playground link as a configuration: the same experiment here.

    Reads every key of the Playground's state (:data:`URL_KEYS`, the part after ``#``):
    the activation, the regularisation and its rate, the batch size, the data set (for
    the problem's type: ``dataset`` or ``regDataset``), the learning rate, the noise and
    the training share (in percent there), the hidden layers (``networkShape``), the
    seed, the two display switches, the seven input features and the initial weights
    (``initZero``). Keys that change nothing in a run are ignored
    (:data:`URL_IGNORED_KEYS`, and ``..._hide``); a key left out takes the Playground's
    default, which is :data:`DEFAULT_CONFIG`'s. The Playground's seed is a string: an
    integer stays itself, any other string becomes a number of its own (its CRC-32), so
    the same link always gives the same points here, though not the very points of the
    Playground, whose random numbers come from another generator.

    Used in Chapter 7, section "Share an experiment".

    Parameters
    ----------
    url : str
        A whole link (``https://playground.tensorflow.org/#activation=tanh&...``), or
        the part after ``#``, with or without the ``#``.

    Returns
    -------
    dict
        A validated configuration.

    Raises
    ------
    ValueError
        Naming the key: an unknown key, a value the Playground does not know, a number
        that is not one, or a configuration :func:`validate_config` refuses.

    Examples
    --------
    >>> cfg = config_from_url("https://playground.tensorflow.org/#activation=relu"
    ...                       "&dataset=xor&networkShape=8,3&noise=20&xSquared=true")
    >>> cfg["activation"], cfg["dataset"], cfg["hidden"], cfg["noise"], cfg["features"]
    ('relu', 'xor', [8, 3], 0.2, ['x1', 'x2', 'x1^2'])
    """
    if not isinstance(url, str):
        raise TypeError(f"url must be a TensorFlow Playground link (a str); got {url!r:.60}")
    fragment = url.split("#", 1)[1] if "#" in url else url
    fragment = fragment.strip()
    state = {}
    for part in fragment.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        name, value = urllib.parse.unquote(name).strip(), urllib.parse.unquote(value)
        if name.endswith("_hide") or name in URL_IGNORED_KEYS:
            continue
        if name not in URL_KEYS:
            raise ValueError(f"the link has an unknown key {name!r}; TensorFlow "
                             f"Playground's keys are {list(URL_KEYS)}")
        state[name] = value

    def has(name):  # the Playground's hasKey: present and not blank
        return name in state and state[name].strip() != ""

    cfg = {}
    problem = state["problem"] if has("problem") else "classification"
    for key, (ours, choices) in _URL_CHOICES.items():
        if not has(key):
            continue
        if state[key] not in choices:
            raise ValueError(f"the link's {key}={state[key]!r} is not one of {list(choices)}")
        if key == "dataset" and problem != "classification":
            continue
        if key == "regDataset" and problem != "regression":
            continue
        cfg[ours] = state[key]
    for key, ours in (("batchSize", "batch_size"), ("learningRate", "lr"),
                      ("regularizationRate", "reg_rate"), ("noise", "noise"),
                      ("percTrainData", "train_fraction")):
        if has(key):
            value = _url_number(key, state[key])
            if key in ("noise", "percTrainData"):
                value = value / 100.0
            if key == "batchSize":
                if value != int(value):
                    raise ValueError(f"the link's batchSize={state[key]!r} is not a whole "
                                     f"number")
                value = int(value)
            cfg[ours] = value
    if "networkShape" in state:
        text = state["networkShape"].strip()
        widths = [_url_number("networkShape", w) for w in text.split(",")] if text else []
        if any(w != int(w) for w in widths):
            raise ValueError(f"the link's networkShape={text!r} must be whole numbers")
        cfg["hidden"] = [int(w) for w in widths]
    if has("seed"):
        cfg["seed"] = _seed_from_text(state["seed"].strip())
    for key, ours in (("showTestData", "show_test"), ("discretize", "discretise")):
        if has(key):
            cfg[ours] = state[key] != "false"
    if has("initZero"):
        cfg["init"] = "zeros" if state["initZero"] != "false" else "playground"
    on = {"x": True, "y": True}  # the Playground's defaults
    for key in _URL_FEATURES:
        if has(key):
            on[key] = state[key] != "false"
    cfg["features"] = [name for key, name in _URL_FEATURES.items() if on.get(key)]
    if not cfg["features"]:
        raise ValueError("the link switches every input feature off; the network needs "
                         "at least one (x, y, xSquared, ySquared, xTimesY, sinX or sinY)")
    return validate_config(cfg)


def _js_number(v):
    """A number as JavaScript writes it in a link: no trailing .0."""
    v = float(v)
    return str(int(v)) if v == int(v) and abs(v) < 1e15 else repr(v)


def config_to_url(config, base=PLAYGROUND_URL):
    """A configuration as a TensorFlow Playground link: :func:`config_from_url` back.

    Writes every key the Playground itself writes (:data:`URL_KEYS` but ``tutorial``),
    in its order. Only what the Playground has can be written: its six data sets, its
    seven features, the square loss, its two initialisations and its numbers of
    points; anything else is refused, naming each key.

    Used in Chapter 7, section "Share an experiment".

    Parameters
    ----------
    config : dict
    base : str, default :data:`PLAYGROUND_URL`

    Returns
    -------
    str

    Raises
    ------
    ValueError
        Listing every setting the Playground does not have.

    Examples
    --------
    >>> url = config_to_url({"dataset": "spiral", "hidden": [8], "noise": 0.1})
    >>> url[:60]
    'https://playground.tensorflow.org/#activation=tanh&regulariz'
    >>> config_from_url(url) == validate_config({"dataset": "spiral", "hidden": [8],
    ...                                          "noise": 0.1})
    True
    """
    cfg = validate_config(config)
    problems = []
    if cfg["dataset"] not in PLAYGROUND_DATASETS:
        problems.append(f"dataset {cfg['dataset']!r} (the Playground has "
                        f"{list(PLAYGROUND_DATASETS)})")
    extra = [f for f in cfg["features"] if f not in _URL_FEATURES.values()]
    if extra:
        problems.append(f"features {extra} (the Playground's inputs are "
                        f"{list(_URL_FEATURES.values())})")
    if cfg["loss"] != "square":
        problems.append(f"loss {cfg['loss']!r} (the Playground trains on the square loss)")
    if cfg["init"] == "auto":
        problems.append("init 'auto' (the Playground draws uniform weights or zeros)")
    if cfg["n_points"] is not None:
        problems.append(f"n_points {cfg['n_points']} (the Playground has "
                        f"{N_POINTS['classification']} points for classification and "
                        f"{N_POINTS['regression']} for regression)")
    if problems:
        raise ValueError("TensorFlow Playground has no counterpart for: "
                         + "; ".join(problems))
    classify = cfg["problem"] == "classification"
    on = set(cfg["features"])
    state = {
        "activation": cfg["activation"],
        "regularization": cfg["regularisation"],
        "batchSize": str(cfg["batch_size"]),
        "dataset": cfg["dataset"] if classify else "circle",
        "regDataset": "reg-plane" if classify else cfg["dataset"],
        "learningRate": _js_number(cfg["lr"]),
        "regularizationRate": _js_number(cfg["reg_rate"]),
        "noise": _js_number(round(cfg["noise"] * 100.0, 9)),
        "networkShape": ",".join(str(h) for h in cfg["hidden"]),
        "seed": str(cfg["seed"]),
        "showTestData": str(cfg["show_test"]).lower(),
        "discretize": str(cfg["discretise"]).lower(),
        "percTrainData": _js_number(round(cfg["train_fraction"] * 100.0, 9)),
    }
    for key in URL_KEYS[13:22]:  # x ... sinY
        state[key] = "true" if _URL_FEATURES.get(key) in on else "false"
    state.update(collectStats="false", problem=cfg["problem"],
                 initZero=str(cfg["init"] == "zeros").lower(), hideText="false")
    return base + "#" + "&".join(f"{k}={state[k]}" for k in URL_KEYS if k in state)


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
              \qquad \text{output: } z^{(D)}(\mathbf{x}_p) \text{ (the logit)}

    from one :meth:`nncore.mlp.MLP.trace` of the grid's feature matrix ``Phi``, for a
    network of $D$ layers (the hidden layers and the output).

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
    if not isinstance(model, MLP):
        raise TypeError(f"model must be an nncore.mlp.MLP (the network whose neurons are "
                        f"mapped, such as run.model); got {model!r:.60} of type "
                        f"{type(model).__name__}")
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
