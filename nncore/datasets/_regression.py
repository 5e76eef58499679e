r"""Regression targets: four surfaces on $[-1, 1]^2$ and Chapter 3's house prices.

The surfaces' target functions (:func:`bump_target`, :func:`max_target`,
:func:`argmax_target`) are also read by the Playground's versions of them
(``_playground``), on its larger square.
"""

from __future__ import annotations

import numpy as np

from ._toy import as_sample_args

__all__ = ["plane", "gaussian_bump", "max_xy", "argmax_xy", "REGRESSION", "BUMP_WIDTH",
           "house_prices", "HOUSE_PRICE_TRUTH", "argmax_target", "bump_target",
           "max_target"]


#: The spread $\rho$ of :func:`gaussian_bump`, the standard deviation of its Gaussian.
BUMP_WIDTH = 0.4


def _sample(n, noise, seed):
    """Validated ``(n, noise, rng)`` and ``n`` points uniform in the square."""
    n, noise, rng = as_sample_args(n, noise, seed)
    return rng.uniform(-1.0, 1.0, size=(n, 2)), noise, rng


def _noisy(t, noise, rng):
    """Add Gaussian noise of standard deviation ``noise`` to the targets (drawn after X)."""
    return t + noise * rng.standard_normal(t.shape) if noise > 0 else t


def plane(n=100, noise=0.0, seed=0):
    r"""A tilted plane: the target grows along the diagonal.

    .. math:: t(\mathbf{x}) = \frac{x_1 + x_2}{2} + \varepsilon,
              \qquad \mathbf{x} \sim U[-1, 1]^2,\ \varepsilon \sim \mathcal{N}(0, \nu^2)

    with $\nu$ = ``noise``; $t \in [-1, 1]$ without noise. A network with no hidden
    layer (one linear neuron) fits it exactly.

    Derived in Chapter 7, section "Regression".

    Parameters
    ----------
    n : int, default 100
        Number of points, at least 1.
    noise : float, default 0.0
        Standard deviation of the noise added to the targets.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
        Uniform in $[-1, 1]^2$.
    t : ndarray of shape (n,)

    Examples
    --------
    >>> X, t = plane(n=3)
    >>> bool(np.allclose(t, (X[:, 0] + X[:, 1]) / 2))
    True
    """
    X, noise, rng = _sample(n, noise, seed)
    return X, _noisy((X[:, 0] + X[:, 1]) / 2.0, noise, rng)


def gaussian_bump(n=100, noise=0.0, seed=0):
    r"""A Gaussian bump in the middle of the square, rescaled to $[-1, 1]$.

    .. math:: t(\mathbf{x}) = 2 \exp\!\left(-\frac{x_1^2 + x_2^2}{2 \rho^2}\right) - 1
              + \varepsilon, \qquad \rho = 0.4 \ (\texttt{BUMP\_WIDTH})

    so $t = 1$ at the origin and $t \to -1$ far from it.

    Derived in Chapter 7, section "Regression".

    Parameters
    ----------
    n : int, default 100
    noise : float, default 0.0
        Standard deviation of the noise added to the targets.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    t : ndarray of shape (n,)

    Examples
    --------
    >>> X, t = gaussian_bump(n=200)
    >>> bool(t.max() <= 1.0 and t.min() >= -1.0)
    True
    """
    X, noise, rng = _sample(n, noise, seed)
    return X, _noisy(bump_target(X), noise, rng)


def max_xy(n=100, noise=0.0, seed=0):
    r"""The larger of the two coordinates: a roof with its ridge on the diagonal.

    .. math:: t(\mathbf{x}) = \max(x_1, x_2) + \varepsilon

    Two ReLUs make it exactly: $\max(a, b) = b + \mathrm{relu}(a - b)$.

    Derived in Chapter 7, section "Regression".

    Parameters
    ----------
    n : int, default 100
    noise : float, default 0.0
        Standard deviation of the noise added to the targets.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    t : ndarray of shape (n,)

    Examples
    --------
    >>> X, t = max_xy(n=5)
    >>> bool(np.all(t == np.maximum(X[:, 0], X[:, 1])))
    True
    """
    X, noise, rng = _sample(n, noise, seed)
    return X, _noisy(max_target(X), noise, rng)


def argmax_xy(n=100, noise=0.0, seed=0):
    r"""Which coordinate is the larger, as $\pm 1$: a step across the diagonal.

    .. math:: t(\mathbf{x}) = \begin{cases} +1 & x_2 > x_1 \ (\arg\max = 2) \\
              -1 & x_2 \le x_1 \ (\arg\max = 1) \end{cases} \; + \varepsilon

    A regression target with a jump: a smooth network can only approach it with a
    steep ramp.

    Derived in Chapter 7, section "Regression".

    Parameters
    ----------
    n : int, default 100
    noise : float, default 0.0
        Standard deviation of the noise added to the targets.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    t : ndarray of shape (n,)
        $\pm 1$ without noise.

    Examples
    --------
    >>> X, t = argmax_xy(n=50)
    >>> sorted(set(t.tolist()))
    [-1.0, 1.0]
    """
    X, noise, rng = _sample(n, noise, seed)
    return X, _noisy(argmax_target(X), noise, rng)


#: The regression problems, in the Playground's menu order.
REGRESSION = {
    "plane": plane,
    "gaussian_bump": gaussian_bump,
    "max_xy": max_xy,
    "argmax_xy": argmax_xy,
}


def bump_target(X):
    return 2.0 * np.exp(-(X[:, 0] ** 2 + X[:, 1] ** 2) / (2.0 * BUMP_WIDTH**2)) - 1.0


def max_target(X):
    return np.maximum(X[:, 0], X[:, 1])


def argmax_target(X):
    return np.where(X[:, 1] > X[:, 0], 1.0, -1.0)


HOUSE_PRICE_TRUTH = (2.5, 60.0)
"""The line behind :func:`house_prices`: (w, b) = (2.5 thousand per m^2, 60 thousand)."""

HOUSE_AREA_RANGE = (40.0, 220.0)
"""The range of the generated areas, in m^2."""


def house_prices(n=50, noise=25.0, seed=0):
    r"""House prices against floor area, generated from a known line plus noise.

    .. math:: x_i \sim U(40, 220)\ \text{m}^2, \qquad
              y_i = w\,x_i + b + \nu\,\varepsilon_i, \qquad
              \varepsilon_i \sim \mathcal{N}(0, 1)

    with $(w, b)$ = :data:`HOUSE_PRICE_TRUTH` = (2.5, 60.0): 2.5 thousand per square
    metre plus 60 thousand, and $\nu$ = ``noise`` (in thousands). The areas are drawn
    first, then the noise, from the same generator.

    These data are *generated*, not measured: no small public table of house prices
    ships offline in a package the book installs, and a known truth lets the chapter
    (and the tests) check that a fitted line recovers it. The numbers are only loosely
    realistic; the point is the shape of the problem of Punnen's chapter 3.

    Derived in Chapter 3, section "The average squared loss".

    Parameters
    ----------
    n : int, default 50
        Number of houses, at least 1.
    noise : float, default 25.0
        $\nu$, the standard deviation of the price around the line, in thousands;
        finite and >= 0.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    area : ndarray of shape (n,)
        $x_i$ in m^2, in [40, 220].
    price : ndarray of shape (n,)
        $y_i$ in thousands.

    Raises
    ------
    TypeError
        If ``n`` is not an int, ``noise`` not a real number, or ``seed`` of another type.
    ValueError
        If ``n < 1``, ``noise`` is negative or not finite, or ``seed`` is negative.

    Examples
    --------
    >>> area, price = house_prices(n=3, noise=0.0)
    >>> bool(np.allclose(price, 2.5 * area + 60.0))
    True
    >>> area.shape, bool(np.all((40 <= area) & (area <= 220)))
    ((3,), True)
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    w, b = HOUSE_PRICE_TRUTH
    area = rng.uniform(*HOUSE_AREA_RANGE, size=n)
    price = w * area + b + noise * rng.standard_normal(n)
    return area, price
