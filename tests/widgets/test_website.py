"""Tests of the widgets' website versions (nncore/widgets/_website.py): a widget walked
through a grid of control values by its own callbacks, its pictures and status lines
kept, behind controls that work with no kernel (nested Stacks, FrameViewers, jslinks).

Every frame is compared with what a second, live widget draws once its controls are set
to that grid point's values; the grids of the nine widgets of the book are checked
against the widgets' own controls and against what their notes say. Only small custom
grids are walked, and one whole website (the descent explorer's) is built.
"""

import io
import itertools
import math
import os
import re
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from ipywidgets.widgets.widget import _instances
from ipywidgets.widgets.widget_link import Link
from PIL import Image

from nncore import datasets
from nncore.features import FEATURES
from nncore.mlp import MLP, Trainer
from nncore.playground import playground
from nncore.playground._config import DEFAULT_CONFIG, validate_config
from nncore.playground._website import WEBSITE_EPOCHS, WEBSITE_EXPERIMENTS, website_status
from nncore.widgets import (
    MODES,
    VIEWER_ACTIVATIONS,
    HyperplaneExplorer,
    descent_explorer,
    digit_inspector,
    graph_explorer,
    hyperplane_explorer,
    mlp_training_viewer,
    perceptron_stepper,
    relu_superposition_explorer,
    softmax_explorer,
)
from nncore.widgets._base import is_echo
from nncore.widgets._website import (
    JS_VERSION,
    WEBSITE_ENV,
    WORKERS_ENV,
    Axis,
    FrameViewer,
    Grid,
    frame_of,
    on_website,
    plain_text,
    website_control,
    website_widget,
)

ROOT = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
VIEW_MIME = "application/vnd.jupyter.widget-view+json"


# -- helpers ----------------------------------------------------------------------------


def rgb(png):
    """The pixels of PNG bytes (a palette PNG too) as an RGB array."""
    assert bytes(png[:8]) == PNG_SIGNATURE
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def row_major(indices, shape):
    """The frame of a grid point: the first control slowest (computed here, by hand)."""
    i = 0
    for k, n in zip(indices, shape):
        assert 0 <= k < n
        i = i * n + k
    return i


def jslinks(source, source_trait, target, target_trait):
    """The jslinks (ipywidgets.Link, the browser's links) from one trait to another."""
    return [w for w in list(_instances.values())
            if type(w) is Link and w.source == (source, source_trait)
            and w.target == (target, target_trait)]


def site_parts(site, n_outer):
    """The outer controls, the body, and the leaves of a website version by outer path
    (the tuple of the outer controls' indices)."""
    if n_outer:
        top, body = site.children[0], site.children[1]
        outer_controls = list(top.children)
    else:
        outer_controls, body = [], site.children[0]

    def walk(node, k, path):
        if k == n_outer:
            yield path, node
            return
        assert isinstance(node, widgets.Stack)
        for i, child in enumerate(node.children):
            yield from walk(child, k + 1, path + (i,))
    return outer_controls, body, dict(walk(body, 0, ()))


def leaf_parts(leaf):
    """A leaf HBox: its FrameViewer, and the Play buttons and controls beside it."""
    viewer, panel = leaf.children
    assert isinstance(viewer, FrameViewer)
    plays = [c for c in panel.children if isinstance(c, widgets.Play)]
    return viewer, plays, [c for c in panel.children if not isinstance(c, widgets.Play)]


def same_value(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)
    return a == b


def holds(values, value):
    return any(same_value(v, value) for v in values)


def small_mlp_on_digits():
    """A small classifier of the digits, trained a little, and 300 test images."""
    X, y = datasets.digits()
    X = X / 16
    net = MLP([64, 16, 10], activation="relu", seed=0)
    Trainer(net, X[300:], y[300:], lr=0.1, batch_size=32, seed=0).run(3)
    return net, X[:300], y[:300]


def book_digit_inspector():
    net, X, y = small_mlp_on_digits()
    right = np.flatnonzero(net.predict(X) == y)
    index = int(next(i for i in right if i % 15))  # not on the grid's every-15th
    return digit_inspector(net, X, y, index=index)


#: The nine widgets of the book, as the chapters make them (the digit inspector on a
#: small network trained here, the Playground with its default configuration).
BOOK_WIDGETS = {
    "hyperplane_explorer": hyperplane_explorer,
    "perceptron_stepper": perceptron_stepper,
    "descent_explorer": descent_explorer,
    "graph_explorer": graph_explorer,
    "relu_superposition_explorer": relu_superposition_explorer,
    "mlp_training_viewer": lambda: mlp_training_viewer(dataset="xor"),
    "softmax_explorer": softmax_explorer,
    "digit_inspector": book_digit_inspector,
}


# -- 1. the walker: every frame is the live widget's picture there ------------------------


def _mode_dependent_axes(widget):
    if widget._polar_mode():
        return [Axis("angle", [30.0, 45.0, 60.0])]
    return [Axis("b", [-1.0, 0.0, 1.0])]


def _hyperplane_case():
    return (hyperplane_explorer,
            Grid([Axis("w1", [0.0, 1.0]), Axis("b", [-1.0, 0.0, 1.0])],
                 outer=[Axis("dataset", ["blobs", "xor"])]))


def _hyperplane_modes_case():
    # the inner axes depend on the mode: w by its angle in the "angle and length" leaf
    return hyperplane_explorer, Grid(_mode_dependent_axes, outer=[Axis("mode", list(MODES))])


def _stepper_case():
    # the run's length depends on the data set and lr: a callable axis, leaves of two sizes
    return (perceptron_stepper,
            Grid([Axis("step", lambda w: list(range(min(w.controls["step"].max, 3) + 1)),
                       play=True)],
                 outer=[Axis("dataset", ["blobs", "xor"]), Axis("lr", [1.0, 10.0])]))


def _descent_case():
    # the chapter's lr and the two next learning rates of the website's own grid (just
    # under and just over 2/L), with two steps of each run
    def make():
        return descent_explorer(n_steps=3)
    lrs = make().website_grid().outer[0].resolve(make())
    lrs = lrs[lrs.index(make().controls["lr"].value):][:3]
    return make, Grid([Axis("steps", [0, 3], play=True)], outer=[Axis("lr", lrs)])


def _softmax_case():
    return (softmax_explorer,
            Grid([Axis("z1", [-1.0, 1.0]), Axis("temperature", [0.25, 1.0])],
                 outer=[Axis("true_class", [0, 1, 2])]))


def _graph_case():  # no outer axis: the body is the leaf itself, no Stack
    return graph_explorer, Grid([Axis("w", [0.5, 1.5]), Axis("y", [0.0, 1.0])])


WALK_CASES = {"hyperplane": _hyperplane_case, "hyperplane-modes": _hyperplane_modes_case,
              "stepper": _stepper_case,
              "descent": _descent_case, "softmax": _softmax_case, "graph": _graph_case}


@pytest.mark.parametrize("case", list(WALK_CASES))
def test_every_frame_and_status_is_what_the_live_widget_shows_there(case):
    """For every outer path and every inner grid point: the frame at the row-major index
    (first inner control slowest) has the pixels of a second, live widget whose controls
    were set to that point's values (visited in the reverse order, another path than
    the walker's), and the status line is that widget's; the leaf's shape is the grid's."""
    make, grid = WALK_CASES[case]()
    site = website_widget(make(), grid)
    outer_values = [a.resolve(make()) for a in grid.outer]
    _, _, leaves = site_parts(site, len(grid.outer))
    assert set(leaves) == set(itertools.product(*(range(len(v)) for v in outer_values)))
    for path, leaf in leaves.items():
        viewer, _, _ = leaf_parts(leaf)
        live = make()
        for a, values, i in zip(grid.outer, outer_values, path):
            live.controls[a.name].value = values[i]
        axes = grid.inner_axes(live)
        inner_values = [a.resolve(live) for a in axes]
        shape = [len(v) for v in inner_values]
        assert viewer.shape == shape
        assert len(viewer.frames) == len(viewer.statuses) == math.prod(shape)
        points = list(itertools.product(*(range(n) for n in shape)))
        for point in reversed(points):
            for a, values, k in zip(axes, inner_values, point):
                live.controls[a.name].value = values[k]
            i = row_major(point, shape)
            where = (f"{case}: outer {path}, inner "
                     f"{[(a.name, v[k]) for a, v, k in zip(axes, inner_values, point)]}")
            assert viewer.statuses[i] == live.status.value, where
            assert np.array_equal(rgb(viewer.frames[i]), rgb(frame_of(live))), where


def test_frames_are_row_major_with_the_first_inner_control_slowest():
    """Frame i of a three-axis grid (w1, w2, b) shows w1 = values[i // 6], w2 =
    values[i // 3 % 2], b = values[i % 3], as its status line says."""
    w1s, w2s, bs = [0.0, 1.0], [1.0, 2.0], [-1.0, 0.0, 1.0]
    grid = Grid([Axis("w1", w1s), Axis("w2", w2s), Axis("b", bs)])
    site = website_widget(hyperplane_explorer(), grid)
    viewer, _, _ = leaf_parts(site.children[0])
    assert viewer.shape == [2, 2, 3]
    said = [re.search(r"\(([-\d.]+), ([-\d.]+)\), &nbsp; <b>b</b> = ([-\d.]+)", s).groups()
            for s in viewer.statuses]
    expected = []
    for w1 in w1s:
        for w2 in w2s:
            for b in bs:
                expected.append((f"{w1:.2f}", f"{w2:.2f}", f"{b:.2f}"))
    assert said == expected


def test_outer_controls_switch_nested_stacks_jslinked_in_the_browser():
    """Two outer controls (mode, data set) give a Stack of 2 Stacks of 3 leaves; each
    level's selected_index starts at its control's index and is jslinked to it (a Link
    from the control's index to the stack's selected_index, one per stack); the outer
    controls keep the live controls' kinds, descriptions and labels; the inner axes a
    callable gives differ by mode."""
    ex = hyperplane_explorer(mode="components")
    live = ex.controls
    datasets_ = ["blobs", "xor", "moons"]
    grid = Grid(_mode_dependent_axes,
                outer=[Axis("mode", list(MODES)), Axis("dataset", datasets_)])
    site = website_widget(ex, grid)
    (mode, data), body, leaves = site_parts(site, 2)
    assert isinstance(mode, widgets.ToggleButtons) and isinstance(data, widgets.Dropdown)
    assert list(mode.options) == list(MODES) and mode.index == 0
    assert list(data.options) == datasets_ and data.index == 0
    assert (mode.description, data.description) == (live["mode"].description,
                                                     live["dataset"].description)
    assert isinstance(body, widgets.Stack) and len(body.children) == 2
    assert body.selected_index == mode.index
    assert len(jslinks(mode, "index", body, "selected_index")) == 1
    for inner in body.children:
        assert isinstance(inner, widgets.Stack) and len(inner.children) == 3
        assert inner.selected_index == data.index
        assert len(jslinks(data, "index", inner, "selected_index")) == 1
    for (m, d), leaf in leaves.items():
        viewer, _, controls = leaf_parts(leaf)
        [control] = controls
        # the angle of w = (1, 1) is 45 degrees; b = 0: index 1 of either grid
        assert control.description == live["angle" if m == 1 else "b"].description
        assert list(control.options) == (["30.0", "45.0", "60.0"] if m == 1
                                         else ["-1.00", "0.00", "1.00"])
        assert control.index == 1 and viewer.index == 1
        assert viewer.status == viewer.statuses[1]


def test_frame_viewer_state_and_its_controls():
    """A leaf with a check box and a step slider with Play: the FrameViewer's shape,
    rules ("bool" for the check box), index (the frame of the widget's values before the
    build: scaled on, step 2), first status (the widget's own status line then), size
    and label; its controls are those shown beside it, with the live controls' kinds,
    descriptions, labels (the live readout format) and initial values."""
    ex = descent_explorer(n_steps=4)
    ex.controls["scaled"].value = True
    ex.controls["steps"].value = 2
    status = ex.status.value
    grid = Grid([Axis("scaled", [False, True]), Axis("steps", [0, 2, 4], play=True)])
    site = website_widget(ex, grid, label="the descent")
    viewer, plays, controls = leaf_parts(site.children[0])
    assert viewer.controls == controls  # the same widgets, in the grid's order
    box, steps = controls
    assert isinstance(box, widgets.Checkbox) and box.value is True
    assert box.description == ex.controls["scaled"].description
    assert isinstance(steps, widgets.SelectionSlider)
    assert list(steps.options) == ["0", "2", "4"] and steps.index == 1
    assert steps.description == ex.controls["steps"].description
    assert viewer.rules == ["bool", "index"]
    assert viewer.shape == [2, 3]
    assert viewer.index == row_major((1, 1), [2, 3]) == 4
    assert viewer.status == viewer.statuses[4] == status
    assert (viewer.width, viewer.height) == (int(ex.image.width), int(ex.image.height))
    assert viewer.label == "the descent"
    assert viewer.frames_url == viewer.statuses_url == ""
    [play] = plays
    assert (play.min, play.max, play.value) == (0, 2, 1)
    assert play.interval == ex.controls["play"].interval


def _stepper_at_update_5():
    st = perceptron_stepper(dataset="xor", max_epochs=2)
    st.controls["step"].value = 5
    return st


def test_each_leaf_opens_where_its_outer_values_leave_the_widget():
    """The stepper shown at update 5 of its xor run, with data sets blobs (2 updates in
    all) and xor on the website: every leaf opens (FrameViewer index and status, the
    control's index, the Play button's value) where a copy of the widget is once that
    leaf's outer values are set: blobs at update 2 (its last), xor at update 5, so that
    the page first shows the picture the chapter's widget showed."""
    grid = Grid([Axis("step", lambda w: list(range(min(w.controls["step"].max, 8) + 1)),
                      play=True)],
                outer=[Axis("dataset", ["blobs", "xor"])])
    st = _stepper_at_update_5()
    shown = st.status.value
    site = website_widget(st, grid)
    [data], body, leaves = site_parts(site, 1)
    assert data.index == 1 and body.selected_index == 1
    for (i,), leaf in leaves.items():
        viewer, [play], [control] = leaf_parts(leaf)
        live = _stepper_at_update_5()
        live.controls["dataset"].value = ["blobs", "xor"][i]
        step = live.controls["step"].value
        assert step == [2, 5][i]
        first = grid.inner_axes(live)[0].resolve(live).index(step)
        assert (viewer.index, control.index, play.value) == (first, first, first), (
            f"the {['blobs', 'xor'][i]} leaf opens at update {viewer.index}, not {step}")
        assert viewer.status == viewer.statuses[first] == live.status.value
    assert leaves[1,].children[0].status == shown


def test_labels_follow_the_live_readout_and_the_live_menu():
    """website_control: a FloatLogSlider's labels are its values in its readout format
    (".3g"), a menu of (label, value) pairs shows its labels, given labels win; the
    control starts at the index of the live value (or of ``value``)."""
    st = perceptron_stepper()
    lr, rule = website_control(st.controls["lr"], [0.1, 1.0, 10.0])
    assert rule == "index" and list(lr.options) == ["0.1", "1", "10"] and lr.index == 1
    assert lr.description == "lr"
    sm = softmax_explorer(labels=["cat", "dog", "owl"], true_class=2)
    menu, _ = website_control(sm.controls["true_class"], [0, 1, 2])
    assert isinstance(menu, widgets.Dropdown)
    assert list(menu.options) == ["cat", "dog", "owl"] and menu.index == 2
    z, _ = website_control(sm.controls["z0"], [0.0, 2.0], labels=["low", "high"])
    assert list(z.options) == ["low", "high"] and z.index == 1
    z, _ = website_control(sm.controls["z0"], [0.0, 2.0], value=0.0)
    assert list(z.options) == ["0.0", "2.0"] and z.index == 0


def test_a_play_axis_gets_a_play_button_jslinked_to_the_controls_index():
    """Axis(play=True): in every leaf a Play button from 0 to the last index of that
    leaf's values, starting at the control's index, with the live Play's interval,
    jslinked (value -> index) to the website's control; each leaf's own length."""
    st = perceptron_stepper(dataset="xor", max_epochs=2)
    interval = st.controls["play"].interval
    grid = Grid([Axis("step", lambda w: list(range(0, w.controls["step"].max + 1, 10)),
                      play=True)],
                outer=[Axis("lr", [0.1, 1.0])])
    site = website_widget(st, grid)
    _, _, leaves = site_parts(site, 1)
    for leaf in leaves.values():
        viewer, plays, [control] = leaf_parts(leaf)
        [play] = plays
        assert isinstance(control, widgets.SelectionSlider)
        assert play.min == 0 and play.max == len(control.options) - 1 == viewer.shape[0] - 1
        assert play.value == control.index == 0
        assert play.interval == interval
        assert len(jslinks(play, "value", control, "index")) == 1


def test_the_javascript_reads_what_the_frame_viewer_syncs():
    """assets/nncore-widgets.js: its module name and version are the FrameViewer's, and
    every property it reads from the model (its defaults, and model.get) is a synced
    trait of FrameViewer; a control's position comes from "index" or "value"."""
    js = (ROOT / "assets" / "nncore-widgets.js").read_text(encoding="utf-8")
    assert re.search(r'define\("nncore-widgets"', js)
    assert re.search(r'var VERSION = "([^"]+)"', js)[1] == JS_VERSION
    viewer = FrameViewer()
    assert viewer._model_module == viewer._view_module == "nncore-widgets"
    assert (viewer._model_name, viewer._view_name) == ("FrameModel", "FrameView")
    synced = set(viewer.keys)
    read = set(re.findall(r'model\.get\("(\w+)"\)', js))
    body = re.search(r"Object\.assign\(super\.defaults\(\), \{(.*?)\}\);", js, re.DOTALL)[1]
    defaults = set(re.findall(r"^\s+(\w+):", body, re.MULTILINE))
    assert read and defaults
    assert read <= synced and defaults <= synced
    assert {"controls", "rules", "shape", "index", "status", "frames_url",
            "statuses_url"} <= read
    assert set(re.findall(r'control\.get\("(\w+)"\)', js)) == {"index", "value"}


# -- 2. the walk leaves the widget as it was; errors; workers -----------------------------


@pytest.mark.parametrize("make, grid, move", [
    (hyperplane_explorer,
     Grid([Axis("w1", [0.0, 1.0]), Axis("b", [-1.0, 0.0, 1.0])],
          outer=[Axis("dataset", ["blobs", "xor"])]),
     ("b", 0.5)),
    (perceptron_stepper,
     Grid([Axis("step", lambda w: [0, 1], play=True)],
          outer=[Axis("dataset", ["blobs", "xor"]), Axis("lr", [1.0, 10.0])]),
     ("step", 1)),
], ids=["hyperplane", "stepper"])
def test_the_walk_leaves_the_live_widget_as_it_was(make, grid, move):
    """After the build: every control holds its value, the status line, the picture
    sent (image.value) and the canvas equal a fresh widget's, the walking flags are
    off, and a move redraws and sends the same picture as the fresh widget's move."""
    ex, fresh = make(), make()
    before = {n: c.value for n, c in ex.controls.items() if hasattr(c, "value")}
    website_widget(ex, grid)
    after = {n: c.value for n, c in ex.controls.items() if hasattr(c, "value")}
    assert after == before
    assert ex._raising is False and ex._encode is True
    assert ex.status.value == fresh.status.value
    assert np.array_equal(rgb(ex.image.value), rgb(fresh.image.value))
    assert np.array_equal(rgb(frame_of(ex)), rgb(frame_of(fresh)))
    name, value = move
    sent = ex.image.value
    for w in (ex, fresh):
        w.controls[name].value = value
    assert ex.image.value != sent
    assert ex.status.value == fresh.status.value
    assert np.array_equal(rgb(ex.image.value), rgb(fresh.image.value))


class CallbackFailed(Exception):
    pass


@pytest.mark.parametrize("workers, bad_b, error, match", [
    ("1", 1.0, CallbackFailed, r"b = 1\.0 breaks"),
    ("2", 0.5, CallbackFailed, r"b = 0\.5 breaks"),  # a point the kernel draws
    ("2", 1.0, RuntimeError,  # a point the forked copy draws
     r"drawing the website's frames failed: CallbackFailed: b = 1\.0 breaks"),
])
def test_a_callback_error_during_the_walk_stops_the_build(monkeypatch, shell, workers, bad_b,
                                                          error, match):
    """A callback that raises at one grid point: the build raises (in the kernel's
    share its own error, in the forked copy's a RuntimeError naming it), nothing is
    swallowed into the Output, and afterwards the widget's errors go to its Output
    again (the flags are reset)."""
    def on_bias(self, change):
        if change["new"] == bad_b:
            raise CallbackFailed(f"b = {bad_b} breaks")
        self.update()

    monkeypatch.setattr(HyperplaneExplorer, "_on_bias", on_bias)
    monkeypatch.setenv(WORKERS_ENV, workers)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    ex = hyperplane_explorer()
    grid = Grid([Axis("b", [-1.0, 0.0, 0.5, 1.0])])  # points 0..3: the copy draws 1 and 3
    with pytest.raises(error, match=match):
        website_widget(ex, grid)
    assert shell.shown == [] and ex.output.outputs == ()
    assert ex._raising is False and ex._encode is True
    ex.controls["b"].value = -1.0
    ex.controls["b"].value = bad_b
    assert [type(e) for e in shell.shown] == [CallbackFailed]


@pytest.mark.parametrize("grid, match", [
    (Grid([Axis("b", [1.0, 2.0])]),
     r"^b: the website grid \[1\.0, 2\.0\] does not hold the widget's value 0\.0$"),
    (Grid([Axis("b", [0.0])], outer=[Axis("dataset", ["xor", "moons"])]),
     (r"^data: the website grid \['xor', 'moons'\] does not hold the widget's value "
      r"'blobs'$")),
    (Grid([Axis("b", [0.0])], outer=[Axis("b", [0.0])]),
     r"a control may be on one axis only; got \['b', 'b'\]"),
    (Grid([Axis("b", [])]), r"the website grid of 'b' has no value"),
])
def test_a_grid_that_cannot_start_where_the_widget_is_is_refused(grid, match):
    """A grid without the widget's value (inner or outer), a control on two axes, an
    empty axis: a ValueError that names the control and the values."""
    with pytest.raises(ValueError, match=match):
        website_widget(hyperplane_explorer(), grid)


def test_a_check_box_grid_must_be_false_then_true():
    with pytest.raises(ValueError, match=r"a check box's website grid must be \[False, "
                                         r"True\]"):
        website_widget(descent_explorer(n_steps=2),
                       Grid([Axis("scaled", [True, False])]))


@pytest.mark.parametrize("make, grid", [
    (hyperplane_explorer,
     Grid([Axis("w2", [0.0, 1.0, 2.0]), Axis("b", [-1.0, 0.0, 1.0])],
          outer=[Axis("dataset", ["blobs", "xor"])])),
    (perceptron_stepper,
     Grid([Axis("step", lambda w: list(range(min(w.controls["step"].max, 4) + 1)),
                play=True)],
          outer=[Axis("dataset", ["blobs", "xor"]), Axis("lr", [1.0, 10.0])])),
], ids=["hyperplane", "stepper"])
def test_one_and_two_workers_draw_the_same_bytes(monkeypatch, make, grid):
    """NNCORE_WEBSITE_WORKERS=1 (the kernel alone, no fork) and the default (the kernel
    and one forked copy, every second point each) give the same frames, byte for byte,
    and the same status lines."""
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    forks = []
    real_fork = os.fork

    def fork():
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)

    def build():
        _, _, leaves = site_parts(website_widget(make(), grid), len(grid.outer))
        return {p: (list(leaf_parts(leaf)[0].frames), list(leaf_parts(leaf)[0].statuses))
                for p, leaf in leaves.items()}

    monkeypatch.setenv(WORKERS_ENV, "1")
    alone = build()
    assert forks == []
    monkeypatch.delenv(WORKERS_ENV)
    shared = build()
    assert forks == [1]
    assert shared.keys() == alone.keys()
    for path in alone:
        assert shared[path][1] == alone[path][1], path
        assert shared[path][0] == alone[path][0], path


# -- 3. the grids of the nine widgets of the book ------------------------------------------


def _control_takes(control, value):
    """Whether the live control can hold ``value`` as it is."""
    if isinstance(control, widgets.Checkbox):
        return value in (False, True)
    if hasattr(control, "options"):
        return value in [o[1] if isinstance(o, tuple) else o for o in control.options]
    if isinstance(control, widgets.FloatLogSlider):
        low, high = control.base ** control.min, control.base ** control.max
        return low * (1 - 1e-12) <= value <= high * (1 + 1e-12)
    return control.min <= value <= control.max


def _check_axes(widget, axes):
    for a in axes:
        assert a.name in widget.controls, f"{a.name} is no control of the widget"
        control = widget.controls[a.name]
        values = a.resolve(widget)
        assert holds(values, control.value), (a.name, values, control.value)
        assert len({repr(v) for v in values}) == len(values), (a.name, values)
        for v in values:
            assert _control_takes(control, v), (a.name, v)
        if isinstance(control, (widgets.FloatSlider, widgets.FloatLogSlider)):
            # the walker moves the control from any grid value to any other: the
            # widget's echo rule must not take the move for the browser's echo
            for u, v in itertools.combinations(values, 2):
                assert not is_echo(control, v, u), (
                    f"{a.name}: {u:g} and {v:g} are within half a slider step of each "
                    f"other, so moving from one to the other is ignored as an echo")
        if a.labels is not None:
            assert len(a.labels) == len(values)


@pytest.mark.parametrize("name", list(BOOK_WIDGETS))
def test_each_website_grid_holds_the_widgets_values_at_every_leaf(name):
    """For every outer path (the outer controls set as the walker sets them): every
    axis names a control of the widget, its values are distinct values that control
    can take, they hold the value the control has there (the website starts from it),
    and no two float values are within half a slider step (the echo rule); the note
    opens by saying that the pictures were drawn in advance."""
    widget = BOOK_WIDGETS[name]()
    grid = widget.website_grid()
    assert isinstance(grid, Grid)
    assert grid.note.startswith("On this page the pictures were drawn in advance")
    _check_axes(widget, grid.outer)
    outer_values = [a.resolve(widget) for a in grid.outer]
    for point in itertools.product(*outer_values):
        for a, v in zip(grid.outer, point):
            widget.controls[a.name].value = v
        _check_axes(widget, grid.inner_axes(widget))


def _differences(values):
    return sorted({round(b - a, 9) for a, b in itertools.pairwise(values)})


def test_the_hyperplane_grid_is_what_its_note_says():
    ex = hyperplane_explorer()
    grid = ex.website_grid()
    assert [a.name for a in grid.outer] == ["mode", "dataset"]
    assert grid.outer[0].resolve(ex) == list(MODES)
    assert grid.outer[1].resolve(ex) == list(ex.controls["dataset"].options)
    components = {a.name: a.resolve(ex) for a in grid.inner_axes(ex)}
    assert set(components) == {"w1", "w2", "b"}
    assert all(_differences(v) == [1.0] for v in components.values())  # whole steps
    ex.controls["mode"].value = MODES[1]
    polar = {a.name: a.resolve(ex) for a in grid.inner_axes(ex)}
    assert set(polar) == {"angle", "b"}  # the length stays where it is
    assert _differences(polar["angle"]) == [15.0] and _differences(polar["b"]) == [0.25]
    assert len(polar["angle"]) == 24  # every direction of the plane, once
    for said in ("steps of 15°", "steps of 0.25", "w₁, w₂ and b move in whole steps"):
        assert said in grid.note


def test_the_stepper_grid_is_what_its_note_says():
    st = perceptron_stepper()
    grid = st.website_grid()
    assert grid.outer[0].resolve(st) == list(st.controls["dataset"].options)
    assert grid.outer[1].resolve(st) == [0.1, 1.0, 10.0]
    assert "the learning rates 0.1, 1 and 10" in grid.note
    xor = perceptron_stepper(dataset="xor")
    n, every = xor.model.n_updates_, xor.controls["play"].step
    assert f"on xor's {n}, every {every}" in grid.note
    [axis] = grid.inner_axes(xor)
    assert axis.play and axis.resolve(xor) == list(range(0, n + 1, every))


def test_the_descent_grid_is_what_its_note_says():
    """Five learning rates around 2/L (2/L computed here from the house data: the
    largest eigenvalue of the average squared loss's Hessian), two starts for w0 and
    b0, every step."""
    ex = descent_explorer()
    grid = ex.website_grid()
    x, _ = datasets.house_prices()
    x = np.asarray(x, dtype=float)
    hessian = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    bound = 2 / np.linalg.eigvalsh(hessian).max()
    assert f"2/\u03b2 = {bound:.3g}" in grid.note
    lrs, w0s, b0s = (a.resolve(ex) for a in grid.outer)
    assert len(lrs) == 5 and lrs == sorted(lrs)
    assert any(lr < bound for lr in lrs) and sum(lr > bound for lr in lrs) >= 2
    assert (w0s, b0s) == ([0.0, 5.0], [0.0, 200.0])
    assert "w₀ ∈ {0, 5}, b₀ ∈ {0, 200}" in grid.note
    [steps] = grid.inner_axes(ex)
    assert steps.play and steps.resolve(ex) == list(range(ex.n_steps + 1))


def test_the_graph_relu_softmax_and_viewer_grids_are_what_their_notes_say():
    g = graph_explorer()
    axes = {a.name: a.resolve(g) for a in g.website_grid().inner_axes(g)}
    assert _differences(axes["x"]) == [1.0]
    assert _differences(axes["w"]) == _differences(axes["b"]) == [0.5]
    assert axes["y"] == [0.0, 0.5, 1.0]
    assert "x in steps of 1, w and b in steps of 0.5, y in {0, 0.5, 1}" in \
        g.website_grid().note
    r = relu_superposition_explorer()
    grid = r.website_grid()
    assert grid.outer[0].resolve(r) == list(r.controls["target"].options)
    axes = {a.name: a.resolve(r) for a in grid.inner_axes(r)}
    assert set(axes) == {"w1", "b1", "v1"}  # the first neuron only
    assert _differences(axes["w1"]) == _differences(axes["b1"]) == [1.0]
    assert _differences(axes["v1"]) == [0.5]
    s = softmax_explorer()
    grid = s.website_grid()
    assert grid.outer[0].resolve(s) == [0, 1, 2]  # every true class
    axes = {a.name: a.resolve(s) for a in grid.inner_axes(s)}
    assert all(_differences(axes[f"z{i}"]) == [2.0] for i in range(3))
    assert axes["temperature"] == [0.25, 1.0, 4.0]
    assert "the temperatures 0.25, 1 and 4" in grid.note
    v = mlp_training_viewer(dataset="xor")
    grid = v.website_grid()
    assert grid.outer[0].resolve(v) == list(v.controls["dataset"].options)
    assert grid.outer[1].resolve(v) == list(VIEWER_ACTIVATIONS)
    [epochs] = grid.inner_axes(v)
    every = v.controls["play"].step
    assert epochs.play and epochs.resolve(v) == list(range(0, v.max_epochs + 1, every))
    assert f"every {every} epochs" in grid.note and "lr = 0.3" in grid.note


def test_the_digit_grid_is_what_its_note_says():
    """Every misclassified image (counted here), every 15th image and the one shown
    first; every target; the note's two counts are right."""
    ins = book_digit_inspector()
    grid = ins.website_grid()
    wrong = np.flatnonzero(ins.model.predict(ins.X) != ins.y)
    axes = {a.name: a.resolve(ins) for a in grid.inner_axes(ins)}
    expected = sorted(set(wrong.tolist()) | set(range(0, len(ins.X), 15)) | {ins.index})
    assert axes["index"] == expected
    assert axes["target"] == [-1, *range(10)]
    assert f"the {len(wrong)} misclassified test images" in grid.note
    assert f"({len(expected)} in all)" in grid.note


_HIDDEN_SAID = {"no hidden layer": [], "one hidden layer of 4": [4],
                "one hidden layer of 8": [8], "two hidden layers (4, 2)": [4, 2]}


def test_the_playgrounds_experiments_are_what_their_names_say():
    """WEBSITE_EXPERIMENTS: valid configurations that change only keys of
    DEFAULT_CONFIG; the default Playground's configuration is one of them; each name
    says its data set or problem, its hidden layers, its learning rate and penalty as
    its configuration has them. WEBSITE_EPOCHS starts at epoch 0 and ends on a
    recorded epoch."""
    assert playground().config in [validate_config({**DEFAULT_CONFIG, **c})
                                   for c in WEBSITE_EXPERIMENTS.values()]
    for name, changes in WEBSITE_EXPERIMENTS.items():
        assert set(changes) <= set(DEFAULT_CONFIG), name
        cfg = validate_config({**DEFAULT_CONFIG, **changes})
        head = name.split(":")[0]
        if head == "tour":
            pass
        elif head.startswith("regression"):
            assert cfg["problem"] == "regression"
            assert {"plane": "plane", "bump": "gaussian_bump"}[head.split()[-1]] == \
                cfg["dataset"], name
        else:
            assert cfg["dataset"] == head, name
        for said, hidden in _HIDDEN_SAID.items():
            if said in name:
                assert cfg["hidden"] == hidden, name
        if "too high (3)" in name:
            assert cfg["lr"] == 3.0
        for penalty in ("L1", "L2"):
            if f"{penalty} 0.01" in name:
                assert (cfg["regularisation"], cfg["reg_rate"]) == (penalty, 0.01)
        if "every feature" in name:
            assert sorted(cfg["features"]) == sorted(FEATURES), name
        if "the default" in name:
            assert cfg == validate_config(DEFAULT_CONFIG), name
        if "zero initial weights" in name:
            assert cfg["init"] == "zeros" and cfg["hidden"] == [4, 4]
            assert cfg["activation"] == "sigmoid"
    last, every = WEBSITE_EPOCHS
    assert last > 0 and every > 0 and last % every == 0


SMALL_EXPERIMENTS = {"xor: one hidden layer of 3": {"dataset": "xor", "hidden": [3]},
                     "blobs: no hidden layer": {"dataset": "blobs", "hidden": []}}


@pytest.mark.parametrize("config, names, first", [
    (None, ["the configuration above", *SMALL_EXPERIMENTS], 0),
    ({"dataset": "blobs", "hidden": []}, list(SMALL_EXPERIMENTS), 1),
], ids=["another-config", "one-of-them"])
def test_the_playgrounds_website_records_what_the_live_playground_draws(config, names,
                                                                        first):
    """Playground.website on two small experiments, epochs 0, 2, 4: the menu (the
    configuration shown now first, unless it is one of them, then chosen), a Stack
    jslinked to it, per experiment an epoch slider with a Play jslinked to it, and every
    frame and status line equal to a live Playground's at that epoch; afterwards the
    Playground shows its configuration at epoch 0 again."""
    pg = playground(config)
    before = pg.config
    site = pg.website(experiments=SMALL_EXPERIMENTS, epochs=(4, 2))
    assert pg.website(experiments=SMALL_EXPERIMENTS, epochs=(4, 2)) is site  # made once
    chooser, stack, note = site.children
    assert list(chooser.options) == names and chooser.index == first
    assert stack.selected_index == first and len(stack.children) == len(names)
    assert len(jslinks(chooser, "index", stack, "selected_index")) == 1
    assert "every 2 epochs up to 4" in note.value
    configs = [before] * (len(names) - len(SMALL_EXPERIMENTS)) + [
        validate_config({**DEFAULT_CONFIG, **c}) for c in SMALL_EXPERIMENTS.values()]
    for leaf, cfg in zip(stack.children, configs):
        (play, slider), viewer = leaf.children[0].children, leaf.children[1]
        assert list(slider.options) == ["0", "2", "4"] and slider.index == 0
        assert (play.min, play.max, play.value) == (0, 2, 0)
        assert len(jslinks(play, "value", slider, "index")) == 1
        assert viewer.controls == [slider] and viewer.rules == ["index"]
        assert viewer.shape == [3] and viewer.index == 0
        live = playground(cfg)
        for i, epoch in enumerate([0, 2, 4]):
            if epoch > live.epoch:
                live.step(epoch - live.epoch)
            assert viewer.statuses[i] == website_status(live)
            assert np.array_equal(rgb(viewer.frames[i]), rgb(frame_of(live))), (cfg, epoch)
        assert viewer.status == viewer.statuses[0]
    assert pg.config == before and pg.epoch == 0
    assert np.array_equal(rgb(pg.image.value), rgb(playground(config).image.value))


# -- one whole website: the descent explorer's -----------------------------------------------


def test_the_descent_websites_frames_use_the_learning_rate_and_start_shown(monkeypatch):
    """website() of a descent explorer of 5 steps (its own grid: the chapter's learning
    rates and starts, every step): in every leaf, the status line of every step says the
    learning rate its outer control shows, the start (w, b at step 0) is the one the w0
    and b0 controls show, and the last frames of the learning rates differ (each lr
    draws its own run). Drawn by the kernel alone (its 20 outer paths would be walked
    twice by two processes)."""
    monkeypatch.setenv(WORKERS_ENV, "1")
    ex = descent_explorer(n_steps=5)
    grid = ex.website_grid()
    lrs, w0s, b0s = (a.resolve(ex) for a in grid.outer)
    site = ex.website()
    assert ex.website() is site
    controls, _, leaves = site_parts(site, 3)
    assert [list(c.options) for c in controls] == [
        [format(v, ".3g") for v in lrs], [format(v, ".4g") for v in w0s],
        [format(v, ".4g") for v in b0s]]
    shown = {}
    for (i, j, k), leaf in leaves.items():
        viewer, _, _ = leaf_parts(leaf)
        assert viewer.shape == [ex.n_steps + 1]
        said_lr = {re.search(r"lr = ([^,]+), 2/\u03b2", s)[1] for s in viewer.statuses}
        assert said_lr == {f"{lrs[i]:.3g}"}, (
            f"the frames for lr = {lrs[i]:g} were drawn with lr = {said_lr}")
        start = re.search(r"step 0 of \d+</b>: w = ([^,]+), b = ([^<]+)<br>",
                          viewer.statuses[0]).groups()
        assert start == (f"{w0s[j]:.4g}", f"{b0s[k]:.4g}")
        shown[i, j, k] = viewer.frames[-1]
    for j, k in itertools.product(range(len(w0s)), range(len(b0s))):
        last_frames = [shown[i, j, k] for i in range(len(lrs))]
        assert len(set(last_frames)) == len(lrs), (j, k)


# -- 4. live or website; plain text ----------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("website", True), (None, False), ("", False), ("live", False), ("Website", False),
    ("website ", False),
])
def test_on_website_follows_the_environment(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(WEBSITE_ENV, raising=False)
    else:
        monkeypatch.setenv(WEBSITE_ENV, value)
    assert WEBSITE_ENV == "NNCORE_WIDGETS"
    assert on_website() is expected


def _model_id(shown):
    return shown._repr_mimebundle_()[VIEW_MIME]["model_id"]


def test_a_widget_shows_its_website_version_only_on_the_website(monkeypatch):
    """Without NNCORE_WIDGETS=website the mimebundle is the live widget's and no website
    version is made; with it, the website version's (made once, with the widget's own
    grid and a label naming it)."""
    ex = hyperplane_explorer()
    small = Grid([Axis("b", [-1.0, 0.0, 1.0])], note="three values of b")
    monkeypatch.setattr(ex, "website_grid", lambda: small)
    monkeypatch.delenv(WEBSITE_ENV, raising=False)
    assert _model_id(ex) == ex.widget.model_id
    assert getattr(ex, "_website", None) is None
    monkeypatch.setenv(WEBSITE_ENV, "website")
    model_id = _model_id(ex)
    site = ex.website()
    assert model_id == site.model_id != ex.widget.model_id
    assert _model_id(ex) == model_id  # made once
    viewer, _, _ = leaf_parts(site.children[0])
    assert viewer.shape == [3] and viewer.label == "the picture of the HyperplaneExplorer"
    assert site.children[-1].value == "<p class='nncore-grid-note'>three values of b</p>"
    monkeypatch.setenv(WEBSITE_ENV, "live")
    assert _model_id(ex) == ex.widget.model_id


def test_the_playground_shows_its_recorded_experiments_only_on_the_website(monkeypatch):
    pg = playground()
    site = pg.website(experiments=SMALL_EXPERIMENTS, epochs=(2, 1))
    monkeypatch.delenv(WEBSITE_ENV, raising=False)
    assert _model_id(pg) == pg.widget.model_id
    monkeypatch.setenv(WEBSITE_ENV, "website")
    assert _model_id(pg) == site.model_id != pg.widget.model_id


@pytest.mark.parametrize("status, text", [
    ("<b>w</b> = (1.00, 1.00), &nbsp; <b>b</b> = 0.00<br><b>3 of 100 points</b>",
     "w = (1.00, 1.00), b = 0.00; 3 of 100 points"),
    ("epoch 3<br/>loss<br />0.5", "epoch 3; loss; 0.5"),
    ("lr &gt; 2/L: <b style='color:#B34700'>diverges</b>", "lr > 2/L: diverges"),
    ("−log p<sub>y</sub> = 0.1", "−log py = 0.1"),
    ("  a\n  b  ", "a b"),
    ("", ""),
])
def test_plain_text_strips_tags_and_turns_line_breaks_into_semicolons(status, text):
    assert plain_text(status) == text


# -- a walk kept between kernels (NNCORE_WEBSITE_CACHE) --------------------------------------


def test_a_kept_walk_is_used_for_the_same_widget_and_only_for_it(tmp_path, monkeypatch):
    """The front page shows chapter 1's explorer: with NNCORE_WEBSITE_CACHE set (the
    build sets it), the second walk of the same widget comes from the folder, byte for
    byte, without drawing anything; a widget whose state differs is walked anew."""
    from nncore.widgets import _website

    monkeypatch.setenv("NNCORE_WEBSITE_CACHE", str(tmp_path))
    grid = Grid([Axis("b", [-1.0, 0.0, 1.0])], outer=[Axis("dataset", ["blobs", "xor"])])
    first = website_widget(hyperplane_explorer(), grid)
    assert len(list(tmp_path.glob("*.pickle"))) == 1
    walks = []
    real = _website._walk_in_parallel
    monkeypatch.setattr(_website, "_walk_in_parallel",
                        lambda *a: walks.append(a) or real(*a))
    again = website_widget(hyperplane_explorer(), grid)
    assert walks == []  # taken from the folder
    frames = [[v.frames, v.statuses] for v in _viewers(first)]
    assert [[v.frames, v.statuses] for v in _viewers(again)] == frames
    other = hyperplane_explorer(w=(1.0, -1.0))  # another picture: another key
    website_widget(other, grid)
    assert len(walks) == 1 and len(list(tmp_path.glob("*.pickle"))) == 2
    website_widget(hyperplane_explorer(), Grid([Axis("b", [0.0, 1.0])]))  # another grid
    assert len(walks) == 2


def _viewers(site):
    found = []

    def walk(x):
        if isinstance(x, FrameViewer):
            found.append(x)
        for child in getattr(x, "children", ()):
            walk(child)
    walk(site)
    return found


def test_a_child_starts_from_the_chapters_values_not_where_the_last_child_ended():
    """The explorer in components mode at w = (1, 1) (length 1.41) with a grid of both
    modes: the angle-and-length child must keep the length the chapter set, 1.41, though
    the components child was walked last to w1 = 2 (length 2.24). The walk puts the inner
    controls back before it switches the mode, as a reader who switches it finds them."""
    grid = Grid(lambda w: ([Axis("angle", [0.0, 45.0])] if w._polar_mode()
                           else [Axis("w1", [-2.0, 1.0, 2.0])]),
                outer=[Axis("mode", ["components", "angle and length"])])
    ex = hyperplane_explorer(dataset="blobs", w=(1.0, 1.0), b=0.0)
    site = website_widget(ex, grid)
    [_], _, leaves = site_parts(site, 1)
    viewer, _, _ = leaf_parts(leaves[1,])
    for k, angle in enumerate([0.0, 45.0]):
        live = hyperplane_explorer(dataset="blobs", w=(1.0, 1.0), b=0.0)
        live.controls["mode"].value = "angle and length"
        live.controls["angle"].value = angle
        assert "1.41" in live.status.value  # the length the chapter set
        assert viewer.statuses[k] == live.status.value, (angle, viewer.statuses[k])
