r"""Loss functions: how far the predictions are from the truth, as one number.

Chapter 3 measures the error of a prediction $\hat{y}_i$ of a target $y_i$ by the
*average squared loss*, the mean squared error

.. math:: \mathrm{MSE}(\hat{\mathbf{y}}, \mathbf{y})
          = \frac{1}{n}\sum_{i=1}^{n} (y_i - \hat{y}_i)^2

and gradient descent needs its derivative with respect to the predictions,
$\partial\,\mathrm{MSE} / \partial \hat{y}_i = \frac{2}{n}(\hat{y}_i - y_i)$.

Both functions take arrays of any shape, as long as the two shapes are *equal*: nothing
is broadcast, so a column ``(3, 1)`` against a vector ``(3,)`` is an error, not a
``(3, 3)`` table of every pair. They stay finite and warning-free for values of any
size: the squares are taken on a copy rescaled by a power of two (exact in floating
point), so ``mse`` is ``inf`` only when the true mean itself exceeds the float range.

Numpy only: this module belongs to the maths layer of nncore.
"""

import math

import numpy as np

from nncore._checks import as_array

__all__ = ["mse", "rmse", "mse_grad"]


def _check_pair(y_pred, y_true):
    """Both as float arrays of the same non-empty shape, finite; no broadcasting."""
    y_pred = as_array(y_pred, "y_pred")
    y_true = as_array(y_true, "y_true")
    if y_pred.shape != y_true.shape:
        raise ValueError(
            f"y_pred and y_true must have the same shape (nothing is broadcast); "
            f"got y_pred shape {y_pred.shape} and y_true shape {y_true.shape}"
        )
    if y_pred.size == 0:
        raise ValueError(f"y_pred and y_true must not be empty; got shape {y_pred.shape}")
    return y_pred, y_true


def _power_of_two_at(largest):
    """A power of two s with largest / s in [1, 2): dividing by it is exact and overflow-free."""
    return math.ldexp(1.0, math.frexp(largest)[1] - 1)


def mse(y_pred, y_true):
    r"""The mean squared error, the average squared loss of Chapter 3.

    .. math:: \mathrm{MSE}(\hat{\mathbf{y}}, \mathbf{y})
              = \frac{1}{n}\sum_{i=1}^{n} (y_i - \hat{y}_i)^2

    where the sum runs over *all* $n$ elements (for a 2-D array, every sample and every
    output). The differences are divided by a power of two $s$ near the largest one
    before squaring and the result multiplied by $s^2$ at the end, so the squares cannot
    overflow when the mean is representable: ``mse`` returns ``inf`` only if the true
    value exceeds the float range (about 1.8e308), and never emits a numpy warning.

    Derived in Chapter 3, section "The average squared loss".

    Parameters
    ----------
    y_pred : array_like of any shape
        The predictions $\hat{y}_i$.
    y_true : array_like of the same shape as ``y_pred``
        The targets $y_i$.

    Returns
    -------
    float
        $\mathrm{MSE} \ge 0$; zero only when every prediction is exact.

    Raises
    ------
    ValueError
        If the shapes differ (no broadcasting), an array is empty, or either contains
        NaN or an infinity.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> mse([1.0, 2.0, 3.0], [1.0, 4.0, 0.0])  # (0^2 + 2^2 + 3^2) / 3 = 13 / 3
    4.333333333333333
    >>> mse([[1.0], [2.0]], [1.0, 2.0])
    Traceback (most recent call last):
    ...
    ValueError: y_pred and y_true must have the same shape (nothing is broadcast); got y_pred shape (2, 1) and y_true shape (2,)
    """
    y_pred, y_true = _check_pair(y_pred, y_true)
    with np.errstate(over="ignore"):
        d = y_true - y_pred  # inf only if |d| > 1.8e308, when the mean overflows anyway
    if not np.all(np.isfinite(d)):
        return math.inf
    largest = float(np.max(np.abs(d)))
    if largest == 0.0:
        return 0.0
    s = _power_of_two_at(largest)
    scaled = d / s  # every |scaled| < 2: the squares are at most 4
    m = float(np.mean(scaled * scaled))
    # Python float products overflow to inf silently, and only when s^2 m itself does.
    return (s * m) * s


def rmse(y_pred, y_true):
    r"""The root mean squared error: the typical size of an error, in the units of $y$.

    .. math:: \mathrm{RMSE} = \sqrt{\mathrm{MSE}}
              = \sqrt{\frac{1}{n}\sum_{i=1}^{n} (y_i - \hat{y}_i)^2}

    It has the same minimiser as :func:`mse` (the square root is increasing), so it
    reports a fit in readable units while training uses the MSE.

    Derived in Chapter 3, section "The average squared loss".

    Parameters
    ----------
    y_pred : array_like of any shape
    y_true : array_like of the same shape as ``y_pred``

    Returns
    -------
    float

    Raises
    ------
    ValueError
        As :func:`mse`.
    TypeError
        As :func:`mse`.

    Examples
    --------
    >>> rmse([1.0, 2.0], [4.0, 6.0])  # sqrt((9 + 16) / 2)
    3.5355339059327378
    """
    return math.sqrt(mse(y_pred, y_true))


def mse_grad(y_pred, y_true):
    r"""The gradient of :func:`mse` with respect to the predictions.

    .. math:: \frac{\partial\,\mathrm{MSE}}{\partial \hat{y}_i}
              = \frac{2}{n}\,(\hat{y}_i - y_i)

    with $n$ the number of elements: differentiate $(y_i - \hat{y}_i)^2$ to
    $-2(y_i - \hat{y}_i)$ and keep the $1/n$ of the mean. Some sources drop the factor
    $2/n$ (they minimise $\frac{1}{2}\sum (y_i - \hat{y}_i)^2$, or fold the constant into
    the learning rate); that is a different convention, not the derivative of this
    ``mse``, and it changes which learning rates work.

    Derived in Chapter 3, section "The gradient".

    Parameters
    ----------
    y_pred : array_like of any shape
        The predictions $\hat{y}_i$.
    y_true : array_like of the same shape as ``y_pred``
        The targets $y_i$.

    Returns
    -------
    ndarray of the shape of ``y_pred``
        An element is ``inf`` only if its true value exceeds the float range; no numpy
        warning is ever emitted.

    Raises
    ------
    ValueError
        If the shapes differ (no broadcasting), an array is empty, or either contains
        NaN or an infinity.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> mse_grad([1.0, 2.0, 3.0], [1.0, 4.0, 0.0])  # (2/3) (0, -2, 3)
    array([ 0.        , -1.33333333,  2.        ])
    """
    y_pred, y_true = _check_pair(y_pred, y_true)
    n = y_pred.size
    with np.errstate(over="ignore"):
        d = y_pred - y_true
    if np.all(np.isfinite(d)):
        return (2.0 / n) * d
    # |y_pred - y_true| beyond the float range: halve both first (exact), then scale;
    # an element is inf only if its true value (2/n)(y_pred - y_true) overflows.
    with np.errstate(over="ignore"):
        return (y_pred / 2 - y_true / 2) * (4.0 / n)
