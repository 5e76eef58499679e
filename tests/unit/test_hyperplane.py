"""Tests of nncore.hyperplane against hand-worked cases, independent references and properties.

References that can disagree with the code under test: explicit Python loops, the 2-D
point-to-line distance with ``math.hypot``, a parametric (Liang-Barsky) clipping of the
line for ``line_in_box``, the signs of the box's corners, a brute-force search over
thresholds for ``fewest_errors``, and ``np.heaviside`` via ``activations.step``.
"""

import math
import time

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from nncore.activations import step
from nncore.hyperplane import (
    augment,
    augment_weights,
    closest_point,
    count_misclassified,
    decision_function,
    fewest_errors,
    halfspace,
    line_in_box,
    signed_distance,
    weighted_sum,
)

# Moderate numbers; extremes have their own tests.
number = st.floats(min_value=-100, max_value=100, allow_nan=False).filter(
    lambda c: c == 0 or abs(c) >= 1e-6
)
small_int = st.integers(min_value=-3, max_value=3)


@st.composite
def rule_and_points(draw, min_dim=1, max_dim=4, max_samples=8):
    """(X, w, b) with X of shape (n, d) and w of length d (w may be zero)."""
    d = draw(st.integers(min_dim, max_dim))
    n = draw(st.integers(1, max_samples))
    X = [draw(st.lists(number, min_size=d, max_size=d)) for _ in range(n)]
    w = draw(st.lists(number, min_size=d, max_size=d))
    return np.array(X), np.array(w), draw(number)


def nonzero(w):
    return max(abs(c) for c in w) >= 1e-3


# ---------------------------------------------------------------------------------------
# The score z = w.x + b
# ---------------------------------------------------------------------------------------


def test_decision_function_hand_worked():
    # (1, 2).(2, -1) + 0.5 = 2 - 2 + 0.5 = 0.5;  (3, -1).(2, -1) + 0.5 = 6 + 1 + 0.5 = 7.5
    assert_allclose(decision_function([[1, 2], [3, -1]], [2, -1], 0.5), [0.5, 7.5])
    # one point gives a float: (2, 1).(1, 1) - 3 = 0
    z = decision_function([2, 1], [1, 1], -3)
    assert type(z) is float and z == 0.0
    assert decision_function([[4.0]], [0.25]).shape == (1,)  # a batch of one stays a batch


def test_weighted_sum_hand_worked():
    # 1*4 + 2*5 + 3*6 - 10 = 22
    assert weighted_sum([1, 2, 3], [4, 5, 6], -10) == 22.0
    assert weighted_sum([0.5], [4]) == 2.0  # b defaults to 0


@given(rule_and_points())
def test_decision_function_matches_the_explicit_sum(rule):
    X, w, b = rule
    z = decision_function(X, w, b)
    for x_i, z_i in zip(X, z):
        expected = b + sum(w_j * x_j for w_j, x_j in zip(w, x_i))
        bound = abs(b) + sum(abs(w_j * x_j) for w_j, x_j in zip(w, x_i))
        assert abs(z_i - expected) <= 1e-13 * bound
        assert abs(weighted_sum(w, x_i, b) - expected) <= 1e-13 * bound


def test_augment_and_augment_weights_hand_worked():
    assert_array_equal(augment([[2, 3], [4, 5]]), [[1, 2, 3], [1, 4, 5]])
    assert_array_equal(augment([7]), [1, 7])
    assert_array_equal(augment_weights([2, -1], 0.5), [0.5, 2, -1])


@given(rule_and_points())
def test_augmented_dot_product_is_the_score(rule):
    # (1, x).(b, w) = b + w.x
    X, w, b = rule
    assert_allclose(
        augment(X) @ augment_weights(w, b),
        decision_function(X, w, b),
        rtol=1e-12,
        atol=1e-12 * (abs(b) + np.abs(X) @ np.abs(w)).max(),
    )


# ---------------------------------------------------------------------------------------
# The perceptron's decision
# ---------------------------------------------------------------------------------------


def test_halfspace_hand_worked():
    # z = 2 - 0, 0 - 2, 1 - 1 = 2, -2, 0; a point on the line counts as class 1
    assert_array_equal(halfspace([[2, 0], [0, 2], [1, 1]], [1, -1]), [1, 0, 1])
    assert halfspace([[2, 0], [0, 2], [1, 1]], [1, -1]).dtype.kind == "i"
    # with a bias: (1, 1).(1, 1) - 2.5 = -0.5 < 0
    result = halfspace([1, 1], [1, 1], -2.5)
    assert type(result) is int and result == 0


@given(rule_and_points())
def test_halfspace_is_step_of_decision_function(rule):
    X, w, b = rule
    assert_array_equal(halfspace(X, w, b), step(decision_function(X, w, b)))
    # and numpy's Heaviside of the plain score, away from rounding near the hyperplane
    z = X @ w + b
    clear = np.abs(z) > 1e-9 * (np.abs(X) @ np.abs(w) + abs(b))
    assert_array_equal(halfspace(X, w, b)[clear], np.heaviside(z, 1.0).astype(int)[clear])


# ---------------------------------------------------------------------------------------
# Distances and the hyperplane's position
# ---------------------------------------------------------------------------------------


def test_signed_distance_hand_worked():
    # w = (3, 4), ||w|| = 5, b = -5: (9 + 16 - 5)/5 = 4, (0 - 5)/5 = -1, (1.8 + 3.2 - 5)/5 = 0
    X = [[3, 4], [0, 0], [0.6, 0.8]]
    assert_allclose(signed_distance(X, [3, 4], -5), [4, -1, 0], atol=1e-15)
    # one point, vertical line x1 = 2 (w = (-2, 0), b = 4): (-2 * 5 + 4) / 2 = -3
    assert signed_distance([5, 7], [-2, 0], 4) == pytest.approx(-3.0)


@given(rule_and_points(min_dim=2, max_dim=2))
def test_signed_distance_matches_point_to_line_formula(rule):
    X, w, b = rule
    assume(nonzero(w))
    delta = signed_distance(X, w, b)
    for (x1, x2), d in zip(X, delta):
        expected = (w[0] * x1 + w[1] * x2 + b) / math.hypot(w[0], w[1])
        scale = (abs(w[0] * x1) + abs(w[1] * x2) + abs(b)) / math.hypot(w[0], w[1])
        assert abs(d - expected) <= 1e-12 * scale


@given(rule_and_points(), st.floats(min_value=1e-3, max_value=1e3))
def test_signed_distance_ignores_the_scale_of_w_and_b(rule, c):
    X, w, b = rule
    assume(nonzero(w))
    scale = np.abs(X).max() + abs(b) / np.linalg.norm(w)
    delta = signed_distance(X, w, b)
    assert_allclose(signed_distance(X, c * w, c * b), delta, atol=1e-12 * scale)
    assert_allclose(signed_distance(X, -c * w, -c * b), -delta, atol=1e-12 * scale)


def test_closest_point_hand_worked():
    # -b w / ||w||^2 = 10 / 25 * (3, 4) = (1.2, 1.6)
    assert_allclose(closest_point([3, 4], -10), [1.2, 1.6], rtol=1e-15)
    # -4 / 4 * (0, 2) = (0, -2)
    assert_allclose(closest_point([0, 2], 4), [0, -2], atol=1e-15)
    assert_array_equal(closest_point([1, 1, 1]), [0, 0, 0])  # through the origin


@given(rule_and_points())
def test_closest_point_lies_on_the_hyperplane_along_w(rule):
    _, w, b = rule
    assume(nonzero(w))
    x0 = closest_point(w, b)
    length = np.linalg.norm(w)
    # on the hyperplane
    assert abs(signed_distance(x0, w, b)) <= 1e-12 * (abs(b) / length + 1e-300)
    # at distance |b| / ||w|| from the origin, along w: x0 = t w for some t
    assert np.linalg.norm(x0) == pytest.approx(abs(b) / length, rel=1e-12, abs=1e-300)
    assert_allclose(x0 - (x0 @ w) / (w @ w) * w, 0, atol=1e-12 * np.linalg.norm(x0))


def test_distances_with_extreme_weights_are_finite_and_silent():
    # w = (1e300, 1e300): the line x1 + x2 = 0; (1, 1) is sqrt 2 away, (1, -1) on it
    delta = signed_distance([[1, 1], [1, -1]], [1e300, 1e300])
    assert_allclose(delta, [math.sqrt(2), 0], atol=1e-15)
    # w = (1e-300, 0), b = 1e-300: the line x1 = -1; (1, 0) is 2 away
    assert signed_distance([1, 0], [1e-300, 0], 1e-300) == pytest.approx(2.0)
    assert_allclose(closest_point([1e-300, 0], 1e-300), [-1, 0])
    assert_allclose(closest_point([1e300, 0], -2e300), [2, 0])
    # the score itself: 1e300 * 3 - 2e300 = 1e300, no overflow in between
    assert decision_function([3.0, 5.0], [1e300, 0], -2e300) == pytest.approx(1e300)
    assert_array_equal(halfspace([[3.0, 5.0], [1.0, 5.0]], [1e300, 0], -2e300), [1, 0])
    # a score beyond the float range is +inf, silently
    assert decision_function([1e300], [1e300]) == math.inf


# ---------------------------------------------------------------------------------------
# line_in_box
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "w, b, xlim, ylim, expected",
    [
        # x1 + x2 = 1: hits the left edge at (0, 1) and the bottom edge at (1, 0)
        ([1, 1], -1, (0, 2), (0, 2), [[0, 1], [1, 0]]),
        # vertical line x1 = 0.5
        ([1, 0], -0.5, (0, 1), (0, 1), [[0.5, 0], [0.5, 1]]),
        # horizontal line 2 x2 = 0.5, i.e. x2 = 0.25
        ([0, 2], -0.5, (0, 1), (0, 1), [[0, 0.25], [1, 0.25]]),
        # the diagonal x1 = x2 through two opposite corners
        ([1, -1], 0, (0, 1), (0, 1), [[0, 0], [1, 1]]),
        # x1 + x2 = 0 only touches the corner (0, 0)
        ([1, 1], 0, (0, 1), (0, 1), [[0, 0], [0, 0]]),
        # x2 = 1 runs along the top edge
        ([0, 1], -1, (0, 1), (0, 1), [[0, 1], [1, 1]]),
        # x1 + 2 x2 = 4 in [-1, 3]^2: x1 = -1 -> x2 = 2.5; x1 = 3 -> x2 = 0.5;
        # x2 = -1 -> x1 = 6 (outside); x2 = 3 -> x1 = -2 (outside)
        ([1, 2], -4, (-1, 3), (-1, 3), [[-1, 2.5], [3, 0.5]]),
        # the same line, w and b scaled by -1e300 and by 1e-300
        ([-1e300, -2e300], 4e300, (-1, 3), (-1, 3), [[-1, 2.5], [3, 0.5]]),
        ([1e-300, 2e-300], -4e-300, (-1, 3), (-1, 3), [[-1, 2.5], [3, 0.5]]),
        # steep line x1 = 1e-3 x2 + 0.5 (w = (1, -1e-3), b = -0.5) in [0,1]^2
        ([1, -1e-3], -0.5, (0, 1), (0, 1), [[0.5, 0], [0.501, 1]]),
    ],
)
def test_line_in_box_hand_worked(w, b, xlim, ylim, expected):
    assert_allclose(line_in_box(w, b, xlim, ylim), expected, rtol=1e-14, atol=1e-14)


@pytest.mark.parametrize(
    "w, b",
    [
        ([0, 0], 0),  # w = 0: no line (every point scores b)
        ([0, 0], 1),
        ([1, 1], -3),  # x1 + x2 = 3 passes above [0, 1]^2
        ([1, 0], 0.5),  # x1 = -0.5, left of the box
        ([0, 1], -1.5),  # x2 = 1.5, above the box
        ([1e-300, 0], -1),  # x1 = 1e300
    ],
)
def test_line_in_box_returns_none_when_there_is_no_segment(w, b):
    assert line_in_box(w, b, (0, 1), (0, 1)) is None


def reference_chord(w, b, xlim, ylim):
    """Liang-Barsky: clip p(t) = p0 + t d, with p0 the foot of the perpendicular and
    d = (-w2, w1), to the box; return the end points, or None."""
    w = np.asarray(w, float)
    p0 = -b * w / (w @ w)
    d = np.array([-w[1], w[0]])
    t_low, t_high = -np.inf, np.inf
    for axis, (low, high) in enumerate((xlim, ylim)):
        if d[axis] == 0:
            if not low <= p0[axis] <= high:
                return None
            continue
        t1, t2 = sorted([(low - p0[axis]) / d[axis], (high - p0[axis]) / d[axis]])
        t_low, t_high = max(t_low, t1), min(t_high, t2)
    if t_low > t_high:
        return None
    return sorted([tuple(p0 + t_low * d), tuple(p0 + t_high * d)])


@st.composite
def line_and_box(draw):
    w = [draw(number), draw(number)]
    assume(nonzero(w))
    x0, y0 = draw(number), draw(number)
    width = draw(st.floats(min_value=1e-2, max_value=100))
    height = draw(st.floats(min_value=1e-2, max_value=100))
    return w, draw(number), (x0, x0 + width), (y0, y0 + height)


@given(line_and_box())
def test_line_in_box_end_points_are_on_the_line_and_the_boundary(case):
    w, b, xlim, ylim = case
    ends = line_in_box(w, b, xlim, ylim)
    if ends is None:
        return
    assert ends.shape == (2, 2)
    for x1, x2 in ends:
        residual = w[0] * x1 + w[1] * x2 + b
        assert abs(residual) <= 1e-9 * (abs(w[0] * x1) + abs(w[1] * x2) + abs(b))
        assert xlim[0] <= x1 <= xlim[1] and ylim[0] <= x2 <= ylim[1]
        assert x1 in xlim or x2 in ylim  # on an edge, exactly
    assert tuple(ends[0]) <= tuple(ends[1])  # sorted by x1, then x2


@given(line_and_box())
def test_line_in_box_exists_exactly_when_the_corners_are_on_both_sides(case):
    w, b, xlim, ylim = case
    corners = np.array([[x, y] for x in xlim for y in ylim])
    z = corners @ np.array(w) + b
    scale = (np.abs(corners) @ np.abs(w) + abs(b)).max()
    if np.all(z > 1e-9 * scale) or np.all(z < -1e-9 * scale):
        assert line_in_box(w, b, xlim, ylim) is None
    elif z.min() < -1e-9 * scale and z.max() > 1e-9 * scale:
        assert line_in_box(w, b, xlim, ylim) is not None


@given(line_and_box())
def test_line_in_box_matches_parametric_clipping(case):
    w, b, xlim, ylim = case
    expected = reference_chord(w, b, xlim, ylim)
    assume(expected is not None)
    chord = math.dist(*expected)
    assume(chord > 1e-6 * (max(map(abs, xlim + ylim)) + 1))  # not a near-touch of a corner
    size = max(map(abs, xlim + ylim)) + abs(b) / math.hypot(*w)
    assert_allclose(line_in_box(w, b, xlim, ylim), expected, atol=1e-9 * size)


# ---------------------------------------------------------------------------------------
# Counting mistakes and the best line
# ---------------------------------------------------------------------------------------


def test_count_misclassified_hand_worked():
    # z = 2, -2, 0 -> predictions 1, 0, 1; labels 1, 1, 0 -> wrong at the 2nd and 3rd
    assert count_misclassified([[2, 0], [0, 2], [1, 1]], [1, 1, 0], [1, -1]) == 2
    # shift the line by b = -1: z = 1, -3, -1 -> 1, 0, 0: only the 2nd is wrong
    assert count_misclassified([[2, 0], [0, 2], [1, 1]], [1, 1, 0], [1, -1], -1) == 1
    assert type(count_misclassified([[0.0]], [1], [1.0])) is int


@given(rule_and_points(), st.data())
def test_count_misclassified_matches_a_loop(rule, data):
    X, w, b = rule
    y = data.draw(st.lists(st.integers(0, 1), min_size=len(X), max_size=len(X)))
    wrong = 0
    for x_i, y_i in zip(X, y):
        prediction = 1 if weighted_sum(w, x_i, b) >= 0 else 0
        wrong += prediction != y_i
    # agree unless a point sits within rounding of the hyperplane
    z = X @ w + b
    if np.all(np.abs(z) > 1e-9 * (np.abs(X) @ np.abs(w) + abs(b) + 1e-300)):
        assert count_misclassified(X, y, w, b) == wrong


CORNERS = [[0, 0], [0, 1], [1, 0], [1, 1]]


@pytest.mark.parametrize(
    "y, expected",
    [
        ([0, 0, 0, 1], 0),  # AND
        ([0, 1, 1, 1], 0),  # OR
        ([1, 1, 1, 0], 0),  # NAND
        ([0, 0, 0, 0], 0),  # one class: put the line beyond every point
        ([1, 1, 1, 1], 0),
        ([0, 1, 1, 0], 1),  # XOR: any line gets at least one corner wrong
        ([1, 0, 0, 1], 1),  # XNOR
    ],
)
def test_fewest_errors_on_the_corners_of_the_square(y, expected):
    errors, w, b = fewest_errors(CORNERS, y)
    assert errors == expected
    assert count_misclassified(CORNERS, y, w, b) == errors
    assert np.linalg.norm(w) == pytest.approx(1.0)
    assert type(errors) is int and type(b) is float and w.shape == (2,)


def brute_force_fewest_errors(X, y, n_directions):
    """Every direction, every threshold t in {each projection, beyond the largest}.

    The projections are ``decision_function(X, w)``, the very scores that
    ``count_misclassified`` compares with 0. Near-ties differ by ~1e-16, and another
    rounding (such as Python's ``w1*x1 + w2*x2``) can order them differently: that would
    be a different error count E from the one ``fewest_errors`` minimises.
    """
    best = len(y)
    for k in range(n_directions):
        theta = 2 * math.pi * k / n_directions
        w = (math.cos(theta), math.sin(theta))
        p = decision_function(X, w).tolist()
        for t in p + [max(p) + 1]:
            wrong = sum((1 if p_i >= t else 0) != y_i for p_i, y_i in zip(p, y))
            best = min(best, wrong)
    return best


@st.composite
def labelled_points(draw, max_samples=9):
    n = draw(st.integers(1, max_samples))
    X = [[draw(small_int), draw(small_int)] for _ in range(n)]  # small ints: many ties
    y = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    return X, y


@given(labelled_points(), st.sampled_from([1, 3, 4, 8, 12]))
# Six points at the origin (three of each class: 3 errors whatever the line) and
# A = (1, 3) class 0, B = (-1, 1) class 1, C = (-2, 1) class 0. Exactly at 315 degrees A
# and B tie, but the float w_7 = (0.7071067811865474, -0.7071067811865477) is a hair
# below it: p_C = -2.12 < p_A = -1.4142135623730958 < p_B = -1.414213562373095, so a
# line between A and B (origin on B's side) gets A, B, C right: 3 errors. The library
# once chose the split from X @ W.T but scored it with X @ w, which rounds p_A to
# -1.4142135623730954, exactly the halfway threshold: A landed on the line, counted as 1,
# and it reported 4.
@example(
    data=(
        [[1, 3], [0, 0], [0, 0], [0, 0], [0, 0], [-1, 1], [0, 0], [0, 0], [-2, 1]],
        [0, 0, 0, 0, 1, 1, 1, 1, 0],
    ),
    n_directions=8,
)
# At w_5 = (-0.7071067811865477, -0.7071067811865475) the exact projections are -0.71 for
# (0, 1) (class 0) < -6.7e-16 for (3, -3) (class 0) < -4.4e-16 for (2, -2) (class 1) < 0
# at the origin (classes 0, 1, 1): a threshold between (3, -3) and (2, -2) errs once.
# Python's 3 * w1 + (-3) * w2 rounds to -4.4e-16, a false tie that made the old brute
# force say 2; decision_function gives -6.7e-16 here, and the two sides must agree.
@example(
    data=([[2, -2], [0, 0], [3, -3], [0, 0], [0, 0], [0, 1]], [1, 0, 0, 1, 1, 0]),
    n_directions=8,
)
def test_fewest_errors_matches_brute_force(data, n_directions):
    X, y = data
    errors, w, b = fewest_errors(X, y, n_directions=n_directions)
    assert errors == brute_force_fewest_errors(X, y, n_directions)
    assert count_misclassified(X, y, w, b) == errors
    # w is one of the directions tried: angle 2 pi k / K for a whole number k
    k = (math.atan2(w[1], w[0]) % (2 * math.pi)) * n_directions / (2 * math.pi)
    assert abs(k - round(k)) < 1e-9
    assert np.linalg.norm(w) == pytest.approx(1.0, rel=1e-15)


def test_fewest_errors_with_duplicate_points_of_both_classes():
    # the same point labelled 0 and 1 cannot be separated: at least one error
    errors, w, b = fewest_errors([[1, 1], [1, 1], [5, 5]], [0, 1, 1])
    assert errors == 1
    assert count_misclassified([[1, 1], [1, 1], [5, 5]], [0, 1, 1], w, b) == 1


def test_fewest_errors_separates_two_clusters():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal((-3, 0), 0.5, (50, 2)), rng.normal((3, 0), 0.5, (50, 2))])
    y = np.repeat([0, 1], 50)
    errors, w, b = fewest_errors(X, y)
    assert errors == 0
    assert_array_equal(halfspace(X, w, b), y)


def test_fewest_errors_is_fast():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(200, 2)), rng.integers(0, 2, size=200)
    fewest_errors(X, y)  # warm up
    best = min(_timed(fewest_errors, X, y, 720) for _ in range(5))
    assert best < 0.1, f"fewest_errors took {best:.3f} s for n=200, 720 directions"


def _timed(func, *args):
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------
# Bad input: one table
# ---------------------------------------------------------------------------------------

nan, inf = float("nan"), float("inf")


@pytest.mark.parametrize(
    "func, args, error, match",
    [
        (decision_function, ([[1, 2, 3]], [1, 2]), ValueError, r"X must have 2 features, shape \(n_samples, 2\) to match w; got shape \(1, 3\)"),
        (decision_function, ([1, 2, 3], [1, 2]), ValueError, r"X must have shape \(2,\) to match w; got shape \(3,\)"),
        (decision_function, (np.zeros((2, 2, 2)), [1, 2]), ValueError, r"X must be 1-D \(n_features,\) or 2-D \(n_samples, n_features\); got shape \(2, 2, 2\)"),
        (decision_function, ([[1, 2]], [[1, 2]]), ValueError, r"w must be a 1-D vector .*got shape \(1, 2\)"),
        (decision_function, ([[1, 2]], [1, 2], [0.5]), ValueError, r"b must be a scalar \(a real number\); got shape \(1,\)"),
        (decision_function, ([[1, 2]], [1, 2], nan), ValueError, r"b must contain only finite numbers; got nan"),
        (decision_function, ([[1, inf]], [1, 2]), ValueError, r"X must contain only finite numbers; got inf at index \(0, 1\)"),
        (decision_function, ([["a", "b"]], [1, 2]), TypeError, r"X must contain real numbers"),
        (decision_function, ([[1, 2]], [1, 2], "0"), TypeError, r"b must contain real numbers"),
        (weighted_sum, ([1, 2], [1, 2, 3]), ValueError, r"x must have shape \(2,\) to match w; got shape \(3,\)"),
        (augment, (np.zeros((0, 2)),), ValueError, r"X must have at least one sample and one feature; got shape \(0, 2\)"),
        (augment_weights, ([1, 2], None), TypeError, r"b must contain real numbers; got NoneType"),
        (halfspace, ([[1, 2]], [1, 2, 3]), ValueError, r"X must have 3 features, shape \(n_samples, 3\) to match w; got shape \(1, 2\)"),
        (count_misclassified, ([[1, 2]], [1], [1, 2, 3]), ValueError, r"X must have 3 features, shape \(n_samples, 3\) to match w"),
        (signed_distance, ([[1, 2]], [0, 0]), ValueError, r"w must not be the zero vector"),
        (closest_point, ([0.0, 0.0], 1), ValueError, r"w must not be the zero vector"),
        (line_in_box, ([1, 2, 3], 0, (0, 1), (0, 1)), ValueError, r"w must have shape \(2,\); got shape \(3,\)"),
        (line_in_box, ([1, 2], 0, (1, 0), (0, 1)), ValueError, r"xlim must be increasing, \(min, max\) with min < max; got \(1.0, 0.0\)"),
        (line_in_box, ([1, 2], 0, (0, 1), (0, 1, 2)), ValueError, r"ylim must be a pair \(min, max\); got shape \(3,\)"),
        (line_in_box, ([1, 2], 0, (0, inf), (0, 1)), ValueError, r"xlim must contain only finite numbers; got inf"),
        (line_in_box, ([1, nan], 0, (0, 1), (0, 1)), ValueError, r"w must contain only finite numbers; got nan"),
        (count_misclassified, ([[1, 2], [3, 4]], [0, 1, 1], [1, 1]), ValueError, r"y must have one label per sample, shape \(2,\); got shape \(3,\)"),
        (count_misclassified, ([[1, 2], [3, 4]], [0, 2], [1, 1]), ValueError, r"y must contain labels in \{0, 1\}; got 2 at index 1"),
        (count_misclassified, ([1, 2], [0, 1], [1, 1]), ValueError, r"X must be 2-D \(n_samples, n_features\); got shape \(2,\)"),
        (count_misclassified, ([[1, 2]], [[1]], [1, 1]), ValueError, r"y must be 1-D \(n_samples,\); got shape \(1, 1\)"),
        (fewest_errors, ([[1, 2, 3]], [1]), ValueError, r"X must have 2 features, shape \(n_samples, 2\); got shape \(1, 3\)"),
        (fewest_errors, ([[1, 2]], [0.5]), ValueError, r"y must contain labels in \{0, 1\}; got 0.5 at index 0"),
        (fewest_errors, ([[1, 2]], [1], 0), ValueError, r"n_directions must be an int >= 1; got 0"),
        (fewest_errors, ([[1, 2]], [1], 10.0), TypeError, r"n_directions must be an int; got 10.0 of type float"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(func, args, error, match):
    with pytest.raises(error, match=match):
        func(*args)
