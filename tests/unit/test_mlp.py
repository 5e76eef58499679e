"""Tests of nncore.mlp.

References that can disagree with the code: hand-worked one- and two-layer networks,
central differences (``numerical_gradient`` on the flat parameter vector, and
``numerical_param_gradients`` on the arrays in place), the scalar autodiff engine
(``nncore.autodiff.Value``) on the same network, the printed outputs of Punnen's
chapter-6 network (an external known result), and scikit-learn for the digits split.
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from nncore.activations import ACTIVATIONS, sigmoid
from nncore.datasets import circles, digits, train_test_split, xor
from nncore.gradcheck import (
    max_relative_errors,
    numerical_gradient,
    numerical_param_gradients,
    relative_error,
)
from nncore.losses import binary_cross_entropy, cross_entropy, mse
from nncore.metrics import accuracy
from nncore.activations import KERNELS, softmax
from nncore.mlp import (
    MLP,
    Trainer,
    as_value_graph,
    backprop,
    collapse_linear,
    dense,
    fit,
    input_gradient,
    loss_and_grads,
)

ACTS = ["relu", "sigmoid", "tanh", "linear"]


def _random_biases(net, rng, scale=0.3):
    for _, b in net.params:
        b[:] = scale * rng.standard_normal(b.shape)


def _data(sizes, loss, n, rng):
    X = rng.standard_normal((n, sizes[0]))
    if loss == "cross_entropy":
        y = rng.integers(0, sizes[-1], n)
    elif loss == "binary_cross_entropy":
        y = rng.integers(0, 2, n)
    else:
        y = rng.standard_normal((n, sizes[-1]))
    return X, y


# ---------------------------------------------------------------------------------------
# Construction
# ---------------------------------------------------------------------------------------


def test_shapes_follow_the_contract():
    net = MLP([2, 8, 8, 3])
    assert [(W.shape, b.shape) for W, b in net.params] == [((8, 2), (8,)), ((8, 8), (8,)), ((3, 8), (3,))]
    assert net.sizes == (2, 8, 8, 3)
    assert net.activation == "relu"
    assert net.n_params == 8 * 2 + 8 + 8 * 8 + 8 + 3 * 8 + 3
    assert net.forward(np.zeros((5, 2))).shape == (5, 3)
    assert all(np.all(b == 0) for _, b in net.params)  # biases start at zero


def test_same_seed_same_weights_other_seed_other_weights():
    a, b, c = MLP([3, 4, 2], seed=1), MLP([3, 4, 2], seed=1), MLP([3, 4, 2], seed=2)
    assert_array_equal(a.get_flat(), b.get_flat())
    assert not np.array_equal(a.get_flat(), c.get_flat())


@pytest.mark.parametrize(
    "init, activation, std",
    [("he", "tanh", lambda i, o: math.sqrt(2 / i)), ("glorot", "relu", lambda i, o: math.sqrt(2 / (i + o))),
     ("auto", "relu", lambda i, o: math.sqrt(2 / i)), ("auto", "sigmoid", lambda i, o: math.sqrt(2 / (i + o)))],
)
def test_initial_weight_scale(init, activation, std):
    net = MLP([400, 300, 200], activation, seed=0, init=init)
    for (W, _), n_in, n_out in zip(net.params, (400, 300), (300, 200)):
        # 120,000 / 60,000 draws: the sample std is within 1 % of the target
        assert W.std() == pytest.approx(std(n_in, n_out), rel=0.01)
        assert abs(W.mean()) < 0.01 * std(n_in, n_out)


def test_zeros_and_uniform_init():
    z = MLP([3, 4, 2], init="zeros")
    assert np.all(z.get_flat() == 0)
    u = MLP([30, 40, 2], init="uniform", seed=0)
    W = u.params[0][0]
    assert W.min() >= 0 and W.max() < 1
    assert W.mean() == pytest.approx(0.5, abs=0.03)


def test_params_given_as_pairs_or_weights_are_copied():
    W1, b1 = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), np.array([0.1, 0.2, 0.3])
    W2 = np.array([[1.0, -1.0, 0.5]])
    net = MLP([2, 3, 1], params=[(W1, b1), W2])
    assert_array_equal(net.params[0][0], W1)
    assert_array_equal(net.params[0][1], b1)
    assert_array_equal(net.params[1][1], [0.0])
    net.params[0][0][0, 0] = 99.0
    assert W1[0, 0] == 1.0  # copied, not shared


def test_params_of_the_model_are_its_own_arrays():
    net = MLP([2, 1], params=[([[1.0, 1.0]], [0.0])])
    W, b = net.params[0]
    W -= 1.0  # in-place update trains the model
    assert_allclose(net.forward([[3.0, 4.0]]), [[0.0]])


@pytest.mark.parametrize(
    "sizes, exc, words",
    [
        ([3], ValueError, "at least two"),
        ([2, 0, 1], ValueError, "sizes[1] must be an int >= 1; got 0"),
        ([2, 3.0, 1], TypeError, "sizes[1] must be an int; got 3.0"),
        ([2, True], TypeError, "sizes[1]"),
        ("23", TypeError, "sizes"),
        (5, TypeError, "sizes"),
    ],
)
def test_bad_sizes(sizes, exc, words):
    with pytest.raises(exc, match=words.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")):
        MLP(sizes)


def test_bad_options():
    with pytest.raises(ValueError, match="activation must be one of"):
        MLP([2, 1], activation="softplus")
    with pytest.raises(ValueError, match="init must be one of"):
        MLP([2, 1], init="normal")
    with pytest.raises(TypeError, match="bias"):
        MLP([2, 1], bias=1)
    with pytest.raises(ValueError, match="dtype"):
        MLP([2, 1], dtype=np.int64)
    with pytest.raises(TypeError, match="seed"):
        MLP([2, 1], seed=1.5)


def test_bad_params():
    with pytest.raises(ValueError, match=r"params\[1\] W must have shape \(1, 3\)"):
        MLP([2, 3, 1], params=[np.zeros((3, 2)), np.zeros((3, 1))])
    with pytest.raises(ValueError, match=r"list of 2"):
        MLP([2, 3, 1], params=[np.zeros((3, 2))])
    with pytest.raises(ValueError, match=r"params\[0\] b must have shape \(3,\)"):
        MLP([2, 3], params=[(np.zeros((3, 2)), np.zeros(2))])
    with pytest.raises(ValueError, match="bias=False"):
        MLP([2, 1], bias=False, params=[(np.zeros((1, 2)), np.ones(1))])
    with pytest.raises(ValueError, match="finite"):
        MLP([2, 1], params=[np.array([[np.nan, 0.0]])])


def test_float32_model_computes_in_float32():
    net = MLP([4, 5, 3], dtype=np.float32)
    assert all(W.dtype == np.float32 and b.dtype == np.float32 for W, b in net.params)
    out = net.forward(np.ones((2, 4)))
    assert out.dtype == np.float32
    grads = net.backward(np.ones((2, 3)))
    assert all(dW.dtype == np.float32 and db.dtype == np.float32 for dW, db in grads)
    t = Trainer(net, np.ones((8, 4)), np.arange(8) % 3, batch_size=4).run(2)
    assert all(W.dtype == np.float32 for W, _ in net.params)
    assert len(t.history_["train_loss"]) == 2


# ---------------------------------------------------------------------------------------
# Forward
# ---------------------------------------------------------------------------------------


def test_forward_by_hand():
    # W1 = [[1, -1], [2, 0]], b1 = [0, -1]; x = (3, 1): z1 = (2, 5), relu = (2, 5)
    # W2 = [[1, 1]], b2 = [0.5]: z2 = 2 + 5 + 0.5 = 7.5
    # x = (0, 2): z1 = (-2, -1), relu = (0, 0), z2 = 0.5
    net = MLP([2, 2, 1], params=[([[1.0, -1.0], [2.0, 0.0]], [0.0, -1.0]), ([[1.0, 1.0]], [0.5])])
    assert_allclose(net.forward([[3.0, 1.0], [0.0, 2.0]]), [[7.5], [0.5]])


@pytest.mark.parametrize("activation", ACTS)
def test_forward_is_the_composition_of_layers(activation):
    rng = np.random.default_rng(0)
    net = MLP([3, 4, 5, 2], activation, seed=1)
    _random_biases(net, rng)
    X = rng.standard_normal((6, 3))
    f = ACTIVATIONS[activation][0]
    A = X
    for l, (W, b) in enumerate(net.params):
        Z = np.array([[sum(W[j, k] * a[k] for k in range(W.shape[1])) + b[j] for j in range(W.shape[0])]
                      for a in A])  # each neuron's weighted sum, written out
        A = f(Z) if l < 2 else Z
    assert_allclose(net.forward(X), A, rtol=1e-12, atol=1e-12)


def test_forward_of_one_sample_is_one_dimensional():
    net = MLP([3, 4, 2], seed=0)
    x = np.array([0.5, -1.0, 2.0])
    out = net.forward(x)
    assert out.shape == (2,)
    assert_allclose(out, net.forward(x[np.newaxis])[0])


def test_forward_bad_input():
    net = MLP([3, 2])
    with pytest.raises(ValueError, match=r"shape \(n_samples, 3\).*got shape \(4, 2\)"):
        net.forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"got shape \(2,\)"):
        net.forward([1.0, 2.0])
    with pytest.raises(ValueError, match="finite"):
        net.forward([[1.0, np.inf, 0.0]])
    with pytest.raises(TypeError, match="real numbers"):
        net.forward([["a", "b", "c"]])


def test_a_linear_network_is_one_linear_layer():
    rng = np.random.default_rng(3)
    net = MLP([3, 5, 4, 2], "linear", seed=0)
    _random_biases(net, rng)
    W, b = collapse_linear(net.params)
    assert W.shape == (2, 3) and b.shape == (2,)
    X = rng.standard_normal((7, 3))
    assert_allclose(net.forward(X), X @ W.T + b, rtol=1e-12, atol=1e-12)


def test_collapse_linear_by_hand_and_errors():
    # 3 (2x + 1) - 1 = 6x + 2
    W, b = collapse_linear([([[2.0]], [1.0]), ([[3.0]], [-1.0])])
    assert_allclose(W, [[6.0]])
    assert_allclose(b, [2.0])
    with pytest.raises(ValueError, match="columns"):
        collapse_linear([(np.ones((3, 2)), np.zeros(3)), (np.ones((1, 2)), np.zeros(1))])
    with pytest.raises(ValueError, match="non-empty"):
        collapse_linear([])


def test_dense_by_hand_and_errors():
    # z_j = sum_k x_k W_jk + b_j: (1*1 + 2*0, 1 + 2 + 0.5, -2 + 1)
    assert_allclose(dense([1.0, 2.0], [[1.0, 0.0], [1.0, 1.0], [0.0, -1.0]], [0.0, 0.5, 1.0]),
                    [1.0, 3.5, -1.0])
    Z = dense([[1.0, 2.0], [0.0, 1.0]], [[1.0, 1.0]], [0.0])
    assert_allclose(Z, [[3.0], [1.0]])
    with pytest.raises(ValueError, match=r"2 features"):
        dense([[1.0, 2.0, 3.0]], [[1.0, 1.0]], [0.0])
    with pytest.raises(ValueError, match=r"b must have shape \(1,\)"):
        dense([[1.0, 2.0]], [[1.0, 1.0]], [0.0, 1.0])


def test_trace_and_contributions():
    # relu(x) and relu(-x) with output weights 2 and 1: 2 relu(x) + relu(-x) + 0.5
    net = MLP([1, 2, 1], params=[([[1.0], [-1.0]], [0.0, 0.0]), ([[2.0, 1.0]], [0.5])])
    X = np.array([[-3.0], [1.0]])
    net.forward(np.array([[10.0]]))
    cache = net._cache
    t = net.trace(X)
    assert net._cache is cache  # pure: the cache is untouched
    assert_allclose(t[0]["A_in"], X)
    assert_allclose(t[0]["Z"], [[-3.0, 3.0], [1.0, -1.0]])
    assert_allclose(t[0]["A"], [[0.0, 3.0], [1.0, 0.0]])
    assert_allclose(t[1]["A"], t[1]["Z"])
    assert_allclose(t[1]["A"], [[3.5], [2.5]])
    C = net.contributions(X)
    assert_allclose(C, [[0.0, 3.0], [2.0, 0.0]])
    assert_allclose(C.sum(axis=1) + 0.5, net.forward(X)[:, 0])
    assert net.trace([1.0])[0]["Z"].shape == (2,)


def test_contributions_with_several_outputs_sum_to_the_logits():
    rng = np.random.default_rng(5)
    net = MLP([2, 6, 3], "tanh", seed=0)
    _random_biases(net, rng)
    X = rng.standard_normal((4, 2))
    C = net.contributions(X)
    assert C.shape == (4, 3, 6)
    assert_allclose(C.sum(axis=2) + net.params[-1][1], net.forward(X), rtol=1e-12, atol=1e-12)


def test_predict_and_predict_proba():
    net = MLP([2, 3], params=[([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [0.0, 0.0, 0.0])])
    X = np.array([[2.0, 1.0], [-1.0, -2.0], [0.0, 3.0]])
    assert_array_equal(net.predict(X), [0, 2, 1])
    P = net.predict_proba(X)
    e = np.exp([2.0, 1.0, 0.0])
    assert_allclose(P[0], e / e.sum())
    assert_allclose(P.sum(axis=1), 1.0)
    binary = MLP([2, 1], params=[([[1.0, -1.0]], [0.0])])
    assert_array_equal(binary.predict([[2.0, 1.0], [0.0, 1.0], [1.0, 1.0]]), [1, 0, 1])  # z >= 0
    assert_allclose(binary.predict_proba([[2.0, 1.0]]), [1 / (1 + math.exp(-1.0))])
    assert binary.predict([2.0, 1.0]) == 1


def test_flat_round_trip_and_copy():
    net = MLP([3, 4, 2], seed=0)
    theta = net.get_flat()
    assert theta.shape == (net.n_params,)
    assert_allclose(theta[:12], net.params[0][0].ravel())  # W1 row by row first, then b1
    net.set_flat(np.arange(net.n_params, dtype=float))
    assert_allclose(net.params[0][1], np.arange(12, 16))
    twin = net.copy()
    twin.params[0][0][:] = -1.0
    assert net.params[0][0][0, 0] == 0.0
    assert_allclose(twin.forward(np.ones((1, 3))).shape, (1, 2))
    with pytest.raises(ValueError, match=r"theta must have shape \(26,\)"):
        net.set_flat(np.zeros(3))
    no_bias = MLP([3, 4, 2], bias=False)
    assert no_bias.get_flat().shape == (3 * 4 + 4 * 2,) == (no_bias.n_params,)


# ---------------------------------------------------------------------------------------
# Backward: against central differences and against Value
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ACTS)
@pytest.mark.parametrize(
    "sizes, loss",
    [([3, 5, 4], "cross_entropy"), ([2, 4, 3, 1], "binary_cross_entropy"), ([3, 4, 2], "mse"),
     ([1, 3, 1], "mse"), ([4, 2, 3, 2, 5], "cross_entropy")],
)
def test_every_gradient_matches_central_differences(activation, sizes, loss):
    rng = np.random.default_rng(sum(sizes))
    net = MLP(sizes, activation, seed=2)
    _random_biases(net, rng)
    X, y = _data(sizes, loss, 7, rng)
    value, grads = loss_and_grads(net, X, y, loss)
    theta = net.get_flat()

    def f(t):
        net.set_flat(t)
        return loss_and_grads(net, X, y, loss)[0]

    numeric = numerical_gradient(f, theta)
    net.set_flat(theta)
    analytic = np.concatenate([np.concatenate([dW.ravel(), db]) for dW, db in grads])
    assert relative_error(analytic, numeric) < 1e-6


@pytest.mark.parametrize("activation", ACTS)
def test_backward_of_the_contract_against_numerical_param_gradients(activation):
    # backward(dlogits) for L = sum(G * logits): dlogits = G
    rng = np.random.default_rng(7)
    net = MLP([3, 6, 4, 2], activation, seed=3)
    _random_biases(net, rng)
    X = rng.standard_normal((5, 3))
    G = rng.standard_normal((5, 2))
    net.forward(X)
    grads = net.backward(G)
    numeric = numerical_param_gradients(lambda: float(np.sum(G * net.forward(X))), net.params)
    for err_W, err_b in max_relative_errors(grads, numeric):
        assert err_W < 1e-6 and err_b < 1e-6
    # dX_: the gradient with respect to the input
    net.forward(X)
    net.backward(G)
    dX = numerical_gradient(lambda Xp: float(np.sum(G * net.trace(Xp)[-1]["Z"])), X)
    assert relative_error(net.dX_, dX) < 1e-6


def test_deltas_are_the_gradients_of_the_scores():
    rng = np.random.default_rng(11)
    net = MLP([2, 3, 2], "tanh", seed=0)
    X, G = rng.standard_normal((4, 2)), rng.standard_normal((4, 2))
    net.forward(X)
    net.backward(G)
    assert [D.shape for D in net.deltas_] == [(4, 3), (4, 2)]
    assert_allclose(net.deltas_[1], G)
    # delta_1 = dL/dZ_1 by central differences on Z_1, through the rest of the network
    Z1 = net.trace(X)[0]["Z"]
    W2, b2 = net.params[1]
    numeric = numerical_gradient(lambda Z: float(np.sum(G * (np.tanh(Z) @ W2.T + b2))), Z1)
    assert relative_error(net.deltas_[0], numeric) < 1e-6


def test_backward_twice_gives_the_same_result():
    rng = np.random.default_rng(0)
    net = MLP([3, 4, 2], seed=0)
    X, G = rng.standard_normal((5, 3)), rng.standard_normal((5, 2))
    net.forward(X)
    first = net.backward(G)
    dX_first = net.dX_.copy()
    second = net.backward(G)
    for (a, b), (c, d) in zip(first, second):
        assert_array_equal(a, c)
        assert_array_equal(b, d)
        assert a is not c
    assert_array_equal(net.dX_, dX_first)
    # a forward on another batch replaces the cache: nothing stale
    X2 = rng.standard_normal((2, 3))
    net.forward(X2)
    assert net.backward(np.ones((2, 2)))[0][0].shape == (4, 3)


def test_backward_errors():
    net = MLP([3, 4, 2])
    with pytest.raises(RuntimeError, match="forward"):
        net.backward(np.ones((1, 2)))
    net.forward(np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"shape of the last forward's output \(5, 2\).*\(5, 3\)"):
        net.backward(np.ones((5, 3)))
    with pytest.raises(ValueError, match="finite"):
        net.backward(np.full((5, 2), np.nan))
    net.forward(np.ones(3))
    assert [g[0].shape for g in net.backward(np.ones(2))] == [(4, 3), (2, 4)]
    assert net.dX_.shape == (3,)


def test_no_bias_gives_zero_bias_gradients():
    rng = np.random.default_rng(2)
    net = MLP([3, 4, 1], "sigmoid", bias=False, seed=0)
    X, G = rng.standard_normal((6, 3)), rng.standard_normal((6, 1))
    net.forward(X)
    grads = net.backward(G)
    for (W, b), (dW, db) in zip(net.params, grads):
        assert_array_equal(db, np.zeros_like(b))
    t = Trainer(net, X, (X[:, 0] > 0).astype(int), lr=1.0, batch_size=None).run(5)
    assert t.steps == 5
    assert all(np.all(b == 0) for _, b in net.params)


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "linear"])
@pytest.mark.parametrize("loss, target", [("mse", [0.3, -1.0]), ("cross_entropy", 1)])
def test_backward_agrees_with_value(activation, loss, target):
    rng = np.random.default_rng(4)
    net = MLP([3, 4, 2], activation, seed=5)
    _random_biases(net, rng)
    x = rng.standard_normal(3)
    L, vp = as_value_graph(net, x, target, loss=loss)
    L.backward()
    y = np.array([target])  # a batch of one: labels (1,) or targets (1, 2)
    value, grads = loss_and_grads(net, x[np.newaxis], y, loss=loss)
    assert L.data == pytest.approx(value, rel=1e-12)
    for (VW, Vb), (dW, db) in zip(vp, grads):
        assert_allclose([[v.grad for v in row] for row in VW], dW, rtol=1e-10, atol=1e-14)
        assert_allclose([v.grad for v in Vb], db, rtol=1e-10, atol=1e-14)


def test_value_graph_binary_and_no_bias():
    net = MLP([2, 3, 1], "tanh", seed=1, bias=False)
    x = np.array([0.4, -1.2])
    L, vp = as_value_graph(net, x, 1, loss="binary_cross_entropy")
    L.backward()
    value, grads = loss_and_grads(net, x[np.newaxis], [1], loss="binary_cross_entropy")
    assert L.data == pytest.approx(value)
    assert_allclose([[v.grad for v in row] for row in vp[0][0]], grads[0][0], rtol=1e-10)
    assert all(v.grad == 0.0 for v in vp[0][1])  # bias Values not in the graph


def test_loss_and_grads_values_agree_with_nncore_losses():
    rng = np.random.default_rng(9)
    net = MLP([3, 4, 3], seed=0)
    X, y = rng.standard_normal((6, 3)), np.array([0, 1, 2, 2, 1, 0])
    assert loss_and_grads(net, X, y)[0] == pytest.approx(cross_entropy(net.forward(X), y))
    reg = MLP([3, 4, 2], seed=0)
    T = rng.standard_normal((6, 2))
    assert loss_and_grads(reg, X, T, "mse")[0] == pytest.approx(mse(reg.forward(X), T))
    one = MLP([3, 1], seed=0)
    yb = np.array([0, 1, 1, 0, 1, 0])
    assert loss_and_grads(one, X, yb)[0] == pytest.approx(binary_cross_entropy(one.forward(X), yb))
    # mse with one output accepts targets of shape (n,)
    assert loss_and_grads(one, X, T[:, 0], "mse")[0] == pytest.approx(mse(one.forward(X)[:, 0], T[:, 0]))


def test_penalties_exact_form_and_gradient():
    rng = np.random.default_rng(1)
    net = MLP([2, 3, 2], "tanh", seed=0)
    _random_biases(net, rng, scale=1.0)
    X, y = rng.standard_normal((4, 2)), np.array([0, 1, 1, 0])
    plain = loss_and_grads(net, X, y)[0]
    l1, l2 = 0.03, 0.2
    weights = [W for W, _ in net.params]
    expected = plain + l1 * sum(np.abs(W).sum() for W in weights) + l2 / 2 * sum((W**2).sum() for W in weights)
    value, grads = loss_and_grads(net, X, y, l1=l1, l2=l2)
    assert value == pytest.approx(expected, rel=1e-12)
    theta = net.get_flat()

    def f(t):
        net.set_flat(t)
        return loss_and_grads(net, X, y, l1=l1, l2=l2)[0]

    numeric = numerical_gradient(f, theta)
    net.set_flat(theta)
    analytic = np.concatenate([np.concatenate([dW.ravel(), db]) for dW, db in grads])
    assert relative_error(analytic, numeric) < 1e-6
    # biases are not penalised: their gradient is the plain one
    plain_grads = loss_and_grads(net, X, y)[1]
    assert_allclose(grads[0][1], plain_grads[0][1])


def test_loss_and_grads_errors():
    net = MLP([2, 3])
    X = np.zeros((2, 2))
    with pytest.raises(TypeError, match=r"integer class labels.*float64"):
        loss_and_grads(net, X, [0.0, 1.0])
    with pytest.raises(ValueError, match=r"\[0, 2\].*got 3 at index 1"):
        loss_and_grads(net, X, [0, 3])
    with pytest.raises(ValueError, match=r"shape \(2,\)"):
        loss_and_grads(net, X, [0, 1, 2])
    with pytest.raises(ValueError, match="binary_cross_entropy"):
        loss_and_grads(MLP([2, 1]), X, [0, 1], loss="cross_entropy")
    with pytest.raises(ValueError, match="one output"):
        loss_and_grads(net, X, [0, 1], loss="binary_cross_entropy")
    with pytest.raises(ValueError, match="loss must be one of"):
        loss_and_grads(net, X, [0, 1], loss="hinge")
    with pytest.raises(ValueError, match=r"shape \(2, 3\)"):
        loss_and_grads(net, X, np.zeros((2, 2)), loss="mse")
    with pytest.raises(ValueError, match="l2"):
        loss_and_grads(net, X, [0, 1], l2=-1.0)
    with pytest.raises(TypeError, match="MLP"):
        loss_and_grads("net", X, [0, 1])


def test_extreme_logits_are_finite_and_silent():
    # weights of 1e4: logits ~ 1e4 to 1e8; the losses stay finite, no warning (pytest
    # turns warnings into errors)
    net = MLP([2, 2, 3], params=[np.full((2, 2), 1e4), np.array([[1e4, 0.0], [0.0, 0.0], [-1e4, 1e4]])])
    X = np.array([[1.0, 1.0], [-1.0, 2.0]])
    value, grads = loss_and_grads(net, X, [2, 0])
    assert math.isfinite(value)
    assert all(np.all(np.isfinite(dW)) and np.all(np.isfinite(db)) for dW, db in grads)


# ---------------------------------------------------------------------------------------
# Known results
# ---------------------------------------------------------------------------------------


def test_punnen_chapter_6_network_reproduces_the_printed_outputs():
    # Punnen ch. 6: inputs with a constant third column, XOR targets, a 3-4-1 sigmoid net
    # without biases, W1 = rand(3, 4) then W2 = rand(4, 1) after np.random.seed(1), lr 1,
    # 1000 full-batch iterations of C = 1/2 sum (y - a2)^2. The source's row-vector
    # weights are our W transposed; the output sigmoid is applied to the MLP's logits.
    legacy = np.random.RandomState(1)
    W1, W2 = legacy.rand(3, 4), legacy.rand(4, 1)
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    net = MLP([3, 4, 1], "sigmoid", bias=False, params=[W1.T, W2.T])
    outputs = []
    for _ in range(1000):
        a2 = sigmoid(net.forward(X))
        outputs.append(a2[:, 0])
        grads = net.backward((a2 - y) * a2 * (1 - a2))  # dC/dz2 = (a2 - y) sigma'(z2)
        for (W, _), (dW, _) in zip(net.params, grads):
            W -= 1.0 * dW
    assert_allclose(np.round(outputs[0], 3), [0.758, 0.771, 0.791, 0.801])
    assert_allclose(np.round(outputs[-1], 3), [0.028, 0.925, 0.925, 0.090])


def test_xor_reaches_full_accuracy_from_a_fixed_seed():
    X, y = xor(n=4, noise=0.0)
    net = MLP([2, 4, 1], "tanh", seed=0)
    trainer = fit(net, X, y, epochs=500, lr=0.5, batch_size=None)
    assert_array_equal(net.predict(X), y)
    assert trainer.history_["train_acc"][-1] == 1.0
    noisy_X, noisy_y = xor(n=200, noise=0.1, seed=1)
    net = MLP([2, 8, 2], "relu", seed=0)
    fit(net, noisy_X, noisy_y, epochs=200, lr=0.2, batch_size=16)
    assert accuracy(noisy_y, net.predict(noisy_X)) == 1.0


def test_zero_init_keeps_hidden_units_identical():
    # symmetry: with every weight 0, all hidden units get the same gradient forever
    X, y = circles(n=60, noise=0.05, seed=0)
    net = MLP([2, 5, 1], "tanh", init="zeros")
    fit(net, X, y, epochs=20, lr=0.5, batch_size=10)
    W1 = net.params[0][0]
    assert np.all(W1 == W1[0])  # every row (unit) equal


def test_digits_reach_95_percent_on_a_held_out_split():
    X, y = digits()
    X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, test_size=0.25, seed=0)
    net = MLP([64, 64, 10], "relu", seed=0)
    t = Trainer(net, X_train, y_train, lr=0.1, batch_size=32, seed=0, l2=1e-3,
                X_test=X_test, y_test=y_test).run(100)
    assert accuracy(y_test, net.predict(X_test)) >= 0.95
    assert t.history_["test_acc"][-1] == accuracy(y_test, net.predict(X_test))


# ---------------------------------------------------------------------------------------
# Trainer
# ---------------------------------------------------------------------------------------


def test_one_step_is_one_sgd_update_on_the_first_shuffled_batch():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((10, 3)), rng.integers(0, 3, 10)
    net = MLP([3, 4, 3], "tanh", seed=0)
    twin = net.copy()
    t = Trainer(net, X, y, lr=0.3, batch_size=4, seed=5)
    batch = np.random.default_rng(5).permutation(10)[:4]  # the trainer's own generator
    value, grads = loss_and_grads(twin, X[batch], y[batch])
    assert t.step() == pytest.approx(value)
    for (W, b), (W0, b0), (dW, db) in zip(net.params, twin.params, grads):
        assert_allclose(W, W0 - 0.3 * dW, rtol=1e-12)
        assert_allclose(b, b0 - 0.3 * db, rtol=1e-12)
    assert t.steps == 1 and t.epoch == 0


def test_epochs_batches_and_history():
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((10, 2)), rng.integers(0, 2, 10)
    X_test, y_test = rng.standard_normal((5, 2)), rng.integers(0, 2, 5)
    t = Trainer(MLP([2, 3, 1], seed=0), X, y, batch_size=4, X_test=X_test, y_test=y_test)
    assert t.batches_per_epoch == 3  # 4 + 4 + 2
    t.run_epoch()
    assert (t.epoch, t.steps) == (1, 3)
    t.run(2)
    assert (t.epoch, t.steps) == (3, 9)
    h = t.history_
    assert set(h) == {"epoch", "train_loss", "train_acc", "test_loss", "test_acc"}
    assert h["epoch"] == [1, 2, 3] and all(len(v) == 3 for v in h.values())
    # the held-out numbers are those of the model after the epoch
    assert h["test_loss"][-1] == pytest.approx(binary_cross_entropy(t.model.forward(X_test), y_test))
    assert h["test_acc"][-1] == accuracy(y_test, t.model.predict(X_test))


def test_running_and_full_train_loss():
    rng = np.random.default_rng(2)
    X, y = rng.standard_normal((12, 2)), rng.integers(0, 3, 12)
    running = Trainer(MLP([2, 4, 3], seed=0), X, y, batch_size=5, seed=1)
    losses = [running.step() for _ in range(3)]  # 5 + 5 + 2 samples
    assert running.history_["train_loss"] == [pytest.approx((5 * losses[0] + 5 * losses[1] + 2 * losses[2]) / 12)]
    full = Trainer(MLP([2, 4, 3], seed=0), X, y, batch_size=5, seed=1, eval_train="full").run(1)
    assert full.history_["train_loss"] == [pytest.approx(cross_entropy(full.model.forward(X), y))]
    assert full.evaluate()["loss"] == pytest.approx(full.history_["train_loss"][0])
    assert full.evaluate(X[:4], y[:4])["acc"] == accuracy(y[:4], full.model.predict(X[:4]))


def test_regression_history_has_no_accuracy():
    x = np.linspace(-1, 1, 20)[:, np.newaxis]
    t = fit(MLP([1, 8, 1], "tanh", seed=0), x, np.sin(3 * x[:, 0]), epochs=200, loss="mse",
            lr=0.1, batch_size=None)
    assert set(t.history_) == {"epoch", "train_loss"}
    assert t.history_["train_loss"][-1] < 0.5 * t.history_["train_loss"][0]


def test_same_seed_same_run():
    X, y = circles(n=50, noise=0.1, seed=0)
    a = fit(MLP([2, 6, 1], seed=0), X, y, epochs=5, batch_size=8, seed=3)
    b = fit(MLP([2, 6, 1], seed=0), X, y, epochs=5, batch_size=8, seed=3)
    assert_array_equal(a.model.get_flat(), b.model.get_flat())
    assert a.history_ == b.history_


def test_divergence_stops_cleanly():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 2)) * 100
    y = X @ np.array([3.0, -2.0])
    t = Trainer(MLP([2, 16, 1], "relu", seed=0), X, y, loss="mse", lr=10.0, batch_size=8)
    t.run(50)  # no warning (pytest makes warnings errors)
    assert t.diverged
    assert not math.isfinite(t.last_loss)
    assert all(np.all(np.isfinite(W)) for W, _ in t.model.params)  # the bad update is not applied
    steps = t.steps
    assert not math.isfinite(t.step()) and t.steps == steps  # further steps do nothing


def test_lr_can_change_between_steps():
    X, y = xor(n=8, noise=0.0)
    t = Trainer(MLP([2, 3, 1], seed=0), X, y, batch_size=None)
    t.lr = 0.0001
    before = t.model.get_flat()
    t.step()
    assert np.max(np.abs(t.model.get_flat() - before)) < 1e-3


def test_trainer_errors():
    X, y = xor(n=8, noise=0.0)
    net = MLP([2, 3, 1])
    with pytest.raises(ValueError, match="lr must be a finite number > 0; got 0.0"):
        Trainer(net, X, y, lr=0.0)
    with pytest.raises(ValueError, match="batch_size must be an int >= 1"):
        Trainer(net, X, y, batch_size=0)
    with pytest.raises(TypeError, match="batch_size must be an int"):
        Trainer(net, X, y, batch_size=2.5)
    with pytest.raises(ValueError, match="together"):
        Trainer(net, X, y, X_test=X)
    with pytest.raises(ValueError, match=r"X_test must have shape \(n_samples, 2\)"):
        Trainer(net, X, y, X_test=np.zeros((3, 3)), y_test=[0, 1, 0])
    with pytest.raises(ValueError, match=r"labels in \[0, 1\].*got 2"):
        Trainer(net, X, np.array([0, 1, 2, 0, 1, 0, 1, 0]))
    with pytest.raises(ValueError, match="eval_train"):
        Trainer(net, X, y, eval_train="sometimes")
    with pytest.raises(ValueError, match="epochs must be an int >= 0"):
        Trainer(net, X, y).run(-1)


def test_public_methods_are_silent_at_overflowing_weights():
    # weights of 1e200: the scores overflow to +-inf and inf - inf gives nan; no warning
    big = 1e200
    net = MLP([2, 2, 2], "tanh", params=[(np.full((2, 2), big), np.array([big, -big])),
                                         (np.array([[big, -big], [-big, big]]), np.zeros(2))])
    X = np.array([[1e200, 1e200], [-1.0, 1.0]])
    net.forward(X)
    net.backward(np.ones((2, 2)))
    net.trace(X)
    net.contributions(X)
    net.predict(X)
    net.predict_proba(X)
    loss_and_grads(net, X, [0, 1], l1=1.0, l2=1.0)


# -- backprop, the loop itself, and the input gradient -------------------------------------


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
@pytest.mark.parametrize("bias", [True, False])
def test_backprop_matches_central_differences_for_params_and_input(activation, bias):
    """backprop on arrays of our own forward pass (written here, not MLP's) against
    central differences of the summed weighted logits."""
    rng = np.random.default_rng(3)
    sizes = [3, 4, 2, 2]
    params = [(rng.normal(size=(o, i)), rng.normal(size=o) if bias else np.zeros(o))
              for i, o in zip(sizes[:-1], sizes[1:])]
    X = rng.normal(size=(5, 3))
    R = rng.normal(size=(5, 2))  # L = sum(R * logits): dL/dlogits = R
    f, f_grad = KERNELS[activation]

    def logits(X, params):
        A, As, Zs = X, [X], []
        for l, (W, b) in enumerate(params):
            Z = A @ W.T + b
            Zs.append(Z)
            A = f(Z) if l < len(params) - 1 else Z
            As.append(A)
        return A, As, Zs

    out, As, Zs = logits(X, params)
    grads, dX, deltas = backprop(params, As, Zs, R.copy(), f_grad, bias=bias, want_dX=True)
    assert [d.shape for d in deltas] == [(5, 4), (5, 2), (5, 2)]
    for l, (dW, db) in enumerate(grads):
        W, b = params[l]

        def loss_W(w, l=l):
            ps = [(w.reshape(params[l][0].shape), params[l][1]) if k == l else p
                  for k, p in enumerate(params)]
            return float(np.sum(R * logits(X, ps)[0]))

        assert_allclose(dW, numerical_gradient(loss_W, W.ravel()).reshape(W.shape),
                        rtol=1e-6, atol=1e-8)
        if bias:
            def loss_b(v, l=l):
                ps = [(params[l][0], v) if k == l else p for k, p in enumerate(params)]
                return float(np.sum(R * logits(X, ps)[0]))
            assert_allclose(db, numerical_gradient(loss_b, b), rtol=1e-6, atol=1e-8)
        else:
            assert_array_equal(db, np.zeros_like(b))
    num_dX = numerical_gradient(lambda x: float(np.sum(R * logits(x.reshape(X.shape), params)[0])),
                                X.ravel()).reshape(X.shape)
    assert_allclose(dX, num_dX, rtol=1e-6, atol=1e-8)


def test_input_gradient_by_hand_and_by_central_differences():
    # identity layer: p = softmax(x), dL/dx = p - e_y (worked by hand)
    net = MLP([3, 3], params=[(np.eye(3), np.zeros(3))])
    x = np.array([1.0, 0.0, -1.0])
    p, loss, g = input_gradient(net, x, 2)
    e = np.exp(x)
    assert_allclose(p, e / e.sum())
    assert loss == pytest.approx(-math.log(e[2] / e.sum()))
    assert_allclose(g, e / e.sum() - np.array([0.0, 0.0, 1.0]))
    # a hidden layer: against central differences of the loss in x
    deep = MLP([4, 5, 3], activation="tanh", seed=1)
    x = np.random.default_rng(0).normal(size=4)
    p, loss, g = input_gradient(deep, x, 1)
    assert_allclose(p, softmax(deep.forward(x)))
    num = numerical_gradient(lambda v: cross_entropy(deep.forward(v[np.newaxis]), [1]), x)
    assert_allclose(g, num, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("call, error, match", [
    (lambda: input_gradient("net", [0.0, 0.0], 0), TypeError, "model must be an nncore.mlp.MLP"),
    (lambda: input_gradient(MLP([2, 1]), [0.0, 0.0], 0), ValueError, "one logit per class"),
    (lambda: input_gradient(MLP([2, 3]), [0.0, 0.0, 0.0], 0), ValueError, "x must have"),
    (lambda: input_gradient(MLP([2, 3]), [[0.0, 0.0]], 0), ValueError, "x must"),
    (lambda: input_gradient(MLP([2, 3]), [0.0, 0.0], 3), ValueError, "labels"),
])
def test_input_gradient_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()

