"""Rosenblatt's learning rule, one update at a time (Chapter 2):
:class:`PerceptronStepDisplay` (the picture of the perceptron stepper),
:func:`animate_training` and :func:`plot_errors_per_epoch`. They draw a
:class:`nncore.perceptron.Perceptron`'s ``history_``.
"""

from __future__ import annotations

import numpy as np

from .. import hyperplane as _hp
from .._checks import (
    as_array,
    as_int,
    as_interval,
    as_labels,
    as_matrix,
    as_scalar,
    as_vector,
)
from ._base import (add_arrow, animate, animation_figure, check_animation, check_axes,
                    check_step, display_axes, display_legend, fixed, frame_steps,
                    move_arrow, new_axes, nice_ceil, nice_floor, nice_limits,
                    tip_alignment, unit_direction)
from ._hyperplane import HyperplaneDisplay
from ._style import (
    BEFORE_COLOR,
    GRID_GREY,
    HIGHLIGHT_COLOR,
    INK,
    STEP_FIGSIZE,
    STEP_MARGINS,
    STEP_MARGINS_SHORT,
    VECTOR_COLORS,
)

__all__ = ["HISTORY_KEYS", "PerceptronStepDisplay", "animate_training",
           "plot_errors_per_epoch"]


#: Keys every record of a perceptron's history must have (``Perceptron.history_``).
HISTORY_KEYS = ("epoch", "index", "x", "y", "y_hat", "w_before", "b_before", "w", "b",
                "errors")


def _history_arrays(history, X):
    """Check a perceptron history (a list of dicts, one per update) against the points
    ``X`` (n, 2) and stack it into arrays, one row per update."""
    from collections.abc import Mapping, Sequence

    if isinstance(history, (str, bytes)) or not isinstance(history, Sequence):
        raise TypeError("history must be a list of dicts, one per update "
                        f"(Perceptron.history_); got {type(history).__name__}")
    for k, record in enumerate(history):
        if not isinstance(record, Mapping):
            raise TypeError(f"history[{k}] must be a dict (one record per update); "
                            f"got {type(record).__name__}")
        missing = [key for key in HISTORY_KEYS if key not in record]
        if missing:
            raise ValueError(f"history[{k}] lacks the key(s) {missing}; every record needs "
                             f"{list(HISTORY_KEYS)} (as in Perceptron.history_)")
    n_updates = len(history)
    for k, record in enumerate(history):
        for key in ("x", "w_before", "w"):
            if np.shape(record[key]) != (2,):
                raise ValueError(f"history[{k}][{key!r}] must have shape (2,), as X has 2 "
                                 f"features; got shape {np.shape(record[key])}")
    out = {}
    for key in HISTORY_KEYS:
        values = as_array([record[key] for record in history], f"history[...][{key!r}]")
        vector = key in ("x", "w_before", "w")
        expected = (n_updates, 2) if vector else (n_updates,)
        if values.shape != expected and not (n_updates == 0 and values.size == 0):
            what = "shape (2,)" if vector else "a number"
            raise ValueError(f"every history record's {key!r} must be {what}, as X has 2 "
                             f"features; got an array of shape {values.shape} for all of them")
        out[key] = values.reshape(expected)
    for key in ("epoch", "index", "y", "y_hat", "errors"):
        if np.any(out[key] != np.round(out[key])) or np.any(out[key] < 0):
            raise ValueError(f"history[...][{key!r}] must be non-negative integers")
        out[key] = out[key].astype(int)
    bad = np.flatnonzero(out["index"] >= len(X))
    if bad.size:
        k = int(bad[0])
        raise ValueError(f"history[{k}]['index'] = {out['index'][k]} is not a row of X "
                         f"(n_samples = {len(X)}); is it the history of another data set?")
    bad = np.flatnonzero(np.any(X[out["index"]] != out["x"], axis=1)) if n_updates else []
    if len(bad):
        k = int(bad[0])
        raise ValueError(f"history[{k}]['x'] = {out['x'][k].tolist()} is not "
                         f"X[{out['index'][k]}] = {X[out['index'][k]].tolist()}; "
                         "is it the history of another data set?")
    return out


def _step_limits(X, room=0.35):
    """The default view of a :class:`PerceptronStepDisplay`: :func:`nice_limits` of
    the points, widened so that the origin, where the arrows of w start, has at least
    ``room`` times the data's extent free around it in every direction."""
    lo = np.minimum(X.min(axis=0), 0.0)
    hi = np.maximum(X.max(axis=0), 0.0)
    r = room * float(np.max(hi - lo))
    return nice_limits(np.vstack([X, [[-r, -r], [r, r]]]))


def _room(u, xlim, ylim):
    """Distance from the origin to the edge of the box ``xlim x ylim`` along the unit
    vector ``u`` (0 if the origin is outside the box)."""
    t = np.inf
    for c, (low, high) in zip(u, (xlim, ylim)):
        if c > 0:
            t = min(t, high / c)
        elif c < 0:
            t = min(t, low / c)
    return max(float(t), 0.0)


def _arrow_factor(tips, xlim, ylim, fill=0.9, smallest=0.15, largest=0.35):
    """The factor by which arrows from the origin to ``tips`` are drawn: 1 when they
    fit in the view (each tip within ``fill`` of the way to the edge along its own
    direction) and the longest is at least ``smallest`` of the view; otherwise a round
    1/s (s = 2, 5, 10, 20, ...) that makes them fit, or a round s that makes tiny
    arrows visible (the longest up to ``largest`` of the view)."""
    tips = [np.asarray(t, dtype=float) for t in tips if np.any(t)]
    if not tips:
        return 1.0
    span = min(xlim[1] - xlim[0], ylim[1] - ylim[0])
    lengths = [float(np.hypot(*t)) for t in tips]
    rooms = [max(_room(t / L, xlim, ylim), 0.1 * span) for t, L in zip(tips, lengths)]
    fit = min(fill * r / L for r, L in zip(rooms, lengths))
    longest = max(lengths)
    if fit >= 1.0 and longest >= smallest * span:
        return 1.0
    if fit < 1.0:
        return 1.0 / nice_ceil(1.0 / fit)
    return nice_floor(min(fit, largest * span / longest))


def _factor_text(f):
    if f == 1.0:
        return "arrows at true length"
    if f < 1.0:
        return f"arrows scaled by 1/{1.0 / f:g}"
    return f"arrows scaled by {f:g}"


def _legend_arrow(legend, orig_handle, xdescent, ydescent, width, height, fontsize):
    """A legend key that is a small arrow in the colour of the arrow it stands for."""
    from matplotlib.patches import FancyArrow

    weight = getattr(orig_handle, "_nncore_weight", 1.0)
    return FancyArrow(-xdescent, 0.5 * height - ydescent, width, 0.0,
                      length_includes_head=True, width=0.22 * height * weight,
                      head_width=0.75 * height, head_length=0.45 * width, lw=0)


class PerceptronStepDisplay:
    r"""Rosenblatt's learning rule, one update at a time, over the data.

    Update :math:`k` of a training run corrects the sample :math:`(\mathbf{x}, y)` that
    the perceptron got wrong (:math:`\hat{y} \ne y`):

    .. math::

        \mathbf{w} \leftarrow \mathbf{w} + \mathrm{lr}\,(y - \hat{y})\,\mathbf{x},
        \qquad b \leftarrow b + \mathrm{lr}\,(y - \hat{y}).

    :meth:`update` draws it: the boundary and half-spaces after the update (a
    :class:`HyperplaneDisplay`, ``hyperplane_``), the boundary before it as a grey
    dashed line, the corrected sample ringed in vermillion, and the vectors as arrows
    from the origin: :math:`\mathbf{w}` before the update (grey), after it (black) and
    the correction :math:`\mathrm{lr}\,(y - \hat{y})\,\mathbf{x}` (thin, vermillion)
    from the tip of the first to the tip of the second, so the triangle
    "before + correction = after" is on the page. The correction is parallel to
    :math:`\mathbf{x}` itself: towards the sample when :math:`y = 1`, away from it when
    :math:`y = 0`. When the vectors are too long for the view (or too short to see),
    all three are drawn scaled by the same round factor, and the caption says so.

    A scikit-learn style Display: ``__init__`` only checks and stores, :meth:`plot`
    creates the artists once, :meth:`update` only moves them.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The training points.
    y : array-like of shape (n_samples,)
        Their labels in {0, 1}.
    history : list of dict
        One record per update, as ``Perceptron.history_``: the keys
        :data:`HISTORY_KEYS` (``"epoch"``, ``"index"``, ``"x"``, ``"y"``,
        ``"y_hat"``, ``"w_before"``, ``"b_before"``, ``"w"``, ``"b"``, ``"errors"``).
    initial_w : array-like of shape (2,), optional
        w before training (step 0); zeros by default, where the perceptron starts.
    initial_b : float, default=0.0
        b before training.
    xlim, ylim : (float, float), optional
        The view; by default a square around the points and the origin.

    Attributes
    ----------
    hyperplane_ : HyperplaneDisplay
        The half-spaces, the boundary ``hyperplane_.line_``, the points and the
        rings around the points on the wrong side, for (w, b) after the update.
    line_before_ : Line2D
        The boundary before the update (grey, dashed).
    highlight_ : PathCollection
        The vermillion ring around the sample being corrected.
    w_before_, w_after_, correction_ : FancyArrow
        The arrows; ``w_before_label_``, ``w_after_label_`` and ``correction_label_``
        are their labels.
    factor_ : float
        The factor the arrows are drawn at in the current step (1: true length).
    info_ : Text
        The caption above the axes (``caption="full"``, the default), three lines:
        "update k of K · epoch e · sample i";
        the rule as applied (e.g. :math:`y = 1, \hat{y} = 0`: w <- w + lr x,
        b <- b + lr); "mistakes so far this epoch: m · arrows scaled by 1/s" (m =
        ``history[k-1]["errors"]``, this update included; "arrows at true length" when
        not scaled). Epochs and samples count from 0, as in the history and as rows
        of ``X``. With ``caption="short"`` only the rule and the arrows' scale.
    step_ : int
        The step shown: 0 (before training) to ``n_updates``.
    n_updates : int
        ``len(history)``.
    ax_, figure_, legend_

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> X = np.array([[2.0, 1.0], [-1.0, -2.0]]); y = np.array([1, 0])
    >>> history = [dict(epoch=0, index=1, x=X[1], y=0, y_hat=1, w_before=np.zeros(2),
    ...                 b_before=0.0, w=np.array([0.5, 1.0]), b=-0.5, errors=1)]  # lr = 0.5
    >>> disp = PerceptronStepDisplay(X=X, y=y, history=history).plot(ax=Figure().add_subplot())
    >>> disp.step_, disp.hyperplane_.message_.get_visible()   # step 0: w = 0
    (0, True)
    >>> disp.update(1).highlight_.get_offsets().tolist()
    [[-1.0, -2.0]]
    >>> print(disp.info_.get_text().splitlines()[0])
    update 1 of 1 · epoch 0 · sample 1
    >>> print(disp.info_.get_text().splitlines()[2])
    mistakes so far this epoch: 1 · arrows at true length

    Derived in Chapter 2, section "The learning rule".
    """

    def __init__(self, *, X, y, history, initial_w=None, initial_b=0.0, xlim=None,
                 ylim=None):
        self.X = as_matrix(X, "X", n_features=2)
        self.y = as_labels(y, "y", n=len(self.X))
        self._h = _history_arrays(history, self.X)
        self.history = history
        self.n_updates = len(history)
        self.initial_w = (np.zeros(2) if initial_w is None
                          else as_vector(initial_w, "initial_w", dim=2))
        self.initial_b = as_scalar(initial_b, "initial_b")
        self.xlim = None if xlim is None else as_interval(xlim, "xlim")
        self.ylim = None if ylim is None else as_interval(ylim, "ylim")

    # -- drawing -------------------------------------------------------------------

    def plot(self, ax=None, *, resolution=200, legend=True, caption="full"):
        """Draw the display once (at step 0) and keep handles to its artists.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw into; a new figure of size :data:`STEP_FIGSIZE` is made with
            pyplot when None.
        resolution : int, default=200
            The half-space image has ``resolution x resolution`` pixels.
        legend : bool, default=True
            Add a legend below the axes.
        caption : {"full", "short"}, default="full"
            "full": ``info_`` has three lines (the update, epoch and sample; the rule;
            the mistakes so far and the arrows' scale) above the caption of
            ``hyperplane_`` (w, b, points on the wrong side). "short": only the rule
            and the arrows' scale, for a widget whose status line says the rest
            (text is the dearest thing to redraw).

        Returns
        -------
        self : PerceptronStepDisplay
        """
        check_axes(ax)
        from matplotlib.legend_handler import HandlerPatch
        from matplotlib.lines import Line2D
        from matplotlib.patches import FancyArrow

        if caption not in ("full", "short"):
            raise ValueError(f'caption must be "full" or "short"; got {caption!r}')
        self._full_caption = caption == "full"
        if ax is None:
            import matplotlib.pyplot as plt  # lazy, as everywhere in this module

            margins = STEP_MARGINS if self._full_caption else STEP_MARGINS_SHORT
            height = STEP_FIGSIZE[1] - STEP_MARGINS["top"] + margins["top"]
            ax = display_axes(plt.figure(figsize=(STEP_FIGSIZE[0], height)), **margins)
        xlim, ylim = self._limits(self.X)
        hp = HyperplaneDisplay(w=self.initial_w, b=self.initial_b, X=self.X, y=self.y,
                               xlim=xlim, ylim=ylim)
        self.hyperplane_ = hp.plot(ax=ax, resolution=resolution, legend=False,
                                   w_arrow=False)
        self.ax_, self.figure_ = hp.ax_, hp.figure_
        hp.info_.set_visible(self._full_caption)
        self._make_artists()
        self.legend_ = None
        if legend:
            ring = Line2D([], [], ls="none", marker="o", ms=14, mfc="none",
                          mec=HIGHLIGHT_COLOR, mew=2.4, label="the sample corrected")
            handles = hp._legend_handles() + [
                self.line_before_, self.w_before_, self.w_after_, self.correction_, ring]
            self.legend_ = display_legend(
                ax, handles, handler_map={FancyArrow: HandlerPatch(patch_func=_legend_arrow)})
        return self.update(0)

    def _make_artists(self):
        ax = self.ax_
        scale = self._span()
        (self.line_before_,) = ax.plot([], [], color=BEFORE_COLOR, lw=1.6, ls=(0, (4, 3)),
                                       zorder=2.9, label="boundary before the update")
        self.w_before_ = add_arrow(ax, (0.0, 0.0), (1.0, 0.0), BEFORE_COLOR, scale, zorder=6.1,
                                label=r"$\mathbf{w}$ before the update")
        self.w_after_ = add_arrow(ax, (0.0, 0.0), (1.0, 0.0), INK, scale, zorder=6.2,
                               label=r"$\mathbf{w}$ after the update")
        self.correction_ = add_arrow(ax, (0.0, 0.0), (1.0, 0.0), HIGHLIGHT_COLOR, scale,
                                  weight=0.45, zorder=6.3,
                                  label=r"correction $\mathrm{lr}\,(y-\hat{y})\,\mathbf{x}$")
        self.correction_._nncore_weight = 0.45
        label_style = dict(textcoords="offset points", fontsize=10.5, zorder=9,
                           bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none",
                                     alpha=0.85))
        self.w_before_label_ = ax.annotate(r"$\mathbf{w}$ before", xy=(1.0, 0.0),
                                           xytext=(0, 0), color="0.3", **label_style)
        self.w_after_label_ = ax.annotate(r"$\mathbf{w}$ after", xy=(1.0, 0.0),
                                          xytext=(0, 0), color=INK, fontweight="bold",
                                          **label_style)
        self.correction_label_ = ax.annotate(
            r"$\mathrm{lr}\,(y-\hat{y})\,\mathbf{x}$", xy=(1.0, 0.0), xytext=(0, 0),
            color=HIGHLIGHT_COLOR, **label_style)
        self._label_sizes = {}  # measured once, when first shown
        self.highlight_ = ax.scatter(np.empty(0), np.empty(0), s=330, facecolors="none",
                                     edgecolors=HIGHLIGHT_COLOR, linewidths=2.6, zorder=8)
        # above the hyperplane's own two-line caption (w, b; points on the wrong side)
        self.info_ = ax.annotate("", xy=(0.5, 1.02), xycoords="axes fraction",
                                 xytext=(0.0, 33.0 if self._full_caption else 0.0),
                                 textcoords="offset points",
                                 ha="center", va="bottom", fontsize=10, linespacing=1.45)

    def _limits(self, X):
        default_x, default_y = _step_limits(X)
        return self.xlim or default_x, self.ylim or default_y

    def _span(self):
        hp = self.hyperplane_
        return min(hp._xlim[1] - hp._xlim[0], hp._ylim[1] - hp._ylim[0])

    def dynamic_artists(self):
        """Every artist that :meth:`update` may change (for blitting)."""
        hp = self.hyperplane_
        return [hp.regions_, self.line_before_, hp.line_, hp.points_, hp.wrong_,
                self.w_before_, self.w_after_, self.correction_, self.highlight_,
                self.w_before_label_, self.w_after_label_, self.correction_label_,
                hp.message_, self.info_] + ([hp.info_] if self._full_caption else [])

    # -- one step ------------------------------------------------------------------

    def _check_step(self, k):
        return check_step(k, self.n_updates, "before training", "the number of updates")

    def update(self, k):
        r"""Show the state after update ``k`` (``history[k-1]``); 0 is before training.

        Only moves the existing artists.

        Parameters
        ----------
        k : int
            0 to ``n_updates``.

        Returns
        -------
        self : PerceptronStepDisplay
        """
        if not hasattr(self, "ax_"):
            raise RuntimeError("call plot() before update()")
        k = self._check_step(k)
        h, hp = self._h, self.hyperplane_
        if k == 0:
            w, b = self.initial_w, self.initial_b
        else:
            w, b = h["w"][k - 1], float(h["b"][k - 1])
        hp.update(w, b)
        self.step_ = k
        moving = (self.line_before_, self.w_before_, self.w_after_, self.correction_,
                  self.highlight_, self.w_before_label_, self.w_after_label_,
                  self.correction_label_)
        if k == 0:
            for artist in moving:
                artist.set_visible(False)
            self.factor_ = 1.0
            self.info_.set_text(self._caption_start())
            return self
        i = k - 1
        w_before, b_before = h["w_before"][i], float(h["b_before"][i])
        self.highlight_.set_offsets(h["x"][i][np.newaxis, :])
        self.highlight_.set_visible(True)
        before = _hp.line_in_box(w_before, b_before, hp._xlim, hp._ylim)
        self.line_before_.set_visible(before is not None)
        if before is not None:
            before = np.asarray(before, dtype=float)
            self.line_before_.set_data(before[:, 0], before[:, 1])
        self._draw_triangle(w_before, w)
        self.info_.set_text(self._caption(k))
        return self

    def _draw_triangle(self, w_before, w_after):
        """The arrows 0 -> w_before, 0 -> w_after and w_before -> w_after, drawn at
        one common factor, and their labels placed away from each other."""
        hp = self.hyperplane_
        f = _arrow_factor([w_before, w_after], hp._xlim, hp._ylim)
        self.factor_ = f
        A, B = f * np.asarray(w_before, float), f * np.asarray(w_after, float)
        scale = self._span()
        origin = np.zeros(2)
        for arrow, label, start, end, weight in (
                (self.w_before_, self.w_before_label_, origin, A, 1.0),
                (self.w_after_, self.w_after_label_, origin, B, 1.0),
                (self.correction_, self.correction_label_, A, B, 0.45)):
            visible = bool(np.any(end - start))
            arrow.set_visible(visible)
            label.set_visible(visible)
            if visible:
                move_arrow(arrow, start, end, scale, weight, head=0.7 if weight < 1 else 1.0)
        # each label by its side of the triangle 0, A, B, on the outside (away from the
        # third corner), at the middle if there is room: no label on another, none
        # out of the axes (when the canvas can measure text)
        side = np.array([-B[1], B[0]]) if np.any(B) else np.array([-A[1], A[0]])
        placed = []
        for label, P, Q, third, fallback in (
                (self.w_after_label_, origin, B, A, -side),
                (self.w_before_label_, origin, A, B, side),
                (self.correction_label_, A, B, origin, side)):
            if label.get_visible():
                if label not in self._label_sizes:
                    self._label_sizes[label] = _label_size(label)
                placed.append(_place_side_label(label, self.ax_, P, Q, third, fallback,
                                                self._label_sizes[label], placed))

    def _caption_start(self):
        K = self.n_updates
        w = self.initial_w
        start = ("w = 0, b = 0" if not np.any(w) and self.initial_b == 0
                 else f"w = ({fixed(w[0])}, {fixed(w[1])}), b = {fixed(self.initial_b)}")
        rule = (r"on a mistake: $\mathbf{w} \leftarrow \mathbf{w} + "
                r"\mathrm{lr}\,(y-\hat{y})\,\mathbf{x}$, "
                r"$b \leftarrow b + \mathrm{lr}\,(y-\hat{y})$")
        if not self._full_caption:
            return f"{rule}\nbefore training: {start}"
        return (f"before training (update 0 of {K}): {start}\n{rule}\n"
                + (f"{K} update{'s' if K != 1 else ''} in this run" if K
                   else "no update: every point is already on its side"))

    def _caption(self, k):
        h, i = self._h, k - 1
        y, y_hat = int(h["y"][i]), int(h["y_hat"][i])
        sign = "+" if y - y_hat > 0 else "-"
        rule = (rf"$y = {y}$, $\hat{{y}} = {y_hat}$:  "
                rf"$\mathbf{{w}} \leftarrow \mathbf{{w}} {sign} \mathrm{{lr}}\,\mathbf{{x}}$,  "
                rf"$b \leftarrow b {sign} \mathrm{{lr}}$")
        if not self._full_caption:
            return f"{rule}\n{_factor_text(self.factor_)}"
        return (f"update {k} of {self.n_updates} · epoch {h['epoch'][i]} · "
                f"sample {h['index'][i]}\n{rule}\n"
                f"mistakes so far this epoch: {h['errors'][i]} · {_factor_text(self.factor_)}")

    def set_data(self, X, y, history, initial_w=None, initial_b=0.0):
        """Swap in new points and a new history (same artists), and show step 0.

        The view becomes the default one for the new points (unless ``xlim`` and
        ``ylim`` were given).

        Parameters
        ----------
        X, y, history, initial_w, initial_b
            As for the constructor.

        Returns
        -------
        self : PerceptronStepDisplay
        """
        X = as_matrix(X, "X", n_features=2)
        y = as_labels(y, "y", n=len(X))
        h = _history_arrays(history, X)
        initial_w = np.zeros(2) if initial_w is None else as_vector(initial_w, "initial_w",
                                                                     dim=2)
        initial_b = as_scalar(initial_b, "initial_b")
        self.X, self.y, self._h, self.history = X, y, h, history
        self.n_updates = len(history)
        self.initial_w, self.initial_b = initial_w, initial_b
        self.hyperplane_._set_view(*self._limits(X))
        self.hyperplane_.set_data(X, y)
        return self.update(0)


def _outward(P, Q, third, fallback):
    """The normal of the side P -> Q that points away from the corner ``third`` (or
    ``fallback`` when the three corners are in a line)."""
    d = Q - P
    normal = np.array([-d[1], d[0]])
    toward = float(np.dot(normal, third - 0.5 * (P + Q)))
    scale = np.hypot(*normal) * max(np.hypot(*(third - P)), np.hypot(*d))
    if abs(toward) <= 1e-9 * scale:
        return np.asarray(fallback, dtype=float)
    return -normal if toward > 0 else normal


_H_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0}
_V_SHIFT = {"bottom": 0.0, "center": 0.5, "top": 1.0}
_SIDE_POSITIONS = (0.5, 0.7, 0.3, 0.85, 0.15)  # where along a side a label may sit


def _place_side_label(annotation, ax, P, Q, third, fallback, size, taken):
    """Label the side P -> Q of a triangle: outside it, at its middle or, if that box
    would sit on a box in ``taken`` (points), further along it, else inside it, else
    further out (a small triangle has no room next to it), else where it covers the
    least of them; shifted to stay in the axes. Returns the box used, (x0, y0, x1, y1)
    in points."""
    normal = unit_direction(_outward(P, Q, third, fallback))
    candidates = [(t, normal, 5.0) for t in _SIDE_POSITIONS]
    candidates += [(t, -normal, 5.0) for t in _SIDE_POSITIONS[:3]]
    candidates += [(t, sign * normal, offset) for offset in (16.0, 28.0) for sign in (1, -1)
                   for t in _SIDE_POSITIONS[:3]]
    to_points = 72.0 / ax.figure.dpi
    frame = np.array([ax.bbox.x0, ax.bbox.y0, ax.bbox.x1, ax.bbox.y1]) * to_points
    frame += (2.0, 2.0, -2.0, -2.0)
    choice, least = None, np.inf
    for t, u, offset in candidates:
        anchor = P + t * (Q - P)
        ha, va = tip_alignment(u)
        dx, dy = offset * u
        if size is None:  # no renderer to measure text: the first place, as it is
            choice = (anchor, (dx, dy), ha, va, None)
            break
        width, height = size
        x, y = ax.transData.transform(anchor) * to_points
        left = x + dx - _H_SHIFT[ha] * width
        bottom = y + dy - _V_SHIFT[va] * height
        # keep it in the axes
        shift_x = max(0.0, frame[0] - left) - max(0.0, left + width - frame[2])
        shift_y = max(0.0, frame[1] - bottom) - max(0.0, bottom + height - frame[3])
        box = (left + shift_x, bottom + shift_y, left + shift_x + width,
               bottom + shift_y + height)
        option = (anchor, (dx + shift_x, dy + shift_y), ha, va, box)
        overlap = sum(max(0.0, min(box[2], o[2]) - max(box[0], o[0]))
                      * max(0.0, min(box[3], o[3]) - max(box[1], o[1])) for o in taken)
        if choice is None or overlap < least:
            choice, least = option, overlap
        if overlap == 0.0:
            break
    anchor, position, ha, va, box = choice
    annotation.xy = tuple(anchor)
    annotation.set_position(position)
    annotation.set_horizontalalignment(ha)
    annotation.set_verticalalignment(va)
    return box if box is not None else (np.inf, np.inf, -np.inf, -np.inf)


def _label_size(annotation):
    """Width and height (points) of a label's text and its box, at any position; None
    if the canvas cannot measure text (then labels are not kept apart)."""
    fig = annotation.figure
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None:
        return None
    box = annotation.get_window_extent(get_renderer())
    pad = 2.0 * 0.12 * annotation.get_fontsize() + 1.0  # the round box around the text
    to_points = 72.0 / fig.dpi
    return box.width * to_points + pad, box.height * to_points + pad


def animate_training(X, y, history, *, interval=400, max_frames=60, dpi=72,
                     figsize=STEP_FIGSIZE, initial_w=None, initial_b=0.0):
    r"""An animation of a perceptron's training, one frame per update, for the website.

    One :class:`PerceptronStepDisplay` is drawn once; each frame calls its
    :meth:`~PerceptronStepDisplay.update`. The first frame is step 0 (before
    training) and then one frame per update; when there are more than ``max_frames``
    steps, ``max_frames`` of them are taken evenly, always the first and the last.
    The figure is a plain :class:`matplotlib.figure.Figure` (not pyplot), so a
    notebook shows only the animation: ``IPython.display.HTML(anim.to_jshtml())``
    plays without a kernel.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,)
        Labels in {0, 1}.
    history : list of dict
        ``Perceptron.history_`` of a run on ``X, y``.
    interval : int, default=400
        Milliseconds between frames.
    max_frames : int, default=60
        At most this many frames (each is embedded in the page as a PNG).
    dpi : float, default=72
    figsize : (float, float), default=STEP_FIGSIZE
    initial_w : array-like of shape (2,), optional
        w before training (zeros by default, where the perceptron starts).
    initial_b : float, default=0.0

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Its ``display`` attribute holds the :class:`PerceptronStepDisplay`, its
        ``steps`` attribute the step shown in each frame.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[2.0, 1.0], [-1.0, -2.0]]); y = np.array([1, 0])
    >>> history = [dict(epoch=0, index=1, x=X[1], y=0, y_hat=1, w_before=np.zeros(2),
    ...                 b_before=0.0, w=np.array([1.0, 2.0]), b=-1.0, errors=1)]
    >>> anim = animate_training(X, y, history)
    >>> anim.steps.tolist()
    [0, 1]
    >>> html = anim.to_jshtml()  # render it, as a chapter does

    Used in Chapter 2, section "Step through training yourself".
    """
    check_animation(interval, dpi, figsize)
    max_frames = as_int(max_frames, "max_frames", minimum=2)
    display = PerceptronStepDisplay(X=X, y=y, history=history, initial_w=initial_w,
                                    initial_b=initial_b)
    fig = animation_figure(figsize, dpi)
    display.plot(ax=display_axes(fig, **STEP_MARGINS))
    steps = frame_steps(display.n_updates, max_frames)
    return animate(display, steps, lambda k: display.update(int(k)), interval=interval,
                   steps=steps)


def plot_errors_per_epoch(errors_per_epoch, ax=None, label=None):
    r"""Mistakes (= updates) of the perceptron in each epoch.

    Epoch :math:`e` counts the samples with :math:`\hat{y} \ne y` when they were
    visited, each of which triggered an update; training has converged when an epoch
    has none. Without ``label``: one bar per epoch, and a note at an epoch with no
    mistake. With ``label``: a step line with a dot per epoch, named in a legend, so
    that several runs can be drawn on the same axes and compared.

    Parameters
    ----------
    errors_per_epoch : array-like of shape (n_epochs,)
        Non-negative integers (``Perceptron.errors_per_epoch_``); epochs count from 0.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made with pyplot when None.
    label : str, optional
        Name of this run in the legend; "(converged)" is added when its last epoch
        has no mistake.

    Returns
    -------
    ax : matplotlib.axes.Axes
        Without ``label`` the bars are in ``ax.containers[-1]``; with it, the run is a
        :class:`~matplotlib.patches.StepPatch` in ``ax.patches`` and its dots a line
        in ``ax.lines``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_errors_per_epoch([5, 2, 1, 0], ax=Figure().add_subplot())
    >>> [float(bar.get_height()) for bar in ax.containers[0]]
    [5.0, 2.0, 1.0, 0.0]
    >>> ax = plot_errors_per_epoch([3, 0], ax=ax, label="lr = 0.1")
    >>> ax.patches[-1].get_data().values.tolist(), ax.get_legend().texts[0].get_text()
    ([3.0, 0.0], 'lr = 0.1 (converged)')

    Used in Chapter 2, sections "Watching it train" and "When it never converges".
    """
    check_axes(ax)
    from matplotlib.colors import to_rgba
    from matplotlib.ticker import MaxNLocator

    e = as_array(errors_per_epoch, "errors_per_epoch")
    if e.ndim != 1 or e.size == 0:
        raise ValueError("errors_per_epoch must be 1-D with one count per epoch, "
                         f"shape (n_epochs,); got shape {e.shape}")
    bad = (e < 0) | (e != np.round(e))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError("errors_per_epoch must contain non-negative integers; "
                         f"got {e[i]:g} at index {i}")
    if label is not None and not isinstance(label, str):
        raise TypeError(f"label must be a str or None; got {type(label).__name__}")
    if ax is None:
        ax = new_axes(figsize=(5.5, 3.2))
    runs = getattr(ax, "_nncore_error_runs", 0)
    ax._nncore_error_runs = runs + 1
    color = VECTOR_COLORS[runs % len(VECTOR_COLORS)]
    epochs = np.arange(len(e))
    converged = e[-1] == 0
    if label is None:
        ax.bar(epochs, e, width=0.8 if len(e) <= 30 else 1.0,
               color=to_rgba(color, 0.35), edgecolor=color, lw=1.0, zorder=2)
        if converged:
            ax.annotate("no mistake:\nconverged", xy=(epochs[-1], 0.0), xytext=(0, 16),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8.5,
                        color=color, arrowprops=dict(arrowstyle="->", color=color, lw=1.0))
    else:
        ax.stairs(e, np.arange(len(e) + 1) - 0.5, color=color, lw=1.6, zorder=2,
                  label=label + (" (converged)" if converged else ""))
        ax.plot(epochs, e, "o", color=color, ms=4 if len(e) <= 60 else 2.5, zorder=3)
        ax.legend(fontsize=9, frameon=False)
    right = len(e) - 0.5 if runs == 0 else max(len(e) - 0.5, ax.get_xlim()[1])
    top = float(e.max()) if runs == 0 else max(float(e.max()), ax.get_ylim()[1] / 1.15)
    ax.set_xlim(-0.5, right)
    ax.set_ylim(0, 1.15 * max(top, 1.0))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, axis="y", color=GRID_GREY, lw=0.6)
    ax.set_axisbelow(True)
    if not ax.get_xlabel():
        ax.set_xlabel("epoch")
    if not ax.get_ylabel():
        ax.set_ylabel("mistakes (= updates)")
    return ax
