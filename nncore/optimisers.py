r"""Gradient descent and its relatives, each recording the path it takes.

Gradient descent walks downhill on a loss $L(\boldsymbol{\theta})$ by repeating

.. math:: \boldsymbol{\theta} \leftarrow \boldsymbol{\theta} - \eta\,\nabla L(\boldsymbol{\theta})

with a learning rate $\eta > 0$. :func:`gradient_descent` runs it (optionally with
momentum) on the full loss, :func:`minibatch_descent` on batches of the data (full,
stochastic or mini-batch), and both return a :class:`Path`: every point visited and the
loss there, so a chapter can draw the walk and the loss curve. Newton's method, which
also uses the second derivative, is here for comparison: :func:`newton_root` finds a
zero of $f$, :func:`newton_minimize` a zero of $f'$.

A learning rate that is too large makes descent *diverge*: the distance to the minimum
grows every step. The runs here stop such a walk as soon as it leaves a large ball
(``max_norm``) or produces a non-finite number, and flag it (``Path.diverged``) instead
of overflowing: no numpy warning is ever emitted.

Numpy only: this module belongs to the maths layer of nncore.
"""

import math
import numbers

import numpy as np

from nncore._checks import (as_array, as_bool, as_callable, as_int, as_matrix, as_positive,
                            as_rng, as_scalar, as_vector)

__all__ = [
    "Path", "gradient_descent", "minibatch_descent", "newton_root", "newton_minimize",
    "newton_step",
]


# ---------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------


def _check_momentum(mu):
    """A float in [0, 1)."""
    if isinstance(mu, bool) or not isinstance(mu, numbers.Real):
        raise TypeError(
            f"momentum must be a real number; got {mu!r} of type {type(mu).__name__}"
        )
    mu = float(mu)
    if not (0.0 <= mu < 1.0):
        raise ValueError(f"momentum must be in [0, 1); got {mu}")
    return mu


def _scalar_value(out, name):
    """The output of a loss function as a float (NaN and inf allowed: they mean divergence)."""
    arr = np.asarray(out)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must return a real number; got dtype {arr.dtype}")
    if arr.size != 1:
        raise ValueError(f"{name} must return a single number; got an array of shape {arr.shape}")
    return float(arr.reshape(()))


def _grad_value(out, name, shape):
    """The output of a gradient function, which must have the shape of theta."""
    arr = np.asarray(out)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must return real numbers; got dtype {arr.dtype}")
    if arr.shape != shape:
        raise ValueError(
            f"{name} must return an array of the shape of theta0, {shape}; got shape {arr.shape}"
        )
    return arr.astype(float)


# ---------------------------------------------------------------------------------------
# The record of a run
# ---------------------------------------------------------------------------------------


class Path:
    r"""The points an optimiser visited and the loss at each.

    Attributes
    ----------
    params : ndarray of shape (k + 1, d)
        $\boldsymbol{\theta}_0, \dots, \boldsymbol{\theta}_k$: the start and the point
        after each of the $k$ updates.
    losses : ndarray of shape (k + 1,)
        The loss at each of those points (for :func:`minibatch_descent`, on the full data).
    lr : float
        The learning rate $\eta$.
    diverged : bool
        True if the run was stopped because $\|\boldsymbol{\theta}\|$ exceeded
        ``max_norm`` or a value became non-finite. The point that left the ball is
        recorded (so the loss curve shows the climb) when its loss is finite.
    converged : bool
        True if a tolerance was given and the gradient's norm fell below it.
    steps : int
        $k$, the number of updates recorded; ``len(path) == steps + 1``.

    Raises
    ------
    ValueError
        If ``params`` is not 2-D with at least one point and one coordinate, ``losses``
        does not hold one loss per point, either holds NaN or an infinity (a run records
        only finite points), or ``lr`` is not a finite number > 0.
    TypeError
        If an array is not made of real numbers, or ``diverged`` or ``converged`` is
        not True or False.

    Examples
    --------
    >>> path = gradient_descent(lambda t: t[0] ** 2, lambda t: 2 * t, [1.0], lr=0.25, n_steps=2)
    >>> path.params[:, 0], path.losses  # t <- t - 0.25 * 2 t = t / 2
    (array([1.  , 0.5 , 0.25]), array([1.    , 0.25  , 0.0625]))
    >>> len(path), path.steps, path.diverged
    (3, 2, False)
    """

    def __init__(self, params, losses, lr, *, diverged=False, converged=False):
        params = as_array(params, "params")
        if params.ndim != 2 or 0 in params.shape:
            raise ValueError(f"params must be 2-D (k + 1, d): at least one point theta_0 "
                             f"with at least one coordinate; got shape {params.shape}")
        losses = as_array(losses, "losses")
        if losses.shape != (params.shape[0],):
            raise ValueError(f"losses must have one loss per point of params, shape "
                             f"({params.shape[0]},); got shape {losses.shape}")
        self.params = params
        self.losses = losses
        self.lr = as_positive(lr, "lr")
        self.diverged = as_bool(diverged, "diverged")
        self.converged = as_bool(converged, "converged")
        self.steps = int(self.params.shape[0] - 1)

    def __len__(self):
        return self.params.shape[0]

    def __repr__(self):
        return (
            f"Path(steps={self.steps}, lr={self.lr:g}, final={self.params[-1].tolist()}, "
            f"loss={self.losses[-1]:.6g}, diverged={self.diverged}, converged={self.converged})"
        )


class _Walk:
    """The shared loop body: the momentum update, the record, and the divergence guard."""

    def __init__(self, loss, theta0, lr, momentum, max_norm):
        self.loss, self.lr, self.mu, self.max_norm = loss, lr, momentum, max_norm
        self.theta = theta0
        self.v = np.zeros_like(theta0)
        start = _scalar_value(loss(theta0), "loss")
        if not math.isfinite(start):
            raise ValueError(f"loss(theta0) must be a finite number; got {start}")
        self.params, self.losses = [theta0.copy()], [start]
        self.diverged = False

    def step(self, g):
        """One update with gradient ``g``; False when the run must stop (diverged)."""
        with np.errstate(all="ignore"):
            v = self.mu * self.v + g
            theta = self.theta - self.lr * v
            ok = bool(np.all(np.isfinite(theta)))
            value = _scalar_value(self.loss(theta), "loss") if ok else math.nan
        if not (ok and math.isfinite(value)):
            self.diverged = True
            return False
        self.v, self.theta = v, theta
        self.params.append(theta.copy())
        self.losses.append(value)
        if float(np.linalg.norm(theta)) > self.max_norm:
            self.diverged = True
            return False
        return True

    def path(self, converged=False):
        return Path(self.params, self.losses, self.lr, diverged=self.diverged, converged=converged)


def _check_common(theta0, lr, momentum, max_norm):
    theta0 = as_vector(theta0, "theta0")
    lr = as_positive(lr, "lr")
    momentum = _check_momentum(momentum)
    max_norm = as_positive(max_norm, "max_norm")
    return theta0, lr, momentum, max_norm


# ---------------------------------------------------------------------------------------
# Gradient descent
# ---------------------------------------------------------------------------------------


def gradient_descent(loss, grad, theta0, lr, n_steps, *, momentum=0.0, tol=None, max_norm=1e12):
    r"""Full-batch gradient descent, with optional momentum, recording its path.

    .. math:: \mathbf{v} \leftarrow \mu\,\mathbf{v} + \nabla L(\boldsymbol{\theta}),
              \qquad
              \boldsymbol{\theta} \leftarrow \boldsymbol{\theta} - \eta\,\mathbf{v},
              \qquad \mathbf{v}_0 = \mathbf{0}

    With the momentum coefficient $\mu = 0$ (the default) this is plain gradient descent,
    $\boldsymbol{\theta} \leftarrow \boldsymbol{\theta} - \eta\nabla L$. With
    $\mu > 0$ the velocity $\mathbf{v}$ keeps a running sum of past gradients, which
    speeds the walk along a long narrow valley and damps the zig-zag across it.

    On a quadratic whose Hessian $\nabla^2 L$ has largest eigenvalue $\beta$ (the
    smoothness, :func:`nncore.linreg.smoothness`) plain descent converges for
    $\eta < 2/\beta$ and diverges for $\eta > 2/\beta$.

    The run stops early, without any numpy warning,

    - when $\|\boldsymbol{\theta}\| >$ ``max_norm`` or a value becomes non-finite
      (``diverged=True``);
    - when ``tol`` is given and $\|\nabla L(\boldsymbol{\theta})\| <$ ``tol``
      (``converged=True``).

    Derived in Chapter 3, section "Gradient descent" (momentum: section "Momentum").

    Parameters
    ----------
    loss : callable
        ``loss(theta) -> float``, recorded at every point.
    grad : callable
        ``grad(theta) -> ndarray`` of the shape of ``theta0``.
    theta0 : array_like of shape (d,)
        The start, finite.
    lr : float
        $\eta$, finite and > 0.
    n_steps : int
        The largest number of updates, >= 0.
    momentum : float, default 0.0
        The momentum coefficient $\mu$, in [0, 1).
    tol : float or None, default None
        Stop when the gradient's norm is below it; finite and > 0.
    max_norm : float, default 1e12
        Declare divergence when $\|\boldsymbol{\theta}\|$ exceeds it; finite and > 0.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If ``theta0`` is not a non-empty 1-D vector of finite numbers, ``lr``,
        ``tol`` or ``max_norm`` is not a finite number > 0, ``momentum`` is outside
        [0, 1), ``n_steps < 0``, ``loss(theta0)`` is not finite, or ``grad`` returns
        another shape.
    TypeError
        If ``loss`` or ``grad`` is not callable (a value such as ``loss(theta, x, y)``
        given instead of the function), ``n_steps`` is not an int, or another argument
        is not a number.

    Examples
    --------
    >>> path = gradient_descent(lambda t: float(t @ t), lambda t: 2 * t, [4.0, -2.0], lr=0.25, n_steps=3)
    >>> path.params  # each step halves theta
    array([[ 4.  , -2.  ],
           [ 2.  , -1.  ],
           [ 1.  , -0.5 ],
           [ 0.5 , -0.25]])
    >>> gradient_descent(lambda t: t[0] ** 2, lambda t: 2 * t, [1.0], lr=1.5, n_steps=100).diverged
    True
    """
    loss = as_callable(loss, "loss", "loss(theta) -> float")
    grad = as_callable(grad, "grad", "grad(theta) -> ndarray")
    theta0, lr, momentum, max_norm = _check_common(theta0, lr, momentum, max_norm)
    n_steps = as_int(n_steps, "n_steps", minimum=0)
    if tol is not None:
        tol = as_positive(tol, "tol")
    walk = _Walk(loss, theta0, lr, momentum, max_norm)
    converged = False
    for k in range(n_steps + 1):
        if k == n_steps and tol is None:
            break
        with np.errstate(all="ignore"):
            g = _grad_value(grad(walk.theta), "grad", theta0.shape)
        if tol is not None and float(np.linalg.norm(g)) < tol:
            converged = True
            break
        if k == n_steps:  # the gradient at the last point only decides convergence
            break
        if not np.all(np.isfinite(g)):
            walk.diverged = True
            break
        if not walk.step(g):
            break
    return walk.path(converged)


def minibatch_descent(
    loss_batch,
    grad_batch,
    theta0,
    X,
    y,
    lr,
    n_epochs,
    *,
    batch_size=None,
    momentum=0.0,
    seed=0,
    max_norm=1e12,
):
    r"""Gradient descent on batches of the data: full batch, stochastic or mini-batch.

    Each epoch shuffles the $n$ samples (``np.random.default_rng(seed)``, one
    permutation per epoch), cuts them into batches $B$ of ``batch_size`` (the last may
    be smaller) and updates once per batch with the gradient of that batch alone:

    .. math:: \mathbf{v} \leftarrow \mu\,\mathbf{v} + \nabla L_B(\boldsymbol{\theta}),
              \qquad
              \boldsymbol{\theta} \leftarrow \boldsymbol{\theta} - \eta\,\mathbf{v}

    ``batch_size=None`` uses all the data, unshuffled, once per epoch: exactly
    :func:`gradient_descent` with $L_B = L$. ``batch_size=1`` is stochastic
    gradient descent: $n$ cheap, noisy steps per epoch. The loss is recorded after every
    update on the *full* data, so the curves of the three kinds can be compared.
    Divergence is handled as in :func:`gradient_descent`.

    Derived in Chapter 3, section "Batches: full, stochastic, mini".

    Parameters
    ----------
    loss_batch : callable
        ``loss_batch(theta, X_B, y_B) -> float``, the loss on a batch (and on all data).
    grad_batch : callable
        ``grad_batch(theta, X_B, y_B) -> ndarray`` of the shape of ``theta0``.
    theta0 : array_like of shape (d,)
    X : array_like of shape (n,) or (n, n_features)
        The samples; batches are taken along the first axis.
    y : array_like of shape (n,)
    lr : float
        $\eta$, finite and > 0.
    n_epochs : int
        Passes over the data, >= 0.
    batch_size : int or None, default None
        Between 1 and $n$, or None for the full batch.
    momentum : float, default 0.0
        The momentum coefficient $\mu$, in [0, 1).
    seed : int, numpy.random.Generator or None, default 0
        The shuffling.
    max_norm : float, default 1e12
        Declare divergence when $\|\boldsymbol{\theta}\|$ exceeds it.

    Returns
    -------
    Path
        One point per update: ``n_epochs * ceil(n / batch_size) + 1`` points unless it
        diverged.

    Raises
    ------
    ValueError
        If ``X`` is not 1-D or 2-D, ``y`` does not have one value per sample, either
        contains NaN or an infinity, ``batch_size`` is not in 1..n, or another argument
        is invalid as in :func:`gradient_descent`.
    TypeError
        If ``loss_batch`` or ``grad_batch`` is not callable, ``n_epochs`` or
        ``batch_size`` is not an int, or another argument is not a number.

    Examples
    --------
    >>> from nncore.linreg import loss, loss_grad
    >>> x, y = np.array([-1.0, 0.0, 1.0]), np.array([-1.0, 1.0, 3.0])  # y = 2 x + 1
    >>> path = minibatch_descent(loss, loss_grad, [0.0, 0.0], x, y, lr=0.1, n_epochs=50, batch_size=1)
    >>> len(path), np.round(path.params[-1], 3)
    (151, array([2., 1.]))
    """
    loss_batch = as_callable(loss_batch, "loss_batch", "loss_batch(theta, X_B, y_B) -> float")
    grad_batch = as_callable(grad_batch, "grad_batch", "grad_batch(theta, X_B, y_B) -> ndarray")
    theta0, lr, momentum, max_norm = _check_common(theta0, lr, momentum, max_norm)
    X = as_array(X, "X")
    if X.ndim not in (1, 2) or X.shape[0] == 0:
        raise ValueError(
            f"X must be 1-D (n,) or 2-D (n, n_features) with at least one sample; "
            f"got shape {X.shape}"
        )
    n = X.shape[0]
    y = as_array(y, "y")
    if y.shape != (n,):
        raise ValueError(f"y must have one value per sample of X, shape ({n},); got shape {y.shape}")
    n_epochs = as_int(n_epochs, "n_epochs", minimum=0)
    if batch_size is not None:
        batch_size = as_int(batch_size, "batch_size", minimum=1)
        if batch_size > n:
            raise ValueError(
                f"batch_size must be between 1 and the number of samples {n}; got {batch_size}"
            )
    rng = as_rng(seed)

    walk = _Walk(lambda theta: loss_batch(theta, X, y), theta0, lr, momentum, max_norm)
    for _ in range(n_epochs):
        if batch_size is None:
            batches = [slice(None)]
        else:
            order = rng.permutation(n)
            batches = [order[i : i + batch_size] for i in range(0, n, batch_size)]
        for idx in batches:
            with np.errstate(all="ignore"):
                g = _grad_value(grad_batch(walk.theta, X[idx], y[idx]), "grad_batch", theta0.shape)
            if not np.all(np.isfinite(g)):
                walk.diverged = True
            if walk.diverged or not walk.step(g):
                return walk.path()
    return walk.path()


# ---------------------------------------------------------------------------------------
# Newton's method
# ---------------------------------------------------------------------------------------


def newton_root(f, f_prime, x0, n_steps):
    r"""Newton-Raphson iterations towards a zero of $f$.

    .. math:: x_{k+1} = x_k - \frac{f(x_k)}{f'(x_k)}

    Each step follows the tangent at $x_k$ down to where it crosses zero. Near a simple
    root the number of correct digits roughly doubles each step. The run stops early,
    without a warning, if $f'(x_k) = 0$ (the tangent is flat and never crosses zero) or
    an iterate is not finite.

    Derived in Chapter 3, section "Newton's method".

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for a float ``x``.
    f_prime : callable
        ``f_prime(x) -> float``, the derivative $f'$.
    x0 : float
        The start, finite.
    n_steps : int
        The largest number of steps, >= 0.

    Returns
    -------
    ndarray of shape (k + 1,)
        $x_0, x_1, \dots, x_k$ with $k$ = ``n_steps`` unless it stopped early.

    Raises
    ------
    ValueError
        If ``x0`` is not a finite number or ``n_steps < 0``.
    TypeError
        If ``f`` or ``f_prime`` is not callable, or ``n_steps`` is not an int.

    Examples
    --------
    >>> xs = newton_root(lambda x: x ** 2 - 16, lambda x: 2 * x, 0.628, 6)
    >>> np.round(xs, 2)  # Punnen's square root of 16
    array([ 0.63, 13.05,  7.14,  4.69,  4.05,  4.  ,  4.  ])
    """
    f = as_callable(f, "f", "f(x) -> float")
    f_prime = as_callable(f_prime, "f_prime", "f_prime(x) -> float")
    x = as_scalar(x0, "x0")
    n_steps = as_int(n_steps, "n_steps", minimum=0)
    xs = [x]
    for _ in range(n_steps):
        with np.errstate(all="ignore"):
            slope = _scalar_value(f_prime(x), "f_prime")
            value = _scalar_value(f(x), "f")
            if slope == 0.0 or not (math.isfinite(slope) and math.isfinite(value)):
                break
            x_next = x - value / slope
        if not math.isfinite(x_next):
            break
        x = x_next
        xs.append(x)
    return np.array(xs)


def newton_minimize(f_prime, f_double_prime, x0, n_steps):
    r"""Newton's method for a minimum (or any stationary point): a zero of $f'$.

    .. math:: x_{k+1} = x_k - \frac{f'(x_k)}{f''(x_k)}

    It jumps to the minimum of the parabola that matches $f$, $f'$ and $f''$ at $x_k$,
    so a quadratic is minimised in one step. It needs the second derivative, which for
    a network of millions of weights is a matrix of millions squared entries: that is
    why networks are trained with gradient descent. Stops early, without a warning, if
    $f''(x_k) = 0$ or an iterate is not finite.

    Derived in Chapter 3, section "Newton's method".

    Parameters
    ----------
    f_prime : callable
        ``f_prime(x) -> float``, $f'$.
    f_double_prime : callable
        ``f_double_prime(x) -> float``, $f''$.
    x0 : float
    n_steps : int

    Returns
    -------
    ndarray of shape (k + 1,)

    Raises
    ------
    ValueError
        If ``x0`` is not a finite number or ``n_steps < 0``.
    TypeError
        If ``f_prime`` or ``f_double_prime`` is not callable, or ``n_steps`` is not an
        int.

    Examples
    --------
    >>> newton_minimize(lambda x: 2 * (x - 3), lambda x: 2.0, 10.0, 2)  # f = (x - 3)^2
    array([10.,  3.,  3.])
    """
    f_prime = as_callable(f_prime, "f_prime", "f_prime(x) -> float")
    f_double_prime = as_callable(f_double_prime, "f_double_prime", "f_double_prime(x) -> float")
    return newton_root(f_prime, f_double_prime, x0, n_steps)


def newton_step(theta, grad, hessian):
    r"""One Newton step in several dimensions: the minimum of the quadratic model.

    .. math:: \boldsymbol{\theta}_{k+1} = \boldsymbol{\theta}_k
              - \nabla^2 L(\boldsymbol{\theta}_k)^{-1}\,\nabla L(\boldsymbol{\theta}_k)

    computed by solving $\nabla^2 L\,\mathbf{s} = \nabla L$ (``np.linalg.solve``, about
    $d^3/3$ operations for $d$ parameters) rather than inverting the Hessian $\nabla^2 L$. For a quadratic loss, such
    as the line fit's, one step lands on the minimum.

    Derived in Chapter 3, section "Newton's method".

    Parameters
    ----------
    theta : array_like of shape (d,)
    grad : array_like of shape (d,)
        $\nabla L$ at ``theta``.
    hessian : array_like of shape (d, d)
        $\nabla^2 L$ at ``theta``; must be invertible.

    Returns
    -------
    ndarray of shape (d,)

    Raises
    ------
    ValueError
        If the shapes do not match, a value is not finite, or ``hessian`` is singular.

    Examples
    --------
    >>> # L = (t1 - 1)^2 + 2 (t2 + 3)^2: grad at 0 = (-2, 12), H = diag(2, 4)
    >>> newton_step([0.0, 0.0], [-2.0, 12.0], [[2.0, 0.0], [0.0, 4.0]])
    array([ 1., -3.])
    """
    theta = as_vector(theta, "theta")
    d = theta.shape[0]
    grad = as_vector(grad, "grad", dim=d, against="theta")
    H = as_matrix(hessian, "hessian", n_features=d, against="theta")
    if H.shape != (d, d):
        raise ValueError(f"hessian must have shape ({d}, {d}) to match theta; got shape {H.shape}")
    try:
        return theta - np.linalg.solve(H, grad)
    except np.linalg.LinAlgError:
        raise ValueError(f"hessian must be invertible; got {H.tolist()}") from None
