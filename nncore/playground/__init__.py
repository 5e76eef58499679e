"""playground."""

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
from ._widget import (  # noqa: F401
    EPOCHS_PER_FRAME,
    FRAME_INTERVAL,
    Playground,
    playground,
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
