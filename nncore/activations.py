r"""Activation functions: what a neuron applies to its score $z = \mathbf{w}\cdot\mathbf{x} + b$.

Chapter 1 needs only the Heaviside step, the perceptron's all-or-nothing output. The rest
of the contract in DESIGN.md arrives with the chapters that derive it: ``relu``,
``sigmoid``, ``tanh``, ``softmax`` and ``log_softmax``, and the derivatives ``relu_grad``,
``sigmoid_grad`` and ``tanh_grad`` (chapters 4 to 6).
"""

from nncore._checks import as_array

__all__ = ["step"]


def step(z):
    r"""The Heaviside step function, with $H(0) = 1$ as the perceptron uses it.

    .. math:: H(z) = \begin{cases} 1 & \text{if } z \ge 0 \\ 0 & \text{if } z < 0 \end{cases}

    Applied elementwise. Infinite scores are allowed ($H(\infty) = 1$, $H(-\infty) = 0$);
    NaN is not, since it has no side.

    Derived in Chapter 1, section "The perceptron's decision".

    Parameters
    ----------
    z : float or array_like of any shape
        Scores, typically $\mathbf{w}\cdot\mathbf{x} + b$.

    Returns
    -------
    int or ndarray of int
        An int for a scalar ``z``, else an int array of the same shape, with values in
        {0, 1}.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` contains something other than real numbers.

    Examples
    --------
    >>> step([-2.0, -0.0, 0.0, 3.5])
    array([0, 1, 1, 1])
    >>> step(-1e-300)
    0
    """
    z = as_array(z, "z", allow_inf=True)
    h = (z >= 0).astype(int)
    return int(h) if h.ndim == 0 else h
