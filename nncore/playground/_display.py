"""The Playground's picture (matplotlib): :class:`PlaygroundDisplay` draws the three
columns of TensorFlow Playground (the features, the hidden layers with their links, the
output heatmap with the points and the loss curves) once, and moves them with
:meth:`PlaygroundDisplay.update`. Its colours are the Playground's: orange for negative,
grey at 0, blue for positive, and the heatmaps in its 31 lighter shades. The colour maps
are built on first use, so importing it does not import matplotlib."""

from __future__ import annotations

import math

import numpy as np

from .. import features as _features
from ._config import GRID, VIEW

__all__ = ["upsample2", "PlaygroundDisplay", "PLAY_CMAP", "LINK_CMAP", "REGION_CMAP",
           "FIG_H", "FIG_W", "FIRST_EPOCHS", "HEAT", "TEST_LOSS_COLOR", "loss_lines",
           "thumbnail"]


# TensorFlow Playground's colour scale (playground.ts, heatmap.ts): -1, 0, +1
_ORANGE, _GREY, _BLUE = "#f59322", "#e8eaeb", "#0877bd"
#: The Playground's heatmaps are its colours drawn with alpha 160 of 255 over the white
#: page, in 31 shades from -1 to 1 (its ``NUM_SHADES`` + 1).
HEAT_ALPHA, HEAT_SHADES = 160 / 255, 31


def _on_white(hex_color, alpha):
    r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(alpha * c + (1 - alpha) for c in (r, g, b))


def _cmap(name, colors, n):
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list(name, colors, N=n).with_extremes(bad="0.85")


class _LazyCmap:
    """A colour map built on first use (so importing this module does not import
    matplotlib)."""

    def __init__(self, name, colors, n=256):
        self.name, self.colors, self.n, self._cmap = name, colors, n, None

    def get(self):
        if self._cmap is None:
            self._cmap = _cmap(self.name, self.colors, self.n)
        return self._cmap


#: Points, weights, biases and regression targets: orange (negative) - grey (0) - blue
#: (positive), TensorFlow Playground's colour scale.
PLAY_CMAP = _LazyCmap("nncore_play", [_ORANGE, _GREY, _BLUE])
#: The weights: the same scale, clipped to [-1, 1], as the Playground colours its links.
LINK_CMAP = _LazyCmap("nncore_play_links", [_ORANGE, _GREY, _BLUE])
#: The heatmaps (the output region behind the points and every thumbnail): the same
#: colours, lighter (alpha 160 on white) and in 31 shades, as the Playground draws them.
REGION_CMAP = _LazyCmap("nncore_play_region",
                        [_on_white(c, HEAT_ALPHA) for c in (_ORANGE, _GREY, _BLUE)],
                        HEAT_SHADES)

#: Figure size (inches) and resolution of the Playground's picture (860 x 416 px).
FIGSIZE = (10.75, 5.2)
DPI = 80
FIG_W, FIG_H = FIGSIZE[0] * DPI, FIGSIZE[1] * DPI  # the figure in pixels
_NET_RIGHT = 575.0  # the network panel is x in [0, _NET_RIGHT] px
_HEAD_Y, _SUB_Y = FIG_H - 16, FIG_H - 32  # baselines of the headers and of their second line
_BAND = (32.0, FIG_H - 46)  # the neurons' vertical band
HEAT = (610.0, 176.0, 200.0)  # the big heatmap: left, bottom, side (px)
_LOSS = (610.0, 30.0, 200.0, 84.0)  # the loss axes: left, bottom, width, height (px)
_CBAR = (818.0, 176.0, 8.0, 200.0)
_HEADER = dict(fontsize=8.5, fontweight="bold", color="0.35")
_SMALL = dict(fontsize=8.5, color="0.3")
#: The epoch axis starts at 50 epochs and doubles when reached; the loss axis follows
#: the run in powers of 2 from 1/8 to 8 (see :func:`_loss_top`).
FIRST_EPOCHS, _FIRST_LOSS, _MIN_LOSS, _MAX_LOSS = 50, 1.0, 0.125, 8.0
_TRAIN_LOSS_COLOR, TEST_LOSS_COLOR = "#777777", "#000000"  # the Playground's


def _px_to_pt(px):
    return px * 72.0 / DPI


def _link_width(w):
    """Line width (points) of a link of weight w: 1 px + 1.8 px per unit of |w|, to 10 px
    (TensorFlow Playground's scale)."""
    return _px_to_pt(np.minimum(1.0 + 1.8 * np.abs(w), 10.0))


def _layer_label(n):
    return f"{n} neuron" if n == 1 else f"{n} neurons"


class PlaygroundDisplay:
    r"""The Playground's picture: features, hidden neurons, weights, output and losses.

    Create it once; :meth:`set_network` draws the network's structure (a new
    architecture, feature set or problem), :meth:`set_data` the points, and
    :meth:`update` moves the numbers (maps, weights, biases, losses) without creating
    anything. Every colour shows a value on TensorFlow Playground's scale, orange for
    negative, grey for 0, blue for positive, clipped to $[-1, 1]$: the features, the
    hidden neurons' outputs $a^{(l)}_j$, the biases, the weights (their width grows
    with $|w|$), and the output (its $\tanh z$; $2\sigma(z) - 1$ with the
    cross-entropy, so that grey is $P = \tfrac12$; the prediction for regression).
    With ``discretise`` every map shows only its sign, as in the Playground.

    Used in Chapter 7 through :class:`Playground` and :func:`record_playground`.

    Attributes
    ----------
    figure_ : matplotlib.figure.Figure
    ax_net_, ax_out_, ax_loss_, ax_cbar_ : Axes
        The network panel (pixel coordinates), the big heatmap, the loss curves and the
        colour bar.
    feature_images_ : list of AxesImage
    neuron_images_ : list of list of AxesImage
        ``neuron_images_[l][j]``: hidden layer ``l + 1``, neuron ``j + 1``.
    output_image_ : AxesImage
        The output neuron's thumbnail.
    links_ : LineCollection
        Every weight, one segment each: layer by layer, each ``W`` in row-major order;
        ``link_layers_[l]`` is the slice of layer ``l + 1`` (``W_{l+1}``), where segment
        ``j * n_in + k`` joins input ``k`` to neuron ``j``.
    biases_ : PathCollection
        Every bias, as a small square; ``bias_layers_[l]`` is the slice of layer
        ``l + 1`` (its array holds the biases, clipped to [-1, 1]).
    heatmap_ : AxesImage
        The big view: the output (or the neuron chosen with ``view``).
    train_points_, test_points_ : PathCollection
    loss_lines_ : dict of Line2D
        ``"train"`` and ``"test"``.
    big_map_ : ndarray of shape (100, 100)
        What the big view shows, on the colour scale [-1, 1], before the heatmap's
        smoothing (:func:`upsample2`).
    loss_texts_ : dict of Text
        "train" and "test": the last loss (and accuracy) of each set; with ``live``
        only the names of the curves (the widget writes the numbers outside the
        picture, where a changing text costs nothing to draw).
    epoch_text_ : Text
        The epoch, top right (not with ``live``).

    Parameters
    ----------
    figure : matplotlib.figure.Figure, optional
        A figure of size :data:`FIGSIZE` with a canvas; by default a new one (Agg).
    dpi : float, default 80
    live : bool, default False
        For the widget: no changing text in the picture.
    """

    def __init__(self, figure=None, *, dpi=DPI, live=False):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from ..plotting._base import check_dpi

        check_dpi(dpi)

        if figure is None:
            figure = Figure(figsize=FIGSIZE, dpi=dpi)
            FigureCanvasAgg(figure)
        self.figure_ = figure
        fig = figure

        def axes(left, bottom, width, height):
            return fig.add_axes((left / FIG_W, bottom / FIG_H, width / FIG_W, height / FIG_H))

        self.ax_net_ = axes(0.0, 0.0, _NET_RIGHT, FIG_H)
        self.ax_net_.set_axis_off()
        for spine in self.ax_net_.spines.values():
            spine.set_visible(False)
        self.ax_net_.set_xlim(0.0, _NET_RIGHT)
        self.ax_net_.set_ylim(0.0, FIG_H)

        x0, y0, side = HEAT
        self.ax_out_ = axes(x0, y0, side, side)
        ax = self.ax_out_
        ax.set_xlim(-VIEW, VIEW)
        ax.set_ylim(-VIEW, VIEW)
        ticks = [-VIEW, -VIEW / 2, 0, VIEW / 2, VIEW]
        ax.set_xticks(ticks)
        ax.set_yticks(ticks)
        ax.tick_params(labelsize=8, length=2.5, pad=1.5, colors="0.3")
        # a frame behind the map instead of spines over it: nothing static lies on top
        # of a moving artist, so a frame is the static picture plus the moving artists
        from matplotlib.patches import Rectangle

        for spine in ax.spines.values():
            spine.set_visible(False)
        px = 2 * VIEW / HEAT[2]  # one pixel in data units
        ax.add_patch(Rectangle((-VIEW - px, -VIEW - px), 2 * (VIEW + px), 2 * (VIEW + px),
                               facecolor="0.55", edgecolor="none", zorder=-1, clip_on=False))
        # the map is smoothed by linear interpolation to twice the grid (one value per
        # pixel), then drawn 1:1
        self.heatmap_ = ax.imshow(np.zeros((2 * GRID, 2 * GRID)), origin="lower",
                                  extent=(-VIEW, VIEW, -VIEW, VIEW), vmin=-1.0, vmax=1.0,
                                  cmap=REGION_CMAP.get(), interpolation="nearest",
                                  zorder=0)
        self.big_map_ = np.zeros((GRID, GRID))
        self.train_points_ = ax.scatter([], [], s=16, edgecolors="white", linewidths=0.7,
                                        zorder=3)
        self.test_points_ = ax.scatter([], [], s=13, edgecolors="0.1", linewidths=0.6,
                                       zorder=3.1)
        fig.text(x0 / FIG_W, _HEAD_Y / FIG_H, "OUTPUT", ha="left", va="baseline", **_HEADER)
        self._out_sub = fig.text((x0 + side / 2) / FIG_W, _SUB_Y / FIG_H, "", ha="center",
                                 va="baseline", **_SMALL)

        cx, cy, cw, ch = _CBAR
        self.ax_cbar_ = axes(cx, cy, cw, ch)
        self._cbar_image = self.ax_cbar_.imshow(
            np.linspace(-1, 1, 128)[:, None], origin="lower", aspect="auto",
            cmap=REGION_CMAP.get(), vmin=-1, vmax=1, extent=(0, 1, -1, 1))
        self.ax_cbar_.set_xticks([])
        self.ax_cbar_.yaxis.tick_right()
        self.ax_cbar_.tick_params(labelsize=8, length=2, pad=1.5, colors="0.3")
        for spine in self.ax_cbar_.spines.values():
            spine.set_color("0.55")

        lx, ly, lw, lh = _LOSS
        self.ax_loss_ = axes(lx, ly, lw, lh)
        ax = self.ax_loss_
        ax.set_ylim(0, _FIRST_LOSS)
        ax.set_xlim(0, FIRST_EPOCHS)
        ax.tick_params(labelsize=7.5, length=2, pad=1.5, colors="0.3")
        ax.set_xlabel("epoch", fontsize=8, labelpad=1, color="0.3")
        ax.set_ylabel("loss", fontsize=8, labelpad=1, color="0.3")
        ax.grid(True, which="major", color="0.9", linewidth=0.6)
        for spine in ax.spines.values():
            spine.set_color("0.55")
        self.loss_lines_ = {
            "train": ax.plot([], [], color=_TRAIN_LOSS_COLOR, lw=1.4, label="training",
                             zorder=3)[0],
            "test": ax.plot([], [], color=TEST_LOSS_COLOR, lw=1.4, ls=(0, (4, 1.5)),
                            label="test", zorder=3)[0],
        }
        self.loss_texts_ = {
            "train": fig.text(lx / FIG_W, (ly + lh + 22) / FIG_H, "", ha="left", va="baseline",
                              fontsize=8, color=_TRAIN_LOSS_COLOR),
            "test": fig.text(lx / FIG_W, (ly + lh + 10) / FIG_H, "", ha="left", va="baseline",
                             fontsize=8, color=TEST_LOSS_COLOR),
        }
        self.epoch_text_ = fig.text((x0 + side) / FIG_W, _HEAD_Y / FIG_H, "", ha="right",
                                    va="baseline", **_HEADER)
        # live: the numbers are shown outside the picture (drawing a changing text costs
        # more than the rest of a frame), the texts only say which curve is which
        self.live = bool(live)
        if self.live:
            self.loss_texts_["train"].set_text("\u2014 training loss")
            self.loss_texts_["test"].set_text("- - test loss")

        self.feature_images_, self.neuron_images_ = [], []
        self.links_ = self.biases_ = None
        self.link_layers_, self.bias_layers_ = [], []
        self.output_image_ = None
        self._net_artists = []
        self.problem, self.view, self.discretise = "classification", "output", False
        self.output = "tanh"
        self.hidden_, self.feature_names_ = [], []
        self.selected_ = None
        self._feature_maps = []

    # -- structure ----------------------------------------------------------------------

    def _columns(self, hidden):
        """x of the column centres: features, hidden layers, output."""
        n_cols = len(hidden) + 2
        first, last = 78.0, _NET_RIGHT - 34.0
        return [float(round(x)) for x in np.linspace(first, last, n_cols)]

    @staticmethod
    def _sizes(counts):
        top, bottom = _BAND[1], _BAND[0]
        slot = min(72.0, (top - bottom) / max(counts))
        thumb = 2.0 * math.floor(min(54.0, 0.78 * slot) / 2)  # even: whole-pixel edges
        return slot, thumb

    @staticmethod
    def _ys(n, slot):
        mid = 0.5 * (_BAND[0] + _BAND[1])
        return [float(round(mid + (0.5 * (n - 1) - i) * slot)) for i in range(n)]

    def set_network(self, feature_names, hidden, feature_maps, *, problem="classification",
                    activation="tanh", view="output", output=None):
        """Draw the network's structure: one thumbnail per feature and per neuron, the
        links, the headers. ``feature_maps`` are the features over the grid, shape
        ``(n_features, rows, cols)``; each is shown clipped to [-1, 1], as the
        Playground shows them. ``view`` is "output" or ``(l, j)`` (hidden layer ``l``,
        neuron ``j``, from 1): that thumbnail gets a dark frame. ``output`` is the
        output neuron's function ("tanh", "sigmoid" or "linear"; by default tanh for
        classification, linear for regression). Returns ``self``."""
        from matplotlib.collections import LineCollection

        for artist in self._net_artists:
            artist.remove()
        self._net_artists = []
        ax = self.ax_net_
        self.problem, self.view = problem, view
        if output is None:
            output = "tanh" if problem == "classification" else "linear"
        self.output = output
        self.feature_names_, self.hidden_ = list(feature_names), list(hidden)
        self.selected_ = None
        counts = [len(feature_names), *hidden, 1]
        xs = self._columns(hidden)
        slot, thumb = self._sizes(counts)
        self._thumb = thumb
        cmap = REGION_CMAP.get()
        half = thumb / 2

        def add(artist):
            self._net_artists.append(artist)
            return artist

        self._frames = {}

        def frame(x, y, key=None):
            from matplotlib.patches import Rectangle

            rect = add(ax.add_patch(Rectangle((x, y), 0, 0, edgecolor="none", zorder=1)))
            rect.centre = (x, y)
            if key is not None:
                self._frames[key] = rect
            self._style_frame(rect, selected=key is not None and key == view)

        def image(x, y, data=None):
            return add(ax.imshow(np.zeros((2, 2)) if data is None else data,
                                 origin="lower", extent=(x - half, x + half, y - half, y + half),
                                 cmap=cmap, vmin=-1.0, vmax=1.0, interpolation="nearest",
                                 zorder=2))

        columns = []
        # features
        ys = self._ys(len(feature_names), slot)
        self.feature_images_ = []
        self._feature_maps = [np.asarray(m, dtype=float) for m in feature_maps]
        for name, fmap, y in zip(feature_names, self._feature_maps, ys):
            frame(xs[0], y)
            self.feature_images_.append(image(xs[0], y, self._map_colours(fmap)))
            add(ax.text(xs[0] - half - 6, y, _features.FEATURE_LABELS[name], ha="right",
                        va="center", fontsize=10.5, color="0.15"))
        columns.append((xs[0], ys))
        add(ax.text(xs[0] - 18, _HEAD_Y, "FEATURES", ha="center", va="baseline",
                    **_HEADER))
        add(ax.text(xs[0] - 18, _SUB_Y, f"{len(feature_names)} input"
                    f"{'' if len(feature_names) == 1 else 's'}", ha="center",
                    va="baseline", **_SMALL))
        # hidden layers
        self.neuron_images_ = []
        for l, n in enumerate(hidden):
            x = xs[l + 1]
            ys = self._ys(n, slot)
            row = []
            for j, y in enumerate(ys):
                frame(x, y, key=(l + 1, j + 1))
                row.append(image(x, y))
            self.neuron_images_.append(row)
            columns.append((x, ys))
            add(ax.text(x, _SUB_Y, _layer_label(n), ha="center", va="baseline", **_SMALL))
        if hidden:
            mid = 0.5 * (xs[1] + xs[len(hidden)])
            word = "HIDDEN LAYER" if len(hidden) == 1 else "HIDDEN LAYERS"
            add(ax.text(mid, _HEAD_Y, f"{len(hidden)} {word}", ha="center", va="baseline",
                        **_HEADER))
        else:
            add(ax.text(0.5 * (xs[0] + xs[1]), _HEAD_Y, "NO HIDDEN LAYER", ha="center",
                        va="baseline", **_HEADER))
        # output neuron
        y_out = self._ys(1, slot)
        frame(xs[-1], y_out[0], key="output")
        self.output_image_ = image(xs[-1], y_out[0])
        columns.append((xs[-1], y_out))
        add(ax.text(xs[-1], _SUB_Y, "output", ha="center", va="baseline", **_SMALL))
        if hidden:
            add(ax.text(xs[0] - half - 6, 6, _activation_note(activation), ha="left",
                        va="bottom", fontsize=8.5, color="0.4"))
        # links and biases, layer by layer, in one collection each (one draw per frame)
        gap, segs, pts = 1.5, [], []
        self.link_layers_, self.bias_layers_ = [], []
        bs = max(3.0, 0.17 * thumb)  # side of a bias square, px
        for l in range(len(columns) - 1):
            (xa, ya), (xb, yb) = columns[l], columns[l + 1]
            start = len(segs)
            segs += [((xa + half + gap, y_in), (xb - half - gap, y_out_))
                     for y_out_ in yb for y_in in ya]
            self.link_layers_.append(slice(start, len(segs)))
            start = len(pts)
            pts += [(xb - half - 0.5 * bs, y - half + 0.5 * bs) for y in yb]
            self.bias_layers_.append(slice(start, len(pts)))
        self.links_ = add(ax.add_collection(LineCollection(
            segs, colors="0.7", linewidths=1.0, zorder=1.5, capstyle="butt")))
        self.biases_ = add(ax.scatter(*zip(*pts), marker="s", s=_px_to_pt(bs) ** 2,
                                      c=np.zeros(len(pts)), cmap=PLAY_CMAP.get(), vmin=-1.0,
                                      vmax=1.0, edgecolors="0.3", linewidths=0.5, zorder=4))
        self._segments, self._bias_points, self._bias_side = segs, pts, bs
        # the chosen weight or bias (select): a dark band under its link, or a ring
        self._highlight = add(ax.add_collection(LineCollection(
            [], colors="0.1", linewidths=_px_to_pt(13.0), zorder=1.4, capstyle="butt",
            alpha=0.35)))
        self._bias_ring = add(ax.scatter([], [], marker="s", s=_px_to_pt(bs + 7) ** 2,
                                         facecolors="none", edgecolors="0.1",
                                         linewidths=1.4, zorder=3.9))
        self._set_out_labels()
        return self

    def _set_out_labels(self):
        view, problem = self.view, self.problem
        if view == "output":
            if problem == "classification" and self.output == "sigmoid":
                what = ("predicted class (P \u2265 0.5 is class 1)" if self.discretise
                        else "2 P(class 1) \u2212 1 = 2\u03c3(z) \u2212 1")
            elif problem == "classification":
                what = ("predicted class (+1 where tanh z \u2265 0)" if self.discretise
                        else "the output tanh z (class +1 blue, \u22121 orange)")
            else:
                what = ("the sign of the prediction" if self.discretise
                        else "the prediction \u0177 = z")
            ticks, labels = [-1, 0, 1], ["\u22121", "0", "1"]
            cmap = REGION_CMAP.get()
        else:
            l, j = view
            what = f"hidden layer {l}, neuron {j}: its output a"
            ticks, labels = [-1, 0, 1], ["\u22121", "0", "1"]
            cmap = REGION_CMAP.get()
        self._out_sub.set_text(what)
        self.heatmap_.set_cmap(cmap)
        self._cbar_image.set_cmap(cmap)
        self.ax_cbar_.set_yticks(ticks, labels)

    def _style_frame(self, rect, selected):
        """The frame behind a thumbnail: thin grey, or thick and dark when selected."""
        pad = 2.2 if selected else 1.0
        x, y = rect.centre
        half = self._thumb / 2 + pad
        rect.set_bounds(x - half, y - half, 2 * half, 2 * half)
        rect.set_facecolor("0.1" if selected else "0.62")

    def set_view(self, view, discretise=None):
        """Choose what the big heatmap shows ("output" or ``(l, j)``: hidden layer l,
        neuron j, from 1), and whether every map shows only its sign
        (``discretise``). Static: needs a full redraw. Returns ``self``."""
        if view != "output" and view not in self._frames:
            raise ValueError(f"view must be 'output' or one of "
                             f"{[k for k in self._frames if k != 'output']}; got {view!r}")
        if discretise is not None:
            self.discretise = bool(discretise)
            for im, fmap in zip(self.feature_images_, self._feature_maps):
                im.set_data(self._map_colours(fmap))
        self.view = view
        for key, rect in self._frames.items():
            self._style_frame(rect, selected=key == view)
        self._set_out_labels()
        return self

    def select(self, what=None):
        """Mark a weight or a bias (the one being edited): ``("weight", l, j, k)`` for
        ``params[l][0][j, k]``, ``("bias", l, j)`` for ``params[l][1][j]``, or None.
        Static: needs a full redraw. Returns ``self``."""
        self.selected_ = what
        segs, ring = [], np.empty((0, 2))
        if what is not None and what[0] == "weight":
            _, l, j, k = what
            n_in = len(self.feature_names_) if l == 0 else ([*self.hidden_, 1])[l - 1]
            segs = [self._segments[self.link_layers_[l].start + j * n_in + k]]
        elif what is not None:
            _, l, j = what
            ring = np.array([self._bias_points[self.bias_layers_[l].start + j]])
        self._highlight.set_segments(segs)
        self._bias_ring.set_offsets(ring)
        return self

    def set_data(self, X_train, y_train, X_test, y_test, *, problem="classification",
                 show_test=False):
        """Put the training and test points on the big heatmap (class 1, the
        Playground's +1, blue triangles; class 0 orange circles; regression: coloured by
        target). Returns ``self``."""
        from matplotlib.markers import MarkerStyle

        self.problem = problem
        cmap = PLAY_CMAP.get()
        for sc, X, y in ((self.train_points_, X_train, y_train),
                         (self.test_points_, X_test, y_test)):
            sc.set_offsets(np.asarray(X))
            if problem == "classification":
                y = np.asarray(y)
                colors = np.where(y[:, None] == 1, np.array(_rgb(_BLUE)),
                                  np.array(_rgb(_ORANGE)))
                sc.set_array(None)
                sc.set_facecolors(colors)
                markers = [MarkerStyle("o").get_path().transformed(
                    MarkerStyle("o").get_transform()),
                    MarkerStyle("^").get_path().transformed(MarkerStyle("^").get_transform())]
                sc.set_paths([markers[int(v)] for v in y])
            else:
                sc.set_paths([MarkerStyle("o").get_path().transformed(
                    MarkerStyle("o").get_transform())])
                sc.set_cmap(cmap)
                sc.set_clim(-1.0, 1.0)
                sc.set_array(np.clip(np.asarray(y, dtype=float), -1.0, 1.0))
        self.test_points_.set_visible(bool(show_test))
        return self

    # -- numbers ------------------------------------------------------------------------

    def set_loss_epochs(self, epochs, loss=_FIRST_LOSS):
        """Let the axes of the loss curves run to ``epochs`` and ``loss`` (static: needs
        a full redraw)."""
        self.ax_loss_.set_xlim(0, max(1, epochs))
        self.ax_loss_.set_ylim(0, loss)

    def update(self, hidden_maps, output_map, params, history, *, big_map=None):
        """Move every number: neuron maps, output map, weights, biases, loss curves.

        ``hidden_maps`` and ``output_map`` as returned by :func:`network_maps` (the
        output as the logit for classification); ``params`` the model's ``(W, b)``
        list; ``history`` a dict with lists "epoch", "train_loss", "test_loss" (and
        "train_acc", "test_acc" for classification). Returns True if the epoch axis
        had to grow (then the static parts must be redrawn too)."""
        for row, maps in zip(self.neuron_images_, hidden_maps):
            thumbs = thumbnail(self._map_colours(maps))  # the whole layer at once
            for im, t in zip(row, thumbs):
                im.set_data(t)
        big = self._output_colours(output_map)
        self.output_image_.set_data(thumbnail(big))
        if big_map is None:
            if self.view == "output":
                big_map = big
            else:
                l, j = self.view
                big_map = self._map_colours(hidden_maps[l - 1][j - 1])
        self.big_map_ = big_map
        self.heatmap_.set_data(upsample2(big_map))
        w = np.nan_to_num(np.concatenate([W.ravel() for W, _ in params]))
        self.links_.set_color(LINK_CMAP.get()(np.clip(0.5 + 0.5 * w, 0.0, 1.0)))
        self.links_.set_linewidth(_link_width(w))
        self.biases_.set_array(_unit(np.concatenate([b for _, b in params])))
        return self._show_losses(history)

    def _map_colours(self, m):
        """A map on the colour scale [-1, 1]: clipped (NaN as 0), or with
        ``discretise`` its sign (+1 where >= 0), as the Playground draws every map."""
        m = np.nan_to_num(np.asarray(m, dtype=float))
        if self.discretise:
            return np.where(m >= 0, 1.0, -1.0)
        return np.clip(m, -1.0, 1.0)

    def _output_colours(self, z):
        """The output neuron's value on the colour scale: tanh z (the Playground's
        classifier), 2 sigma(z) - 1 = tanh(z / 2) with the cross-entropy (grey at P =
        1/2), the prediction z for regression; then :meth:`_map_colours`."""
        z = np.nan_to_num(np.asarray(z, dtype=float))
        if self.output == "tanh":
            z = np.tanh(z)
        elif self.output == "sigmoid":
            z = np.tanh(0.5 * z)
        return self._map_colours(z)

    def _show_losses(self, history):
        epochs = np.asarray(history["epoch"], dtype=float)
        losses = {key: np.asarray(history[f"{key}_loss"], dtype=float)
                  for key in ("train", "test")}
        ax, grew = self.ax_loss_, False
        top = ax.get_xlim()[1]
        if epochs.size and epochs[-1] > top:  # the epoch axis doubles when reached
            while epochs[-1] > top:
                top *= 2
            ax.set_xlim(0, top)
            grew = True
        top = _loss_top(losses.values())
        if top != ax.get_ylim()[1]:
            ax.set_ylim(0, top)
            grew = True
        top = ax.get_ylim()[1]
        for key, values in losses.items():
            keep = np.isfinite(values)
            self.loss_lines_[key].set_data(epochs[: len(values)][keep],
                                           np.minimum(values[keep], top))
        if not self.live:
            lines = loss_lines(history)
            for key in ("train", "test"):
                self.loss_texts_[key].set_text(lines[key])
            self.epoch_text_.set_text(f"EPOCH {history['epoch'][-1] if epochs.size else 0:,}")
        return grew

    def dynamic_artists(self):
        """What :meth:`update` changes, for blitting."""
        out = [im for row in self.neuron_images_ for im in row]
        out += [self.output_image_, self.heatmap_, self.links_, self.biases_,
                *self.loss_lines_.values()]
        if not self.live:
            out += [*self.loss_texts_.values(), self.epoch_text_]
        return out

    def overlay_artists(self):
        """Static artists that lie on top of moving ones (the points)."""
        return [self.train_points_, self.test_points_]


def upsample2(M):
    r"""A map on a grid of cells, at twice the resolution, by linear interpolation
    between the cells' centres (clamped at the edges): for each axis

    .. math:: \tilde{M}_p = (1 - t) M_k + t M_{k+1}, \qquad
              k + t = \operatorname{clip}\bigl(\tfrac{p + 1/2}{2} - \tfrac12,\ 0,\ n - 1\bigr)

    (what an image viewer's bilinear smoothing does), so that the big heatmap has one
    value per pixel.

    Parameters
    ----------
    M : ndarray of shape (rows, cols)

    Returns
    -------
    ndarray of shape (2 * rows, 2 * cols)

    Examples
    --------
    >>> upsample2(np.array([[0.0, 1.0]]))
    array([[0.  , 0.25, 0.75, 1.  ],
           [0.  , 0.25, 0.75, 1.  ]])
    """
    M = np.asarray(M, dtype=float)
    if M.ndim != 2 or min(M.shape) < 1:
        raise ValueError(f"M must be a 2-D array with at least one cell; got shape {M.shape}")
    return _upsample_rows(_upsample_rows(M).T).T


def _upsample_rows(M):
    """:func:`upsample2` along the first axis. Output row 2k sits a quarter cell before
    the centre of cell k and row 2k + 1 a quarter after it, hence weights 1/4 and 3/4."""
    n = M.shape[0]
    out = np.empty((2 * n,) + M.shape[1:])
    out[0], out[-1] = M[0], M[-1]
    if n > 1:
        out[2:-1:2] = 0.25 * M[:-1] + 0.75 * M[1:]  # rows 2k, k = 1 .. n-1
        out[1:-1:2] = 0.75 * M[:-1] + 0.25 * M[1:]  # rows 2k + 1, k = 0 .. n-2
    else:
        out[:] = M[0]
    return out


def _loss_top(curves):
    """The top of the loss axis: the smallest power of 2 from 1/8 to 8 above the losses
    of the last four fifths of the run (an early loss far above the rest is drawn at
    the top edge instead of squashing the curve)."""
    values = []
    for v in curves:
        v = np.asarray(v, dtype=float)
        v = v[max(1, len(v) // 5):] if len(v) > 1 else v
        values.append(v[np.isfinite(v)])
    high = float(np.concatenate(values).max(initial=0.0))
    top = _MIN_LOSS
    while top < high and top < _MAX_LOSS:
        top *= 2
    return top


def _rgb(hex_color):
    from matplotlib.colors import to_rgba

    return to_rgba(hex_color)


def thumbnail(m):
    """A map (or a stack of maps, the last two axes) as a thumbnail: the mean of 2 x 2
    blocks (a 100 x 100 map gives 50 x 50)."""
    r, c = m.shape[-2:]
    if r % 2 or c % 2:
        return m
    return 0.25 * (m[..., ::2, ::2] + m[..., 1::2, ::2] + m[..., ::2, 1::2]
                   + m[..., 1::2, 1::2])


def _unit(m):
    """Values on the colour scale: clipped to [-1, 1], NaN as 0."""
    out = np.clip(m, -1.0, 1.0)
    return np.nan_to_num(out, copy=False)


def _activation_note(activation):
    """The line under the network saying what each neuron computes."""
    formula = {"tanh": r"\tanh(z)", "relu": r"\max(0, z)", "sigmoid": r"\sigma(z)",
               "linear": "z"}[activation]
    return (rf"each hidden neuron: $a = {formula}$ with $z = \sum_k w_k a_k + b$ "
            r"(the $a_k$ of the column to its left)")


def _fmt_loss(v):
    if v is None or not math.isfinite(v):
        return "diverged" if v is not None else "\u2013"
    return f"{v:.3f}" if 0.001 <= v < 1000 else f"{v:.2e}"


def loss_lines(history):
    """``{"train": ..., "test": ...}``: each set's loss (and accuracy) at the last epoch."""
    lines = {}
    last = len(history["epoch"]) - 1
    for key, name in (("train", "training"), ("test", "test")):
        loss = history[f"{key}_loss"][last] if last >= 0 else None
        text = f"{name} loss {_fmt_loss(loss)}"
        acc = history.get(f"{key}_acc")
        if acc and last >= 0 and acc[last] is not None:
            text += f",  accuracy {100 * acc[last]:.1f}%"
        lines[key] = text
    return lines
