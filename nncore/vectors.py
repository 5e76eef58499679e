r"""Vectors, the dot product and the angle between two vectors.

Chapter 1 defines the dot product twice, algebraically as
$\mathbf{a}\cdot\mathbf{b} = \sum_i a_i b_i$ and geometrically as
$\|\mathbf{a}\|\,\|\mathbf{b}\|\cos\varphi$, and shows that they agree. This module
implements both, independently, so the chapter (and the tests) can compare them:
:func:`dot` never looks at an angle and :func:`angle` never uses a dot product.

All functions accept lists or 1-D arrays, return Python floats (or 1-D float arrays),
and stay finite and warning-free for huge (up to the largest float, about 1.8e308) and
tiny (1e-300) components: lengths are computed on a copy rescaled by a power of two
near the largest component (exact in floating point), in the spirit of LAPACK's
``dnrm2``.
"""

import math

import numpy as np

from nncore._checks import as_bool, as_vector
from nncore._scaled import max_abs_scale, unit_vector

__all__ = [
    "dot",
    "norm",
    "unit",
    "cosine",
    "angle",
    "polar_angle",
    "dot_geometric",
    "scalar_projection",
    "projection",
]


def dot(a, b):
    r"""The algebraic dot product of two vectors.

    .. math:: \mathbf{a}\cdot\mathbf{b} = \sum_{i=1}^{d} a_i b_i

    Both vectors are divided by a power of two near their largest component before
    multiplying and the scales are multiplied back at the end, so the products
    $a_i b_i$ cannot overflow when the result itself is representable; the products are
    added with ``math.fsum`` (one rounding), so the order of the terms does not matter.

    Derived in Chapter 1, section "The dot product".

    Parameters
    ----------
    a : array_like of shape (d,)
    b : array_like of shape (d,)
        Same length as ``a``.

    Returns
    -------
    float
        $\mathbf{a}\cdot\mathbf{b}$ (``inf`` only if the true value exceeds the float range).

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not a non-empty 1-D vector of finite numbers, or their
        lengths differ.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> dot([1, 2, 3], [4, 5, 6])  # 1*4 + 2*5 + 3*6
    32.0
    >>> dot([1, 0], [0, 1])  # perpendicular
    0.0
    """
    a = as_vector(a, "a")
    b = as_vector(b, "b", dim=a.shape[0], against="a")
    scale_a, scale_b = max_abs_scale(a), max_abs_scale(b)
    if scale_a == 0.0 or scale_b == 0.0:
        return 0.0
    # math.fsum adds the rounded products exactly (then rounds once), so the result does not
    # depend on the order of the terms or on fused multiply-adds inside np.dot.
    return math.fsum((a / scale_a) * (b / scale_b)) * scale_a * scale_b


def norm(a):
    r"""The Euclidean length of a vector.

    .. math:: \|\mathbf{a}\| = \sqrt{\sum_{i=1}^{d} a_i^2}
              = s\,\sqrt{\sum_{i=1}^{d} (a_i/s)^2}, \qquad s \approx \max_i |a_i|

    The second form is what is computed: it gives the same number, but the squares
    neither overflow (``norm([1e200, 1e200])``) nor underflow to zero
    (``norm([1e-200, 1e-200])``).

    Derived in Chapter 1, section "Vectors".

    Parameters
    ----------
    a : array_like of shape (d,)

    Returns
    -------
    float
        $\|\mathbf{a}\| \ge 0$, zero only for the zero vector.

    Raises
    ------
    ValueError
        If ``a`` is not a non-empty 1-D vector of finite numbers.
    TypeError
        If ``a`` contains something other than real numbers.

    Examples
    --------
    >>> norm([3, 4])  # sqrt(9 + 16)
    5.0
    >>> norm([1e200, 1e200]) / 1e200  # sqrt(2), where the naive sum of squares overflows
    1.4142135623730951
    """
    a = as_vector(a, "a")
    scale = max_abs_scale(a)
    if scale == 0.0:
        return 0.0
    scaled = a / scale
    return scale * math.sqrt(float(np.sum(scaled * scaled)))


def unit(a):
    r"""The unit vector pointing the same way as ``a``.

    .. math:: \hat{\mathbf{a}} = \frac{\mathbf{a}}{\|\mathbf{a}\|}

    Derived in Chapter 1, section "Vectors".

    Parameters
    ----------
    a : array_like of shape (d,)
        Not the zero vector.

    Returns
    -------
    ndarray of shape (d,)
        A vector of length 1 (up to rounding).

    Raises
    ------
    ValueError
        If ``a`` is the zero vector, or not a non-empty 1-D vector of finite numbers.
    TypeError
        If ``a`` contains something other than real numbers.

    Examples
    --------
    >>> unit([3, 4])  # (3, 4) / 5
    array([0.6, 0.8])
    """
    return unit_vector(as_vector(a, "a"), "a")


def cosine(a, b):
    r"""The cosine of the angle between two vectors, from the dot product.

    .. math:: \cos\varphi = \frac{\mathbf{a}\cdot\mathbf{b}}{\|\mathbf{a}\|\,\|\mathbf{b}\|}
              = \hat{\mathbf{a}}\cdot\hat{\mathbf{b}}

    Computed as the dot product of the two unit vectors (so huge or tiny vectors are
    fine) and clipped to $[-1, 1]$ against rounding.

    Derived in Chapter 1, section "Alignment".

    Parameters
    ----------
    a : array_like of shape (d,)
        Not the zero vector.
    b : array_like of shape (d,)
        Not the zero vector, same length as ``a``.

    Returns
    -------
    float
        In $[-1, 1]$: 1 for the same direction, 0 for perpendicular, -1 for opposite.

    Raises
    ------
    ValueError
        If either vector is zero, not a non-empty 1-D vector of finite numbers, or the
        lengths differ.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> cosine([1, 0], [1, 1])  # 1 / (1 * sqrt(2))
    0.7071067811865475
    >>> cosine([2, 0], [-5, 0])
    -1.0
    """
    a = as_vector(a, "a")
    b = as_vector(b, "b", dim=a.shape[0], against="a")
    return float(np.clip(np.dot(unit_vector(a, "a"), unit_vector(b, "b")), -1.0, 1.0))


def angle(a, b, degrees=False):
    r"""The angle between two vectors, without using the dot product.

    .. math:: \varphi = 2\,\operatorname{atan2}\!\left(\|\hat{\mathbf{a}} - \hat{\mathbf{b}}\|,\;
              \|\hat{\mathbf{a}} + \hat{\mathbf{b}}\|\right) \in [0, \pi]

    The unit vectors $\hat{\mathbf{a}}, \hat{\mathbf{b}}$ and their sum and difference
    form a rhombus whose diagonals meet at right angles; half of $\varphi$ is the angle
    in one of its right triangles. This form (W. Kahan's) is accurate for every angle,
    while $\arccos(\cos\varphi)$ loses half the digits near 0 and $\pi$: for two vectors
    $10^{-8}$ rad apart it returns 0 or noise.

    Derived in Chapter 1, section "Alignment".

    Parameters
    ----------
    a : array_like of shape (d,)
        Not the zero vector.
    b : array_like of shape (d,)
        Not the zero vector, same length as ``a``.
    degrees : bool, default False
        Return degrees instead of radians (True or False; another value, even a truthy
        one such as ``"yes"``, is refused).

    Returns
    -------
    float
        $\varphi$ in $[0, \pi]$ (or $[0, 180]$ degrees).

    Raises
    ------
    ValueError
        If either vector is zero, not a non-empty 1-D vector of finite numbers, or the
        lengths differ.
    TypeError
        If either contains something other than real numbers, or ``degrees`` is not a
        bool.

    Examples
    --------
    >>> angle([1, 0], [0, 2], degrees=True)  # perpendicular
    90.0
    >>> angle([1, 0], [1, 1e-8])  # atan(1e-8) = 1e-8 (arccos would say 0.0)
    1e-08
    """
    a = as_vector(a, "a")
    b = as_vector(b, "b", dim=a.shape[0], against="a")
    degrees = as_bool(degrees, "degrees")
    u, v = unit_vector(a, "a"), unit_vector(b, "b")
    phi = 2.0 * math.atan2(norm(u - v), norm(u + v))
    return math.degrees(phi) if degrees else phi


def polar_angle(v):
    r"""The direction of a 2-D vector, measured anticlockwise from the $x_1$ axis.

    .. math:: \varphi = \operatorname{atan2}(v_2, v_1) \in (-\pi, \pi]

    Follows ``atan2``'s convention for the zero vector, which gets 0.0, and treats a
    negative zero component as zero, so that $(-1, -0)$ gets $\pi$ like $(-1, 0)$.

    Derived in Chapter 1, section "Vectors".

    Parameters
    ----------
    v : array_like of shape (2,)

    Returns
    -------
    float
        $\varphi$ in radians.

    Raises
    ------
    ValueError
        If ``v`` is not a 2-D vector of shape (2,) with finite components.
    TypeError
        If ``v`` contains something other than real numbers.

    Examples
    --------
    >>> polar_angle([0, 1])  # pi / 2
    1.5707963267948966
    >>> polar_angle([-1, 0])  # pi
    3.141592653589793
    """
    v = as_vector(v, "v", dim=2) + 0.0  # + 0.0 turns -0.0 into 0.0: no -pi for (-1, -0.0)
    return math.atan2(float(v[1]), float(v[0]))


def dot_geometric(a, b):
    r"""The geometric dot product: lengths times the cosine of the angle between.

    .. math:: \mathbf{a}\cdot\mathbf{b} = \|\mathbf{a}\|\,\|\mathbf{b}\|\cos\varphi

    with $\varphi$ from :func:`angle`, which does not use the dot product, so comparing
    with :func:`dot` checks that the two definitions agree. If either vector is zero the
    angle is undefined but the product is 0, which is returned.

    Derived in Chapter 1, section "The dot product".

    Parameters
    ----------
    a : array_like of shape (d,)
    b : array_like of shape (d,)
        Same length as ``a``.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If either is not a non-empty 1-D vector of finite numbers, or the lengths differ.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> round(dot_geometric([2, 0], [3, 3]), 12)  # 2 * sqrt(18) * cos(45 deg) = 6
    6.0
    """
    a = as_vector(a, "a")
    b = as_vector(b, "b", dim=a.shape[0], against="a")
    length_a, length_b = norm(a), norm(b)
    if length_a == 0.0 or length_b == 0.0:
        return 0.0
    return length_a * length_b * math.cos(angle(a, b))


def scalar_projection(a, onto):
    r"""The signed length of the shadow of ``a`` on the line through ``onto``.

    .. math:: \operatorname{comp}_{\mathbf{u}}\mathbf{a}
              = \frac{\mathbf{a}\cdot\mathbf{u}}{\|\mathbf{u}\|} = \mathbf{a}\cdot\hat{\mathbf{u}}

    Positive when ``a`` points the same way as ``onto`` (angle below 90 degrees).

    Derived in Chapter 1, section "Alignment".

    Parameters
    ----------
    a : array_like of shape (d,)
    onto : array_like of shape (d,)
        The direction $\mathbf{u}$; not the zero vector.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``onto`` is the zero vector, either is not a non-empty 1-D vector of finite
        numbers, or the lengths differ.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> scalar_projection([3, 4], [2, 0])  # (3*2 + 4*0) / 2
    3.0
    """
    a = as_vector(a, "a")
    onto = as_vector(onto, "onto", dim=a.shape[0], against="a")
    return dot(a, unit_vector(onto, "onto"))


def projection(a, onto):
    r"""The vector projection of ``a`` onto the direction of ``onto``.

    .. math:: \operatorname{proj}_{\mathbf{u}}\mathbf{a}
              = \frac{\mathbf{a}\cdot\mathbf{u}}{\mathbf{u}\cdot\mathbf{u}}\,\mathbf{u}
              = (\mathbf{a}\cdot\hat{\mathbf{u}})\,\hat{\mathbf{u}}

    The residual $\mathbf{a} - \operatorname{proj}_{\mathbf{u}}\mathbf{a}$ is
    perpendicular to $\mathbf{u}$.

    Derived in Chapter 1, section "Alignment".

    Parameters
    ----------
    a : array_like of shape (d,)
    onto : array_like of shape (d,)
        The direction $\mathbf{u}$; not the zero vector.

    Returns
    -------
    ndarray of shape (d,)

    Raises
    ------
    ValueError
        If ``onto`` is the zero vector, either is not a non-empty 1-D vector of finite
        numbers, or the lengths differ.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> projection([3, 4], [2, 0])  # (6 / 4) * (2, 0)
    array([3., 0.])
    """
    a = as_vector(a, "a")
    onto = as_vector(onto, "onto", dim=a.shape[0], against="a")
    direction = unit_vector(onto, "onto")
    return dot(a, direction) * direction
