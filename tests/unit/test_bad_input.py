"""Bad input to the maths of nncore: the cases of issue 17, as tables.

Every row is a call a reader could make. ``ERRORS`` lists the calls that must be refused
before anything is computed, with the exception and a phrase of its message (it names
the argument, what it got and what was expected). ``RIGHT_ANSWERS`` lists calls that
used to give a silently wrong answer (NaN, inf, 0.0, an OverflowError from inside) with
the right one, worked out by hand in the comment of each row. Warnings are errors in
this test suite, so every row also proves the call is silent.
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from nncore import (
    activations,
    gradcheck,
    hyperplane,
    linreg,
    losses,
    metrics,
    optimisers,
    perceptron,
    vectors,
)
from nncore.mlp import MLP, Trainer

SQRT_HALF = math.sqrt(0.5)
F = lambda t: float(t @ t)
G = lambda t: 2 * t
W22, B2 = np.eye(2), np.zeros(2)


def _diverged_trainer():
    """A run with a learning rate far too large: the loss of a batch becomes inf (on
    the data of test_mlp.test_divergence_stops_cleanly), so the run stops."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 2)) * 100
    y = X @ np.array([3.0, -2.0])
    t = Trainer(MLP([2, 16, 1], "relu", seed=0), X, y, loss="mse", lr=10.0, batch_size=8)
    t.run(50)
    assert t.diverged
    return t


def _nan_logits_model():
    """A net whose logit is inf - inf = NaN for the input (1, 1): relu(1.5e308 + 1.5e308)
    is inf in both hidden units, and the output weights (1, -1) subtract them."""
    return MLP([2, 2, 1], params=[(np.full((2, 2), 1.5e308), np.zeros(2)),
                                  (np.array([[1.0, -1.0]]), np.zeros(1))])


ERRORS = [
    # -- gradcheck: a NaN or inf from f, a value where f is expected, empty arrays ------
    pytest.param(lambda: gradcheck.numerical_gradient(lambda v: float("nan"), [1.0]),
                 ValueError, r"f must return a finite number.*got nan", id="numgrad-nan"),
    pytest.param(lambda: gradcheck.numerical_gradient(
        lambda v: math.inf if v[0] > 1.0 else 0.0, [1.0]),
                 ValueError, r"f must return a finite number.*got inf", id="numgrad-inf"),
    pytest.param(lambda: gradcheck.numerical_jacobian(lambda v: np.array([v[0], np.nan]), [1.0]),
                 ValueError, r"f must return finite numbers.*nan", id="numjac-nan"),
    pytest.param(lambda: gradcheck.numerical_param_gradients(lambda: float("nan"), [(W22.copy(), B2.copy())]),
                 ValueError, r"f must return a finite number.*nan", id="paramgrad-nan"),
    pytest.param(lambda: gradcheck.numerical_gradient(F(np.array([1.0])), [1.0]),
                 TypeError, r"f must be a callable.*got 1\.0 of type float", id="numgrad-value"),
    pytest.param(lambda: gradcheck.numerical_jacobian("f", [1.0]),
                 TypeError, r"f must be a callable.*of type str", id="numjac-value"),
    pytest.param(lambda: gradcheck.relative_error([], []),
                 ValueError, r"a and b must not be empty.*shape \(0,\)", id="relerr-empty"),
    pytest.param(lambda: gradcheck.max_relative_errors([W22], [W22]),
                 ValueError, r"analytic\[0\] must be a pair \(dW, db\).*ndarray of shape \(2, 2\)",
                 id="maxrel-array-not-pair"),
    pytest.param(lambda: gradcheck.max_relative_errors([(W22, B2)], [W22]),
                 ValueError, r"numeric\[0\] must be a pair \(dW, db\)", id="maxrel-numeric"),
    # -- vectors: a flag must be a bool -------------------------------------------------
    pytest.param(lambda: vectors.angle([1, 0], [0, 1], degrees="yes"),
                 TypeError, r"degrees must be True or False; got 'yes' of type str",
                 id="angle-degrees-str"),
    pytest.param(lambda: vectors.angle([1, 0], [0, 1], degrees=None),
                 TypeError, r"degrees must be True or False", id="angle-degrees-none"),
    # -- optimisers: functions where functions are expected; Path checks its arrays -----
    pytest.param(lambda: optimisers.gradient_descent(F(np.array([1.0])), G, [1.0], 0.1, 5),
                 TypeError, r"loss must be a callable loss\(theta\).*got 1\.0 of type float",
                 id="gd-loss-value"),
    pytest.param(lambda: optimisers.gradient_descent(F, np.array([2.0]), [1.0], 0.1, 5),
                 TypeError, r"grad must be a callable grad\(theta\).*ndarray", id="gd-grad-value"),
    pytest.param(lambda: optimisers.minibatch_descent(1.0, linreg.loss_grad, [0.0, 0.0], [1.0, 2.0],
                                                      [1.0, 2.0], 0.1, 5),
                 TypeError, r"loss_batch must be a callable", id="mb-loss-value"),
    pytest.param(lambda: optimisers.minibatch_descent(linreg.loss, None, [0.0, 0.0], [1.0, 2.0],
                                                      [1.0, 2.0], 0.1, 5),
                 TypeError, r"grad_batch must be a callable.*None", id="mb-grad-none"),
    pytest.param(lambda: optimisers.newton_root(16.0, G, 1.0, 3),
                 TypeError, r"f must be a callable f\(x\)", id="newton-f-value"),
    pytest.param(lambda: optimisers.newton_root(F, 2.0, 1.0, 3),
                 TypeError, r"f_prime must be a callable", id="newton-fprime-value"),
    pytest.param(lambda: optimisers.newton_minimize(G, 2.0, 1.0, 3),
                 TypeError, r"f_double_prime must be a callable", id="newton-min-value"),
    pytest.param(lambda: optimisers.Path([[1.0], [2.0]], [1.0], 0.1),
                 ValueError, r"losses must have one loss per point of params, shape \(2,\); "
                             r"got shape \(1,\)", id="path-mismatch"),
    pytest.param(lambda: optimisers.Path([], [], 0.1),
                 ValueError, r"params must .*at least one point.*got shape \(0,\)", id="path-empty"),
    pytest.param(lambda: optimisers.Path([1.0, 2.0], [1.0, 2.0], 0.1),
                 ValueError, r"params must be 2-D \(k \+ 1, d\)", id="path-1d"),
    pytest.param(lambda: optimisers.Path([[1.0]], [1.0], 0.0),
                 ValueError, r"lr must be a finite number > 0; got 0.0", id="path-lr"),
    pytest.param(lambda: optimisers.Path([[np.nan]], [1.0], 0.1),
                 ValueError, r"params must contain only finite numbers", id="path-nan"),
    pytest.param(lambda: optimisers.Path([[1.0]], [1.0], 0.1, diverged="no"),
                 TypeError, r"diverged must be True or False", id="path-flag"),
    # -- sizes beyond a stated limit, refused before anything is allocated --------------
    # 2e9 + 1e9 (W_1, b_1) + 1e9 + 1 (W_2, b_2) = 4_000_000_001 numbers, 32 GB
    pytest.param(lambda: MLP([2, 10**9, 1]),
                 ValueError, r"sizes \[2, 1000000000, 1\] give 4000000001 parameters; an MLP "
                             r"holds at most 10000000", id="mlp-too-big"),
    pytest.param(lambda: MLP([10**4, 10**4]),
                 ValueError, r"at most 10000000", id="mlp-too-big-2"),
    pytest.param(lambda: hyperplane.fewest_errors([[0.0, 0.0], [1.0, 1.0]], [0, 1],
                                                  n_directions=10**12),
                 ValueError, r"n_directions must be at most 100000; got 1000000000000",
                 id="fewest-errors-directions"),
    pytest.param(lambda: metrics.confusion_matrix([10**9], [0]),
                 ValueError, r"at most 1000 classes.*y_true has label 1000000000",
                 id="confusion-label"),
    pytest.param(lambda: metrics.confusion_matrix([0], [0], n_classes=10**9),
                 ValueError, r"n_classes must be at most 1000 \(.*\); got 1000000000",
                 id="confusion-n-classes"),
    # -- a run that diverged, a model whose logits are NaN: no answer, and it says so ---
    pytest.param(lambda: _diverged_trainer().evaluate(),
                 RuntimeError, r"the run diverged at step \d+.*lr", id="evaluate-diverged"),
    pytest.param(lambda: _diverged_trainer().evaluate([[0.0, 0.0]], [0.0]),
                 RuntimeError, r"the run diverged", id="evaluate-diverged-data"),
    pytest.param(lambda: _nan_logits_model().predict([[1.0, 1.0], [0.0, 0.0]]),
                 ValueError, r"logits.*NaN for sample 0.*no prediction", id="predict-nan"),
    pytest.param(lambda: _nan_logits_model().predict_proba([1.0, 1.0]),
                 ValueError, r"logits.*NaN for sample 0", id="predict-proba-nan"),
]


@pytest.mark.parametrize("call, error, match", ERRORS)
def test_bad_input_is_refused_with_a_clear_message(call, error, match):
    with pytest.raises(error, match=match):
        call()


RIGHT_ANSWERS = [
    # -- components at or above 2**1023 (math.ldexp overflowed inside) ------------------
    pytest.param(lambda: vectors.norm([1e308]), 1e308, id="norm-1e308"),
    pytest.param(lambda: vectors.norm([2.0**1023, 0.0]), 2.0**1023, id="norm-2**1023"),
    # sqrt(2) * 1.7e308 = 2.4e308 is beyond the float range: inf, silently
    pytest.param(lambda: vectors.norm([1.7e308, 1.7e308]), math.inf, id="norm-true-overflow"),
    pytest.param(lambda: vectors.dot([1e308], [1.0]), 1e308, id="dot"),
    pytest.param(lambda: vectors.dot([1e308, 1e308], [1.0, -1.0]), 0.0, id="dot-cancel"),
    pytest.param(lambda: vectors.cosine([1e308, 0.0], [3.0, 0.0]), 1.0, id="cosine"),
    pytest.param(lambda: vectors.angle([1e308, 0.0], [0.0, 1.7e308]), math.pi / 2, id="angle"),
    pytest.param(lambda: vectors.angle([1e308, 0.0], [0.0, 1.7e308], degrees=np.True_), 90.0,
                 id="angle-numpy-bool"),
    pytest.param(lambda: vectors.unit([1e308, 1e308]), [SQRT_HALF, SQRT_HALF], id="unit"),
    pytest.param(lambda: vectors.projection([1e308, 5.0], [2.0, 0.0]), [1e308, 0.0],
                 id="projection"),
    # R = max ||(1, x)|| = sqrt(1 + 1e616) = 1e308 (to 16 digits)
    pytest.param(lambda: perceptron.radius([[1e308, 0.0], [1.0, 1.0]]), 1e308, id="radius"),
    # 1e308 + 1e308 - 1e308
    pytest.param(lambda: hyperplane.decision_function([[1.0, 1.0]], [1e308, 1e308], -1e308),
                 [1e308], id="decision-function"),
    pytest.param(lambda: hyperplane.decision_function([0.5, 0.25], [1.7e308, -1.7e308], 0.0),
                 0.25 * 1.7e308, id="decision-function-single"),
    # the unit normal is (1, 0) and b / ||w|| = 0: distance 2
    pytest.param(lambda: hyperplane.signed_distance([2.0, 5.0], [1.7e308, 0.0]), 2.0,
                 id="signed-distance"),
    # ||w|| = 2.4e308 overflows, the hyperplane does not: x_0 = -b w / ||w||^2 = -(1/2, 1/2)
    pytest.param(lambda: hyperplane.closest_point([1.7e308, 1.7e308], 1.7e308), [-0.5, -0.5],
                 id="closest-point"),
    # (1.7e308 * 1 + 1.7e308) / (sqrt(2) * 1.7e308) = sqrt(2)
    pytest.param(lambda: hyperplane.signed_distance([1.0, 0.0], [1.7e308, 1.7e308], 1.7e308),
                 math.sqrt(2.0), id="signed-distance-norm-overflows"),
    pytest.param(lambda: hyperplane.count_misclassified([[1.0, 0.0], [-1.0, 0.0]], [1, 0],
                                                        [1e308, 0.0]), 0,
                 id="count-misclassified"),
    # the margin of (1, 0) and (-1, 0) about the line x1 = 0 is 1
    pytest.param(lambda: perceptron.margin([[1.0, 0.0], [-1.0, 0.0]], [1, 0], [1e308, 0.0], 0.0),
                 1.0, id="margin"),
    # -- z-scores and the curvature of huge or tiny x -----------------------------------
    # mean 0, deviations +-1e200, sigma = 1e200
    pytest.param(lambda: linreg.standardize([1e200, -1e200]), ([1.0, -1.0], 0.0, 1e200),
                 id="standardize-huge"),
    pytest.param(lambda: linreg.standardize([1e-200, -1e-200]), ([1.0, -1.0], 0.0, 1e-200),
                 id="standardize-tiny"),
    # mean -0.5e308; deviations 2e308, -1e308, -1e308; variance (4 + 1 + 1)/3 e616 = 2e616
    pytest.param(lambda: linreg.standardize([1.5e308, -1.5e308, -1.5e308]),
                 ([math.sqrt(2.0), -SQRT_HALF, -SQRT_HALF], -0.5e308, math.sqrt(2.0) * 1e308),
                 id="standardize-deviation-beyond-range"),
    # n = 1000, one x of 1e155: mean x^2 = 1e307, mean x = 1e152
    pytest.param(lambda: linreg.hessian([1e155] + [0.0] * 999),
                 [[2e307, 2e152], [2e152, 2.0]], id="hessian-square-overflows-mean-does-not"),
    # L = 1e307 + 1 + sqrt((1e307 - 1)^2 + 4e304) = 2e307 (to 16 digits)
    pytest.param(lambda: linreg.smoothness([1e155] + [0.0] * 999), 2e307,
                 id="smoothness-finite"),
    # H[0, 0] = 2 mean x^2 = 1e400: L >= H[0, 0] is beyond the float range
    pytest.param(lambda: linreg.smoothness([1e200, 1.0]), math.inf, id="smoothness-inf"),
    # the same with two features, x_2 = 1: (2/1000) A^T A, A = (X 1)
    pytest.param(lambda: linreg.hessian([[1e155, 1.0]] + [[0.0, 1.0]] * 999),
                 [[2e307, 2e152, 2e152], [2e152, 2.0, 2.0], [2e152, 2.0, 2.0]],
                 id="hessian-2d-square-overflows-mean-does-not"),
    # -- means of losses whose sum overflows --------------------------------------------
    # each sample costs 1e308 (a sure, wrong logit of 1e308): the mean is 1e308
    pytest.param(lambda: losses.binary_cross_entropy([1e308, -1e308], [0, 1]), 1e308,
                 id="bce-mean"),
    pytest.param(lambda: losses.cross_entropy([[1e308, 0.0], [0.0, 1e308]], [1, 0]), 1e308,
                 id="ce-mean"),
    pytest.param(lambda: losses.soft_cross_entropy([[1e308, 0.0], [0.0, 1e308]],
                                                   [[0.0, 1.0], [1.0, 0.0]]), 1e308,
                 id="soft-ce-mean"),
    # gaps of 2e308 and 3.4e308: e^-gap = 0, log p = -gap = -inf beyond the float range
    pytest.param(lambda: activations.softmax([1e308, -1e308]), [1.0, 0.0], id="softmax-gap"),
    pytest.param(lambda: activations.log_softmax([1.7e308, -1.7e308]), [0.0, -math.inf],
                 id="log-softmax-gap"),
    # one sample, margin 3.4e308: the true loss is beyond the float range
    pytest.param(lambda: losses.cross_entropy([[1.7e308, -1.7e308]], [1]), math.inf,
                 id="ce-true-overflow"),
]


def _assert_equal_or_close(got, expected):
    if isinstance(expected, tuple):
        assert isinstance(got, tuple) and len(got) == len(expected)
        for g, e in zip(got, expected):
            _assert_equal_or_close(g, e)
        return
    assert_allclose(np.asarray(got, dtype=float), np.asarray(expected, dtype=float),
                    rtol=1e-14, atol=0.0)


@pytest.mark.parametrize("call, expected", RIGHT_ANSWERS)
def test_extreme_values_give_the_right_answer_silently(call, expected):
    _assert_equal_or_close(call(), expected)


# ---------------------------------------------------------------------------------------
# Behaviour around the refusals
# ---------------------------------------------------------------------------------------


def test_a_diverged_run_still_shows_its_record():
    """Only the numbers that mean nothing are refused: the history and the flags stay."""
    t = _diverged_trainer()
    assert not math.isfinite(t.last_loss)
    assert len(t.history_["train_loss"]) == t.epoch
    assert all(np.all(np.isfinite(W)) for W, _ in t.model.params)


def test_a_callable_check_comes_before_any_call():
    calls = []

    def grad(theta):
        calls.append(theta)
        return 2 * theta

    with pytest.raises(TypeError, match="loss must be a callable"):
        optimisers.gradient_descent(0.5, grad, [1.0], 0.1, 5)
    assert calls == []


def test_numerical_param_gradients_restores_params_after_a_nan():
    W, b = np.array([[1.0, 2.0]]), np.array([0.5])
    with pytest.raises(ValueError, match="finite"):
        gradcheck.numerical_param_gradients(lambda: float("nan") if W[0, 1] > 2.0 else 0.0,
                                            [(W, b)])
    assert_array_equal(W, [[1.0, 2.0]])
    assert_array_equal(b, [0.5])


def test_path_is_still_built_from_a_real_run():
    path = optimisers.gradient_descent(F, G, [4.0, -2.0], lr=0.25, n_steps=3)
    again = optimisers.Path(path.params, path.losses, path.lr, diverged=np.False_)
    assert_array_equal(again.params, path.params)
    assert repr(again) == repr(path)

