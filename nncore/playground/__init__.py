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
          + (b_l)_j\Bigr), \qquad \mathbf{a}^{(0)}(\mathbf{x}) = oldsymbol{\phi}(\mathbf{x}).

The whole set-up is one plain dict (:data:`DEFAULT_CONFIG`), which the reader can print,
paste and load back: ``playground(config)``.

The data live in the square $[-6, 6]^2$ (:data:`VIEW`): each toy set is moved and scaled
so that its clean shape fills a disc of radius 5, as in TensorFlow Playground, so that
features such as $\sin x_1$ see a few radians of the plane.

Where things are, by layer (private modules; every public name is re-exported here):

=====================  ==================================================================
``_config``            numpy: the configuration, the data, the grid, the neurons' maps
``_run``               numpy: :class:`PlaygroundRun`, :func:`run_playground` (headless)
``_display``           matplotlib: :class:`PlaygroundDisplay`
``_record``            matplotlib: :func:`record_playground` (an animation for the site)
``_widget``            ipywidgets: :class:`Playground`, :func:`playground`
=====================  ==================================================================

The widget's names are loaded on first use, so ``from nncore.playground import
run_playground`` needs numpy alone.

Used in Chapter 7, "The Playground".
"""

from ._config import (  # noqa: F401
    ACTIVATION_NAMES,
    BATCH_RANGE,
    CLASSIFICATION_DATASETS,
    DATA_RADIUS,
    DEFAULT_CONFIG,
    GRID,
    INITS,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_NEURONS,
    N_POINTS_RANGE,
    NOISE_RANGE,
    PROBLEMS,
    REG_RATES,
    REGRESSION_DATASETS,
    REGULARISATIONS,
    SPIRAL_TURNS,
    TRAIN_RANGE,
    VIEW,
    grid_points,
    network_maps,
    playground_data,
    validate_config,
)
from ._display import (  # noqa: F401
    DPI,
    FIGSIZE,
    LINK_CMAP,
    PLAY_CMAP,
    REGION_CMAP,
    PlaygroundDisplay,
    upsample2,
)
from ._record import (  # noqa: F401
    record_playground,
)
from ._run import (  # noqa: F401
    PlaygroundRun,
    run_playground,
)

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

_WIDGET_NAMES = ("EPOCHS_PER_FRAME", "FRAME_INTERVAL", "Playground", "playground")


def __getattr__(name):
    """The widget's names, imported on first use (ipywidgets loads only then)."""
    if name in _WIDGET_NAMES:
        from . import _widget

        return getattr(_widget, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_WIDGET_NAMES))

