"""Diagrams of a neuron and of a small network, the pictures chapters 1, 2 and 5 describe.

:func:`draw_neuron` draws one neuron: its inputs, a weight on each edge, the sum with the
bias, the activation and the output, the computation :math:`\\hat y = f(\\mathbf{w}\\cdot
\\mathbf{x} + b)` read from left to right. :func:`draw_network` draws the layers of a
multi-layer perceptron, one column of units per layer and an edge per weight; given an
:class:`nncore.mlp.MLP`, the edges show its weights (colour: sign, width: size).
Layout only: the numbers come from the arguments or from the model.
"""

from __future__ import annotations

import numpy as np

from .._checks import as_int
from ._base import check_axes, new_axes
from ._style import CLASS_COLORS, INK

__all__ = ["draw_neuron", "draw_network"]

_NODE = dict(facecolor="white", edgecolor=INK, lw=1.3, zorder=3)
_EDGE = dict(color="0.45", lw=1.0, zorder=1)
#: The symbol each activation is drawn with in a diagram.
ACTIVATION_SYMBOLS = {"step": "step", "relu": "ReLU", "sigmoid": r"$\sigma$",
                      "tanh": "tanh", "linear": "id", "identity": "id", None: r"$f$"}


def _circle(ax, xy, r, text="", fontsize=11, **style):
    from matplotlib.patches import Circle

    ax.add_patch(Circle(xy, r, **{**_NODE, **style}))
    if text:
        ax.text(*xy, text, ha="center", va="center", fontsize=fontsize, zorder=4)


def _arrow(ax, start, end, text=None, where=0.45, offset=(0.0, 0.06), **style):
    ax.annotate("", xy=end, xytext=start, zorder=2,
                arrowprops=dict(arrowstyle="-|>", color=style.get("color", INK),
                                lw=style.get("lw", 1.1), shrinkA=0, shrinkB=0,
                                mutation_scale=12))
    if text:
        x = start[0] + where * (end[0] - start[0]) + offset[0]
        y = start[1] + where * (end[1] - start[1]) + offset[1]
        ax.text(x, y, text, ha="center", va="bottom", fontsize=10, zorder=4)


def draw_neuron(ax=None, *, n_inputs=3, activation="step", weights=None, bias=None,
                inputs=None, output=r"$\hat{y}$"):
    r"""One neuron: inputs, weighted edges, the sum with its bias, the activation.

    Read from left to right it is :math:`\hat y = f(z)`, :math:`z = \sum_i w_i x_i + b`:
    each input :math:`x_i` travels along an edge labelled with its weight :math:`w_i`, the
    circle adds the weighted inputs and the bias :math:`b` (which belongs to the neuron,
    not to an input), and the box applies the activation :math:`f`.

    Derived in Chapter 1, section "A weight vector and a bias split the plane", and
    drawn again in Chapter 2.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        A new figure is made with pyplot when None.
    n_inputs : int, default=3
        From 1 to 8; with more than 4 the middle inputs are drawn as dots.
    activation : str or None, default="step"
        ``"step"``, ``"relu"``, ``"sigmoid"``, ``"tanh"``, ``"linear"`` or None (an
        unnamed :math:`f`).
    weights : sequence of float, optional
        Numbers written on the edges instead of :math:`w_1, \dots, w_n`.
    bias : float, optional
        A number written for the bias instead of :math:`b`.
    inputs : sequence of float, optional
        Numbers written in the inputs instead of :math:`x_1, \dots, x_n`.
    output : str, default=r"$\hat{y}$"

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = draw_neuron(Figure().add_subplot(), n_inputs=2, weights=[0.5, -1.0], bias=0.2)
    >>> sorted(t.get_text() for t in ax.texts if t.get_text() in {"0.5", "-1", "0.2"})
    ['-1', '0.2', '0.5']
    """
    n = as_int(n_inputs, "n_inputs", minimum=1)
    if n > 8:
        raise ValueError(f"n_inputs must be from 1 to 8 (a diagram, not a network); got {n}")
    if activation not in ACTIVATION_SYMBOLS:
        raise ValueError(f"activation must be one of {[k for k in ACTIVATION_SYMBOLS if k]} "
                         f"or None; got {activation!r}")
    for name, values in (("weights", weights), ("inputs", inputs)):
        if values is not None and len(values) != n:
            raise ValueError(f"{name} must have one entry per input ({n}); got {len(values)}")
    ax = check_axes(ax) or new_axes(figsize=(6.4, 3.2))
    ax.set_aspect("equal")
    ax.axis("off")
    shown = list(range(n)) if n <= 4 else [0, 1, None, n - 1]
    ys = np.linspace(1.0, -1.0, len(shown)) if len(shown) > 1 else np.zeros(1)
    centre, box = (2.0, 0.0), (3.15, 0.0)
    for i, y in zip(shown, ys):
        if i is None:
            ax.text(0.0, y, r"$\vdots$", ha="center", va="center", fontsize=14)
            continue
        label = (f"{inputs[i]:g}" if inputs is not None else f"$x_{{{i + 1}}}$")
        _circle(ax, (0.0, y), 0.22, label, fontsize=10)
        w = f"{weights[i]:g}" if weights is not None else f"$w_{{{i + 1}}}$"
        # from the input's circle to the sum's, along the line between their centres
        start = (0.22, y)
        end = (centre[0] - 0.36 * 2.0 / np.hypot(2.0, y), 0.36 * y / np.hypot(2.0, y))
        _arrow(ax, start, end, w, where=0.42, offset=(0.0, 0.05))
    _circle(ax, centre, 0.36, r"$\Sigma$", fontsize=14)
    b = f"{bias:g}" if bias is not None else r"$b$"
    _arrow(ax, (centre[0], 1.05), (centre[0], 0.36))
    ax.text(centre[0] + 0.08, 1.0, b, ha="left", va="top", fontsize=10)
    ax.text(centre[0], -0.5, r"$z = \mathbf{w}\cdot\mathbf{x} + b$", ha="center",
            va="top", fontsize=9, color="0.3")
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((box[0] - 0.3, -0.25), 0.6, 0.5,
                                boxstyle="round,pad=0.02", **_NODE))
    ax.text(*box, ACTIVATION_SYMBOLS[activation], ha="center", va="center", fontsize=11,
            zorder=4)
    _arrow(ax, (centre[0] + 0.36, 0.0), (box[0] - 0.32, 0.0), r"$z$", where=0.5)
    _arrow(ax, (box[0] + 0.32, 0.0), (4.15, 0.0))
    ax.text(4.25, 0.0, output, ha="left", va="center", fontsize=13)
    ax.set_xlim(-0.4, 4.8)
    ax.set_ylim(-1.35, 1.35)
    return ax


def draw_network(sizes, ax=None, *, model=None, activation=None, max_units=6,
                 layer_names=None):
    r"""A multi-layer perceptron: one column of units per layer, an edge per weight.

    Layer :math:`l` computes :math:`\mathbf{a}^{(l)} = f(W^{(l)} \mathbf{a}^{(l-1)} + \mathbf{b}^{(l)})`
    from the column on its left; every edge between two columns is one entry of
    :math:`W^{(l)}` (shape ``(n_out, n_in)``). With a ``model``, an edge's colour is the sign
    of its weight (blue negative, orange positive) and its width grows with
    :math:`|w|`.

    Derived in Chapter 5, section "From one neuron to a layer".

    Parameters
    ----------
    sizes : sequence of int
        Units per layer, inputs first, like :class:`nncore.mlp.MLP`'s ``sizes``.
    ax : matplotlib.axes.Axes, optional
    model : nncore.mlp.MLP, optional
        Its weights colour the edges; its ``sizes`` must be ``sizes``.
    activation : str, optional
        Named under the hidden layers (default: the model's, if given).
    max_units : int, default=6
        Columns with more units show the first and last few and dots between.
    layer_names : sequence of str, optional
        A caption under each column (default: "input", "hidden 1", ..., "output").

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = draw_network([2, 3, 1], Figure().add_subplot())
    >>> len(ax.patches), len(ax.lines)  # 6 units, 2*3 + 3*1 weights
    (6, 9)
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise ValueError(f"sizes must list at least two layers, such as [2, 4, 1]; got "
                         f"{sizes!r}")
    sizes = [as_int(s, f"sizes[{i}]", minimum=1) for i, s in enumerate(sizes)]
    max_units = as_int(max_units, "max_units", minimum=3)
    if model is not None:
        if list(getattr(model, "sizes", ())) != sizes:
            raise ValueError(f"model has sizes {list(getattr(model, 'sizes', ()))}; the "
                             f"diagram was asked for {sizes}")
        activation = activation or model.activation
    if layer_names is None:
        layer_names = (["input"] + [f"hidden {l}" for l in range(1, len(sizes) - 1)]
                       + ["output"])
    if len(layer_names) != len(sizes):
        raise ValueError(f"layer_names must name every layer ({len(sizes)}); got "
                         f"{len(layer_names)}")
    ax = check_axes(ax) or new_axes(
        figsize=(1.6 * len(sizes) + 1.0, 0.55 * min(max(sizes), max_units) + 1.4))
    ax.set_aspect("equal")
    ax.axis("off")

    def rows(n):
        """The units drawn (None: the dots) and their heights, centred on 0."""
        shown = list(range(n)) if n <= max_units else (
            list(range(max_units // 2)) + [None] + list(range(n - (max_units - 1) // 2, n)))
        return shown, (np.arange(len(shown))[::-1] - (len(shown) - 1) / 2) * 0.75

    columns = [rows(n) for n in sizes]
    xs = np.arange(len(sizes)) * 1.8
    scale = None
    if model is not None:
        scale = max(float(np.max(np.abs(W))) for W, _ in model.params) or 1.0
    for l in range(1, len(sizes)):
        (left, ly), (right, ry) = columns[l - 1], columns[l]
        W = model.params[l - 1][0] if model is not None else None
        for j, yj in zip(right, ry):
            for k, yk in zip(left, ly):
                if j is None or k is None:
                    continue
                style = dict(_EDGE)
                if W is not None:
                    w = W[j, k]
                    style.update(color=CLASS_COLORS[1] if w > 0 else CLASS_COLORS[0],
                                 lw=0.4 + 3.0 * abs(w) / scale, alpha=0.85)
                ax.plot([xs[l - 1] + 0.2, xs[l] - 0.2], [yk, yj], **style)
    bottom = min(min(ys) for _, ys in columns)  # every caption on one line
    for l, ((shown, ys), x) in enumerate(zip(columns, xs)):
        for unit, y in zip(shown, ys):
            if unit is None:
                ax.text(x, y, r"$\vdots$", ha="center", va="center", fontsize=12)
                continue
            label = (f"$x_{{{unit + 1}}}$" if l == 0 else "")
            _circle(ax, (x, y), 0.2, label, fontsize=9)
        name = layer_names[l]
        if 0 < l < len(sizes) - 1 and activation:
            name += f"\n{ACTIVATION_SYMBOLS.get(activation, activation)}"
        ax.text(x, bottom - 0.45, f"{name}\n({sizes[l]})", ha="center", va="top",
                fontsize=9, color="0.25")
    ax.set_xlim(xs[0] - 0.6, xs[-1] + 0.6)
    ax.set_ylim(bottom - 1.4, max(max(ys) for _, ys in columns) + 0.4)
    return ax
