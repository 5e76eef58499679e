r"""Activation functions: what a neuron applies to its score $z = \mathbf{w}\cdot\mathbf{x} + b$.

Chapter 1 needs only the Heaviside step, the perceptron's all-or-nothing output.
Chapter 4 adds the smooth activations ``relu``, ``sigmoid`` and ``tanh`` with their
derivatives ``relu_grad``, ``sigmoid_grad`` and ``tanh_grad`` (each elementwise, with
respect to the pre-activation $z$), and ``softmax`` and ``log_softmax``, which turn a
vector of scores into probabilities (used again in Chapter 6).

Chapter 5 adds ``identity`` (the "linear" activation) and the table ``ACTIVATIONS``
of every activation a layer of :class:`nncore.mlp.MLP` can use; Chapter 6 adds
``softmax_jacobian`` and ``softmax_naive``, the unshifted softmax that overflows (kept
only to show why the shift matters).

Every function except ``softmax_naive`` is numerically stable: for scores as large as $|z| = 10^4$ the results
are finite and numpy emits no warning. The elementwise functions accept infinities
(an overflowed score keeps its sign); ``softmax`` and ``log_softmax`` need finite scores.

Numpy only: this module belongs to the maths layer of nncore.
"""

import numbers

import numpy as np

from nncore._checks import as_array

__all__ = [
    "step",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "softmax",
    "log_softmax",
    "logsumexp",
    "identity",
    "identity_grad",
    "ACTIVATIONS",
    "KERNELS",
    "softmax_jacobian",
    "softmax_naive",
]


def _elementwise(z):
    """``z`` as a float array (infinities allowed, NaN refused)."""
    return as_array(z, "z", allow_inf=True)


def _out(a):
    """A Python float for a 0-d result, else the array itself."""
    return float(a) if a.ndim == 0 else a


# -- the formulas, without checks: the public functions below check their input and call
# -- these; KERNELS hands them to loops that check their input once (nncore.mlp)


def _relu_kernel(z):
    return np.maximum(z, 0.0)


def _relu_grad_kernel(z, a):
    return z > 0  # 0 at z = 0, as PyTorch does


def _sigmoid_kernel(z):
    """$e^{-|z|} \\in (0, 1]$ never overflows."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_grad_kernel(z, a):
    return a * (1.0 - a)  # sigma' = sigma (1 - sigma), from the forward pass's a


def _tanh_grad_kernel(z, a):
    return 1.0 - a * a  # tanh' = 1 - tanh^2


def _identity_kernel(z):
    return z


def _softmax_kernel(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))  # the max shift: no overflow
    return e / np.sum(e, axis=axis, keepdims=True)


def step(z):
    r"""The Heaviside step function, with $\operatorname{step}(0) = 1$ as the perceptron uses it.

    .. math:: \operatorname{step}(z) = \begin{cases} 1 & \text{if } z \ge 0 \\ 0 & \text{if } z < 0 \end{cases}

    Applied elementwise. Infinite scores are allowed ($\operatorname{step}(\infty) = 1$, $\operatorname{step}(-\infty) = 0$);
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


def relu(z):
    r"""The rectified linear unit: the score itself when positive, else 0.

    .. math:: \mathrm{relu}(z) = \max(0, z)

    Applied elementwise.

    Derived in Chapter 4, section "The local derivatives".

    Parameters
    ----------
    z : float or array_like of any shape
        Pre-activations (scores); infinities allowed.

    Returns
    -------
    float or ndarray of float
        A float for a scalar ``z``, else an array of the same shape, all $\ge 0$.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` contains something other than real numbers.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.5])
    array([0. , 0. , 3.5])
    >>> relu(-1.0)
    0.0
    """
    z = _elementwise(z)
    return _out(_relu_kernel(z))


def relu_grad(z):
    r"""The derivative of :func:`relu` with respect to its input, with the convention 0 at 0.

    .. math:: \mathrm{relu}'(z) = \begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{if } z \le 0 \end{cases}

    At $z = 0$ the ReLU has a kink and no derivative; any value in $[0, 1]$ is a valid
    subgradient. We take 0 there, as PyTorch does. Applied elementwise.

    Derived in Chapter 4, section "The local derivatives".

    Parameters
    ----------
    z : float or array_like of any shape
        Pre-activations; infinities allowed.

    Returns
    -------
    float or ndarray of float
        Values in {0.0, 1.0}: a float for a scalar ``z``, else an array of its shape.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` contains something other than real numbers.

    Examples
    --------
    >>> relu_grad([-2.0, 0.0, 3.5])
    array([0., 0., 1.])
    """
    z = _elementwise(z)
    return _out(_relu_grad_kernel(z, None).astype(float))


def sigmoid(z):
    r"""The logistic sigmoid, which squashes any score into the open interval $(0, 1)$.

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}
              = \begin{cases} \dfrac{1}{1 + e^{-z}} & \text{if } z \ge 0 \\[1ex]
                              \dfrac{e^{z}}{1 + e^{z}} & \text{if } z < 0 \end{cases}

    The two branches are equal; each call uses only $e^{-|z|} \le 1$, so nothing
    overflows and no warning is raised, even for $|z| = 10^4$. In exact arithmetic
    $0 < \sigma(z) < 1$; in floating point $\sigma(z)$ rounds to exactly 1.0 for
    $z \gtrsim 37$ and to 0.0 for $z \lesssim -745$ (underflow). Applied elementwise.

    Derived in Chapter 4, section "One neuron as a chain".

    Parameters
    ----------
    z : float or array_like of any shape
        Pre-activations; infinities allowed ($\sigma(\infty) = 1$, $\sigma(-\infty) = 0$).

    Returns
    -------
    float or ndarray of float
        A float for a scalar ``z``, else an array of the same shape.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` contains something other than real numbers.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid([-1e4, 1e4])
    array([0., 1.])
    """
    return _out(_sigmoid_kernel(_elementwise(z)))


def sigmoid_grad(z):
    r"""The derivative of :func:`sigmoid` with respect to its input.

    .. math:: \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)
              = \frac{e^{-|z|}}{\bigl(1 + e^{-|z|}\bigr)^2}

    The second form (the same number, since $\sigma'$ is even) is what is computed: it
    keeps full relative accuracy for large $|z|$, where $1 - \sigma(z)$ would round to 0.
    The largest value is $\sigma'(0) = 1/4$. Applied elementwise.

    Derived in Chapter 4, section "The local derivatives".

    Parameters
    ----------
    z : float or array_like of any shape
        Pre-activations; infinities allowed.

    Returns
    -------
    float or ndarray of float
        Values in $[0, 1/4]$: a float for a scalar ``z``, else an array of its shape.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` contains something other than real numbers.

    Examples
    --------
    >>> sigmoid_grad(0.0)
    0.25
    >>> sigmoid_grad([-1e4, 1e4])
    array([0., 0.])
    """
    z = _elementwise(z)
    e = np.exp(-np.abs(z))
    return _out(e / (1.0 + e) ** 2)


def tanh(z):
    r"""The hyperbolic tangent, a sigmoid-shaped activation with values in $(-1, 1)$.

    .. math:: \tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1

    Computed by ``np.tanh``, which is stable for any $z$ (it rounds to $\pm 1$ for
    $|z| \gtrsim 19$). Applied elementwise.

    Derived in Chapter 4, section "The local derivatives".

    Parameters
    ----------
    z : float or array_like of any shape
        Pre-activations; infinities allowed.

    Returns
    -------
    float or ndarray of float
        A float for a scalar ``z``, else an array of the same shape.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` contains something other than real numbers.

    Examples
    --------
    >>> tanh(0.0)
    0.0
    >>> tanh([-1e4, 1e4])
    array([-1.,  1.])
    """
    z = _elementwise(z)
    return _out(np.tanh(z))


def tanh_grad(z):
    r"""The derivative of :func:`tanh` with respect to its input.

    .. math:: \tanh'(z) = 1 - \tanh^2(z)

    Applied elementwise; the largest value is $\tanh'(0) = 1$.

    Derived in Chapter 4, section "The local derivatives".

    Parameters
    ----------
    z : float or array_like of any shape
        Pre-activations; infinities allowed.

    Returns
    -------
    float or ndarray of float
        Values in $[0, 1]$: a float for a scalar ``z``, else an array of its shape.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` contains something other than real numbers.

    Examples
    --------
    >>> tanh_grad(0.0)
    1.0
    >>> tanh_grad([-1e4, 1e4])
    array([0., 0.])
    """
    z = _elementwise(z)
    return _out(_tanh_grad_kernel(z, np.tanh(z)))


def _check_axis(z, axis):
    """``z`` as a finite float array of at least one dimension, and ``axis`` as an int in range."""
    z = as_array(z, "z")
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"axis must be an int; got {axis!r} of type {type(axis).__name__}")
    if z.ndim == 0:
        raise ValueError(
            "z must have at least one dimension (a vector of scores, or a batch of shape "
            "(n_samples, n_classes)); got a scalar, shape ()"
        )
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(
            f"axis must be in [{-z.ndim}, {z.ndim}) for z of shape {z.shape}; got {axis}"
        )
    if z.shape[axis] == 0:
        raise ValueError(
            f"z must have at least one score along axis {axis}; got shape {z.shape}"
        )
    return z, int(axis)


def softmax(z, axis=-1):
    r"""Scores to probabilities: positive numbers that sum to 1 along ``axis``.

    .. math:: \mathrm{softmax}(\mathbf{z})_k = \frac{e^{z_k}}{\sum_j e^{z_j}}
              = \frac{e^{z_k - m}}{\sum_j e^{z_j - m}}, \qquad m = \max_j z_j

    Subtracting the largest score $m$ changes nothing in exact arithmetic (it cancels
    between numerator and denominator) but makes every exponent $\le 0$, so nothing
    overflows and the largest term is exactly $e^0 = 1$: the sum is at least 1, never 0.
    Probabilities of scores far below the largest may underflow to 0.0; use
    :func:`log_softmax` when you need their logarithms.

    Derived in Chapter 6, section "Softmax: a smooth arg-max"; first met in Chapter 4.

    Parameters
    ----------
    z : array_like of shape (n_classes,) or (n_samples, n_classes), or any shape
        Finite scores (logits).
    axis : int, default -1
        The axis along which the probabilities sum to 1 (the classes).

    Returns
    -------
    ndarray of the shape of ``z``
        Values in $[0, 1]$ that sum to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``z`` is a scalar, contains NaN or an infinity, is empty along ``axis``, or
        ``axis`` is out of range.
    TypeError
        If ``z`` is not made of real numbers or ``axis`` is not an int.

    Examples
    --------
    >>> softmax([0.0, np.log(3.0)])
    array([0.25, 0.75])
    >>> softmax([[1e4, 0.0], [0.0, 0.0]])
    array([[1. , 0. ],
           [0.5, 0.5]])
    """
    z, axis = _check_axis(z, axis)
    with np.errstate(over="ignore"):  # a gap beyond the float range: e^-inf = 0, silently
        return _softmax_kernel(z, axis)


def log_softmax(z, axis=-1):
    r"""The logarithm of :func:`softmax`, computed without taking the log of a probability.

    .. math:: \log \mathrm{softmax}(\mathbf{z})_k
              = z_k - m - \log \sum_j e^{z_j - m}, \qquad m = \max_j z_j

    (the log-sum-exp trick). The sum is at least 1, so its log is finite and $\ge 0$,
    and the result is finite for every finite score, even where the probability itself
    underflows to 0 (there ``np.log(softmax(z))`` would give ``-inf`` and a warning);
    only a score more than the largest float (1.8e308) below the top gets ``-inf``, its
    true value, silently.

    Derived in Chapter 6, section "Cross-entropy from the likelihood"; first met in Chapter 4.

    Parameters
    ----------
    z : array_like of shape (n_classes,) or (n_samples, n_classes), or any shape
        Finite scores (logits).
    axis : int, default -1
        The axis of the classes.

    Returns
    -------
    ndarray of the shape of ``z``
        Values $\le 0$; their exponentials sum to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``z`` is a scalar, contains NaN or an infinity, is empty along ``axis``, or
        ``axis`` is out of range.
    TypeError
        If ``z`` is not made of real numbers or ``axis`` is not an int.

    Examples
    --------
    >>> log_softmax([0.0, 0.0])
    array([-0.69314718, -0.69314718])
    >>> log_softmax([1e4, 0.0])  # softmax would give [1, 0]; log(0) = -inf
    array([     0., -10000.])
    """
    z, axis = _check_axis(z, axis)
    with np.errstate(over="ignore"):  # -inf only where z_k - m is beyond the float range
        return z - _logsumexp(z, axis)


def _logsumexp(z, axis):
    """log sum exp along ``axis`` of a checked array, kept as a length-1 axis."""
    top = np.max(z, axis=axis, keepdims=True)
    return top + np.log(np.sum(np.exp(z - top), axis=axis, keepdims=True))


def logsumexp(z, axis=-1):
    r"""The log of the sum of the exponentials, computed without overflow: a smooth max.

    .. math:: \operatorname{lse}(\mathbf{z}) = \log \sum_k e^{z_k}
              = m + \log \sum_k e^{z_k - m}, \qquad m = \max_k z_k

    The shift by $m$ makes the largest exponential $e^0 = 1$, so nothing overflows for
    scores of any size. It lies between $\max_k z_k$ and $\max_k z_k + \log K$, its
    gradient is $\operatorname{softmax}(\mathbf{z})$, and
    $\log\operatorname{softmax}(\mathbf{z}) = \mathbf{z} - \operatorname{lse}(\mathbf{z})$.

    Derived in Chapter 6, section "Numerical stability: the log-sum-exp shift".

    Parameters
    ----------
    z : array_like of at least one dimension
        Scores, finite.
    axis : int, default -1
        The axis summed over (for a batch ``(n, K)``, each row).

    Returns
    -------
    float or ndarray
        A float for a 1-D ``z``, else an array with ``axis`` removed.

    Raises
    ------
    ValueError
        If ``z`` is a scalar, contains NaN or an infinity, is empty along ``axis``, or
        ``axis`` is out of range.
    TypeError
        If ``z`` is not made of real numbers or ``axis`` is not an int.

    Examples
    --------
    >>> logsumexp([0.0, 0.0])  # log 2
    0.6931471805599453
    >>> logsumexp([1000.0, 1000.0])  # np.log(np.sum(np.exp(z))) would give inf
    1000.6931471805599
    """
    z, axis = _check_axis(z, axis)
    with np.errstate(over="ignore"):  # z_k - m = -inf: e^-inf = 0, silently
        out = np.squeeze(_logsumexp(z, axis), axis=axis)
    return float(out) if out.ndim == 0 else out


def identity(z):
    r"""The identity, or "linear", activation: the score passes unchanged.

    .. math:: f(z) = z

    A layer with this activation is a plain affine map $\mathbf{z} = W\mathbf{x} +
    \mathbf{b}$; a stack of such layers is again one affine map (Chapter 5, section "Why
    non-linearity"). Applied elementwise.

    Derived in Chapter 5, section "Why a network needs a nonlinearity".

    Parameters
    ----------
    z : float or array_like of any shape
        Pre-activations; infinities allowed.

    Returns
    -------
    float or ndarray of float
        A float for a scalar ``z``, else a float copy of ``z``.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` contains something other than real numbers.

    Examples
    --------
    >>> identity([-2.0, 0.0, 3.5])
    array([-2. ,  0. ,  3.5])
    """
    z = _elementwise(z)
    return _out(z.copy())


def identity_grad(z):
    r"""The derivative of :func:`identity`: 1 everywhere.

    .. math:: f'(z) = 1

    Derived in Chapter 5, section "Why a network needs a nonlinearity".

    Parameters
    ----------
    z : float or array_like of any shape
        Pre-activations; infinities allowed.

    Returns
    -------
    float or ndarray of float
        Ones: a float for a scalar ``z``, else an array of its shape.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` contains something other than real numbers.

    Examples
    --------
    >>> identity_grad([-2.0, 0.0, 3.5])
    array([1., 1., 1.])
    """
    z = _elementwise(z)
    return _out(np.ones_like(z))


ACTIVATIONS = {
    "relu": (relu, relu_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "linear": (identity, identity_grad),
}
"""Every activation a hidden layer can use, by name: ``name -> (f, f_grad)``.

``f_grad`` is the derivative with respect to the pre-activation $z$. The names are those
:class:`nncore.mlp.MLP` accepts for its ``activation``.
"""

KERNELS = {
    "relu": (_relu_kernel, _relu_grad_kernel),
    "sigmoid": (_sigmoid_kernel, _sigmoid_grad_kernel),
    "tanh": (np.tanh, _tanh_grad_kernel),
    "linear": (_identity_kernel, None),
    "softmax": (_softmax_kernel, None),
}
"""The formulas of :data:`ACTIVATIONS` without input checks, for a loop that checks its
input once (:class:`nncore.mlp.MLP`'s passes): ``name -> (f(Z), f_grad(Z, A))``, where
``A = f(Z)`` lets the derivative reuse the forward pass (``None``: the identity's
derivative, 1). ``"softmax"`` is the output of a classifier, along the last axis (its
derivative is a Jacobian, :func:`softmax_jacobian`). :func:`sigmoid_grad` evaluates the same derivative as
$e^{-|z|}/(1 + e^{-|z|})^2$, which keeps its relative accuracy for large $|z|$.
"""


def softmax_jacobian(z):
    r"""The Jacobian of :func:`softmax`: how each probability moves with each score.

    .. math:: \frac{\partial p_k}{\partial z_i} = p_k\,([k = i] - p_i),
              \qquad J = \operatorname{diag}(\mathbf{p}) - \mathbf{p}\,\mathbf{p}^\top

    with $\mathbf{p} = \mathrm{softmax}(\mathbf{z})$ and the Iverson bracket $[k = i]$ (1 if
    $k = i$, else 0: Kronecker's delta). The matrix is symmetric and dense (every score moves every probability), and
    each of its rows and columns sums to 0, because the probabilities always sum to 1.

    Derived in Chapter 6, section "The softmax Jacobian".

    Parameters
    ----------
    z : array_like of shape (k,) or (n_samples, k)
        Finite scores (logits); for a batch, each row is one sample.

    Returns
    -------
    ndarray of shape (k, k) or (n_samples, k, k)
        ``J[..., k, i]`` is $\partial p_k / \partial z_i$.

    Raises
    ------
    ValueError
        If ``z`` is not 1-D or 2-D, is empty, or contains NaN or an infinity.
    TypeError
        If ``z`` is not made of real numbers.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0])  # p = (1/2, 1/2)
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    >>> softmax_jacobian([[0.0, 0.0, 0.0]]).shape
    (1, 3, 3)
    """
    z = as_array(z, "z")
    if z.ndim not in (1, 2) or z.shape[-1] == 0 or z.size == 0:
        raise ValueError(
            f"z must be a vector of scores (k,) or a batch (n_samples, k) with k >= 1; "
            f"got shape {z.shape}"
        )
    p = softmax(z, axis=-1)
    jac = -p[..., :, np.newaxis] * p[..., np.newaxis, :]
    k = p.shape[-1]
    jac[..., np.arange(k), np.arange(k)] += p
    return jac


def softmax_naive(z, axis=-1):
    r"""Softmax *without* the shift by the largest score: for teaching only.

    .. math:: \mathrm{softmax}(\mathbf{z})_k = \frac{e^{z_k}}{\sum_j e^{z_j}}

    computed literally. For a score above about 709, $e^{z}$ overflows to ``inf`` and the
    quotient becomes ``inf / inf = nan``; for scores all below about -745, every $e^{z}$
    underflows to 0 and the quotient is ``0 / 0 = nan``. It exists to show that failure
    next to :func:`softmax`, which subtracts $\max_j z_j$ first and never fails. The
    overflow happens silently here (under ``np.errstate``): no numpy warning, just
    ``inf`` and ``nan`` in the result. Use :func:`softmax` for any real computation.

    Derived in Chapter 6, section "Numerical stability: the log-sum-exp shift".

    Parameters
    ----------
    z : array_like of shape (n_classes,) or (n_samples, n_classes), or any shape
        Finite scores (logits).
    axis : int, default -1
        The axis of the classes.

    Returns
    -------
    ndarray of the shape of ``z``
        The probabilities when no exponential overflows or underflows; ``nan`` where it
        does.

    Raises
    ------
    ValueError
        As :func:`softmax`.
    TypeError
        As :func:`softmax`.

    Examples
    --------
    >>> softmax_naive([0.0, np.log(3.0)])
    array([0.25, 0.75])
    >>> softmax_naive([1000.0, 0.0])  # e^1000 = inf, inf / inf = nan
    array([nan,  0.])
    """
    z, axis = _check_axis(z, axis)
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        e = np.exp(z)
        return e / np.sum(e, axis=axis, keepdims=True)
