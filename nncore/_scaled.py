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

__all__ = ["max_abs_scale", "unit_vector", "affine"]


def max_abs_scale(v):
    """The scale that keeps sums in range: a power of two at or above the largest ``|v_i|``.

    Dividing and multiplying by a power of two is exact in floating point, so the scaled
    computation gives the same result as the plain one whenever that one is representable
    (``dot([2, -1, 3], [4, 0, -2])`` is exactly 2.0), and a finite one where the plain
    products would overflow or underflow. Zero for the zero vector.
    """
    largest = float(np.max(np.abs(v)))
    if largest == 0.0:
        return 0.0
    return math.ldexp(1.0, math.frexp(largest)[1])


def unit_vector(v, name):
    """``v / ||v||`` for a validated vector, refusing the zero vector by ``name``."""
    scale = max_abs_scale(v)
    if scale == 0.0:
        raise ValueError(
            f"{name} must not be the zero vector (its direction is undefined); "
            f"got {v.tolist()}"
        )
    scaled = v / scale  # largest component in (1/2, 1]: no overflow, no underflow
    return scaled / math.sqrt(float(np.sum(scaled * scaled)))


def affine(X, w, b):
    """``X @ w + b`` for validated arrays, safe for huge ``w`` and ``b``.

    ``(w, b)`` and ``(w / s, b / s)`` describe the same hyperplane. With ``s`` a power of
    two near the largest of ``|w_i|`` and ``|b|``, dividing by ``s`` and multiplying back
    are exact, so this returns the same numbers as ``X @ w + b`` whenever those are
    representable, and +-inf (silently) instead of overflowing mid-way.
    """
    _, exponent = math.frexp(max(float(np.max(np.abs(w))), abs(b)))
    s = math.ldexp(1.0, exponent)
    with np.errstate(over="ignore"):
        return (X @ (w / s) + b / s) * s
