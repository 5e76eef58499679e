"""Interactive widgets for the chapters: the top layer of :mod:`nncore` (ipywidgets).

Sliders and menus that drive the Displays of :mod:`nncore.plotting`. A widget is an
object holding its controls (``controls``), its matplotlib figure and an ``update()``
path, so a test can set ``control.value = ...`` and look at the artists without a
browser; ``widget`` is what a notebook shows.

The figure is a plain :class:`matplotlib.figure.Figure`, never a pyplot figure (the
notebook's inline backend would show a second, frozen copy of it). Its artists are
created once and only moved afterwards; each move redraws only the moving artists over a
saved picture and sends the PNG to an :class:`ipywidgets.Image`.

On the static website there is no Python kernel. There a widget shows its website
version (the ``website()`` method of every widget, ``_website``): when the book is
built, the widget is walked through a grid of its control values by its own callbacks,
and the page's controls (which work with no kernel) pick the picture and the status line
drawn for the values they show. The same call gives the live widget in Jupyter.

Where things are (private modules; every public name is re-exported here):

=====================  ==================================================================
``_render``            every PNG writer and the blitting renderers (``_fastdraw``: texts
                       and images drawn faster, with matplotlib's pixels)
``_website``           the website versions: a widget walked through a grid at build
                       time, its frames behind controls that work with no kernel
``_base``              what every widget shares: figure, layout, status line, the data
                       menu, the one echo-aware slider handler
``_hyperplane``        Chapter 1: :func:`hyperplane_explorer`
``_perceptron``        Chapter 2: :func:`perceptron_stepper`
``_descent``           Chapter 3: :func:`descent_explorer`
``_graph``             Chapter 4: :func:`graph_explorer`
``_relu``              Chapter 5: :func:`relu_superposition_explorer`
``_mlp_training``      Chapter 5: :func:`mlp_training_viewer`
``_softmax``           Chapter 6: :func:`softmax_explorer`
``_digits``            Chapter 6: :func:`digit_inspector`
=====================  ==================================================================

The Playground of Chapter 7 is its own package, :mod:`nncore.playground`.
"""

from ._base import (  # noqa: F401
    CUSTOM_DATA,
)
from ._descent import (  # noqa: F401
    BATCHES,
    DESCENT_DPI,
    DESCENT_LR_EXPONENTS,
    DESCENT_PLAY_INTERVAL,
    MOMENTUM_RANGE,
    DescentExplorer,
    descent_explorer,
)
from ._digits import (  # noqa: F401
    DIGIT_DPI,
    DigitInspector,
    digit_inspector,
)
from ._graph import (  # noqa: F401
    GRAPH_DPI,
    GRAPH_RANGES,
    GraphExplorer,
    graph_explorer,
)
from ._hyperplane import (  # noqa: F401
    ANGLE_RANGE,
    B_RANGE,
    LENGTH_RANGE,
    MODES,
    W_RANGE,
    HyperplaneExplorer,
    hyperplane_explorer,
)
from ._mlp_training import (  # noqa: F401
    VIEWER_ACTIVATIONS,
    VIEWER_DATASETS,
    VIEWER_DPI,
    VIEWER_LR_EXPONENTS,
    VIEWER_PLAY_INTERVAL,
    MLPTrainingViewer,
    mlp_training_viewer,
)
from ._perceptron import (  # noqa: F401
    LR_EXPONENTS,
    PLAY_FRAMES,
    PLAY_INTERVAL,
    STEPPER_DATASETS,
    STEPPER_FIGSIZE,
    PerceptronStepper,
    perceptron_stepper,
)
from ._relu import (  # noqa: F401
    RELU_FIGSIZE,
    RELU_N_POINTS,
    RELU_RANGES,
    RELU_TARGETS,
    RELU_X_RANGE,
    ReluSuperpositionExplorer,
    relu_superposition_explorer,
)
from ._render import (  # noqa: F401
    DPI,
    PNG_LEVEL,
    render_png,
)
from ._softmax import (  # noqa: F401
    LOGIT_RANGE,
    SOFTMAX_CLASSES,
    SOFTMAX_DPI,
    TARGET_LABEL,
    TEMPERATURE_EXPONENTS,
    SoftmaxExplorer,
    softmax_explorer,
)

__all__ = [
    "DescentExplorer",
    "DigitInspector",
    "GraphExplorer",
    "HyperplaneExplorer",
    "MLPTrainingViewer",
    "PerceptronStepper",
    "ReluSuperpositionExplorer",
    "SoftmaxExplorer",
    "descent_explorer",
    "digit_inspector",
    "graph_explorer",
    "hyperplane_explorer",
    "mlp_training_viewer",
    "perceptron_stepper",
    "relu_superposition_explorer",
    "render_png",
    "softmax_explorer",
]
