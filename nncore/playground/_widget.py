"""The Playground widget (ipywidgets): every control of TensorFlow Playground, a training
loop that runs while the reader watches (Play, Step, Reset), and a configuration that
can be printed, pasted and loaded back (:class:`Playground`, :func:`playground`)."""

from __future__ import annotations

import asyncio
import copy
import json
import numbers
import time

import numpy as np

from ..widgets._render import FrameRenderer
from ..widgets._website import on_website
from ._config import (ACTIVATION_NAMES, BATCH_RANGE, CLASSIFICATION_DATASETS,
                      DEFAULT_DATASET, GRID, LEARNING_RATES, MAX_LAYERS, MAX_NEURONS,
                      NOISE_RANGE, OWN_DATA, PROBLEMS, REG_RATES, REGRESSION_DATASETS,
                      REGULARISATIONS, TRAIN_RANGE, config_from_url, validate_config)
from ._display import (DPI, FIG_H, FIG_W, FIRST_EPOCHS, HEAT, TEST_LOSS_COLOR,
                       PlaygroundDisplay, loss_lines, thumbnail)
from ._run import PlaygroundRun, export_network, network_source
from ._website import WEBSITE_EPOCHS, website_playground

__all__ = ["Playground", "playground"]


#: The longest a frame of Play waits for the next (s): at most 30 frames per second.
FRAME_INTERVAL = 1.0 / 30.0
#: Epochs trained per frame of Play (one frame = one epoch, as in TensorFlow Playground).
EPOCHS_PER_FRAME = 1

_FEATURE_BUTTONS = {"x1": "x\u2081", "x2": "x\u2082", "x1^2": "x\u2081\u00b2",
                    "x2^2": "x\u2082\u00b2", "x1*x2": "x\u2081x\u2082",
                    "sin(x1)": "sin x\u2081", "sin(x2)": "sin x\u2082",
                    "cos(x1)": "cos x\u2081", "cos(x2)": "cos x\u2082"}
_DATASET_LABELS = {"circle": "circle", "xor": "xor", "gauss": "gauss", "spiral": "spiral",
                   "moons": "moons", "blobs": "blobs", "curve-sin": "sine",
                   "curve-cubic": "cubic", "curve-abs": "|x|", "reg-plane": "plane",
                   "reg-gauss": "6 bumps", "reg-bump": "bump", "reg-max": "max",
                   "reg-argmax": "argmax", OWN_DATA: "yours"}


def _style_toggle(change):
    """A feature button that is on looks on (blue), as in TensorFlow Playground."""
    change["owner"].button_style = "info" if change["new"] else ""


def _menu(values, value):
    """Dropdown options (label, value) for numbers, with ``value`` added if missing."""
    values = sorted(set(values) | {value})
    return [(f"{v:g}", v) for v in values]


class Playground:
    r"""TensorFlow Playground in a notebook, with every number from nncore.

    Build it with :func:`playground`. The controls follow the original: Play / Pause,
    Step (one epoch), Reset, the epoch counter, learning rate, activation,
    regularisation and its rate, problem type, initial weights, loss, number of hidden
    layers and (above each column) neurons per layer; on the left the data set, the
    share of training data, the noise, the batch size, the seed and "regenerate", the
    input features, "show test data", "discretise output" and which neuron the big view
    shows; below the picture, any weight or bias can be chosen and set, as a click on a
    link does in the original. Below: the configuration as a dict to copy, a box to
    paste one into (or a TensorFlow Playground link, or an exported network), and the
    trained network exported as JSON or as a numpy function.

    The rules are TensorFlow Playground's: changing the data (problem, data set, noise,
    share, seed) draws new points and starts again; changing the network (features,
    layers, neurons, activation, initial weights, loss, batch size, regularisation and
    its rate) starts again on the same points; Reset starts again with new initial
    weights; "regenerate" draws new points (seed + 1) and the network goes on training
    on them; the learning rate acts on the run in progress.

    Attributes
    ----------
    config : dict
        A copy of the current set-up (see :data:`DEFAULT_CONFIG`):
        ``playground(pg.config)`` rebuilds the same experiment.
    model : MLP
    trainer : Trainer
    history : dict of lists
        Per epoch (from 0, before training): "epoch", "train_loss", "test_loss" (the
        data loss without the penalty, on the whole set after the epoch), and
        "train_acc", "test_acc" for classification.
    X_train, y_train, X_test, y_test : ndarray
        The points in the square ``[-6, 6]^2``.
    epoch : int
    playing : bool
        Whether the Play button is down.
    controls : dict
        The controls by name: "reset", "play" (a ToggleButton), "step", "lr",
        "activation", "regularisation", "reg_rate", "problem", "init", "loss",
        "add_layer", "remove_layer", "dataset", "train_fraction", "noise", "batch_size",
        "seed", "regenerate", "features" (a dict: feature name -> ToggleButton),
        "show_test", "discretise", "view" (what the big heatmap shows), "edit" (which
        weight or bias to set: None, ``("weight", l, j, k)`` or ``("bias", l, j)``),
        "edit_value" and "set_value", "config" (a Textarea with the configuration as
        JSON), "load", "export_json", "export_numpy", "export" (a Textarea), and
        "neurons" (per hidden layer, its (minus, plus) buttons).
    display : PlaygroundDisplay
    image : ipywidgets.Image
        The picture as PNG.
    epoch_label, loss_label, layers_label, edit_label, status : ipywidgets.HTML
        The epoch counter, the losses above the output, the number of hidden layers,
        the chosen weight's or bias's value now, and a line of facts (parameters,
        points, updates per epoch) or the news that the run diverged.
    frame_times : list of float
        Seconds taken by the last frames of Play (at most 200).
    widget : ipywidgets.VBox
        The whole thing; the Playground displays as this box.

    Notes
    -----
    Play runs frames as a task on the kernel's asyncio event loop: one frame (one
    epoch, then :meth:`update`), then a pause until 1/30 s has passed, during which the
    kernel handles the reader's clicks. Without a running event loop (a script, a
    test) the Play button does nothing by itself: call :meth:`step`. A frame paints
    only what moves over a kept picture of the rest; see ``bench/bench_playground.py``.

    Used in Chapter 7, "The Playground".
    """

    def __init__(self, config=None, *, X=None, y=None, csv=None):
        import ipywidgets as widgets

        self._widgets = widgets
        self._quiet = False
        self._task = None
        self.frame_times = []
        self._run = PlaygroundRun(config, X=X, y=y, csv=csv)
        self._cfg = self._run.cfg
        own = self._run.own[0] is not None
        self._own_problem = self._cfg["problem"] if own else None
        self.display = PlaygroundDisplay(live=True)
        self.figure = self.display.figure_
        w, h = round(FIG_W), round(FIG_H)
        # full size where there is room; scaled down to the width of a narrower page
        # (the book's website), keeping its proportions
        self.image = widgets.Image(format="png", width=str(w), height=str(h),
                                   layout=widgets.Layout(width=f"{w}px", max_width="100%",
                                                         height="auto", flex="0 1 auto"))
        self.output = widgets.Output(layout=widgets.Layout(max_height="12em",
                                                           overflow="auto"))
        self._build_controls()
        self._structure()
        self.update(full=True)

    # -- public state ---------------------------------------------------------------------

    @property
    def config(self):
        return copy.deepcopy(self._cfg)

    @property
    def model(self):
        return self._run.model

    @property
    def trainer(self):
        return self._run.trainer

    @property
    def history(self):
        return self._run.history

    @property
    def epoch(self):
        return self._run.trainer.epoch

    X_train = property(lambda self: self._run.X_train)
    y_train = property(lambda self: self._run.y_train)
    X_test = property(lambda self: self._run.X_test)
    y_test = property(lambda self: self._run.y_test)

    @property
    def playing(self):
        return bool(self.controls["play"].value)

    # -- controls -------------------------------------------------------------------------

    def _build_controls(self):
        widgets = self._widgets
        cfg = self._cfg
        L = widgets.Layout
        desc = {"description_width": "86px"}
        self.controls = c = {}
        c["reset"] = widgets.Button(icon="undo", tooltip="reset the network (epoch 0)",
                                    layout=L(width="38px"))
        c["play"] = widgets.ToggleButton(value=False, icon="play", tooltip="play / pause",
                                         button_style="primary", layout=L(width="46px"))
        c["step"] = widgets.Button(icon="step-forward", tooltip="train one epoch",
                                   layout=L(width="38px"))
        self.epoch_label = widgets.HTML(layout=L(width="120px"))
        c["lr"] = widgets.Dropdown(options=_menu(LEARNING_RATES, cfg["lr"]), value=cfg["lr"],
                                   description="learning rate", style=desc,
                                   layout=L(width="190px"))
        c["activation"] = widgets.Dropdown(options=ACTIVATION_NAMES, value=cfg["activation"],
                                           description="activation", style=desc,
                                           layout=L(width="190px"))
        c["regularisation"] = widgets.Dropdown(options=REGULARISATIONS,
                                               value=cfg["regularisation"],
                                               description="regularise", style=desc,
                                               layout=L(width="190px"))
        c["reg_rate"] = widgets.Dropdown(options=_menu(REG_RATES, cfg["reg_rate"]),
                                         value=cfg["reg_rate"], description="reg. rate",
                                         style=desc, layout=L(width="190px"))
        c["problem"] = widgets.Dropdown(options=PROBLEMS, value=cfg["problem"],
                                        description="problem", style=desc,
                                        layout=L(width="230px"))
        c["init"] = widgets.Dropdown(options=[("uniform \u00b10.5 (TF)", "playground"),
                                              ("all zero", "zeros"),
                                              ("He / Glorot (ch. 5)", "auto")],
                                     value=cfg["init"], description="initial w", style=desc,
                                     layout=L(width="230px"))
        c["loss"] = widgets.Dropdown(options=[("square, tanh (TF)", "square"),
                                              ("cross-entropy, \u03c3", "cross_entropy")],
                                     value=cfg["loss"], description="loss", style=desc,
                                     disabled=cfg["problem"] == "regression",
                                     layout=L(width="230px"))
        c["remove_layer"] = widgets.Button(icon="minus", tooltip="remove a hidden layer",
                                           layout=L(width="32px"))
        c["add_layer"] = widgets.Button(icon="plus", tooltip="add a hidden layer",
                                        layout=L(width="32px"))
        self.layers_label = widgets.HTML(layout=L(width="110px"))
        # data column
        short = {"description_width": "72px"}
        c["dataset"] = widgets.ToggleButtons(options=self._dataset_options(cfg["problem"]),
                                             value=cfg["dataset"], style={"button_width": "74px"},
                                             layout=L(width="250px"))
        c["train_fraction"] = widgets.FloatSlider(
            value=cfg["train_fraction"], min=TRAIN_RANGE[0], max=TRAIN_RANGE[1],
            step=TRAIN_RANGE[2], description="training", readout_format=".0%",
            continuous_update=False, style=short, layout=L(width="250px"))
        c["noise"] = widgets.FloatSlider(
            value=cfg["noise"], min=NOISE_RANGE[0], max=NOISE_RANGE[1], step=NOISE_RANGE[2],
            description="noise", readout_format=".2f", continuous_update=False, style=short,
            layout=L(width="250px"))
        c["batch_size"] = widgets.IntSlider(
            value=cfg["batch_size"], min=BATCH_RANGE[0], max=BATCH_RANGE[1],
            description="batch size", continuous_update=False, style=short,
            layout=L(width="250px"))
        c["seed"] = widgets.BoundedIntText(value=cfg["seed"], min=0, max=2**32 - 1,
                                           description="seed", style=short,
                                           layout=L(width="178px"))
        c["regenerate"] = widgets.Button(description="", icon="refresh",
                                         tooltip="regenerate: new points (seed + 1); the "
                                                 "network goes on training on them",
                                         layout=L(width="40px"))
        c["features"] = {name: widgets.ToggleButton(value=name in cfg["features"],
                                                    description=label,
                                                    tooltip=f"input feature {name}",
                                                    layout=L(width="78px"))
                         for name, label in _FEATURE_BUTTONS.items()}
        c["show_test"] = widgets.Checkbox(value=cfg["show_test"], description="show test data",
                                          indent=False, layout=L(width="200px"))
        c["discretise"] = widgets.Checkbox(value=cfg["discretise"],
                                           description="discretise output", indent=False,
                                           layout=L(width="200px"))
        c["view"] = widgets.Dropdown(options=self._view_options(), value="output",
                                     description="big view", style=short,
                                     layout=L(width="250px"))
        c["edit"] = widgets.Dropdown(options=self._edit_options(), value=None,
                                     description="set a weight", style=desc,
                                     layout=L(width="330px"))
        c["edit_value"] = widgets.FloatText(value=0.0, description="to", style={
            "description_width": "22px"}, layout=L(width="120px"))
        c["set_value"] = widgets.Button(description="set", icon="pencil",
                                        tooltip="set the chosen weight or bias to this value",
                                        layout=L(width="70px"))
        self.edit_label = widgets.HTML(layout=L(width="220px"))
        c["config"] = widgets.Textarea(layout=L(width="100%", height="5.5em"))
        c["load"] = widgets.Button(description="load this config", icon="upload",
                                   layout=L(width="150px"))
        c["export_json"] = widgets.Button(description="network as JSON", icon="download",
                                          layout=L(width="160px"))
        c["export_numpy"] = widgets.Button(description="as a numpy function",
                                           icon="code", layout=L(width="180px"))
        c["export"] = widgets.Textarea(layout=L(width="100%", height="8em"))
        self.layer_box = widgets.HBox(layout=L(min_height="34px", align_items="center",
                                               flex_flow="row wrap"))
        self.loss_label = widgets.HTML(layout=L(width="250px", flex="0 0 auto"))
        self.status = widgets.HTML(layout=L(min_height="1.5em"))

        head = lambda text: widgets.HTML(  # noqa: E731
            f"<b style='font-size:11px;letter-spacing:0.08em;color:#555'>{text}</b>")
        top = widgets.HBox([c["reset"], c["play"], c["step"], self.epoch_label,
                            widgets.VBox([c["lr"], c["activation"]]),
                            widgets.VBox([c["regularisation"], c["reg_rate"]]),
                            widgets.VBox([c["problem"], c["init"], c["loss"]]),
                            widgets.HBox([c["remove_layer"], c["add_layer"], self.layers_label],
                                         layout=L(align_items="center"))],
                           layout=L(flex_flow="row wrap", align_items="center",
                                    border_bottom="1px solid #ddd", padding="0 0 4px 0"))
        feature_grid = widgets.GridBox(list(c["features"].values()),
                                       layout=L(grid_template_columns="repeat(3, 82px)",
                                                width="250px"))
        left = widgets.VBox([head("DATA"), c["dataset"], c["train_fraction"], c["noise"],
                             c["batch_size"], widgets.HBox([c["seed"], c["regenerate"]]),
                             head("FEATURES"), feature_grid, c["show_test"], c["discretise"],
                             c["view"]],
                            layout=L(width="262px", flex="0 0 auto"))
        editor = widgets.HBox([c["edit"], c["edit_value"], c["set_value"], self.edit_label],
                              layout=L(flex_flow="row wrap", align_items="center"))
        picture = widgets.VBox([self.layer_box, self.image, editor],
                               layout=L(flex="0 1 auto", max_width="100%"))
        share = widgets.Accordion(children=[widgets.VBox([
            widgets.HTML("The whole experiment as one dict: copy it, or paste one here "
                         "and load it (the same as <code>playground(config)</code>); a "
                         "TensorFlow Playground link or an exported network loads too."),
            c["config"], c["load"],
            widgets.HTML("The trained network, to keep: as JSON (it loads back here) or "
                         "as a numpy function that computes its output."),
            widgets.HBox([c["export_json"], c["export_numpy"]]), c["export"]])])
        share.set_title(0, "configuration and export")
        share.selected_index = None
        self.widget = widgets.VBox([
            top,
            widgets.HBox([left, picture], layout=L(flex_flow="row wrap",
                                                   align_items="flex-start")),
            self.status, share, self.output])

        capture = self.output.capture()
        c["reset"].on_click(capture(lambda b: self.reset()))
        c["step"].on_click(capture(lambda b: self.step(1)))
        c["play"].observe(capture(self._on_play), names="value")
        c["regenerate"].on_click(capture(self._on_regenerate))
        c["add_layer"].on_click(capture(lambda b: self._change_layers(+1)))
        c["remove_layer"].on_click(capture(lambda b: self._change_layers(-1)))
        c["load"].on_click(capture(self._on_load))
        c["set_value"].on_click(capture(self._on_set_value))
        c["edit"].observe(capture(self._on_edit_choice), names="value")
        c["export_json"].on_click(capture(lambda b: self._show_export("json")))
        c["export_numpy"].on_click(capture(lambda b: self._show_export("numpy")))
        for key in ("lr", "activation", "regularisation", "reg_rate", "problem", "init",
                    "loss", "dataset", "train_fraction", "noise", "batch_size", "seed",
                    "show_test", "discretise", "view"):
            c[key].observe(capture(self._on_control), names="value")
        for button in c["features"].values():
            button.observe(capture(self._on_feature), names="value")
            button.observe(_style_toggle, names="value")
            _style_toggle({"owner": button, "new": button.value})

    def _dataset_options(self, problem):
        names = CLASSIFICATION_DATASETS if problem == "classification" else REGRESSION_DATASETS
        own_problem = getattr(self, "_own_problem", None)
        if self._run.own[0] is not None and own_problem in (None, problem):
            names = (*names, OWN_DATA)
        return [(_DATASET_LABELS[n], n) for n in names]

    def _edit_options(self):
        """(label, key) of every weight and bias: ``("weight", l, j, k)`` is
        ``params[l][0][j, k]``, ``("bias", l, j)`` is ``params[l][1][j]``."""
        cfg = self._cfg
        inputs = [n for n in cfg["features"]]
        out = [("(choose a weight or a bias)", None)]
        widths = [*cfg["hidden"], 1]
        last = len(widths) - 1
        for l, n_out in enumerate(widths):
            here = "output" if l == last else [f"L{l + 1} n{j + 1}" for j in range(n_out)]
            for j in range(n_out):
                name = here if l == last else here[j]
                for k, source in enumerate(inputs):
                    out.append((f"w: {source} \u2192 {name}", ("weight", l, j, k)))
                out.append((f"bias of {name}", ("bias", l, j)))
            inputs = [f"L{l + 1} n{j + 1}" for j in range(n_out)]
        return out

    def _view_options(self):
        out = [("output", "output")]
        for l, n in enumerate(self._cfg["hidden"]):
            out += [(f"layer {l + 1}, neuron {j + 1}", (l + 1, j + 1)) for j in range(n)]
        return out

    def _neuron_buttons(self):
        """The + / - buttons above each hidden column, placed over it."""
        widgets, L = self._widgets, self._widgets.Layout
        hidden = self._cfg["hidden"]
        xs = self.display._columns(hidden)
        boxes, left = [], 0.0
        capture = self.output.capture()
        width = 66.0
        for l in range(len(hidden)):
            x = xs[l + 1] * self.figure.dpi / DPI
            minus = widgets.Button(icon="minus", tooltip=f"one neuron less in layer {l + 1}",
                                   layout=L(width="30px", height="26px", padding="0"))
            plus = widgets.Button(icon="plus", tooltip=f"one neuron more in layer {l + 1}",
                                  layout=L(width="30px", height="26px", padding="0"))
            minus.on_click(capture(lambda b, l=l: self._change_neurons(l, -1)))
            plus.on_click(capture(lambda b, l=l: self._change_neurons(l, +1)))
            margin = x - width / 2 - left
            boxes.append(widgets.HBox([minus, plus], layout=L(
                width=f"{width:.0f}px", margin=f"0 0 0 {margin:.0f}px", flex="0 0 auto")))
            left = x + width / 2
        self.controls["neurons"] = [b.children for b in boxes]
        x = HEAT[0] * self.figure.dpi / DPI
        self.loss_label.layout.margin = f"0 0 0 {x - left:.0f}px"
        self.layer_box.children = [*boxes, self.loss_label]

    def _set_quietly(self, control, **values):
        self._quiet = True
        try:
            with control.hold_trait_notifications():
                for k, v in values.items():
                    setattr(control, k, v)
        finally:
            self._quiet = False

    def _sync_controls(self):
        """Make every control show the configuration (after load/regenerate/layers)."""
        c, cfg = self.controls, self._cfg
        self._quiet = True
        try:
            c["problem"].value = cfg["problem"]
            c["dataset"].options = self._dataset_options(cfg["problem"])
            c["dataset"].value = cfg["dataset"]
            c["lr"].options = _menu(LEARNING_RATES, cfg["lr"])
            c["lr"].value = cfg["lr"]
            c["reg_rate"].options = _menu(REG_RATES, cfg["reg_rate"])
            c["reg_rate"].value = cfg["reg_rate"]
            # a configuration from code may go beyond a slider: the slider grows to show
            # it (as the Playground's noise slider does for a link)
            c["batch_size"].max = max(BATCH_RANGE[1], cfg["batch_size"])
            c["noise"].max = max(NOISE_RANGE[1], cfg["noise"])
            c["loss"].disabled = cfg["problem"] == "regression"
            for key in ("activation", "regularisation", "init", "loss", "train_fraction",
                        "noise", "batch_size", "seed", "show_test", "discretise"):
                c[key].value = cfg[key]
            for name, button in c["features"].items():
                button.value = name in cfg["features"]
            views = self._view_options()
            keep = c["view"].value if c["view"].value in [v for _, v in views] else "output"
            c["view"].options = views
            c["view"].value = keep
            c["edit"].options = self._edit_options()
            c["edit"].value = None
        finally:
            self._quiet = False

    # -- callbacks ------------------------------------------------------------------------

    # slider steps: a value the browser snapped and sent back differs by less than half
    # a step from the configuration's, and is not a move of the reader (the echo rule)
    _STEPS = {"noise": NOISE_RANGE[2], "train_fraction": TRAIN_RANGE[2]}

    def _on_control(self, change):
        if self._quiet:
            return
        key = next(k for k, w in self.controls.items() if w is change["owner"])
        new = change["new"]
        if key in self._STEPS and abs(new - self._cfg[key]) < 0.5 * self._STEPS[key]:
            return
        if key == "view":
            self.display.set_view(new)
            return self._refresh(full=True)
        if key == "problem":
            self._cfg["problem"] = new
            self._cfg["dataset"] = DEFAULT_DATASET[new]
            if new == "regression":
                self._cfg["loss"] = "square"
            self._sync_controls()
        elif key in ("lr", "reg_rate") or key in ("regularisation",):
            self._cfg[key] = float(new) if key != "regularisation" else new
        elif key in ("batch_size", "seed"):
            self._cfg[key] = int(new)
        elif key in ("train_fraction", "noise"):
            self._cfg[key] = float(new)
        else:
            self._cfg[key] = new
        self.apply(changed=key)

    def _on_feature(self, change):
        if self._quiet:
            return
        names = [n for n, b in self.controls["features"].items() if b.value]
        if not names:  # at least one input: switch this one back on
            self._set_quietly(change["owner"], value=True)
            self.status.value = "The network needs at least one input feature."
            return
        self._cfg["features"] = names
        self.apply(changed="features")

    def _on_regenerate(self, button):
        """New points (seed + 1); the network goes on training on them, as in the
        Playground."""
        self._cfg["seed"] = (self._cfg["seed"] + 1) % 2**32
        self._set_quietly(self.controls["seed"], value=self._cfg["seed"])
        self.apply(changed="regenerate")

    def _on_load(self, button):
        text = self.controls["config"].value.strip()
        try:
            cfg = json.loads(text)
        except json.JSONDecodeError:
            import ast

            try:
                cfg = ast.literal_eval(text)
            except (ValueError, SyntaxError) as err:
                if "=" in text and not text.startswith(("{", "[")):
                    cfg = text  # a TensorFlow Playground link
                else:
                    self.status.value = f"<b>Could not read the configuration:</b> {err}"
                    return
        try:
            self.load(cfg)
        except (ValueError, TypeError) as err:
            self.status.value = f"<b>Not loaded:</b> {err}"

    def _on_play(self, change):
        button = self.controls["play"]
        button.icon = "pause" if change["new"] else "play"
        if change["new"]:
            self._start_loop()

    def _change_layers(self, delta):
        """The + and - buttons of the layers: a new layer has 2 neurons (as in the
        Playground); at most MAX_LAYERS from the buttons."""
        hidden = list(self._cfg["hidden"])
        if delta > 0 and len(hidden) < MAX_LAYERS:
            hidden.append(2)
        elif delta < 0 and hidden:
            hidden.pop()
        else:
            return
        self._cfg["hidden"] = hidden
        self.apply(changed="hidden")

    def _change_neurons(self, layer, delta):
        """The + and - buttons of a layer: from 1 to MAX_NEURONS from the buttons (a
        configuration given in code may hold more; - still takes them away)."""
        hidden = list(self._cfg["hidden"])
        n = hidden[layer] + delta
        if n < 1 or (delta > 0 and n > MAX_NEURONS):
            return
        hidden[layer] = n
        self._cfg["hidden"] = hidden
        self.apply(changed="hidden")

    def _on_edit_choice(self, change):
        if self._quiet:
            return
        self.display.select(change["new"])
        if change["new"] is not None:
            self._set_quietly(self.controls["edit_value"], value=self._param(change["new"]))
        self._refresh(full=True)

    def _param(self, what):
        params = self._run.model.params
        if what[0] == "weight":
            _, l, j, k = what
            return float(params[l][0][j, k])
        _, l, j = what
        return float(params[l][1][j])

    def _on_set_value(self, button):
        what = self.controls["edit"].value
        if what is None:
            self.status.value = "Choose a weight or a bias first."
            return
        self.set_param(what, self.controls["edit_value"].value)

    def set_param(self, what, value):
        """Set a weight, ``("weight", l, j, k)`` (``model.params[l][0][j, k]``), or a
        bias, ``("bias", l, j)``, to ``value`` and redraw: what choosing it and pressing
        "set" does. Returns ``self``."""
        if not isinstance(what, tuple) or what[:1] not in (("weight",), ("bias",)):
            raise ValueError(f"what must be ('weight', l, j, k) or ('bias', l, j); got "
                             f"{what!r}")
        if what[0] == "weight":
            self._run.set_weight(*what[1:], value)
        else:
            self._run.set_bias(*what[1:], value)
        return self._refresh()

    def _show_export(self, kind):
        if kind == "json":
            text = json.dumps(export_network(self._run))
        else:
            text = network_source(self._run)
        self.controls["export"].value = text

    # -- what a change does ---------------------------------------------------------------

    def apply(self, changed=None):
        """Act on a configuration change: ``changed`` names the key (None: everything).

        TensorFlow Playground's rules: data keys draw new points and restart; network
        keys (regularisation and its rate too) restart on the same points;
        ``"regenerate"`` draws new points and keeps the network training; ``lr`` changes
        the run in progress; ``show_test`` and ``discretise`` only the picture. Returns
        ``self``."""
        run, cfg = self._run, self._cfg
        run.cfg = cfg
        if changed in ("lr",):
            run.trainer.lr = cfg["lr"]
            return self._refresh()
        if changed == "regenerate":
            try:
                run.new_data(keep_model=True)
            except ValueError:  # the new points do not fit the batch size: start again
                run.new_data()
            self._structure()
            return self._refresh(full=True)
        if changed == "show_test":
            self.display.test_points_.set_visible(cfg["show_test"])
            return self._refresh(full=True)
        if changed == "discretise":
            self.display.set_view(self.display.view, discretise=cfg["discretise"])
            return self._refresh(full=True)
        if changed in (None, "problem", "dataset", "noise", "train_fraction", "seed",
                       "n_points"):
            run.new_data()
        else:  # features, hidden, activation, init, loss, batch_size, regularisation
            run.new_model()
        self._structure()
        return self._refresh(full=True)

    def _structure(self):
        """Redraw the network's structure and the points; new blitting layers."""
        run, cfg, d = self._run, self._cfg, self.display
        view = d.view
        valid = [v for _, v in self._view_options()]
        if view not in valid:
            view = "output"
        d.discretise = cfg["discretise"]
        fmaps = run.Phi_grid.T.reshape(-1, GRID, GRID)
        d.set_network(cfg["features"], cfg["hidden"], [thumbnail(m) for m in fmaps],
                      problem=cfg["problem"], activation=cfg["activation"], view=view,
                      output=run.output)
        d.set_data(run.X_train, run.y_train, run.X_test, run.y_test,
                   problem=cfg["problem"], show_test=cfg["show_test"])
        d.set_loss_epochs(FIRST_EPOCHS)
        pasted = [im for row in d.neuron_images_ for im in row] + [d.output_image_,
                                                                     d.heatmap_]
        self._renderer = FrameRenderer(self.figure, d.dynamic_artists(), pasted=pasted,
                                        overlays=d.overlay_artists())
        self._sync_controls()
        self._neuron_buttons()
        self.layers_label.value = (f"<b>{len(cfg['hidden'])}</b> hidden layer"
                                   f"{'' if len(cfg['hidden']) == 1 else 's'}")

    def _refresh(self, full=False):
        self.update(full=full)
        return self

    def update(self, full=False):
        """Compute every map from the model, move the artists, re-render the PNG, the
        epoch counter, the status line and the configuration text. Returns ``self``."""
        run, d = self._run, self.display
        hidden, out = run.maps()
        grew = d.update(hidden, out, run.model.params, run.history)
        self._render(full=full or grew)
        e = run.trainer.epoch
        self.epoch_label.value = (f"<span style='font-size:11px;color:#777'>EPOCH</span><br>"
                                  f"<span style='font-size:20px;font-family:monospace'>"
                                  f"{e:07,d}</span>")
        self.status.value = self._status()
        lines = loss_lines(run.history)
        self.loss_label.value = (
            f"<div style='font-size:11px;line-height:1.3'>"
            f"<span style='color:#262626'>{lines['train']}</span><br>"
            f"<span style='color:{TEST_LOSS_COLOR}'>{lines['test']}</span></div>")
        text = json.dumps(self._cfg)
        if self.controls["config"].value != text:
            self.controls["config"].value = text
        what = self.controls["edit"].value
        self.edit_label.value = ("" if what is None else
                                 f"<span style='font-size:12px'>now "
                                 f"<b>{self._param(what):.4g}</b></span>")
        return self

    #: False while the website's frames are drawn: the picture stays in the canvas.
    _encode = True

    def _render(self, full=False):
        renderer, encode = self._renderer, self._encode
        png = renderer.full(encode) if full else renderer.fast(encode)
        if png is not None:
            self.image.value = png

    def _status(self):
        run, cfg = self._run, self._cfg
        n_train, n_test = len(run.X_train), len(run.X_test)
        batch = run.trainer.batch_size
        carried = n_train % batch
        facts = (f"{run.model.n_params} parameters (weights and biases) &nbsp;·&nbsp; "
                 f"{n_train} training and {n_test} test points &nbsp;·&nbsp; one epoch = "
                 f"{run.trainer.batches_per_epoch} updates on batches of {batch}"
                 + (f" (the last {carried} points join the next epoch's first batch)"
                    if carried else ""))
        if run.trainer.diverged:
            return (f"<b style='color:#B34700'>Diverged</b> in epoch {run.trainer.epoch + 1}: "
                    f"the loss of a batch was no longer a finite number, so training "
                    f"stopped. The learning rate {cfg['lr']:g} is too large for this "
                    f"network: lower it and press reset.<br>{facts}")
        return facts

    # -- training -------------------------------------------------------------------------

    def step(self, n=1, redraw=True):
        """Train ``n`` epochs (one Step press each), then redraw once. Returns ``self``.

        Raises
        ------
        TypeError, ValueError
            If ``n`` is not an int >= 0 (epochs to train).
        """
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral):
            raise TypeError(f"n must be an int >= 0 (the epochs to train); got {n!r:.60} of "
                            f"type {type(n).__name__}")
        if n < 0:
            raise ValueError(f"n must be an int >= 0 (the epochs to train); got {n}")
        self._run.train(int(n))
        if self._run.trainer.diverged and self.playing:
            self.controls["play"].value = False
        if redraw:
            self.update()
        return self

    def frame(self):
        """One frame of Play: :data:`EPOCHS_PER_FRAME` epochs and a redraw."""
        return self.step(EPOCHS_PER_FRAME)

    def reset(self):
        """Back to epoch 0 on the same points with new initial weights, as the
        Playground's Reset does. Returns ``self``."""
        self._run.reset()
        self._structure()
        return self._refresh(full=True)

    def load(self, config):
        """Load a configuration (as :attr:`config` gives it), a TensorFlow Playground
        link, or a network written by :func:`export_network` (its weights too): new
        data and network. Returns ``self``."""
        params = None
        if isinstance(config, str):
            config = config_from_url(config)
        elif isinstance(config, dict) and "weights" in config:
            config, params = config.get("config"), list(zip(config["weights"],
                                                            config["biases"]))
        cfg = validate_config(config)
        if cfg["dataset"] == OWN_DATA and self._run.own[0] is None:
            raise ValueError("this configuration uses the reader's own points; build the "
                             "Playground with them: playground(config, X=..., y=...)")
        self._cfg = cfg
        self._run.cfg = cfg
        self.apply(changed=None)
        if params is not None:
            self._run.set_params(params)
            self._refresh(full=True)
        return self

    def play(self):
        """Start playing (as the Play button does)."""
        self.controls["play"].value = True
        return self

    def pause(self):
        """Stop playing."""
        self.controls["play"].value = False
        return self

    def _start_loop(self):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (a script or a test): nothing plays by itself
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._loop())

    async def _loop(self):
        """Frames until paused (or diverged): the kernel's event loop handles the
        controls between two frames."""
        try:
            while self.playing:
                if self.image.comm is None:  # the widget was closed
                    break
                start = time.perf_counter()
                self.frame()
                spent = time.perf_counter() - start
                self.frame_times.append(spent)
                del self.frame_times[:-200]
                await asyncio.sleep(max(0.004, FRAME_INTERVAL - spent))
        except Exception:  # noqa: BLE001  (shown to the reader, and Play stops)
            with self.output:
                import traceback

                traceback.print_exc()
            self.controls["play"].value = False

    # -- the website: recorded experiments (._website) -----------------------------------

    def website(self, experiments=None, epochs=WEBSITE_EPOCHS):
        """The Playground on the static website: a menu of experiments, each recorded by
        this widget every ``epochs[1]`` epochs up to ``epochs[0]``, scrubbable with a
        slider and playable; :func:`website_playground`, made once per widget."""
        if getattr(self, "_website", None) is None:
            self._website = website_playground(self, experiments, epochs)
        return self._website

    def _repr_mimebundle_(self, **kwargs):
        """The live Playground, or its recorded experiments while the book is built."""
        shown = self.website() if on_website() else self.widget
        return shown._repr_mimebundle_(**kwargs)


def playground(config=None, *, X=None, y=None, csv=None):
    r"""TensorFlow Playground, live in the notebook, with every number from nncore.

    Pick a data set and features, add hidden layers and neurons, press Play and watch
    each neuron's output over the plane change as the network trains; the picture shows
    every weight by colour and width. As the last expression of a cell it displays
    itself; ``pg.config`` is the experiment as a dict, and ``playground(pg.config)``
    brings it back.

    Parameters
    ----------
    config : dict or str, optional
        Some or all of the keys of :data:`DEFAULT_CONFIG`; or a TensorFlow Playground
        link (``"https://playground.tensorflow.org/#..."``, read by
        :func:`config_from_url`); or a network written by :func:`export_network`.
    X, y : array_like, optional
        Your own points, shape ``(n, 2)`` in $[-6, 6]^2$, and their labels (0/1 or
        -1/+1) or targets (:func:`check_points`).
    csv : str or path, optional
        Or a CSV file with the columns x1, x2 and label (or target).

    Returns
    -------
    Playground

    Examples
    --------
    >>> pg = playground({"dataset": "xor", "hidden": [4], "seed": 1})
    >>> pg.model.sizes
    (2, 4, 1)
    >>> pg.controls["add_layer"].click()        # what the + button does: 2 neurons
    >>> pg.model.sizes, pg.config["hidden"]
    ((2, 4, 2, 1), [4, 2])
    >>> pg.step(3).epoch
    3

    Used in Chapter 7, "The Playground".
    """
    return Playground(config, X=X, y=y, csv=csv)
