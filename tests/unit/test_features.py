"""nncore.features: the Playground's input features and regression problems.

Every expected value is computed here from the formulas (with ``math`` for the
hand-worked rows), never copied from the module's output.
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from nncore.features import FEATURE_LABELS, FEATURES, check_names, make_features

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


def test_check_names_returns_the_names_in_order_and_refuses_what_make_features_refuses():
    assert check_names(["cos(x2)", "x1"]) == ("cos(x2)", "x1")
    for bad, error in [([], ValueError), (["x3"], ValueError), (["x1", "x1"], ValueError),
                       ("x1", TypeError)]:
        with pytest.raises(error, match="names"):
            check_names(bad)
        with pytest.raises(error, match="names"):
            make_features(np.zeros((1, 2)), bad)


# -- the code of each feature, and TensorFlow Playground's seven ------------------------


def test_feature_code_computes_each_feature():
    from nncore.features import FEATURE_CODE, PLAYGROUND_FEATURES

    X = np.array([[2.0, 3.0], [-1.0, 0.5], [0.0, -4.25]])
    x1, x2 = X[:, 0], X[:, 1]
    assert list(FEATURE_CODE) == NAMES
    for j, name in enumerate(NAMES):
        assert_allclose(eval(FEATURE_CODE[name], {"np": np, "x1": x1, "x2": x2}),  # noqa: S307
                        make_features(X, [name])[:, 0], rtol=0, atol=0)
    assert PLAYGROUND_FEATURES == tuple(NAMES[:7])  # no cosines in TensorFlow Playground
