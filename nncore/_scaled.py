"""Arithmetic that stays in range: exact power-of-two scalings.

Multiplying or dividing by a power of two is exact in floating point, so a computation
done on a copy scaled by one gives the same numbers as the plain one whenever those are
representable, and finite ones where the plain products would overflow or underflow (in
the spirit of LAPACK's ``dnrm2``). The maths modules share these helpers; readers meet
their results in :func:`nncore.vectors.norm`, :func:`nncore.hyperplane.decision_function`
and the perceptron.
"""

import math

import numpy as np

__all__ = ["max_abs_scale", "unit_vector", "affine", "scaled_mean"]

#: The exponent of the largest power of two a float holds: 2**1023 (about 9e307).
_TOP_EXPONENT = 1023


def _power_of_two_above(largest):
    """The power of two ``2**e`` with ``largest`` in ``[2**(e-1), 2**e)``, for a finite
    ``largest > 0``; for ``largest >= 2**1023``, where ``2**1024`` is no float,
    ``2**1023`` itself (``largest / 2**1023`` is then in ``[1, 2)``)."""
    return math.ldexp(1.0, min(math.frexp(largest)[1], _TOP_EXPONENT))


def max_abs_scale(v):
    """The scale that keeps sums in range: a power of two near the largest ``|v_i|``.

    Dividing and multiplying by a power of two is exact in floating point, so the scaled
    computation gives the same result as the plain one whenever that one is representable
    (``dot([2, -1, 3], [4, 0, -2])`` is exactly 2.0), and a finite one where the plain
    products would overflow or underflow. The scale is at or above every ``|v_i|``,
    except for components of ``2**1023`` and more (up to the largest float, about
    1.8e308), which the largest float power of two, ``2**1023``, brings below 2. Zero
    for the zero vector.
    """
    largest = float(np.max(np.abs(v)))
    if largest == 0.0:
        return 0.0
    return _power_of_two_above(largest)


def unit_vector(v, name):
    """``v / ||v||`` for a validated vector, refusing the zero vector by ``name``."""
    scale = max_abs_scale(v)
    if scale == 0.0:
        raise ValueError(
            f"{name} must not be the zero vector (its direction is undefined); "
            f"got {v.tolist()}"
        )
    scaled = v / scale  # largest component in [1/2, 2): no overflow, no underflow
    return scaled / math.sqrt(float(np.sum(scaled * scaled)))


def affine(X, w, b):
    """``X @ w + b`` for validated arrays, safe for huge ``w`` and ``b``.

    ``(w, b)`` and ``(w / s, b / s)`` describe the same hyperplane. With ``s`` a power of
    two near the largest of ``|w_i|`` and ``|b|``, dividing by ``s`` and multiplying back
    are exact, so this returns the same numbers as ``X @ w + b`` whenever those are
    representable, and +-inf (silently) instead of overflowing mid-way.
    """
    s = _power_of_two_above(max(float(np.max(np.abs(w))), abs(b)))
    with np.errstate(over="ignore"):
        return (X @ (w / s) + b / s) * s


def scaled_mean(v):
    """The mean of the numbers ``v`` (any shape, not empty), finite whenever they are,
    though their sum may overflow: ``mean(v / s) * s`` with ``s`` a power of two near
    the largest ``|v_i|`` (exact scalings, so the same number as ``np.mean(v)`` whenever
    that sum stays in range). An infinity in ``v`` gives an infinite mean, silently.

    >>> scaled_mean(np.array([1e308, 1e308]))
    1e+308
    """
    s = max_abs_scale(v)
    if s == 0.0:
        return 0.0
    with np.errstate(over="ignore"):
        return float(np.mean(v / s)) * s
