"""Tests of nncore.perceptron against hand-worked runs, invariants of the rule, Novikoff's
theorem, and references that can disagree with the code under test.

References: updates worked out by hand (in the comments); the rule checked record by
record with plain numpy; Novikoff's bound for a separator chosen by the test; a
brute-force scan over directions on the sphere for the largest margin (and, if
scikit-learn is installed, its SVC on the symmetrised augmented data); scikit-learn's
own Perceptron, set up to run the same algorithm, update for update.
"""

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from nncore.datasets import blobs, iris, xor
from nncore.hyperplane import augment, halfspace
from nncore.perceptron import Perceptron, margin, margins, max_margin, novikoff_bound, radius

# ---------------------------------------------------------------------------------------
# A run worked out by hand
# ---------------------------------------------------------------------------------------

# Three points, labels 0, 1, 1, learning rate 0.5, visited in index order (seed=None).
THREE_X = [[2.0, -2.0], [1.0, 0.0], [-2.0, -1.0]]
THREE_Y = [0, 1, 1]

# Start: w = (0, 0), b = 0.
# Epoch 0
#   i=0, x=(2, -2), y=0: z = 0 + 0 = 0 >= 0 -> y_hat = 1, wrong; step 0.5 (0 - 1) = -0.5
#        w = (0, 0) - 0.5 (2, -2) = (-1, 1), b = 0 - 0.5 = -0.5        [errors 1, total 1]
#   i=1, x=(1, 0), y=1: z = -1 + 0 - 0.5 = -1.5 -> y_hat = 0, wrong; step +0.5
#        w = (-1, 1) + 0.5 (1, 0) = (-0.5, 1), b = -0.5 + 0.5 = 0      [errors 2, total 2]
#   i=2, x=(-2, -1), y=1: z = 1 - 1 + 0 = 0 -> y_hat = 1, right (H(0) = 1)
# Epoch 1
#   i=0: z = -1 - 2 + 0 = -3 -> 0, right
#   i=1, x=(1, 0), y=1: z = -0.5 + 0 + 0 = -0.5 -> 0, wrong; step +0.5
#        w = (-0.5, 1) + 0.5 (1, 0) = (0, 1), b = 0 + 0.5 = 0.5         [errors 1, total 3]
#   i=2, x=(-2, -1), y=1: z = 0 - 1 + 0.5 = -0.5 -> 0, wrong; step +0.5
#        w = (0, 1) + 0.5 (-2, -1) = (-1, 0.5), b = 0.5 + 0.5 = 1       [errors 2, total 4]
# Epoch 2
#   i=0: z = -2 - 1 + 1 = -2 -> 0, right
#   i=1: z = -1 + 0 + 1 = 0 -> 1, right (H(0) = 1 again)
#   i=2: z = 2 - 0.5 + 1 = 2.5 -> 1, right
#   no update: converged after 3 epochs, errors per epoch (2, 2, 0)
THREE_UPDATES = [
    # epoch, index, y, y_hat, w_before, b_before, w, b, errors, total_updates
    (0, 0, 0, 1, [0.0, 0.0], 0.0, [-1.0, 1.0], -0.5, 1, 1),
    (0, 1, 1, 0, [-1.0, 1.0], -0.5, [-0.5, 1.0], 0.0, 2, 2),
    (1, 1, 1, 0, [-0.5, 1.0], 0.0, [0.0, 1.0], 0.5, 1, 3),
    (1, 2, 1, 0, [0.0, 1.0], 0.5, [-1.0, 0.5], 1.0, 2, 4),
]


def test_three_points_by_hand():
    model = Perceptron(lr=0.5).fit(THREE_X, THREE_Y)
    assert model.n_updates_ == len(model.history_) == 4
    for record, expected in zip(model.history_, THREE_UPDATES):
        epoch, index, y, y_hat, w_before, b_before, w, b, errors, total = expected
        assert record["epoch"] == epoch and record["index"] == index
        assert record["y"] == y and record["y_hat"] == y_hat
        assert_array_equal(record["x"], THREE_X[index])
        assert_array_equal(record["w_before"], w_before)
        assert record["b_before"] == b_before
        assert_array_equal(record["w"], w)
        assert record["b"] == b
        assert record["errors"] == errors and record["total_updates"] == total
        assert set(record) == {
            "epoch", "index", "x", "y", "y_hat", "w_before", "b_before", "w", "b",
            "errors", "total_updates",
        }  # fmt: skip
    assert_array_equal(model.w_, [-1.0, 0.5])
    assert model.b_ == 1.0 and type(model.b_) is float
    assert_array_equal(model.errors_per_epoch_, [2, 2, 0])
    assert model.errors_per_epoch_.dtype.kind == "i"
    assert model.n_epochs_ == 3 and model.converged_ is True
    assert_array_equal(model.initial_w_, [0.0, 0.0]) and model.initial_b_ == 0.0
    # z = (-2 - 1 + 1, -1 + 0 + 1, 2 - 0.5 + 1) = (-2, 0, 2.5)
    assert_array_equal(model.decision_function(THREE_X), [-2.0, 0.0, 2.5])
    assert_array_equal(model.predict(THREE_X), THREE_Y)
    assert model.predict(THREE_X).dtype.kind == "i"


def test_max_epochs_stops_the_same_run_early():
    # the hand-worked run cut after epoch 0: the first two updates only
    model = Perceptron(lr=0.5, max_epochs=1).fit(THREE_X, THREE_Y)
    assert model.converged_ is False and model.n_epochs_ == 1
    assert_array_equal(model.errors_per_epoch_, [2])
    assert_array_equal(model.w_, [-0.5, 1.0]) and model.b_ == 0.0


def test_one_class_only():
    # all labels 1: w = 0, b = 0 already says 1 everywhere, so no update at all
    model = Perceptron().fit([[1.0, 2.0], [-3.0, 4.0]], [1, 1])
    assert model.n_updates_ == 0 and model.converged_ and model.history_ == []
    assert_array_equal(model.errors_per_epoch_, [0])
    # all labels 0: the first point is called 1 (z = 0): w = -(1, 2), b = -1;
    # then (-3, 4): z = 3 - 8 - 1 = -6 -> 0, right; epoch 1: z = -1 - 4 - 1 = -6, right
    model = Perceptron().fit([[1.0, 2.0], [-3.0, 4.0]], [0, 0])
    assert_array_equal(model.w_, [-1.0, -2.0]) and model.b_ == -1.0
    assert_array_equal(model.errors_per_epoch_, [1, 0])


# ---------------------------------------------------------------------------------------
# Invariants of the rule, record by record
# ---------------------------------------------------------------------------------------


def _visits(n_samples, start, stop):
    """The (epoch, index) pairs visited strictly between two visits, in index order."""
    (e0, i0), (e1, i1) = start, stop
    position, end = e0 * n_samples + i0 + 1, e1 * n_samples + i1
    return [divmod(p, n_samples) for p in range(position, end)]


def check_history(model, X, y):
    """Every record obeys the rule, the records chain, and the counters add up."""
    X, y = np.asarray(X, float), np.asarray(y)
    lr = model.lr
    w, b = np.zeros(X.shape[1]), 0.0
    errors_in_epoch = {}
    for k, record in enumerate(model.history_):
        i, x = record["index"], record["x"]
        assert_array_equal(x, X[i])
        assert record["y"] == y[i]
        # chained: this update starts where the previous one ended
        assert_array_equal(record["w_before"], w)
        assert record["b_before"] == b
        # the prediction was wrong and was H(w_before . x + b_before)
        assert record["y_hat"] != record["y"]
        z = float(np.dot(record["w_before"], x)) + record["b_before"]
        scale = float(np.abs(record["w_before"]) @ np.abs(x)) + abs(record["b_before"])
        if abs(z) > 1e-12 * scale:  # away from rounding of the hyperplane
            assert record["y_hat"] == (1 if z >= 0 else 0)
        # the update, exactly: w = w_before + lr (y - y_hat) x, b = b_before + lr (y - y_hat)
        sign = record["y"] - record["y_hat"]
        assert_array_equal(record["w"], record["w_before"] + lr * sign * x)
        assert record["b"] == record["b_before"] + lr * sign
        # counters
        errors_in_epoch[record["epoch"]] = errors_in_epoch.get(record["epoch"], 0) + 1
        assert record["errors"] == errors_in_epoch[record["epoch"]]
        assert record["total_updates"] == k + 1
        w, b = record["w"], record["b"]
    assert_array_equal(model.w_, w)
    assert model.b_ == b
    assert model.n_updates_ == len(model.history_)
    assert model.n_epochs_ == len(model.errors_per_epoch_) <= model.max_epochs
    assert model.errors_per_epoch_.sum() == model.n_updates_
    for epoch, count in enumerate(model.errors_per_epoch_):
        assert count == errors_in_epoch.get(epoch, 0)
    assert model.converged_ == (model.errors_per_epoch_[-1] == 0)
    assert model.converged_ or model.n_epochs_ == model.max_epochs
    epochs = [record["epoch"] for record in model.history_]
    assert epochs == sorted(epochs)


def check_skipped_samples_were_right(model, X, y):
    """In index order (seed=None), every sample visited between two updates was
    already on its side of the current hyperplane."""
    X, y = np.asarray(X, float), np.asarray(y)
    n = len(y)
    marks = [(0, -1)] + [(r["epoch"], r["index"]) for r in model.history_]
    marks.append((model.n_epochs_, 0))  # the end of the last epoch
    states = [(np.zeros(X.shape[1]), 0.0)] + [(r["w"], r["b"]) for r in model.history_]
    for start, stop, (w, b) in zip(marks, marks[1:], states):
        skipped = [i for _, i in _visits(n, start, stop)]
        if skipped:
            assert_array_equal(halfspace(X[skipped], w, b), y[skipped])


CASES = {
    "three points": (THREE_X, THREE_Y),
    "AND": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]),
    "blobs": blobs(n=60, noise=0.8, seed=4),
    "iris": iris(),
    "xor corners": xor(n=4, noise=0),
    "noisy xor": xor(n=40, noise=0.2, seed=1),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("lr", [1.0, 0.1, 3.0])
@pytest.mark.parametrize("seed", [None, 0, 7])
def test_every_record_obeys_the_rule(name, lr, seed):
    X, y = CASES[name]
    model = Perceptron(lr=lr, max_epochs=30, seed=seed).fit(X, y)
    check_history(model, X, y)
    if seed is None:
        check_skipped_samples_were_right(model, X, y)
    if model.converged_:  # the last epoch made no mistake: every point is right
        assert_array_equal(model.predict(X), y)


@pytest.mark.parametrize("name", ["blobs", "iris", "noisy xor"])
def test_a_seed_shuffles_each_epoch_reproducibly(name):
    X, y = CASES[name]
    first = Perceptron(seed=3, max_epochs=20).fit(X, y)
    again = Perceptron(seed=3, max_epochs=20).fit(X, y)
    in_order = Perceptron(max_epochs=20).fit(X, y)
    sequence = [(r["epoch"], r["index"]) for r in first.history_]
    assert sequence == [(r["epoch"], r["index"]) for r in again.history_]
    assert_array_equal(first.w_, again.w_)
    assert sequence != [(r["epoch"], r["index"]) for r in in_order.history_]


def test_history_holds_copies():
    X = np.array(CASES["blobs"][0])
    y = CASES["blobs"][1]
    model = Perceptron().fit(X, y)
    saved = [{key: np.copy(value) for key, value in r.items()} for r in model.history_]
    X += 100.0  # the caller changes its data
    model.w_ += 1.0  # and the model's weights
    model.history_[0]["w"] += 5.0  # and one record's array
    for k, (record, before) in enumerate(zip(model.history_, saved)):
        for key in ("x", "w_before", "w"):
            if (k, key) != (0, "w"):
                assert_array_equal(record[key], before[key])
    arrays = [r[key] for r in model.history_ for key in ("x", "w_before", "w")]
    for a in range(len(arrays)):
        for c in range(a + 1, len(arrays)):
            assert not np.shares_memory(arrays[a], arrays[c])


def test_fit_again_starts_afresh():
    model = Perceptron(lr=0.5)
    model.fit(*CASES["noisy xor"])
    model.fit(THREE_X, THREE_Y)
    assert model.n_updates_ == 4 and model.w_.shape == (2,)
    assert_array_equal(model.w_, [-1.0, 0.5])


# ---------------------------------------------------------------------------------------
# The learning rate only scales w and b
# ---------------------------------------------------------------------------------------


def _steps(model):
    return [(r["epoch"], r["index"]) for r in model.history_]


@pytest.mark.parametrize("name", ["blobs", "iris", "noisy xor"])
@pytest.mark.parametrize("seed", [None, 5])
def test_lr_does_not_change_which_samples_are_corrected(name, seed):
    # From w = 0 every (w, b) is lr times the lr = 1 one, so sign(w.x + b) is the same.
    X, y = CASES[name]
    one = Perceptron(lr=1.0, max_epochs=25, seed=seed).fit(X, y)
    tenth = Perceptron(lr=0.1, max_epochs=25, seed=seed).fit(X, y)
    assert _steps(one) == _steps(tenth)
    assert one.converged_ == tenth.converged_
    assert_array_equal(one.errors_per_epoch_, tenth.errors_per_epoch_)
    assert_allclose(tenth.w_, 0.1 * one.w_, rtol=1e-9, atol=1e-12 * np.abs(one.w_).max())
    assert tenth.b_ == pytest.approx(0.1 * one.b_, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("lr", [0.25, 4.0, 2.0**-20])
def test_lr_a_power_of_two_scales_everything_exactly(lr):
    # exact in floating point: even the ties z = 0 on the XOR corners come out the same
    X, y = CASES["xor corners"]
    one = Perceptron(max_epochs=12).fit(X, y)
    other = Perceptron(lr=lr, max_epochs=12).fit(X, y)
    assert _steps(one) == _steps(other)
    for r1, r2 in zip(one.history_, other.history_):
        assert_array_equal(r2["w"], lr * r1["w"])
        assert r2["b"] == lr * r1["b"]


# ---------------------------------------------------------------------------------------
# Convergence: Novikoff's theorem
# ---------------------------------------------------------------------------------------


@st.composite
def separable_sets(draw):
    """(X, y, w_star, b_star, gamma): points at least gamma from a random hyperplane,
    in the augmented sense, labelled by its side; ||(b_star, w_star)|| = 1."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    d = draw(st.integers(1, 4))
    n = draw(st.integers(1, 40))
    gamma = draw(st.floats(0.05, 0.5))
    spread = draw(st.floats(0.5, 5.0))
    u = rng.standard_normal(d + 1)
    u /= np.linalg.norm(u)
    b_star, w_star = float(u[0]), u[1:]
    X = np.empty((0, d))
    while len(X) < n:
        candidates = spread * rng.standard_normal((4 * n, d))
        keep = np.abs(candidates @ w_star + b_star) >= gamma
        X = np.vstack([X, candidates[keep]])
    X = X[:n]
    y = (X @ w_star + b_star > 0).astype(int)
    return X, y, w_star, b_star, gamma


@settings(max_examples=150, deadline=None)
@given(
    separable_sets(),
    st.floats(0.01, 10.0),
    st.one_of(st.none(), st.integers(0, 1000)),
)
def test_converges_within_novikoff_bound(data, lr, seed):
    X, y, w_star, b_star, gamma = data
    bound = novikoff_bound(X, y, w_star, b_star)
    # R = max ||(1, x_i)||, and the margin of (b*, w*) is at least gamma by construction
    R = np.sqrt(1 + np.max(np.sum(X * X, axis=1)))
    assert bound <= (R / gamma) ** 2 * (1 + 1e-9)
    # every epoch but the last makes at least one update, so bound + 1 epochs suffice
    model = Perceptron(lr=lr, max_epochs=math.floor(bound) + 2, seed=seed).fit(X, y)
    assert model.converged_
    assert model.n_updates_ <= bound
    assert_array_equal(model.predict(X), y)
    # the largest margin gives the tightest bound, still above the number of updates
    w, b, gamma_max = max_margin(X, y)
    tight = novikoff_bound(X, y, w, b)
    assert model.n_updates_ <= tight * (1 + 1e-9)
    assert tight <= bound * (1 + 1e-9)
    assert gamma_max >= margin(X, y, w_star, b_star) * (1 - 1e-9)


# ---------------------------------------------------------------------------------------
# When it never converges: XOR
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "X, y",
    [xor(n=4, noise=0), xor(n=100, noise=0.2, seed=0), xor(n=40, noise=0.3, seed=3)],
    ids=["corners", "noisy", "noisier"],
)
@pytest.mark.parametrize("seed", [None, 2])
def test_never_settles_on_xor(X, y, seed):
    model = Perceptron(max_epochs=50, seed=seed).fit(X, y)
    assert model.converged_ is False
    assert model.n_epochs_ == 50
    assert len(model.errors_per_epoch_) == 50
    assert np.all(model.errors_per_epoch_ >= 1)
    assert np.any(model.predict(X) != y)


def test_xor_corners_cycle():
    # On the four corners with seed=None the state (w, b) at the end of an epoch
    # repeats; from then on the run is periodic.
    X, y = xor(n=4, noise=0)
    model = Perceptron(max_epochs=40).fit(X, y)
    end_of_epoch = {}
    for r in model.history_:
        end_of_epoch[r["epoch"]] = (tuple(r["w"].tolist()), r["b"])
    states = [end_of_epoch[e] for e in range(model.n_epochs_)]
    seen = {}
    first, period = None, None
    for epoch, state in enumerate(states):
        if state in seen:
            first, period = seen[state], epoch - seen[state]
            break
        seen[state] = epoch
    assert first is not None, f"no state repeated in {model.n_epochs_} epochs"
    # the updates of every later epoch repeat those `period` epochs before
    by_epoch = {}
    for r in model.history_:
        by_epoch.setdefault(r["epoch"], []).append((r["index"], tuple(r["w"].tolist()), r["b"]))
    for epoch in range(first + 1 + period, model.n_epochs_):
        assert by_epoch[epoch] == by_epoch[epoch - period]
    # the weights stay bounded: on integer data with lr = 1 they are integers
    assert max(abs(v) for state in states for v in state[0] + (state[1],)) <= 4


# ---------------------------------------------------------------------------------------
# Margin, Novikoff's bound and the largest margin, by hand
# ---------------------------------------------------------------------------------------


def test_margin_and_bound_by_hand():
    X, y = [[3, 4], [0, 0], [1, 1]], [1, 0, 0]
    # (b, w) = (-3, 1, 1), ||.|| = sqrt 11; s_i (b + w.x_i) = (3 + 4 - 3), -(-3), -(1 + 1 - 3)
    #        = 4, 3, 1 -> gamma = 1 / sqrt 11
    assert margin(X, y, [1, 1], -3) == pytest.approx(1 / math.sqrt(11), rel=1e-15)
    # R^2 = max(1 + 9 + 16, 1, 1 + 1 + 1) = 26; (R / gamma)^2 = 26 * 11 = 286
    assert novikoff_bound(X, y, [1, 1], -3) == pytest.approx(286.0, rel=1e-14)
    # scaling (w, b) by a positive number changes neither
    assert margin(X, y, [2.5, 2.5], -7.5) == pytest.approx(1 / math.sqrt(11), rel=1e-15)
    assert novikoff_bound(X, y, [1e-200, 1e-200], -3e-200) == pytest.approx(286.0, rel=1e-14)
    # facing the other way: the margin is minus the largest of (4, 3, 1), -4 / sqrt 11
    assert margin(X, y, [-1, -1], 3) == pytest.approx(-4 / math.sqrt(11), rel=1e-15)
    assert type(margin(X, y, [1, 1], -3)) is float


def test_margin_with_huge_weights_is_finite_and_silent():
    X, y = [[3, 4], [0, 0], [1, 1]], [1, 0, 0]
    assert margin(X, y, [1e300, 1e300], -3e300) == pytest.approx(1 / math.sqrt(11))
    X_big = np.array([[2e200, 0.0], [0.0, 0.0]])
    # R^2 = 1 + 4e400 overflows a naive sum; (b, w) = (-1, 1e-200, 0)
    # margin = min(-1 + 2, 1) / sqrt(1 + 1e-400) = 1, bound = R^2 = 4e400: beyond float
    assert novikoff_bound(X_big, [1, 0], [1e-200, 0], -1) == math.inf


@pytest.mark.parametrize(
    "w, b",
    [
        ([-1, -1], 3),  # every point on the wrong side
        ([1, 1], -1.5),  # (1, 1) is labelled 0 but z = 0.5 >= 0
        ([1, 1], -2),  # (1, 1) sits on the hyperplane: margin 0, no bound
    ],
)
def test_novikoff_bound_refuses_a_hyperplane_that_does_not_separate(w, b):
    X, y = [[3, 4], [0, 0], [1, 1]], [1, 0, 0]
    with pytest.raises(ValueError, match=r"\(w, b\) must separate the data with a positive margin"):
        novikoff_bound(X, y, w, b)


def test_max_margin_two_points_by_hand():
    # z_1 = (1, 2, 0) (label 1), z_2 = -(1, 0, 0) (label 0). The nearest point of the
    # segment z_2 + t (z_1 - z_2) = (-1 + 2t, 2t, 0) to the origin: d/dt [(2t - 1)^2 + 4t^2]
    # = 16 t - 4 = 0, t = 1/4, p = (-1/2, 1/2, 0), gamma = ||p|| = 1 / sqrt 2:
    # the line x_1 = 1, halfway between the points.
    w, b, gamma = max_margin([[2, 0], [0, 0]], [1, 0])
    assert_allclose([b, *w], [-1 / math.sqrt(2), 1 / math.sqrt(2), 0], atol=1e-12)
    assert gamma == pytest.approx(1 / math.sqrt(2), rel=1e-12)


def test_max_margin_and_by_hand():
    # AND: the support vectors are (0, 1), (1, 0), (1, 1) with z = -(1, 0, 1), -(1, 1, 0),
    # (1, 1, 1). p = a z + a z' + c z'' proportional to (-3, 2, 2): -2a + c = -3k and
    # -a + c = 2k give a = 5k, c = 7k, and a + a + c = 17k = 1: all weights positive, so
    # p = (-3, 2, 2) / 17 is the nearest point, gamma = 1 / sqrt 17; the line x1 + x2 = 1.5.
    X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]
    w, b, gamma = max_margin(X, y)
    assert_allclose([b, *w], np.array([-3, 2, 2]) / math.sqrt(17), atol=1e-12)
    assert gamma == pytest.approx(1 / math.sqrt(17), rel=1e-12)
    assert gamma == margin(X, y, w, b)
    assert np.linalg.norm([b, *w]) == pytest.approx(1.0, rel=1e-15)


def scan_max_margin(X, y, seed=0):
    """Brute force for d = 2: the best of 20000 directions spread over the sphere of
    R^3 (a Fibonacci lattice), refined by random search in shrinking neighbourhoods."""
    Z = (2 * np.asarray(y) - 1)[:, None] * np.column_stack([np.ones(len(X)), X])
    k = np.arange(20000) + 0.5
    polar, turn = np.arccos(1 - 2 * k / 20000), np.pi * (1 + math.sqrt(5)) * k
    U = np.column_stack([np.cos(polar), np.sin(polar) * np.cos(turn), np.sin(polar) * np.sin(turn)])
    worst = (U @ Z.T).min(axis=1)
    best, u, radius = worst.max(), U[worst.argmax()], 0.05
    rng = np.random.default_rng(seed)
    while radius > 1e-9:
        C = u + radius * rng.standard_normal((2000, 3))
        C /= np.linalg.norm(C, axis=1)[:, None]
        worst = (C @ Z.T).min(axis=1)
        if worst.max() > best:
            best, u = worst.max(), C[worst.argmax()]
        else:
            radius *= 0.6
    return best


@pytest.mark.parametrize("seed", range(12))
def test_max_margin_matches_a_brute_force_scan(seed):
    rng = np.random.default_rng(seed)
    u = rng.standard_normal(3)
    u /= np.linalg.norm(u)
    X = rng.uniform(-3, 3, size=(500, 2))
    score = X @ u[1:] + u[0]
    keep = np.abs(score) > rng.uniform(0.01, 0.3)
    n = int(rng.integers(2, 30))
    X, y = X[keep][:n], (score[keep][:n] > 0).astype(int)
    w, b, gamma = max_margin(X, y)
    scanned = scan_max_margin(X, y)
    assert gamma == margin(X, y, w, b) > 0
    assert gamma >= scanned * (1 - 1e-3)  # as good as the best direction found by the scan
    assert scanned <= gamma * (1 + 1e-9)  # and no direction beats it


def test_max_margin_matches_scikit_learn_svc():
    # The homogeneous hard-margin SVM on z_i = s_i (1, x_i) is scikit-learn's SVC (with
    # intercept) on the symmetric set {z_i labelled +1} and {-z_i labelled -1}: the
    # symmetry forces its intercept to 0, and 1 / ||coef|| is the largest margin.
    svm = pytest.importorskip("sklearn.svm")
    rng = np.random.default_rng(11)
    for d in (1, 2, 3, 5):
        u = rng.standard_normal(d + 1)
        u /= np.linalg.norm(u)
        X = rng.standard_normal((300, d)) * 2
        score = X @ u[1:] + u[0]
        keep = np.abs(score) > 0.1
        X, y = X[keep][:40], (score[keep][:40] > 0).astype(int)
        Z = (2 * y - 1)[:, None] * np.column_stack([np.ones(len(X)), X])
        svc = svm.SVC(kernel="linear", C=1e8, tol=1e-10).fit(
            np.vstack([Z, -Z]), np.r_[np.ones(len(Z)), -np.ones(len(Z))]
        )
        v = svc.coef_[0]
        reference = margin(X, y, v[1:], v[0])
        assert abs(svc.intercept_[0]) < 1e-6 * np.linalg.norm(v)
        assert reference == pytest.approx(1 / np.linalg.norm(v), rel=1e-4)
        w, b, gamma = max_margin(X, y)
        assert gamma == pytest.approx(reference, rel=1e-4)
        assert gamma >= reference * (1 - 1e-9)


def test_max_margin_scale_and_degenerate_sets():
    X, y = blobs(n=50, seed=2)
    w, b, gamma = max_margin(X, y)
    # scaling X by a power of two: same line; the margin changes since x0 = 1 does not scale
    assert margin(X, y, w, b) == gamma
    for factor in (2.0**-600, 2.0**600):
        w2, b2, gamma2 = max_margin(X * factor, y)
        assert gamma2 == margin(X * factor, y, w2, b2) > 0
    # one point; one class; repeated points; collinear points
    for X, y in [
        ([[3.0, 4.0]], [0]),
        (blobs(n=20)[0], [1] * 20),
        ([[1.0, 1.0]] * 5 + [[2.0, 2.0]] * 5, [0] * 5 + [1] * 5),
        ([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0]], [0, 0, 1, 1]),
    ]:
        w, b, gamma = max_margin(X, y)
        assert gamma == margin(X, y, w, b) > 0
        assert_array_equal(halfspace(X, w, b), y)


@pytest.mark.parametrize(
    "X, y",
    [
        xor(n=4, noise=0),
        xor(n=100, noise=0.2),
        ([[1.0, 1.0], [1.0, 1.0]], [0, 1]),  # the same point in both classes
        ([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]], [0, 1, 0]),  # 1 between two 0s on a line
    ],
    ids=["xor corners", "noisy xor", "duplicate", "collinear"],
)
def test_max_margin_refuses_data_that_are_not_separable(X, y):
    with pytest.raises(ValueError, match="the data are not linearly separable"):
        max_margin(X, y)


def test_max_margin_is_fast():
    X, y = blobs(n=100, seed=0)
    max_margin(X, y)  # warm up
    best = min(_timed(max_margin, X, y) for _ in range(3))
    assert best < 0.5, f"max_margin took {best:.3f} s for 100 points"


def _timed(func, *args):
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------
# A second opinion: scikit-learn's Perceptron
# ---------------------------------------------------------------------------------------


# A column that counts scikit-learn's updates without changing one: every update adds
# lr * s_i * x_i = lr * 2**-600 to its weight (s_i = +-1 is the label's sign, and the
# column holds s_i 2**-600), and its share of a score, lr * k * 2**-1200 after k updates,
# is below the smallest subnormal and rounds to 0, so every score stays what it was.
TRACER = 2.0**-600


def _with_tracer(X, y):
    return np.column_stack([X, (2 * np.asarray(y) - 1) * TRACER])


def _updates(coef, lr):
    """The number of updates a tracer weight counts (a sum of equal terms lr * TRACER:
    exact for lr = 1, within rounding of an integer otherwise)."""
    count = coef[-1] / (lr * TRACER)
    assert abs(count - round(count)) < 1e-6
    return round(count)


def _iris_sepals():
    # setosa vs versicolor by sepal length and width: separable, with a small margin
    return iris(features=("sepal length", "sepal width"))


SKLEARN_CASES = {
    # (data, lr), the data loaded in the test (iris reads scikit-learn's copy):
    # 721 epochs and 1562 updates with lr = 1, 701 and 1518 with lr = 0.1 (with lr not a
    # power of two, rounding changes some decisions: the two runs differ)
    "iris sepals, lr 1": (_iris_sepals, 1.0),
    "iris sepals, lr 0.1": (_iris_sepals, 0.1),
    # 170 epochs, 359 updates, on random (not decimal) numbers
    "blobs, lr 0.37": (lambda: blobs(n=100, noise=0.7, seed=8), 0.37),
}


@pytest.mark.parametrize("case", list(SKLEARN_CASES))
def test_scikit_learn_perceptron_runs_the_same_algorithm(case):
    """scikit-learn's Perceptron, set up as below, is nncore's rule step for step.

    The settings, and why they make the two the same algorithm:

    - ``eta0=lr``: sklearn's Perceptron is SGD on the loss max(0, -s z) with s = +-1
      (label 1 -> +1, label 0 -> -1, its ``classes_[1]`` is the positive class) and the
      constant rate eta0; a step is w += eta0 s x, b += eta0 s, nncore's
      w += lr (y - y_hat) x, b += lr (y - y_hat) with y - y_hat = s on a mistake.
    - ``penalty=None`` (no weight decay), ``fit_intercept=True`` (b is learned, with the
      same step as w: dense data have intercept decay 1), both start from w = 0, b = 0.
    - ``shuffle=False``: the samples in index order every epoch, as nncore with
      ``seed=None``. (With a seed the orders cannot match: sklearn draws its own.)
    - ``tol=None`` (no early stopping), ``max_iter=max_epochs``: sklearn runs every epoch;
      nncore stops after the first epoch without an update, and since the weights no
      longer change, sklearn's remaining epochs make no update either.

    The one difference is the tie at z = w.x + b = 0 exactly: sklearn updates when
    s z <= 0, nncore when H(z) != y with H(0) = 1. For a label-0 point at z = 0 both
    update; for a label-1 point sklearn updates and nncore does not. Every run starts at
    w = 0, b = 0, where z = 0 for the first point, so each data set here starts with a
    label-0 point (asserted), and on these data no label-1 point ever scores exactly 0
    later: were it otherwise the runs would part and this test would fail.
    ``test_scikit_learn_perceptron_differs_at_a_tie`` shows the difference.

    Compared: the final w and b; the number of updates (``n_updates_``, one history
    record per update) with the count of sklearn's updates read from a tracer column
    (see ``TRACER``); and, running sklearn's ``partial_fit`` one epoch at a time, the
    updates in every epoch (``errors_per_epoch_``) and w, b at the end of every epoch.
    """
    linear_model = pytest.importorskip("sklearn.linear_model")
    load, lr = SKLEARN_CASES[case]
    X, y = load()
    assert y[0] == 0  # no tie at the first step (see above)
    max_epochs = 1000
    ours = Perceptron(lr=lr, max_epochs=max_epochs, seed=None).fit(X, y)
    assert ours.converged_ and ours.n_updates_ > 300  # a long run, not a lucky few steps

    def sklearn_perceptron(**kwargs):
        return linear_model.Perceptron(
            eta0=lr, penalty=None, fit_intercept=True, shuffle=False, **kwargs
        )

    # one fit, all epochs: the same final line and the same number of updates
    theirs = sklearn_perceptron(tol=None, max_iter=max_epochs).fit(_with_tracer(X, y), y)
    assert_allclose(theirs.coef_[0][:-1], ours.w_, rtol=1e-12, atol=0)
    assert_allclose(theirs.intercept_[0], ours.b_, rtol=1e-12, atol=0)
    assert _updates(theirs.coef_[0], lr) == ours.n_updates_ == len(ours.history_)
    # the tracer changes nothing: the same fit without it gives the same line
    plain = sklearn_perceptron(tol=None, max_iter=max_epochs).fit(X, y)
    assert_array_equal(plain.coef_[0], theirs.coef_[0][:-1])
    assert plain.intercept_[0] == theirs.intercept_[0]

    # epoch by epoch (partial_fit runs one epoch per call), one more than nncore ran
    w_end, b_end = np.zeros(X.shape[1]), 0.0
    ends = {}  # nncore's (w, b) after each epoch with an update
    for record in ours.history_:
        ends[record["epoch"]] = record["w"], record["b"]
    stepwise = sklearn_perceptron()
    Xt, done = _with_tracer(X, y), 0
    for epoch in range(ours.n_epochs_ + 1):
        stepwise.partial_fit(Xt, y, classes=[0, 1])
        total = _updates(stepwise.coef_[0], lr)
        errors = ours.errors_per_epoch_[epoch] if epoch < ours.n_epochs_ else 0
        assert total - done == errors, f"epoch {epoch}"
        done = total
        w_end, b_end = ends.get(epoch, (w_end, b_end))
        assert_allclose(stepwise.coef_[0][:-1], w_end, rtol=1e-12, atol=0)
        assert_allclose(stepwise.intercept_[0], b_end, rtol=1e-12, atol=0)
    assert done == ours.n_updates_


def test_scikit_learn_perceptron_differs_at_a_tie():
    # One epoch from w = 0, b = 0 over x = (1, 2) (label 1), then (-1, -1) (label 0):
    #   nncore:  (1, 2): z = 0, H(0) = 1 = y, no update; (-1, -1): z = 0 -> 1, y = 0:
    #            w = -(-1, -1) = (1, 1), b = -1
    #   sklearn: (1, 2): s z = 0 <= 0, update: w = (1, 2), b = 1; (-1, -1): z = -2,
    #            s z = 2 > 0, no update
    # In the other order both first update on (-1, -1) (a label-0 point at z = 0) to
    # w = (1, 1), b = -1, which puts (1, 2) at z = 2 on its side: the same run.
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y = np.array([[1.0, 2.0], [-1.0, -1.0]]), np.array([1, 0])
    for order, w_ours, b_ours, w_theirs, b_theirs in [
        ([0, 1], [1.0, 1.0], -1.0, [1.0, 2.0], 1.0),
        ([1, 0], [1.0, 1.0], -1.0, [1.0, 1.0], -1.0),
    ]:
        ours = Perceptron(max_epochs=1).fit(X[order], y[order])
        theirs = linear_model.Perceptron(
            eta0=1.0, penalty=None, shuffle=False, tol=None, max_iter=1
        ).fit(X[order], y[order])
        assert_array_equal(ours.w_, w_ours)
        assert ours.b_ == b_ours
        assert_array_equal(theirs.coef_[0], w_theirs)
        assert theirs.intercept_[0] == b_theirs


# ---------------------------------------------------------------------------------------
# Bad input: one table
# ---------------------------------------------------------------------------------------

nan, inf = float("nan"), float("inf")
GOOD_X, GOOD_Y = [[0.0, 1.0], [1.0, 0.0]], [0, 1]


def construct(**kwargs):
    return Perceptron(**kwargs)


def fit(X, y, **kwargs):
    return Perceptron(**kwargs).fit(X, y)


def predict_unfitted(X):
    return Perceptron().predict(X)


def predict_fitted(X):
    return Perceptron().fit(GOOD_X, GOOD_Y).predict(X)


def fit_after_changing(**attributes):
    model = Perceptron()
    for key, value in attributes.items():
        setattr(model, key, value)
    return model.fit(GOOD_X, GOOD_Y)


@pytest.mark.parametrize(
    "func, args, kwargs, error, match",
    [
        (fit, (GOOD_X, [0, 2]), {}, ValueError, r"y must contain labels in \{0, 1\}; got 2 at index 1"),
        (fit, (GOOD_X, [-1, 1]), {}, ValueError, r"y must contain labels in \{0, 1\}; got -1 at index 0"),
        (fit, (GOOD_X, [0.5, 1]), {}, ValueError, r"y must contain labels in \{0, 1\}; got 0.5 at index 0"),
        (fit, ([0.0, 1.0], GOOD_Y), {}, ValueError, r"X must be 2-D \(n_samples, n_features\); got shape \(2,\)"),
        (fit, (np.zeros((2, 2, 1)), GOOD_Y), {}, ValueError, r"X must be 2-D \(n_samples, n_features\); got shape \(2, 2, 1\)"),
        (fit, (GOOD_X, [0, 1, 1]), {}, ValueError, r"y must have one label per sample, shape \(2,\); got shape \(3,\)"),
        (fit, ([[0.0, nan], [1.0, 0.0]], GOOD_Y), {}, ValueError, r"X must contain only finite numbers; got nan at index \(0, 1\)"),
        (fit, ([[0.0, 1.0], [inf, 0.0]], GOOD_Y), {}, ValueError, r"X must contain only finite numbers; got inf at index \(1, 0\)"),
        (fit, (GOOD_X, [0, nan]), {}, ValueError, r"y must contain only finite numbers; got nan"),
        (fit, ([["a", "b"]], [0]), {}, TypeError, r"X must contain real numbers"),
        (construct, (), {"lr": 0}, ValueError, r"lr must be a finite number > 0; got 0.0"),
        (construct, (), {"lr": -0.5}, ValueError, r"lr must be a finite number > 0; got -0.5"),
        (construct, (), {"lr": nan}, ValueError, r"lr must be a finite number > 0; got nan"),
        (construct, (), {"lr": inf}, ValueError, r"lr must be a finite number > 0; got inf"),
        (construct, (), {"lr": "1"}, TypeError, r"lr must be a real number; got '1' of type str"),
        (construct, (), {"max_epochs": 0}, ValueError, r"max_epochs must be an int >= 1; got 0"),
        (construct, (), {"max_epochs": 10.0}, TypeError, r"max_epochs must be an int; got 10.0 of type float"),
        (construct, (), {"max_epochs": True}, TypeError, r"max_epochs must be an int; got True of type bool"),
        (construct, (), {"seed": -1}, ValueError, r"seed must be an int >= 0; got -1"),
        (construct, (), {"seed": 0.5}, TypeError, r"seed must be None, an int or a numpy Generator; got 0.5"),
        (fit_after_changing, (), {"lr": -1.0}, ValueError, r"lr must be a finite number > 0; got -1.0"),
        (fit_after_changing, (), {"max_epochs": 0}, ValueError, r"max_epochs must be an int >= 1; got 0"),
        (predict_unfitted, (GOOD_X,), {}, RuntimeError, r"not fitted yet: call fit\(X, y\) first"),
        (predict_fitted, ([[1.0, 2.0, 3.0]],), {}, ValueError, r"X must have 2 features, shape \(n_samples, 2\) to match the fitted w_; got shape \(1, 3\)"),
        (predict_fitted, ([1.0, 2.0],), {}, ValueError, r"X must be 2-D \(n_samples, n_features\); got shape \(2,\)"),
        (margin, (GOOD_X, GOOD_Y, [1, 1], nan), {}, ValueError, r"b must contain only finite numbers; got nan"),
        (margin, (GOOD_X, GOOD_Y, [0, 0], 0), {}, ValueError, r"w and b must not both be zero"),
        (margin, (GOOD_X, GOOD_Y, [1, 1, 1], 0), {}, ValueError, r"X must have 3 features, shape \(n_samples, 3\) to match w; got shape \(2, 2\)"),
        (margin, (GOOD_X, [0, 3], [1, 1], 0), {}, ValueError, r"y must contain labels in \{0, 1\}; got 3 at index 1"),
        (novikoff_bound, (GOOD_X, GOOD_Y, [-1, 1], 0), {}, ValueError, r"\(w, b\) must separate the data with a positive margin; got margin -0.707107"),
        (max_margin, (GOOD_X, GOOD_Y), {"tol": 0}, ValueError, r"tol must be a finite number > 0; got 0.0"),
        (max_margin, (GOOD_X, GOOD_Y), {"max_iter": 0}, ValueError, r"max_iter must be an int >= 1; got 0"),
        (max_margin, ([1.0, 2.0], GOOD_Y), {}, ValueError, r"X must be 2-D \(n_samples, n_features\); got shape \(2,\)"),
        (construct, (), {"initial_w": [nan, 0.0]}, ValueError, r"initial_w must contain only finite numbers; got nan"),
        (construct, (), {"initial_b": inf}, ValueError, r"initial_b must contain only finite numbers; got inf"),
        (fit_after_changing, (), {"initial_w": np.zeros(3)}, ValueError, r"initial_w must have shape \(2,\) to match the columns of X; got shape \(3,\)"),
        (margins, (GOOD_X, GOOD_Y, [0, 0], 0), {}, ValueError, r"w and b must not both be zero"),
        (radius, ([1.0, 2.0],), {}, ValueError, r"X must be 2-D \(n_samples, n_features\); got shape \(2,\)"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(func, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        func(*args, **kwargs)


# --- a chosen start, margins, radius --------------------------------------------------


def test_training_from_a_given_start_by_hand():
    # AND, index order, lr = 0.5, from w = (-1.5, 0.5), b = 0.3:
    # (0,0): z = 0.3 >= 0 -> 1, y = 0: w - 0.5 (0,0) = (-1.5, 0.5), b = 0.3 - 0.5 = -0.2
    # (0,1): z = 0.5 - 0.2 = 0.3 -> 1, y = 0: w = (-1.5, 0.5) - 0.5 (0,1) = (-1.5, 0), b = -0.7
    # (1,0): z = -1.5 - 0.7 = -2.2 -> 0 = y: no update
    # (1,1): z = -1.5 + 0 - 0.7 = -2.2 -> 0, y = 1: w = (-1.5, 0) + 0.5 (1,1) = (-1, 0.5), b = -0.2
    X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]
    model = Perceptron(lr=0.5, initial_w=[-1.5, 0.5], initial_b=0.3).fit(X, y)
    np.testing.assert_array_equal(model.initial_w_, [-1.5, 0.5])
    assert model.initial_b_ == 0.3
    expected = [(0, 1, [-1.5, 0.5], -0.2), (1, 1, [-1.5, 0.0], -0.7), (3, 0, [-1.0, 0.5], -0.2)]
    for record, (index, y_hat, w, b) in zip(model.history_, expected):
        assert (record["index"], record["y_hat"]) == (index, y_hat)
        np.testing.assert_allclose(record["w"], w)
        assert record["b"] == pytest.approx(b)
    np.testing.assert_array_equal(model.history_[0]["w_before"], [-1.5, 0.5])
    assert model.converged_ and list(model.predict(X)) == y


def test_from_a_non_zero_start_the_learning_rate_matters():
    # from w = 0 the rate only scales w (tested above); from (-1.5, 0.5) a small rate
    # needs many more updates to undo the start, and corrects other samples first
    X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]
    big = Perceptron(lr=1.0, initial_w=[-1.5, 0.5]).fit(X, y)
    small = Perceptron(lr=0.01, max_epochs=1000, initial_w=[-1.5, 0.5]).fit(X, y)
    assert big.converged_ and small.converged_
    assert small.n_updates_ > 10 * big.n_updates_
    assert [r["index"] for r in big.history_[:3]] != [r["index"] for r in small.history_[:3]]


def test_margins_by_hand_and_their_minimum_is_the_margin():
    # (b, w) = (-1, 1, 0) has norm sqrt 2; x~ = (1, 2, 0), (1, 0, 0), (1, 3, 0) score
    # 1, -1, 2 with signs +1, -1, +1: margins 1, 1, 2 over sqrt 2
    X, y = [[2, 0], [0, 0], [3, 0]], [1, 0, 1]
    got = margins(X, y, [1, 0], -1)
    np.testing.assert_allclose(got, np.array([1.0, 1.0, 2.0]) / np.sqrt(2))
    assert margin(X, y, [1, 0], -1) == pytest.approx(got.min())


def test_radius_by_hand_and_in_the_bound():
    # ||(1, 3, 4)|| = sqrt(26) > ||(1, 1, 0)|| = sqrt 2
    assert radius([[3, 4], [1, 0]]) == pytest.approx(np.sqrt(26.0))
    assert np.isfinite(radius([[1e300, 1e300]]))  # no overflow: about 1.41e300
    X, y = [[2, 0], [0, 0]], [1, 0]
    # R^2 = 1 + 4 = 5, gamma = 1 / sqrt 2: bound 5 / (1/2) = 10
    assert novikoff_bound(X, y, [1, 0], -1) == pytest.approx(10.0)
