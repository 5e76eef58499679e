"""Tests of nncore.gradcheck.gradient_cost: the structure of what it returns, the number
of loss evaluations a central-difference gradient makes (exactly 2d, counted by a wrapper
around the loss), and that the two gradients it compares are right. Timings are never
asserted: they depend on the machine."""

import numpy as np
import pytest

from nncore.autodiff import Value
from nncore.gradcheck import gradient_cost

KEYS = {"d", "loss", "reverse", "central", "central_calls", "relative_error"}


def sum_of_squares(params):
    """L = sum_i theta_i^2, whose gradient is 2 theta (by hand)."""
    total = Value(0.0)
    for p in params:
        total = total + p * p
    return total


class Counting:
    """A loss that counts its calls and remembers the size of each call's params."""

    def __init__(self, f):
        self.f, self.calls, self.sizes = f, 0, []

    def __call__(self, params):
        self.calls += 1
        self.sizes.append(len(params))
        return self.f(params)


def test_structure():
    ds = [1, 3, 7]
    cost = gradient_cost(ds, n_repeats=2, seed=1)
    assert set(cost) == KEYS
    for key in KEYS:
        assert cost[key].shape == (3,), key
    assert cost["d"].tolist() == ds
    assert cost["d"].dtype.kind == "i" and cost["central_calls"].dtype.kind == "i"
    for key in ("loss", "reverse", "central"):
        assert np.all(np.isfinite(cost[key])) and np.all(cost[key] > 0), key


@pytest.mark.parametrize("ds", [[1], [2, 5], [4, 1, 16]])
def test_central_differences_call_the_loss_2d_times(ds):
    cost = gradient_cost(ds, loss=Counting(sum_of_squares), n_repeats=1)
    assert cost["central_calls"].tolist() == [2 * d for d in ds]


@pytest.mark.parametrize("n_repeats", [1, 3])
def test_every_call_of_the_loss_is_accounted_for(n_repeats):
    # Per d: one check run of each gradient (2d + 1 calls), then n_repeats timed runs of
    # a loss evaluation (1 call), reverse mode (1 call) and central differences (2d calls).
    ds = [2, 5]
    counting = Counting(sum_of_squares)
    gradient_cost(ds, loss=counting, n_repeats=n_repeats, min_time=0)
    expected = sum((2 * d + 1) + n_repeats * (1 + 1 + 2 * d) for d in ds)
    assert counting.calls == expected
    assert set(counting.sizes) == set(ds)


def test_min_time_batches_many_calls():
    # With a minimum batch time, the short loss evaluation is repeated within a batch:
    # more calls than the n_repeats * (1 + 1 + 2d) of single-call batches.
    counting = Counting(sum_of_squares)
    gradient_cost([1], loss=counting, n_repeats=1, min_time=0.002)
    assert counting.calls > (2 + 1) + (1 + 1 + 2)


def test_reverse_mode_is_checked_against_central_differences():
    cost = gradient_cost([1, 2, 8, 20], n_repeats=1, seed=3)
    assert np.all(cost["relative_error"] < 1e-7)


def test_a_wrong_gradient_shows_in_the_relative_error():
    # A "loss" whose Value graph lies about its derivative: data p^2, local derivative 0.
    def frozen_square(params):
        total = Value(0.0)
        for p in params:
            total = total + Value(p.data ** 2)  # a leaf: the graph no longer reaches p
        return total

    cost = gradient_cost([3], loss=frozen_square, n_repeats=1)
    assert cost["relative_error"][0] == pytest.approx(1.0)  # 0 against 2 theta


def test_same_seed_same_point():
    seen = []

    def record(params):
        seen.append(tuple(p.data for p in params))
        return sum_of_squares(params)

    gradient_cost([3], loss=record, n_repeats=1, seed=5)
    first = seen[-1]
    seen.clear()
    gradient_cost([3], loss=record, n_repeats=1, seed=5)
    assert seen[-1] == first


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"ds": []}, ValueError, "ds must be a non-empty"),
        ({"ds": [[1, 2]]}, ValueError, "ds must be a non-empty 1-D"),
        ({"ds": [0]}, ValueError, "each entry of ds must be an int >= 1"),
        ({"ds": [2.0]}, TypeError, "each entry of ds must be an int"),
        ({"ds": 3}, TypeError, "ds must be a sequence"),
        ({"ds": "12"}, TypeError, "ds must be a sequence"),
        ({"ds": [1], "n_repeats": 0}, ValueError, "n_repeats must be an int >= 1"),
        ({"ds": [1], "loss": 2.0}, TypeError, "loss must be a callable"),
        ({"ds": [1], "loss": lambda params: 1.0}, TypeError, "loss must return a Value"),
        ({"ds": [1], "seed": "a"}, TypeError, "seed must be"),
        ({"ds": [1], "min_time": -1.0}, ValueError, "min_time must be a finite number >= 0"),
        ({"ds": [1], "min_time": "1"}, TypeError, "min_time must be a real number"),
    ],
)
def test_bad_input(kwargs, error, match):
    ds = kwargs.pop("ds")
    with pytest.raises(error, match=match):
        gradient_cost(ds, **kwargs)
