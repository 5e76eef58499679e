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

Chapter 6 adds the losses of classification, computed from the *logits* (the scores
before softmax or sigmoid) so that they stay finite for scores of any size:
:func:`cross_entropy` for $k$ classes (softmax output) and :func:`binary_cross_entropy`
for two classes with one output (sigmoid), each with its gradient, and :func:`onehot`.
Their labels are integer class indices; floats such as ``1.0`` are refused.

Numpy only: this module belongs to the maths layer of nncore.
"""

import math
import numbers

import numpy as np

from nncore._checks import as_array, as_class_labels, as_int, check_same_shape
from nncore._scaled import scaled_mean
from nncore.activations import KERNELS as _ACTIVATION_KERNELS
from nncore.activations import logsumexp

__all__ = [
    "KERNELS",
    "mse",
    "rmse",
    "mse_grad",
    "onehot",
    "cross_entropy",
    "cross_entropy_grad",
    "soft_cross_entropy",
    "soft_cross_entropy_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
]


def _check_pair(y_pred, y_true):
    """Both as float arrays of the same non-empty shape, finite; no broadcasting."""
    y_pred = as_array(y_pred, "y_pred")
    y_true = as_array(y_true, "y_true")
    check_same_shape(y_pred, y_true, "y_pred", "y_true")
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


# ---------------------------------------------------------------------------------------
# Classification: one-hot targets, cross-entropy (Chapter 6)
# ---------------------------------------------------------------------------------------


def _check_class_labels(labels, n, k, name="labels"):
    """Integer class indices of shape (n,) in [0, k); floats and bools are refused."""
    return as_class_labels(labels, name, n, k, noun="class indices", one="class index")


def _check_logits_labels(logits, labels):
    """``(Z (n, k), y (n,), single)``; a single row (k,) goes with one int label."""
    Z = as_array(logits, "logits")
    single = Z.ndim == 1
    if single:
        if isinstance(labels, (bool, np.bool_)) or not isinstance(labels, (numbers.Integral, np.ndarray)):
            raise TypeError(
                f"labels must be an int class index for a single row of logits; "
                f"got {labels!r} of type {type(labels).__name__}"
            )
        Z = Z[np.newaxis, :]
        labels = np.reshape(np.asarray(labels), (-1,))
    if Z.ndim != 2 or Z.shape[0] == 0 or Z.shape[1] == 0:
        raise ValueError(
            f"logits must be 2-D (n_samples, n_classes), or one row (n_classes,), with at "
            f"least one sample and one class; got shape {Z.shape if not single else Z.shape[1:]}"
        )
    y = _check_class_labels(labels, Z.shape[0], Z.shape[1])
    return Z, y, single


def _cross_entropy_kernel(Z, y, need_grad=True):
    r"""Unchecked mean cross-entropy of logits ``Z`` (n, k) and labels ``y`` (n,), and its
    gradient $(\mathrm{softmax}(Z) - \mathrm{onehot}(y)) / n$ (``None`` if not needed).

    Works in the dtype of ``Z``; the caller has validated the arguments.
    """
    n = Z.shape[0]
    rows = np.arange(n)
    S = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(S)
    total = E.sum(axis=1, keepdims=True)
    loss = float(np.log(total).sum() - S[rows, y].sum()) / n
    if not math.isfinite(loss):  # the sum overflowed: take the mean of the rows' losses
        loss = scaled_mean(np.log(total[:, 0]) - S[rows, y])
    if not need_grad:
        return loss, None
    G = E
    G /= total
    G[rows, y] -= 1.0
    G *= 1.0 / n
    return loss, G


def _binary_cross_entropy_kernel(z, y, need_grad=True):
    r"""Unchecked mean binary cross-entropy of logits ``z`` and labels ``y`` (same shape),
    and its gradient $(\sigma(z) - y) / n$ (``None`` if not needed)."""
    n = z.shape[0]
    e = np.exp(-np.abs(z))
    terms = np.maximum(z, 0.0) - z * y + np.log1p(e)  # each at most |z| + log 2
    loss = float(np.sum(terms)) / n
    if not math.isfinite(loss):  # the sum overflowed, the mean need not
        loss = scaled_mean(terms)
    if not need_grad:
        return loss, None
    return loss, (_sigmoid(z) - y) * (1.0 / n)


def _mse_kernel(Z, T, need_grad=True):
    r"""Unchecked :func:`mse` of ``Z`` and targets ``T`` (same shape) and its gradient
    $2 (Z - T) / n$ (``None`` if not needed): the plain formula, for a training loop
    whose numbers stay in range (:func:`mse` also survives differences near the float
    limit)."""
    D = Z - T
    value = float(np.vdot(D, D)) / D.size
    return value, (D * (2.0 / D.size) if need_grad else None)


_sigmoid = _ACTIVATION_KERNELS["sigmoid"][0]


def onehot(labels, n_classes):
    r"""Class indices as one-hot rows: a 1 in the column of the class, 0 elsewhere.

    .. math:: \mathrm{onehot}(y)_{ij} = \begin{cases} 1 & \text{if } j = y_i \\
              0 & \text{otherwise} \end{cases}

    Row $i$ is the target probability vector of sample $i$: all the probability on its
    true class.

    Derived in Chapter 6, section "Cross-entropy from the likelihood".

    Parameters
    ----------
    labels : array_like of int, shape (n_samples,)
        Class indices in ``[0, n_classes)``.
    n_classes : int
        The number of classes $k \ge 1$.

    Returns
    -------
    ndarray of float, shape (n_samples, n_classes)

    Raises
    ------
    TypeError
        If ``labels`` are not integers (floats such as 1.0 too) or ``n_classes`` is not an
        int.
    ValueError
        If ``labels`` is not 1-D or has an index outside ``[0, n_classes)``.

    Examples
    --------
    >>> onehot([0, 2, 1], 3)
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    """
    k = as_int(n_classes, "n_classes", minimum=1)
    arr = np.asarray(labels)
    if arr.ndim != 1:
        if arr.dtype.kind in "iu":
            raise ValueError(f"labels must be 1-D (n_samples,); got shape {arr.shape}")
    n = arr.shape[0] if arr.ndim == 1 else -1
    y = _check_class_labels(labels, n, k)
    out = np.zeros((n, k))
    out[np.arange(n), y] = 1.0
    return out


def cross_entropy(logits, labels):
    r"""The mean cross-entropy of softmax probabilities, computed from the logits.

    .. math:: L = \frac{1}{n}\sum_{i=1}^{n} \mathrm{CE}(\mathbf{p}_i, \mathbf{e}_{y_i})
              = -\frac{1}{n}\sum_{i=1}^{n} \log \mathrm{softmax}(\mathbf{z}_i)_{y_i}
              = \frac{1}{n}\sum_{i=1}^{n} \Bigl(\log \sum_j e^{z_{ij}} - z_{i y_i}\Bigr)

    with $\mathbf{p}_i = \mathrm{softmax}(\mathbf{z}_i)$ and $\mathrm{CE}(\mathbf{p}, \mathbf{q})
    = -\sum_k q_k \log p_k$ the cross-entropy of a prediction against a target: the
    negative log-likelihood of the true classes $y_i$ under the model's
    probabilities, averaged over the batch. It is computed with the log-sum-exp shift of
    :func:`nncore.activations.log_softmax`, never as ``log(softmax(z))``, so it is finite
    and warning-free for logits of any size: a sure but wrong prediction costs its
    margin (about $10^4$ for logits of $10^4$), not ``inf``. Where the sum over the
    batch overflows, the mean of the samples' losses is taken on a rescaled copy; the
    result is ``inf`` only when a margin itself is beyond the float range.

    Derived in Chapter 6, section "Cross-entropy from the likelihood".

    Parameters
    ----------
    logits : array_like of shape (n_samples, n_classes), or (n_classes,) for one sample
        Finite scores $z_{ij}$.
    labels : array_like of int, shape (n_samples,); or an int for one sample
        The true classes, integers in ``[0, n_classes)``.

    Returns
    -------
    float
        $L \ge 0$.

    Raises
    ------
    TypeError
        If ``labels`` are not integers (float labels such as ``1.0`` are refused) or
        ``logits`` are not real numbers.
    ValueError
        If the shapes do not match, a label is out of range, or ``logits`` contains NaN
        or an infinity.

    Examples
    --------
    >>> cross_entropy([[0.0, 0.0]], [1])  # p = (1/2, 1/2): log 2
    0.6931471805599453
    >>> cross_entropy([1e4, 0.0], 1)  # sure and wrong: the margin, not inf
    10000.0
    >>> cross_entropy([[0.0, 0.0]], [2])
    Traceback (most recent call last):
    ...
    ValueError: labels must be class indices in [0, 1] for 2 classes; got 2 at index 0
    """
    Z, y, _ = _check_logits_labels(logits, labels)
    with np.errstate(over="ignore"):  # a margin beyond the float range is inf, silently
        return _cross_entropy_kernel(Z, y, need_grad=False)[0]


def cross_entropy_grad(logits, labels):
    r"""The gradient of :func:`cross_entropy` with respect to the logits.

    .. math:: \frac{\partial L}{\partial z_{ij}}
              = \frac{1}{n}\bigl(\mathrm{softmax}(\mathbf{z}_i)_j - [j = y_i]\bigr),
              \qquad \frac{\partial L}{\partial Z} = \frac{1}{n}\bigl(P - \mathrm{onehot}(\mathbf{y})\bigr)

    The softmax Jacobian $\operatorname{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^\top$
    times the cross-entropy's $-\mathbf{y}/\mathbf{p}$ collapses to $\mathbf{p} -
    \mathbf{y}$, because the one-hot $\mathbf{y}$ sums to 1; the $1/n$ is the batch mean's.
    Each row sums to 0.

    Derived in Chapter 6, section "The gradient p - y".

    Parameters
    ----------
    logits : array_like of shape (n_samples, n_classes), or (n_classes,) for one sample
    labels : array_like of int, shape (n_samples,); or an int for one sample

    Returns
    -------
    ndarray of the shape of ``logits``

    Raises
    ------
    TypeError
        As :func:`cross_entropy`.
    ValueError
        As :func:`cross_entropy`.

    Examples
    --------
    >>> cross_entropy_grad([[0.0, 0.0], [0.0, np.log(3.0)]], [0, 1])  # (p - y) / 2
    array([[-0.25 ,  0.25 ],
           [ 0.125, -0.125]])
    """
    Z, y, single = _check_logits_labels(logits, labels)
    with np.errstate(over="ignore"):  # a logit far below the largest: its p is 0
        G = _cross_entropy_kernel(Z, y)[1]
    return G[0] if single else G


def _check_logits_targets(logits, targets):
    """``(Z (n, k), Q (n, k), single)``: rows of targets are probability distributions."""
    Z = as_array(logits, "logits")
    Q = as_array(targets, "targets")
    single = Z.ndim == 1
    if Z.ndim not in (1, 2) or Z.size == 0:
        raise ValueError(f"logits must be 2-D (n_samples, n_classes), or one row "
                         f"(n_classes,), not empty; got shape {Z.shape}")
    if Q.shape != Z.shape:
        raise ValueError(f"targets must have the shape of logits, {Z.shape}; got {Q.shape}")
    Z, Q = np.atleast_2d(Z), np.atleast_2d(Q)
    if np.any(Q < 0):
        i, j = np.argwhere(Q < 0)[0]
        raise ValueError(f"targets must be probabilities (>= 0); got {Q[i, j]:g} at "
                         f"[{i}, {j}]")
    sums = Q.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1.0) > 1e-9 * Q.shape[1])
    if bad.size:
        raise ValueError(f"every row of targets must sum to 1 (a distribution over the "
                         f"classes); row {bad[0]} sums to {sums[bad[0]]:.12g}")
    return Z, Q, single


def soft_cross_entropy(logits, targets):
    r"""The mean cross-entropy against target *distributions*: soft labels.

    .. math:: L = \frac{1}{n}\sum_{i=1}^{n} \mathrm{CE}(\mathbf{p}_i, \mathbf{q}_i)
              = -\frac{1}{n}\sum_{i=1}^{n}\sum_{j} q_{ij}\,
              \log \mathrm{softmax}(\mathbf{z}_i)_j

    With one-hot rows $\mathbf{q}_i = \mathbf{e}_{y_i}$ it is :func:`cross_entropy`;
    with label smoothing, $\mathbf{q}_i = (1 - \varepsilon)\,\mathbf{e}_{y_i} +
    \varepsilon / K$, the target is never a sure 1. Computed with the log-sum-exp shift,
    so it is finite for logits of any size.

    Derived in Chapter 6, section "Exercises" (label smoothing).

    Parameters
    ----------
    logits : array_like of shape (n_samples, n_classes), or (n_classes,) for one sample
    targets : array_like of the shape of ``logits``
        Rows of probabilities: each $\ge 0$, summing to 1.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the shapes differ, a target is negative or a row does not sum to 1, or
        either contains NaN or an infinity.
    TypeError
        If either is not made of real numbers.

    Examples
    --------
    >>> soft_cross_entropy([[0.0, 0.0]], [[0.0, 1.0]])  # one-hot: cross_entropy, log 2
    0.6931471805599453
    >>> round(soft_cross_entropy([0.0, np.log(3.0)], [0.5, 0.5]), 12)  # -(log 1/4 + log 3/4) / 2
    0.836988216786
    """
    Z, Q, _ = _check_logits_targets(logits, targets)
    with np.errstate(over="ignore"):
        terms = -Q * (Z - logsumexp(Z, axis=1)[:, np.newaxis])
        loss = float(np.sum(terms)) / Z.shape[0]
    if not math.isfinite(loss):  # the sum overflowed: the mean of the rows' losses
        loss = scaled_mean(terms.sum(axis=1))
    return loss


def soft_cross_entropy_grad(logits, targets):
    r"""The gradient of :func:`soft_cross_entropy` with respect to the logits.

    .. math:: \frac{\partial L}{\partial \mathbf{z}_i}
              = \frac{1}{n}\bigl(\mathrm{softmax}(\mathbf{z}_i) - \mathbf{q}_i\bigr)

    the $\mathbf{p} - \mathbf{y}$ of Chapter 6 with the target distribution in place of
    the one-hot vector (the derivation uses only $\sum_j q_{ij} = 1$).

    Derived in Chapter 6, section "Exercises" (label smoothing).

    Parameters
    ----------
    logits : array_like of shape (n_samples, n_classes), or (n_classes,) for one sample
    targets : array_like of the shape of ``logits``

    Returns
    -------
    ndarray of the shape of ``logits``

    Raises
    ------
    ValueError, TypeError
        As :func:`soft_cross_entropy`.

    Examples
    --------
    >>> soft_cross_entropy_grad([0.0, 0.0], [0.9, 0.1])  # (1/2, 1/2) - q
    array([-0.4,  0.4])
    """
    Z, Q, single = _check_logits_targets(logits, targets)
    with np.errstate(over="ignore"):  # a gap beyond the float range: its p is 0
        G = (np.exp(Z - logsumexp(Z, axis=1)[:, np.newaxis]) - Q) / Z.shape[0]
    return G[0] if single else G


def _check_binary(logits, labels):
    """Logits of shape (n,) or (n, 1) and labels (n,) in {0, 1}, as float arrays."""
    z = as_array(logits, "logits")
    if not (z.ndim == 1 or (z.ndim == 2 and z.shape[1] == 1)) or z.shape[0] == 0:
        raise ValueError(
            f"logits must have one score per sample, shape (n_samples,) or (n_samples, 1); "
            f"got shape {z.shape}"
        )
    n = z.shape[0]
    arr = np.asarray(labels)
    if arr.dtype.kind not in "biu":
        got = type(labels).__name__ if arr.dtype.kind == "O" else f"dtype {arr.dtype}"
        raise TypeError(f"labels must be integer labels in {{0, 1}}; got {got}")
    if arr.shape != (n,):
        raise ValueError(f"labels must have one label per sample, shape ({n},); got shape {arr.shape}")
    bad = (arr != 0) & (arr != 1)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"labels must be 0 or 1; got {int(arr[i])} at index {i}")
    return z, arr.astype(float).reshape(z.shape)


def binary_cross_entropy(logits, labels):
    r"""The mean binary cross-entropy of sigmoid probabilities, from one logit per sample.

    .. math:: L = -\frac{1}{n}\sum_{i=1}^{n}\bigl(y_i \log\sigma(z_i)
              + (1 - y_i)\log(1 - \sigma(z_i))\bigr)
              = \frac{1}{n}\sum_{i=1}^{n}\bigl(\max(z_i, 0) - y_i z_i
              + \log(1 + e^{-|z_i|})\bigr)

    The second form (the softplus form; equal to the first for every $z$) is what is
    computed: it never takes the log of 0 and never overflows, so it is finite and
    warning-free for logits of any size (where the sum of the terms overflows, their
    mean is taken on a rescaled copy: ``binary_cross_entropy([1e308, -1e308], [0, 1])``
    is 1e308). It is :func:`cross_entropy` for two classes with logits $(0, z)$.

    Derived in Chapter 6, section "Exercises".

    Parameters
    ----------
    logits : array_like of shape (n_samples,) or (n_samples, 1)
        Finite scores $z_i$ (the model's single output).
    labels : array_like of int, shape (n_samples,)
        The true classes, 0 or 1.

    Returns
    -------
    float
        $L \ge 0$.

    Raises
    ------
    TypeError
        If ``labels`` are floats or ``logits`` are not real numbers.
    ValueError
        If the shapes do not match, a label is not 0 or 1, or ``logits`` contains NaN or
        an infinity.

    Examples
    --------
    >>> binary_cross_entropy([0.0, 0.0], [0, 1])  # sigma(0) = 1/2: log 2
    0.6931471805599453
    >>> binary_cross_entropy([[1e4]], [0])
    10000.0
    """
    z, y = _check_binary(logits, labels)
    with np.errstate(over="ignore"):  # a sum beyond the float range: the mean is rescued
        return _binary_cross_entropy_kernel(z, y, need_grad=False)[0]


def binary_cross_entropy_grad(logits, labels):
    r"""The gradient of :func:`binary_cross_entropy` with respect to the logits.

    .. math:: \frac{\partial L}{\partial z_i} = \frac{1}{n}\bigl(\sigma(z_i) - y_i\bigr)

    the two-class case of $(\mathbf{p} - \mathbf{y})/n$.

    Derived in Chapter 6, section "Exercises".

    Parameters
    ----------
    logits : array_like of shape (n_samples,) or (n_samples, 1)
    labels : array_like of int, shape (n_samples,)

    Returns
    -------
    ndarray of the shape of ``logits``

    Raises
    ------
    TypeError
        As :func:`binary_cross_entropy`.
    ValueError
        As :func:`binary_cross_entropy`.

    Examples
    --------
    >>> binary_cross_entropy_grad([0.0, 0.0], [0, 1])  # (1/2 - y) / 2
    array([ 0.25, -0.25])
    """
    z, y = _check_binary(logits, labels)
    with np.errstate(over="ignore"):
        return _binary_cross_entropy_kernel(z, y)[1]


KERNELS = {
    "cross_entropy": _cross_entropy_kernel,
    "binary_cross_entropy": _binary_cross_entropy_kernel,
    "mse": _mse_kernel,
}
"""The losses without input checks, for a loop that checks its input once
(:func:`nncore.mlp.loss_and_grads`, :class:`nncore.mlp.Trainer`): ``name -> kernel(Z, T,
need_grad=True)`` returning ``(loss, dL/dZ or None)`` for logits (or predictions) ``Z``
of shape (n, k) and targets ``T`` as the kernel takes them (labels (n,) for
cross-entropy, (n, 1) for binary cross-entropy, (n, k) for mse)."""
