"""The Playground (Chapter 7): drive its controls as a reader would and check the model
and the drawn artists against numbers computed here.

The test's own references: the grid of cell centres, every feature and every neuron's
output over it (a forward pass written out below with numpy), the losses (written out),
linear interpolation by ``np.interp``, and the points of :mod:`nncore.datasets` and
:mod:`nncore.features` scaled by hand.
"""

import asyncio
import io
import json
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from nncore import datasets, features, losses
from nncore.mlp import MLP
from nncore.playground import (DEFAULT_CONFIG, Playground, PlaygroundRun, playground,
                               playground_data, record_playground, run_playground,
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


def upsample_by_interp(M):
    n = M.shape[0]
    pos = np.clip((np.arange(2 * n) + 0.5) / 2 - 0.5, 0, n - 1)
    R = np.array([np.interp(pos, np.arange(n), row) for row in M])
    return np.array([np.interp(pos, np.arange(n), col) for col in R.T]).T


def is_orange(rgba):
    return rgba[0] > rgba[2] + 0.1


def is_blue(rgba):
    return rgba[2] > rgba[0] + 0.1


@pytest.fixture
def pg():
    return playground({"dataset": "circles", "hidden": [4, 2], "seed": 0})


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
    assert validate_config({"problem": "regression"})["dataset"] == "plane"
    assert validate_config({"lr": 0.05})["lr"] == 0.05  # not on the menu: allowed


@pytest.mark.parametrize("bad, error, match", [
    ({"hiden": [2]}, ValueError, r"unknown key 'hiden'; the keys are \['problem'"),
    ({"problem": "clustering"}, ValueError, r"config\['problem'\] must be one of"),
    ({"dataset": "plane"}, ValueError, r"config\['dataset'\] must be one of \['circles'.*"
                                       r"classification problem; got 'plane'"),
    ({"problem": "regression", "dataset": "xor"}, ValueError, r"for the regression problem"),
    ({"noise": 0.6}, ValueError, r"config\['noise'\] must be a number from 0.0 to 0.5"),
    ({"noise": "low"}, TypeError, r"config\['noise'\] must be a number"),
    ({"train_fraction": 1.0}, ValueError, r"config\['train_fraction'\]"),
    ({"batch_size": 0}, ValueError, r"config\['batch_size'\] must be an int from 1 to 30"),
    ({"batch_size": 10.0}, TypeError, r"config\['batch_size'\] must be an int"),
    ({"seed": -1}, ValueError, r"config\['seed'\]"),
    ({"features": []}, ValueError, r"config\['features'\].*at least one"),
    ({"features": ["x1", "x3"]}, ValueError, r"config\['features'\].*unknown feature 'x3'"),
    ({"features": ["x1", "x1"]}, ValueError, r"config\['features'\].*repeat"),
    ({"features": "x1"}, TypeError, r"config\['features'\] must be a list"),
    ({"hidden": [2] * 7}, ValueError, r"config\['hidden'\] may hold at most 6 layers"),
    ({"hidden": [4, 9]}, ValueError, r"config\['hidden'\]\[1\] must be an int from 1 to 8"),
    ({"hidden": [0]}, ValueError, r"config\['hidden'\]\[0\]"),
    ({"hidden": [True]}, TypeError, r"config\['hidden'\]\[0\] must be an int"),
    ({"hidden": 4}, TypeError, r"config\['hidden'\] must be a list"),
    ({"activation": "softmax"}, ValueError, r"config\['activation'\] must be one of"),
    ({"lr": 0}, ValueError, r"config\['lr'\] must be a number > 0"),
    ({"lr": 20.0}, ValueError, r"config\['lr'\] must be a number from 0.0 to 10.0"),
    ({"regularisation": "L3"}, ValueError, r"config\['regularisation'\]"),
    ({"reg_rate": -0.1}, ValueError, r"config\['reg_rate'\]"),
    ({"init": "ones"}, ValueError, r"config\['init'\] must be one of \['auto', 'zeros'\]"),
    ({"show_test": "yes"}, TypeError, r"config\['show_test'\] must be True or False"),
    ({"n_points": 10}, ValueError, r"config\['n_points'\] must be an int from 20 to 2000"),
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


# where each toy set's clean shape is put (the docstring of playground_data)
PLACES = {
    "circles": lambda X: 5.0 * X,                          # radius 1 -> 5
    "spiral": lambda X: 5.0 * X,
    "moons": lambda X: (X - [0.5, 0.25]) * 10.0 / 3.0,     # x1 in [-1, 2] -> [-5, 5]
    "xor": lambda X: 6.0 * X - 3.0,                        # corners -> (+-3, +-3)
}


# the generators behind the menu: the spiral winds 1.75 turns, as TensorFlow Playground's
MAKERS = {name: datasets.DATASETS[name] for name in PLACES}
MAKERS["spiral"] = lambda **kw: datasets.spiral(turns=1.75, **kw)


@pytest.mark.parametrize("name", list(PLACES))
def test_each_toy_set_is_moved_and_scaled_into_the_view(name):
    X, y = MAKERS[name](n=200, noise=0.1, seed=4)
    X_tr, y_tr, X_te, y_te = playground_data(
        {"dataset": name, "noise": 0.1, "n_points": 200, "seed": 4})
    assert len(X_tr) + len(X_te) == 200
    assert_allclose(as_rows(np.vstack([X_tr, X_te]), np.concatenate([y_tr, y_te])),
                    as_rows(PLACES[name](X), y), atol=1e-12)
    clean = PLACES[name](MAKERS[name](n=2000, noise=0.0)[0])
    assert np.abs(clean).max() <= 5.0 + 1e-9


def test_blobs_get_three_times_the_noise_and_room_for_it():
    X, y = datasets.blobs(n=100, noise=0.3, seed=2)  # gain 3 on noise 0.1
    X_tr, y_tr, X_te, y_te = playground_data({"dataset": "blobs", "noise": 0.1,
                                              "n_points": 100, "seed": 2})
    assert_allclose(as_rows(np.vstack([X_tr, X_te]), np.concatenate([y_tr, y_te])),
                    as_rows(X * 5.0 / 3.0, y), atol=1e-12)
    centres = np.unique(np.round(playground_data({"dataset": "blobs", "noise": 0.0})[0], 9),
                        axis=0)
    assert_allclose(centres, [[-2.5, -5 / 3], [2.5, 5 / 3]])


def test_xor_corners_and_labels():
    X_tr, y_tr, _, _ = playground_data({"dataset": "xor", "noise": 0.0})
    assert set(np.abs(X_tr).ravel().tolist()) == {3.0}
    assert_array_equal(y_tr, (X_tr[:, 0] * X_tr[:, 1] < 0).astype(int))


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.8])
def test_the_training_share_and_a_stratified_split(fraction):
    X_tr, y_tr, X_te, y_te = playground_data({"train_fraction": fraction, "n_points": 400})
    assert len(X_tr) + len(X_te) == 400
    assert abs(len(X_tr) - fraction * 400) <= 1
    assert abs(np.mean(y_tr) - 0.5) <= 1 / len(y_tr)


@pytest.mark.parametrize("name", ["plane", "gaussian_bump", "max_xy", "argmax_xy"])
def test_regression_sets_are_the_features_modules_times_5(name):
    X, t = datasets.REGRESSION[name](n=60, noise=0.2, seed=9)
    X_tr, t_tr, X_te, t_te = playground_data({"problem": "regression", "dataset": name,
                                              "noise": 0.2, "n_points": 60, "seed": 9})
    assert_allclose(as_rows(np.vstack([X_tr, X_te]), np.concatenate([t_tr, t_te])),
                    as_rows(5.0 * X, t), atol=1e-12)


# -- the model, the training and the picture ------------------------------------------


def check_picture(pg):
    """Every moving artist against the test's own forward pass over its own grid."""
    cfg, d = pg.config, pg.display
    params = pg.model.params
    outs = forward(params, cfg["activation"], phi(cfg["features"], X1, X2))
    for l, A in enumerate(outs[:-1]):
        assert len(d.neuron_images_[l]) == A.shape[1] == cfg["hidden"][l]
        for j, im in enumerate(d.neuron_images_[l]):
            want = block_mean(np.clip(A[:, j].reshape(N, N), -1, 1))
            assert_allclose(im.get_array(), want, atol=1e-9)
    z = outs[-1][:, 0].reshape(N, N)
    if cfg["problem"] == "classification":
        colour = 2.0 / (1.0 + np.exp(-z)) - 1.0  # 2 P(class 1) - 1: white at P = 1/2
        if cfg["discretise"]:
            colour = np.where(z >= 0, 1.0, -1.0)
    else:
        colour = np.clip(z, -1, 1)
    assert_allclose(d.output_image_.get_array(), block_mean(colour), atol=1e-9)
    if d.view == "output":
        assert_allclose(d.big_map_, colour, atol=1e-9)
    assert_allclose(d.heatmap_.get_array(), upsample_by_interp(d.big_map_), atol=1e-12)
    # weights: one segment per entry of W, orange when positive, blue when negative,
    # wider when larger
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
                assert is_orange(rgba), (wk, rgba)
            elif wk < -0.2:
                assert is_blue(rgba), (wk, rgba)
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
        assert h["train_loss"][-1] == pytest.approx(bce(z_train, pg.y_train), rel=1e-9)
        assert h["train_acc"][-1] == pytest.approx(np.mean((z_train >= 0) == pg.y_train))
    else:
        assert h["train_loss"][-1] == pytest.approx(np.mean((z_train - pg.y_train) ** 2))


def test_a_new_playground_is_the_configured_network_at_epoch_0(pg):
    assert pg.model.sizes == (2, 4, 2, 1)
    assert pg.model.activation == "tanh"
    assert pg.trainer.model is pg.model
    assert pg.trainer.loss == "binary_cross_entropy"
    assert pg.trainer.lr == 0.03 and pg.trainer.batch_size == 10
    assert pg.epoch == 0 and pg.history["epoch"] == [0]
    # the initial weights are those of MLP with the configuration's seed
    fresh = MLP([2, 4, 2, 1], "tanh", seed=0)
    for (W, b), (W0, b0) in zip(pg.model.params, fresh.params):
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
    assert pg.epoch == 1 and pg.trainer.steps == math.ceil(len(pg.X_train) / 10)
    pg.step(4)
    assert pg.epoch == 5 and pg.history["epoch"] == [0, 1, 2, 3, 4, 5]
    assert not np.allclose(before[0], pg.model.params[0][0])
    assert "EPOCH" in pg.epoch_label.value and ">000,005<" in pg.epoch_label.value
    assert pg.history["train_loss"][-1] < pg.history["train_loss"][0]
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
    c["add_layer"].click()
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
    # each feature's thumbnail: its values over the plane over their largest |value|
    for im, name in zip(pg.display.feature_images_, pg.config["features"]):
        m = block_mean(FEATURE_FUNCS[name](X1, X2))
        assert_allclose(im.get_array(), m / np.abs(m).max(), atol=1e-12)
    pg.step(2)
    check_picture(pg)
    for name in ("x1", "x2", "x1^2", "sin(x2)"):
        buttons[name].value = False
    # the last one stays on: the network needs an input
    assert pg.config["features"] == ["sin(x2)"] and buttons["sin(x2)"].value
    assert pg.model.sizes == (1, 4, 2, 1)


def test_reset_goes_back_to_the_initial_weights(pg):
    pg.step(5)
    pg.controls["reset"].click()
    assert pg.epoch == 0 and pg.history["epoch"] == [0]
    for (W, _), (W0, _) in zip(pg.model.params, MLP([2, 4, 2, 1], "tanh", seed=0).params):
        assert_array_equal(W, W0)
    check_picture(pg)


def test_learning_rate_and_regularisation_act_on_the_run_in_progress(pg):
    pg.step(2)
    pg.controls["lr"].value = 0.3
    pg.controls["regularisation"].value = "L1"
    pg.controls["reg_rate"].value = 0.01
    assert pg.epoch == 2  # no restart
    assert pg.trainer.lr == 0.3 and pg.trainer.l1 == 0.01 and pg.trainer.l2 == 0.0
    pg.controls["regularisation"].value = "L2"
    assert pg.trainer.l1 == 0.0 and pg.trainer.l2 == 0.01
    assert pg.config["lr"] == 0.3 and pg.config["regularisation"] == "L2"


def test_l1_prunes_weights():
    """The chapter's experiment: with L1 many weights end up near 0."""
    base = {"dataset": "circles", "features": list(features.FEATURES), "hidden": [6, 6],
            "lr": 0.03, "seed": 1}
    small = {}
    for reg in ("none", "L1"):
        p = playground({**base, "regularisation": reg, "reg_rate": 0.01 if reg == "L1" else 0.0})
        p.step(120, redraw=False)
        w = np.concatenate([W.ravel() for W, _ in p.model.params])
        small[reg] = np.mean(np.abs(w) < 0.02)
    assert small["L1"] > small["none"] + 0.3, small


def test_zero_initial_weights_keep_the_neurons_of_a_layer_identical():
    p = playground({"init": "zeros", "hidden": [3, 3], "dataset": "xor"})
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
    c["discretise"].value = True
    assert set(np.unique(d.big_map_)) <= {-1.0, 1.0}
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


def test_regression_problem(pg):
    pg.controls["problem"].value = "regression"
    assert pg.config["dataset"] == "plane" and pg.trainer.loss == "mse"
    assert pg.controls["dataset"].value == "plane"
    assert "train_acc" not in pg.history
    pg.controls["dataset"].value = "gaussian_bump"
    assert_allclose(pg.display.train_points_.get_array(), np.clip(pg.y_train, -1, 1))
    pg.step(3)
    check_picture(pg)


def test_regenerate_and_the_seed(pg):
    old = pg.X_train.copy()
    pg.controls["regenerate"].click()
    assert pg.config["seed"] == 1 and pg.controls["seed"].value == 1
    assert_array_equal(pg.X_train, playground_data(pg.config)[0])
    assert not np.array_equal(old, pg.X_train)


def test_a_snapped_slider_value_sent_back_is_not_a_move(pg):
    """The echo rule: less than half a step from the configuration changes nothing."""
    pg.step(2)
    pg.controls["noise"].value = 0.1 + 1e-9
    assert pg.epoch == 2 and pg.config["noise"] == 0.1
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
    other.controls["config"].value = "{'hidden': [9]}"
    other.controls["load"].click()
    assert "Not loaded" in other.status.value and "config['hidden'][0]" in other.status.value
    assert other.config == cfg


def test_a_learning_rate_too_large_diverges_and_says_so():
    p = playground({"problem": "regression", "dataset": "plane", "hidden": [],
                    "features": ["x1^2", "x2^2"], "lr": 1.0})
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
    # history_ after eval_train="full": the loss on all training points (+ the penalty)
    z = run.model.forward(run.Phi_train)[:, 0]
    expected = losses.binary_cross_entropy(z, run.y_train) + 0.5 * 0.01 * sum(
        float(np.sum(W ** 2)) for W, _ in run.model.params)
    assert run.trainer.history_["train_loss"][-1] == pytest.approx(expected, rel=1e-12)
    with pytest.raises(ValueError, match="epochs"):
        run_playground(cfg, -1)
    with pytest.raises(ValueError, match="eval_train"):
        PlaygroundRun(cfg, eval_train="batches")
