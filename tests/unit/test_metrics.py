"""Tests of nncore.metrics: accuracy and the confusion matrix against hand-counted cases
and against scikit-learn's ``accuracy_score`` and ``confusion_matrix``."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

from nncore.metrics import accuracy, confusion_matrix


def test_accuracy_by_hand():
    assert accuracy([0, 1, 2, 2], [0, 1, 1, 2]) == 0.75
    assert accuracy([1], [1]) == 1.0
    assert accuracy(np.array([True, False]), np.array([False, False])) == 0.5


def test_confusion_matrix_by_hand():
    # true 0 -> predicted 0 twice, true 1 -> predicted 0 once and 1 once, true 2 -> 2
    C = confusion_matrix([0, 0, 1, 1, 2], [0, 0, 0, 1, 2])
    assert_array_equal(C, [[2, 0, 0], [1, 1, 0], [0, 0, 1]])
    assert C.dtype.kind == "i"
    assert_array_equal(confusion_matrix([0, 1], [0, 1], n_classes=4)[2:], np.zeros((2, 4)))


@given(st.data())
def test_confusion_matrix_and_accuracy_match_sklearn(data):
    sk = pytest.importorskip("sklearn.metrics")
    k = data.draw(st.integers(2, 6))  # sklearn warns about a single label even with labels=
    n = data.draw(st.integers(1, 40))
    labels = st.lists(st.integers(0, k - 1), min_size=n, max_size=n)
    y_true, y_pred = np.array(data.draw(labels)), np.array(data.draw(labels))
    C = confusion_matrix(y_true, y_pred, n_classes=k)
    assert_array_equal(C, sk.confusion_matrix(y_true, y_pred, labels=list(range(k))))
    assert accuracy(y_true, y_pred) == pytest.approx(sk.accuracy_score(y_true, y_pred))
    assert np.trace(C) / n == pytest.approx(accuracy(y_true, y_pred))
    assert_array_equal(C.sum(axis=1), np.bincount(y_true, minlength=k))


@pytest.mark.parametrize(
    "args, error, match",
    [
        (([0, 1], [0]), ValueError, r"same shape"),
        (([0.0, 1.0], [0, 1]), TypeError, r"y_true must be integer class labels"),
        (([0, 1], ["a", "b"]), TypeError, r"y_pred must be integer class labels"),
        (([[0, 1]], [[0, 1]]), ValueError, r"1-D"),
        (([], []), ValueError, r"at least one label"),
        (([0, -1], [0, 1]), ValueError, r"got -1 at index 1"),
    ],
)
@pytest.mark.parametrize("func", [accuracy, confusion_matrix])
def test_bad_input(func, args, error, match):
    with pytest.raises(error, match=match):
        func(*args)


def test_confusion_matrix_labels_beyond_n_classes():
    with pytest.raises(ValueError, match=r"y_pred must be class labels in \[0, 1\] for n_classes=2; got 2 at index 1"):
        confusion_matrix([0, 1], [0, 2], n_classes=2)
    with pytest.raises(TypeError, match="n_classes must be an int"):
        confusion_matrix([0, 1], [0, 1], n_classes=2.0)
