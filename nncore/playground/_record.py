"""A Playground run as an animation for the website (:func:`record_playground`): the
numbers of every frame are computed first, then drawn by :class:`PlaygroundDisplay`."""

from __future__ import annotations

import numpy as np

from .._checks import is_int
from ._config import GRID
from ._display import FIGSIZE, PlaygroundDisplay, thumbnail
from ._run import PlaygroundRun

__all__ = ["record_playground"]


def record_playground(config=None, epochs=300, *, max_frames=36, interval=150, dpi=64):
    """An animation of a Playground run, for the static website (``to_jshtml``).

    Trains the configuration's network for ``epochs`` epochs and draws the Playground's
    picture at ``max_frames`` epochs spread over the run (the first is epoch 0), as a
    :class:`matplotlib.animation.FuncAnimation` of a plain figure (not pyplot). The
    numbers of every frame are computed first, so the animation can be drawn again.
    Its frames are palette PNGs (256 colours): about 35 KB each for a small network
    (36 frames of a 2-4-4-1 run on spiral: 1.2 MB of ``to_jshtml``), up to twice that
    for wide networks with the test points shown (then ask for fewer frames).

    Used in Chapter 7, section "A run on the spiral".

    Parameters
    ----------
    config : dict or str, optional
        As for :func:`playground` (a configuration, a TensorFlow Playground link or an
        exported network).
    epochs : int, default 300
    max_frames : int, default 36
        At least 2; each frame is a PNG embedded in the page.
    interval : int, default 150
        Milliseconds between frames, > 0.
    dpi : float, default 64
        From 1 to 1000; both are checked before anything is
        trained or drawn.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        With attributes ``display`` (:class:`PlaygroundDisplay`), ``epochs`` (the epoch
        of each frame), ``model`` and ``history``.

    Examples
    --------
    >>> anim = record_playground({"dataset": "xor", "hidden": [3]}, epochs=4, max_frames=3)
    >>> anim.epochs.tolist()
    [0, 2, 4]
    >>> html = anim.to_jshtml()  # render it, as the chapter does
    """
    from ..plotting._base import animate, animation_figure, check_dpi, check_interval

    check_interval(interval)
    check_dpi(dpi)
    if not is_int(epochs) or epochs < 1:
        raise ValueError(f"epochs must be an int >= 1; got {epochs!r}")
    if not is_int(max_frames) or max_frames < 2:
        raise ValueError(f"max_frames must be an int >= 2; got {max_frames!r}")
    run = PlaygroundRun(config)
    cfg = run.cfg
    display = PlaygroundDisplay(animation_figure(FIGSIZE, dpi), dpi=dpi)
    display.discretise = cfg["discretise"]
    fmaps = run.Phi_grid.T.reshape(-1, GRID, GRID)
    display.set_network(cfg["features"], cfg["hidden"], [thumbnail(m) for m in fmaps],
                        problem=cfg["problem"], activation=cfg["activation"],
                        output=run.output)
    display.set_data(run.X_train, run.y_train, run.X_test, run.y_test,
                     problem=cfg["problem"], show_test=cfg["show_test"])
    display.set_loss_epochs(epochs)
    frames = np.unique(np.round(np.linspace(0, epochs, min(max_frames, epochs + 1)))
                       .astype(int))
    # every frame's numbers first, so the animation can be drawn any number of times
    snapshots = []
    for target in frames:
        if target > run.trainer.epoch:
            run.train(int(target) - run.trainer.epoch)
        hidden, out = run.maps()
        params = [(W.copy(), b.copy()) for W, b in run.model.params]
        history = {k: list(v) for k, v in run.history.items()}
        snapshots.append((hidden, out, params, history))

    return animate(display, range(len(frames)), lambda i: display.update(*snapshots[i]),
                   interval=interval, epochs=frames, model=run.model, history=run.history)
