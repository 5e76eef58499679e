r"""The Playground: train a small network live on 2-D data and watch every neuron.

TensorFlow Playground in a notebook, with its numbers: the same data sets (made by its
own rules, :data:`nncore.datasets.PLAYGROUND_DATA`), the same network (an
:class:`nncore.mlp.MLP` with one output, weights uniform in $[-\tfrac12, \tfrac12]$ and
biases 0.1), the same loss (a tanh output, targets $\pm 1$, half the squared error; a
linear output for regression) and the same training rules (the points in a fixed order,
L1 that freezes a weight at 0, :class:`PlaygroundTrainer`). Chapter 5's binary
cross-entropy and He / Glorot weights, this book's extra data sets and the cosine
features are options. A TensorFlow Playground link is a configuration
(:func:`config_from_url`, :func:`config_to_url`), and so are the reader's own points.

The picture has three columns, as in the original: the input features (each one's
value over the plane), the hidden layers (each neuron's own output over the plane,
linked to the layer below by its weights, blue for positive and orange for negative as
in the Playground, thicker for larger $|w|$, with its bias as a small square), and the
output (a big heatmap with the training and test points, and the loss curves). Every
thumbnail is the function of $\mathbf{x}$ that neuron computes:

.. math:: a^{(l)}_j(\mathbf{x}) = f\Bigl(\sum_k (W_l)_{jk}\, a^{(l-1)}_k(\mathbf{x})
          + (b_l)_j\Bigr), \qquad \mathbf{a}^{(0)}(\mathbf{x}) = \boldsymbol{\phi}(\mathbf{x}).

The whole set-up is one plain dict (:data:`DEFAULT_CONFIG`), which the reader can print,
paste and load back: ``playground(config)``; the data live in the square $[-6, 6]^2$
(:data:`VIEW`).

Where things are, by layer (private modules; every public name is re-exported here):

=====================  ==================================================================
``_config``            numpy: the configuration, links, the data, the grid, the maps
``_run``               numpy: :class:`PlaygroundTrainer`, :class:`PlaygroundRun`,
                       :func:`run_playground` (headless), the export of a network
``_display``           matplotlib: :class:`PlaygroundDisplay`
``_record``            matplotlib: :func:`record_playground` (an animation for the site)
``_widget``            ipywidgets: :class:`Playground`, :func:`playground`
``_website``           ipywidgets: the website's recorded experiments
                       (:data:`WEBSITE_EXPERIMENTS`, :func:`website_playground`)
=====================  ==================================================================

The widget's names are loaded on first use, so ``from nncore.playground import
run_playground`` needs numpy alone.

Used in Chapter 7, "The Playground".
"""

from ._config import (  # noqa: F401
    ACTIVATION_NAMES,
    BATCH_RANGE,
    CLASSIFICATION_DATASETS,
    DEFAULT_CONFIG,
    GRID,
    INITS,
    LEARNING_RATES,
    LIMITS,
    LOSSES,
    MAX_LAYERS,
    MAX_NEURONS,
    N_POINTS,
    N_POINTS_RANGE,
    NOISE_RANGE,
    OWN_DATA,
    PLAYGROUND_DATASETS,
    PLAYGROUND_URL,
    PROBLEMS,
    REG_RATES,
    REGRESSION_DATASETS,
    REGULARISATIONS,
    TRAIN_RANGE,
    URL_IGNORED_KEYS,
    URL_KEYS,
    VIEW,
    check_points,
    config_from_url,
    config_to_url,
    grid_points,
    network_maps,
    playground_data,
    read_points_csv,
    shuffle_order,
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
    PlaygroundTrainer,
    export_network,
    initial_params,
    network_source,
    run_playground,
)

__all__ = [
    "DEFAULT_CONFIG",
    "validate_config",
    "playground_data",
    "config_from_url",
    "config_to_url",
    "check_points",
    "read_points_csv",
    "shuffle_order",
    "network_maps",
    "grid_points",
    "upsample2",
    "PlaygroundDisplay",
    "Playground",
    "playground",
    "record_playground",
    "PlaygroundRun",
    "PlaygroundTrainer",
    "initial_params",
    "run_playground",
    "export_network",
    "network_source",
    "CLASSIFICATION_DATASETS",
    "REGRESSION_DATASETS",
    "PLAYGROUND_DATASETS",
    "LEARNING_RATES",
    "REG_RATES",
    "LIMITS",
    "VIEW",
    "GRID",
    "PLAY_CMAP",
    "LINK_CMAP",
    "REGION_CMAP",
]

_WIDGET_NAMES = {"EPOCHS_PER_FRAME": "_widget", "FRAME_INTERVAL": "_widget",
                 "Playground": "_widget", "playground": "_widget",
                 "WEBSITE_EPOCHS": "_website", "WEBSITE_EXPERIMENTS": "_website",
                 "website_playground": "_website"}


def __getattr__(name):
    """The widget's names, imported on first use (ipywidgets loads only then)."""
    if name in _WIDGET_NAMES:
        from importlib import import_module

        return getattr(import_module(f".{_WIDGET_NAMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_WIDGET_NAMES))

