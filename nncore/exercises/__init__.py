r"""Checkers for the coding exercises: your function against nncore's, case by case.

Every chapter ends with a few coding exercises. Each gives you a stub to fill in (a
docstring and ``raise NotImplementedError``) and a cell that checks it:

>>> import numpy as np
>>> from nncore import exercises
>>> def dot(a, b):
...     return float(np.sum(a * b))
>>> exercises.check_dot(dot)
dot: right on all 10 cases (2 worked by hand, 4 edge cases, 4 random).

A checker (:class:`Check`) runs your function and nncore's (its ``reference``) on the
same inputs: the cases worked by hand in the chapter, edge cases (a zero vector, a point
on the hyperplane, logits of 1000, a single sample) and seeded random cases. At the
first case where the two disagree, it shows the input in the exercise's own names, the
expected and the received value, and a hint. The hint comes from the checker's catalogue
of typical wrong implementations (``mistakes``, each a wrong function and the hint it
deserves): if your function behaves like one of them, you get that hint. Otherwise the
hint names what the numbers show: a flipped sign, a constant factor, a shape ``(n,)``
where ``(n, 1)`` was expected, a transposed matrix, an overflow.

Checking never raises for a wrong answer and lets no warning through: an exception or a
numpy warning from your function becomes part of the report, and a function that still
raises ``NotImplementedError`` is "not written yet". It also notices a function that
changes its arguments in place.

:data:`CHECKS` holds every checker by the name of the function it checks; each has
``.reference`` (nncore's answer, with the exercise's signature) and ``.mistakes``.
:func:`progress` runs a chapter's checks again and says which of them pass.

Where things are (private modules; every public name is re-exported here): ``_check``
(:class:`Check`, :class:`Case`, :class:`Mistake`, :class:`Result`, :class:`Progress` and
the hints), one module per chapter with its checkers (``_ch1_vectors`` ... ``_ch7_playground``),
and ``_registry`` (:data:`CHECKS`, :func:`progress`).

Numpy only: this package belongs to the maths layer of nncore.
"""

from ._ch1_vectors import (  # noqa: F401
    check_dot,
    check_halfspace,
    check_norm,
)
from ._ch2_perceptron import (  # noqa: F401
    check_perceptron_fit,
    check_perceptron_update,
    perceptron_fit_reference,
    perceptron_update_reference,
)
from ._ch3_descent import (  # noqa: F401
    check_descent_step,
    check_loss_grad,
    check_mse,
    check_newton_sqrt,
    descent_step_reference,
    newton_sqrt_reference,
)
from ._ch4_backprop import (  # noqa: F401
    check_neuron_backward,
    check_sigmoid_node,
    neuron_backward_reference,
    sigmoid_node_reference,
)
from ._ch5_mlp import (  # noqa: F401
    check_dense_backward,
    check_dense_forward,
    dense_backward_reference,
)
from ._ch6_softmax import (  # noqa: F401
    check_cross_entropy_grad,
    check_softmax,
)
from ._ch7_playground import (  # noqa: F401
    check_feature_map,
    check_penalty_grad,
    feature_map_reference,
    penalty_grad_reference,
)
from ._check import (  # noqa: F401
    HINT_CALLS_STUB,
    HINT_COLUMN,
    HINT_COMPARE,
    HINT_FACTOR,
    HINT_IN_PLACE,
    HINT_NONE,
    HINT_NONFINITE,
    HINT_RAISED,
    HINT_SCALAR,
    HINT_SHAPE,
    HINT_SHAPE_ERROR,
    HINT_SIGN,
    HINT_TRANSPOSED,
    HINT_TUPLE,
    HINT_VALUE,
    HINT_WARNED,
    HINT_ZEROS,
    Case,
    Check,
    Mistake,
    Progress,
    Result,
)
from ._registry import CHECKS, progress  # noqa: F401

__all__ = [
    "Case",
    "Mistake",
    "Check",
    "Result",
    "Progress",
    "CHECKS",
    "progress",
    "check_dot",
    "check_norm",
    "check_halfspace",
    "check_perceptron_update",
    "check_perceptron_fit",
    "check_mse",
    "check_loss_grad",
    "check_descent_step",
    "check_newton_sqrt",
    "check_sigmoid_node",
    "check_neuron_backward",
    "check_dense_forward",
    "check_dense_backward",
    "check_softmax",
    "check_cross_entropy_grad",
    "check_penalty_grad",
    "check_feature_map",
]
