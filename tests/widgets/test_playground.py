"""The Playground (Chapter 7): drive its controls as a reader would and check the model
and the drawn artists against numbers computed here.

The test's own references: the grid of cell centres, every feature and every neuron's
output over it (a forward pass written out below with numpy), the losses (written out:
half the squared error of a tanh output against targets -1 and +1, TensorFlow
Playground's), linear interpolation by ``np.interp``, and the points of
:mod:`nncore.datasets` placed by hand. ``test_playground_tf.py`` checks the training,
the data and the links against TensorFlow Playground's own source.
"""

import asyncio
import io
import json
import math
import re

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from nncore import datasets, features
from nncore.playground import (DEFAULT_CONFIG, LIMITS, Playground, PlaygroundRun,
                               config_to_url, export_network, initial_params,
                               network_source, playground, playground_data,
                               read_points_csv, record_playground, run_playground,
                               validate_config)

N = 100                                  # grid cells per side
G = -6.0 + (np.arange(N) + 0.5) * 0.12   # their centres on [-6, 6]
X1, X2 = np.meshgrid(G, G)               # rows: x2 (origin lower), columns: x1

FEATURE_FUNCS = {
    "x1": lambda a, b: a, "x2": lambda a, b: b, "x1^2": lambda a, b: a * a,
    "x2^2": lambda a, b: b * b, "x1*x2": lambda a, b: a * b,
    "sin(x1)": lambda a, b: np.sin(a), "sin(x2)": lambda a, b: np.sin(b),
    "cos(x1)": lambda a, b: np.cos(a), "cos(x2)": lambda a, b: np.cos(b),
}
ACT = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0),
       "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)), "linear": lambda z: z}


def phi(names, x1, x2):
    return np.column_stack([FEATURE_FUNCS[n](x1.ravel(), x2.ravel()) for n in names])


def forward(params, activation, A):
    """Every layer's output: hidden activations, then the linear output (written out)."""
    outs = []
    for l, (W, b) in enumerate(params):
        Z = A @ W.T + b
        A = Z if l == len(params) - 1 else ACT[activation](Z)
        outs.append(A)
    return outs


def block_mean(m):
    return m.reshape(N // 2, 2, N // 2, 2).mean(axis=(1, 3))


def bce(z, y):
    """Mean binary cross-entropy from logits: log(1 + e^z) - y z."""
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def half_square(z, y, problem):
    """TensorFlow Playground's loss: mean (o - t)^2 / 2, o = tanh z and t = 2y - 1 for
    classification, o = z and t = y for regression."""
    if problem == "classification":
        return float(np.mean((np.tanh(z) - (2 * y - 1)) ** 2) / 2)
    return float(np.mean((z - y) ** 2) / 2)


def upsample_by_interp(M):
    n = M.shape[0]
    pos = np.clip((np.arange(2 * n) + 0.5) / 2 - 0.5, 0, n - 1)
    R = np.array([np.interp(pos, np.arange(n), row) for row in M])
    return np.array([np.interp(pos, np.arange(n), col) for col in R.T]).T


def is_orange(rgba):  # the Playground's negative
    return rgba[0] > rgba[2] + 0.1


def is_blue(rgba):  # the Playground's positive
    return rgba[2] > rgba[0] + 0.1


@pytest.fixture
def pg():
    return playground({"dataset": "circle", "hidden": [4, 2], "seed": 0})


# -- the configuration ---------------------------------------------------------------


def test_default_config_is_plain_json_and_validates_to_itself():
    text = json.dumps(DEFAULT_CONFIG)
    assert json.loads(text) == DEFAULT_CONFIG
    assert validate_config(None) == DEFAULT_CONFIG
    assert validate_config(json.loads(text)) == DEFAULT_CONFIG
    # filled in, a fresh copy: changing it leaves the defaults alone
    cfg = validate_config({"hidden": [3, 3, 3]})
    cfg["features"].append("x1^2")
    assert DEFAULT_CONFIG["features"] == ["x1", "x2"]
    assert validate_config({"problem": "regression"})["dataset"] == "reg-plane"
    assert validate_config({"lr": 0.05})["lr"] == 0.05  # not on the menu: allowed
    # TensorFlow Playground's defaults
    assert (DEFAULT_CONFIG["dataset"], DEFAULT_CONFIG["noise"], DEFAULT_CONFIG["hidden"],
            DEFAULT_CONFIG["lr"], DEFAULT_CONFIG["batch_size"], DEFAULT_CONFIG["init"],
            DEFAULT_CONFIG["loss"]) == ("circle", 0.0, [4, 2], 0.03, 10, "playground",
                                        "square")


@pytest.mark.parametrize("bad, error, match", [
    ({"hiden": [2]}, ValueError, r"unknown key 'hiden'; the keys are \['problem'"),
    ({"problem": "clustering"}, ValueError, r"config\['problem'\] must be one of"),
    ({"dataset": "reg-plane"}, ValueError, r"config\['dataset'\] must be one of \['circle'.*"
                                           r"classification problem; got 'reg-plane'"),
    ({"dataset": "circles"}, ValueError, r"'circles' is now called 'circle'"),
    ({"problem": "regression", "dataset": "xor"}, ValueError, r"for the regression problem"),
    ({"noise": 0.9}, ValueError, r"config\['noise'\] must be a number from 0.0 to 0.8"),
    ({"noise": "low"}, TypeError, r"config\['noise'\] must be a number"),
    ({"train_fraction": 1.0}, ValueError, r"config\['train_fraction'\]"),
    ({"batch_size": 0}, ValueError, r"config\['batch_size'\] must be an int from 1 to 5000"),
    ({"batch_size": 10.0}, TypeError, r"config\['batch_size'\] must be an int"),
    ({"seed": -1}, ValueError, r"config\['seed'\]"),
    ({"features": []}, ValueError, r"config\['features'\].*at least one"),
    ({"features": ["x1", "x3"]}, ValueError, r"config\['features'\].*unknown feature 'x3'"),
    ({"features": ["x1", "x1"]}, ValueError, r"config\['features'\].*repeat"),
    ({"features": "x1"}, TypeError, r"config\['features'\] must be a list"),
    ({"hidden": [2] * 11}, ValueError, r"config\['hidden'\] may hold at most 10 layers "
                                       r"\(the controls stop at 6\)"),
    ({"hidden": [4, 17]}, ValueError, r"config\['hidden'\]\[1\] must be an int from 1 to 16 "
                                      r"\(the controls stop at 8\)"),
    ({"hidden": [0]}, ValueError, r"config\['hidden'\]\[0\]"),
    ({"hidden": [True]}, TypeError, r"config\['hidden'\]\[0\] must be an int"),
    ({"hidden": 4}, TypeError, r"config\['hidden'\] must be a list"),
    ({"activation": "softmax"}, ValueError, r"config\['activation'\] must be one of"),
    ({"lr": 0}, ValueError, r"config\['lr'\] must be a number > 0"),
    ({"lr": 20.0}, ValueError, r"config\['lr'\] must be a number from 0.0 to 10.0"),
    ({"regularisation": "L3"}, ValueError, r"config\['regularisation'\]"),
    ({"reg_rate": -0.1}, ValueError, r"config\['reg_rate'\]"),
    ({"init": "ones"}, ValueError, r"config\['init'\] must be one of \['playground', 'zeros', "
                                   r"'auto'\]"),
    ({"loss": "hinge"}, ValueError, r"config\['loss'\] must be one of \['square', "
                                    r"'cross_entropy'\]"),
    ({"problem": "regression", "loss": "cross_entropy"}, ValueError,
     r"config\['loss'\] must be 'square' for the regression problem"),
    ({"show_test": "yes"}, TypeError, r"config\['show_test'\] must be True or False"),
    ({"n_points": 10}, ValueError, r"config\['n_points'\] must be an int from 20 to 5000"),
    ([("dataset", "xor")], TypeError, r"config must be a dict"),
])
def test_bad_configs_are_refused_naming_the_key(bad, error, match):
    with pytest.raises(error, match=match):
        validate_config(bad)


# -- the data ------------------------------------------------------------------------


def as_rows(X, y):
    """Rows (x1, x2, y) sorted, to compare point sets regardless of the split's order."""
    rows = np.column_stack([X, y])
    return rows[np.lexsort(rows.T[::-1])]


# where the book's moons and blobs are put (the docstring of playground_data)
BOOK_SETS = {
    "moons": (datasets.moons, lambda X: (X - [0.5, 0.25]) * 10.0 / 3.0, 1.0),
    "blobs": (datasets.blobs, lambda X: X * 5.0 / 3.0, 3.0),
}


@pytest.mark.parametrize("name", list(BOOK_SETS))
def test_the_books_moons_and_blobs_are_placed_in_the_view(name):
    make, place, gain = BOOK_SETS[name]
    X, y = make(n=200, noise=gain * 0.1, seed=4)
    X_tr, y_tr, X_te, y_te = playground_data(
        {"dataset": name, "noise": 0.1, "n_points": 200, "seed": 4})
    assert len(X_tr) + len(X_te) == 200
    assert_allclose(as_rows(np.vstack([X_tr, X_te]), np.concatenate([y_tr, y_te])),
                    as_rows(place(X), y), atol=1e-12)


@pytest.mark.parametrize("name, curve", [("curve-sin", lambda x: 3 * np.sin(x)),
                                         ("curve-cubic", lambda x: x ** 3 / 20 - x),
                                         ("curve-abs", lambda x: np.abs(x) - 3)])
def test_the_function_boundaries(name, curve):
    X, y = np.vstack(playground_data({"dataset": name})[::2]), \
        np.concatenate(playground_data({"dataset": name})[1::2])
    assert np.abs(X).max() <= 6 and X.min() < -5.8
    assert_array_equal(y, (X[:, 1] > curve(X[:, 0])).astype(int))
    assert 0.3 < y.mean() < 0.7
    noisy = np.concatenate(playground_data({"dataset": name, "noise": 0.3})[1::2])
    X_n = np.vstack(playground_data({"dataset": name, "noise": 0.3})[::2])
    assert 0.02 < np.mean(noisy != (X_n[:, 1] > curve(X_n[:, 0]))) < 0.4


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.8])
def test_the_training_share_as_the_playground_splits(fraction):
    X_tr, y_tr, X_te, y_te = playground_data({"train_fraction": fraction, "n_points": 400})
    assert len(X_tr) + len(X_te) == 400
    assert len(X_tr) == math.floor(400 * round(fraction * 100) / 100)


@pytest.mark.parametrize("name, surface", [
    ("reg-bump", lambda X: 2 * np.exp(-(X ** 2).sum(axis=1) / (2 * 2.0 ** 2)) - 1),
    ("reg-max", lambda X: X.max(axis=1) / 5),
    ("reg-argmax", lambda X: np.where(X[:, 1] > X[:, 0], 1.0, -1.0)),
])
def test_the_books_surfaces_on_the_playgrounds_square(name, surface):
    X_tr, t_tr, X_te, t_te = playground_data({"problem": "regression", "dataset": name})
    X, t = np.vstack([X_tr, X_te]), np.concatenate([t_tr, t_te])
    assert len(X) == 1200 and np.abs(X).max() <= 6
    assert_allclose(t, surface(X), atol=1e-12)


# -- the model, the training and the picture ------------------------------------------


def check_picture(pg):
    """Every moving artist against the test's own forward pass over its own grid."""
    cfg, d = pg.config, pg.display
    params = pg.model.params
    sign = (lambda m: np.where(m >= 0, 1.0, -1.0)) if cfg["discretise"] else \
        (lambda m: np.clip(m, -1, 1))
    outs = forward(params, cfg["activation"], phi(cfg["features"], X1, X2))
    for l, A in enumerate(outs[:-1]):
        assert len(d.neuron_images_[l]) == A.shape[1] == cfg["hidden"][l]
        for j, im in enumerate(d.neuron_images_[l]):
            want = block_mean(sign(A[:, j].reshape(N, N)))
            assert_allclose(im.get_array(), want, atol=1e-9)
    z = outs[-1][:, 0].reshape(N, N)
    if cfg["problem"] == "classification":
        # the Playground's tanh output, or 2 P(class 1) - 1 with the cross-entropy
        colour = np.tanh(z) if cfg["loss"] == "square" else 2.0 / (1.0 + np.exp(-z)) - 1.0
    else:
        colour = z
    colour = sign(colour)
    assert_allclose(d.output_image_.get_array(), block_mean(colour), atol=1e-9)
    if d.view == "output":
        assert_allclose(d.big_map_, colour, atol=1e-9)
    assert_allclose(d.heatmap_.get_array(), upsample_by_interp(d.big_map_), atol=1e-12)
    # weights: one segment per entry of W, blue when positive, orange when negative (the
    # Playground's colours), wider when larger
    assert len(d.link_layers_) == len(d.bias_layers_) == len(params)
    assert len(d.links_.get_segments()) == sum(W.size for W, _ in params)
    for (W, b), links, biases in zip(params, d.link_layers_, d.bias_layers_):
        w = W.ravel()
        widths = np.asarray(d.links_.get_linewidths())[links]
        colours = d.links_.get_colors()[links]
        assert len(w) == len(widths) == len(colours)
        assert_allclose(widths, np.minimum(1 + 1.8 * np.abs(w), 10) * 72 / 80)
        for wk, rgba in zip(w, colours):
            if wk > 0.2:
                assert is_blue(rgba), (wk, rgba)
            elif wk < -0.2:
                assert is_orange(rgba), (wk, rgba)
        assert_allclose(d.biases_.get_array()[biases], np.clip(b, -1, 1))
    # the loss curves are the history; the last training loss is the data loss of the
    # model on the training points, computed here
    h = pg.history
    x, yv = d.loss_lines_["train"].get_data()
    assert_allclose(x, h["epoch"])
    top = d.ax_loss_.get_ylim()[1]
    assert_allclose(yv, np.minimum(h["train_loss"], top))
    z_train = forward(params, cfg["activation"], phi(cfg["features"], *pg.X_train.T))[-1][:, 0]
    if cfg["problem"] == "classification":
        want = half_square(z_train, pg.y_train, "classification") \
            if cfg["loss"] == "square" else bce(z_train, pg.y_train)
        assert h["train_loss"][-1] == pytest.approx(want, rel=1e-9)
        assert h["train_acc"][-1] == pytest.approx(np.mean((z_train >= 0) == pg.y_train))
    else:
        assert h["train_loss"][-1] == pytest.approx(
            half_square(z_train, pg.y_train, "regression"), rel=1e-9)


def test_a_new_playground_is_the_configured_network_at_epoch_0(pg):
    assert pg.model.sizes == (2, 4, 2, 1)
    assert pg.model.activation == "tanh"
    assert pg.trainer.model is pg.model
    assert pg.trainer.loss == "square" and pg.trainer.output == "tanh"
    assert pg.trainer.lr == 0.03 and pg.trainer.batch_size == 10
    assert pg.epoch == 0 and pg.history["epoch"] == [0]
    # TensorFlow Playground's initial weights, drawn from the configuration's seed
    fresh = initial_params([2, 4, 2, 1], "playground", np.random.default_rng([0, 1, 0]))
    for (W, b), (W0, b0) in zip(pg.model.params, fresh):
        assert_array_equal(W, W0)
        assert_array_equal(b, b0)
    d = pg.display
    assert_allclose(d.train_points_.get_offsets(), pg.X_train)
    assert not d.test_points_.get_visible()
    check_picture(pg)
    assert pg.image.value[:4] == b"\x89PNG"


def test_step_trains_whole_epochs_and_the_picture_follows(pg):
    before = [W.copy() for W, _ in pg.model.params]
    pg.controls["step"].click()  # the Step button: one epoch
    assert pg.epoch == 1 and pg.trainer.steps == 25
    pg.step(4)
    assert pg.epoch == 5 and pg.history["epoch"] == [0, 1, 2, 3, 4, 5]
    assert not np.allclose(before[0], pg.model.params[0][0])
    assert "EPOCH" in pg.epoch_label.value and ">000,005<" in pg.epoch_label.value
    assert pg.history["train_loss"][-1] < pg.history["train_loss"][0]
    pg.step(0)
    assert pg.epoch == 5
    check_picture(pg)


def test_changing_the_data_set_draws_new_points_and_restarts(pg):
    pg.step(3)
    old = pg.X_train.copy()
    pg.controls["dataset"].value = "xor"
    assert pg.config["dataset"] == "xor" and pg.epoch == 0
    X_tr, y_tr, _, _ = playground_data(pg.config)
    assert_array_equal(pg.X_train, X_tr)
    assert_array_equal(pg.y_train, y_tr)
    assert not np.array_equal(old, pg.X_train)
    assert_allclose(pg.display.train_points_.get_offsets(), X_tr)
    check_picture(pg)


def test_adding_and_removing_layers_and_neurons(pg):
    c = pg.controls
    c["add_layer"].click()  # a new layer has 2 neurons, as in the Playground
    assert pg.config["hidden"] == [4, 2, 2] and pg.model.sizes == (2, 4, 2, 2, 1)
    assert [len(row) for row in pg.display.neuron_images_] == [4, 2, 2]
    assert len(pg.display.link_layers_) == 4 and len(c["neurons"]) == 3
    minus, plus = c["neurons"][2]
    plus.click()
    plus.click()
    assert pg.config["hidden"] == [4, 2, 4] and pg.model.sizes == (2, 4, 2, 4, 1)
    pg.step(2)
    check_picture(pg)
    for _ in range(5):
        c["neurons"][0][0].click()  # down to 1 neuron, and no further
    assert pg.config["hidden"] == [1, 2, 4]
    for _ in range(8):
        c["neurons"][2][1].click()  # up to 8, and no further
    assert pg.config["hidden"] == [1, 2, 8]
    for _ in range(8):
        c["remove_layer"].click()
    assert pg.config["hidden"] == [] and pg.model.sizes == (2, 1)
    assert pg.display.neuron_images_ == [] and len(pg.display.link_layers_) == 1
    pg.step(1)
    check_picture(pg)
    for _ in range(7):
        c["add_layer"].click()
    assert pg.config["hidden"] == [2] * 6  # at most 6 layers
    assert "6</b> hidden layers" in pg.layers_label.value


def test_features_change_the_inputs(pg):
    buttons = pg.controls["features"]
    buttons["x1^2"].value = True
    buttons["sin(x2)"].value = True
    assert pg.config["features"] == ["x1", "x2", "x1^2", "sin(x2)"]
    assert pg.model.sizes == (4, 4, 2, 1) and pg.epoch == 0
    # each feature's thumbnail: its values over the plane, clipped to [-1, 1] (the
    # Playground's colour scale)
    for im, name in zip(pg.display.feature_images_, pg.config["features"]):
        m = block_mean(FEATURE_FUNCS[name](X1, X2))
        assert_allclose(im.get_array(), np.clip(m, -1, 1), atol=1e-12)
    pg.step(2)
    check_picture(pg)
    for name in ("x1", "x2", "x1^2", "sin(x2)"):
        buttons[name].value = False
    # the last one stays on: the network needs an input
    assert pg.config["features"] == ["sin(x2)"] and buttons["sin(x2)"].value
    assert pg.model.sizes == (1, 4, 2, 1)


def test_reset_draws_new_initial_weights(pg):
    first = [W.copy() for W, _ in pg.model.params]
    pg.step(5)
    pg.controls["reset"].click()
    assert pg.epoch == 0 and pg.history["epoch"] == [0]
    assert not np.allclose(first[0], pg.model.params[0][0])  # the Playground's Reset
    again = initial_params([2, 4, 2, 1], "playground", np.random.default_rng([0, 1, 1]))
    assert all(np.array_equal(W, W1) for (W, _), (W1, _) in zip(pg.model.params, again))
    check_picture(pg)
    # any other change starts from the configuration's own first weights again
    pg.controls["activation"].value = "relu"
    pg.controls["activation"].value = "tanh"
    assert all(np.array_equal(W, W0) for (W, _), W0 in zip(pg.model.params, first))


def test_the_learning_rate_acts_on_the_run_and_regularisation_restarts(pg):
    pg.step(2)
    pg.controls["lr"].value = 0.3
    assert pg.epoch == 2 and pg.trainer.lr == 0.3  # no restart
    pg.step(1)
    pg.controls["regularisation"].value = "L1"  # the Playground resets here
    assert pg.epoch == 0 and pg.trainer.regularisation == "L1"
    pg.step(1)
    pg.controls["reg_rate"].value = 0.01
    assert pg.epoch == 0 and pg.trainer.reg_rate == 0.01
    assert pg.config["lr"] == 0.3 and pg.config["regularisation"] == "L1"


def test_l1_sets_weights_to_exactly_zero():
    """The chapter's experiment: with L1 many weights end up exactly 0 and stay there."""
    base = {"features": list(features.FEATURES), "hidden": [6, 6], "seed": 1}
    zero = {}
    for reg in ("none", "L1"):
        p = playground({**base, "regularisation": reg, "reg_rate": 0.01 if reg == "L1" else 0.0})
        p.step(150, redraw=False)
        w = np.concatenate([W.ravel() for W, _ in p.model.params])
        zero[reg] = np.mean(w == 0.0)
        if reg == "L1":
            dead = np.concatenate([~a.ravel() for a in p.trainer.alive])
            assert np.array_equal(dead, w == 0.0)
    assert zero["none"] == 0 and zero["L1"] > 0.5, zero


def test_zero_initial_weights_keep_the_neurons_of_a_layer_identical():
    p = playground({"init": "zeros", "hidden": [3, 3], "dataset": "xor",
                    "activation": "sigmoid"})
    p.step(10)
    for W, _ in p.model.params[:-1]:
        assert_allclose(W, W[:1].repeat(len(W), axis=0))
    for row in p.display.neuron_images_:
        for im in row[1:]:
            assert_allclose(im.get_array(), row[0].get_array())
    check_picture(p)


def test_show_test_discretise_and_the_big_view(pg):
    c, d = pg.controls, pg.display
    c["show_test"].value = True
    assert d.test_points_.get_visible()
    assert_allclose(d.test_points_.get_offsets(), pg.X_test)
    pg.step(3)
    c["discretise"].value = True  # every map shows its sign, as in the Playground
    assert set(np.unique(d.big_map_)) <= {-1.0, 1.0}
    for im in d.feature_images_:
        assert set(np.unique(im.get_array())) <= {-1.0, 1.0}
    check_picture(pg)
    c["discretise"].value = False
    c["view"].value = (1, 3)  # layer 1, neuron 3 in the big view
    W, b = pg.model.params[0]
    a = np.tanh(phi(["x1", "x2"], X1, X2) @ W[2] + b[2]).reshape(N, N)
    assert_allclose(d.big_map_, np.clip(a, -1, 1), atol=1e-12)
    assert "hidden layer 1, neuron 3" in d._out_sub.get_text()
    assert d._frames[(1, 3)].get_facecolor()[:3] != d._frames[(1, 1)].get_facecolor()[:3]
    pg.step(1)
    assert_allclose(d.heatmap_.get_array(), upsample_by_interp(d.big_map_), atol=1e-12)
    c["remove_layer"].click()
    c["remove_layer"].click()  # that neuron is gone: back to the output
    assert d.view == "output" and c["view"].value == "output"


def test_the_cross_entropy_is_an_option(pg):
    pg.controls["loss"].value = "cross_entropy"
    assert pg.epoch == 0 and pg.trainer.output == "sigmoid"
    pg.step(3)
    check_picture(pg)
    pg.controls["problem"].value = "regression"  # regression: the square loss only
    assert pg.config["loss"] == "square" and pg.controls["loss"].disabled


def test_regression_problem(pg):
    pg.controls["problem"].value = "regression"
    assert pg.config["dataset"] == "reg-plane" and pg.trainer.output == "linear"
    assert pg.controls["dataset"].value == "reg-plane" and len(pg.X_train) == 600
    assert "train_acc" not in pg.history
    pg.controls["dataset"].value = "reg-gauss"
    assert_allclose(pg.display.train_points_.get_array(), np.clip(pg.y_train, -1, 1))
    pg.step(3)
    check_picture(pg)


def test_regenerate_draws_new_points_and_keeps_the_network(pg):
    pg.step(4)
    old, weights = pg.X_train.copy(), [W.copy() for W, _ in pg.model.params]
    pg.controls["regenerate"].click()
    assert pg.config["seed"] == 1 and pg.controls["seed"].value == 1
    assert_array_equal(pg.X_train, playground_data(pg.config)[0])
    assert not np.array_equal(old, pg.X_train)
    assert pg.epoch == 4 and len(pg.history["epoch"]) == 5  # training goes on
    assert all(np.array_equal(W, W0) for (W, _), W0 in zip(pg.model.params, weights))
    pg.step(1)
    assert pg.epoch == 5
    check_picture(pg)


def test_a_snapped_slider_value_sent_back_is_not_a_move(pg):
    """The echo rule: less than half a step from the configuration changes nothing."""
    pg.step(2)
    pg.controls["noise"].value = 1e-9
    assert pg.epoch == 2 and pg.config["noise"] == 0.0
    pg.controls["noise"].value = 0.2
    assert pg.epoch == 0 and pg.config["noise"] == 0.2


def test_the_config_round_trip(pg):
    c = pg.controls
    c["dataset"].value = "spiral"
    c["features"]["sin(x1)"].value = True
    c["add_layer"].click()
    c["activation"].value = "relu"
    c["regularisation"].value = "L2"
    c["reg_rate"].value = 0.001
    cfg = pg.config
    assert json.loads(json.dumps(cfg)) == cfg
    assert json.loads(c["config"].value) == cfg  # the text the reader copies
    twin = playground(json.loads(json.dumps(cfg)))
    assert twin.config == cfg
    assert_array_equal(twin.X_train, pg.X_train)
    pg.step(3)
    twin.step(3)
    for (W, b), (W2, b2) in zip(pg.model.params, twin.model.params):
        assert_array_equal(W, W2)
        assert_array_equal(b, b2)
    # and loading it back into a third one, through the text box
    other = playground({"dataset": "moons", "hidden": [1]})
    other.controls["config"].value = json.dumps(cfg)
    other.controls["load"].click()
    assert other.config == cfg and other.model.sizes == pg.model.sizes
    assert other.controls["dataset"].value == "spiral"
    assert other.controls["features"]["sin(x1)"].value
    assert other.controls["activation"].value == "relu"
    other.controls["config"].value = "{'hidden': [17]}"
    other.controls["load"].click()
    assert "Not loaded" in other.status.value and "config['hidden'][0]" in other.status.value
    assert other.config == cfg


def test_a_tensorflow_playground_link_loads(pg):
    url = ("https://playground.tensorflow.org/#activation=sigmoid&batchSize=20"
           "&dataset=xor&learningRate=0.1&noise=15&networkShape=3,3&seed=12"
           "&xSquared=true&percTrainData=70")
    p = playground(url)
    want = {"activation": "sigmoid", "batch_size": 20, "dataset": "xor", "lr": 0.1,
            "noise": 0.15, "hidden": [3, 3], "seed": 12, "train_fraction": 0.7,
            "features": ["x1", "x2", "x1^2"]}
    assert p.config == validate_config(want)
    pg.controls["config"].value = url  # pasted into the box
    pg.controls["load"].click()
    assert pg.config == p.config and pg.controls["dataset"].value == "xor"
    assert pg.controls["batch_size"].value == 20
    assert config_to_url(pg.config).split("#")[1].startswith("activation=sigmoid")


def test_any_weight_or_bias_can_be_set_and_the_picture_follows(pg):
    pg.step(2)
    c = pg.controls
    keys = [key for _, key in c["edit"].options if key is not None]
    assert len(keys) == sum(W.size + b.size for W, b in pg.model.params)  # all of them
    c["edit"].value = ("weight", 1, 1, 3)  # layer 2, from neuron 4 to neuron 2
    assert c["edit_value"].value == pytest.approx(pg.model.params[1][0][1, 3])
    assert len(pg.display._highlight.get_segments()) == 1
    c["edit_value"].value = -2.5
    c["set_value"].click()
    assert pg.model.params[1][0][1, 3] == -2.5 and pg.epoch == 2
    assert "-2.5" in pg.edit_label.value
    check_picture(pg)  # losses of epoch 2 recomputed with the new weight
    pg.set_param(("bias", 2, 0), 1.5)
    assert pg.model.params[2][1][0] == 1.5
    check_picture(pg)
    with pytest.raises(ValueError, match="value must be a finite number"):
        pg.set_param(("bias", 2, 0), float("nan"))
    with pytest.raises(ValueError, match="j must be an int from 0 to 1"):
        pg.set_param(("weight", 1, 5, 0), 1.0)


def test_export_as_json_and_as_a_numpy_function(pg):
    pg.step(5)
    pg.controls["export_json"].click()
    exported = json.loads(pg.controls["export"].value)
    assert exported["config"] == pg.config and exported["epoch"] == 5
    back = playground(exported)
    for (W, b), (W2, b2) in zip(pg.model.params, back.model.params):
        assert_array_equal(W, W2)
        assert_array_equal(b, b2)
    assert back.history["test_loss"][-1] == pytest.approx(pg.history["test_loss"][-1])
    pg.controls["export_numpy"].click()
    space = {}
    exec(pg.controls["export"].value, space)  # noqa: S102 (the code written out)
    X = np.random.default_rng(0).uniform(-6, 6, size=(50, 2))
    z = forward(pg.model.params, "tanh", phi(["x1", "x2"], X[:, 0], X[:, 1]))[-1][:, 0]
    assert_allclose(space["predict"](X), np.tanh(z), rtol=0, atol=1e-13)
    # loaded back, the same code but for the epoch it counts from (0)
    assert network_source(PlaygroundRun(exported)) == \
        pg.controls["export"].value.replace("epoch 5)", "epoch 0)")


def test_your_own_points_from_arrays_and_from_a_csv(tmp_path):
    rng = np.random.default_rng(1)
    X = rng.uniform(-5, 5, size=(120, 2))
    y = np.where(X[:, 0] + 2 * X[:, 1] > 1, 1, -1)  # the Playground's -1 / +1 labels
    p = playground({"hidden": [2]}, X=X, y=y)
    assert p.config["dataset"] == "own" and p.controls["dataset"].value == "own"
    assert len(p.X_train) == 60 and set(np.unique(p.y_train)) <= {0, 1}
    assert_allclose(as_rows(np.vstack([p.X_train, p.X_test]),
                            np.concatenate([p.y_train, p.y_test])),
                    as_rows(X, (y > 0).astype(int)))
    p.step(30)
    assert p.history["test_acc"][-1] > 0.9
    check_picture(p)
    p.controls["dataset"].value = "xor"  # the Playground's sets are still there
    assert p.config["dataset"] == "xor"
    p.controls["dataset"].value = "own"
    assert len(p.X_train) == 60
    # a CSV with a target column: regression
    path = tmp_path / "points.csv"
    path.write_text("x1,x2,target\n" + "\n".join(f"{a},{b},{(a - b) / 10}" for a, b in X))
    r = run_playground({"hidden": []}, 20, csv=path)
    assert r.cfg["problem"] == "regression" and r.history["test_loss"][-1] < 0.01
    X_csv, t_csv, problem = read_points_csv(path)
    assert_allclose(X_csv, X) and problem == "regression"


@pytest.mark.parametrize("X, y, error, match", [
    (np.zeros((10, 3)), np.zeros(10), ValueError, r"X must have 2 features"),
    (np.full((10, 2), 7.0), np.zeros(10), ValueError, r"X must lie in the Playground's "
                                                       r"square \[-6, 6\]\^2.*Scale"),
    (np.zeros((10, 2)), np.zeros(9), ValueError, r"y must have one entry per point"),
    (np.zeros((10, 2)), np.full(10, 2), ValueError, r"class labels 0 and 1 \(or the "
                                                    r"Playground's -1 and \+1\)"),
    (np.zeros((10, 2)), ["a"] * 10, TypeError, r"y must be an array of numbers"),
    (np.zeros((2, 2)), np.zeros(2), ValueError, r"X must hold from 4 to 5000 points"),
])
def test_bad_own_points_are_refused(X, y, error, match):
    with pytest.raises(error, match=match):
        playground(None, X=X, y=y)


@pytest.mark.parametrize("text, match", [
    ("x1,x2\n1,2\n", r"label \(or target\) missing"),
    ("x1,x2,label\n1,2,1\n3,x,0\n", r"line 3, column x2: 'x' is not a number"),
    ("x1,x2,label\n", r"no points"),
])
def test_bad_csv_files_are_refused(tmp_path, text, match):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=match):
        read_points_csv(path)


def test_a_configuration_in_code_may_go_beyond_the_controls():
    cfg = {"hidden": [12] * 8, "batch_size": 100, "noise": 0.7}
    p = playground(cfg)
    assert p.model.sizes == (2, *[12] * 8, 1)
    assert p.controls["batch_size"].value == 100 and p.controls["batch_size"].max == 100
    assert p.controls["noise"].value == 0.7
    p.step(2)
    check_picture(p)
    p.controls["neurons"][0][1].click()  # +: no further from the buttons
    assert p.config["hidden"][0] == 12
    p.controls["neurons"][0][0].click()  # -: fine
    assert p.config["hidden"][0] == 11
    p.controls["add_layer"].click()  # 8 layers already: the button adds none
    assert len(p.config["hidden"]) == 8
    assert LIMITS["layers"] == 10 and LIMITS["neurons"] == 16
    with pytest.raises(ValueError, match=r"batch_size 300 is larger than the 250 training "
                                         r"points: .* none would ever happen"):
        run_playground({"batch_size": 300}, 1)


def test_a_learning_rate_too_large_diverges_and_says_so():
    p = playground({"problem": "regression", "hidden": [], "features": ["x1^2", "x2^2"],
                    "lr": 1.0})
    p.controls["play"].value = True  # no event loop here: the flag only
    p.step(20)
    assert p.trainer.diverged and not p.playing
    assert "Diverged" in p.status.value and "too large" in p.status.value
    assert p.epoch < 20


def test_the_fast_frame_is_the_full_drawing():
    """A frame painted from the kept background (pasted thumbnails, blended points)
    looks like matplotlib drawing the whole figure."""
    from PIL import Image

    p = playground({"dataset": "spiral", "hidden": [4, 4], "show_test": True})
    p.step(3)
    fast = np.asarray(Image.open(io.BytesIO(p.image.value)).convert("RGB")).astype(int)
    assert fast.shape == (416, 860, 3)
    r = p._renderer
    for artist in r.dynamic + r.overlays:
        artist.set_animated(False)
    p.figure.canvas.draw()
    full = np.asarray(p.figure.canvas.buffer_rgba())[:, :, :3].astype(int)
    diff = np.abs(fast - full).max(axis=2)
    assert np.mean(diff <= 1) > 0.99
    assert np.mean(diff > 3) < 2e-4  # a few pixels where antialiased points overlap


def test_play_runs_frames_on_the_event_loop_until_paused():
    p = playground({"hidden": [4, 4], "dataset": "spiral"})

    async def session():
        p.controls["play"].value = True
        await asyncio.sleep(0.6)
        p.controls["play"].value = False
        await asyncio.sleep(0.1)

    asyncio.run(session())
    assert p.epoch >= 2 and len(p.frame_times) == p.epoch
    assert p.controls["play"].icon == "play"
    epoch = p.epoch
    assert p.history["epoch"][-1] == epoch


def test_record_playground_for_the_website():
    anim = record_playground({"dataset": "xor", "hidden": [3]}, epochs=10, max_frames=4)
    assert anim.epochs.tolist() == [0, 3, 7, 10]
    html = anim.to_jshtml()
    assert html.count("data:image/png;base64") == 4
    assert anim.history["epoch"][-1] == 10
    with pytest.raises(ValueError, match="epochs must be an int >= 1"):
        record_playground(None, epochs=0)
    with pytest.raises(ValueError, match="max_frames must be an int >= 2"):
        record_playground(None, epochs=5, max_frames=1)


def test_the_playground_class_and_function_agree():
    a, b = Playground({"dataset": "moons"}), playground({"dataset": "moons"})
    assert a.config == b.config
    assert a._repr_mimebundle_()["application/vnd.jupyter.widget-view+json"]


def test_run_playground_is_the_widget_without_the_picture():
    # the chapter measures its tour with run_playground: it must train exactly what
    # ten presses of Step train, and record the full-training-set loss
    cfg = {"dataset": "moons", "hidden": [3], "regularisation": "L2", "reg_rate": 0.01,
           "seed": 4}
    pg = playground(cfg)
    pg.step(10)
    run = run_playground(cfg, 10)
    assert run.trainer.epoch == pg.trainer.epoch == 10
    for (W, b), (W_r, b_r) in zip(pg.model.params, run.model.params):
        assert np.array_equal(W, W_r) and np.array_equal(b, b_r)
    # the history: the data loss on all training points (no penalty), as the
    # Playground's curve
    z = forward(run.model.params, "tanh", run.Phi_train)[-1][:, 0]
    assert run.history["train_loss"][-1] == pytest.approx(
        half_square(z, run.y_train, "classification"), rel=1e-12)
    with pytest.raises(ValueError, match="epochs"):
        run_playground(cfg, -1)


def test_the_books_own_words_match_the_code():
    """The status line says how many updates an epoch makes and what is carried."""
    p = playground({"batch_size": 30})
    assert re.search(r"one epoch = 8 updates on batches of 30 \(the last 10 points join "
                     r"the next epoch's first batch\)", p.status.value)
    assert isinstance(export_network(p._run), dict)
