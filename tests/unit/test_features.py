"""nncore.features: the Playground's input features and regression problems.

Every expected value is computed here from the formulas (with ``math`` for the
hand-worked rows), never copied from the module's output.
"""

import json
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from nncore import activations, features
from nncore.features import FEATURE_LABELS, FEATURES, REGRESSION, make_features

# -- the features --------------------------------------------------------------------

NAMES = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)", "cos(x1)", "cos(x2)"]


def by_hand(x1, x2):
    """The nine features of one point, written out with the math module."""
    return [x1, x2, x1 * x1, x2 * x2, x1 * x2, math.sin(x1), math.sin(x2), math.cos(x1),
            math.cos(x2)]


def test_the_nine_features_in_the_playgrounds_order():
    assert list(FEATURES) == NAMES
    assert list(FEATURE_LABELS) == NAMES
    assert all(label.startswith("$") and label.endswith("$") for label in FEATURE_LABELS.values())


def test_make_features_matches_the_formulas_row_by_row():
    X = np.array([[2.0, 3.0], [-1.0, 0.5], [0.0, -4.25], [5.5, 5.5]])
    Phi = make_features(X, NAMES)
    assert Phi.shape == (4, 9) and Phi.dtype == float
    for row, (x1, x2) in zip(Phi, X):
        assert_allclose(row, by_hand(x1, x2), rtol=0, atol=1e-15)


def test_columns_follow_the_order_of_the_names():
    X = np.array([[2.0, 3.0], [-1.0, 0.5]])
    Phi = make_features(X, ["cos(x2)", "x1*x2", "x1"])
    assert_allclose(Phi, [[math.cos(3.0), 6.0, 2.0], [math.cos(0.5), -0.5, -1.0]])
    # a tuple of names and a list of lists for X work too
    assert_allclose(make_features([[1.0, 2.0]], ("x2^2",)), [[4.0]])


def test_one_hidden_unit_on_squares_draws_a_circle():
    """With x1^2 and x2^2, w = (1, 1), b = -r^2 is zero exactly on the circle of radius r."""
    r = 2.0
    angles = np.linspace(0, 2 * np.pi, 13)
    X = r * np.column_stack([np.cos(angles), np.sin(angles)])
    Phi = make_features(X, ["x1^2", "x2^2"])
    assert_allclose(Phi @ np.array([1.0, 1.0]) - r**2, 0.0, atol=1e-12)


@pytest.mark.parametrize("X, names, error, match", [
    ([[1.0, 2.0]], ["x3"], ValueError, r"unknown feature 'x3'.*'x1', 'x2', 'x1\^2'"),
    ([[1.0, 2.0]], ["x1", "X1"], ValueError, r"unknown feature 'X1'.*valid names"),
    ([[1.0, 2.0]], [], ValueError, r"at least one feature name.*Valid names"),
    ([[1.0, 2.0]], ["x1", "x2", "x1"], ValueError, r"must not repeat.*'x1' twice"),
    ([[1.0, 2.0]], "x1", TypeError, r"names must be a list of feature names.*'x1'"),
    ([[1.0, 2.0]], 3, TypeError, r"names must be a list"),
    ([[1.0, 2.0]], [1], ValueError, r"unknown feature 1"),
    ([1.0, 2.0], ["x1"], ValueError, r"X must be 2-D"),
    ([[1.0, 2.0, 3.0]], ["x1"], ValueError, r"X must have 2 features"),
    ([[1.0, np.nan]], ["x1"], ValueError, r"X must contain only finite numbers"),
])
def test_bad_input_is_refused_with_a_clear_message(X, names, error, match):
    with pytest.raises(error, match=match):
        make_features(X, names)


# -- the regression problems ---------------------------------------------------------

TARGETS = {
    "plane": lambda x1, x2: (x1 + x2) / 2,
    "gaussian_bump": lambda x1, x2: 2 * math.exp(-(x1 * x1 + x2 * x2) / (2 * 0.4**2)) - 1,
    "max_xy": lambda x1, x2: max(x1, x2),
    "argmax_xy": lambda x1, x2: 1.0 if x2 > x1 else -1.0,
}


def test_the_regression_menu():
    assert list(REGRESSION) == ["plane", "gaussian_bump", "max_xy", "argmax_xy"]
    assert features.BUMP_WIDTH == 0.4


@pytest.mark.parametrize("name", list(TARGETS))
def test_targets_follow_their_formula_on_the_square(name):
    X, t = REGRESSION[name](n=300, noise=0.0, seed=3)
    assert X.shape == (300, 2) and t.shape == (300,)
    assert X.min() >= -1.0 and X.max() <= 1.0
    # the points cover the square (uniform): every quadrant gets some
    assert len({(a > 0, b > 0) for a, b in X}) == 4
    expected = [TARGETS[name](x1, x2) for x1, x2 in X]
    assert_allclose(t, expected, rtol=0, atol=1e-12)
    assert t.min() >= -1.0 and t.max() <= 1.0


@pytest.mark.parametrize("name", list(TARGETS))
def test_noise_is_added_to_the_targets_only(name):
    """Same seed: the same points; the difference of the targets is N(0, noise^2)."""
    X0, t0 = REGRESSION[name](n=20000, noise=0.0, seed=5)
    X1, t1 = REGRESSION[name](n=20000, noise=0.3, seed=5)
    assert_array_equal(X0, X1)
    diff = t1 - t0
    assert abs(diff.mean()) < 0.01
    assert diff.std() == pytest.approx(0.3, rel=0.03)


@pytest.mark.parametrize("name", list(TARGETS))
def test_the_seed_decides_the_sample(name):
    a, b, c = (REGRESSION[name](n=50, noise=0.1, seed=s) for s in (1, 1, 2))
    assert_array_equal(a[0], b[0])
    assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])
    rng = np.random.default_rng(7)  # a Generator is used as is
    X, _ = REGRESSION[name](n=4, seed=rng)
    assert_array_equal(X, np.random.default_rng(7).uniform(-1, 1, size=(4, 2)))


def test_the_bump_peaks_in_the_middle():
    X, t = features.gaussian_bump(n=2000, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert t[np.argmin(r)] > 0.99 and t[np.argmax(r)] < -0.99
    # at one width from the centre: 2 exp(-1/2) - 1
    near = np.abs(r - 0.4) < 0.01
    assert_allclose(t[near], 2 * math.exp(-0.5) - 1, atol=0.06)


def test_max_is_two_relus():
    """max(a, b) = b + relu(a - b): what one hidden layer of two ReLUs can build."""
    X, t = features.max_xy(n=100, seed=1)
    assert_allclose(t, X[:, 1] + activations.relu(X[:, 0] - X[:, 1]))


def test_argmax_splits_the_square_along_the_diagonal():
    X, t = features.argmax_xy(n=500, seed=2)
    assert set(t.tolist()) == {-1.0, 1.0}
    assert_array_equal(t == 1.0, X[:, 1] > X[:, 0])


def test_outputs_are_plain_arrays_that_json_can_hold():
    X, t = features.plane(n=3, seed=0)
    json.dumps({"X": X.tolist(), "t": t.tolist()})


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(n=0), ValueError, r"n must be an int >= 1; got 0"),
    (dict(n=2.0), TypeError, r"n must be an int; got 2.0"),
    (dict(noise=-0.1), ValueError, r"noise must be a finite number >= 0; got -0.1"),
    (dict(noise="a"), TypeError, r"noise must be a real number"),
    (dict(seed=-1), ValueError, r"seed must be an int >= 0"),
    (dict(seed=1.5), TypeError, r"seed must be None, an int or a numpy Generator"),
])
@pytest.mark.parametrize("name", list(TARGETS))
def test_regression_arguments_are_checked(name, kwargs, error, match):
    with pytest.raises(error, match=match):
        REGRESSION[name](**kwargs)
