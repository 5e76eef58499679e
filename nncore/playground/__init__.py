"""playground."""

from ._config import (  # noqa: F401
    VIEW,
    DATA_RADIUS,
    GRID,
    SPIRAL_TURNS,
    CLASSIFICATION_DATASETS,
    REGRESSION_DATASETS,
    PROBLEMS,
    LEARNING_RATES,
    REG_RATES,
    REGULARISATIONS,
    INITS,
    ACTIVATION_NAMES,
    MAX_LAYERS,
    MAX_NEURONS,
    NOISE_RANGE,
    TRAIN_RANGE,
    BATCH_RANGE,
    N_POINTS_RANGE,
    DEFAULT_CONFIG,
    validate_config,
    playground_data,
    grid_points,
    network_maps,
)
from ._display import (  # noqa: F401
    PLAY_CMAP,
    LINK_CMAP,
    REGION_CMAP,
    FIGSIZE,
    DPI,
    PlaygroundDisplay,
    upsample2,
)
from ._run import (  # noqa: F401
    PlaygroundRun,
    run_playground,
)
from ._widget import (  # noqa: F401
    FRAME_INTERVAL,
    EPOCHS_PER_FRAME,
    Playground,
    playground,
)
from ._record import (  # noqa: F401
    record_playground,
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
