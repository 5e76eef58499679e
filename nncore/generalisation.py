r"""Generalisation: training error against test error as capacity grows (Chapter 7).

A model is trained on a small noisy sample and judged on points it has never seen. The
experiment of Chapter 7, section "Training error and test error", gives one neuron with
no hidden layer the monomials of the point $\mathbf{x} = (x_1, x_2)$ up to a degree $q$
as its features (a first layer that does not learn, as the Playground's features are),

.. math:: \boldsymbol{\phi}_q(\mathbf{x}) = \big(x_1^{\,i} x_2^{\,j}\big)_{1 \le i + j \le q},
          \qquad \hat{t}(\mathbf{x}) = \mathbf{w}\cdot
          \boldsymbol{\phi}_q(\mathbf{x}) + b,

ordered by the degree $i + j$ and, within a degree, by increasing $j$, so that the
degree $q$ is the model's *capacity*: $q(q + 3)/2$ weights and one
bias. The neuron is fitted to the exact minimum of the penalised loss

.. math:: \tilde{L}(\mathbf{w}, b) = \frac{1}{n}\sum_{i=1}^{n}
          \tfrac12\big(\mathbf{w}\cdot\boldsymbol{\phi}_q(\mathbf{x}_i) + b - t_i\big)^2
          + \frac{\alpha_2}{2}\lVert\mathbf{w}\rVert^2 ,

the Playground's half squared error with the L2 penalty of Chapter 7, section "Penalties
on the weights" ($\alpha_2 = 0$: no penalty). The error reported on a set of points is
the mean squared error $\frac1m\sum_i (\hat{t}(\mathbf{x}_i) - t_i)^2$
(:func:`nncore.losses.mse`).

:func:`polynomial_features` builds $\Phi$, :func:`fit_penalised` finds the minimum and
returns it as an :class:`nncore.mlp.MLP` with no hidden layer, and :func:`capacity_sweep`
runs the whole experiment on :func:`nncore.datasets.gaussian_bump` and returns the
training and test errors for each degree.

Numpy only, and it draws its data from :mod:`nncore.datasets`: this module belongs to the
data layer of nncore.
"""

import itertools
from typing import NamedTuple

import numpy as np

from nncore import datasets, losses, mlp
from nncore._checks import as_int, as_matrix, as_nonnegative, as_rng, as_vector

__all__ = [
    "CapacitySweep",
    "capacity_sweep",
    "fit_penalised",
    "n_monomials",
    "polynomial_features",
]

#: The largest degree :func:`polynomial_features` accepts (p = 495 columns).
MAX_DEGREE = 30


def _check_degree(degree, name="degree"):
    k = as_int(degree, name, minimum=1)
    if k > MAX_DEGREE:
        raise ValueError(f"{name} must be at most {MAX_DEGREE}; got {k}")
    return k


def n_monomials(degree):
    r"""The number of columns of :func:`polynomial_features`: $q(q + 3)/2$.

    The monomials $x_1^{\,i}x_2^{\,j}$ of degree $i + j$ are one more than the degree
    ($j = 0, \dots, i + j$), so there are $2 + 3 + \dots + (q + 1) = q(q+3)/2$ in all.

    Parameters
    ----------
    degree : int
        $q \ge 1$.

    Returns
    -------
    int

    Examples
    --------
    >>> [n_monomials(k) for k in (1, 2, 3)]
    [2, 5, 9]
    """
    k = _check_degree(degree)
    return k * (k + 3) // 2


def polynomial_features(X, degree):
    r"""The monomials of each point up to a degree: the matrix $\Phi$ of the experiment.

    The row of a point $\mathbf{x} = (x_1, x_2)$ is

    .. math:: \boldsymbol{\phi}_q(\mathbf{x}) = \big(x_1,\ x_2,\ x_1^2,\ x_1x_2,\ x_2^2,\
              \dots,\ x_2^{\,q}\big),

    the monomials $x_1^{\,i}x_2^{\,j}$ degree by degree ($i + j = 1, \dots, q$), and
    within a degree by increasing $j$. The constant 1 is not a column: the neuron's bias plays its part.

    Derived in Chapter 7, section "Training error and test error".

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        Points of the plane.
    degree : int
        $q$, from 1 to ``MAX_DEGREE``.

    Returns
    -------
    Phi : ndarray of shape (n_samples, q(q + 3)/2)

    Raises
    ------
    ValueError
        If ``X`` is not a finite ``(n_samples, 2)`` array, ``degree`` is not an integer
        from 1 to ``MAX_DEGREE``, or a monomial is beyond the float range (points too far
        out for this degree).

    Examples
    --------
    >>> polynomial_features([[2.0, 3.0]], 2)
    array([[2., 3., 4., 6., 9.]])
    """
    X = as_matrix(X, "X", n_features=2)
    k = _check_degree(degree)
    x1, x2 = X[:, 0], X[:, 1]
    with np.errstate(over="ignore", invalid="ignore"):
        columns = [x1 ** (d - j) * x2 ** j for d in range(1, k + 1) for j in range(d + 1)]
        Phi = np.column_stack(columns)
    if not np.all(np.isfinite(Phi)):
        raise ValueError(
            f"X is too large for degree {k}: a monomial x1^a x2^b with a + b <= {k} is "
            f"beyond the float range (largest |x| is {np.abs(X).max():.3g})"
        )
    return Phi


def fit_penalised(Phi, t, l2=0.0):
    r"""The exact minimum of the half squared error plus an L2 penalty, as a network.

    .. math:: \tilde{L}(\mathbf{w}, b) = \frac{1}{n}\sum_{i=1}^{n}
              \tfrac12\big(\mathbf{w}\cdot\boldsymbol{\phi}_i + b - t_i\big)^2
              + \frac{\alpha_2}{2}\lVert\mathbf{w}\rVert^2

    is a quadratic bowl in $(\mathbf{w}, b)$ (Chapter 3), so its minimum is where its
    gradient vanishes:

    .. math:: \frac{1}{n}\tilde\Phi^\top(\tilde\Phi\boldsymbol{\theta} - \mathbf{t})
              + \alpha_2 I_{\mathbf{w}}\boldsymbol{\theta} = \mathbf{0}, \qquad
              \tilde\Phi = (\Phi\ \ \mathbf{1}), \quad
              \boldsymbol{\theta} = (\mathbf{w}, b), \quad I_{\mathbf{w}} = \operatorname{diag}(1,
              \dots, 1, 0),

    the bias not penalised. It is solved as the least-squares problem
    $\min \lVert\tilde\Phi\boldsymbol{\theta} - \mathbf{t}\rVert^2 + n\alpha_2
    \lVert I_{\mathbf{w}}\boldsymbol{\theta}\rVert^2$ (``numpy.linalg.lstsq`` on the stacked
    system, which avoids squaring the condition number). With $\alpha_2 = 0$ and more
    parameters than points the minimum is not unique; ``lstsq`` returns the one of
    smallest $\lVert\boldsymbol{\theta}\rVert$.

    Derived in Chapter 7, section "Training error and test error".

    Parameters
    ----------
    Phi : array_like of shape (n_samples, p)
        The features $\boldsymbol{\phi}_i$, one row per point.
    t : array_like of shape (n_samples,)
        The targets.
    l2 : float, default 0.0
        $\alpha_2 \ge 0$, the rate of the L2 penalty.

    Returns
    -------
    MLP
        A network with no hidden layer, ``sizes == [p, 1]``, whose one weight matrix is
        $\mathbf{w}^\top$ (shape ``(1, p)``) and bias $b$; ``model.forward(Phi)[:, 0]``
        are its predictions.

    Raises
    ------
    ValueError
        If the shapes do not match, a value is not finite, or ``l2`` is negative.

    Examples
    --------
    >>> Phi = np.array([[0.0], [1.0], [2.0]])
    >>> net = fit_penalised(Phi, [1.0, 3.0, 5.0])          # t = 2 phi + 1
    >>> np.round(net.params[0][0], 6), np.round(net.params[0][1], 6)
    (array([[2.]]), array([1.]))
    """
    Phi = as_matrix(Phi, "Phi")
    t = as_vector(t, "t", dim=Phi.shape[0])
    lam = as_nonnegative(l2, "l2")
    n, p = Phi.shape
    A = np.column_stack([Phi, np.ones(n)])
    if lam > 0:
        A = np.vstack([A, np.sqrt(n * lam) * np.eye(p, p + 1)])
        t = np.concatenate([t, np.zeros(p)])
    theta = np.linalg.lstsq(A, t, rcond=None)[0]
    return mlp.MLP([p, 1], "tanh", params=[(theta[:p].reshape(1, p), theta[p:])])


class CapacitySweep(NamedTuple):
    """What :func:`capacity_sweep` measured, one entry per degree."""

    degrees: np.ndarray
    """The degrees $q$, shape (n_degrees,)."""
    n_params: np.ndarray
    """Weights and bias of each model, $q(q + 3)/2 + 1$."""
    train_error: np.ndarray
    """Mean squared error on the training points."""
    test_error: np.ndarray
    """Mean squared error on the test points."""
    l2: float
    """The penalty's rate $\\alpha_2$."""
    n_train: int
    noise: float


def capacity_sweep(degrees=range(1, 7), l2=0.0, *, n_train=30, n_test=2000, noise=0.25,
                   seed=0):
    r"""Training and test error of the polynomial neuron for each degree.

    Draws ``n_train`` training points and ``n_test`` test points from
    :func:`nncore.datasets.gaussian_bump` (targets with Gaussian noise of standard
    deviation ``noise``, both sets from one generator seeded by ``seed``), then for each
    degree $q$ fits :func:`fit_penalised` to $\Phi_q$ of the training points and reports
    the mean squared error on both sets. No model can have an expected test error below
    the noise's variance, ``noise**2``.

    Derived in Chapter 7, section "Training error and test error".

    Parameters
    ----------
    degrees : iterable of int, default range(1, 7)
        Increasing degrees from 1 to ``MAX_DEGREE``.
    l2 : float, default 0.0
        $\alpha_2$, the rate of the L2 penalty.
    n_train, n_test : int, default 30 and 2000
        At least 2 each.
    noise : float, default 0.25
        Standard deviation of the targets' noise, >= 0.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    CapacitySweep

    Examples
    --------
    >>> sweep = capacity_sweep([1, 2], n_train=20, n_test=100)
    >>> sweep.n_params.tolist()
    [3, 6]
    """
    try:
        ks = [_check_degree(k, "degrees") for k in degrees]
    except TypeError as err:
        if "degrees" in str(err):
            raise
        raise TypeError(f"degrees must be an iterable of ints; got {degrees!r:.60}") from err
    if not ks:
        raise ValueError("degrees must hold at least one degree; got none")
    if any(b <= a for a, b in itertools.pairwise(ks)):
        raise ValueError(f"degrees must be increasing; got {ks}")
    lam = as_nonnegative(l2, "l2")
    n_train = as_int(n_train, "n_train", minimum=2)
    n_test = as_int(n_test, "n_test", minimum=2)
    noise = as_nonnegative(noise, "noise")
    rng = as_rng(seed)
    X, t = datasets.gaussian_bump(n=n_train, noise=noise, seed=rng)
    X_test, t_test = datasets.gaussian_bump(n=n_test, noise=noise, seed=rng)
    train, test = [], []
    for k in ks:
        Phi, Phi_test = polynomial_features(X, k), polynomial_features(X_test, k)
        net = fit_penalised(Phi, t, lam)
        train.append(losses.mse(net.forward(Phi)[:, 0], t))
        test.append(losses.mse(net.forward(Phi_test)[:, 0], t_test))
    ks = np.array(ks)
    return CapacitySweep(ks, ks * (ks + 3) // 2 + 1, np.array(train), np.array(test),
                         lam, n_train, noise)
