"""Tests of nncore.activations.step (the only activation chapter 1 needs).

The reference is numpy's own ``np.heaviside(z, 1.0)`` (H(0) = 1) and hand-worked cases.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_array_equal

from nncore.activations import step


@pytest.mark.parametrize(
    "z, expected",
    [
        ([-2.0, -0.0, 0.0, 3.5], [0, 1, 1, 1]),  # H(0) = H(-0) = 1
        ([[-1, 1], [0, -3]], [[0, 1], [1, 0]]),  # shape kept
        ([-1e-300, 5e-324], [0, 1]),  # tiny scores still have a side
        ([-1e300, 1e300], [0, 1]),
        ([-np.inf, np.inf], [0, 1]),  # an overflowed score keeps its sign
        ([True, False], [1, 1]),  # booleans are 1 and 0, both >= 0
    ],
)
def test_step_hand_worked(z, expected):
    h = step(z)
    assert_array_equal(h, expected)
    assert h.dtype.kind == "i" and h.shape == np.shape(expected)


@pytest.mark.parametrize("z, expected", [(0.0, 1), (-0.5, 0), (2, 1), (np.float64(-3.0), 0)])
def test_step_of_a_scalar_is_an_int(z, expected):
    h = step(z)
    assert type(h) is int and h == expected


scores = hnp.arrays(
    np.float64, hnp.array_shapes(min_dims=0, max_dims=3), elements=st.floats(allow_nan=False)
)


@given(scores)
def test_step_matches_numpy_heaviside(z):
    assert_array_equal(step(z), np.heaviside(z, 1.0).astype(int))


def test_step_does_not_modify_its_input():
    z = np.array([-1.0, 2.0])
    step(z)
    assert_array_equal(z, [-1.0, 2.0])


@pytest.mark.parametrize(
    "z, error, match",
    [
        ([0.0, float("nan")], ValueError, r"z must contain no NaN; got nan at index 1"),
        (float("nan"), ValueError, r"z must contain no NaN; got nan"),
        (["a"], TypeError, r"z must contain real numbers; got dtype <U1"),
        (None, TypeError, r"z must contain real numbers; got NoneType"),
        ([1 + 1j], TypeError, r"z must contain real numbers; got dtype complex128"),
        ([[1, 2], [3]], ValueError, r"z must be a rectangular array of real numbers"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(z, error, match):
    with pytest.raises(error, match=match):
        step(z)
