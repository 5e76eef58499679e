"""Training and test error against capacity (Chapter 7): :func:`plot_capacity_sweep`,
drawn from what :func:`nncore.generalisation.capacity_sweep` measured.
"""

from __future__ import annotations

import numpy as np

from ..generalisation import CapacitySweep
from ._base import check_axes, new_axes
from ._style import AXIS_GREY, CLASS_COLORS, GRID_GREY, HIGHLIGHT_COLOR

__all__ = ["plot_capacity_sweep"]

#: One colour per sweep: blue, vermilion, then the other class colour.
_SWEEP_COLORS = (CLASS_COLORS[0], HIGHLIGHT_COLOR, CLASS_COLORS[1])


def _sweep_label(sweep):
    return "no penalty" if sweep.l2 == 0 else f"L2, $\\alpha_2$ = {sweep.l2:g}"


def plot_capacity_sweep(sweeps, ax=None, *, labels=None):
    r"""Training error (dashed, open markers) and test error (solid) against the degree.

    One pair of curves per sweep, in its own colour, on a logarithmic error axis, with a
    dotted line at the noise's variance ``noise**2``, the least test error any model can
    expect. The lower axis is the degree $q$; each tick also gives the number of
    parameters, $q(q + 3)/2$ weights and a bias.

    Parameters
    ----------
    sweeps : CapacitySweep or list of CapacitySweep
        From :func:`nncore.generalisation.capacity_sweep`, on the same degrees and noise.
    ax : matplotlib Axes, optional
        Drawn into; a new figure if None.
    labels : list of str, optional
        One per sweep; default "no penalty" or "L2, α2 = ..." (the rate
        $\alpha_2$ of the L2 penalty).

    Returns
    -------
    matplotlib Axes
    """
    if isinstance(sweeps, CapacitySweep):
        sweeps = [sweeps]
    sweeps = list(sweeps) if isinstance(sweeps, (list, tuple)) else sweeps
    if not isinstance(sweeps, list) or not sweeps or not all(
            isinstance(s, CapacitySweep) for s in sweeps):
        raise TypeError(f"sweeps must be a CapacitySweep or a non-empty list of them; "
                        f"got {sweeps!r:.60}")
    if len(sweeps) > len(_SWEEP_COLORS):
        raise ValueError(f"sweeps: at most {len(_SWEEP_COLORS)} can be drawn; "
                         f"got {len(sweeps)}")
    first = sweeps[0]
    for s in sweeps[1:]:
        if not np.array_equal(s.degrees, first.degrees) or s.noise != first.noise:
            raise ValueError("sweeps must share their degrees and noise; got degrees "
                             f"{first.degrees.tolist()} and {s.degrees.tolist()}")
    if labels is None:
        labels = [_sweep_label(s) for s in sweeps]
    elif len(labels) != len(sweeps):
        raise ValueError(f"labels must have one entry per sweep ({len(sweeps)}); "
                         f"got {len(labels)}")
    ax = check_axes(ax)
    if ax is None:
        ax = new_axes(figsize=(6.4, 4.0))
    for s, label, color in zip(sweeps, labels, _SWEEP_COLORS):
        ax.plot(s.degrees, s.train_error, ls="--", marker="o", mfc="white", color=color,
                label=f"training error, {label}")
        ax.plot(s.degrees, s.test_error, ls="-", marker="o", color=color,
                label=f"test error, {label}")
    if first.noise > 0:
        ax.axhline(first.noise ** 2, color=AXIS_GREY, ls=":", lw=1)
        ax.annotate("noise variance", (first.degrees[0], first.noise ** 2),
                    xytext=(0, -3), textcoords="offset points", va="top",
                    fontsize=8, color=AXIS_GREY)
    ax.set_yscale("log")
    ax.set_xticks(first.degrees)
    ax.set_xticklabels([f"{k}\n({p})" for k, p in zip(first.degrees, first.n_params)])
    ax.set_xlabel("degree $q$ of the features (parameters)")
    ax.set_ylabel("mean squared error")
    ax.grid(True, color=GRID_GREY)
    ax.legend(fontsize="small")
    return ax
