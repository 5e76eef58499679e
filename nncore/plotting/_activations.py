r"""An activation function and its derivative in one picture (Chapter 4, where the sigmoid
is introduced; the same picture serves tanh and the ReLU): :func:`plot_activation`.

Both curves are computed by :mod:`nncore.activations`; nothing is differentiated here.
"""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from .._checks import as_vector
from ._base import check_axes, new_axes
from ._style import AXIS_GREY, GRID_GREY, HIGHLIGHT_COLOR, INK

__all__ = ["ACTIVATION_PAIRS", "plot_activation"]

#: name -> (function, derivative, the function's symbol in LaTeX), from nncore.activations.
ACTIVATION_PAIRS = {
    "sigmoid": (_act.sigmoid, _act.sigmoid_grad, r"\sigma"),
    "tanh": (_act.tanh, _act.tanh_grad, r"\tanh"),
    "relu": (_act.relu, _act.relu_grad, r"\mathrm{relu}"),
    "identity": (_act.identity, _act.identity_grad, r"\mathrm{id}"),
}


def plot_activation(name, z=None, *, ax=None, mark_max=True):
    r"""Draw an activation $f(z)$ and its derivative $f'(z)$ on one pair of axes.

    .. math:: a = f(z), \qquad \frac{\partial a}{\partial z} = f'(z)

    For the sigmoid, $\sigma'(z) = \sigma(z)\,(1 - \sigma(z)) \le \tfrac14$, with the
    maximum at $z = 0$: ``mark_max`` draws a dotted line at the largest value of $f'$ on
    the grid and a dot where it is reached, so the bound can be read off the figure.
    Both curves come from :mod:`nncore.activations` (``sigmoid``/``sigmoid_grad``,
    ``tanh``/``tanh_grad``, ``relu``/``relu_grad``, ``identity``/``identity_grad``),
    which are finite and silent for inputs of any size.

    Used in Chapter 4, section "The local derivatives".

    Parameters
    ----------
    name : {"sigmoid", "tanh", "relu", "identity"}
    z : array_like of shape (n,), optional
        The inputs, n >= 2, finite. Default: 401 points from -6 to 6.
    ax : matplotlib Axes, optional
        Drawn into if given (its labels are kept if already set); else a new figure.
    mark_max : bool, default True
        Mark the largest value of the derivative on the grid.

    Returns
    -------
    matplotlib Axes
        With ``ax.lines[0]`` the function and ``ax.lines[1]`` the derivative (their data
        are ``z`` and the values from :mod:`nncore.activations`), labelled in the legend.

    Raises
    ------
    ValueError
        If ``name`` is not one of the four, or ``z`` is not a 1-D array of at least two
        finite numbers.
    TypeError
        If ``name`` is not a string, ``z`` is not made of real numbers, ``ax`` is not an
        Axes, or ``mark_max`` is not a bool.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_activation("sigmoid", [-1.0, 0.0, 1.0], ax=Figure().add_subplot())
    >>> float(ax.lines[1].get_ydata()[1])  # sigma'(0) = 1/4
    0.25
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, one of {sorted(ACTIVATION_PAIRS)}; got "
                        f"{name!r:.60} of type {type(name).__name__}")
    if name not in ACTIVATION_PAIRS:
        raise ValueError(f"name must be one of {sorted(ACTIVATION_PAIRS)}; got {name!r:.60}")
    z = np.linspace(-6.0, 6.0, 401) if z is None else as_vector(z, "z")
    if z.shape[0] < 2:
        raise ValueError(f"z must hold at least two points to draw a curve; got {z.shape[0]}")
    if not isinstance(mark_max, (bool, np.bool_)):
        raise TypeError(f"mark_max must be True or False; got {mark_max!r:.60}")
    ax = check_axes(ax)
    if ax is None:
        ax = new_axes(figsize=(5.6, 3.4))

    f, f_grad, symbol = ACTIVATION_PAIRS[name]
    a, slope = f(z), f_grad(z)
    ax.plot(z, a, color=INK, lw=1.8, label=f"${symbol}(z)$")
    ax.plot(z, slope, color=HIGHLIGHT_COLOR, lw=1.8, ls="--", label=f"${symbol}'(z)$")
    if mark_max:
        k = int(np.argmax(slope))
        ax.axhline(slope[k], color=HIGHLIGHT_COLOR, lw=0.8, ls=":")
        ax.plot([z[k]], [slope[k]], "o", color=HIGHLIGHT_COLOR, ms=5,
                label=f"largest ${symbol}'$: {slope[k]:.3g} at $z = {z[k]:.3g}$")
    ax.axhline(0.0, color=AXIS_GREY, lw=0.6, zorder=0)
    ax.axvline(0.0, color=AXIS_GREY, lw=0.6, zorder=0)
    ax.grid(True, color=GRID_GREY)
    if not ax.get_xlabel():
        ax.set_xlabel("pre-activation $z$")
    if not ax.get_ylabel():
        ax.set_ylabel("value")
    ax.legend(loc="upper left", fontsize="small")
    return ax
