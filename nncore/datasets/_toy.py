"""The 2-D class generators of chapters 1-6: blobs, xor, circles, moons, spiral.

Each is ``(n, noise, seed) -> (X, y)`` with balanced, alternating labels; the
package's docstring gives the shared contract. :func:`as_sample_args` validates
``(n, noise, seed)`` for every generator of the package.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from nncore._checks import as_int, as_nonnegative, as_rng

__all__ = ["blobs", "xor", "circles", "moons", "spiral", "DATASETS", "as_sample_args"]


def as_sample_args(n, noise, seed):
    """Validate the three shared arguments; return ``(n, noise, rng)``."""
    return as_int(n, "n", minimum=1), as_nonnegative(noise, "noise"), as_rng(seed)


def _labels(n, n_classes):
    """Balanced, interleaved labels: point i gets class i % n_classes."""
    return np.arange(n) % n_classes


def _rank_in_class(y):
    """For each point, its position j among the points of its class and that class's size m."""
    j, m = np.empty_like(y), np.empty_like(y)
    for c in np.unique(y):
        members = np.flatnonzero(y == c)
        j[members], m[members] = np.arange(members.size), members.size
    return j, m


def _jitter(X, noise, rng):
    """Add independent Gaussian noise of standard deviation ``noise`` to every coordinate."""
    return X + noise * rng.standard_normal(X.shape)


def _on_circle(radius, angle):
    """Points ``r (cos a, sin a)``, shape (n, 2)."""
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def blobs(n=100, noise=0.6, seed=0):
    r"""Two Gaussian clusters, one per class: linearly separable when the noise is small.

    .. math:: \mathbf{x}_i = \boldsymbol{\mu}_{y_i} + \sigma\,\boldsymbol{\varepsilon}_i,
              \qquad \boldsymbol{\mu}_0 = (-1.5, -1),\; \boldsymbol{\mu}_1 = (1.5, 1),
              \qquad \boldsymbol{\varepsilon}_i \sim \mathcal{N}(\mathbf{0}, I)

    with $\sigma$ = ``noise``. The centres are $\sqrt{13} \approx 3.6$ apart, six
    standard deviations at the default $\sigma = 0.6$.

    Derived in Chapter 1, section "Linear separability".

    Parameters
    ----------
    n : int, default 100
        Number of points, at least 1.
    noise : float, default 0.6
        $\sigma$, the standard deviation of each cluster; finite and >= 0.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int of shape (n,)
        Labels in {0, 1}, alternating.

    Raises
    ------
    TypeError
        If ``n`` is not an int, ``noise`` not a real number, or ``seed`` of another type.
    ValueError
        If ``n < 1``, ``noise`` is negative or not finite, or ``seed`` is negative.

    Examples
    --------
    >>> X, y = blobs(n=4, noise=0.0)
    >>> X
    array([[-1.5, -1. ],
           [ 1.5,  1. ],
           [-1.5, -1. ],
           [ 1.5,  1. ]])
    >>> y
    array([0, 1, 0, 1])
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    y = _labels(n, 2)
    centres = np.array([[-1.5, -1.0], [1.5, 1.0]])
    return _jitter(centres[y], noise, rng), y


def xor(n=100, noise=0.2, seed=0):
    r"""Four clusters at the corners of the unit square, labelled by exclusive or.

    .. math:: y = c_1 \oplus c_2 \quad\text{for the corner } (c_1, c_2) \in \{0, 1\}^2,
              \qquad \mathbf{x}_i = (c_1, c_2) + \sigma\,\boldsymbol{\varepsilon}_i

    so $(0, 0)$ and $(1, 1)$ are class 0, $(0, 1)$ and $(1, 0)$ class 1. Point ``i``
    sits at corner ``i % 4`` in the order (0, 0), (0, 1), (1, 0), (1, 1): with
    ``n=4, noise=0`` you get exactly the four corners, the truth table of XOR. No line
    separates the classes.

    Derived in Chapter 1, section "Linear separability".

    Parameters
    ----------
    n : int, default 100
        Number of points, at least 1.
    noise : float, default 0.2
        $\sigma$, the standard deviation around each corner; finite and >= 0.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int of shape (n,)
        Labels in {0, 1}.

    Raises
    ------
    TypeError
        If ``n`` is not an int, ``noise`` not a real number, or ``seed`` of another type.
    ValueError
        If ``n < 1``, ``noise`` is negative or not finite, or ``seed`` is negative.

    Examples
    --------
    >>> X, y = xor(n=4, noise=0)
    >>> X
    array([[0., 0.],
           [0., 1.],
           [1., 0.],
           [1., 1.]])
    >>> y
    array([0, 1, 1, 0])
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    corner = np.arange(n) % 4
    C = np.column_stack([corner // 2, corner % 2])  # (0,0), (0,1), (1,0), (1,1), ...
    y = C[:, 0] ^ C[:, 1]
    return _jitter(C.astype(float), noise, rng), y


def circles(n=100, noise=0.1, seed=0):
    r"""A disk of class 1 inside a ring of class 0: separable by a circle, not a line.

    .. math:: \text{class 1: } \mathbf{x} = r\,(\cos\phi, \sin\phi),\;
              r = 0.5\sqrt{u},\; u \sim U(0, 1); \qquad
              \text{class 0: } \mathbf{x} = (\cos\phi, \sin\phi)

    with $\phi \sim U(0, 2\pi)$ (the $\sqrt{u}$ spreads the disk's points evenly over
    its area), then Gaussian jitter of standard deviation $\sigma$ on each coordinate.

    Derived in Chapter 1, section "Linear separability".

    Parameters
    ----------
    n : int, default 100
        Number of points, at least 1.
    noise : float, default 0.1
        $\sigma$; finite and >= 0.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int of shape (n,)
        1 for the inner disk, 0 for the outer ring.

    Raises
    ------
    TypeError
        If ``n`` is not an int, ``noise`` not a real number, or ``seed`` of another type.
    ValueError
        If ``n < 1``, ``noise`` is negative or not finite, or ``seed`` is negative.

    Examples
    --------
    >>> X, y = circles(n=6, noise=0.0, seed=1)
    >>> np.round(np.hypot(X[:, 0], X[:, 1]), 2)[y == 0]  # the ring: radius 1
    array([1., 1., 1.])
    >>> bool(np.all(np.hypot(X[:, 0], X[:, 1])[y == 1] <= 0.5))  # the disk
    True
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    y = _labels(n, 2)
    phi = rng.uniform(0.0, 2 * np.pi, size=n)
    radius = np.where(y == 1, 0.5 * np.sqrt(rng.uniform(size=n)), 1.0)
    return _jitter(_on_circle(radius, phi), noise, rng), y


def moons(n=100, noise=0.1, seed=0):
    r"""Two interleaving half circles.

    .. math:: \text{class 0: } (\cos t, \sin t), \qquad
              \text{class 1: } (1 - \cos t,\; 0.5 - \sin t), \qquad t \in [0, \pi]

    with $t$ evenly spaced along each moon, then Gaussian jitter of standard deviation
    $\sigma$ on each coordinate.

    Derived in Chapter 1, section "Linear separability".

    Parameters
    ----------
    n : int, default 100
        Number of points, at least 1.
    noise : float, default 0.1
        $\sigma$; finite and >= 0.
    seed : int, numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int of shape (n,)
        Labels in {0, 1}.

    Raises
    ------
    TypeError
        If ``n`` is not an int, ``noise`` not a real number, or ``seed`` of another type.
    ValueError
        If ``n < 1``, ``noise`` is negative or not finite, or ``seed`` is negative.

    Examples
    --------
    >>> X, y = moons(n=6, noise=0.0)  # t = 0, pi/2, pi on each moon
    >>> np.round(X, 6) + 0.0
    array([[ 1. ,  0. ],
           [ 0. ,  0.5],
           [ 0. ,  1. ],
           [ 1. , -0.5],
           [-1. ,  0. ],
           [ 2. ,  0.5]])
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    y = _labels(n, 2)
    j, m = _rank_in_class(y)
    t = np.pi * j / np.maximum(m - 1, 1)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    return _jitter(np.where(y[:, np.newaxis] == 0, upper, lower), noise, rng), y


def spiral(n=100, noise=0.1, seed=0, n_classes=2, *, turns=0.75):
    r"""Interleaved spiral arms, one per class.

    .. math:: \mathbf{x} = r\,(\cos\phi, \sin\phi), \qquad
              r = \frac{j + 1}{m}, \qquad
              \phi = \frac{2\pi k}{K} + 2\pi T\, r

    for the $j$-th of the $m$ points of class $k$ (out of $K$ classes): each arm winds
    $T$ turns (``turns``) outwards, from near the centre to radius 1, the arms rotated
    $2\pi/K$ from each other. Then Gaussian jitter of standard deviation $\sigma$ on each
    coordinate. The default, three quarters of a turn ($2\pi T = 3\pi/2$), is the
    spiral of Chapters 1-6; the Playground of Chapter 7 uses $T = 1.75$, as TensorFlow
    Playground does, whose arms a small network cannot follow so easily. Along a ray
    from the centre, the arms of two classes ($K = 2$) alternate every $1/(2T)$ in
    radius.

    Derived in Chapter 1, section "Linear separability" (``turns`` in Chapter 7,
    section "The data").

    Parameters
    ----------
    n : int, default 100
        Number of points, at least 1.
    noise : float, default 0.1
        $\sigma$; finite and >= 0.
    seed : int, numpy.random.Generator or None, default 0
    n_classes : int, default 2
        $K$, the number of arms, at least 2.
    turns : float, default 0.75
        $T > 0$, how many times each arm winds round the centre.

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int of shape (n,)
        Labels in 0, ..., ``n_classes - 1``.

    Raises
    ------
    TypeError
        If ``n`` or ``n_classes`` is not an int, ``noise`` or ``turns`` not a real
        number, or ``seed`` of another type.
    ValueError
        If ``n < 1``, ``n_classes < 2``, ``noise`` is negative or not finite, ``turns``
        is not a finite number > 0, or ``seed`` is negative.

    Examples
    --------
    >>> X, y = spiral(n=9, n_classes=3)
    >>> X.shape, np.bincount(y).tolist()
    ((9, 2), [3, 3, 3])
    >>> X, y = spiral(n=4, noise=0.0, turns=1.0)  # r = 1/2, 1: half a turn, a whole one
    >>> np.round(X, 12) + 0.0
    array([[-0.5,  0. ],
           [ 0.5,  0. ],
           [ 1. ,  0. ],
           [-1. ,  0. ]])
    """
    n, noise, rng = as_sample_args(n, noise, seed)
    K = as_int(n_classes, "n_classes", minimum=2)
    if isinstance(turns, bool) or not isinstance(turns, numbers.Real):
        raise TypeError(f"turns must be a real number; got {turns!r} of type "
                        f"{type(turns).__name__}")
    turns = float(turns)
    if not (math.isfinite(turns) and turns > 0):
        raise ValueError(f"turns must be a finite number > 0; got {turns}")
    y = _labels(n, K)
    j, m = _rank_in_class(y)
    r = (j + 1) / m
    phi = 2 * np.pi * y / K + 2 * np.pi * turns * r
    return _jitter(_on_circle(r, phi), noise, rng), y


DATASETS = {"blobs": blobs, "xor": xor, "circles": circles, "moons": moons, "spiral": spiral}
