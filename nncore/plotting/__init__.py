"""Figures for the chapters: the drawing layer of :mod:`nncore` (matplotlib).

It imports the maths and *draws* what those functions compute; no formula of the maths
is written again here. A plot function takes ``ax=None`` and returns the axes it drew
into; a Display (scikit-learn's pattern) checks and stores arrays in ``__init__``, where
it computes it has a ``from_*`` constructor, ``plot`` creates its artists once,
``update`` moves them (``dynamic_artists()`` lists what moves, for a widget's blitting),
and an ``animate_*`` function turns it into an animation for the website.
:mod:`matplotlib.pyplot` is imported only when a new figure has to be made, never when
this package is imported.

Where things are (private modules; every public name is re-exported here):

=====================  ==================================================================
``_style``             colours, colour maps, figure sizes, margins (Okabe-Ito; classes
                       also by marker, so figures read in greyscale)
``_base``              shared axes helpers, arrows and labels, the one ``animate``
``_vectors``           Chapter 1: vectors, angles, projections
``_hyperplane``        Chapter 1: :class:`HyperplaneDisplay`, :func:`animate_hyperplane`,
                       :func:`plot_plane_3d`
``_perceptron``        Chapter 2: :class:`PerceptronStepDisplay`, :func:`animate_training`,
                       :func:`plot_errors_per_epoch`
``_descent``           Chapter 3: loss contours and surface, :class:`DescentDisplay`,
                       :func:`animate_descent`
``_graph``             Chapter 4: :class:`GraphDisplay`, :func:`draw_graph`
``_activations``       Chapter 4: :func:`plot_activation` (an activation and its
                       derivative)
``_diagrams``          Chapters 1, 2, 5: :func:`draw_neuron`, :func:`draw_network`
``_regions``           Chapter 5: decision regions, hidden units and their lines
``_relu``              Chapter 5: :class:`ReluPiecesDisplay`, :func:`plot_relu_pieces`
``_mlp_training``      Chapter 5: :class:`MLPTrainingDisplay`,
                       :func:`animate_mlp_training`, :func:`plot_gradient_norms`
``_softmax``           Chapter 6: :class:`SoftmaxDisplay`, probabilities, confusion matrix
``_digits``            Chapter 6: :class:`DigitDisplay`, digit and weight images
``_generalisation``    Chapter 7: :func:`plot_capacity_sweep` (training and test
                       error against capacity)
=====================  ==================================================================
"""

from ._activations import plot_activation  # noqa: F401
from ._descent import (  # noqa: F401
    DescentDisplay,
    animate_descent,
    plot_loss_contours,
    plot_loss_surface,
    plot_path,
)
from ._diagrams import (  # noqa: F401
    draw_network,
    draw_neuron,
)
from ._digits import (  # noqa: F401
    DigitDisplay,
    plot_digit_images,
    plot_weight_images,
)
from ._generalisation import plot_capacity_sweep  # noqa: F401
from ._graph import (  # noqa: F401
    GRAPH_LEGEND,
    OP_SYMBOLS,
    GraphDisplay,
    draw_graph,
)
from ._hyperplane import (  # noqa: F401
    HyperplaneDisplay,
    animate_hyperplane,
    plot_plane_3d,
)
from ._mlp_training import (  # noqa: F401
    MLPTrainingDisplay,
    animate_mlp_training,
    plot_gradient_norms,
)
from ._perceptron import (  # noqa: F401
    HISTORY_KEYS,
    PerceptronStepDisplay,
    animate_training,
    plot_errors_per_epoch,
)
from ._regions import (  # noqa: F401
    plot_decision_regions,
    plot_hidden_boundaries,
    plot_hidden_units,
)
from ._relu import (  # noqa: F401
    ReluPiecesDisplay,
    plot_relu_pieces,
)
from ._softmax import (  # noqa: F401
    SoftmaxDisplay,
    plot_confusion_matrix,
    plot_probabilities,
)
from ._style import (  # noqa: F401
    BEFORE_COLOR,
    CLASS_COLORS,
    CLASS_MARKERS,
    CONFUSION_CMAP,
    DECISION_COLORS,
    DESCENT_FIGSIZE,
    DIGIT_CMAP,
    DIGIT_FIGSIZE,
    DISPLAY_FIGSIZE,
    DIVERGING_CMAP,
    GRAD_COLORS,
    GRAPH_BOX_COLOR,
    GRAPH_GRAD_COLOR,
    GRAPH_LOCAL_COLOR,
    HIDDEN_CMAPS,
    HIGHLIGHT_COLOR,
    LOSS_CMAP,
    MLP_TRAINING_FIGSIZE,
    MULTICLASS_COLORS,
    MULTICLASS_MARKERS,
    PATH_COLOR,
    PIECE_COLORS,
    PIECES_FIGSIZE,
    PROBA_COLOR,
    REGION_COLORS,
    SOFTMAX_FIGSIZE,
    STEP_FIGSIZE,
    TRUE_CLASS_COLOR,
    VECTOR_COLORS,
)
from ._vectors import (  # noqa: F401
    plot_angle,
    plot_projection,
    plot_vectors_2d,
    plot_vectors_3d,
)

__all__ = [
    "BEFORE_COLOR",
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "CONFUSION_CMAP",
    "DECISION_COLORS",
    "DESCENT_FIGSIZE",
    "DIGIT_CMAP",
    "DIGIT_FIGSIZE",
    "DISPLAY_FIGSIZE",
    "DIVERGING_CMAP",
    "GRAD_COLORS",
    "HIDDEN_CMAPS",
    "HIGHLIGHT_COLOR",
    "HISTORY_KEYS",
    "LOSS_CMAP",
    "MLP_TRAINING_FIGSIZE",
    "MULTICLASS_COLORS",
    "MULTICLASS_MARKERS",
    "PATH_COLOR",
    "PIECES_FIGSIZE",
    "PIECE_COLORS",
    "PROBA_COLOR",
    "REGION_COLORS",
    "SOFTMAX_FIGSIZE",
    "STEP_FIGSIZE",
    "TRUE_CLASS_COLOR",
    "VECTOR_COLORS",
    "DescentDisplay",
    "DigitDisplay",
    "GraphDisplay",
    "HyperplaneDisplay",
    "MLPTrainingDisplay",
    "PerceptronStepDisplay",
    "ReluPiecesDisplay",
    "SoftmaxDisplay",
    "animate_descent",
    "animate_hyperplane",
    "animate_mlp_training",
    "animate_training",
    "draw_graph",
    "draw_network",
    "draw_neuron",
    "plot_activation",
    "plot_angle",
    "plot_capacity_sweep",
    "plot_confusion_matrix",
    "plot_decision_regions",
    "plot_digit_images",
    "plot_errors_per_epoch",
    "plot_gradient_norms",
    "plot_hidden_boundaries",
    "plot_hidden_units",
    "plot_loss_contours",
    "plot_loss_surface",
    "plot_path",
    "plot_plane_3d",
    "plot_probabilities",
    "plot_projection",
    "plot_relu_pieces",
    "plot_vectors_2d",
    "plot_vectors_3d",
    "plot_weight_images",
]
