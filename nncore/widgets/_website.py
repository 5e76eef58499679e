"""The widgets on the static website: every control works, on a grid, with no kernel.

On the website no Python runs, so a widget cannot draw a new picture when a slider
moves. Instead, when the book is built, the widget itself is walked through a grid of
control values (its own callbacks, its own Display and renderer: the code a reader runs
in Jupyter), and the picture and the status line at every grid point are kept. The page
then shows, for the values its controls select, the picture drawn for them:

- each control of the grid becomes a control with an ``index`` (a slider snaps to the
  grid's values, a menu keeps the values of the grid), and a Play button stays a Play
  button;
- the controls whose values change what the other controls can do (a data set or a
  learning rate that changes the length of a run) are *outer*: each of their values is
  one child of an :class:`ipywidgets.Stack`, ``jslink``-ed to the control, so the
  browser switches children with no kernel (only the child shown is drawn);
- the rest are *inner*: one :class:`FrameViewer` per child shows frame
  ``sum_k index_k * stride_k`` of its grid, and its status line. Its JavaScript
  (``assets/nncore-widgets.js``, about a hundred lines) only picks a picture and a text
  by index: no maths and no drawing are written in JavaScript.

The frames are palette PNGs (:func:`nncore.widgets._render.palette_png`). In the
executed notebook they are binary buffers of the :class:`FrameViewer`; the book's Sphinx
extension (``_ext/book_fixes.py``) writes them into the site as files,
``_static/frames/<page>/<viewer>/<i>.png``, with the status lines in ``statuses.json``
beside them, and the browser fetches a frame only when it is shown.

Whether a widget shows itself live or as its website version is decided when it is
displayed: the book's extension sets ``NNCORE_WIDGETS=website`` for the kernels of the
build (:func:`on_website`); ``make lab``, Binder and Colab get the live widget from the
same call.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import os
import re

import ipywidgets as widgets
import numpy as np
from traitlets import Bytes, Int, List, Unicode

from ._render import palette_png

__all__ = ["WEBSITE_ENV", "Axis", "FrameViewer", "Grid", "on_website", "website_widget",
           "frame_of", "linked_stacks", "website_control", "plain_text"]

#: The environment variable that asks for the website version of every widget.
WEBSITE_ENV = "NNCORE_WIDGETS"

#: The version of the JavaScript module ``nncore-widgets`` (assets/nncore-widgets.js).
JS_VERSION = "1.0.0"


def on_website():
    """Whether widgets should show their website version: the book's build sets
    ``NNCORE_WIDGETS=website`` for its kernels (``_ext/book_fixes.py``)."""
    return os.environ.get(WEBSITE_ENV, "") == "website"


class FrameViewer(widgets.DOMWidget):
    """A picture and a status line chosen by the controls' indices: the website's
    stand-in for a widget's live picture.

    Frame ``i = sum_k index_k * stride_k`` (row-major over ``shape``, the first control
    slowest) of ``frames`` is shown, with ``statuses[i]`` under it and, as the picture's
    alt text, the same status as plain text. ``rules[k]`` says how control ``k`` gives its
    index: ``"index"`` (a slider over options, a menu, toggle buttons) or ``"bool"`` (a
    check box: 0 or 1).
    """

    _model_name = Unicode("FrameModel").tag(sync=True)
    _view_name = Unicode("FrameView").tag(sync=True)
    _model_module = Unicode("nncore-widgets").tag(sync=True)
    _view_module = Unicode("nncore-widgets").tag(sync=True)
    _model_module_version = Unicode(JS_VERSION).tag(sync=True)
    _view_module_version = Unicode(JS_VERSION).tag(sync=True)

    controls = List().tag(sync=True, **widgets.widget_serialization)
    rules = List(Unicode()).tag(sync=True)
    shape = List(Int()).tag(sync=True)
    #: The frame shown first, and its status line (HTML).
    index = Int(0).tag(sync=True)
    status = Unicode("").tag(sync=True)
    #: The pictures (PNG bytes) and status lines (HTML), one per grid point; the book's
    #: build writes them to files and replaces them by ``frames_url``/``statuses_url``.
    frames = List(Bytes()).tag(sync=True)
    statuses = List(Unicode()).tag(sync=True)
    frames_url = Unicode("").tag(sync=True)
    statuses_url = Unicode("").tag(sync=True)
    width = Int(0).tag(sync=True)
    height = Int(0).tag(sync=True)
    #: What the picture shows, for screen readers ("The hyperplane explorer's picture").
    label = Unicode("").tag(sync=True)


class Axis:
    """One control of a widget on the website grid: its values there.

    Parameters
    ----------
    name : str
        The key of the control in the widget's ``controls``.
    values : sequence, or callable
        The control's values on the website, in the order of the website's control; a
        callable gets the widget (after the outer controls are set) and returns them.
    labels : sequence of str, optional
        What the website's control shows for each value (default: the value formatted
        as the live control formats it).
    play : bool, default=False
        Add a Play button that steps through the values (as the live widget's Play).
    """

    def __init__(self, name, values, *, labels=None, play=False):
        self.name, self.values, self.labels, self.play = name, values, labels, bool(play)

    def resolve(self, widget):
        values = list(self.values(widget) if callable(self.values) else self.values)
        if not values:
            raise ValueError(f"the website grid of {self.name!r} has no value")
        control = widget.controls[self.name]
        step = getattr(control, "step", None)
        if isinstance(control, (widgets.FloatSlider, widgets.FloatLogSlider)) and step:
            log = isinstance(control, widgets.FloatLogSlider)
            where = np.log(values) / np.log(control.base) if log else np.asarray(values)
            close = np.flatnonzero(np.abs(np.diff(np.sort(where))) < 0.5 * step)
            if close.size:
                a, b = sorted(values)[close[0]], sorted(values)[close[0] + 1]
                raise ValueError(f"the website grid of {self.name!r} has {a:g} and {b:g} "
                                 f"within half a slider step of each other: a move from "
                                 f"one to the other would be taken for the browser's echo")
        return values


class Grid:
    """What the website shows of a widget: ``inner`` axes (one :class:`FrameViewer`,
    their product) and ``outer`` axes (nested Stacks, one child per value), and a
    sentence for the reader that says what the grid is.

    ``inner`` may be a callable that gets the widget once the outer controls are set
    (a mode can change which controls there are) and returns the axes. Controls of the
    live widget on neither kind of axis are hidden on the website: they keep the values
    the chapter gave the widget.
    """

    def __init__(self, inner, outer=(), *, note=""):
        self.inner, self.outer, self.note = inner, list(outer), note

    def inner_axes(self, widget):
        axes = list(self.inner(widget) if callable(self.inner) else self.inner)
        names = [a.name for a in self.outer + axes]
        if len(set(names)) != len(names):
            raise ValueError(f"a control may be on one axis only; got {names}")
        return axes


def plain_text(status_html):
    """A status line's text without its markup, for an alt text."""
    text = re.sub(r"<br\s*/?>", "; ", status_html)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


def frame_of(widget):
    """The picture the widget's canvas holds now, as a palette PNG."""
    return palette_png(np.asarray(widget.figure.canvas.buffer_rgba()))


def _label(control, value):
    for option in getattr(control, "options", ()):
        if isinstance(option, tuple) and option[1] == value:
            return str(option[0])
    if isinstance(value, str):
        return value
    fmt = getattr(control, "readout_format", None)
    if isinstance(value, bool) or fmt is None:
        return str(value)
    try:
        return format(value, fmt)
    except (TypeError, ValueError):
        return str(value)


def website_control(control, values, labels=None, *, value=None, layout=None):
    """The website's version of a live control restricted to ``values``, set to
    ``value`` (default: the control's own): a control with an ``index`` (or a check
    box), and its rule for :class:`FrameViewer`."""
    labels = list(labels) if labels is not None else [_label(control, v) for v in values]
    value = control.value if value is None else value
    try:
        index = next(i for i, v in enumerate(values) if v == value
                     or (isinstance(v, float) and np.isclose(v, value, rtol=0, atol=1e-9)))
    except StopIteration:
        raise ValueError(f"{control.description or type(control).__name__}: the website "
                         f"grid {values} does not hold the widget's value {value!r}") from None
    width = getattr(getattr(control, "style", None), "description_width", "")
    common = dict(description=control.description, layout=layout or control.layout,
                  style={"description_width": width} if width else {})
    if isinstance(control, widgets.Checkbox):
        if list(values) != [False, True]:
            raise ValueError("a check box's website grid must be [False, True]")
        return widgets.Checkbox(value=bool(value), indent=control.indent, **common), "bool"
    if isinstance(control, (widgets.ToggleButtons, widgets.Dropdown, widgets.RadioButtons)):
        if isinstance(control, widgets.ToggleButtons):
            common["style"] = control.style
        return type(control)(options=labels, index=index, **common), "index"
    return widgets.SelectionSlider(options=labels, index=index, continuous_update=True,
                                   readout=True, **common), "index"


@contextlib.contextmanager
def _walking(widget):
    """While the grid is walked: callbacks raise their errors (instead of showing them in
    the widget's Output) and the picture stays in the canvas, unencoded."""
    widget._raising, widget._encode = True, False
    try:
        yield
    finally:
        widget._raising, widget._encode = False, True


def linked_stacks(outer_controls, leaf, sizes):
    """Nested :class:`ipywidgets.Stack` s, one level per outer control, each level's
    ``selected_index`` jslink-ed to its control's ``index``; ``leaf(path)`` makes the
    child for the tuple of indices ``path``."""
    def level(k, path):
        if k == len(sizes):
            return leaf(path)
        stack = widgets.Stack([level(k + 1, path + (i,)) for i in range(sizes[k])],
                              selected_index=outer_controls[k].index)
        widgets.jslink((outer_controls[k], "index"), (stack, "selected_index"))
        return stack
    return level(0, ())


#: How many processes draw a widget's website frames (the kernel and forked copies of
#: it); ``NNCORE_WEBSITE_WORKERS=1`` draws them in the kernel alone.
WORKERS_ENV = "NNCORE_WEBSITE_WORKERS"


def _walk(widget, grid, outer_values, share=(0, 1)):
    """Walk ``widget`` through ``grid``: for every outer path, the inner axes, their
    values, where the outer values leave the inner controls, and the frames and status
    lines of the grid points ``i`` with ``i % share[1] == share[0]`` (a dict each)."""
    c = widget.controls
    start = {name: control.value for name, control in c.items() if hasattr(control, "value")}
    worker, workers = share
    leaves, touched = {}, set()
    def back_to_start():
        for name in sorted(touched):
            if c[name].value != start[name]:
                c[name].value = start[name]

    with _walking(widget):
        for path in itertools.product(*(range(len(v)) for v in outer_values)):
            # Each child starts where the chapter left the widget: the inner controls go
            # back before the outer ones move (a mode switch reads them: the explorer's
            # angle mode takes its length from w) and again after (a run may clamp them).
            back_to_start()
            for a, values, i in zip(grid.outer, outer_values, path):
                if c[a.name].value != values[i]:
                    c[a.name].value = values[i]
            axes = grid.inner_axes(widget)
            touched |= {a.name for a in axes}
            back_to_start()
            inner_values = [a.resolve(widget) for a in axes]
            here = {a.name: c[a.name].value for a in axes}
            frames, statuses = {}, {}
            widget.update(full=True)
            for i, point in enumerate(itertools.product(*inner_values)):
                if i % workers != worker:
                    continue
                for a, v in zip(axes, point):
                    if c[a.name].value != v:
                        c[a.name].value = v
                frames[i] = frame_of(widget)
                statuses[i] = widget.status.value
            info = [(a.name, None if a.labels is None else list(a.labels), a.play)
                    for a in axes]
            leaves[path] = (info, inner_values, here, frames, statuses)
        for name, value in start.items():
            if c[name].value != value:
                c[name].value = value
        widget.update(full=True)
    return leaves


def _forget_shared_state():
    """In a forked copy of the kernel: send no widget message (the kernel's sockets are
    not this process's) and open the fonts again (matplotlib reads a font file through
    a file descriptor whose position the fork shares with the kernel, so two processes
    reading one font interfere)."""
    from matplotlib import font_manager, mathtext

    from ._fastdraw import GlyphCache
    from ._render import BlitRenderer

    widgets.Widget._send = lambda self, *args, **kwargs: None
    font_manager._get_font.cache_clear()
    mathtext.MathTextParser._parse_cached.cache_clear()
    BlitRenderer._text = GlyphCache()


def _walk_in_parallel(widget, grid, outer_values):
    """:func:`_walk`, shared between the kernel and a forked copy of it (every second
    grid point each): the frames do not depend on the order they are drawn in, and two
    cores draw them in about half the time. The copy sends nothing to the notebook (its
    widgets' messages are dropped) and returns its frames through a pipe."""
    try:
        workers = int(os.environ.get(WORKERS_ENV, "2"))
    except ValueError:
        workers = 2
    workers = max(1, min(workers, os.cpu_count() or 1, 2))
    if workers == 1 or not hasattr(os, "fork"):
        return _walk(widget, grid, outer_values)
    import pickle

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: draw every second frame, send them, and stop at once
        code = 1
        try:
            os.close(read)
            _forget_shared_state()
            try:
                result = ("ok", _walk(widget, grid, outer_values, share=(1, 2)))
            except BaseException as error:  # noqa: BLE001 (sent to the kernel, raised there)
                result = ("error", f"{type(error).__name__}: {error}")
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    try:
        mine = _walk(widget, grid, outer_values, share=(0, 2))
    finally:
        with os.fdopen(read, "rb") as pipe:
            try:
                status, theirs = pickle.load(pipe)
            except EOFError:
                status, theirs = "error", "the drawing process stopped without an answer"
        os.waitpid(pid, 0)
    if status != "ok":
        raise RuntimeError(f"drawing the website's frames failed: {theirs}")
    for path, (info, inner_values, here, frames, statuses) in mine.items():
        frames.update(theirs[path][3])
        statuses.update(theirs[path][4])
    return mine


#: A folder where walks are kept between kernels (the book's build sets it to
#: ``_build/.website-cache``): a widget shown twice (the front page's explorer is
#: chapter 1's) is walked once.
CACHE_ENV = "NNCORE_WEBSITE_CACHE"


def _source_digest():
    """A digest of nncore's source: a kept walk is used only by the code that made it."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _walk_key(widget, grid, outer_values):
    """What the walk depends on: nncore's source, the widget's class, the state of each
    of its controls, its picture and status line now (its data and model show there),
    and the grid."""
    import hashlib

    digest = hashlib.sha256(_source_digest().encode())
    digest.update(type(widget).__qualname__.encode())
    for name in sorted(widget.controls):
        control = widget.controls[name]
        state = {k: getattr(control, k, None)
                 for k in ("value", "options", "min", "max", "step", "base")}
        digest.update(repr((name, type(control).__name__, state)).encode())
    digest.update(frame_of(widget))
    digest.update(widget.status.value.encode())
    digest.update(repr([(a.name, values, a.labels, a.play)
                        for a, values in zip(grid.outer, outer_values)]).encode())
    inner = grid.inner if callable(grid.inner) else [(a.name, None if callable(a.values)
                                                      else list(a.values), a.labels,
                                                      a.play) for a in grid.inner]
    digest.update(repr(getattr(inner, "__qualname__", inner)).encode())
    return digest.hexdigest()


def _cached_walk(widget, grid, outer_values):
    """:func:`_walk_in_parallel`, kept in the folder ``NNCORE_WEBSITE_CACHE`` names (if
    it is set) and taken from there when the same widget is walked again."""
    import pickle
    from pathlib import Path

    folder = os.environ.get(CACHE_ENV, "")
    if not folder:
        return _walk_in_parallel(widget, grid, outer_values)
    path = Path(folder) / f"{_walk_key(widget, grid, outer_values)}.pickle"
    if path.exists():
        with open(path, "rb") as kept:
            return pickle.load(kept)
    leaves = _walk_in_parallel(widget, grid, outer_values)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    with open(partial, "wb") as out:
        pickle.dump(leaves, out, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)  # whole or absent, even if two kernels write at once
    return leaves


def website_widget(widget, grid, *, label=""):
    """The website version of ``widget``: walk it through ``grid`` with its own
    callbacks, keep every picture and status line, and build the linked controls.

    Parameters
    ----------
    widget : a widget of :mod:`nncore.widgets`
        With ``controls``, ``status``, ``figure``, ``image`` and ``update(full=True)``.
    grid : Grid
    label : str
        What the picture is, for screen readers.

    Returns
    -------
    ipywidgets.Widget
        Controls and pictures that work in a static page.
    """
    c = widget.controls
    outer_values = [a.resolve(widget) for a in grid.outer]
    layout = widgets.Layout(width="330px")
    outer_controls = [website_control(c[a.name], v, a.labels, layout=layout)[0]
                      for a, v in zip(grid.outer, outer_values)]
    width, height = int(widget.image.width), int(widget.image.height)
    leaves = _cached_walk(widget, grid, outer_values)

    def leaf(path):
        info, inner_values, here, frames, statuses = leaves[path]
        frames = [frames[i] for i in range(len(frames))]
        statuses = [statuses[i] for i in range(len(statuses))]
        controls, rules, extra = [], [], []
        for (name, labels, play), values in zip(info, inner_values):
            # the value this child starts from: where the outer values left it
            control, rule = website_control(c[name], values, labels, value=here[name],
                                            layout=layout)
            controls.append(control)
            rules.append(rule)
            if play:
                interval = getattr(c.get("play"), "interval", 200)
                button = widgets.Play(value=control.index, min=0, max=len(values) - 1,
                                      interval=interval, description="Play",
                                      layout=widgets.Layout(width="auto"))
                widgets.jslink((button, "value"), (control, "index"))
                extra.append(button)
        shape = [len(v) for v in inner_values]
        first = int(np.ravel_multi_index([ctl.index if r == "index" else int(ctl.value)
                                          for ctl, r in zip(controls, rules)], shape))
        viewer = FrameViewer(controls=controls, rules=rules, shape=shape, index=first,
                             status=statuses[first], frames=frames, statuses=statuses,
                             width=width, height=height, label=label)
        panel = widgets.VBox([*extra, *controls],
                             layout=widgets.Layout(width="340px", flex="0 0 auto"))
        return widgets.HBox([viewer, panel], layout=widgets.Layout(
            flex_flow="row wrap", align_items="flex-start"))

    sizes = [len(v) for v in outer_values]
    body = linked_stacks(outer_controls, leaf, sizes) if sizes else leaf(())
    note = widgets.HTML(f"<p class='nncore-grid-note'>{grid.note}</p>") if grid.note else None
    top = [widgets.HBox(outer_controls, layout=widgets.Layout(flex_flow="row wrap"))]
    return widgets.VBox([*(top if outer_controls else []), body, *([note] if note else [])],
                        layout=widgets.Layout(width="100%"))
