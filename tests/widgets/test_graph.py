"""Tests of the computation-graph figure (nncore.plotting.GraphDisplay) and its widget
(nncore.widgets.GraphExplorer): every number shown is compared with a value this file
computes itself, by hand (the sigmoid with math.exp), never by nncore."""

import itertools
import math
import re

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nncore.autodiff import Value
from nncore.plotting import GRAPH_LEGEND, GraphDisplay, draw_graph
from nncore.widgets import GRAPH_RANGES, GraphExplorer, graph_explorer

NUMBER = re.compile(r"-?\d+\.\d+$")


def shown(text):
    """The number at the end of a text of the figure ("z = 0.300" -> 0.3)."""
    match = NUMBER.search(text.get_text())
    assert match, f"no number in {text.get_text()!r}"
    return float(match.group())


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def neuron_by_hand(x, w, b, y):
    """The neuron's forward values and local derivatives, worked out here."""
    z = w * x + b
    a = sigmoid(z)
    return dict(wx=w * x, z=z, a=a, e=a - y, L=(a - y) ** 2,
                local={("w", "wx"): x, ("x", "wx"): w, ("wx", "z"): 1.0, ("b", "z"): 1.0,
                       ("z", "a"): a * (1 - a), ("a", "a - y"): 1.0,
                       ("-y", "a - y"): 1.0, ("y", "-y"): -1.0, ("-1", "-y"): y,
                       ("a - y", "L"): 2 * (a - y)})


def build_neuron(x, w, b, y):
    """The test's own graph of L = (sigmoid(w x + b) - y)^2, after backward."""
    X, W, B, Y = (Value(v, label=n) for v, n in ((x, "x"), (w, "w"), (b, "b"), (y, "y")))
    wx = W * X
    wx.label = "wx"
    z = wx + B
    z.label = "z"
    a = z.sigmoid()
    a.label = "a"
    e = a - Y
    e.label = "a - y"
    L = e ** 2
    L.label = "L"
    L.backward()
    return L


def name(v):
    """The node's name for the tables above: its label, "-y" for the negated target."""
    return v.label or "-y"


def draw(root):
    size = GraphDisplay(root=root).figsize
    fig = Figure(figsize=size, dpi=90)
    FigureCanvasAgg(fig)
    return draw_graph(root, ax=fig.add_axes((0, 0, 1, 1)))


def assert_matches(display, x, w, b, y):
    """Every text of ``display`` equals the hand computation at (x, w, b, y)."""
    hand = neuron_by_hand(x, w, b, y)
    for (child, parent), text in zip(display.edges_, display.edge_texts_):
        key = (name(display.nodes_[child]), name(display.nodes_[parent]))
        assert shown(text) == pytest.approx(hand["local"][key], abs=6e-4), key
    data = {v.label: shown(t) for v, t in zip(display.nodes_, display.value_texts_)}
    for label, key in (("wx", "wx"), ("z", "z"), ("a", "a"), ("a - y", "e"), ("L", "L")):
        assert data[label] == pytest.approx(hand[key], abs=6e-4)
    # gradients by the chain rule, by hand, from the output back
    dL_de = 2 * hand["e"]
    dL_dz = dL_de * hand["a"] * (1 - hand["a"])
    grads = {"L": 1.0, "a - y": dL_de, "a": dL_de, "z": dL_dz, "b": dL_dz, "wx": dL_dz,
             "w": dL_dz * x, "x": dL_dz * w, "y": -dL_de}
    shown_grads = {v.label: shown(t) for v, t in zip(display.nodes_, display.grad_texts_)}
    for label, g in grads.items():
        assert shown_grads[label] == pytest.approx(g, abs=6e-4), label


# ----------------------------------------------------------------------------------
# the figure
# ----------------------------------------------------------------------------------


def test_texts_are_the_data_and_grads_of_the_nodes():
    L = build_neuron(1.5, -0.4, 0.3, 1.0)
    d = draw(L)
    assert len(d.nodes_) == 11 and len(d.op_circles_) == 6 and len(d.edges_) == 10
    assert d.nodes_[-1] is L
    for v, vt, gt in zip(d.nodes_, d.value_texts_, d.grad_texts_):
        assert shown(vt) == pytest.approx(v.data, abs=5e-4)
        assert shown(gt) == pytest.approx(v.grad, abs=5e-4)
        assert gt.get_text().startswith("grad = ")
        if v.label in ("x", "w", "b", "y", "z", "a", "L"):
            assert vt.get_text().startswith(f"{v.label} = ")
    assert d.legend_.get_text() == GRAPH_LEGEND
    assert "forward values above, gradients below" in GRAPH_LEGEND


def test_edge_labels_are_the_local_derivatives_by_hand():
    d = draw(build_neuron(1.5, -0.4, 0.3, 1.0))
    assert_matches(d, 1.5, -0.4, 0.3, 1.0)
    ops = sorted(t.get_text() for t in d.op_texts_.values())
    assert ops == sorted(["\u00d7", "+", "\u03c3", "\u00d7", "+", "**2"])


def test_a_node_used_twice_gets_one_edge_with_both_contributions():
    a = Value(3.0, label="a")
    b = a * a
    b.label = "b"
    b.backward()
    d = draw(b)
    assert d.edges_ == [(0, 1)]
    assert shown(d.edge_texts_[0]) == pytest.approx(6.0)  # d(a^2)/da = 2a
    assert shown(d.grad_texts_[0]) == pytest.approx(6.0)


def _extents(display, artists):
    renderer = display.figure_.canvas.get_renderer()
    return [a.get_window_extent(renderer) for a in artists]


@pytest.mark.parametrize("values", [(1.5, -0.4, 0.3, 1.0), (-3.0, -3.0, -3.0, 0.0)])
def test_layout_has_no_overlaps(values):
    d = draw(build_neuron(*values))
    d.figure_.canvas.draw()
    boxes = _extents(d, d.boxes_)
    circles = _extents(d, d.op_circles_.values())
    labels = _extents(d, d.edge_texts_)
    for p, q in itertools.combinations(boxes + circles, 2):
        assert not p.overlaps(q)
    for lab, box in itertools.product(labels, boxes + circles):
        assert not lab.overlaps(box)
    for p, q in itertools.combinations(labels, 2):
        assert not p.overlaps(q)
    # every text inside its box, and everything inside the figure
    fig_box = d.figure_.bbox
    for box, vt, gt in zip(boxes, _extents(d, d.value_texts_), _extents(d, d.grad_texts_)):
        for t in (vt, gt):
            assert box.x0 < t.x0 and t.x1 < box.x1 and box.y0 < t.y0 and t.y1 < box.y1
    for e in boxes + circles + labels + _extents(d, [d.legend_]):
        assert fig_box.x0 <= e.x0 and e.x1 <= fig_box.x1
        assert fig_box.y0 <= e.y0 and e.y1 <= fig_box.y1
    # inputs on the left, the output on the right
    xs = {name(v): b.x0 for v, b in zip(d.nodes_, boxes)}
    assert xs["x"] < xs["wx"] < xs["z"] < xs["a"] < xs["a - y"] < xs["L"]


def test_update_changes_only_the_texts():
    d = draw(build_neuron(1.5, -0.4, 0.3, 1.0))
    artists = list(d.ax_.get_children())
    d.update(build_neuron(-2.0, 0.7, -1.1, 0.0))
    assert d.ax_.get_children() == artists
    assert_matches(d, -2.0, 0.7, -1.1, 0.0)


def test_update_with_another_shape_raises():
    d = draw(build_neuron(1.5, -0.4, 0.3, 1.0))
    x = Value(1.0, label="x")
    other = (x * 2.0) ** 2
    with pytest.raises(ValueError, match="same shape as the one drawn"):
        d.update(other)
    relabelled = build_neuron(1.5, -0.4, 0.3, 1.0)
    relabelled.label = "loss"
    with pytest.raises(ValueError, match="same shape"):
        d.update(relabelled)


@pytest.mark.parametrize("call, error, match", [
    (lambda: draw_graph(3.0), TypeError, "root must be a nncore.autodiff.Value"),
    (lambda: draw_graph(Value(1.0), layout="dot"), ValueError, "layout must be 'layered'"),
    (lambda: graph_explorer(x=5.0), ValueError, r"x must be from -3 to 3 .*got 5"),
    (lambda: graph_explorer(y=-0.5), ValueError, r"y must be from 0 to 1 .*got -0.5"),
])
def test_bad_input_raises(call, error, match):
    with pytest.raises(error, match=match):
        call()


# ----------------------------------------------------------------------------------
# the widget
# ----------------------------------------------------------------------------------


@pytest.fixture
def explorer(pyplot):
    fignums = pyplot.get_fignums()
    ex = graph_explorer()
    yield ex
    assert pyplot.get_fignums() == fignums  # no pyplot figure was made


def dL_dw_by_hand(x, w, b, y):
    a = sigmoid(w * x + b)
    return 2 * (a - y) * a * (1 - a) * x, 2 * (a - y) * a * (1 - a)


def test_widget_starts_from_the_defaults(explorer):
    assert {k: c.value for k, c in explorer.controls.items()} == dict(x=1.0, w=0.5, b=-0.2,
                                                                     y=1.0)
    assert isinstance(explorer, GraphExplorer)
    assert explorer.image.value[:4] == b"\x89PNG"
    assert_matches(explorer.display, 1.0, 0.5, -0.2, 1.0)


def test_slider_moves_change_the_texts_to_a_fresh_computation(explorer):
    before = [t.get_text() for t in explorer.display.value_texts_]
    png = explorer.image.value
    explorer.controls["w"].value = -1.25
    explorer.controls["x"].value = 2.5
    explorer.controls["b"].value = 0.75
    explorer.controls["y"].value = 0.25
    assert [t.get_text() for t in explorer.display.value_texts_] != before
    assert explorer.image.value != png
    assert_matches(explorer.display, 2.5, -1.25, 0.75, 0.25)


def test_status_compares_three_gradients(explorer):
    explorer.controls["w"].value = -0.8
    dw, db = dL_dw_by_hand(1.0, -0.8, -0.2, 1.0)
    g = explorer.grads
    assert g["backward"]["dL/dw"] == pytest.approx(dw, rel=1e-12)
    assert g["formula"]["dL/dw"] == pytest.approx(dw, rel=1e-12)
    assert g["numerical"] == pytest.approx(dw, rel=1e-6)
    assert g["backward"]["dL/db"] == pytest.approx(db, rel=1e-12)
    assert 0 <= g["relative_error"] < 1e-6
    assert g["relative_error"] == pytest.approx(
        abs(g["numerical"] - dw) / max(abs(g["numerical"]), abs(dw)), rel=1e-3, abs=1e-15)
    status = explorer.status.value
    numbers = [float(v) for v in re.findall(r"(?:backward|formula|numerical) (-?[\d.e+-]+)",
                                            status)]
    assert numbers[:3] == pytest.approx([dw] * 3, rel=1e-6)
    assert numbers[3:] == pytest.approx([db] * 2, rel=1e-6)
    assert "relative error" in status


def test_same_figure_and_artists_after_many_moves(explorer):
    d = explorer.display
    fig, children = explorer.figure, list(d.ax_.get_children())
    texts = list(d.value_texts_ + d.grad_texts_ + d.edge_texts_)
    size = (explorer.image.width, explorer.image.height)
    rng = np.random.default_rng(0)
    for _ in range(25):
        name_ = ["x", "w", "b"][rng.integers(3)]
        explorer.controls[name_].value = round(float(rng.uniform(-3, 3)), 2)
    assert explorer.figure is fig and d.figure_ is fig
    assert d.ax_.get_children() == children
    assert d.value_texts_ + d.grad_texts_ + d.edge_texts_ == texts
    assert (explorer.image.width, explorer.image.height) == size
    c = {k: v.value for k, v in explorer.controls.items()}
    assert_matches(d, c["x"], c["w"], c["b"], c["y"])
    assert explorer.output.outputs == ()


def test_echo_of_a_snapped_value_is_ignored():
    ex = graph_explorer(w=0.123456)
    ex.controls["w"].value = 0.12  # what the browser sends back after snapping
    assert ex.parts["w"].data == 0.123456
    ex.controls["w"].value = 0.5
    assert ex.parts["w"].data == 0.5


def test_callback_errors_go_to_the_output(explorer, monkeypatch, shell):
    """In a notebook, Output.capture shows the traceback instead of losing it."""

    def broken(root):
        raise RuntimeError("boom")

    monkeypatch.setattr(explorer.display, "update", broken)
    explorer.controls["b"].value = 1.0  # must not raise here
    assert [str(e) for e in shell.shown] == ["boom"]


def test_ranges_are_those_of_the_sliders(explorer):
    for k, (low, high, step) in GRAPH_RANGES.items():
        c = explorer.controls[k]
        assert (c.min, c.max, c.step, c.continuous_update) == (low, high, step, True)


def test_a_fast_frame_repaints_the_changed_texts_into_the_full_picture(explorer):
    # Only the texts that changed are repainted (the rest of the picture is kept); the
    # frame must be exactly what a full draw of the same state gives.
    import io

    from PIL import Image

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)))

    for name, value in [("w", -1.25), ("w", -1.2), ("x", 2.5), ("b", 0.75), ("y", 0.25),
                        ("w", 1.95)]:
        explorer.controls[name].value = value
        fast = pixels(explorer.image.value)
        full = pixels(explorer._renderer.full())
        assert fast.shape == full.shape
        assert np.array_equal(fast, full), f"after {name} = {value}"


# -- fast frames: matplotlib's pixels, after many moves (issue 14) ----------------------


def test_fast_frames_equal_matplotlibs_own_draw_after_many_moves(explorer, png_pixels):
    # The frames draw their texts from kept glyphs and layouts (GlyphCache) and
    # repaint only where texts changed; after many moves of every slider, a frame must
    # be exactly what matplotlib itself draws of the same state (savefig, not the
    # renderer's own full draw), with the renderer's text settings.
    import matplotlib

    from nncore.widgets import render_png

    rng = np.random.default_rng(5)
    for i in range(60):
        name = ("x", "w", "b", "y")[rng.integers(4)]
        c = explorer.controls[name]
        c.value = float(np.round(rng.uniform(c.min, c.max) / c.step) * c.step)
        if i % 10 == 9:
            fast = png_pixels(explorer.image.value)
            with matplotlib.rc_context(explorer._renderer.TEXT_RC):
                full = png_pixels(render_png(explorer.figure, dpi=explorer.dpi))
            np.testing.assert_array_equal(fast, full[..., :3], err_msg=f"move {i}")


@pytest.mark.parametrize("hinting", ["force_autohint", "no_hinting"])
def test_kept_glyphs_draw_matplotlibs_pixels(hinting, png_pixels):
    # Plain, rotated, bold unantialiased, boxed, two-line and mathtext texts (with a
    # fraction bar), moved by fractions of a pixel and rewritten every frame: drawn
    # through GlyphCache they must equal matplotlib's own draw.
    import matplotlib

    from nncore.widgets._render import BlitRenderer, render_png

    rng = np.random.default_rng(2)
    with matplotlib.rc_context({"text.hinting": hinting}):
        fig = Figure(figsize=(4.0, 3.0), dpi=80)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
        texts = [ax.text(0.1, 0.85, "", fontsize=9),
                 ax.text(0.55, 0.5, "", rotation=30, fontsize=11, ha="center"),
                 ax.text(0.2, 0.25, "", fontsize=10),
                 ax.text(0.6, 0.1, "", antialiased=False, fontweight="bold"),
                 ax.text(0.05, 0.55, "", linespacing=1.4,
                         bbox=dict(boxstyle="round", fc="white", alpha=0.8))]
        renderer = BlitRenderer(fig, ax, texts)
        for i in range(10):
            v = rng.uniform(-2.0, 2.0)
            strings = [f"grad = {v:.3f}", f"w = {v:.2f}", rf"$\frac{{{v:.1f}}}{{2}} + \hat{{y}}$",
                       f"{v:+.4f}", f"two\nlines: {v:.1f}"]
            for t, s in zip(texts, strings):
                t.set_text(s)
                x, y = t.get_position()
                t.set_position((x + rng.uniform(-0.01, 0.01), y + rng.uniform(-0.01, 0.01)))
            frame = renderer.fast() if i else renderer.full()
            np.testing.assert_array_equal(png_pixels(frame), png_pixels(render_png(fig, dpi=80)),
                                          err_msg=f"frame {i}")
