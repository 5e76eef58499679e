"""The book's style sheet: colours, colour maps, figure sizes and margins.

Colours are the colour-blind-safe Okabe-Ito palette; the two classes are also told apart
by marker shape, so every figure still reads in greyscale. Every Display and plot of
:mod:`nncore.plotting` takes its colours and sizes from here, and a widget that shows a
Display uses the same figure size, so a chapter's static figure and its widget match.
"""

from __future__ import annotations

import numpy as np

__all__ = ["BEFORE_COLOR", "CLASS_COLORS", "CLASS_MARKERS", "CONFUSION_CMAP",
           "DECISION_COLORS", "DESCENT_FIGSIZE", "DIGIT_CMAP", "DIGIT_FIGSIZE",
           "DISPLAY_FIGSIZE", "DIVERGING_CMAP", "GRAD_COLORS", "HIDDEN_CMAPS",
           "HIGHLIGHT_COLOR", "LOSS_CMAP", "MLP_TRAINING_FIGSIZE", "MULTICLASS_COLORS",
           "MULTICLASS_MARKERS", "PATH_COLOR", "PIECES_FIGSIZE", "PIECE_COLORS",
           "PROBA_COLOR", "REGION_COLORS", "SOFTMAX_FIGSIZE", "STEP_FIGSIZE",
           "TRUE_CLASS_COLOR", "VECTOR_COLORS", "AXIS_GREY", "GRID_GREY", "INK",
           "LABEL_OFFSET", "STEP_MARGINS", "STEP_MARGINS_SHORT"]


#: Okabe-Ito blue and orange: the colours of class 0 and class 1.
CLASS_COLORS = ("#0072B2", "#E69F00")
#: Marker of class 0 (circle) and class 1 (triangle): the class survives greyscale.
CLASS_MARKERS = ("o", "^")
#: Light tints of :data:`CLASS_COLORS` for the two half-spaces (22 % colour on white).
REGION_COLORS = ("#C7E0EE", "#F9EAC7")
#: Okabe-Ito colours for a sequence of vectors (blue, vermillion, bluish green,
#: reddish purple, sky blue, orange, black).
VECTOR_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")

INK = "0.15"  # near-black for lines and the arrow of w
AXIS_GREY = "0.45"  # the coordinate axes through the origin
GRID_GREY = "0.88"
LABEL_OFFSET = 7.0  # points between an arrow tip and its label

#: Figure size (inches) of a display made by :meth:`HyperplaneDisplay.plot` with
#: ``ax=None``, by :func:`animate_hyperplane` and by the widget.
DISPLAY_FIGSIZE = (5.0, 6.0)

#: Okabe-Ito vermillion: the sample being corrected and the correction
#: :math:`\mathrm{lr}\,(y - \hat{y})\,\mathbf{x}`; it stays readable on both half-space
#: tints and differs from both class colours.
HIGHLIGHT_COLOR = "#D55E00"
#: Grey of w before an update and of the boundary before it.
BEFORE_COLOR = "0.5"
#: Figure size (inches) of a :class:`PerceptronStepDisplay` made with ``ax=None`` and
#: of :func:`animate_training`: the square axes of :data:`DISPLAY_FIGSIZE`, with room
#: for a five-line caption and a longer legend. The stepper widget, whose status line
#: holds two of those lines, is 0.45 in shorter.
STEP_FIGSIZE = (5.0, 7.1)
STEP_MARGINS = dict(top=1.2, bottom=1.95)  # inches, see _display_axes
STEP_MARGINS_SHORT = dict(top=0.6, bottom=1.95)  # caption="short": two lines

#: Colour map of the loss: viridis (perceptually uniform, colour-blind safe, reads in
#: greyscale), dark where the loss is low.
LOSS_CMAP = "viridis"
#: The descent path: vermillion markers edged in white, visible on every viridis band.
PATH_COLOR = HIGHLIGHT_COLOR
#: Figure size (inches) of a :class:`DescentDisplay` made with ``fig=None``, of
#: :func:`animate_descent` and of the widget: three panels side by side.
DESCENT_FIGSIZE = (11.0, 3.9)

#: Face colour of a value node's box, edge colour of everything, colour of the
#: gradients and of the local derivatives written on the edges.
GRAPH_BOX_COLOR = REGION_COLORS[0]
GRAPH_GRAD_COLOR = HIGHLIGHT_COLOR
GRAPH_LOCAL_COLOR = "#006B4F"  # a darker Okabe-Ito bluish green, readable when small


def _tint(color, amount):
    """``color`` (hex) mixed with white: ``amount`` 1 is the colour, 0 is white."""
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    mixed = np.round(255.0 - amount * (255.0 - rgb)).astype(int)
    return "#" + "".join(f"{v:02X}" for v in mixed)


#: Okabe-Ito colours of classes 0, 1, 2, ... in a decision-region figure (the first
#: two are :data:`CLASS_COLORS`); up to eight classes.
MULTICLASS_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                     "#F0E442", "#000000")
#: Markers of classes 0, 1, 2, ... (the first two are :data:`CLASS_MARKERS`).
MULTICLASS_MARKERS = ("o", "^", "s", "D", "v", "P", "X", "*")
#: The diverging map of :math:`P(\text{class } 1)`: a tint of the class-0 blue at 0,
#: white at 0.5 (the boundary), a tint of the class-1 orange at 1. Blue against
#: orange is the pair colour-blind readers tell apart best; the tints keep the points
#: (full colour, dark edge) visible on top.
DECISION_COLORS = (_tint(CLASS_COLORS[0], 0.55), "#FFFFFF", _tint(CLASS_COLORS[1], 0.55))
#: Colour maps of a hidden unit's output: viridis for an activation that is never
#: negative (relu, sigmoid); the diverging, colour-blind-safe PRGn centred on 0 for
#: one that takes both signs (tanh, linear).
HIDDEN_CMAPS = {"nonnegative": "viridis", "signed": "PRGn"}
#: Colours of the hidden units' pieces in :class:`ReluPiecesDisplay` (Okabe-Ito,
#: without the black of the sum).
PIECE_COLORS = ("#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#0072B2")
#: Figure size (inches) of :class:`MLPTrainingDisplay`, of
#: :func:`animate_mlp_training` and of the training viewer: the decision regions
#: (a square) beside the loss per epoch.
MLP_TRAINING_FIGSIZE = (9.0, 4.6)
#: Figure size (inches) of :class:`ReluPiecesDisplay` made with ``ax=None``.
PIECES_FIGSIZE = (6.2, 4.6)

#: Signed quantities centred on 0 (first-layer weights, the gradient of the loss with
#: respect to the pixels): ColorBrewer's RdBu reversed, blue < 0, white = 0, red > 0;
#: colour-blind safe, and the norm is always symmetric so white is exactly 0.
DIVERGING_CMAP = "RdBu_r"
#: Pixels of a digit: ink on paper (0 white, the largest value black).
DIGIT_CMAP = "gray_r"
#: Counts of a confusion matrix: ColorBrewer's Blues (light = few, dark = many).
CONFUSION_CMAP = "Blues"
#: Bars of the probabilities: Okabe-Ito blue for every class, bluish green for the true
#: class (the two stay apart for every kind of colour blindness, and the true class also
#: gets the dashed outline of its target).
PROBA_COLOR = CLASS_COLORS[0]
TRUE_CLASS_COLOR = "#009E73"
#: Bars of a gradient: vermillion where it is > 0 (a descent step lowers that logit),
#: blue where it is < 0 (a step raises it).
GRAD_COLORS = (CLASS_COLORS[0], HIGHLIGHT_COLOR)
#: Figure sizes (inches) of a :class:`SoftmaxDisplay` and a :class:`DigitDisplay` made
#: with ``fig=None``, caption included; the widgets leave the caption line out.
SOFTMAX_FIGSIZE = (8.2, 3.9)
DIGIT_FIGSIZE = (9.0, 3.4)
