"""widgets."""

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
