"""The computation graph of an :class:`nncore.autodiff.Value` (Chapter 4): every node's
value above and its gradient below, every edge's local derivative
(:class:`GraphDisplay`, :func:`draw_graph`). The layout is computed here; the numbers
come from the graph itself.
"""

from __future__ import annotations

import numpy as np

from ._base import check_axes, fixed
from ._style import GRAPH_BOX_COLOR, GRAPH_GRAD_COLOR, GRAPH_LOCAL_COLOR, INK

__all__ = ["GraphDisplay", "draw_graph"]


#: The legend line under the graph.
GRAPH_LEGEND = ("forward values above, gradients below;  "
                "on each edge: the local derivative \u2202(output)/\u2202(input)")
#: Symbols written in the op circles (others are written as they are, e.g. "**2").
OP_SYMBOLS = {"+": "+", "*": "\u00d7", "sigmoid": "\u03c3", "tanh": "tanh",
              "relu": "ReLU", "exp": "exp", "log": "log"}

_GRAPH_FONT = 9.0  # points: the texts in the boxes
_GRAPH_OP_FONT = 9.0  # the op symbols
_GRAPH_EDGE_FONT = 7.5  # the local derivatives on the edges
_GRAPH_WORST = "-99.999"  # the widest number a box is sized for (3 decimals)
# inches: padding in a box, circle radius, row gap, gap child -> op (holds the edge
# label), gap op -> its output, margins
_GRAPH_GEOMETRY = dict(pad=0.07, radius=0.16, row_gap=0.18, gap_in=0.58, gap_out=0.14,
                       margin=0.1, legend=0.3)


def _graph_nodes(root):
    """The nodes reachable from ``root``, inputs first (a topological order), and for
    each node the list of its children, as indices into that order.

    Iterative depth-first search (no recursion: a 10,000-node chain is fine). The
    children are taken in the order of ``_prev``; a set of children (whose order
    changes from run to run) is sorted by label and op, so the same expression always
    gives the same order.
    """
    def children(v):
        prev = getattr(v, "_prev", ())
        if isinstance(prev, (set, frozenset)):
            prev = sorted(prev, key=lambda c: (str(getattr(c, "label", "")),
                                               str(getattr(c, "_op", ""))))
        return list(prev)

    order, index, stack = [], {}, [(root, False)]
    while stack:
        v, done = stack.pop()
        if done:
            if id(v) not in index:
                index[id(v)] = len(order)
                order.append(v)
            continue
        if id(v) in index:
            continue
        stack.append((v, True))
        for c in reversed(children(v)):
            if id(c) not in index:
                stack.append((c, False))
    kids = []
    for v in order:
        seen, ks = set(), []
        for c in children(v):
            if id(c) not in seen:  # a node used twice by one op: one edge
                seen.add(id(c))
                ks.append(index[id(c)])
        kids.append(ks)
    return order, kids


def _local_derivatives(v):
    r"""``{id(child): d v / d child}`` of a node, as :mod:`nncore.autodiff` exposes
    it (``local_grads()`` or ``_local``); an empty dict for an input."""
    out = {}
    if callable(getattr(v, "local_grads", None)):
        for child, d in v.local_grads():
            out[id(child)] = out.get(id(child), 0.0) + float(d)
        return out
    local = getattr(v, "_local", None) or {}
    for key, d in dict(local).items():
        k = key if isinstance(key, int) else id(key)
        out[k] = out.get(k, 0.0) + float(d)
    return out


def _graph_signature(order, kids):
    """What must stay the same for :meth:`GraphDisplay.update`: labels, ops, edges."""
    return [(str(getattr(v, "label", "")), str(getattr(v, "_op", "")), tuple(k))
            for v, k in zip(order, kids)]


def _text_width(text, fontsize):
    """Width in inches of ``text`` in the default font (no renderer needed)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    w, _, _ = TextToPath().get_text_width_height_descent(
        text, FontProperties(size=fontsize), ismath=False)
    return w / 72.0


def _node_label(v):
    """The label of a node, or "" for a constant labelled by its own number."""
    label = str(getattr(v, "label", "") or "")
    try:
        if label and float(label) == float(v.data):
            return ""
    except ValueError:
        pass
    return label


def _value_text(v):
    label = _node_label(v)
    number = fixed(float(v.data), 3)
    return f"{label} = {number}" if label else number


def _grad_text(v):
    return f"grad = {fixed(float(v.grad), 3)}"


def _op_text(op):
    return OP_SYMBOLS.get(op, op)


def _graph_layout(order, kids):
    """Positions (inches) of a layered left-to-right drawing.

    Each value is put in the latest column its uses allow (its output in the last
    column, every other node one column left of its first use); inside a column the
    nodes sit near the mean height of their uses, at least one row apart. An op
    circle sits left of the value it makes, at the same height.
    """
    g = _GRAPH_GEOMETRY
    n = len(order)
    parents = [[] for _ in range(n)]
    for p, ks in enumerate(kids):
        for c in ks:
            parents[c].append(p)
    depth = [0] * n  # longest path from an input
    for i in range(n):
        depth[i] = 1 + max((depth[c] for c in kids[i]), default=-1)
    level = list(depth)
    for i in reversed(range(n - 1)):  # as late as possible
        if parents[i]:
            level[i] = min(level[p] for p in parents[i]) - 1
    n_levels = max(level) + 1

    # box size: room for the widest text a box will ever show
    # box widths, one per column: room for the widest text a box there will show
    grad_w = _text_width("grad = " + _GRAPH_WORST, _GRAPH_FONT)
    col_w = [0.0] * n_levels
    for i, v in enumerate(order):
        label = _node_label(v)
        w = _text_width(f"{label} = {_GRAPH_WORST}" if label else _GRAPH_WORST, _GRAPH_FONT)
        col_w[level[i]] = max(col_w[level[i]], w, grad_w)
    col_w = [w + 2 * g["pad"] for w in col_w]
    line_h = 1.25 * _GRAPH_FONT / 72.0
    box_h = 2 * line_h + 2 * g["pad"]
    radius = g["radius"]
    ops = [str(getattr(v, "_op", "")) for v, k in zip(order, kids) if k]
    if ops:
        radius = max(g["radius"], 0.5 * max(_text_width(_op_text(o), _GRAPH_OP_FONT)
                                            for o in ops) + 0.06)
    link = g["gap_in"] + 2 * radius + g["gap_out"]  # from one column to the next
    left = [g["margin"] + sum(col_w[:k]) + k * link for k in range(n_levels)]
    row = box_h + g["row_gap"]

    # heights, column by column from the output back to the inputs
    y = [0.0] * n
    for lev in range(n_levels - 1, -1, -1):
        members = [i for i in range(n) if level[i] == lev]
        target = {i: (float(np.mean([y[p] for p in parents[i]])) if parents[i] else 0.0)
                  for i in members}
        members.sort(key=lambda i: (-target[i], i))
        placed = []
        for i in members:
            t = target[i]
            placed.append(t if not placed else min(t, placed[-1] - row))
        shift = float(np.mean([target[i] - p for i, p in zip(members, placed)]))
        for i, p in zip(members, placed):
            y[i] = p + shift

    box_w = np.array([col_w[level[i]] for i in range(n)])
    x = [left[level[i]] + box_w[i] / 2 for i in range(n)]
    width = left[-1] + col_w[-1] + g["margin"]
    top = max(y) + box_h / 2 + g["margin"]
    bottom = min(y) - box_h / 2 - g["legend"]
    height = top - bottom
    y = [v - bottom for v in y]
    op_x = [x[i] - box_w[i] / 2 - g["gap_out"] - radius for i in range(n)]
    return dict(x=np.array(x), y=np.array(y), op_x=np.array(op_x), level=level,
                box_w=box_w, box_h=box_h, line_h=line_h, radius=radius,
                size=(width, height))


class GraphDisplay:
    r"""The computation graph of a :class:`nncore.autodiff.Value`, forward and backward.

    Every value is a rounded box with "label = data" above and "grad = ..." below;
    every operation is a small circle with its symbol (+, ×, σ, \*\*2, ...), placed
    just left of the value it makes. Arrows run from each input to the operation and
    on to its output, and on each arrow into an operation is written the local
    derivative :math:`\partial\,\text{output} / \partial\,\text{input}` that
    backpropagation multiplies by the gradient arriving from the right:

    .. math:: \text{grad}(\text{input}) \mathrel{+}= \frac{\partial\,\text{output}}
              {\partial\,\text{input}}\;\text{grad}(\text{output}).

    The layout is layered left to right (inputs on the left, the output on the right),
    computed from a topological order; no graphviz. Build it with :func:`draw_graph`
    or ``GraphDisplay(root=...).plot()``; :meth:`update` then shows another graph of
    the same shape (new numbers) by changing only the texts.

    Parameters
    ----------
    root : nncore.autodiff.Value
        The output of the graph (e.g. the loss). Run ``root.backward()`` first for the
        gradients; before it they show 0.
    show_grad : bool, default=True
        Write "grad = ..." in the boxes and the local derivatives on the edges.

    Attributes
    ----------
    nodes_ : list of Value
        The values drawn, inputs first (a topological order).
    boxes_, value_texts_, grad_texts_ : lists, one per node
        The :class:`~matplotlib.patches.FancyBboxPatch` and the two texts of each node.
    op_circles_, op_texts_ : dict of int to artist
        Index of the node an operation makes -> its circle and its symbol.
    arrows_ : list of FancyArrowPatch
    edges_ : list of (int, int)
        (child, parent) node indices of each edge into an operation, in the order of
        ``edge_texts_``.
    edge_texts_ : list of Text
        The local derivative on each of those edges.
    legend_ : Text
    ax_, figure_ : the axes and figure drawn into.

    Examples
    --------
    >>> from types import SimpleNamespace as V
    >>> x = V(data=2.0, grad=3.0, label="x", _op="", _prev=())
    >>> y = V(data=4.0, grad=1.0, label="y", _op="**2", _prev=(x,), _local={id(x): 4.0})
    >>> from matplotlib.figure import Figure
    >>> d = GraphDisplay(root=y).plot(ax=Figure().add_subplot())
    >>> [t.get_text() for t in d.value_texts_], d.edge_texts_[0].get_text()
    (['x = 2.000', 'y = 4.000'], '4.000')

    Used in Chapter 4, sections "A computation graph", "Automatic differentiation"
    and "A node used twice".
    """

    def __init__(self, *, root, show_grad=True):
        _check_value(root)
        self.root = root
        self.show_grad = bool(show_grad)

    @property
    def figsize(self):
        """(width, height) in inches at which the texts fit the boxes exactly."""
        return _graph_layout(*_graph_nodes(self.root))["size"]

    def plot(self, ax=None):
        """Draw the graph once and keep handles to its artists.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw into (its axis is switched off; best one of :attr:`figsize`
            filling its figure). A new figure of that size is made with pyplot when None.

        Returns
        -------
        self : GraphDisplay
        """
        check_axes(ax)
        from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

        order, kids = _graph_nodes(self.root)
        lay = _graph_layout(order, kids)
        if ax is None:
            import matplotlib.pyplot as plt  # lazy, as everywhere in this module

            fig = plt.figure(figsize=lay["size"])
            ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        self.ax_, self.figure_ = ax, ax.figure
        self.nodes_, self._kids = order, kids
        self._signature = _graph_signature(order, kids)
        self.layout_ = lay
        X, Y, OX = lay["x"], lay["y"], lay["op_x"]
        bw, bh, lh, r = lay["box_w"], lay["box_h"], lay["line_h"], lay["radius"]
        width, height = lay["size"]
        ax.set_xlim(0.0, width)
        ax.set_ylim(0.0, height)
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_axis_off()
        for spine in ax.spines.values():
            spine.set_visible(False)

        self.boxes_, self.value_texts_, self.grad_texts_ = [], [], []
        self.op_circles_, self.op_texts_ = {}, {}
        self.arrows_, self.edges_, self.edge_texts_ = [], [], []
        box_style = f"round,pad=0,rounding_size={0.18 * bh:.4f}"
        arrow_kw = dict(arrowstyle="-|>", mutation_scale=9, lw=0.9, color=INK,
                        shrinkA=0, shrinkB=0, zorder=2)
        for i, v in enumerate(order):
            box = FancyBboxPatch((X[i] - bw[i] / 2, Y[i] - bh / 2), bw[i], bh,
                                 boxstyle=box_style,
                                 fc=GRAPH_BOX_COLOR, ec=INK, lw=0.9, zorder=3)
            ax.add_patch(box)
            self.boxes_.append(box)
            self.value_texts_.append(ax.text(
                X[i], Y[i] + lh / 2, "", ha="center", va="center", fontsize=_GRAPH_FONT,
                color="black", zorder=6))
            self.grad_texts_.append(ax.text(
                X[i], Y[i] - lh / 2, "", ha="center", va="center", fontsize=_GRAPH_FONT,
                color=GRAPH_GRAD_COLOR, zorder=6, visible=self.show_grad))
            if not kids[i]:
                continue
            circle = Circle((OX[i], Y[i]), r, fc="white", ec=INK, lw=0.9, zorder=3)
            ax.add_patch(circle)
            self.op_circles_[i] = circle
            self.op_texts_[i] = ax.text(OX[i], Y[i], _op_text(str(v._op)), ha="center",
                                        va="center", fontsize=_GRAPH_OP_FONT, zorder=6)
            arrow = FancyArrowPatch((OX[i] + r, Y[i]), (X[i] - bw[i] / 2, Y[i]), **arrow_kw)
            ax.add_patch(arrow)
            self.arrows_.append(arrow)
            for c in kids[i]:
                start = np.array([X[c] + bw[c] / 2, Y[c]])
                centre = np.array([OX[i], Y[i]])
                u = (centre - start) / np.hypot(*(centre - start))
                arrow = FancyArrowPatch(tuple(start), tuple(centre - r * u), **arrow_kw)
                ax.add_patch(arrow)
                self.arrows_.append(arrow)
                # the label sits in the gap just left of the op column: no box there
                lx = OX[i] - r - 0.5 * _GRAPH_GEOMETRY["gap_in"]
                ly = start[1] + (lx - start[0]) * u[1] / u[0]
                self.edges_.append((c, i))
                self.edge_texts_.append(ax.text(
                    lx, ly, "", ha="center", va="center", fontsize=_GRAPH_EDGE_FONT,
                    color=GRAPH_LOCAL_COLOR, zorder=6, visible=self.show_grad,
                    bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none",
                              alpha=0.9)))
        self.legend_ = ax.text(
            width / 2, 0.5 * _GRAPH_GEOMETRY["legend"], GRAPH_LEGEND, ha="center",
            va="center", fontsize=_GRAPH_EDGE_FONT + 0.5, color="0.3", zorder=6)
        return self._set_texts()

    def _set_texts(self):
        order = self.nodes_
        for v, vt, gt in zip(order, self.value_texts_, self.grad_texts_):
            vt.set_text(_value_text(v))
            gt.set_text(_grad_text(v))
        locals_ = {}
        for (c, p), text in zip(self.edges_, self.edge_texts_):
            if p not in locals_:
                locals_[p] = _local_derivatives(order[p])
            d = locals_[p].get(id(order[c]))
            text.set_text("" if d is None else fixed(d, 3))
        return self

    def dynamic_artists(self):
        """The texts :meth:`update` changes (for blitting)."""
        return self.value_texts_ + self.grad_texts_ + self.edge_texts_

    def update(self, root):
        """Show the data, gradients and local derivatives of ``root``, a graph of the
        same shape as the one drawn (same labels, ops and edges), changing only texts.

        Parameters
        ----------
        root : nncore.autodiff.Value

        Returns
        -------
        self : GraphDisplay

        Raises
        ------
        ValueError
            If the graph of ``root`` has another shape; draw it anew with
            :func:`draw_graph`.
        """
        _check_value(root)
        order, kids = _graph_nodes(root)
        signature = _graph_signature(order, kids)
        if signature != self._signature:
            diff = next((k for k, (a, b) in enumerate(zip(signature, self._signature))
                         if a != b), min(len(signature), len(self._signature)))
            raise ValueError(
                f"update needs a graph of the same shape as the one drawn "
                f"({len(self._signature)} nodes); got {len(signature)} nodes, differing "
                f"from node {diff} on (label, op, children) - draw it with draw_graph")
        self.root, self.nodes_ = root, order
        return self._set_texts()


def _check_value(root):
    if not all(hasattr(root, a) for a in ("data", "grad", "_prev", "_op")):
        raise TypeError("root must be a nncore.autodiff.Value (with data, grad, _prev and "
                        f"_op); got {type(root).__name__}")


def draw_graph(root, ax=None, *, show_grad=True, layout="layered"):
    r"""Draw the computation graph of ``root``: values, operations, gradients and the
    local derivative on every edge.

    See :class:`GraphDisplay`; this is ``GraphDisplay(root=root, show_grad=...).plot(ax)``.

    Parameters
    ----------
    root : nncore.autodiff.Value
        The graph's output; call ``root.backward()`` first to see the gradients.
    ax : matplotlib.axes.Axes, optional
        A new figure of ``GraphDisplay(root=root).figsize`` is made with pyplot when None.
    show_grad : bool, default=True
    layout : {"layered"}, default="layered"
        Left to right from a topological order (the only layout, computed here).

    Returns
    -------
    GraphDisplay

    Used in Chapter 4, sections "A computation graph" and "Automatic differentiation".
    """
    check_axes(ax)
    if layout != "layered":
        raise ValueError(f"layout must be 'layered' (the only one); got {layout!r}")
    return GraphDisplay(root=root, show_grad=show_grad).plot(ax)
