"""TensorFlow Playground's data sets, drawn as its ``src/dataset.ts`` draws them.

Every generator here draws its uniform numbers in the order the Playground's code does
(point by point, and within a point in the order of its statements), labels a point by
testing a *shifted* copy of it (the noise moves the test, not the point), and returns
labels in {0, 1} (the Playground's +1 is class 1, its -1 class 0) or float targets.
They live in the Playground's square [-6, 6]^2. After TensorFlow Playground's six come
this book's function boundaries and surfaces, made the same way; :data:`PLAYGROUND_DATA`
names them all as the Playground does.
"""

from __future__ import annotations

import math

import numpy as np

from ._regression import argmax_target, bump_target, max_target
from ._toy import as_sample_args

__all__ = ["playground_circle", "playground_xor", "playground_gauss", "playground_spiral",
           "reg_plane", "reg_gauss", "reg_gauss_target", "curve_boundary", "CURVES",
           "PLAYGROUND_DATA", "PLAYGROUND_RADIUS", "XOR_PADDING", "REG_GAUSS_BUMPS"]


#: Radius of the Playground's circle data: the inner class fills the disc of radius
#: 2.5, the outer class the ring from 3.5 to 5.
PLAYGROUND_RADIUS = 5.0
#: The gap that xor leaves on each side of the two axes.
XOR_PADDING = 0.3
#: The six bumps of ``reg-gauss``: centre (x1, x2) and sign.
REG_GAUSS_BUMPS = ((-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0),
                   (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0))


def _class_counts(n):
    """The two classes' sizes: the Playground makes n/2 of each (the first one more
    when n is odd)."""
    return (n + 1) // 2, n // 2


def playground_circle(n=500, noise=0.0, seed=0):
    r"""TensorFlow Playground's "circle": a disc of class 1 inside a ring of class 0.

    Class 1 (the Playground's $+1$): radius $r \sim U[0, 2.5]$; class 0: $r \sim U[3.5,
    5]$; the angle $\alpha \sim U[0, 2\pi]$ and $\mathbf{x} = r(\sin\alpha, \cos\alpha)$.
    Each point's label is then decided at a shifted position,

    .. math:: y = \bigl[\lVert \mathbf{x} + \boldsymbol{\delta} \rVert < 2.5\bigr],
              \qquad \boldsymbol{\delta} \sim U[-5\nu, 5\nu]^2,

    with $\nu$ = ``noise``: the points stay where they are, and the noise flips the
    labels of those near the gap. At $\nu = 0$ the classes are 1 unit apart.

    Derived in Chapter 7, section "The data".

    Parameters
    ----------
    n : int, default 500
        Number of points: ``ceil(n / 2)`` drawn in the disc, ``floor(n / 2)`` in the ring.
    noise : float, default 0.0
        $\nu$, from 0 (the Playground's slider: 0 to 0.5).
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int of shape (n,)

    Examples
    --------
    >>> X, y = playground_circle(n=400)
    >>> r = np.hypot(*X.T)
    >>> bool(r[y == 1].max() <= 2.5 and r[y == 0].min() >= 3.5 and r.max() <= 5)
    True
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    R = PLAYGROUND_RADIUS
    parts = []
    for count, (low, high) in zip(_class_counts(n), ((0.0, 0.5 * R), (0.7 * R, R))):
        u = rng.random((count, 4))  # r, angle, noise x, noise y: point by point
        r = u[:, 0] * (high - low) + low
        angle = u[:, 1] * 2 * np.pi
        X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
        shift = (u[:, 2:] * 2 * R - R) * noise
        parts.append((X, (np.hypot(*(X + shift).T) < 0.5 * R).astype(int)))
    return np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def playground_xor(n=500, noise=0.0, seed=0):
    r"""TensorFlow Playground's "xor": points uniform in the square, class 1 where the
    two coordinates have the same sign.

    Each coordinate is drawn from $U[-5, 5]$ and pushed 0.3 away from 0
    (:data:`XOR_PADDING`), so the four quadrants are separated by gaps of 0.6; then

    .. math:: y = \bigl[(x_1 + \delta_1)(x_2 + \delta_2) \ge 0\bigr],
              \qquad \boldsymbol{\delta} \sim U[-5\nu, 5\nu]^2 .

    Derived in Chapter 7, section "The data".

    Parameters
    ----------
    n : int, default 500
    noise : float, default 0.0
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
        In $[-5.3, -0.3] \cup [0.3, 5.3]$ on each axis.
    y : ndarray of int of shape (n,)

    Examples
    --------
    >>> X, y = playground_xor(n=300)
    >>> bool(np.abs(X).min() >= 0.3 and np.abs(X).max() <= 5.3)
    True
    >>> bool(np.all(y == (X[:, 0] * X[:, 1] >= 0)))
    True
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    u = rng.random((n, 4))  # x, y, noise x, noise y
    X = u[:, :2] * 10.0 - 5.0
    X += np.where(X > 0, XOR_PADDING, -XOR_PADDING)
    shifted = X + (u[:, 2:] * 10.0 - 5.0) * noise
    return X, (shifted[:, 0] * shifted[:, 1] >= 0).astype(int)


def _normal_polar(rng, mean, variance, count):
    """``count`` normal numbers as the Playground's ``normalRandom`` draws them: the
    polar method, one pair of uniforms per try, the first of the pair used."""
    out = np.empty(count)
    scale = math.sqrt(variance)
    for i in range(count):
        while True:
            v1, v2 = 2.0 * rng.random(2) - 1.0
            s = v1 * v1 + v2 * v2
            if s <= 1.0:
                break
        out[i] = mean + scale * math.sqrt(-2.0 * math.log(s) / s) * v1
    return out


def playground_gauss(n=500, noise=0.0, seed=0):
    r"""TensorFlow Playground's "gauss": two Gaussian clouds, class 1 around (2, 2) and
    class 0 around (-2, -2).

    Each coordinate is normal with the variance

    .. math:: \sigma^2 = 0.5 + 7\nu \qquad (0.5 \text{ at } \nu = 0,\ 4 \text{ at } \nu = 0.5),

    so the noise widens the clouds until they overlap; no label is flipped.

    Derived in Chapter 7, section "The data".

    Parameters
    ----------
    n : int, default 500
    noise : float, default 0.0
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int of shape (n,)

    Examples
    --------
    >>> X, y = playground_gauss(n=2000, seed=1)
    >>> np.round(X[y == 1].mean(axis=0), 1), np.round(X[y == 0].var(axis=0), 1)
    (array([2., 2.]), array([0.5, 0.5]))
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    variance = 0.5 + noise * (4.0 - 0.5) / 0.5
    parts = []
    for count, (c, label) in zip(_class_counts(n), ((2.0, 1), (-2.0, 0))):
        X = np.empty((count, 2))
        for i in range(count):  # x then y of each point
            X[i] = _normal_polar(rng, c, variance, 2)
        parts.append((X, np.full(count, label)))
    return np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def playground_spiral(n=500, noise=0.0, seed=0):
    r"""TensorFlow Playground's "spiral": two arms of 1.75 turns, class 1 and class 0.

    The $i$-th point of an arm ($i = 0, \dots, m - 1$, $m = n/2$) is

    .. math:: r = 5\,\frac{i}{m}, \qquad t = 2\pi \cdot 1.75\,\frac{i}{m} + \Delta,
              \qquad \mathbf{x} = r(\sin t, \cos t) + \nu\,\mathbf{u},
              \quad \mathbf{u} \sim U[-1, 1]^2,

    with $\Delta = 0$ for class 1 and $\pi$ for class 0: here the noise moves the
    points, by at most $\nu$ in each coordinate.

    Derived in Chapter 7, section "The data".

    Parameters
    ----------
    n : int, default 500
    noise : float, default 0.0
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int of shape (n,)

    Examples
    --------
    >>> X, y = playground_spiral(n=8)
    >>> np.hypot(*X.T), y  # r = 0, 1.25, 2.5, 3.75 along each arm
    (array([0.  , 1.25, 2.5 , 3.75, 0.  , 1.25, 2.5 , 3.75]), array([1, 1, 1, 1, 0, 0, 0, 0]))
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    m = n / 2.0
    parts = []
    for count, (delta, label) in zip(_class_counts(n), ((0.0, 1), (np.pi, 0))):
        i = np.arange(count)
        r = i / m * 5.0
        t = 1.75 * i / m * 2 * np.pi + delta
        u = rng.random((count, 2)) * 2.0 - 1.0
        X = np.column_stack([r * np.sin(t), r * np.cos(t)]) + u * noise
        parts.append((X, np.full(count, label)))
    return np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _shifted(n, noise, seed, half):
    """Points uniform in [-half, half]^2 and the shifted positions that decide their
    labels: x + noise * U[-half, half]^2 (four numbers a point, in the Playground's
    order)."""
    n, noise, rng = as_sample_args(n, noise, seed)
    u = rng.random((n, 4)) * (2 * half) - half
    return u[:, :2], u[:, :2] + u[:, 2:] * noise


def reg_plane(n=1200, noise=0.0, seed=0):
    r"""TensorFlow Playground's "reg-plane": a tilted plane over the square $[-6, 6]^2$.

    .. math:: t = \frac{(x_1 + \delta_1) + (x_2 + \delta_2)}{10}, \qquad
              \mathbf{x} \sim U[-6, 6]^2,\ \boldsymbol{\delta} \sim U[-6\nu, 6\nu]^2,

    so $t \in [-1.2, 1.2]$ without noise; the noise moves the position at which the
    plane is read.

    Derived in Chapter 7, section "Regression".

    Parameters
    ----------
    n : int, default 1200
    noise : float, default 0.0
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    t : ndarray of shape (n,)

    Examples
    --------
    >>> X, t = reg_plane(n=5)
    >>> bool(np.allclose(t, X.sum(axis=1) / 10))
    True
    """
    X, S = _shifted(n, noise, seed, 6.0)
    return X, (S[:, 0] + S[:, 1]) / 10.0


def reg_gauss_target(X):
    r"""The surface of "reg-gauss" at the points ``X``: of six cones of radius 2 (signs
    $s_k = \pm 1$ at the centres $\mathbf{c}_k$ of :data:`REG_GAUSS_BUMPS`), the one
    largest in size,

    .. math:: t = s_{k^*} h_{k^*}, \qquad h_k = \max\bigl(0,\ 1 - \tfrac12
              \lVert\mathbf{x} - \mathbf{c}_k\rVert\bigr), \qquad k^* = \arg\max_k h_k

    (the first such $k$ on a tie; 0 far from every centre).

    Examples
    --------
    >>> reg_gauss_target(np.array([[-4.0, 2.5], [0.0, -1.5], [0.0, 0.0]]))
    array([1. , 0.5, 0. ])
    """
    X = np.asarray(X, dtype=float)
    C = np.array(REG_GAUSS_BUMPS)
    h = np.maximum(0.0, 1.0 - np.hypot(X[:, None, 0] - C[:, 0], X[:, None, 1] - C[:, 1]) / 2.0)
    k = np.argmax(h, axis=1)
    return C[k, 2] * h[np.arange(len(X)), k]


def reg_gauss(n=1200, noise=0.0, seed=0):
    r"""TensorFlow Playground's "reg-gauss": six bumps, three up and three down.

    Points uniform in $[-6, 6]^2$, each with the target :func:`reg_gauss_target` read at
    the position shifted by $\boldsymbol{\delta} \sim U[-6\nu, 6\nu]^2$: peaks of $+1$
    at $(\pm 4, 2.5)$ and $(0, -2.5)$, pits of $-1$ at $(0, 2.5)$ and $(\pm 4, -2.5)$,
    each a cone of radius 2, and 0 between them.

    Derived in Chapter 7, section "Regression".

    Parameters
    ----------
    n : int, default 1200
    noise : float, default 0.0
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    t : ndarray of shape (n,)
        In $[-1, 1]$.

    Examples
    --------
    >>> X, t = reg_gauss(n=2000)
    >>> bool(t.min() >= -1 and t.max() <= 1), round(float(np.mean(t == 0)), 2)
    (True, 0.48)
    """
    X, S = _shifted(n, noise, seed, 6.0)
    return X, reg_gauss_target(S)


#: The curves of the function-boundary data sets: x2 above f(x1) is class 1.
CURVES = {
    "sin": lambda x: 3.0 * np.sin(x),
    "cubic": lambda x: x**3 / 20.0 - x,
    "abs": lambda x: np.abs(x) - 3.0,
}


def curve_boundary(n=500, noise=0.0, seed=0, curve="sin"):
    r"""Points above and below a curve $x_2 = f(x_1)$: a boundary a network must bend.

    Points uniform in $[-6, 6]^2$, labelled like the Playground's sets at a shifted
    position,

    .. math:: y = \bigl[x_2 + \delta_2 > f(x_1 + \delta_1)\bigr], \qquad
              \boldsymbol{\delta} \sim U[-6\nu, 6\nu]^2,

    for $f(x) = 3\sin x$ (``"sin"``), $x^3/20 - x$ (``"cubic"``) or $|x| - 3$
    (``"abs"``), :data:`CURVES`. A tanh network draws the curve from straight pieces,
    one bend per neuron or so; with the feature $\sin x_1$ one neuron draws the sine.
    This book's data set, not TensorFlow Playground's.

    Derived in Chapter 7, section "The data".

    Parameters
    ----------
    n : int, default 500
    noise : float, default 0.0
    seed : int, numpy.random.Generator or None, default 0
    curve : {"sin", "cubic", "abs"}, default "sin"

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int of shape (n,)

    Examples
    --------
    >>> X, y = curve_boundary(n=200, curve="abs")
    >>> bool(np.all(y == (X[:, 1] > np.abs(X[:, 0]) - 3)))
    True
    """
    if not isinstance(curve, str) or curve not in CURVES:
        raise ValueError(f"curve must be one of {list(CURVES)}; got {curve!r}")
    X, S = _shifted(n, noise, seed, 6.0)
    return X, (S[:, 1] > CURVES[curve](S[:, 0])).astype(int)


def _surface(target):
    """A regression set of this book on the Playground's square: points uniform in
    [-6, 6]^2, the surface ``target`` (defined on [-1, 1]^2) stretched by 5 and read at
    the shifted position, as the Playground's regression sets do."""
    def make(n=1200, noise=0.0, seed=0):
        X, S = _shifted(n, noise, seed, 6.0)
        return X, target(S / 5.0)
    return make


#: Every data set the Playground draws with its own rules, by its name there:
#: TensorFlow Playground's six (``circle``, ``xor``, ``gauss``, ``spiral``,
#: ``reg-plane``, ``reg-gauss``), then this book's: the function boundaries and three
#: more surfaces (the bump, max and argmax of :data:`REGRESSION`, stretched by 5). Each
#: is ``(n, noise, seed) -> (X, y)`` in the square $[-6, 6]^2$.
PLAYGROUND_DATA = {
    "circle": playground_circle,
    "xor": playground_xor,
    "gauss": playground_gauss,
    "spiral": playground_spiral,
    "reg-plane": reg_plane,
    "reg-gauss": reg_gauss,
    "curve-sin": lambda n=500, noise=0.0, seed=0: curve_boundary(n, noise, seed, "sin"),
    "curve-cubic": lambda n=500, noise=0.0, seed=0: curve_boundary(n, noise, seed, "cubic"),
    "curve-abs": lambda n=500, noise=0.0, seed=0: curve_boundary(n, noise, seed, "abs"),
    "reg-bump": _surface(bump_target),
    "reg-max": _surface(max_target),
    "reg-argmax": _surface(argmax_target),
}
