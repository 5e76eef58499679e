r"""Numerical derivatives, to check gradients worked out by hand.

A derivative is a limit of slopes. With a small step $\varepsilon$ the *central
difference*

.. math:: \frac{\partial f}{\partial x_i}(\mathbf{x}) \approx
          \frac{f(\mathbf{x} + \varepsilon\,\mathbf{e}_i) - f(\mathbf{x} - \varepsilon\,\mathbf{e}_i)}
               {2\varepsilon}

is accurate to order $\varepsilon^2$ (the error of the one-sided difference is of order
$\varepsilon$), and needs nothing but the function itself. Every gradient in the book is
compared with it: :func:`numerical_gradient` computes it, :func:`relative_error` says
how far two gradients are apart.

Numpy only: this module belongs to the maths layer of nncore.
"""

import math
import numbers

import numpy as np

from nncore._checks import as_array

__all__ = ["numerical_gradient", "relative_error"]


def _check_eps(eps):
    """A finite float > 0 (bools and strings refused)."""
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real):
        raise TypeError(f"eps must be a real number; got {eps!r} of type {type(eps).__name__}")
    eps = float(eps)
    if not (math.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a finite number > 0; got {eps}")
    return eps


def _value(f, x):
    """``f(x)`` as a Python float, refusing arrays of more than one element."""
    out = np.asarray(f(x))
    if out.size != 1:
        raise ValueError(
            f"f must return a single number (a scalar loss); got an array of shape {out.shape}"
        )
    if out.dtype.kind not in "biuf":
        raise TypeError(f"f must return a real number; got dtype {out.dtype}")
    return float(out.reshape(()))


def numerical_gradient(f, x, eps=1e-6):
    r"""The gradient of a scalar function by central differences, one coordinate at a time.

    .. math:: g_i = \frac{f(\mathbf{x} + \varepsilon\,\mathbf{e}_i)
                          - f(\mathbf{x} - \varepsilon\,\mathbf{e}_i)}{2\varepsilon}

    where $\mathbf{e}_i$ is 1 at position $i$ and 0 elsewhere. ``x`` may have any shape
    (a vector of parameters, a weight matrix ...); the gradient has the same shape. Each
    call of ``f`` gets a fresh float copy, so ``x`` is never modified, even by an ``f``
    that writes into its argument. It costs $2d$ calls of ``f`` for $d$ elements, so it
    is a check, not a way to train.

    Derived in Chapter 3, section "The gradient".

    Parameters
    ----------
    f : callable
        ``f(x) -> float``, called with float arrays of the shape of ``x``.
    x : array_like of any shape
        The point, finite.
    eps : float, default 1e-6
        The step $\varepsilon$, finite and > 0.

    Returns
    -------
    ndarray of the shape of ``x``

    Raises
    ------
    ValueError
        If ``x`` contains NaN or an infinity, ``eps`` is not a finite number > 0, or
        ``f`` returns more than one number.
    TypeError
        If ``x`` or ``eps`` is not made of real numbers.

    Examples
    --------
    >>> g = numerical_gradient(lambda v: np.sum(v ** 2), [1.0, -2.0, 3.0])  # 2 x
    >>> np.round(g, 6)
    array([ 2., -4.,  6.])
    """
    x = as_array(x, "x")
    eps = _check_eps(eps)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += eps
        minus[i] -= eps
        grad[i] = (_value(f, plus) - _value(f, minus)) / (2 * eps)
    return grad


def relative_error(a, b):
    r"""How far apart two arrays are, relative to their size.

    .. math:: \mathrm{err}(\mathbf{a}, \mathbf{b})
              = \frac{\max_i |a_i - b_i|}{\max(\max_i |a_i|,\; \max_i |b_i|,\; \text{tiny})}

    with tiny the smallest normal float (about 2.2e-308), so two zero arrays are 0 apart
    instead of 0/0. The result is 0 for equal arrays, at most 2, and does not change when
    both arrays are multiplied by the same number: an analytic gradient that agrees with
    :func:`numerical_gradient` gives about 1e-8 or less, a wrong one something near 1.

    Derived in Chapter 3, section "The gradient".

    Parameters
    ----------
    a : array_like of any shape
    b : array_like of the same shape as ``a``

    Returns
    -------
    float
        In $[0, 2]$.

    Raises
    ------
    ValueError
        If the shapes differ (no broadcasting), or either contains NaN or an infinity.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.2])  # 0.2 / 2.2
    0.09090909090909098
    >>> relative_error([0.0], [0.0])
    0.0
    """
    a = as_array(a, "a")
    b = as_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(
            f"a and b must have the same shape (nothing is broadcast); "
            f"got a shape {a.shape} and b shape {b.shape}"
        )
    if a.size == 0:
        return 0.0
    # Halving both first is exact and keeps a - b finite near the float range.
    diff = float(np.max(np.abs(a / 2 - b / 2)))
    size = max(float(np.max(np.abs(a))), float(np.max(np.abs(b)))) / 2
    return diff / max(size, float(np.finfo(float).tiny) / 2)
