r"""The Playground: train a small network live on 2-D data and watch every neuron.

What TensorFlow Playground does in a browser, with every number computed by nncore: the
data come from :mod:`nncore.datasets` and :mod:`nncore.features`, the network is an
:class:`nncore.mlp.MLP` with one output, trained by an :class:`nncore.mlp.Trainer`
(binary cross-entropy on the sigmoid of the output for classification, the mean squared
error for regression, optional L1 or L2 penalties on the weights).

The picture has three columns, as in the original: the input features (each one's
value over the plane), the hidden layers (each neuron's own output over the plane,
linked to the layer below by its weights, orange for positive and blue for negative,
thicker for larger $|w|$, with its bias as a small square), and the output (a big
heatmap with the training and test points, and the loss curves). Every thumbnail is
the function of $\mathbf{x}$ that neuron computes:

.. math:: a^{(l)}_j(\mathbf{x}) = f\Bigl(\sum_k (W_l)_{jk}\, a^{(l-1)}_k(\mathbf{x})
          + (b_l)_j\Bigr), \qquad \mathbf{a}^{(0)}(\mathbf{x}) = \boldsymbol{\phi}(\mathbf{x}).

The whole set-up is one plain dict (:data:`DEFAULT_CONFIG`), which the reader can print,
paste and load back: ``playground(config)``.

The data live in the square $[-6, 6]^2$ (:data:`VIEW`): each toy set is moved and scaled
so that its clean shape fills a disc of radius 5, as in TensorFlow Playground, so that
features such as $\sin x_1$ see a few radians of the plane.

Used in Chapter 7, "The Playground".
"""

from __future__ import annotations

import asyncio
import copy
import json
import math
import numbers
import time

import numpy as np

from . import datasets as _datasets
from . import features as _features
from . import losses as _losses
from ._checks import as_int, as_nonnegative
from .mlp import MLP, Trainer

__all__ = [
    "DEFAULT_CONFIG",
    "validate_config",
    "playground_data",
    "network_maps",
    "grid_points",
    "upsample2",
    "PlaygroundDisplay",
    "Playground",
    "playground",
    "record_playground",
    "PlaygroundRun",
    "run_playground",
    "CLASSIFICATION_DATASETS",
    "REGRESSION_DATASETS",
    "LEARNING_RATES",
    "REG_RATES",
    "VIEW",
    "SPIRAL_TURNS",
    "GRID",
    "PLAY_CMAP",
    "LINK_CMAP",
    "REGION_CMAP",
]

# ---------------------------------------------------------------------------------------
# The configuration
# ---------------------------------------------------------------------------------------

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
REGRESSION_DATASETS = tuple(_features.REGRESSION)
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

_DEFAULT_DATASET = {"classification": "circles", "regression": "plane"}


def _is_int(v):
    return isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))


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
    if not _is_int(v):
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
        cfg["dataset"] = _DEFAULT_DATASET[out["problem"]]
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
        out["features"] = list(_features._check_names(feats))
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
        if not _is_int(h):
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


# ---------------------------------------------------------------------------------------
# The data, the grid, the maps
# ---------------------------------------------------------------------------------------


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
    :data:`nncore.features.REGRESSION` ``[dataset]`` times 5. Then
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
        X, y = _features.REGRESSION[cfg["dataset"]](n=n, noise=noise, seed=seed)
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


# ---------------------------------------------------------------------------------------
# The drawing
# ---------------------------------------------------------------------------------------

_BLUE, _ORANGE = "#0072B2", "#E69F00"  # CLASS_COLORS of nncore.plotting
_LIGHT_BLUE, _LIGHT_ORANGE = "#8CBFDC", "#F4D48C"  # the same, 45 % on white


def _cmap(name, colors):
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list(name, colors, N=256).with_extremes(bad="0.85")


class _LazyCmap:
    """A colour map built on first use (so importing this module does not import
    matplotlib)."""

    def __init__(self, name, colors):
        self.name, self.colors, self._cmap = name, colors, None

    def get(self):
        if self._cmap is None:
            self._cmap = _cmap(self.name, self.colors)
        return self._cmap


#: Neurons, weights, biases and regression targets: blue (negative) - white - orange.
PLAY_CMAP = _LazyCmap("nncore_play", [_BLUE, "#ffffff", _ORANGE])
#: The weights: blue (negative) - light grey (0) - orange, as in TensorFlow Playground.
LINK_CMAP = _LazyCmap("nncore_play_links", [_BLUE, "#E3E5E6", _ORANGE])
#: The output region behind the points: the same, lighter.
REGION_CMAP = _LazyCmap("nncore_play_region", [_LIGHT_BLUE, "#ffffff", _LIGHT_ORANGE])

#: Figure size (inches) and resolution of the Playground's picture (860 x 416 px).
FIGSIZE = (10.75, 5.2)
DPI = 80
_W, _H = FIGSIZE[0] * DPI, FIGSIZE[1] * DPI  # the figure in pixels
_NET_RIGHT = 575.0  # the network panel is x in [0, _NET_RIGHT] px
_HEAD_Y, _SUB_Y = _H - 16, _H - 32  # baselines of the headers and of their second line
_BAND = (32.0, _H - 46)  # the neurons' vertical band
_HEAT = (610.0, 176.0, 200.0)  # the big heatmap: left, bottom, side (px)
_LOSS = (610.0, 30.0, 200.0, 84.0)  # the loss axes: left, bottom, width, height (px)
_CBAR = (818.0, 176.0, 8.0, 200.0)
_HEADER = dict(fontsize=8.5, fontweight="bold", color="0.35")
_SMALL = dict(fontsize=8.5, color="0.3")
#: The epoch axis starts at 50 epochs and doubles when reached; the loss axis follows
#: the run in powers of 2 from 1/8 to 8 (see :func:`_loss_top`).
_FIRST_EPOCHS, _FIRST_LOSS, _MIN_LOSS, _MAX_LOSS = 50, 1.0, 0.125, 8.0
_TRAIN_LOSS_COLOR, _TEST_LOSS_COLOR = "0.15", "#CC79A7"


def _px_to_pt(px):
    return px * 72.0 / DPI


def _link_width(w):
    """Line width (points) of a link of weight w: 1 px + 1.8 px per unit of |w|, to 10 px
    (TensorFlow Playground's scale)."""
    return _px_to_pt(np.minimum(1.0 + 1.8 * np.abs(w), 10.0))


def _layer_label(n):
    return f"{n} neuron" if n == 1 else f"{n} neurons"


class PlaygroundDisplay:
    r"""The Playground's picture: features, hidden neurons, weights, output and losses.

    Create it once; :meth:`set_network` draws the network's structure (a new
    architecture, feature set or problem), :meth:`set_data` the points, and
    :meth:`show` moves the numbers (maps, weights, biases, losses) without creating
    anything. Every colour shows a value on the same scale, blue for negative, white
    for 0, orange for positive, clipped to $[-1, 1]$: the features (each divided by its
    largest $|\cdot|$ over the plane), the hidden neurons' outputs $a^{(l)}_j$, the
    biases, the weights (their width grows with $|w|$), and the output
    ($\sigma(z) - \tfrac12$ doubled, for classification, so that white is
    $P = \tfrac12$).

    Used in Chapter 7 through :class:`Playground` and :func:`record_playground`.

    Attributes
    ----------
    figure_ : matplotlib.figure.Figure
    ax_net_, ax_out_, ax_loss_, ax_cbar_ : Axes
        The network panel (pixel coordinates), the big heatmap, the loss curves and the
        colour bar.
    feature_images_ : list of AxesImage
    neuron_images_ : list of list of AxesImage
        ``neuron_images_[l][j]``: hidden layer ``l + 1``, neuron ``j + 1``.
    output_image_ : AxesImage
        The output neuron's thumbnail.
    links_ : LineCollection
        Every weight, one segment each: layer by layer, each ``W`` in row-major order;
        ``link_layers_[l]`` is the slice of layer ``l + 1`` (``W_{l+1}``), where segment
        ``j * n_in + k`` joins input ``k`` to neuron ``j``.
    biases_ : PathCollection
        Every bias, as a small square; ``bias_layers_[l]`` is the slice of layer
        ``l + 1`` (its array holds the biases, clipped to [-1, 1]).
    heatmap_ : AxesImage
        The big view: the output (or the neuron chosen with ``view``).
    train_points_, test_points_ : PathCollection
    loss_lines_ : dict of Line2D
        ``"train"`` and ``"test"``.
    big_map_ : ndarray of shape (100, 100)
        What the big view shows, on the colour scale [-1, 1], before the heatmap's
        smoothing (:func:`upsample2`).
    loss_texts_ : dict of Text
        "train" and "test": the last loss (and accuracy) of each set; with ``live``
        only the names of the curves (the widget writes the numbers outside the
        picture, where a changing text costs nothing to draw).
    epoch_text_ : Text
        The epoch, top right (not with ``live``).

    Parameters
    ----------
    figure : matplotlib.figure.Figure, optional
        A figure of size :data:`FIGSIZE` with a canvas; by default a new one (Agg).
    dpi : float, default 80
    live : bool, default False
        For the widget: no changing text in the picture.
    """

    def __init__(self, figure=None, *, dpi=DPI, live=False):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        if figure is None:
            figure = Figure(figsize=FIGSIZE, dpi=dpi)
            FigureCanvasAgg(figure)
        self.figure_ = figure
        fig = figure

        def axes(left, bottom, width, height):
            return fig.add_axes((left / _W, bottom / _H, width / _W, height / _H))

        self.ax_net_ = axes(0.0, 0.0, _NET_RIGHT, _H)
        self.ax_net_.set_axis_off()
        for spine in self.ax_net_.spines.values():
            spine.set_visible(False)
        self.ax_net_.set_xlim(0.0, _NET_RIGHT)
        self.ax_net_.set_ylim(0.0, _H)

        x0, y0, side = _HEAT
        self.ax_out_ = axes(x0, y0, side, side)
        ax = self.ax_out_
        ax.set_xlim(-VIEW, VIEW)
        ax.set_ylim(-VIEW, VIEW)
        ticks = [-VIEW, -VIEW / 2, 0, VIEW / 2, VIEW]
        ax.set_xticks(ticks)
        ax.set_yticks(ticks)
        ax.tick_params(labelsize=8, length=2.5, pad=1.5, colors="0.3")
        # a frame behind the map instead of spines over it: nothing static lies on top
        # of a moving artist, so a frame is the static picture plus the moving artists
        from matplotlib.patches import Rectangle

        for spine in ax.spines.values():
            spine.set_visible(False)
        px = 2 * VIEW / _HEAT[2]  # one pixel in data units
        ax.add_patch(Rectangle((-VIEW - px, -VIEW - px), 2 * (VIEW + px), 2 * (VIEW + px),
                               facecolor="0.55", edgecolor="none", zorder=-1, clip_on=False))
        # the map is smoothed by linear interpolation to twice the grid (one value per
        # pixel), then drawn 1:1
        self.heatmap_ = ax.imshow(np.zeros((2 * GRID, 2 * GRID)), origin="lower",
                                  extent=(-VIEW, VIEW, -VIEW, VIEW), vmin=-1.0, vmax=1.0,
                                  cmap=REGION_CMAP.get(), interpolation="nearest",
                                  zorder=0)
        self.big_map_ = np.zeros((GRID, GRID))
        self.train_points_ = ax.scatter([], [], s=16, edgecolors="white", linewidths=0.7,
                                        zorder=3)
        self.test_points_ = ax.scatter([], [], s=13, edgecolors="0.1", linewidths=0.6,
                                       zorder=3.1)
        self._marker_points = []  # per-class scatters when classes get markers
        self._out_header = fig.text(x0 / _W, _HEAD_Y / _H, "OUTPUT",
                                    ha="left", va="baseline", **_HEADER)
        self._out_sub = fig.text((x0 + side / 2) / _W, _SUB_Y / _H, "", ha="center",
                                 va="baseline", **_SMALL)

        cx, cy, cw, ch = _CBAR
        self.ax_cbar_ = axes(cx, cy, cw, ch)
        self._cbar_image = self.ax_cbar_.imshow(
            np.linspace(-1, 1, 128)[:, None], origin="lower", aspect="auto",
            cmap=REGION_CMAP.get(), vmin=-1, vmax=1, extent=(0, 1, -1, 1))
        self.ax_cbar_.set_xticks([])
        self.ax_cbar_.yaxis.tick_right()
        self.ax_cbar_.tick_params(labelsize=8, length=2, pad=1.5, colors="0.3")
        for spine in self.ax_cbar_.spines.values():
            spine.set_color("0.55")

        lx, ly, lw, lh = _LOSS
        self.ax_loss_ = axes(lx, ly, lw, lh)
        ax = self.ax_loss_
        ax.set_ylim(0, _FIRST_LOSS)
        ax.set_xlim(0, _FIRST_EPOCHS)
        ax.tick_params(labelsize=7.5, length=2, pad=1.5, colors="0.3")
        ax.set_xlabel("epoch", fontsize=8, labelpad=1, color="0.3")
        ax.set_ylabel("loss", fontsize=8, labelpad=1, color="0.3")
        ax.grid(True, which="major", color="0.9", linewidth=0.6)
        for spine in ax.spines.values():
            spine.set_color("0.55")
        self.loss_lines_ = {
            "train": ax.plot([], [], color=_TRAIN_LOSS_COLOR, lw=1.4, label="training",
                             zorder=3)[0],
            "test": ax.plot([], [], color=_TEST_LOSS_COLOR, lw=1.4, ls=(0, (4, 1.5)),
                            label="test", zorder=3)[0],
        }
        self.loss_texts_ = {
            "train": fig.text(lx / _W, (ly + lh + 22) / _H, "", ha="left", va="baseline",
                              fontsize=8, color=_TRAIN_LOSS_COLOR),
            "test": fig.text(lx / _W, (ly + lh + 10) / _H, "", ha="left", va="baseline",
                             fontsize=8, color=_TEST_LOSS_COLOR),
        }
        self.epoch_text_ = fig.text((x0 + side) / _W, _HEAD_Y / _H, "", ha="right",
                                    va="baseline", **_HEADER)
        # live: the numbers are shown outside the picture (drawing a changing text costs
        # more than the rest of a frame), the texts only say which curve is which
        self.live = bool(live)
        if self.live:
            self.loss_texts_["train"].set_text("\u2014 training loss")
            self.loss_texts_["test"].set_text("- - test loss")

        self.feature_images_, self.neuron_images_ = [], []
        self.links_ = self.biases_ = None
        self.link_layers_, self.bias_layers_ = [], []
        self.output_image_ = None
        self._net_artists = []
        self.problem, self.view, self.discretise = "classification", "output", False
        self.hidden_, self.feature_names_ = [], []

    # -- structure ----------------------------------------------------------------------

    def _columns(self, hidden):
        """x of the column centres: features, hidden layers, output."""
        n_cols = len(hidden) + 2
        first, last = 78.0, _NET_RIGHT - 34.0
        return [float(round(x)) for x in np.linspace(first, last, n_cols)]

    @staticmethod
    def _sizes(counts):
        top, bottom = _BAND[1], _BAND[0]
        slot = min(72.0, (top - bottom) / max(counts))
        thumb = 2.0 * math.floor(min(54.0, 0.78 * slot) / 2)  # even: whole-pixel edges
        return slot, thumb

    @staticmethod
    def _ys(n, slot):
        mid = 0.5 * (_BAND[0] + _BAND[1])
        return [float(round(mid + (0.5 * (n - 1) - i) * slot)) for i in range(n)]

    def set_network(self, feature_names, hidden, feature_maps, *, problem="classification",
                    activation="tanh", view="output"):
        """Draw the network's structure: one thumbnail per feature and per neuron, the
        links, the headers. ``feature_maps`` are the features over the grid, shape
        ``(n_features, rows, cols)``; each is shown divided by its largest ``|value|``.
        ``view`` is "output" or ``(l, j)`` (hidden layer ``l``, neuron ``j``, from 1):
        that thumbnail gets a dark frame. Returns ``self``."""
        from matplotlib.collections import LineCollection

        for artist in self._net_artists:
            artist.remove()
        self._net_artists = []
        ax = self.ax_net_
        self.problem, self.view, self._activation = problem, view, activation
        self.feature_names_, self.hidden_ = list(feature_names), list(hidden)
        counts = [len(feature_names), *hidden, 1]
        xs = self._columns(hidden)
        slot, thumb = self._sizes(counts)
        self._thumb = thumb
        cmap = PLAY_CMAP.get()
        half = thumb / 2

        def add(artist):
            self._net_artists.append(artist)
            return artist

        self._frames = {}

        def frame(x, y, key=None):
            from matplotlib.patches import Rectangle

            rect = add(ax.add_patch(Rectangle((x, y), 0, 0, edgecolor="none", zorder=1)))
            rect.centre = (x, y)
            if key is not None:
                self._frames[key] = rect
            self._style_frame(rect, selected=key is not None and key == view)

        def image(x, y, data=None):
            return add(ax.imshow(np.zeros((2, 2)) if data is None else data,
                                 origin="lower", extent=(x - half, x + half, y - half, y + half),
                                 cmap=cmap, vmin=-1.0, vmax=1.0, interpolation="nearest",
                                 zorder=2))

        columns = []
        # features
        ys = self._ys(len(feature_names), slot)
        self.feature_images_ = []
        for name, fmap, y in zip(feature_names, feature_maps, ys):
            top = float(np.max(np.abs(fmap)))
            frame(xs[0], y)
            self.feature_images_.append(image(xs[0], y, fmap / top if top > 0 else fmap))
            add(ax.text(xs[0] - half - 6, y, _features.FEATURE_LABELS[name], ha="right",
                        va="center", fontsize=10.5, color="0.15"))
        columns.append((xs[0], ys))
        add(ax.text(xs[0] - 18, _HEAD_Y, "FEATURES", ha="center", va="baseline",
                    **_HEADER))
        add(ax.text(xs[0] - 18, _SUB_Y, f"{len(feature_names)} input"
                    f"{'' if len(feature_names) == 1 else 's'}", ha="center",
                    va="baseline", **_SMALL))
        # hidden layers
        self.neuron_images_ = []
        for l, n in enumerate(hidden):
            x = xs[l + 1]
            ys = self._ys(n, slot)
            row = []
            for j, y in enumerate(ys):
                frame(x, y, key=(l + 1, j + 1))
                row.append(image(x, y))
            self.neuron_images_.append(row)
            columns.append((x, ys))
            add(ax.text(x, _SUB_Y, _layer_label(n), ha="center", va="baseline", **_SMALL))
        if hidden:
            mid = 0.5 * (xs[1] + xs[len(hidden)])
            word = "HIDDEN LAYER" if len(hidden) == 1 else "HIDDEN LAYERS"
            add(ax.text(mid, _HEAD_Y, f"{len(hidden)} {word}", ha="center", va="baseline",
                        **_HEADER))
        else:
            add(ax.text(0.5 * (xs[0] + xs[1]), _HEAD_Y, "NO HIDDEN LAYER", ha="center",
                        va="baseline", **_HEADER))
        # output neuron
        y_out = self._ys(1, slot)
        frame(xs[-1], y_out[0], key="output")
        self.output_image_ = image(xs[-1], y_out[0])
        columns.append((xs[-1], y_out))
        add(ax.text(xs[-1], _SUB_Y, "output", ha="center", va="baseline", **_SMALL))
        if hidden:
            add(ax.text(xs[0] - half - 6, 6, _activation_note(activation), ha="left",
                        va="bottom", fontsize=8.5, color="0.4"))
        # links and biases, layer by layer, in one collection each (one draw per frame)
        gap, segs, pts = 1.5, [], []
        self.link_layers_, self.bias_layers_ = [], []
        bs = max(3.0, 0.17 * thumb)  # side of a bias square, px
        for l in range(len(columns) - 1):
            (xa, ya), (xb, yb) = columns[l], columns[l + 1]
            start = len(segs)
            segs += [((xa + half + gap, y_in), (xb - half - gap, y_out_))
                     for y_out_ in yb for y_in in ya]
            self.link_layers_.append(slice(start, len(segs)))
            start = len(pts)
            pts += [(xb - half - 0.5 * bs, y - half + 0.5 * bs) for y in yb]
            self.bias_layers_.append(slice(start, len(pts)))
        self.links_ = add(ax.add_collection(LineCollection(
            segs, colors="0.7", linewidths=1.0, zorder=1.5, capstyle="butt")))
        self.biases_ = add(ax.scatter(*zip(*pts), marker="s", s=_px_to_pt(bs) ** 2,
                                      c=np.zeros(len(pts)), cmap=cmap, vmin=-1.0, vmax=1.0,
                                      edgecolors="0.3", linewidths=0.5, zorder=4))
        self._set_out_labels()
        return self

    def _set_out_labels(self):
        view, problem = self.view, self.problem
        if view == "output":
            if problem == "classification":
                what = ("predicted class (P \u2265 0.5 is class 1)" if self.discretise
                        else "P(class 1) = \u03c3(z)")
                ticks, labels = [-1, 0, 1], ["0", "0.5", "1"]
            else:
                what = ("\u0177 in steps of 0.25" if self.discretise
                        else "the prediction \u0177")
                ticks, labels = [-1, 0, 1], ["\u22121", "0", "1"]
            cmap = REGION_CMAP.get()
        else:
            l, j = view
            what = f"hidden layer {l}, neuron {j}: its output a"
            ticks, labels = [-1, 0, 1], ["\u22121", "0", "1"]
            cmap = REGION_CMAP.get()
        self._out_sub.set_text(what)
        self.heatmap_.set_cmap(cmap)
        self._cbar_image.set_cmap(cmap)
        self.ax_cbar_.set_yticks(ticks, labels)

    def _style_frame(self, rect, selected):
        """The frame behind a thumbnail: thin grey, or thick and dark when selected."""
        pad = 2.2 if selected else 1.0
        x, y = rect.centre
        half = self._thumb / 2 + pad
        rect.set_bounds(x - half, y - half, 2 * half, 2 * half)
        rect.set_facecolor("0.1" if selected else "0.62")

    def set_view(self, view, discretise=None):
        """Choose what the big heatmap shows ("output" or ``(l, j)``: hidden layer l,
        neuron j, from 1), and whether the output is shown as classes
        (``discretise``). Static: needs a full redraw. Returns ``self``."""
        if view != "output" and view not in self._frames:
            raise ValueError(f"view must be 'output' or one of "
                             f"{[k for k in self._frames if k != 'output']}; got {view!r}")
        if discretise is not None:
            self.discretise = bool(discretise)
        self.view = view
        for key, rect in self._frames.items():
            self._style_frame(rect, selected=key == view)
        self._set_out_labels()
        return self

    def set_data(self, X_train, y_train, X_test, y_test, *, problem="classification",
                 show_test=False):
        """Put the training and test points on the big heatmap (class 0 blue circles,
        class 1 orange triangles; regression: coloured by target). Returns ``self``."""
        from matplotlib.markers import MarkerStyle

        self.problem = problem
        cmap = PLAY_CMAP.get()
        for sc, X, y in ((self.train_points_, X_train, y_train),
                         (self.test_points_, X_test, y_test)):
            sc.set_offsets(np.asarray(X))
            if problem == "classification":
                y = np.asarray(y)
                colors = np.where(y[:, None] == 1, np.array(_rgb(_ORANGE)),
                                  np.array(_rgb(_BLUE)))
                sc.set_array(None)
                sc.set_facecolors(colors)
                markers = [MarkerStyle("o").get_path().transformed(
                    MarkerStyle("o").get_transform()),
                    MarkerStyle("^").get_path().transformed(MarkerStyle("^").get_transform())]
                sc.set_paths([markers[int(v)] for v in y])
            else:
                sc.set_paths([MarkerStyle("o").get_path().transformed(
                    MarkerStyle("o").get_transform())])
                sc.set_cmap(cmap)
                sc.set_clim(-1.0, 1.0)
                sc.set_array(np.clip(np.asarray(y, dtype=float), -1.0, 1.0))
        self.test_points_.set_visible(bool(show_test))
        return self

    # -- numbers ------------------------------------------------------------------------

    def set_loss_epochs(self, epochs, loss=_FIRST_LOSS):
        """Let the axes of the loss curves run to ``epochs`` and ``loss`` (static: needs
        a full redraw)."""
        self.ax_loss_.set_xlim(0, max(1, epochs))
        self.ax_loss_.set_ylim(0, loss)

    def show(self, hidden_maps, output_map, params, history, *, big_map=None):
        """Move every number: neuron maps, output map, weights, biases, loss curves.

        ``hidden_maps`` and ``output_map`` as returned by :func:`network_maps` (the
        output as the logit for classification); ``params`` the model's ``(W, b)``
        list; ``history`` a dict with lists "epoch", "train_loss", "test_loss" (and
        "train_acc", "test_acc" for classification). Returns True if the epoch axis
        had to grow (then the static parts must be redrawn too)."""
        for row, maps in zip(self.neuron_images_, hidden_maps):
            thumbs = _thumb(_unit(maps))  # the whole layer at once
            for im, t in zip(row, thumbs):
                im.set_data(t)
        big = self._output_colours(output_map)
        self.output_image_.set_data(_thumb(big))
        if big_map is None:
            if self.view == "output":
                big_map = big
            else:
                l, j = self.view
                big_map = _unit(hidden_maps[l - 1][j - 1])
        self.big_map_ = big_map
        self.heatmap_.set_data(upsample2(big_map))
        w = np.nan_to_num(np.concatenate([W.ravel() for W, _ in params]))
        colours = LINK_CMAP.get()(np.clip(0.5 + 0.5 * w, 0.0, 1.0))
        colours[:, 3] = 0.35 + 0.65 * np.minimum(np.abs(w), 1.0)  # faint when small
        self.links_.set_color(colours)
        self.links_.set_linewidth(_link_width(w))
        self.biases_.set_array(_unit(np.concatenate([b for _, b in params])))
        return self._show_losses(history)

    def _output_colours(self, z):
        """The output on the colour scale [-1, 1]: 2 sigma(z) - 1 = tanh(z / 2) for
        classification (white at P = 1/2), the prediction itself for regression;
        discretised: the class as -1 / 1, or the prediction rounded to steps of 0.25."""
        z = np.nan_to_num(np.asarray(z, dtype=float))
        if self.problem == "classification":
            if self.discretise:
                return np.where(z >= 0, 1.0, -1.0)
            return np.tanh(0.5 * z)
        v = np.clip(z, -1.0, 1.0)
        return np.round(v * 4.0) / 4.0 if self.discretise else v

    def _show_losses(self, history):
        epochs = np.asarray(history["epoch"], dtype=float)
        losses = {key: np.asarray(history[f"{key}_loss"], dtype=float)
                  for key in ("train", "test")}
        ax, grew = self.ax_loss_, False
        top = ax.get_xlim()[1]
        if epochs.size and epochs[-1] > top:  # the epoch axis doubles when reached
            while epochs[-1] > top:
                top *= 2
            ax.set_xlim(0, top)
            grew = True
        top = _loss_top(losses.values())
        if top != ax.get_ylim()[1]:
            ax.set_ylim(0, top)
            grew = True
        top = ax.get_ylim()[1]
        for key, values in losses.items():
            keep = np.isfinite(values)
            self.loss_lines_[key].set_data(epochs[: len(values)][keep],
                                           np.minimum(values[keep], top))
        if not self.live:
            lines = _loss_lines(history)
            for key in ("train", "test"):
                self.loss_texts_[key].set_text(lines[key])
            self.epoch_text_.set_text(f"EPOCH {history['epoch'][-1] if epochs.size else 0:,}")
        return grew

    def dynamic_artists(self):
        """What :meth:`show` changes, for blitting."""
        out = [im for row in self.neuron_images_ for im in row]
        out += [self.output_image_, self.heatmap_, self.links_, self.biases_,
                *self.loss_lines_.values()]
        if not self.live:
            out += [*self.loss_texts_.values(), self.epoch_text_]
        return out

    def overlays(self):
        """Static artists that lie on top of moving ones (the points)."""
        return [self.train_points_, self.test_points_]


def upsample2(M):
    r"""A map on a grid of cells, at twice the resolution, by linear interpolation
    between the cells' centres (clamped at the edges): for each axis

    .. math:: \tilde{M}_p = (1 - t) M_k + t M_{k+1}, \qquad
              k + t = \operatorname{clip}\bigl(\tfrac{p + 1/2}{2} - \tfrac12,\ 0,\ n - 1\bigr)

    (what an image viewer's bilinear smoothing does), so that the big heatmap has one
    value per pixel.

    Parameters
    ----------
    M : ndarray of shape (rows, cols)

    Returns
    -------
    ndarray of shape (2 * rows, 2 * cols)

    Examples
    --------
    >>> upsample2(np.array([[0.0, 1.0]]))
    array([[0.  , 0.25, 0.75, 1.  ],
           [0.  , 0.25, 0.75, 1.  ]])
    """
    M = np.asarray(M, dtype=float)
    if M.ndim != 2 or min(M.shape) < 1:
        raise ValueError(f"M must be a 2-D array with at least one cell; got shape {M.shape}")
    return _upsample_rows(_upsample_rows(M).T).T


def _upsample_rows(M):
    """:func:`upsample2` along the first axis. Output row 2k sits a quarter cell before
    the centre of cell k and row 2k + 1 a quarter after it, hence weights 1/4 and 3/4."""
    n = M.shape[0]
    out = np.empty((2 * n,) + M.shape[1:])
    out[0], out[-1] = M[0], M[-1]
    if n > 1:
        out[2:-1:2] = 0.25 * M[:-1] + 0.75 * M[1:]  # rows 2k, k = 1 .. n-1
        out[1:-1:2] = 0.75 * M[:-1] + 0.25 * M[1:]  # rows 2k + 1, k = 0 .. n-2
    else:
        out[:] = M[0]
    return out


def _loss_top(curves):
    """The top of the loss axis: the smallest power of 2 from 1/8 to 8 above the losses
    of the last four fifths of the run (an early loss far above the rest is drawn at
    the top edge instead of squashing the curve)."""
    values = []
    for v in curves:
        v = np.asarray(v, dtype=float)
        v = v[max(1, len(v) // 5):] if len(v) > 1 else v
        values.append(v[np.isfinite(v)])
    high = float(np.concatenate(values).max(initial=0.0))
    top = _MIN_LOSS
    while top < high and top < _MAX_LOSS:
        top *= 2
    return top


def _rgb(hex_color):
    from matplotlib.colors import to_rgba

    return to_rgba(hex_color)


def _thumb(m):
    """A map (or a stack of maps, the last two axes) as a thumbnail: the mean of 2 x 2
    blocks (a 100 x 100 map gives 50 x 50)."""
    r, c = m.shape[-2:]
    if r % 2 or c % 2:
        return m
    return 0.25 * (m[..., ::2, ::2] + m[..., 1::2, ::2] + m[..., ::2, 1::2]
                   + m[..., 1::2, 1::2])


def _unit(m):
    """Values on the colour scale: clipped to [-1, 1], NaN as 0."""
    out = np.clip(m, -1.0, 1.0)
    return np.nan_to_num(out, copy=False)


def _activation_note(activation):
    """The line under the network saying what each neuron computes."""
    formula = {"tanh": r"\tanh(z)", "relu": r"\max(0, z)", "sigmoid": r"\sigma(z)",
               "linear": "z"}[activation]
    return (rf"each hidden neuron: $a = {formula}$ with $z = \sum_k w_k a_k + b$ "
            r"(the $a_k$ of the column to its left)")


def _fmt_loss(v):
    if v is None or not math.isfinite(v):
        return "diverged" if v is not None else "\u2013"
    return f"{v:.3f}" if 0.001 <= v < 1000 else f"{v:.2e}"


def _loss_lines(history):
    """``{"train": ..., "test": ...}``: each set's loss (and accuracy) at the last epoch."""
    lines = {}
    last = len(history["epoch"]) - 1
    for key, name in (("train", "training"), ("test", "test")):
        loss = history[f"{key}_loss"][last] if last >= 0 else None
        text = f"{name} loss {_fmt_loss(loss)}"
        acc = history.get(f"{key}_acc")
        if acc and last >= 0 and acc[last] is not None:
            text += f",  accuracy {100 * acc[last]:.1f}%"
        lines[key] = text
    return lines


def _png(rgb):
    """PNG bytes of an RGB uint8 array (rows from the top): no row filter, zlib level 1.

    Written out here rather than by Pillow, whose adaptive row filter costs as much as
    the compression and, on these flat-coloured pictures, makes the file larger."""
    import struct
    import zlib

    h, w, _ = rgb.shape
    raw = np.empty((h, 3 * w + 1), dtype=np.uint8)
    raw[:, 0] = 0  # filter type 0 (None) for every row
    raw[:, 1:] = rgb.reshape(h, 3 * w)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw.tobytes(), 1)) + chunk(b"IEND", b""))


class _FrameRenderer:
    """Blitting for the Playground's frames, faster than the general one of
    :mod:`nncore.widgets` where this picture needs it.

    :meth:`full` draws the figure without its moving artists and keeps that picture, and
    also keeps a picture of the points (``overlays``) alone, with their transparency.
    :meth:`fast` restores the static picture and paints the moving artists in z-order:
    the thumbnails in ``pasted`` (opaque images drawn 1:1 at whole pixels, with
    nearest-neighbour sampling) are written straight into the canvas from their arrays,
    coloured by their own colour map and norm; the rest are drawn by Agg; the kept
    picture of the points is blended in at the points' z-order. The PNG is then encoded
    by :func:`_png`. The figure must have no static artist on top of a moving one
    (:class:`PlaygroundDisplay` has none: frames lie behind the images)."""

    def __init__(self, figure, dynamic, pasted=(), overlays=()):
        self.figure = figure
        self.dynamic = [a for a in dynamic if a is not None]
        self.pasted = set(pasted)
        self.overlays = [a for a in overlays if a is not None]
        for artist in self.dynamic + self.overlays:
            artist.set_animated(True)
        self._background = None
        self._luts = {}

    def _layers(self):
        layers = list(self.dynamic)
        overlays = [a for a in self.overlays if a.get_visible()]
        if overlays:
            layers.append(_OverlayLayer(min(a.get_zorder() for a in overlays)))
        return sorted(layers, key=lambda a: a.get_zorder())

    def _box(self, image):
        """The image's pixel box in the canvas buffer: rows r0:r1, columns c0:c1."""
        x0, x1, y0, y1 = image.get_extent()
        (px0, py0), (px1, py1) = image.axes.transData.transform([(x0, y0), (x1, y1)])
        height = self.figure.canvas.get_width_height(physical=True)[1]
        return (height - round(py1), height - round(py0), round(px0), round(px1))

    def full(self):
        """Draw everything; keep the static picture and the points'. Returns PNG bytes."""
        canvas = self.figure.canvas
        canvas.draw()  # animated artists (moving ones, and the points) are left out
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        buf = np.asarray(canvas.buffer_rgba())
        # the points alone, on a transparent canvas: their colours and coverage
        buf[...] = 0
        renderer = canvas.get_renderer()
        for artist in sorted(self.overlays, key=lambda a: a.get_zorder()):
            if artist.get_visible():
                artist.draw(renderer)
        rows = np.flatnonzero(buf[:, :, 3].any(axis=1))
        cols = np.flatnonzero(buf[:, :, 3].any(axis=0))
        if rows.size:
            r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            layer = buf[r0:r1, c0:c1].astype(np.float32)
            self._overlay = ((r0, r1, c0, c1), layer[:, :, :3], layer[:, :, 3:] / 255.0)
        else:
            self._overlay = None
        canvas.restore_region(self._background)
        self._boxes = {im: self._box(im) for im in self.pasted}
        self._layers_cache = self._layers()
        return self._paint_and_encode()

    def _colour(self, image):
        """RGBA bytes of an image's array, as its colour map and norm give them: the
        value's place between vmin and vmax picks one of the map's N colours (the
        ends for values beyond), as :class:`matplotlib.colors.Colormap` does."""
        cmap, norm = image.get_cmap(), image.norm
        lut = self._luts.get(id(cmap))
        if lut is None or lut[0] is not cmap:
            self._luts[id(cmap)] = (cmap, cmap(np.arange(cmap.N), bytes=True))
        lut = self._luts[id(cmap)][1]
        x = (np.asarray(image.get_array(), dtype=float) - norm.vmin) * (
            cmap.N / (norm.vmax - norm.vmin))
        return lut[np.clip(x, 0, cmap.N - 1).astype(np.intp)]

    def fast(self, encode=True):
        """Restore the static picture, paint the moving artists; PNG bytes or None."""
        if self._background is None:
            return self.full()
        self.figure.canvas.restore_region(self._background)
        return self._paint_and_encode(encode)

    def _paint_and_encode(self, encode=True):
        canvas = self.figure.canvas
        renderer = canvas.get_renderer()
        buf = np.asarray(canvas.buffer_rgba())
        for artist in self._layers_cache:
            if isinstance(artist, _OverlayLayer):
                if self._overlay is not None:
                    (r0, r1, c0, c1), rgb, alpha = self._overlay
                    dst = buf[r0:r1, c0:c1, :3]
                    dst[...] = (rgb * alpha + dst * (1.0 - alpha) + 0.5).astype(np.uint8)
            elif artist in self._boxes:
                if artist.get_visible():
                    r0, r1, c0, c1 = self._boxes[artist]
                    buf[r0:r1, c0:c1] = _sample_nearest(self._colour(artist), r1 - r0,
                                                        c1 - c0)
            elif artist.get_visible():
                artist.draw(renderer)
        return _png(buf[:, :, :3]) if encode else None


class _OverlayLayer:
    """Marks the z-order at which :class:`_FrameRenderer` blends the kept points."""

    def __init__(self, zorder):
        self.zorder = zorder

    def get_zorder(self):
        return self.zorder


def _sample_nearest(rgba, height, width):
    """An image (rows from the bottom, as ``origin="lower"``) resampled to
    ``height`` x ``width`` pixels by nearest neighbour, rows from the top."""
    if rgba.shape[:2] == (height, width):
        return rgba[::-1]
    rows = ((np.arange(height) + 0.5) * rgba.shape[0] / height).astype(int)
    cols = ((np.arange(width) + 0.5) * rgba.shape[1] / width).astype(int)
    return rgba[rows[::-1]][:, cols]


# ---------------------------------------------------------------------------------------
# The model and its training: what the widget and the recording share
# ---------------------------------------------------------------------------------------


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
    if not _is_int(epochs) or epochs < 0:
        raise ValueError(f"epochs must be an int >= 0; got {epochs!r}")
    run = PlaygroundRun(config, eval_train="full")
    run.train(epochs)
    return run


# ---------------------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------------------

#: The longest a frame of Play waits for the next (s): at most 30 frames per second.
FRAME_INTERVAL = 1.0 / 30.0
#: Epochs trained per frame of Play (one frame = one epoch, as in TensorFlow Playground).
EPOCHS_PER_FRAME = 1

_FEATURE_BUTTONS = {"x1": "x\u2081", "x2": "x\u2082", "x1^2": "x\u2081\u00b2",
                    "x2^2": "x\u2082\u00b2", "x1*x2": "x\u2081x\u2082",
                    "sin(x1)": "sin x\u2081", "sin(x2)": "sin x\u2082",
                    "cos(x1)": "cos x\u2081", "cos(x2)": "cos x\u2082"}
_DATASET_LABELS = {"circles": "circles", "xor": "xor", "blobs": "blobs",
                   "spiral": "spiral", "moons": "moons", "plane": "plane",
                   "gaussian_bump": "bump", "max_xy": "max", "argmax_xy": "argmax"}


def _style_toggle(change):
    """A feature button that is on looks on (blue), as in TensorFlow Playground."""
    change["owner"].button_style = "info" if change["new"] else ""


def _menu(values, value):
    """Dropdown options (label, value) for numbers, with ``value`` added if missing."""
    values = sorted(set(values) | {value})
    return [(f"{v:g}", v) for v in values]


class Playground:
    r"""TensorFlow Playground in a notebook, with every number from nncore.

    Build it with :func:`playground`. The controls follow the original: Play / Pause,
    Step (one epoch), Reset, the epoch counter, learning rate, activation,
    regularisation and its rate, problem type, initial weights, number of hidden layers
    and (above each column) neurons per layer; on the left the data set, the share of
    training data, the noise, the batch size, the seed and "regenerate", the input
    features, "show test data", "discretise output" and which neuron the big view
    shows. Below: the configuration as a dict to copy, and a box to paste one into.

    Changing the data (problem, data set, noise, share, seed) draws new points and
    starts training again; changing the network (features, layers, neurons, activation,
    initial weights, batch size) starts again on the same points. The learning rate and
    the regularisation act on the run in progress, so their effect can be watched.

    Attributes
    ----------
    config : dict
        A copy of the current set-up (see :data:`DEFAULT_CONFIG`):
        ``playground(pg.config)`` rebuilds the same experiment.
    model : MLP
    trainer : Trainer
    history : dict of lists
        Per epoch (from 0, before training): "epoch", "train_loss", "test_loss" (the
        data loss without the penalty, on the whole set after the epoch), and
        "train_acc", "test_acc" for classification.
    X_train, y_train, X_test, y_test : ndarray
        The points in the square ``[-6, 6]^2``.
    epoch : int
    playing : bool
        Whether the Play button is down.
    controls : dict
        The controls by name: "reset", "play" (a ToggleButton), "step", "lr",
        "activation", "regularisation", "reg_rate", "problem", "init", "add_layer",
        "remove_layer", "dataset", "train_fraction", "noise", "batch_size", "seed",
        "regenerate", "features" (a dict: feature name -> ToggleButton),
        "show_test", "discretise", "view" (what the big heatmap shows), "config" (a
        Textarea with the configuration as JSON), "load", and "neurons" (per hidden
        layer, its (minus, plus) buttons).
    display : PlaygroundDisplay
    image : ipywidgets.Image
        The picture as PNG.
    epoch_label, loss_label, layers_label, status : ipywidgets.HTML
        The epoch counter, the losses above the output, the number of hidden layers,
        and a line of facts (parameters, points, updates per epoch) or the news that
        the run diverged.
    frame_times : list of float
        Seconds taken by the last frames of Play (at most 200).
    widget : ipywidgets.VBox
        The whole thing; the Playground displays as this box.

    Notes
    -----
    Play runs frames as a task on the kernel's asyncio event loop: one frame (one
    epoch, then :meth:`update`), then a pause until 1/30 s has passed, during which the
    kernel handles the reader's clicks. Without a running event loop (a script, a
    test) the Play button does nothing by itself: call :meth:`step`. A frame paints
    only what moves over a kept picture of the rest; see ``bench/bench_playground.py``.

    Used in Chapter 7, "The Playground".
    """

    def __init__(self, config=None):
        import ipywidgets as widgets

        self._widgets = widgets
        self._cfg = validate_config(config)
        self._quiet = False
        self._task = None
        self.frame_times = []
        self._run = PlaygroundRun(self._cfg)
        self.display = PlaygroundDisplay(live=True)
        self.figure = self.display.figure_
        w, h = round(_W), round(_H)
        # full size where there is room; scaled down to the width of a narrower page
        # (the book's website), keeping its proportions
        self.image = widgets.Image(format="png", width=str(w), height=str(h),
                                   layout=widgets.Layout(width=f"{w}px", max_width="100%",
                                                         height="auto", flex="0 1 auto"))
        self.output = widgets.Output(layout=widgets.Layout(max_height="12em",
                                                           overflow="auto"))
        self._build_controls()
        self._structure()
        self.update(full=True)

    # -- public state ---------------------------------------------------------------------

    @property
    def config(self):
        return copy.deepcopy(self._cfg)

    @property
    def model(self):
        return self._run.model

    @property
    def trainer(self):
        return self._run.trainer

    @property
    def history(self):
        return self._run.history

    @property
    def epoch(self):
        return self._run.trainer.epoch

    X_train = property(lambda self: self._run.X_train)
    y_train = property(lambda self: self._run.y_train)
    X_test = property(lambda self: self._run.X_test)
    y_test = property(lambda self: self._run.y_test)

    @property
    def playing(self):
        return bool(self.controls["play"].value)

    # -- controls -------------------------------------------------------------------------

    def _build_controls(self):
        widgets = self._widgets
        cfg = self._cfg
        L = widgets.Layout
        desc = {"description_width": "86px"}
        self.controls = c = {}
        c["reset"] = widgets.Button(icon="undo", tooltip="reset the network (epoch 0)",
                                    layout=L(width="38px"))
        c["play"] = widgets.ToggleButton(value=False, icon="play", tooltip="play / pause",
                                         button_style="primary", layout=L(width="46px"))
        c["step"] = widgets.Button(icon="step-forward", tooltip="train one epoch",
                                   layout=L(width="38px"))
        self.epoch_label = widgets.HTML(layout=L(width="120px"))
        c["lr"] = widgets.Dropdown(options=_menu(LEARNING_RATES, cfg["lr"]), value=cfg["lr"],
                                   description="learning rate", style=desc,
                                   layout=L(width="190px"))
        c["activation"] = widgets.Dropdown(options=ACTIVATION_NAMES, value=cfg["activation"],
                                           description="activation", style=desc,
                                           layout=L(width="190px"))
        c["regularisation"] = widgets.Dropdown(options=REGULARISATIONS,
                                               value=cfg["regularisation"],
                                               description="regularise", style=desc,
                                               layout=L(width="190px"))
        c["reg_rate"] = widgets.Dropdown(options=_menu(REG_RATES, cfg["reg_rate"]),
                                         value=cfg["reg_rate"], description="reg. rate",
                                         style=desc, layout=L(width="190px"))
        c["problem"] = widgets.Dropdown(options=PROBLEMS, value=cfg["problem"],
                                        description="problem", style=desc,
                                        layout=L(width="230px"))
        c["init"] = widgets.Dropdown(options=[("random (auto)", "auto"), ("all zero", "zeros")],
                                     value=cfg["init"], description="initial w", style=desc,
                                     layout=L(width="230px"))
        c["remove_layer"] = widgets.Button(icon="minus", tooltip="remove a hidden layer",
                                           layout=L(width="32px"))
        c["add_layer"] = widgets.Button(icon="plus", tooltip="add a hidden layer",
                                        layout=L(width="32px"))
        self.layers_label = widgets.HTML(layout=L(width="110px"))
        # data column
        short = {"description_width": "72px"}
        c["dataset"] = widgets.ToggleButtons(options=self._dataset_options(cfg["problem"]),
                                             value=cfg["dataset"], style={"button_width": "74px"},
                                             layout=L(width="250px"))
        c["train_fraction"] = widgets.FloatSlider(
            value=cfg["train_fraction"], min=TRAIN_RANGE[0], max=TRAIN_RANGE[1],
            step=TRAIN_RANGE[2], description="training", readout_format=".0%",
            continuous_update=False, style=short, layout=L(width="250px"))
        c["noise"] = widgets.FloatSlider(
            value=cfg["noise"], min=NOISE_RANGE[0], max=NOISE_RANGE[1], step=NOISE_RANGE[2],
            description="noise", readout_format=".2f", continuous_update=False, style=short,
            layout=L(width="250px"))
        c["batch_size"] = widgets.IntSlider(
            value=cfg["batch_size"], min=BATCH_RANGE[0], max=BATCH_RANGE[1],
            description="batch size", continuous_update=False, style=short,
            layout=L(width="250px"))
        c["seed"] = widgets.BoundedIntText(value=cfg["seed"], min=0, max=2**32 - 1,
                                           description="seed", style=short,
                                           layout=L(width="136px"))
        c["regenerate"] = widgets.Button(description="regenerate", icon="refresh",
                                         tooltip="new points: seed + 1",
                                         layout=L(width="112px"))
        c["features"] = {name: widgets.ToggleButton(value=name in cfg["features"],
                                                    description=label,
                                                    tooltip=f"input feature {name}",
                                                    layout=L(width="78px"))
                         for name, label in _FEATURE_BUTTONS.items()}
        c["show_test"] = widgets.Checkbox(value=cfg["show_test"], description="show test data",
                                          indent=False, layout=L(width="200px"))
        c["discretise"] = widgets.Checkbox(value=cfg["discretise"],
                                           description="discretise output", indent=False,
                                           layout=L(width="200px"))
        c["view"] = widgets.Dropdown(options=self._view_options(), value="output",
                                     description="big view", style=short,
                                     layout=L(width="250px"))
        c["config"] = widgets.Textarea(layout=L(width="100%", height="5.5em"))
        c["load"] = widgets.Button(description="load this config", icon="upload",
                                   layout=L(width="150px"))
        self.layer_box = widgets.HBox(layout=L(min_height="34px", align_items="center",
                                               flex_flow="row wrap"))
        self.loss_label = widgets.HTML(layout=L(width="250px", flex="0 0 auto"))
        self.status = widgets.HTML(layout=L(min_height="1.5em"))

        head = lambda text: widgets.HTML(  # noqa: E731
            f"<b style='font-size:11px;letter-spacing:0.08em;color:#555'>{text}</b>")
        top = widgets.HBox([c["reset"], c["play"], c["step"], self.epoch_label,
                            widgets.VBox([c["lr"], c["activation"]]),
                            widgets.VBox([c["regularisation"], c["reg_rate"]]),
                            widgets.VBox([c["problem"], c["init"]]),
                            widgets.HBox([c["remove_layer"], c["add_layer"], self.layers_label],
                                         layout=L(align_items="center"))],
                           layout=L(flex_flow="row wrap", align_items="center",
                                    border_bottom="1px solid #ddd", padding="0 0 4px 0"))
        feature_grid = widgets.GridBox(list(c["features"].values()),
                                       layout=L(grid_template_columns="repeat(3, 82px)",
                                                width="250px"))
        left = widgets.VBox([head("DATA"), c["dataset"], c["train_fraction"], c["noise"],
                             c["batch_size"], widgets.HBox([c["seed"], c["regenerate"]]),
                             head("FEATURES"), feature_grid, c["show_test"], c["discretise"],
                             c["view"]],
                            layout=L(width="262px", flex="0 0 auto"))
        picture = widgets.VBox([self.layer_box, self.image],
                               layout=L(flex="0 1 auto", max_width="100%"))
        share = widgets.Accordion(children=[widgets.VBox([
            widgets.HTML("The whole experiment as one dict: copy it, or paste one here "
                         "and load it (the same as <code>playground(config)</code>)."),
            c["config"], c["load"]])])
        share.set_title(0, "configuration")
        share.selected_index = None
        self.widget = widgets.VBox([
            top,
            widgets.HBox([left, picture], layout=L(flex_flow="row wrap",
                                                   align_items="flex-start")),
            self.status, share, self.output])

        capture = self.output.capture()
        c["reset"].on_click(capture(lambda b: self.reset()))
        c["step"].on_click(capture(lambda b: self.step(1)))
        c["play"].observe(capture(self._on_play), names="value")
        c["regenerate"].on_click(capture(self._on_regenerate))
        c["add_layer"].on_click(capture(lambda b: self._change_layers(+1)))
        c["remove_layer"].on_click(capture(lambda b: self._change_layers(-1)))
        c["load"].on_click(capture(self._on_load))
        for key in ("lr", "activation", "regularisation", "reg_rate", "problem", "init",
                    "dataset", "train_fraction", "noise", "batch_size", "seed", "show_test",
                    "discretise", "view"):
            c[key].observe(capture(self._on_control), names="value")
        for button in c["features"].values():
            button.observe(capture(self._on_feature), names="value")
            button.observe(_style_toggle, names="value")
            _style_toggle({"owner": button, "new": button.value})

    @staticmethod
    def _dataset_options(problem):
        names = CLASSIFICATION_DATASETS if problem == "classification" else REGRESSION_DATASETS
        return [(_DATASET_LABELS[n], n) for n in names]

    def _view_options(self):
        out = [("output", "output")]
        for l, n in enumerate(self._cfg["hidden"]):
            out += [(f"layer {l + 1}, neuron {j + 1}", (l + 1, j + 1)) for j in range(n)]
        return out

    def _neuron_buttons(self):
        """The + / - buttons above each hidden column, placed over it."""
        widgets, L = self._widgets, self._widgets.Layout
        hidden = self._cfg["hidden"]
        xs = self.display._columns(hidden)
        boxes, left = [], 0.0
        capture = self.output.capture()
        width = 66.0
        for l in range(len(hidden)):
            x = xs[l + 1] * self.figure.dpi / DPI
            minus = widgets.Button(icon="minus", tooltip=f"one neuron less in layer {l + 1}",
                                   layout=L(width="30px", height="26px", padding="0"))
            plus = widgets.Button(icon="plus", tooltip=f"one neuron more in layer {l + 1}",
                                  layout=L(width="30px", height="26px", padding="0"))
            minus.on_click(capture(lambda b, l=l: self._change_neurons(l, -1)))
            plus.on_click(capture(lambda b, l=l: self._change_neurons(l, +1)))
            margin = x - width / 2 - left
            boxes.append(widgets.HBox([minus, plus], layout=L(
                width=f"{width:.0f}px", margin=f"0 0 0 {margin:.0f}px", flex="0 0 auto")))
            left = x + width / 2
        self.controls["neurons"] = [b.children for b in boxes]
        x = _HEAT[0] * self.figure.dpi / DPI
        self.loss_label.layout.margin = f"0 0 0 {x - left:.0f}px"
        self.layer_box.children = [*boxes, self.loss_label]

    def _set_quietly(self, control, **values):
        self._quiet = True
        try:
            with control.hold_trait_notifications():
                for k, v in values.items():
                    setattr(control, k, v)
        finally:
            self._quiet = False

    def _sync_controls(self):
        """Make every control show the configuration (after load/regenerate/layers)."""
        c, cfg = self.controls, self._cfg
        self._quiet = True
        try:
            c["problem"].value = cfg["problem"]
            c["dataset"].options = self._dataset_options(cfg["problem"])
            c["dataset"].value = cfg["dataset"]
            c["lr"].options = _menu(LEARNING_RATES, cfg["lr"])
            c["lr"].value = cfg["lr"]
            c["reg_rate"].options = _menu(REG_RATES, cfg["reg_rate"])
            c["reg_rate"].value = cfg["reg_rate"]
            for key in ("activation", "regularisation", "init", "train_fraction", "noise",
                        "batch_size", "seed", "show_test", "discretise"):
                c[key].value = cfg[key]
            for name, button in c["features"].items():
                button.value = name in cfg["features"]
            views = self._view_options()
            keep = c["view"].value if c["view"].value in [v for _, v in views] else "output"
            c["view"].options = views
            c["view"].value = keep
        finally:
            self._quiet = False

    # -- callbacks ------------------------------------------------------------------------

    # slider steps: a value the browser snapped and sent back differs by less than half
    # a step from the configuration's, and is not a move of the reader (the echo rule)
    _STEPS = {"noise": NOISE_RANGE[2], "train_fraction": TRAIN_RANGE[2]}

    def _on_control(self, change):
        if self._quiet:
            return
        key = next(k for k, w in self.controls.items() if w is change["owner"])
        new = change["new"]
        if key in self._STEPS and abs(new - self._cfg[key]) < 0.5 * self._STEPS[key]:
            return
        if key == "view":
            self.display.set_view(new)
            return self._refresh(full=True)
        if key == "problem":
            self._cfg["problem"] = new
            self._cfg["dataset"] = _DEFAULT_DATASET[new]
            self._sync_controls()
        elif key in ("lr", "reg_rate") or key in ("regularisation",):
            self._cfg[key] = float(new) if key != "regularisation" else new
        elif key in ("batch_size", "seed"):
            self._cfg[key] = int(new)
        elif key in ("train_fraction", "noise"):
            self._cfg[key] = float(new)
        else:
            self._cfg[key] = new
        self.apply(changed=key)

    def _on_feature(self, change):
        if self._quiet:
            return
        names = [n for n, b in self.controls["features"].items() if b.value]
        if not names:  # at least one input: switch this one back on
            self._set_quietly(change["owner"], value=True)
            self.status.value = "The network needs at least one input feature."
            return
        self._cfg["features"] = names
        self.apply(changed="features")

    def _on_regenerate(self, button):
        self._cfg["seed"] = (self._cfg["seed"] + 1) % 2**32
        self._set_quietly(self.controls["seed"], value=self._cfg["seed"])
        self.apply(changed="seed")

    def _on_load(self, button):
        text = self.controls["config"].value
        try:
            cfg = json.loads(text)
        except json.JSONDecodeError:
            import ast

            try:
                cfg = ast.literal_eval(text)
            except (ValueError, SyntaxError) as err:
                self.status.value = f"<b>Could not read the configuration:</b> {err}"
                return
        try:
            self.load(cfg)
        except (ValueError, TypeError) as err:
            self.status.value = f"<b>Not loaded:</b> {err}"

    def _on_play(self, change):
        button = self.controls["play"]
        button.icon = "pause" if change["new"] else "play"
        if change["new"]:
            self._start_loop()

    def _change_layers(self, delta):
        hidden = list(self._cfg["hidden"])
        if delta > 0 and len(hidden) < MAX_LAYERS:
            hidden.append(hidden[-1] if hidden else 2)
        elif delta < 0 and hidden:
            hidden.pop()
        else:
            return
        self._cfg["hidden"] = hidden
        self.apply(changed="hidden")

    def _change_neurons(self, layer, delta):
        hidden = list(self._cfg["hidden"])
        n = hidden[layer] + delta
        if not 1 <= n <= MAX_NEURONS:
            return
        hidden[layer] = n
        self._cfg["hidden"] = hidden
        self.apply(changed="hidden")

    # -- what a change does ---------------------------------------------------------------

    def apply(self, changed=None):
        """Act on a configuration change: ``changed`` names the key (None: everything).

        Data keys draw new points and restart; network keys restart on the same points;
        ``lr``, ``regularisation`` and ``reg_rate`` change the run in progress;
        ``show_test`` and ``discretise`` only the picture. Returns ``self``."""
        run, cfg = self._run, self._cfg
        run.cfg = cfg
        if changed in ("lr",):
            run.trainer.lr = cfg["lr"]
            return self._refresh()
        if changed in ("regularisation", "reg_rate"):
            run.set_regularisation()
            return self._refresh()
        if changed == "show_test":
            self.display.test_points_.set_visible(cfg["show_test"])
            return self._refresh(full=True)
        if changed == "discretise":
            self.display.set_view(self.display.view, discretise=cfg["discretise"])
            return self._refresh(full=True)
        if changed in (None, "problem", "dataset", "noise", "train_fraction", "seed",
                       "n_points"):
            run.new_data()
        else:  # features, hidden, activation, init, batch_size
            run.new_model()
        self._structure()
        return self._refresh(full=True)

    def _structure(self):
        """Redraw the network's structure and the points; new blitting layers."""
        run, cfg, d = self._run, self._cfg, self.display
        view = d.view
        valid = [v for _, v in self._view_options()]
        if view not in valid:
            view = "output"
        d.discretise = cfg["discretise"]
        d._activation = cfg["activation"]
        fmaps = run.Phi_grid.T.reshape(-1, GRID, GRID)
        d.set_network(cfg["features"], cfg["hidden"], [_thumb(m) for m in fmaps],
                      problem=cfg["problem"], activation=cfg["activation"], view=view)
        d.set_data(run.X_train, run.y_train, run.X_test, run.y_test,
                   problem=cfg["problem"], show_test=cfg["show_test"])
        d.set_loss_epochs(_FIRST_EPOCHS)
        pasted = [im for row in d.neuron_images_ for im in row] + [d.output_image_,
                                                                     d.heatmap_]
        self._renderer = _FrameRenderer(self.figure, d.dynamic_artists(), pasted=pasted,
                                        overlays=d.overlays())
        self._sync_controls()
        self._neuron_buttons()
        self.layers_label.value = (f"<b>{len(cfg['hidden'])}</b> hidden layer"
                                   f"{'' if len(cfg['hidden']) == 1 else 's'}")

    def _refresh(self, full=False):
        self.update(full=full)
        return self

    def update(self, full=False):
        """Compute every map from the model, move the artists, re-render the PNG, the
        epoch counter, the status line and the configuration text. Returns ``self``."""
        run, d = self._run, self.display
        hidden, out = run.maps()
        grew = d.show(hidden, out, run.model.params, run.history)
        self._render(full=full or grew)
        e = run.trainer.epoch
        self.epoch_label.value = (f"<span style='font-size:11px;color:#777'>EPOCH</span><br>"
                                  f"<span style='font-size:20px;font-family:monospace'>"
                                  f"{e:07,d}</span>")
        self.status.value = self._status()
        lines = _loss_lines(run.history)
        self.loss_label.value = (
            f"<div style='font-size:11px;line-height:1.3'>"
            f"<span style='color:#262626'>{lines['train']}</span><br>"
            f"<span style='color:{_TEST_LOSS_COLOR}'>{lines['test']}</span></div>")
        text = json.dumps(self._cfg)
        if self.controls["config"].value != text:
            self.controls["config"].value = text
        return self

    def _render(self, full=False):
        self.image.value = self._renderer.full() if full else self._renderer.fast()

    def _status(self):
        run, cfg = self._run, self._cfg
        n_train, n_test = len(run.X_train), len(run.X_test)
        facts = (f"{run.model.n_params} parameters (weights and biases) &nbsp;·&nbsp; "
                 f"{n_train} training and {n_test} test points &nbsp;·&nbsp; one epoch = "
                 f"{run.trainer.batches_per_epoch} updates on batches of "
                 f"{run.trainer.batch_size}")
        if run.trainer.diverged:
            return (f"<b style='color:#B34700'>Diverged</b> in epoch {run.trainer.epoch + 1}: "
                    f"the loss of a batch was no longer a finite number, so training "
                    f"stopped. The learning rate {cfg['lr']:g} is too large for this "
                    f"network: lower it and press reset.<br>{facts}")
        return facts

    # -- training -------------------------------------------------------------------------

    def step(self, n=1, redraw=True):
        """Train ``n`` epochs (one Step press each), then redraw once. Returns ``self``."""
        self._run.train(n)
        if self._run.trainer.diverged and self.playing:
            self.controls["play"].value = False
        if redraw:
            self.update()
        return self

    def frame(self):
        """One frame of Play: :data:`EPOCHS_PER_FRAME` epochs and a redraw."""
        return self.step(EPOCHS_PER_FRAME)

    def reset(self):
        """A new network (same data, same seed): epoch 0. Returns ``self``."""
        self._run.new_model()
        d = self.display
        d.set_loss_epochs(_FIRST_EPOCHS)
        return self._refresh(full=True)

    def load(self, config):
        """Load a configuration (as :attr:`config` gives it): new data and network.
        Returns ``self``."""
        cfg = validate_config(config)
        self._cfg = cfg
        self._run.cfg = cfg
        self.apply(changed=None)
        return self

    def play(self):
        """Start playing (as the Play button does)."""
        self.controls["play"].value = True
        return self

    def pause(self):
        """Stop playing."""
        self.controls["play"].value = False
        return self

    def _start_loop(self):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (a script or a test): nothing plays by itself
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._loop())

    async def _loop(self):
        """Frames until paused (or diverged): the kernel's event loop handles the
        controls between two frames."""
        try:
            while self.playing:
                if self.image.comm is None:  # the widget was closed
                    break
                start = time.perf_counter()
                self.frame()
                spent = time.perf_counter() - start
                self.frame_times.append(spent)
                del self.frame_times[:-200]
                await asyncio.sleep(max(0.004, FRAME_INTERVAL - spent))
        except Exception:  # noqa: BLE001  (shown to the reader, and Play stops)
            with self.output:
                import traceback

                traceback.print_exc()
            self.controls["play"].value = False

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def playground(config=None):
    r"""TensorFlow Playground, live in the notebook, with every number from nncore.

    Pick a data set and features, add hidden layers and neurons, press Play and watch
    each neuron's output over the plane change as the network trains; the picture shows
    every weight by colour and width. As the last expression of a cell it displays
    itself; ``pg.config`` is the experiment as a dict, and ``playground(pg.config)``
    brings it back.

    Parameters
    ----------
    config : dict, optional
        Some or all of the keys of :data:`DEFAULT_CONFIG`.

    Returns
    -------
    Playground

    Examples
    --------
    >>> pg = playground({"dataset": "xor", "hidden": [4], "seed": 1})
    >>> pg.model.sizes
    (2, 4, 1)
    >>> pg.controls["add_layer"].click()        # what the + button does
    >>> pg.model.sizes, pg.config["hidden"]
    ((2, 4, 4, 1), [4, 4])
    >>> pg.step(3).epoch
    3

    Used in Chapter 7, "The Playground".
    """
    return Playground(config)


# ---------------------------------------------------------------------------------------
# A recording for the website
# ---------------------------------------------------------------------------------------


def record_playground(config=None, epochs=300, *, max_frames=36, interval=150, dpi=64):
    """An animation of a Playground run, for the static website (``to_jshtml``).

    Trains the configuration's network for ``epochs`` epochs and draws the Playground's
    picture at ``max_frames`` epochs spread over the run (the first is epoch 0), as a
    :class:`matplotlib.animation.FuncAnimation` of a plain figure (not pyplot). The
    numbers of every frame are computed first, so the animation can be drawn again.
    Its frames are palette PNGs (256 colours): about 35 KB each for a small network
    (36 frames of a 2-4-4-1 run on spiral: 1.2 MB of ``to_jshtml``), up to twice that
    for wide networks with the test points shown (then ask for fewer frames).

    Used in Chapter 7, section "A run on the spiral".

    Parameters
    ----------
    config : dict, optional
        As for :func:`playground`.
    epochs : int, default 300
    max_frames : int, default 36
        At least 2; each frame is a PNG embedded in the page.
    interval : int, default 150
        Milliseconds between frames.
    dpi : float, default 64

    Returns
    -------
    matplotlib.animation.FuncAnimation
        With attributes ``display`` (:class:`PlaygroundDisplay`), ``epochs`` (the epoch
        of each frame), ``model`` and ``history``.

    Examples
    --------
    >>> anim = record_playground({"dataset": "xor", "hidden": [3]}, epochs=4, max_frames=3)
    >>> anim.epochs.tolist()
    [0, 2, 4]
    >>> html = anim.to_jshtml()  # render it, as the chapter does
    """
    from matplotlib.animation import FuncAnimation

    cfg = validate_config(config)
    if not _is_int(epochs) or epochs < 1:
        raise ValueError(f"epochs must be an int >= 1; got {epochs!r}")
    if not _is_int(max_frames) or max_frames < 2:
        raise ValueError(f"max_frames must be an int >= 2; got {max_frames!r}")
    from matplotlib.figure import Figure

    from .plotting import _palette_canvas

    run = PlaygroundRun(cfg)
    figure = Figure(figsize=FIGSIZE, dpi=dpi)
    _palette_canvas(figure)  # palette PNG frames: a third of the bytes
    display = PlaygroundDisplay(figure, dpi=dpi)
    display.discretise = cfg["discretise"]
    display._activation = cfg["activation"]
    fmaps = run.Phi_grid.T.reshape(-1, GRID, GRID)
    display.set_network(cfg["features"], cfg["hidden"], [_thumb(m) for m in fmaps],
                        problem=cfg["problem"], activation=cfg["activation"])
    display.set_data(run.X_train, run.y_train, run.X_test, run.y_test,
                     problem=cfg["problem"], show_test=cfg["show_test"])
    display.set_loss_epochs(epochs)
    frames = np.unique(np.round(np.linspace(0, epochs, min(max_frames, epochs + 1)))
                       .astype(int))
    # every frame's numbers first, so the animation can be drawn any number of times
    snapshots = []
    for target in frames:
        if target > run.trainer.epoch:
            run.train(int(target) - run.trainer.epoch)
        hidden, out = run.maps()
        params = [(W.copy(), b.copy()) for W, b in run.model.params]
        history = {k: list(v) for k, v in run.history.items()}
        snapshots.append((hidden, out, params, history))

    def draw(i):
        display.show(*snapshots[i])
        return display.dynamic_artists()

    draw(0)
    anim = FuncAnimation(display.figure_, draw, frames=len(frames), interval=interval,
                         blit=False, repeat=True)
    anim.display, anim.epochs, anim.model, anim.history = (display, frames, run.model,
                                                           run.history)
    return anim
