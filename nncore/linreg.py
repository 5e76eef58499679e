r"""Fitting a line by least squares: the loss, its gradient, its curvature, its minimum.

Chapter 3 fits the line $\hat y(x) = w x + b$ to points $(x_i, y_i)$, for example a house's
price against its area, by minimising the average squared loss of the two parameters
$\boldsymbol{\theta} = (w, b)$:

.. math:: L(w, b) = \frac{1}{n}\sum_{i=1}^{n} \bigl(y_i - (w x_i + b)\bigr)^2

This is a quadratic bowl in $(w, b)$: :func:`loss_grad` is its slope, :func:`hessian`
its (constant) curvature $\nabla^2L$, :func:`smoothness` the steepest curvature
$\beta$ that decides which learning rates work ($\eta < 2/\beta$), and :func:`closed_form` the bottom of the
bowl, found without any descent. :func:`standardize` rescales $x$ so the bowl is round
and descent is fast; :func:`unstandardize_params` maps the fitted line back to the raw
units.

Numpy only: this module belongs to the maths layer of nncore.
"""

import math

import numpy as np

from nncore import optimisers
from nncore._checks import as_array, as_int, as_matrix, as_scalar, as_vector
from nncore._scaled import max_abs_scale
from nncore.losses import mse

__all__ = [
    "predict",
    "loss",
    "loss_grad",
    "loss_surface",
    "hessian",
    "smoothness",
    "closed_form",
    "standardize",
    "unstandardize_params",
    "standardize_params",
    "descent_path",
]


def _check_theta(theta):
    return as_vector(theta, "theta", dim=2)


def _check_xy(x, y):
    x = as_vector(x, "x")
    y = as_vector(y, "y", dim=x.shape[0], against="x")
    return x, y


def predict(theta, x):
    r"""The line's prediction at each $x_i$.

    .. math:: \hat y(x_i) = w\,x_i + b, \qquad \boldsymbol{\theta} = (w, b)

    Derived in Chapter 3, section "The average squared loss".

    Parameters
    ----------
    theta : array_like of shape (2,)
        $(w, b)$, the slope and the intercept.
    x : array_like of shape (n,)
        The feature, one number per sample.

    Returns
    -------
    ndarray of shape (n,)

    Raises
    ------
    ValueError
        If ``theta`` is not of shape (2,), ``x`` not a non-empty 1-D vector, or either
        contains NaN or an infinity.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> predict([2.0, 1.0], [0.0, 1.0, 3.0])  # 2 x + 1
    array([1., 3., 7.])
    """
    w, b = _check_theta(theta)
    x = as_vector(x, "x")
    with np.errstate(over="ignore"):
        return w * x + b


def loss(theta, x, y):
    r"""The average squared loss of the line $w x + b$ on the data.

    .. math:: L(w, b) = \frac{1}{n}\sum_{i=1}^{n} \bigl(y_i - (w x_i + b)\bigr)^2
              = \mathrm{MSE}(p(\mathbf{x}), \mathbf{y})

    ("Average Loss" in "NNs MATH"; :func:`nncore.losses.mse` of the predictions).

    Derived in Chapter 3, section "The average squared loss".

    Parameters
    ----------
    theta : array_like of shape (2,)
        $(w, b)$.
    x : array_like of shape (n,)
    y : array_like of shape (n,)
        The targets, one per sample.

    Returns
    -------
    float
        $L \ge 0$ (``inf`` only if the true value exceeds the float range).

    Raises
    ------
    ValueError
        If ``theta`` is not of shape (2,), ``x`` or ``y`` not a non-empty 1-D vector,
        their lengths differ, or any contains NaN or an infinity.
    TypeError
        If any contains something other than real numbers.

    Examples
    --------
    >>> loss([2.0, 1.0], [0.0, 1.0], [1.0, 5.0])  # residuals 0 and 2: (0 + 4) / 2
    2.0
    """
    theta = _check_theta(theta)
    x, y = _check_xy(x, y)
    p = predict(theta, x)
    if not np.all(np.isfinite(p)):
        return float("inf")
    return mse(p, y)


def loss_grad(theta, x, y):
    r"""The gradient of :func:`loss` with respect to $(w, b)$.

    .. math:: \frac{\partial\,L}{\partial w}
              = -\frac{2}{n}\sum_{i=1}^{n} \bigl(y_i - \hat y(x_i)\bigr)\,x_i, \qquad
              \frac{\partial\,L}{\partial b}
              = -\frac{2}{n}\sum_{i=1}^{n} \bigl(y_i - \hat y(x_i)\bigr)

    (the chain rule: $\partial\,\mathrm{MSE}/\partial p_i = \frac{2}{n}(p_i - y_i)$, and
    $\partial p_i/\partial w = x_i$, $\partial p_i/\partial b = 1$).

    Derived in Chapter 3, section "The gradient".

    Parameters
    ----------
    theta : array_like of shape (2,)
    x : array_like of shape (n,)
    y : array_like of shape (n,)

    Returns
    -------
    ndarray of shape (2,)
        $(\partial\,L/\partial w,\; \partial\,L/\partial b)$.

    Raises
    ------
    ValueError
        If ``theta`` is not of shape (2,), ``x`` or ``y`` not a non-empty 1-D vector,
        their lengths differ, or any contains NaN or an infinity.
    TypeError
        If any contains something other than real numbers.

    Examples
    --------
    >>> loss_grad([2.0, 1.0], [0.0, 1.0], [1.0, 5.0])  # residuals (0, 2): -(2/2)(0*0 + 2*1), -(2/2)(0 + 2)
    array([-2., -2.])
    """
    w, b = _check_theta(theta)
    x, y = _check_xy(x, y)
    n = x.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        r = y - (w * x + b)
        return np.array([-(2.0 / n) * np.sum(r * x), -(2.0 / n) * np.sum(r)])


def loss_surface(ws, bs, x, y):
    r"""The loss on a grid of lines, for contour and surface plots.

    .. math:: Z_{jk} = L(w_k, b_j)
              = \frac{1}{n}\sum_{i=1}^{n} \bigl(y_i - (w_k x_i + b_j)\bigr)^2

    Rows follow ``bs`` and columns ``ws``, as ``np.meshgrid(ws, bs)`` and matplotlib's
    ``contour(ws, bs, Z)`` expect. Computed one row at a time, each row vectorised over
    the slopes and the samples, so memory stays at ``len(ws) * n`` numbers.

    Derived in Chapter 3, section "The loss surface".

    Parameters
    ----------
    ws : array_like of shape (n_w,)
        The slopes $w_k$.
    bs : array_like of shape (n_b,)
        The intercepts $b_j$.
    x : array_like of shape (n,)
    y : array_like of shape (n,)

    Returns
    -------
    ndarray of shape (n_b, n_w)

    Raises
    ------
    ValueError
        If any argument is not a non-empty 1-D vector of finite numbers, or ``x`` and
        ``y`` differ in length.
    TypeError
        If any contains something other than real numbers.

    Examples
    --------
    >>> loss_surface([0.0, 1.0, 2.0], [0.0, 1.0], [0.0, 1.0], [1.0, 3.0])  # row b = 0: (1+9)/2, (1+4)/2, (1+1)/2
    array([[5. , 2.5, 1. ],
           [2. , 0.5, 0. ]])
    """
    ws = as_vector(ws, "ws")
    bs = as_vector(bs, "bs")
    x, y = _check_xy(x, y)
    Z = np.empty((bs.shape[0], ws.shape[0]))
    with np.errstate(over="ignore", invalid="ignore"):
        for j, b in enumerate(bs):
            R = y - (ws[:, np.newaxis] * x + b)  # (n_w, n): residuals of every slope
            Z[j] = np.mean(R * R, axis=1)
    return Z


def hessian(x):
    r"""The matrix of second derivatives of :func:`loss`: the same at every $(w, b)$.

    .. math:: \nabla^2L = \begin{pmatrix}
              \partial^2 L/\partial w^2 & \partial^2 L/\partial w\,\partial b \\
              \partial^2 L/\partial b\,\partial w & \partial^2 L/\partial b^2
              \end{pmatrix}
              = \frac{2}{n}\begin{pmatrix} \sum_i x_i^2 & \sum_i x_i \\ \sum_i x_i & n \end{pmatrix}

    It does not depend on $\boldsymbol{\theta}$ or on $y$: the loss is a quadratic, a
    bowl whose curvature is fixed by the $x_i$ alone.

    The sums are taken on $x_i / s$, with $s$ a power of two near the largest $|x_i|$,
    and scaled back (exact in floating point): the same numbers as the plain sums
    whenever those stay in range, no NaN, and no ``inf`` merely because one $x_i^2$
    overflows (``hessian([1e155] + [0.0] * 999)`` has entry $(1, 1)$ equal to $2 \cdot 10^{307}$).

    With several features, ``x`` of shape ``(n, d)`` (a linear model
    $\hat y = \mathbf{w}\cdot\mathbf{x} + b$ with the mean squared error, as the
    Playground's network with no hidden layer on a regression problem), the same
    computation gives the $(d+1) \times (d+1)$ matrix
    $\nabla^2L = \frac{2}{n} \tilde\Phi^\top \tilde\Phi$ with the design matrix
    $\tilde\Phi = (X \;\; \mathbf{1})$, in the order $(w_1, \dots, w_d, b)$.

    Derived in Chapter 3, section "The learning rate"; several features in Chapter 7,
    section "A learning rate too high diverges".

    Parameters
    ----------
    x : array_like of shape (n,) or (n, d)

    Returns
    -------
    ndarray of shape (2, 2), or (d + 1, d + 1)
        Symmetric and positive semi-definite (positive definite unless all $x_i$ are
        equal, or the columns of $\tilde\Phi$ are dependent).

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D vector or 2-D matrix of finite numbers.
    TypeError
        If ``x`` contains something other than real numbers.

    Examples
    --------
    >>> hessian([1.0, 3.0])  # (2/2) [[1 + 9, 1 + 3], [1 + 3, 2]]
    array([[10.,  4.],
           [ 4.,  2.]])
    >>> hessian([[1.0, 0.0], [0.0, 2.0]])  # Phi~ = [[1, 0, 1], [0, 2, 1]], (2/2) Phi~^T Phi~
    array([[1., 0., 1.],
           [0., 4., 2.],
           [1., 2., 2.]])
    """
    if as_array(x, "x").ndim == 2:
        X = as_matrix(x, "x")
    else:
        X = as_vector(x, "x")[:, np.newaxis]
    # H = D G D with G the matrix of x / s (s a power of two near the largest |x_i|, so
    # every division and multiplication by s is exact) and D = diag(s, ..., s, 1): the
    # sums are taken on numbers below 2, so they neither overflow nor meet inf - inf.
    s = max_abs_scale(X) or 1.0
    A = np.column_stack([X / s, np.ones(X.shape[0])])
    G = (2.0 / X.shape[0]) * (A.T @ A)
    d = np.append(np.full(X.shape[1], s), 1.0)
    with np.errstate(over="ignore"):
        return G * d[:, np.newaxis] * d[np.newaxis, :]


def smoothness(x):
    r"""The steepest curvature $\beta$ of the loss: the largest eigenvalue of :func:`hessian`.

    .. math:: \beta = \lambda_{\max}(\nabla^2L)

    Along that eigenvector, one gradient-descent step multiplies the distance to the
    minimum by $1 - \eta \beta$. So descent with learning rate $\eta$ converges when
    $|1 - \eta \lambda| < 1$ for every eigenvalue $\lambda$, that is for
    $0 < \eta < 2/\beta$, and diverges (the distance grows by $|1 - \eta \beta| > 1$
    each step) for $\eta > 2/\beta$. $\beta$ is the loss's *smoothness*: the gradient
    changes by at most $\beta$ times the distance moved.

    Derived in Chapter 3, section "The learning rate".

    Parameters
    ----------
    x : array_like of shape (n,) or (n, d)
        As for :func:`hessian`.

    Returns
    -------
    float
        $\beta > 0$; ``inf`` (silently) when $\beta$ is beyond the float range, as it is for
        $x_i$ whose mean square exceeds about 1e308 (:func:`hessian` then has an
        infinite diagonal entry, and $\beta$ is at least every diagonal entry).

    Raises
    ------
    ValueError
        If ``x`` is not a non-empty 1-D vector or 2-D matrix of finite numbers.
    TypeError
        If ``x`` contains something other than real numbers.

    Examples
    --------
    >>> smoothness([-1.0, 1.0])  # H = [[2, 0], [0, 2]]
    2.0
    """
    H = hessian(x)
    if not np.all(np.isfinite(H)):
        return math.inf  # some H_jj is beyond the float range, and L >= every H_jj
    t = max_abs_scale(H)  # a power of two: eigvalsh(H / t) * t, exact scalings
    return float(np.max(np.linalg.eigvalsh(H / t))) * t


def closed_form(x, y):
    r"""The bottom of the bowl, solved directly: the least-squares line.

    .. math:: \boldsymbol{\theta}^\ast = \arg\min_{w, b} L(w, b)
              = \arg\min_{\boldsymbol{\theta}} \|\tilde\Phi\boldsymbol{\theta} - \mathbf{y}\|^2,
              \qquad \tilde\Phi = \begin{pmatrix} x_1 & 1 \\ \vdots & \vdots \\ x_n & 1 \end{pmatrix}

    solved with ``np.linalg.lstsq`` (an orthogonal factorisation, more accurate than
    solving the normal equations
    $\tilde\Phi^\top \tilde\Phi\,\boldsymbol{\theta} = \tilde\Phi^\top \mathbf{y}$).
    At $\boldsymbol{\theta}^\ast$ the gradient :func:`loss_grad` is zero.

    Derived in Chapter 3, section "The closed form".

    Parameters
    ----------
    x : array_like of shape (n,)
        At least two distinct values (through one point pass infinitely many lines).
    y : array_like of shape (n,)

    Returns
    -------
    ndarray of shape (2,)
        $(w^\ast, b^\ast)$.

    Raises
    ------
    ValueError
        If ``x`` has fewer than two distinct values, ``x`` or ``y`` is not a non-empty
        1-D vector of finite numbers, or their lengths differ.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> closed_form([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])  # exactly y = 2 x + 1
    array([2., 1.])
    """
    x, y = _check_xy(x, y)
    if np.all(x == x[0]):
        raise ValueError(
            f"x must contain at least two distinct values (the line is not determined); "
            f"got every x equal to {x[0]}"
        )
    A = np.column_stack([x, np.ones_like(x)])
    theta, *_ = np.linalg.lstsq(A, y, rcond=None)
    return theta


def standardize(x):
    r"""Z-scores: shift $x$ to mean 0 and scale it to standard deviation 1.

    .. math:: x'_i = \frac{x_i - \bar x}{\operatorname{sd}(x)}, \qquad
              \bar x = \frac{1}{n}\sum_i x_i, \qquad
              \operatorname{sd}(x) = \sqrt{\frac{1}{n}\sum_i (x_i - \bar x)^2}

    On standardised $x'$ the Hessian is $2I$: the bowl is round, and one learning rate
    suits both parameters.

    Computed on $x / 2^e$ with $2^e$ a power of two near the largest $|x_i|$ (exact
    scalings), so it works for any finite $x$: ``standardize([1e200, -1e200])`` is
    $(1, -1)$ with $\operatorname{sd}(x) = 10^{200}$, though $x_i^2$ overflows.

    Derived in Chapter 3, section "Feature scaling".

    Parameters
    ----------
    x : array_like of shape (n,)
        At least two distinct values ($\operatorname{sd}(x) > 0$).

    Returns
    -------
    x_std : ndarray of shape (n,)
    mean : float
        $\bar x$.
    std : float
        $\operatorname{sd}(x)$ (the population standard deviation, ``ddof=0``).

    Raises
    ------
    ValueError
        If all values of ``x`` are equal, or ``x`` is not a non-empty 1-D vector of
        finite numbers.
    TypeError
        If ``x`` contains something other than real numbers.

    Examples
    --------
    >>> standardize([1.0, 3.0])
    (array([-1.,  1.]), 2.0, 1.0)
    """
    x = as_vector(x, "x")
    # On u = x / s, s a power of two near the largest |x_i| (exact scalings): the sums,
    # the deviations and their squares stay in range for x near the float limits
    # (1e200 squared overflows; 1e-200 squared underflows to 0) and the numbers are
    # those of the plain formula whenever it works.
    s = max_abs_scale(x) or 1.0
    u = x / s
    mean_u = float(np.mean(u))
    centred = u - mean_u
    std_u = math.sqrt(float(np.mean(centred * centred)))
    if not std_u > 0:
        raise ValueError(
            f"x must contain at least two distinct values to be standardised "
            f"(its standard deviation is 0); got every x equal to {x[0]}"
        )
    return centred / std_u, mean_u * s, std_u * s


def _check_scaling(mean, std):
    mean, std = as_scalar(mean, "mean"), as_scalar(std, "std")
    if not std > 0:
        raise ValueError(f"std must be > 0 (a standard deviation used as a divisor); got {std}")
    return mean, std


def unstandardize_params(theta_std, mean, std):
    r"""The line fitted on standardised $x$, written in the raw units of $x$.

    .. math:: w' \frac{x - \bar x}{\operatorname{sd}(x)} + b'
              = \underbrace{\frac{w'}{\operatorname{sd}(x)}}_{w}\, x
              + \underbrace{b' - \frac{w' \bar x}{\operatorname{sd}(x)}}_{b}

    so a line fitted on :func:`standardize`'s output can be drawn over the raw data.

    Derived in Chapter 3, section "Feature scaling".

    Parameters
    ----------
    theta_std : array_like of shape (2,)
        $(w', b')$, fitted on standardised $x$.
    mean : float
        $\bar x$, as returned by :func:`standardize`.
    std : float
        $\operatorname{sd}(x) > 0$, as returned by :func:`standardize`.

    Returns
    -------
    ndarray of shape (2,)
        $(w, b)$ in the raw units.

    Raises
    ------
    ValueError
        If ``theta_std`` is not of shape (2,), ``mean`` or ``std`` is not a finite
        number, or ``std <= 0``.
    TypeError
        If any argument is not made of real numbers.

    Examples
    --------
    >>> unstandardize_params([2.0, 5.0], 10.0, 4.0)  # w = 2/4, b = 5 - 2*10/4
    array([0.5, 0. ])
    """
    w_s, b_s = as_vector(theta_std, "theta_std", dim=2)
    mean, std = _check_scaling(mean, std)
    return np.array([w_s / std, b_s - w_s * mean / std])


def standardize_params(theta, mean, std):
    r"""A line in the raw units of $x$, written for standardised
    $x' = (x - \bar x)/\operatorname{sd}(x)$: the inverse of :func:`unstandardize_params`.

    .. math:: w x + b = \underbrace{w \operatorname{sd}(x)}_{w'}\,
              \frac{x - \bar x}{\operatorname{sd}(x)} + \underbrace{b + w \bar x}_{b'}

    so a run on standardised data can start from the same line as one on raw data.

    Derived in Chapter 3, section "Feature scaling".

    Parameters
    ----------
    theta : array_like of shape (2,)
        $(w, b)$ in the raw units.
    mean : float
        $\bar x$, as returned by :func:`standardize`.
    std : float
        $\operatorname{sd}(x) > 0$, as returned by :func:`standardize`.

    Returns
    -------
    ndarray of shape (2,)
        $(w', b')$ for standardised $x$.

    Raises
    ------
    ValueError
        If ``theta`` is not of shape (2,), ``mean`` or ``std`` is not a finite number, or
        ``std <= 0``.

    Examples
    --------
    >>> standardize_params([0.5, 0.0], 10.0, 4.0)  # w' = 0.5*4, b' = 0 + 0.5*10
    array([2., 5.])
    """
    w, b = as_vector(theta, "theta", dim=2)
    mean, std = _check_scaling(mean, std)
    return np.array([w * std, b + w * mean])


def descent_path(x, y, theta0, lr, n_steps, *, momentum=0.0, batch_size=None, seed=0):
    r"""Gradient descent on the average squared loss of a line fit: ``n_steps`` updates.

    With ``batch_size=None`` every update uses all the data,
    :math:`\boldsymbol{\theta} \leftarrow \boldsymbol{\theta} - \eta \nabla L(\boldsymbol{\theta})`
    with :func:`loss_grad` (:func:`nncore.optimisers.gradient_descent`); with a batch
    size, each update uses the next batch of a shuffled epoch
    (:func:`nncore.optimisers.minibatch_descent`), for as many epochs as ``n_steps``
    updates need, and the run stops after the ``n_steps``-th update.

    Derived in Chapter 3, sections "Gradient descent" and "Batches: full, stochastic,
    mini".

    Parameters
    ----------
    x, y : array_like of shape (n_samples,)
    theta0 : array_like of shape (2,)
        The starting $(w, b)$.
    lr : float
        The learning rate $\eta > 0$.
    n_steps : int
        Updates, at least 1.
    momentum : float, default=0.0
        The momentum coefficient $\mu \in [0, 1)$ (see
        :func:`nncore.optimisers.gradient_descent`).
    batch_size : int, optional
        None: full batch; 1: stochastic; else mini-batches of this size (at most
        ``n_samples``).
    seed : int or numpy.random.Generator, default=0
        The shuffling of the mini-batch epochs.

    Returns
    -------
    nncore.optimisers.Path
        At most ``n_steps + 1`` points (fewer if the run diverged).

    Examples
    --------
    >>> x, y = [0.0, 1.0, 2.0], [1.0, 3.0, 5.0]  # the line y = 2x + 1
    >>> path = descent_path(x, y, [0.0, 0.0], lr=0.1, n_steps=200)
    >>> np.round(path.params[-1], 3), path.steps
    (array([2., 1.]), 200)
    >>> descent_path(x, y, [0.0, 0.0], lr=0.1, n_steps=5, batch_size=2).steps
    5
    """
    x, y = _check_xy(x, y)
    n_steps = as_int(n_steps, "n_steps", minimum=1)
    if batch_size is None:
        return optimisers.gradient_descent(lambda t: loss(t, x, y), lambda t: loss_grad(t, x, y),
                                           theta0, lr, n_steps, momentum=momentum)
    batch_size = min(as_int(batch_size, "batch_size", minimum=1), len(x))
    per_epoch = math.ceil(len(x) / batch_size)
    path = optimisers.minibatch_descent(loss, loss_grad, theta0, x, y, lr,
                                        math.ceil(n_steps / per_epoch), batch_size=batch_size,
                                        momentum=momentum, seed=seed)
    if len(path) <= n_steps + 1:
        return path
    # a mini-batch run is made of whole epochs: keep its first n_steps updates (a
    # divergence after them is not part of this run)
    return optimisers.Path(path.params[:n_steps + 1], path.losses[:n_steps + 1], path.lr)

