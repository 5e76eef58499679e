"""The Playground on the static website: recorded experiments (ipywidgets).

No kernel runs on the website, so the Playground shows experiments it trained and drew
itself when the book was built (:func:`website_playground`): a menu of configurations,
:data:`WEBSITE_EXPERIMENTS`, each recorded every few epochs and scrubbable with a
slider, in the frame viewer of ``nncore.widgets._website``.
"""

from __future__ import annotations

from ..widgets._website import FrameViewer, frame_of, linked_stacks
from ._config import DEFAULT_CONFIG, validate_config

__all__ = ["WEBSITE_EPOCHS", "WEBSITE_EXPERIMENTS", "website_menu", "website_playground",
           "website_status"]

#: The website's Playground: the last epoch recorded and the step between recordings.
WEBSITE_EPOCHS = (300, 10)

_EVERY_FEATURE = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)", "cos(x1)",
                  "cos(x2)"]

#: The experiments the website's Playground offers (what differs from DEFAULT_CONFIG):
#: each of TensorFlow Playground's data sets with a network that learns it, one of this
#: book's, and the stops of the chapter's tour. Each name starts with its data set.
WEBSITE_EXPERIMENTS = {
    "circle: two hidden layers (4, 2), the default": {},
    "xor: one hidden layer of 4": {"dataset": "xor", "hidden": [4]},
    "gauss: no hidden layer": {"dataset": "gauss", "hidden": []},
    "spiral: x\u2081, x\u2082, sin x\u2081, sin x\u2082 and one hidden layer of 8": {
        "dataset": "spiral", "lr": 0.1, "hidden": [8],
        "features": ["x1", "x2", "sin(x1)", "sin(x2)"]},
    "curve-sin: one hidden layer of 8": {"dataset": "curve-sin", "hidden": [8]},
    "reg-plane: no hidden layer": {
        "problem": "regression", "dataset": "reg-plane", "hidden": []},
    "reg-gauss: one hidden layer of 8": {
        "problem": "regression", "dataset": "reg-gauss", "lr": 0.03, "hidden": [8]},
    "tour: a learning rate too high (3)": {"lr": 3.0},
    "tour: L1 0.01 on every feature": {"features": _EVERY_FEATURE, "hidden": [4],
                                       "regularisation": "L1", "reg_rate": 0.01},
    "tour: L2 0.01 on every feature": {"features": _EVERY_FEATURE, "hidden": [4],
                                       "regularisation": "L2", "reg_rate": 0.01},
    "tour: zero initial weights (sigmoid, 4-4)": {
        "activation": "sigmoid", "lr": 0.3, "hidden": [4, 4], "init": "zeros"},
}

#: How long a recorded frame stays when the website's Playground plays (ms).
PLAY_INTERVAL_MS = 200


def website_playground(pg, experiments=None, epochs=WEBSITE_EPOCHS):
    """The website version of the Playground ``pg``: a menu of experiments, each trained
    and drawn by ``pg`` itself every ``epochs[1]`` epochs up to ``epochs[0]``, scrubbable
    with a slider and playable. ``pg`` is left showing the configuration it had.

    Parameters
    ----------
    pg : Playground
    experiments : dict, optional
        Name -> configuration (what differs from :data:`DEFAULT_CONFIG`); default
        :data:`WEBSITE_EXPERIMENTS`. The configuration ``pg`` shows now comes first
        (named after it if it is one of them).
    epochs : (int, int), default=(300, 10)
        The last epoch and the step between recorded epochs.

    Returns
    -------
    ipywidgets.Widget
    """
    import ipywidgets as widgets

    last, every = epochs
    shown = list(range(0, last + 1, every))
    start = pg.config
    menu = website_menu(start, experiments)
    first = next(i for i, cfg in enumerate(menu.values()) if cfg == start)
    recorded = []
    pg._encode = False
    try:
        for cfg in menu.values():
            pg.load(cfg)
            frames, statuses = [], []
            for epoch in shown:
                if epoch > pg.epoch:
                    pg.step(epoch - pg.epoch)
                frames.append(frame_of(pg))
                statuses.append(website_status(pg))
            recorded.append((frames, statuses))
    finally:
        pg._encode = True
        pg.load(start)
    layout = widgets.Layout(width="330px")
    style = {"description_width": "80px"}
    chooser = widgets.Dropdown(options=list(menu), index=first, description="experiment",
                               style=style, layout=widgets.Layout(width="560px"))
    width, height = int(pg.image.width), int(pg.image.height)

    def leaf(path):
        frames, statuses = recorded[path[0]]
        slider = widgets.SelectionSlider(options=[str(e) for e in shown], index=0,
                                         description="epoch", style=style,
                                         layout=layout, continuous_update=True)
        play = widgets.Play(value=0, min=0, max=len(shown) - 1,
                            interval=PLAY_INTERVAL_MS, description="Play")
        widgets.jslink((play, "value"), (slider, "index"))
        viewer = FrameViewer(controls=[slider], rules=["index"], shape=[len(shown)],
                             index=0, status=statuses[0], frames=frames,
                             statuses=statuses, width=width, height=height,
                             label="the Playground: features, hidden neurons, output")
        return widgets.VBox([widgets.HBox([play, slider]), viewer])

    note = widgets.HTML(
        f"<p class='nncore-grid-note'>On this page the Playground shows recorded "
        f"experiments: each trained and drawn by the Playground itself when the book "
        f"was built, every {every} epochs up to {last}. In Jupyter (<code>make "
        f"lab</code>, Binder, Colab) every control is live.</p>")
    return widgets.VBox([chooser, linked_stacks([chooser], leaf, [len(menu)]), note])


def website_menu(start, experiments=None):
    """The website Playground's menu: name -> full configuration, for ``experiments``
    (default :data:`WEBSITE_EXPERIMENTS`, each what differs from :data:`DEFAULT_CONFIG`),
    with the configuration ``start`` first, as "the configuration above", unless it is
    one of them."""
    menu = {name: validate_config({**DEFAULT_CONFIG, **changes})
            for name, changes in (experiments or WEBSITE_EXPERIMENTS).items()}
    if start not in menu.values():
        menu = {"the configuration above": start, **menu}
    return menu


def website_status(pg):
    """The status line and the losses of ``pg``, as the website's status line shows them."""
    return f"<b>epoch {pg.epoch}</b><br>{pg.loss_label.value}<br>{pg.status.value}"
