"""Tests of nncore.vectors: hand-worked cases, independent formulas, properties, extremes.

Every expected value is worked out by hand (the arithmetic is in the comment) or
computed by a different formula than the one in nncore.vectors: the law of cosines for
the dot product, per-vector ``np.arctan2`` angles for the angle in 2-D, explicit loops.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from nncore.vectors import (
    angle,
    cosine,
    dot,
    dot_geometric,
    norm,
    polar_angle,
    projection,
    scalar_projection,
    unit,
)

SQRT2 = math.sqrt(2.0)

# ---------------------------------------------------------------------------------------
# Strategies: vectors of moderate size, and pairs/triples of the same length
# ---------------------------------------------------------------------------------------

# Moderate numbers (0 or magnitude in [1e-100, 1e3]), so that the reference formulas
# written the naive way do not underflow; the extremes have their own tests below.
coordinate = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False).filter(
    lambda c: c == 0 or abs(c) >= 1e-100
)


@st.composite
def same_length(draw, count=2, min_dim=1, max_dim=6):
    d = draw(st.integers(min_dim, max_dim))
    return [draw(st.lists(coordinate, min_size=d, max_size=d)) for _ in range(count)]


@st.composite
def nonzero_same_length(draw, count=2, min_dim=1, max_dim=6):
    """Vectors whose largest component is at least 1e-3, so directions are well defined."""
    vectors = draw(same_length(count, min_dim, max_dim))
    for v in vectors:
        if max(abs(c) for c in v) < 1e-3:
            v[0] = 1.0
    return vectors


def euclid(v):
    """Reference length: the textbook formula with an explicit loop."""
    return math.sqrt(sum(c * c for c in v))


# ---------------------------------------------------------------------------------------
# Hand-worked values
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ([1, 2, 3], [4, 5, 6], 32.0),  # 4 + 10 + 18
        ([1.5, -2], [4, 0.5], 5.0),  # 6 - 1
        ([1, 0], [0, 1], 0.0),  # perpendicular axes
        ([2], [-3], -6.0),  # 1-D
        ([0, 0, 0], [1, 2, 3], 0.0),  # zero vector
    ],
)
def test_dot_hand_worked(a, b, expected):
    assert dot(a, b) == expected


@pytest.mark.parametrize(
    "a, expected",
    [
        ([3, 4], 5.0),  # sqrt(9 + 16)
        ([1, 2, 2], 3.0),  # sqrt(1 + 4 + 4)
        ([-5], 5.0),
        ([0, 0], 0.0),
        ([1, 1, 1, 1], 2.0),  # sqrt(4)
    ],
)
def test_norm_hand_worked(a, expected):
    assert norm(a) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    "a, expected",
    [
        ([3, 4], [0.6, 0.8]),  # (3, 4) / 5
        ([0, -2], [0.0, -1.0]),  # (0, -2) / 2
        ([1, 2, 2], [1 / 3, 2 / 3, 2 / 3]),  # / 3
    ],
)
def test_unit_hand_worked(a, expected):
    assert_allclose(unit(a), expected, rtol=1e-15)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ([1, 0], [1, 1], 1 / SQRT2),  # 1 / (1 * sqrt 2)
        ([1, 2], [2, 4], 1.0),  # same direction
        ([1, 2], [-2, 1], 0.0),  # -2 + 2 = 0
        ([3, 4], [-3, -4], -1.0),  # opposite
        ([1, 0, 0], [1, 1, 1], 1 / math.sqrt(3)),  # 1 / sqrt 3
    ],
)
def test_cosine_hand_worked(a, b, expected):
    assert cosine(a, b) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize(
    "a, b, expected_degrees",
    [
        ([1, 0], [0, 1], 90.0),
        ([1, 0], [-1, 0], 180.0),
        ([1, 0], [1, math.sqrt(3)], 60.0),  # tan 60 = sqrt 3
        ([1, 1], [1, 0], 45.0),
        ([2, 2, 0], [5, 5, 0], 0.0),  # parallel
        ([1, 0, 0], [0, 0, 7], 90.0),
    ],
)
def test_angle_hand_worked(a, b, expected_degrees):
    assert angle(a, b, degrees=True) == pytest.approx(expected_degrees, abs=1e-12)
    assert angle(a, b) == pytest.approx(math.radians(expected_degrees), abs=1e-14)


@pytest.mark.parametrize(
    "v, expected",
    [
        ([1, 0], 0.0),
        ([0, 1], math.pi / 2),
        ([-1, 0], math.pi),
        ([0, -1], -math.pi / 2),
        ([-1, -1], -3 * math.pi / 4),
        ([1, math.sqrt(3)], math.pi / 3),
        ([0, 0], 0.0),  # atan2's convention for the zero vector
        ([-1, -0.0], math.pi),  # a negative zero is zero: pi, not -pi
    ],
)
def test_polar_angle_hand_worked(v, expected):
    assert polar_angle(v) == pytest.approx(expected, abs=1e-15)


def test_dot_geometric_hand_worked():
    # ||(2,0)|| = 2, ||(3,3)|| = 3 sqrt 2, angle 45 deg: 2 * 3 sqrt2 * (1/sqrt2) = 6
    assert dot_geometric([2, 0], [3, 3]) == pytest.approx(6.0, rel=1e-14)
    # zero vector: no angle, but the product of lengths is 0
    assert dot_geometric([0, 0], [3, 3]) == 0.0


@pytest.mark.parametrize(
    "a, onto, expected",
    [
        ([3, 4], [2, 0], 3.0),  # (6 + 0) / 2
        ([3, 4], [1, 1], 7 / SQRT2),  # (3 + 4) / sqrt 2
        ([1, 0], [-1, 0], -1.0),  # pointing away
        ([0, 5], [3, 0], 0.0),  # perpendicular
    ],
)
def test_scalar_projection_hand_worked(a, onto, expected):
    assert scalar_projection(a, onto) == pytest.approx(expected, abs=1e-14)


@pytest.mark.parametrize(
    "a, onto, expected",
    [
        ([3, 4], [1, 1], [3.5, 3.5]),  # (7 / 2) * (1, 1)
        ([2, 3], [0, -5], [0.0, 3.0]),  # (-15 / 25) * (0, -5)
        ([1, 2, 3], [0, 0, 2], [0.0, 0.0, 3.0]),  # (6 / 4) * (0, 0, 2)
    ],
)
def test_projection_hand_worked(a, onto, expected):
    assert_allclose(projection(a, onto), expected, atol=1e-14)


def test_return_types_are_python_floats_and_arrays():
    assert type(dot([1], [2])) is float
    assert type(norm([1])) is float
    assert type(cosine([1], [2])) is float
    assert type(angle([1, 0], [0, 1])) is float
    assert isinstance(unit([1, 1]), np.ndarray) and unit([1, 1]).dtype == float
    assert isinstance(projection([1, 1], [1, 0]), np.ndarray)


def test_inputs_are_not_modified():
    a = np.array([3.0, 4.0])
    unit(a)
    projection(a, a)
    assert_allclose(a, [3.0, 4.0])


# ---------------------------------------------------------------------------------------
# Independent formulas
# ---------------------------------------------------------------------------------------


@given(same_length(2))
def test_dot_matches_explicit_loop(vectors):
    a, b = vectors
    expected = sum(a_i * b_i for a_i, b_i in zip(a, b))
    bound = sum(abs(a_i * b_i) for a_i, b_i in zip(a, b))
    assert abs(dot(a, b) - expected) <= 1e-12 * bound


@given(same_length(2))
def test_dot_matches_law_of_cosines(vectors):
    # ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b   =>   a.b = (||a||^2 + ||b||^2 - ||a - b||^2) / 2
    a, b = vectors
    diff = [a_i - b_i for a_i, b_i in zip(a, b)]
    expected = (euclid(a) ** 2 + euclid(b) ** 2 - euclid(diff) ** 2) / 2
    # cancellation in the law of cosines costs up to eps * (||a|| + ||b||)^2
    assert abs(dot(a, b) - expected) <= 1e-12 * (euclid(a) + euclid(b)) ** 2


@given(same_length(2))
def test_algebraic_and_geometric_dot_products_agree(vectors):
    a, b = vectors
    assert abs(dot(a, b) - dot_geometric(a, b)) <= 1e-12 * euclid(a) * euclid(b)


@given(nonzero_same_length(2, min_dim=2, max_dim=2))
def test_angle_in_2d_matches_difference_of_polar_angles(vectors):
    a, b = vectors
    diff = abs(np.arctan2(a[1], a[0]) - np.arctan2(b[1], b[0])) % (2 * np.pi)
    expected = min(diff, 2 * np.pi - diff)
    assert angle(a, b) == pytest.approx(expected, abs=1e-12)


@given(nonzero_same_length(1, min_dim=2, max_dim=2))
def test_polar_angle_matches_numpy_arctan2(vectors):
    (v,) = vectors
    phi = polar_angle(v)
    assert -math.pi <= phi <= math.pi  # -pi only by rounding, as for (-1, -1e-90)
    # the same direction as numpy's arctan2, modulo 2 pi (they differ at -0.0: -pi vs pi)
    difference = (phi - np.arctan2(v[1], v[0]) + math.pi) % (2 * math.pi) - math.pi
    assert abs(difference) <= 1e-15
    # and (cos phi, sin phi) points along v
    along = np.hypot(v[0], v[1]) * np.array([math.cos(phi), math.sin(phi)])
    assert_allclose(along, v, atol=1e-12 * max(map(abs, v)))


@given(nonzero_same_length(2))
def test_cos_of_angle_is_cosine(vectors):
    a, b = vectors
    assert math.cos(angle(a, b)) == pytest.approx(cosine(a, b), abs=1e-12)


@given(same_length(1))
def test_norm_matches_textbook_formula(vectors):
    (a,) = vectors
    assert norm(a) == pytest.approx(euclid(a), rel=1e-14, abs=1e-300)


# ---------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------


@given(same_length(2))
def test_dot_is_symmetric(vectors):
    a, b = vectors
    assert dot(a, b) == pytest.approx(dot(b, a), rel=1e-15, abs=1e-300)


@given(same_length(3), coordinate, coordinate)
def test_dot_is_bilinear(vectors, alpha, beta):
    a, c, b = vectors
    combined = [alpha * a_i + beta * c_i for a_i, c_i in zip(a, c)]
    expected = alpha * dot(a, b) + beta * dot(c, b)
    bound = (abs(alpha) * euclid(a) + abs(beta) * euclid(c)) * euclid(b)
    assert abs(dot(combined, b) - expected) <= 1e-12 * bound
    assert abs(dot(b, combined) - expected) <= 1e-12 * bound


@given(same_length(1), coordinate)
def test_norm_is_absolutely_homogeneous(vectors, c):
    (a,) = vectors
    scaled = [c * a_i for a_i in a]
    assert norm(scaled) == pytest.approx(abs(c) * norm(a), rel=1e-13, abs=1e-300)


@given(nonzero_same_length(2))
def test_cosine_is_bounded_and_angle_in_range(vectors):
    a, b = vectors
    assert -1.0 <= cosine(a, b) <= 1.0
    assert 0.0 <= angle(a, b) <= math.pi


@given(nonzero_same_length(1))
def test_unit_has_length_one_and_same_direction(vectors):
    (a,) = vectors
    u = unit(a)
    assert euclid(u) == pytest.approx(1.0, rel=1e-15)
    assert cosine(u, a) == pytest.approx(1.0, abs=1e-15)


@given(nonzero_same_length(2))
def test_projection_residual_is_orthogonal_to_direction(vectors):
    a, onto = vectors
    residual = np.asarray(a) - projection(a, onto)
    assert abs(float(np.dot(residual, onto))) <= 1e-12 * euclid(a) * euclid(onto)
    # and the projection's signed length is the scalar projection
    assert dot(projection(a, onto), unit(onto)) == pytest.approx(
        scalar_projection(a, onto), abs=1e-12 * euclid(a)
    )


# ---------------------------------------------------------------------------------------
# Extreme values: finite, accurate and silent (pytest turns any warning into an error)
# ---------------------------------------------------------------------------------------


def test_norm_does_not_overflow():
    # naive: 1e200**2 = 1e400 -> inf
    assert norm([1e200, 1e200]) == pytest.approx(SQRT2 * 1e200, rel=1e-15)
    assert norm([1e300, 1e300, 1e300]) == pytest.approx(math.sqrt(3) * 1e300, rel=1e-15)
    assert norm([3e307, 4e307]) == pytest.approx(5e307, rel=1e-15)


def test_norm_does_not_underflow():
    # naive: 1e-200**2 = 1e-400 -> 0
    assert norm([1e-200, 1e-200]) > 0
    assert norm([1e-200, 1e-200]) == pytest.approx(SQRT2 * 1e-200, rel=1e-15)
    assert norm([3e-310, 4e-310]) == pytest.approx(5e-310, rel=1e-6)  # subnormal numbers
    assert norm([5e-324]) == 5e-324  # the smallest positive float


def test_norm_with_mixed_magnitudes():
    # 1e-300 is negligible next to 1: the length is 1
    assert norm([1.0, 1e-300]) == 1.0
    assert norm([1e300, 1.0]) == 1e300


@pytest.mark.parametrize("s", [1e300, 1e-300, 5e-320, 1e-150, 1e150])
def test_angle_and_cosine_are_scale_free(s):
    # (s, 0) and (s, s) are 45 degrees apart whatever s is
    assert angle([s, 0], [s, s], degrees=True) == pytest.approx(45.0, rel=1e-13)
    assert cosine([s, 0], [s, s]) == pytest.approx(1 / SQRT2, rel=1e-13)
    assert_allclose(unit([s, s]), [1 / SQRT2, 1 / SQRT2], rtol=1e-15)
    assert scalar_projection([s, s], [1, 0]) == pytest.approx(s, rel=1e-15)


def test_angle_between_huge_and_tiny_vectors():
    assert angle([1e300, 0], [0, 1e-300]) == pytest.approx(math.pi / 2, rel=1e-15)
    assert cosine([1e300, 1e300], [-1e-300, -1e-300]) == pytest.approx(-1.0, rel=1e-15)


def test_angle_of_nearly_parallel_vectors_is_accurate():
    # the true angle is atan(1e-8) = 1e-8 - 1e-24 / 3
    theta = angle([1, 0], [1, 1e-8])
    assert theta == pytest.approx(1e-8, rel=1e-10)
    # ... where the textbook arccos(cos) has lost it: cos = 1 - 5e-17 rounds to 1
    assert np.arccos(cosine([1, 0], [1, 1e-8])) == 0.0
    # even smaller angles, and in 3-D
    assert angle([1, 1, 1], [1, 1, 1 + 3e-12]) == pytest.approx(
        math.sqrt(2 / 3) * 3e-12 / math.sqrt(3), rel=1e-3
    )  # |d(unit)| = |dv_perp| / |v| = (sqrt(2/3) * 3e-12) / sqrt 3


def test_angle_of_nearly_opposite_vectors_is_accurate():
    # pi - atan(1e-8), about pi - 1e-8, distinct from pi in double precision
    assert angle([1, 0], [-1, 1e-8]) == pytest.approx(math.pi - 1e-8, abs=1e-15)


def test_dot_of_huge_vectors_whose_result_is_representable():
    # 1e200 * 1e200 - 1e200 * 1e200 = 0, though each product overflows on its own
    assert dot([1e200, -1e200], [1e200, 1e200]) == 0.0
    # 1e300 * 1e-300 + 1e300 * 1e-300 = 2
    assert dot([1e300, 1e300], [1e-300, 1e-300]) == pytest.approx(2.0, rel=1e-15)
    assert dot([1e-200, 1e-200], [1e200, 2e200]) == pytest.approx(3.0, rel=1e-15)


def test_dot_beyond_the_float_range_is_silently_infinite():
    # the true value 2e400 is not a float: inf, without a RuntimeWarning
    assert dot([1e200, 1e200], [1e200, 1e200]) == math.inf
    assert dot([1e-200], [1e-200]) == 0.0  # 1e-400 underflows to 0


# ---------------------------------------------------------------------------------------
# Bad input: one table
# ---------------------------------------------------------------------------------------

nan, inf = float("nan"), float("inf")


@pytest.mark.parametrize(
    "func, args, error, match",
    [
        (dot, ([1, 2], [1, 2, 3]), ValueError, r"b must have shape \(2,\) to match a; got shape \(3,\)"),
        (dot, ([[1, 2]], [1, 2]), ValueError, r"a must be a 1-D vector .*got shape \(1, 2\)"),
        (dot, (1.0, [1.0]), ValueError, r"a must be a 1-D vector .*got shape \(\)"),
        (dot, ([], []), ValueError, r"a must have at least one element; got shape \(0,\)"),
        (dot, ([1, nan], [1, 2]), ValueError, r"a must contain only finite numbers; got nan at index 1"),
        (dot, ([1, 2], [inf, 2]), ValueError, r"b must contain only finite numbers; got inf at index 0"),
        (norm, (["a", "b"],), TypeError, r"a must contain real numbers; got dtype <U1"),
        (norm, ([1 + 2j],), TypeError, r"a must contain real numbers; got dtype complex"),
        (norm, (None,), TypeError, r"a must contain real numbers; got NoneType"),
        (norm, ([[1, 2], [3]],), ValueError, r"a must be a rectangular array"),
        (norm, ([-inf, 0],), ValueError, r"a must contain only finite numbers; got -inf"),
        (unit, ([0, 0],), ValueError, r"a must not be the zero vector"),
        (cosine, ([1, 0], [0, 0]), ValueError, r"b must not be the zero vector"),
        (cosine, ([1, 0], [1, 0, 0]), ValueError, r"b must have shape \(2,\) to match a; got shape \(3,\)"),
        (angle, ([0, 0], [1, 0]), ValueError, r"a must not be the zero vector"),
        (angle, ([1, 0], [nan, 0]), ValueError, r"b must contain only finite numbers; got nan"),
        (polar_angle, ([1, 2, 3],), ValueError, r"v must have shape \(2,\); got shape \(3,\)"),
        (polar_angle, ([[1, 2]],), ValueError, r"v must be a 1-D vector .*got shape \(1, 2\)"),
        (dot_geometric, ([1], [1, 2]), ValueError, r"b must have shape \(1,\) to match a"),
        (scalar_projection, ([1, 2], [0, 0]), ValueError, r"onto must not be the zero vector"),
        (projection, ([1, 2], [1, 2, 3]), ValueError, r"onto must have shape \(2,\) to match a; got shape \(3,\)"),
        (projection, ([1, 2], [0.0, 0.0]), ValueError, r"onto must not be the zero vector"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(func, args, error, match):
    with pytest.raises(error, match=match):
        func(*args)
