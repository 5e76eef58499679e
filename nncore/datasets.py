r"""Small 2-D toy data sets for the chapters and the playground.

Every generator has the signature ``(n, noise, seed) -> (X, y)``:

- ``X`` is a float array of shape ``(n, 2)``, ``y`` an int array of shape ``(n,)``;
- ``noise`` is the standard deviation of the Gaussian jitter added to each coordinate
  (for :func:`blobs`, the spread of each cluster); ``noise=0`` gives the clean shape;
- the classes are balanced: point ``i`` belongs to class ``i % n_classes``, so the
  labels alternate and the class sizes differ by at most one;
- the same ``seed`` always gives the same data (``np.random.default_rng(seed)``; a
  ``np.random.Generator`` is used as is, ``None`` draws fresh entropy).

``DATASETS`` maps each name to its generator, for menus such as the playground's.

The surfaces :func:`plane`, :func:`gaussian_bump`, :func:`max_xy` and
:func:`argmax_xy` are functions $t(\mathbf{x})$ on the square $[-1, 1]^2$ with values in
$[-1, 1]$, sampled the same way: ``(n, noise, seed) -> (X, t)``, the points uniform in
the square and Gaussian noise of standard deviation ``noise`` added to the targets.
:data:`REGRESSION` maps their names to them.

TensorFlow Playground's own data sets, as its code makes them, are here too, for the
Playground of Chapter 7: :func:`playground_circle`, :func:`playground_xor`,
:func:`playground_gauss`, :func:`playground_spiral`, :func:`reg_plane` and
:func:`reg_gauss`, in the square $[-6, 6]^2$, with the Playground's noise (which flips
labels near a boundary, or moves the point at which a target is read, rather than
moving the points), and this book's function boundaries (:func:`curve_boundary`) and
the surfaces above on that square, made the same way. :data:`PLAYGROUND_DATA` maps the
Playground's names to them. The generators of chapters 1-6 are unchanged.

:func:`iris` loads real data instead: two classes of Fisher's iris flowers, from the copy
that ships with scikit-learn (so it works offline). It is a loader, not a generator, and
is not in ``DATASETS``.

:func:`house_prices` generates a regression set for Chapter 3 (price against area) from
a known line, :data:`HOUSE_PRICE_TRUTH`, so a fit can be checked against the truth. It is
not in ``DATASETS`` either: its targets are prices, not class labels.

:func:`digits` loads the 1,797 handwritten 8 x 8 digits of Chapter 6 (offline, from
scikit-learn's copy), and :func:`train_test_split` holds out a stratified test set.
"""

import math
import numbers

import numpy as np

from nncore._checks import as_array, as_int, as_nonnegative, as_rng

__all__ = [
    "blobs",
    "xor",
    "circles",
    "moons",
    "spiral",
    "DATASETS",
    "plane",
    "gaussian_bump",
    "max_xy",
    "argmax_xy",
    "REGRESSION",
    "BUMP_WIDTH",
    "playground_circle",
    "playground_xor",
    "playground_gauss",
    "playground_spiral",
    "reg_plane",
    "reg_gauss",
    "reg_gauss_target",
    "curve_boundary",
    "CURVES",
    "PLAYGROUND_DATA",
    "PLAYGROUND_RADIUS",
    "XOR_PADDING",
    "REG_GAUSS_BUMPS",
    "iris",
    "IRIS_FEATURES",
    "IRIS_CLASSES",
    "house_prices",
    "HOUSE_PRICE_TRUTH",
    "digits",
    "DIGIT_SHAPE",
    "train_test_split",
]


def _check(n, noise, seed):
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
    n, noise, rng = _check(n, noise, seed)
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
    n, noise, rng = _check(n, noise, seed)
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
    n, noise, rng = _check(n, noise, seed)
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
    n, noise, rng = _check(n, noise, seed)
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
    n, noise, rng = _check(n, noise, seed)
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


# ---------------------------------------------------------------------------------------
# Regression targets on the square [-1, 1]^2 (the Playground's regression problems)
# ---------------------------------------------------------------------------------------

#: The standard deviation $\sigma$ of :func:`gaussian_bump`.
BUMP_WIDTH = 0.4


def _sample(n, noise, seed):
    """Validated ``(n, noise, rng)`` and ``n`` points uniform in the square."""
    n, noise, rng = _check(n, noise, seed)
    return rng.uniform(-1.0, 1.0, size=(n, 2)), noise, rng


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
    return X, _noisy(_bump_target(X), noise, rng)


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
    return X, _noisy(_max_target(X), noise, rng)


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
    return X, _noisy(_argmax_target(X), noise, rng)


#: The regression problems, in the Playground's menu order.
REGRESSION = {
    "plane": plane,
    "gaussian_bump": gaussian_bump,
    "max_xy": max_xy,
    "argmax_xy": argmax_xy,
}


# ---------------------------------------------------------------------------------------
# TensorFlow Playground's data sets, as its source (dataset.ts) makes them
# ---------------------------------------------------------------------------------------
#
# Every generator below draws its uniform numbers in the order the Playground's code
# does (point by point, and within a point in the order of its statements), labels a
# point by testing a *shifted* copy of it (the noise moves the test, not the point), and
# returns labels in {0, 1} (the Playground's +1 is class 1, its -1 class 0) or float
# targets. They live in the Playground's square [-6, 6]^2.

#: Radius of the Playground's circle data: the inner class fills the disc of radius
#: 2.5, the outer class the ring from 3.5 to 5.
PLAYGROUND_RADIUS = 5.0
#: The gap that xor leaves on each side of the two axes.
XOR_PADDING = 0.3
#: The six bumps of ``reg-gauss``: centre (x1, x2) and sign.
REG_GAUSS_BUMPS = ((-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0),
                   (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0))


def _uniform(rng, low, high, size):
    """``size`` uniform numbers in [low, high), as the Playground's ``randUniform``."""
    return rng.random(size) * (high - low) + low


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
    n, noise, rng = _check(n, noise, seed)
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
    n, noise, rng = _check(n, noise, seed)
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
    n, noise, rng = _check(n, noise, seed)
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
    n, noise, rng = _check(n, noise, seed)
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
    n, noise, rng = _check(n, noise, seed)
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


def _bump_target(X):
    return 2.0 * np.exp(-(X[:, 0] ** 2 + X[:, 1] ** 2) / (2.0 * BUMP_WIDTH**2)) - 1.0


def _max_target(X):
    return np.maximum(X[:, 0], X[:, 1])


def _argmax_target(X):
    return np.where(X[:, 1] > X[:, 0], 1.0, -1.0)


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
    "reg-bump": _surface(_bump_target),
    "reg-max": _surface(_max_target),
    "reg-argmax": _surface(_argmax_target),
}


# ---------------------------------------------------------------------------------------
# Real data: Fisher's iris flowers
# ---------------------------------------------------------------------------------------

IRIS_FEATURES = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")
"""The four measurements of each flower, spelled as scikit-learn spells them."""

IRIS_CLASSES = ("setosa", "versicolor", "virginica")
"""The three species, in the order of the table (50 flowers each)."""

_SHORT_FEATURES = {name.removesuffix(" (cm)"): name for name in IRIS_FEATURES}


def _iris_feature(name):
    """The column of ``name`` (long or short spelling) in the iris table."""
    if isinstance(name, str):
        name = _SHORT_FEATURES.get(name, name)
        if name in IRIS_FEATURES:
            return IRIS_FEATURES.index(name)
    raise ValueError(
        f"features must be names from {IRIS_FEATURES} (or without ' (cm)'); got {name!r}"
    )


def _iris_class(name):
    """The target code of the species ``name``."""
    if isinstance(name, str) and name in IRIS_CLASSES:
        return IRIS_CLASSES.index(name)
    raise ValueError(f"classes must be two names from {IRIS_CLASSES}; got {name!r}")


def iris(features=("petal length (cm)", "sepal width (cm)"), classes=("setosa", "versicolor")):
    r"""Two species of Fisher's iris flowers, measured in centimetres.

    .. math:: X \in \mathbb{R}^{100 \times k}, \qquad
              y_i = \begin{cases} 0 & \text{flower } i \text{ is of } \texttt{classes[0]} \\
              1 & \text{flower } i \text{ is of } \texttt{classes[1]} \end{cases}

    The table has 50 flowers of each of three species and four measurements per flower
    (:data:`IRIS_FEATURES`). This keeps the ``k`` chosen measurements of the flowers of
    the two chosen species, in the order of the table. Setosa is linearly separable from
    each of the other two; versicolor and virginica are not separable from each other
    in all four measurements together, nor in petal length and width.

    The data are read from the copy that scikit-learn ships
    (``sklearn.datasets.load_iris``), so no network is needed; scikit-learn is imported
    only when this function is called.

    Sources and licences: R. A. Fisher, "The use of multiple measurements in taxonomic
    problems", Annals of Eugenics 7 (1936), 179-188; the data set as in the UCI Machine
    Learning Repository (https://doi.org/10.24432/C56C76), licensed CC BY 4.0, in the
    corrected form that scikit-learn distributes (BSD-3-Clause), which matches Fisher's
    paper.

    Derived in Chapter 2, section "Training on real data".

    Parameters
    ----------
    features : sequence of str, default ("petal length (cm)", "sepal width (cm)")
        One to four distinct names from :data:`IRIS_FEATURES`, also accepted without
        ``" (cm)"`` (``"petal length"``); a single name may be given as a string. The
        columns of ``X`` follow this order.
    classes : pair of str, default ("setosa", "versicolor")
        Two distinct names from :data:`IRIS_CLASSES`: ``classes[0]`` gets label 0 and
        ``classes[1]`` label 1.

    Returns
    -------
    X : ndarray of shape (100, len(features))
    y : ndarray of int of shape (100,)
        Labels in {0, 1}, 50 of each.

    Raises
    ------
    ValueError
        If a feature or class name is unknown or repeated, no feature is given, or
        ``classes`` is not a pair.
    ImportError
        If scikit-learn is not installed.

    Examples
    --------
    >>> X, y = iris()
    >>> X.shape, np.bincount(y).tolist()
    ((100, 2), [50, 50])
    >>> X[0], int(y[0])  # the first setosa: petal length 1.4 cm, sepal width 3.5 cm
    (array([1.4, 3.5]), 0)
    >>> iris(features=["sepal length", "petal width"], classes=["versicolor", "virginica"])[0][0]
    array([7. , 1.4])
    """
    names = (features,) if isinstance(features, str) else tuple(features)
    if not names:
        raise ValueError(f"features must name at least one of {IRIS_FEATURES}; got none")
    columns = [_iris_feature(name) for name in names]
    if len(set(columns)) != len(columns):
        raise ValueError(f"features must not repeat a measurement; got {names!r}")
    pair = (classes,) if isinstance(classes, str) else tuple(classes)
    if len(pair) != 2:
        raise ValueError(f"classes must be a pair of names from {IRIS_CLASSES}; got {classes!r}")
    codes = [_iris_class(name) for name in pair]
    if codes[0] == codes[1]:
        raise ValueError(f"classes must be two different species; got {classes!r}")
    try:
        from sklearn.datasets import load_iris
    except ImportError as err:
        raise ImportError(
            "iris() reads the copy of Fisher's iris data that ships with scikit-learn, "
            "which is not installed: pip install scikit-learn (requirements.txt pins it)"
        ) from err
    table = load_iris()
    keep = np.isin(table.target, codes)
    X = np.asarray(table.data, dtype=float)[keep][:, columns]
    y = (table.target[keep] == codes[1]).astype(int)
    return X, y


# ---------------------------------------------------------------------------------------
# Regression: house prices against area (generated)
# ---------------------------------------------------------------------------------------

HOUSE_PRICE_TRUTH = (2.5, 60.0)
"""The line behind :func:`house_prices`: (w, b) = (2.5 thousand per m^2, 60 thousand)."""

HOUSE_AREA_RANGE = (40.0, 220.0)
"""The range of the generated areas, in m^2."""


def house_prices(n=50, noise=25.0, seed=0):
    r"""House prices against floor area, generated from a known line plus noise.

    .. math:: x_i \sim U(40, 220)\ \text{m}^2, \qquad
              y_i = w\,x_i + b + \sigma\,\varepsilon_i, \qquad
              \varepsilon_i \sim \mathcal{N}(0, 1)

    with $(w, b)$ = :data:`HOUSE_PRICE_TRUTH` = (2.5, 60.0): 2.5 thousand per square
    metre plus 60 thousand, and $\sigma$ = ``noise`` (in thousands). The areas are drawn
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
        $\sigma$, the standard deviation of the price around the line, in thousands;
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
    n, noise, rng = _check(n, noise, seed)
    w, b = HOUSE_PRICE_TRUTH
    area = rng.uniform(*HOUSE_AREA_RANGE, size=n)
    price = w * area + b + noise * rng.standard_normal(n)
    return area, price


# ---------------------------------------------------------------------------------------
# Real data: handwritten digits (Chapter 6)
# ---------------------------------------------------------------------------------------

DIGIT_SHAPE = (8, 8)
"""The shape of one digit image: ``X[i].reshape(DIGIT_SHAPE)`` is the picture."""


def digits():
    r"""The 1,797 handwritten digits, 8 x 8 pixels of grey levels 0 to 16, with their labels.

    .. math:: X \in \{0, 1, \dots, 16\}^{1797 \times 64}, \qquad
              y_i \in \{0, 1, \dots, 9\}

    Row ``X[i]`` is one image read row by row; ``X[i].reshape(DIGIT_SHAPE)`` shows it.
    Each pixel counts the ink in a 4 x 4 block of a 32 x 32 bitmap, hence 0 to 16. The
    classes are nearly balanced (174 to 183 images each). Divide by 16 to get inputs in
    [0, 1] for a network.

    The data are read from the copy that scikit-learn ships
    (``sklearn/datasets/data/digits.csv.gz``, through ``sklearn.datasets.load_digits``),
    so no network is needed; scikit-learn is imported only when this function is called.

    Source and licence: the test part of "Optical Recognition of Handwritten Digits" by
    E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository
    (https://doi.org/10.24432/C50P49), licensed CC BY 4.0, as distributed by
    scikit-learn (BSD-3-Clause).

    Derived in Chapter 6, section "Real data: handwritten digits".

    Returns
    -------
    X : ndarray of float, shape (1797, 64)
        Grey levels 0.0 to 16.0.
    y : ndarray of int, shape (1797,)
        The digit shown, 0 to 9.

    Raises
    ------
    ImportError
        If scikit-learn is not installed.

    Examples
    --------
    >>> X, y = digits()
    >>> X.shape, y.shape, float(X.min()), float(X.max())
    ((1797, 64), (1797,), 0.0, 16.0)
    >>> int(y[0]), X[0].reshape(DIGIT_SHAPE)[1].tolist()  # a zero: its second row
    (0, [0.0, 0.0, 13.0, 15.0, 10.0, 15.0, 5.0, 0.0])
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError as err:
        raise ImportError(
            "digits() reads the copy of the UCI handwritten digits that ships with "
            "scikit-learn, which is not installed: pip install scikit-learn "
            "(requirements.txt pins it)"
        ) from err
    table = load_digits()
    return np.asarray(table.data, dtype=float), np.asarray(table.target, dtype=int)


def _n_test(test_size, n):
    """The number of test samples: a fraction in (0, 1) rounded up, or an int count."""
    if isinstance(test_size, bool) or not isinstance(test_size, numbers.Real):
        raise TypeError(
            f"test_size must be a fraction in (0, 1) or an int count; got {test_size!r} "
            f"of type {type(test_size).__name__}"
        )
    if isinstance(test_size, numbers.Integral):
        if not 1 <= test_size <= n - 1:
            raise ValueError(
                f"test_size as a count must be in [1, {n - 1}] for {n} samples; got {test_size}"
            )
        return int(test_size)
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size as a fraction must be in (0, 1); got {test_size}")
    k = math.ceil(test_size * n)
    if not 1 <= k <= n - 1:
        raise ValueError(
            f"test_size={test_size} leaves {k} of {n} samples for testing; both parts "
            f"need at least one sample"
        )
    return k


def train_test_split(X, y, test_size=0.25, seed=0, stratify=True):
    r"""Hold out a random test set, with each class in the same proportion in both parts.

    .. math:: n_{\text{test}} = \lceil \text{test\_size} \cdot n \rceil, \qquad
              n_{\text{test}, c} \approx n_{\text{test}} \, \frac{n_c}{n}

    With ``stratify`` each class $c$ of $n_c$ samples contributes its share of the test
    set (the shares are rounded so that they add up to $n_{\text{test}}$: largest
    remainders first), so a rare class cannot vanish from one part by chance. Without
    it, the test set is a plain random sample. Both parts come back in random order.

    Derived in Chapter 6, section "Real data: handwritten digits".

    Parameters
    ----------
    X : array_like of shape (n_samples, ...)
    y : array_like of shape (n_samples,)
        Integer class labels when ``stratify``; anything (such as float targets) otherwise.
    test_size : float in (0, 1) or int, default 0.25
        The fraction (rounded up) or number of samples to hold out.
    seed : int, numpy.random.Generator or None, default 0
    stratify : bool, default True

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray

    Raises
    ------
    TypeError
        If ``test_size`` is not a number, or ``stratify`` is asked with non-integer labels.
    ValueError
        If ``X`` and ``y`` have different lengths, or ``test_size`` leaves either part
        empty.

    Examples
    --------
    >>> X, y = np.arange(16.0).reshape(8, 2), np.array([0, 0, 0, 0, 1, 1, 1, 1])
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5)
    >>> X_train.shape, np.bincount(y_test).tolist()  # two of each class held out
    ((4, 2), [2, 2])
    """
    X = as_array(X, "X")
    if X.ndim == 0:
        raise ValueError("X must have one row per sample, shape (n_samples, ...); got a scalar")
    y_arr = np.asarray(y)
    if y_arr.ndim != 1 or y_arr.shape[0] != X.shape[0]:
        raise ValueError(
            f"y must have one entry per row of X, shape ({X.shape[0]},); got shape {y_arr.shape}"
        )
    if not isinstance(stratify, (bool, np.bool_)):
        raise TypeError(f"stratify must be True or False; got {stratify!r}")
    n = X.shape[0]
    if n < 2:
        raise ValueError(f"X must have at least 2 samples to split; got {n}")
    n_test = _n_test(test_size, n)
    rng = as_rng(seed)
    if not stratify:
        order = rng.permutation(n)
        test, train = order[:n_test], order[n_test:]
    else:
        if y_arr.dtype.kind not in "biu":
            raise TypeError(
                f"y must be integer class labels to stratify by (or pass stratify=False); "
                f"got dtype {y_arr.dtype}"
            )
        classes, counts = np.unique(y_arr, return_counts=True)
        share = n_test * counts / n
        take = np.floor(share).astype(int)
        left = n_test - int(take.sum())
        if left:
            extra = np.argsort(-(share - take), kind="stable")[:left]
            take[extra] += 1
        test_parts, train_parts = [], []
        for c, k in zip(classes, take):
            members = rng.permutation(np.flatnonzero(y_arr == c))
            test_parts.append(members[:k])
            train_parts.append(members[k:])
        test = rng.permutation(np.concatenate(test_parts))
        train = rng.permutation(np.concatenate(train_parts))
    return X[train], X[test], y_arr[train], y_arr[test]
