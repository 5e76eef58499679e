"""widgets."""

from ._hyperplane import (  # noqa: F401
    MODES,
    W_RANGE,
    B_RANGE,
    ANGLE_RANGE,
    LENGTH_RANGE,
    HyperplaneExplorer,
    hyperplane_explorer,
)
from ._base import (  # noqa: F401
    CUSTOM_DATA,
)
from ._render import (  # noqa: F401
    DPI,
    PNG_LEVEL,
    render_png,
)
from ._perceptron import (  # noqa: F401
    STEPPER_DATASETS,
    LR_EXPONENTS,
    STEPPER_FIGSIZE,
    PLAY_INTERVAL,
    PLAY_FRAMES,
    PerceptronStepper,
    perceptron_stepper,
)
from ._descent import (  # noqa: F401
    DESCENT_LR_EXPONENTS,
    BATCHES,
    MOMENTUM_RANGE,
    DESCENT_DPI,
    DESCENT_PLAY_INTERVAL,
    DescentExplorer,
    descent_explorer,
)
from ._graph import (  # noqa: F401
    GRAPH_RANGES,
    GRAPH_DPI,
    GraphExplorer,
    graph_explorer,
)
from ._relu import (  # noqa: F401
    RELU_TARGETS,
    RELU_X_RANGE,
    RELU_N_POINTS,
    RELU_RANGES,
    RELU_FIGSIZE,
    ReluSuperpositionExplorer,
    relu_superposition_explorer,
)
from ._mlp_training import (  # noqa: F401
    VIEWER_DATASETS,
    VIEWER_ACTIVATIONS,
    VIEWER_LR_EXPONENTS,
    VIEWER_DPI,
    VIEWER_PLAY_INTERVAL,
    MLPTrainingViewer,
    mlp_training_viewer,
)
from ._softmax import (  # noqa: F401
    LOGIT_RANGE,
    TEMPERATURE_EXPONENTS,
    SOFTMAX_CLASSES,
    SOFTMAX_DPI,
    TARGET_LABEL,
    SoftmaxExplorer,
    softmax_explorer,
)
from ._digits import (  # noqa: F401
    DIGIT_DPI,
    DigitInspector,
    digit_inspector,
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
