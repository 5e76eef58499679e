r"""A multi-layer perceptron in matrices: forward, backward, and a training loop.

A layer $l$ maps the activations $A^{(l-1)}$ of the layer below (a batch, one sample per
row) to scores and activations

.. math:: Z^{(l)} = A^{(l-1)} W^{(l)\top} + \mathbf{b}^{(l)}, \qquad A^{(l)} = f(Z^{(l)}),

with $W^{(l)}$ of shape ``(n_out, n_in)`` and $\mathbf{b}^{(l)}$ of shape ``(n_out,)``, as in
PyTorch. $A^{(0)} = X$ is the input; the last layer is linear ($A^{(D)} = Z^{(D)}$, the *logits*),
so the loss decides what the outputs mean (softmax probabilities, a sigmoid probability,
or plain numbers for regression). Backpropagation runs the chain rule backwards through
the same matrices: with $\Delta^{(l)} = \partial L / \partial Z^{(l)}$ (one row per sample),

.. math:: \frac{\partial L}{\partial W^{(l)}} = \Delta^{(l)\top} A^{(l-1)}, \qquad
          \frac{\partial L}{\partial \mathbf{b}^{(l)}} = \sum_{i} (\Delta^{(l)})_{i,:}, \qquad
          \Delta^{(l-1)} = (\Delta^{(l)} W^{(l)}) \odot f'(Z^{(l-1)}).

:class:`MLP` holds the parameters and does both passes, :func:`loss_and_grads` adds a
loss (and optional L1/L2 penalties), :class:`Trainer` runs mini-batch gradient descent,
:func:`fit` is the one-line version. :func:`dense` and :func:`collapse_linear` are the
chapter's one-layer formula and its "a stack of linear layers is one linear layer", and
:func:`as_value_graph` rebuilds a network from :class:`nncore.autodiff.Value` scalars
so the matrix backward pass can be checked against the scalar one.

Numpy only: this package belongs to the maths layer of nncore. Public methods validate
their arguments once; the training loop then runs on unchecked internal paths, so it
costs about what a hand-written numpy loop costs (``bench/bench_mlp.py``).

Where things are (private modules; every public name is re-exported here): ``_network``
(:class:`MLP`, :func:`backprop`, :func:`dense`, :func:`collapse_linear`), ``_training``
(:func:`loss_and_grads`, :class:`Trainer`, :func:`fit`, :func:`input_gradient`),
``_values`` (:func:`as_value_graph`).
"""

from ._network import (  # noqa: F401
    INITS,
    MAX_PARAMS,
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
    "MAX_PARAMS",
]
