r"""Input features and regression targets on the plane, for the Playground (Chapter 7).

A network on 2-D data sees the point $\mathbf{x} = (x_1, x_2)$. It can be handed more
than the two coordinates: functions of them, computed before the first layer,

.. math:: \boldsymbol{\phi}(\mathbf{x}) = \bigl(x_1,\ x_2,\ x_1^2,\ x_2^2,\ x_1 x_2,\
          \sin x_1,\ \sin x_2,\ \cos x_1,\ \cos x_2\bigr),

and the first layer then computes $Z_1 = \Phi W_1^\top + \mathbf{b}_1$ on the chosen
columns $\Phi$ of these instead of on $X$. With $x_1^2$ and $x_2^2$ a single neuron can
draw a circle; with $\sin x_1$ the network starts from waves. :data:`FEATURES` maps each
name to its function and :func:`make_features` builds the matrix $\Phi$.

The regression problems :func:`plane`, :func:`gaussian_bump`, :func:`max_xy` and
:func:`argmax_xy` are functions $t(\mathbf{x})$ on the square $[-1, 1]^2$ with values in
$[-1, 1]$, sampled like the toy classification sets of :mod:`nncore.datasets`:
``(n, noise, seed) -> (X, t)``, the points uniform in the square and Gaussian noise of
standard deviation ``noise`` added to the targets. :data:`REGRESSION` maps their names
to them.

Numpy only: this module belongs to the maths layer of nncore.
"""

import numpy as np

from nncore._checks import as_int, as_matrix, as_nonnegative, as_rng

__all__ = [
    "FEATURES",
    "FEATURE_LABELS",
    "make_features",
    "plane",
    "gaussian_bump",
    "max_xy",
    "argmax_xy",
    "REGRESSION",
    "BUMP_WIDTH",
]


def _x1(X):
    return X[:, 0]


def _x2(X):
    return X[:, 1]


def _x1_sq(X):
    return X[:, 0] ** 2


def _x2_sq(X):
    return X[:, 1] ** 2


def _x1_x2(X):
    return X[:, 0] * X[:, 1]


def _sin_x1(X):
    return np.sin(X[:, 0])


def _sin_x2(X):
    return np.sin(X[:, 1])


def _cos_x1(X):
    return np.cos(X[:, 0])


def _cos_x2(X):
    return np.cos(X[:, 1])


#: The input features, in the Playground's order: name -> function of ``X`` of shape
#: ``(n, 2)`` returning shape ``(n,)``.
FEATURES = {
    "x1": _x1,
    "x2": _x2,
    "x1^2": _x1_sq,
    "x2^2": _x2_sq,
    "x1*x2": _x1_x2,
    "sin(x1)": _sin_x1,
    "sin(x2)": _sin_x2,
    "cos(x1)": _cos_x1,
    "cos(x2)": _cos_x2,
}

#: The features' names as LaTeX, for figure labels.
FEATURE_LABELS = {
    "x1": r"$x_1$",
    "x2": r"$x_2$",
    "x1^2": r"$x_1^2$",
    "x2^2": r"$x_2^2$",
    "x1*x2": r"$x_1 x_2$",
    "sin(x1)": r"$\sin x_1$",
    "sin(x2)": r"$\sin x_2$",
    "cos(x1)": r"$\cos x_1$",
    "cos(x2)": r"$\cos x_2$",
}


def _check_names(names):
    """The feature names as a tuple: a non-empty sequence of distinct known names."""
    if isinstance(names, str) or not hasattr(names, "__iter__"):
        raise TypeError(
            f"names must be a list of feature names such as ['x1', 'x2']; got {names!r}"
        )
    names = list(names)
    if not names:
        raise ValueError(
            f"names must hold at least one feature name; got an empty list. "
            f"Valid names: {list(FEATURES)}"
        )
    for name in names:
        if not isinstance(name, str) or name not in FEATURES:
            raise ValueError(
                f"names: unknown feature {name!r}; the valid names are {list(FEATURES)}"
            )
    seen = set()
    for name in names:
        if name in seen:
            raise ValueError(f"names must not repeat a feature; got {name!r} twice in {names}")
        seen.add(name)
    return tuple(names)


def make_features(X, names):
    r"""The feature matrix $\Phi$: one column per named feature of the points ``X``.

    .. math:: \Phi_{ij} = \phi_j(x_{i1}, x_{i2}), \qquad \phi_j \in \{x_1,\ x_2,\ x_1^2,\
              x_2^2,\ x_1 x_2,\ \sin x_1,\ \sin x_2,\ \cos x_1,\ \cos x_2\}

    Derived in Chapter 7, section "Features: what the first layer sees".

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        Points of the plane.
    names : sequence of str
        Distinct names from :data:`FEATURES`, in the order of the columns wanted.

    Returns
    -------
    ndarray of shape (n_samples, len(names))

    Raises
    ------
    ValueError
        If ``X`` is not of shape ``(n, 2)`` or not finite, ``names`` is empty, repeats a
        name or holds an unknown one (the message lists the valid names).
    TypeError
        If ``names`` is a single string or not a sequence.

    Examples
    --------
    >>> make_features([[2.0, 3.0], [-1.0, 0.5]], ["x1", "x1*x2", "x2^2"])
    array([[ 2.  ,  6.  ,  9.  ],
           [-1.  , -0.5 ,  0.25]])
    >>> make_features([[0.0, 0.0]], ["sin(x1)", "cos(x2)"])
    array([[0., 1.]])
    """
    X = as_matrix(X, "X", n_features=2)
    names = _check_names(names)
    out = np.empty((X.shape[0], len(names)))
    for j, name in enumerate(names):
        out[:, j] = FEATURES[name](X)
    return out


# ---------------------------------------------------------------------------------------
# Regression targets on the square [-1, 1]^2
# ---------------------------------------------------------------------------------------

#: The standard deviation $\sigma$ of :func:`gaussian_bump`.
BUMP_WIDTH = 0.4


def _sample(n, noise, seed):
    """Validated ``(n, noise, rng)`` and ``n`` points uniform in the square."""
    n = as_int(n, "n", minimum=1)
    noise = as_nonnegative(noise, "noise")
    rng = as_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    return X, noise, rng


def _noisy(t, noise, rng):
    """Add Gaussian noise of standard deviation ``noise`` to the targets (drawn after X)."""
    return t + noise * rng.standard_normal(t.shape) if noise > 0 else t


def plane(n=100, noise=0.0, seed=0):
    r"""A tilted plane: the target grows along the diagonal.

    .. math:: t(\mathbf{x}) = \frac{x_1 + x_2}{2} + \varepsilon,
              \qquad \mathbf{x} \sim U[-1, 1]^2,\ \varepsilon \sim \mathcal{N}(0, \sigma^2)

    with $\sigma$ = ``noise``; $t \in [-1, 1]$ without noise. A network with no hidden
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

    .. math:: t(\mathbf{x}) = 2 \exp\!\left(-\frac{x_1^2 + x_2^2}{2 \sigma_b^2}\right) - 1
              + \varepsilon, \qquad \sigma_b = 0.4 \ (\texttt{BUMP\_WIDTH})

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
    r2 = X[:, 0] ** 2 + X[:, 1] ** 2
    return X, _noisy(2.0 * np.exp(-r2 / (2.0 * BUMP_WIDTH**2)) - 1.0, noise, rng)


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
    return X, _noisy(np.maximum(X[:, 0], X[:, 1]), noise, rng)


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
    return X, _noisy(np.where(X[:, 1] > X[:, 0], 1.0, -1.0), noise, rng)


#: The regression problems, in the Playground's menu order.
REGRESSION = {
    "plane": plane,
    "gaussian_bump": gaussian_bump,
    "max_xy": max_xy,
    "argmax_xy": argmax_xy,
}
