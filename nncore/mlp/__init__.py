"""mlp."""

from ._network import (  # noqa: F401
    INITS,
    MLP,
    backprop,
    collapse_linear,
    dense,
)
from ._training import (  # noqa: F401
    LOSSES,
    Trainer,
    fit,
    input_gradient,
    loss_and_grads,
)
from ._values import (  # noqa: F401
    as_value_graph,
)

__all__ = [
    "MLP",
    "backprop",
    "dense",
    "collapse_linear",
    "loss_and_grads",
    "input_gradient",
    "Trainer",
    "fit",
    "as_value_graph",
    "LOSSES",
    "INITS",
]
