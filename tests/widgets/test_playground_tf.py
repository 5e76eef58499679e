"""The Playground against TensorFlow Playground's own source (tensorflow/playground).

The references here are written from that source, line by line, in plain Python: the
network of ``src/nn.ts`` (nodes, links, forwardProp, backProp, updateWeights with its L1
rule), the training loop and loss of ``src/playground.ts`` (oneStep, getLoss), the data
generators of ``src/dataset.ts`` (drawing their uniform numbers one at a time, in the
order of its statements) and its shuffle, and the state keys of ``src/state.ts``. The
Playground of nncore computes the same things with numpy matrices; they must agree.
"""

import json
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from nncore import datasets, features
from nncore.playground import (DEFAULT_CONFIG, PlaygroundRun, config_from_url, config_to_url,
                               playground_data, run_playground, shuffle_order,
                               validate_config)

# ---------------------------------------------------------------------------------------
# nn.ts, ported
# ---------------------------------------------------------------------------------------

ACTIVATIONS = {  # nn.ts Activations: output, der (of the total input)
    "tanh": (math.tanh, lambda x: 1 - math.tanh(x) ** 2),
    "relu": (lambda x: max(0.0, x), lambda x: 0.0 if x <= 0 else 1.0),
    "sigmoid": (lambda x: 1 / (1 + math.exp(-x)),
                lambda x: (1 / (1 + math.exp(-x))) * (1 - 1 / (1 + math.exp(-x)))),
    "linear": (lambda x: x, lambda x: 1.0),
}
REGULARIZATION = {  # nn.ts RegularizationFunction: der
    "L1": lambda w: -1.0 if w < 0 else (1.0 if w > 0 else 0.0),
    "L2": lambda w: w,
    "none": None,
}


def square_error(output, target):  # nn.ts Errors.SQUARE
    return 0.5 * (output - target) ** 2


def square_der(output, target):
    return output - target


class Node:
    def __init__(self, activation, bias):
        self.input_links, self.outputs = [], []
        self.bias = bias
        self.activation = activation
        self.total_input = self.output = 0.0
        self.output_der = self.input_der = self.acc_input_der = 0.0
        self.num_accumulated_ders = 0

    def update_output(self):
        self.total_input = self.bias
        for link in self.input_links:
            self.total_input += link.weight * link.source.output
        self.output = ACTIVATIONS[self.activation][0](self.total_input)
        return self.output


class Link:
    def __init__(self, source, dest, regularization, weight):
        self.source, self.dest = source, dest
        self.regularization = regularization
        self.weight = weight
        self.is_dead = False
        self.error_der = self.acc_error_der = 0.0
        self.num_accumulated_ders = 0


def build_network(shape, activation, output_activation, regularization, params):
    """buildNetwork, with the weights and biases given (the Playground draws them with
    Math.random; here they are the ones nncore started from)."""
    network = []
    for l, n in enumerate(shape):
        layer = []
        for i in range(n):
            if l == 0:
                node = Node("linear", 0.0)
            else:
                W, b = params[l - 1]
                node = Node(output_activation if l == len(shape) - 1 else activation, b[i])
                for j, prev in enumerate(network[l - 1]):
                    link = Link(prev, node, regularization, W[i][j])
                    prev.outputs.append(link)
                    node.input_links.append(link)
            layer.append(node)
        network.append(layer)
    return network


def forward_prop(network, inputs):
    for node, value in zip(network[0], inputs):
        node.output = value
    for layer in network[1:]:
        for node in layer:
            node.update_output()
    return network[-1][0].output


def back_prop(network, target):
    out = network[-1][0]
    out.output_der = square_der(out.output, target)
    for l in range(len(network) - 1, 0, -1):
        layer = network[l]
        for node in layer:
            node.input_der = node.output_der * ACTIVATIONS[node.activation][1](node.total_input)
            node.acc_input_der += node.input_der
            node.num_accumulated_ders += 1
        for node in layer:
            for link in node.input_links:
                if link.is_dead:
                    continue
                link.error_der = node.input_der * link.source.output
                link.acc_error_der += link.error_der
                link.num_accumulated_ders += 1
        if l == 1:
            continue
        for node in network[l - 1]:
            node.output_der = 0.0
            for link in node.outputs:
                node.output_der += link.weight * link.dest.input_der


def update_weights(network, learning_rate, regularization_rate):
    for layer in network[1:]:
        for node in layer:
            if node.num_accumulated_ders > 0:
                node.bias -= learning_rate * node.acc_input_der / node.num_accumulated_ders
                node.acc_input_der = 0.0
                node.num_accumulated_ders = 0
            for link in node.input_links:
                if link.is_dead:
                    continue
                regul_der = REGULARIZATION[link.regularization](link.weight) \
                    if REGULARIZATION[link.regularization] else 0.0
                if link.num_accumulated_ders > 0:
                    link.weight = link.weight - (learning_rate / link.num_accumulated_ders) \
                        * link.acc_error_der
                    new_weight = link.weight - (learning_rate * regularization_rate) * regul_der
                    if link.regularization == "L1" and link.weight * new_weight < 0:
                        link.weight = 0.0
                        link.is_dead = True
                    else:
                        link.weight = new_weight
                    link.acc_error_der = 0.0
                    link.num_accumulated_ders = 0


def get_loss(network, inputs, labels):  # playground.ts getLoss
    return sum(square_error(forward_prop(network, x), t)
               for x, t in zip(inputs, labels)) / len(inputs)


def one_step(network, inputs, labels, batch_size, lr, reg_rate):  # playground.ts oneStep
    for i, (x, t) in enumerate(zip(inputs, labels)):
        forward_prop(network, x)
        back_prop(network, t)
        if (i + 1) % batch_size == 0:
            update_weights(network, lr, reg_rate)


def params_of(network):
    return [(np.array([[link.weight for link in node.input_links] for node in layer]),
             np.array([node.bias for node in layer])) for layer in network[1:]]


# ---------------------------------------------------------------------------------------


PORT_CASES = {
    "classification, the defaults (circle, 4-2 tanh)": ({}, 100),
    "classification, L1 0.01 on the seven features, batch 30 (a batch carried over)": (
        {"features": list(features.PLAYGROUND_FEATURES), "hidden": [4],
         "regularisation": "L1", "reg_rate": 0.01, "batch_size": 30}, 100),
    "classification, L2 0.03, relu 5-3 on xor with noise": (
        {"dataset": "xor", "noise": 0.25, "activation": "relu", "hidden": [5, 3],
         "regularisation": "L2", "reg_rate": 0.03, "lr": 0.1, "batch_size": 7}, 100),
    "regression on reg-gauss, L1, sigmoid 6": (
        {"problem": "regression", "dataset": "reg-gauss", "hidden": [6],
         "activation": "sigmoid", "regularisation": "L1", "reg_rate": 0.001, "lr": 0.1,
         "n_points": 300}, 100),
    "regression on reg-plane, L2, no hidden layer": (
        {"problem": "regression", "dataset": "reg-plane", "hidden": [],
         "regularisation": "L2", "reg_rate": 0.1, "lr": 0.01, "batch_size": 25,
         "n_points": 300}, 100),
}


@pytest.mark.parametrize("config, epochs", PORT_CASES.values(), ids=list(PORT_CASES))
def test_the_playground_trains_as_nn_ts_does(config, epochs):
    """Same data, same initial weights, 100 epochs: every weight, bias and loss agree
    with the port of nn.ts and playground.ts to 1e-10."""
    run = PlaygroundRun(config)
    cfg = run.cfg
    classify = cfg["problem"] == "classification"
    shape = [len(cfg["features"]), *cfg["hidden"], 1]
    start = [(W.tolist(), b.tolist()) for W, b in run.model.params]
    net = build_network(shape, cfg["activation"], "tanh" if classify else "linear",
                        cfg["regularisation"], start)
    inputs = run.Phi_train.tolist()
    labels = [2.0 * v - 1.0 for v in run.y_train] if classify else run.y_train.tolist()
    test_inputs = run.Phi_test.tolist()
    test_labels = [2.0 * v - 1.0 for v in run.y_test] if classify else run.y_test.tolist()
    assert get_loss(net, inputs, labels) == pytest.approx(run.history["train_loss"][0],
                                                          rel=1e-12)
    worst = 0.0
    for epoch in range(1, epochs + 1):
        one_step(net, inputs, labels, cfg["batch_size"], cfg["lr"], cfg["reg_rate"])
        run.train(1)
        if epoch % 25 == 0 or epoch == epochs:
            for (W, b), (W_p, b_p) in zip(run.model.params, params_of(net)):
                worst = max(worst, np.abs(W - W_p).max(), np.abs(b - b_p).max())
            assert run.history["train_loss"][-1] == pytest.approx(
                get_loss(net, inputs, labels), rel=1e-10, abs=1e-12)
            assert run.history["test_loss"][-1] == pytest.approx(
                get_loss(net, test_inputs, test_labels), rel=1e-10, abs=1e-12)
    assert worst < 1e-10, worst
    if cfg["regularisation"] == "L1":  # the same links are dead, at exactly 0
        dead = [np.array([[link.is_dead for link in node.input_links] for node in layer])
                for layer in net[1:]]
        for alive, d, (W, _) in zip(run.trainer.alive, dead, run.model.params):
            assert_array_equal(~alive, d)
            assert np.all(W[d] == 0.0)


def test_l1_sets_most_weights_of_the_circle_to_exactly_zero():
    """The issue's count: circle, the seven features, one layer of 4, L1 0.01, 300
    epochs: most of the 32 weights are exactly 0 (and stay there)."""
    counts = []
    for seed in range(3):
        run = run_playground({"features": list(features.PLAYGROUND_FEATURES), "hidden": [4],
                              "regularisation": "L1", "reg_rate": 0.01, "seed": seed}, 300)
        w = np.concatenate([W.ravel() for W, _ in run.model.params])
        assert w.size == 32
        counts.append(int(np.sum(w == 0.0)))
        assert run.history["test_acc"][-1] >= 0.95
    assert min(counts) >= 20, counts


def test_the_loss_at_the_start_is_about_one_half():
    """Weights uniform in [-0.5, 0.5], biases 0.1, a tanh output near 0, targets +-1:
    the mean of (o - t)^2 / 2 is close to 1/2."""
    starts = [PlaygroundRun({"seed": s}).history["train_loss"][0] for s in range(8)]
    assert all(0.45 < v < 0.6 for v in starts), starts


def test_the_default_link_learns_the_circle_within_300_epochs():
    """run_playground(config_from_url(default link), 300) reaches a test loss under 0.05
    for most seeds (the port does, at epochs 47-77)."""
    url = config_to_url(DEFAULT_CONFIG)
    first = []
    for seed in range(8):
        run = run_playground({**config_from_url(url), "seed": seed}, 300)
        loss = np.array(run.history["test_loss"])
        first.append(int(np.argmax(loss < 0.05)) if np.any(loss < 0.05) else None)
    assert sum(f is not None for f in first) >= 6, first


def test_initial_weights_are_uniform_and_biases_one_tenth():
    run = PlaygroundRun({"hidden": [8, 8, 8], "features": list(features.FEATURES)})
    w = np.concatenate([W.ravel() for W, _ in run.model.params])
    assert np.all((w >= -0.5) & (w < 0.5)) and abs(w.mean()) < 0.08
    assert abs(w.std() - 1 / math.sqrt(12)) < 0.04
    assert all(np.all(b == 0.1) for _, b in run.model.params)
    zero = PlaygroundRun({"init": "zeros"})
    assert all(np.all(W == 0) and np.all(b == 0) for W, b in zero.model.params)


def test_reset_draws_new_weights_and_a_configuration_its_first_ones():
    run = PlaygroundRun({"seed": 3})
    first = [W.copy() for W, _ in run.model.params]
    run.train(5)
    run.reset()
    assert run.trainer.epoch == 0 and run.resets == 1
    assert not np.allclose(first[0], run.model.params[0][0])
    again = PlaygroundRun({"seed": 3})
    assert all(np.array_equal(a, W) for a, (W, _) in zip(first, again.model.params))


# ---------------------------------------------------------------------------------------
# dataset.ts, ported: one Math.random() at a time
# ---------------------------------------------------------------------------------------


def stream(seed):
    rng = np.random.default_rng(seed)
    return lambda: float(rng.random())


def rand_uniform(random, a, b):
    return random() * (b - a) + a


def normal_random(random, mean, variance):
    while True:
        v1 = 2 * random() - 1
        v2 = 2 * random() - 1
        s = v1 * v1 + v2 * v2
        if s <= 1:
            break
    return mean + math.sqrt(variance) * math.sqrt(-2 * math.log(s) / s) * v1


def classify_circle(n, noise, random):
    points, radius = [], 5
    for lo, hi, count in ((0, radius * 0.5, (n + 1) // 2), (radius * 0.7, radius, n // 2)):
        for _ in range(count):
            r = rand_uniform(random, lo, hi)
            angle = rand_uniform(random, 0, 2 * math.pi)
            x, y = r * math.sin(angle), r * math.cos(angle)
            nx = rand_uniform(random, -radius, radius) * noise
            ny = rand_uniform(random, -radius, radius) * noise
            label = 1 if math.hypot(x + nx, y + ny) < radius * 0.5 else -1
            points.append((x, y, label))
    return points


def classify_xor(n, noise, random):
    points = []
    for _ in range(n):
        x = rand_uniform(random, -5, 5)
        x += 0.3 if x > 0 else -0.3
        y = rand_uniform(random, -5, 5)
        y += 0.3 if y > 0 else -0.3
        nx = rand_uniform(random, -5, 5) * noise
        ny = rand_uniform(random, -5, 5) * noise
        points.append((x, y, 1 if (x + nx) * (y + ny) >= 0 else -1))
    return points


def classify_gauss(n, noise, random):
    variance = 0.5 + (4 - 0.5) * noise / 0.5  # d3 linear [0, .5] -> [.5, 4]
    points = []
    for (c, label), count in zip(((2, 1), (-2, -1)), ((n + 1) // 2, n // 2)):
        for _ in range(count):
            x = normal_random(random, c, variance)
            y = normal_random(random, c, variance)
            points.append((x, y, label))
    return points


def classify_spiral(n, noise, random):
    points, m = [], n / 2
    for (delta, label), count in zip(((0, 1), (math.pi, -1)), ((n + 1) // 2, n // 2)):
        for i in range(count):
            r = i / m * 5
            t = 1.75 * i / m * 2 * math.pi + delta
            x = r * math.sin(t) + rand_uniform(random, -1, 1) * noise
            y = r * math.cos(t) + rand_uniform(random, -1, 1) * noise
            points.append((x, y, label))
    return points


def regress_plane(n, noise, random):
    points = []
    for _ in range(n):
        x, y = rand_uniform(random, -6, 6), rand_uniform(random, -6, 6)
        nx, ny = rand_uniform(random, -6, 6) * noise, rand_uniform(random, -6, 6) * noise
        points.append((x, y, (x + nx + y + ny) / 10))  # d3 linear [-10, 10] -> [-1, 1]
    return points


GAUSSIANS = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1),
             (4, -2.5, -1)]


def regress_gaussian(n, noise, random):
    def label_of(x, y):
        label = 0
        for cx, cy, sign in GAUSSIANS:
            d = math.hypot(x - cx, y - cy)
            new = sign * min(1.0, max(0.0, 1 - d / 2))  # d3 [0, 2] -> [1, 0], clamped
            if abs(new) > abs(label):
                label = new
        return label

    points = []
    for _ in range(n):
        x, y = rand_uniform(random, -6, 6), rand_uniform(random, -6, 6)
        nx, ny = rand_uniform(random, -6, 6) * noise, rand_uniform(random, -6, 6) * noise
        points.append((x, y, label_of(x + nx, y + ny)))
    return points


def shuffle(points, random):  # dataset.ts shuffle (Fisher-Yates from the end)
    points = list(points)
    counter = len(points)
    while counter > 0:
        index = math.floor(random() * counter)
        counter -= 1
        points[counter], points[index] = points[index], points[counter]
    return points


PORTED = {"circle": classify_circle, "xor": classify_xor, "gauss": classify_gauss,
          "spiral": classify_spiral, "reg-plane": regress_plane,
          "reg-gauss": regress_gaussian}


@pytest.mark.parametrize("noise", [0.0, 0.35])
@pytest.mark.parametrize("name", list(PORTED))
def test_the_generators_are_dataset_ts(name, noise):
    """Each generator of nncore.datasets against the port, on the same random numbers;
    then playground_data's shuffle and split against generateData's."""
    n = 200 if name.startswith("reg") else 120
    X, y = datasets.PLAYGROUND_DATA[name](n, noise, 7)
    ported = PORTED[name](n, noise, stream(7))
    P = np.array(ported)
    assert_allclose(X, P[:, :2], rtol=0, atol=1e-12)
    if name.startswith("reg"):
        assert_allclose(y, P[:, 2], rtol=0, atol=1e-12)
    else:
        assert_array_equal(y, (P[:, 2] > 0).astype(int))
    # generateData: the same stream goes on to shuffle, then the first share trains
    random = stream(11)
    shuffled = np.array(shuffle(PORTED[name](n, noise, random), random))
    split = math.floor(n * 30 / 100)
    problem = "regression" if name.startswith("reg") else "classification"
    X_tr, y_tr, X_te, y_te = playground_data({"problem": problem, "dataset": name,
                                              "noise": noise, "n_points": n, "seed": 11,
                                              "train_fraction": 0.3})
    assert_allclose(np.vstack([X_tr, X_te]), shuffled[:, :2], rtol=0, atol=1e-12)
    assert len(X_tr) == split


def test_shuffle_order_is_the_playgrounds_shuffle():
    order = shuffle_order(50, np.random.default_rng(4))
    assert_array_equal(order, shuffle(range(50), stream(4)))


def test_the_default_data_sets_sizes_and_split():
    for problem, n in (("classification", 500), ("regression", 1200)):
        X_tr, _, X_te, _ = playground_data({"problem": problem})
        assert (len(X_tr), len(X_te)) == (n // 2, n // 2)
    X_tr, _, X_te, _ = playground_data({"train_fraction": 0.3})
    assert (len(X_tr), len(X_te)) == (150, 350)


# -- statistics of the data, at noise 0 and 0.5 ------------------------------------------


def all_points(config):
    X_tr, y_tr, X_te, y_te = playground_data(config)
    return np.vstack([X_tr, X_te]), np.concatenate([y_tr, y_te])


@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_circle_statistics(noise):
    X, y = all_points({"dataset": "circle", "noise": noise})
    r = np.hypot(*X.T)
    assert len(np.unique(X, axis=0)) == 500 and r.max() <= 5.0
    inner = r < 2.5  # the points never move: 250 in the disc, 250 in the ring
    assert inner.sum() == 250 and r[~inner].min() >= 3.5
    wrong = np.mean(y != inner)
    if noise == 0:
        assert wrong == 0
    else:  # a shift up to 2.5 in each coordinate moves many labels across
        assert 0.15 < wrong < 0.45, wrong


@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_xor_statistics(noise):
    X, y = all_points({"dataset": "xor", "noise": noise})
    a = np.abs(X)
    assert len(np.unique(X, axis=0)) == 500
    assert a.min() >= 0.3 and a.max() <= 5.3  # the 0.3 gap at the axes
    wrong = np.mean(y != (X[:, 0] * X[:, 1] >= 0))
    assert wrong == 0 if noise == 0 else 0.15 < wrong < 0.45


@pytest.mark.parametrize("noise, variance", [(0.0, 0.5), (0.5, 4.0)])
def test_gauss_statistics(noise, variance):
    X, y = all_points({"dataset": "gauss", "noise": noise, "n_points": 2000})
    for label, centre in ((1, 2.0), (0, -2.0)):
        assert_allclose(X[y == label].mean(axis=0), [centre, centre],
                        atol=4 * math.sqrt(variance / 1000))  # four standard errors
        assert_allclose(X[y == label].var(axis=0), [variance, variance], rtol=0.12)


@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_spiral_statistics(noise):
    X, y = all_points({"dataset": "spiral", "noise": noise})
    # at noise 0 both arms start at the centre: one point of each class at (0, 0)
    assert len(np.unique(X, axis=0)) == (499 if noise == 0 else 500)
    assert np.bincount(y).tolist() == [250, 250]
    r = np.sort(np.hypot(*X[y == 1].T))
    clean = 5 * np.arange(250) / 250
    if noise == 0:
        assert_allclose(r, clean, atol=1e-12)
    else:  # each coordinate moved by at most the noise
        assert np.abs(r - clean).max() < 0.5 * math.sqrt(2) + 0.2
        assert np.abs(X).max() <= 5.0 + 0.5


@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_regression_statistics(noise):
    X, t = all_points({"problem": "regression", "dataset": "reg-plane", "noise": noise})
    assert len(X) == 1200 and np.abs(X).max() <= 6.0 and X.min() < -5.9
    if noise == 0:
        assert_allclose(t, X.sum(axis=1) / 10, atol=1e-12)
    else:  # the plane read at a shifted position: the same mean, more spread
        assert np.corrcoef(t, X.sum(axis=1))[0, 1] > 0.6
    X, t = all_points({"problem": "regression", "dataset": "reg-gauss", "noise": noise})
    assert t.min() >= -1 and t.max() <= 1 and np.abs(X).max() <= 6
    if noise == 0:
        assert_allclose(t, datasets.reg_gauss_target(X), atol=1e-12)


# ---------------------------------------------------------------------------------------
# state.ts: a link is a configuration
# ---------------------------------------------------------------------------------------

DEFAULT_LINK = ("https://playground.tensorflow.org/#activation=tanh&batchSize=10"
                "&dataset=circle&regDataset=reg-plane&learningRate=0.03"
                "&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59204"
                "&showTestData=false&discretize=false&percTrainData=50&x=true&y=true"
                "&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false"
                "&cosY=false&sinY=false&collectStats=false&problem=classification"
                "&initZero=false&hideText=false")


def test_the_default_link_is_the_default_configuration_but_the_seed():
    cfg = config_from_url(DEFAULT_LINK)
    assert {k: v for k, v in cfg.items() if k != "seed"} == \
        {k: v for k, v in DEFAULT_CONFIG.items() if k != "seed"}
    assert cfg["seed"] == config_from_url("#seed=0.59204")["seed"]  # always the same


def test_every_key_of_a_link():
    cfg = config_from_url(
        "#activation=sigmoid&regularization=L1&batchSize=25&dataset=gauss"
        "&regDataset=reg-gauss&learningRate=0.3&regularizationRate=0.003&noise=35"
        "&networkShape=&seed=42&showTestData=true&discretize=true&percTrainData=70"
        "&x=false&y=true&xTimesY=true&xSquared=true&ySquared=false&cosX=true&sinX=true"
        "&cosY=false&sinY=true&collectStats=true&tutorial=&problem=classification"
        "&initZero=true&hideText=true&dataset_hide=true")
    assert cfg == validate_config({
        "activation": "sigmoid", "regularisation": "L1", "batch_size": 25,
        "dataset": "gauss", "lr": 0.3, "reg_rate": 0.003, "noise": 0.35, "hidden": [],
        "seed": 42, "show_test": True, "discretise": True, "train_fraction": 0.7,
        "features": ["x2", "x1^2", "x1*x2", "sin(x1)", "sin(x2)"], "init": "zeros"})
    reg = config_from_url("#problem=regression&regDataset=reg-gauss&dataset=xor")
    assert (reg["problem"], reg["dataset"]) == ("regression", "reg-gauss")


@pytest.mark.parametrize("config", [
    {},
    {"dataset": "spiral", "hidden": [8, 8, 5], "activation": "relu", "noise": 0.45,
     "features": ["x1", "x2", "sin(x1)", "sin(x2)"], "lr": 0.00001, "seed": 17},
    {"problem": "regression", "dataset": "reg-gauss", "hidden": [], "batch_size": 1,
     "regularisation": "L2", "reg_rate": 3.0, "train_fraction": 0.9, "init": "zeros",
     "show_test": True, "discretise": True},
])
def test_config_to_url_and_back(config):
    cfg = validate_config(config)
    url = config_to_url(cfg)
    assert url.startswith("https://playground.tensorflow.org/#activation=")
    assert config_from_url(url) == cfg
    keys = [part.split("=")[0] for part in url.split("#")[1].split("&")]
    assert keys == [k for k in ("activation", "regularization", "batchSize", "dataset",
                                "regDataset", "learningRate", "regularizationRate",
                                "noise", "networkShape", "seed", "showTestData",
                                "discretize", "percTrainData", "x", "y", "xTimesY",
                                "xSquared", "ySquared", "cosX", "sinX", "cosY", "sinY",
                                "collectStats", "problem", "initZero", "hideText")]


@pytest.mark.parametrize("url, match", [
    ("#activation=softplus", r"activation='softplus' is not one of"),
    ("#learningRate=fast", r"learningRate='fast' is not a number"),
    ("#networkShape=4,x", r"networkShape='x' is not a number"),
    ("#batchSize=2.5", r"batchSize='2.5' is not a whole number"),
    ("#x=false&y=false", r"switches every input feature off"),
    ("#color=red", r"unknown key 'color'"),
    ("#noise=90", r"config\['noise'\] must be a number from 0.0 to 0.8"),
    ("#networkShape=4,20", r"config\['hidden'\]\[1\] must be an int from 1 to 16"),
])
def test_bad_links_are_refused_naming_the_key(url, match):
    with pytest.raises(ValueError, match=match):
        config_from_url(url)


def test_what_the_playground_lacks_cannot_be_written_as_a_link():
    with pytest.raises(ValueError, match=r"dataset 'moons'.*features \['cos\(x1\)'\]"
                                         r".*loss 'cross_entropy'"):
        config_to_url({"dataset": "moons", "features": ["x1", "cos(x1)"],
                       "loss": "cross_entropy"})


def test_a_link_and_its_configuration_give_the_same_run():
    url = config_to_url({"dataset": "xor", "hidden": [3], "seed": 5})
    a, b = run_playground(url, 5), run_playground(json.loads(json.dumps(
        config_from_url(url))), 5)
    assert all(np.array_equal(W, W2) for (W, _), (W2, _) in zip(a.model.params,
                                                              b.model.params))
