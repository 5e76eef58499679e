r"""Input features on the plane, for the Playground (Chapter 7).

A network on 2-D data sees the point $\mathbf{x} = (x_1, x_2)$. It can be handed more
than the two coordinates: functions of them, computed before the first layer,

.. math:: \boldsymbol{\phi}(\mathbf{x}) = \bigl(x_1,\ x_2,\ x_1^2,\ x_2^2,\ x_1 x_2,\
          \sin x_1,\ \sin x_2,\ \cos x_1,\ \cos x_2\bigr),

and the first layer then computes $Z_1 = \Phi W_1^\top + \mathbf{b}_1$ on the chosen
columns $\Phi$ of these instead of on $X$. With $x_1^2$ and $x_2^2$ a single neuron can
draw a circle; with $\sin x_1$ the network starts from waves. :data:`FEATURES` maps each
name to its function and :func:`make_features` builds the matrix $\Phi$.

TensorFlow Playground offers the first seven (:data:`PLAYGROUND_FEATURES`); the two
cosines are this book's. The Playground's data sets, regression surfaces included, are
in :mod:`nncore.datasets` (:data:`nncore.datasets.PLAYGROUND_DATA`).

Numpy only: this module belongs to the maths layer of nncore.
"""

import numpy as np

from nncore._checks import as_matrix

__all__ = [
    "FEATURES",
    "FEATURE_LABELS",
    "FEATURE_CODE",
    "PLAYGROUND_FEATURES",
    "make_features",
    "check_names",
]


def _x1(X):
    return X[:, 0]


def _x2(X):
    return X[:, 1]


def _x1_sq(X):
    return X[:, 0] ** 2


def _x2_sq(X):
    return X[:, 1] ** 2


def _x1_x2(X):
    return X[:, 0] * X[:, 1]


def _sin_x1(X):
    return np.sin(X[:, 0])


def _sin_x2(X):
    return np.sin(X[:, 1])


def _cos_x1(X):
    return np.cos(X[:, 0])


def _cos_x2(X):
    return np.cos(X[:, 1])


#: The input features, in the Playground's order: name -> function of ``X`` of shape
#: ``(n, 2)`` returning shape ``(n,)``.
FEATURES = {
    "x1": _x1,
    "x2": _x2,
    "x1^2": _x1_sq,
    "x2^2": _x2_sq,
    "x1*x2": _x1_x2,
    "sin(x1)": _sin_x1,
    "sin(x2)": _sin_x2,
    "cos(x1)": _cos_x1,
    "cos(x2)": _cos_x2,
}

#: The features' names as LaTeX, for figure labels.
FEATURE_LABELS = {
    "x1": r"$x_1$",
    "x2": r"$x_2$",
    "x1^2": r"$x_1^2$",
    "x2^2": r"$x_2^2$",
    "x1*x2": r"$x_1 x_2$",
    "sin(x1)": r"$\sin x_1$",
    "sin(x2)": r"$\sin x_2$",
    "cos(x1)": r"$\cos x_1$",
    "cos(x2)": r"$\cos x_2$",
}

#: Each feature as a numpy expression in ``x1`` and ``x2`` (the columns of ``X``), for
#: code that a trained network is written out as
#: (:func:`nncore.playground.network_source`).
FEATURE_CODE = {
    "x1": "x1",
    "x2": "x2",
    "x1^2": "x1 ** 2",
    "x2^2": "x2 ** 2",
    "x1*x2": "x1 * x2",
    "sin(x1)": "np.sin(x1)",
    "sin(x2)": "np.sin(x2)",
    "cos(x1)": "np.cos(x1)",
    "cos(x2)": "np.cos(x2)",
}

#: The seven features of TensorFlow Playground, in its order; the cosines are this
#: book's.
PLAYGROUND_FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")


def check_names(names):
    """The feature names as a tuple: a non-empty sequence of distinct names of
    :data:`FEATURES` (a ``ValueError`` or ``TypeError`` that says which name is wrong).

    Examples
    --------
    >>> check_names(["x1", "sin(x2)"])
    ('x1', 'sin(x2)')
    """
    if isinstance(names, str) or not hasattr(names, "__iter__"):
        raise TypeError(
            f"names must be a list of feature names such as ['x1', 'x2']; got {names!r}"
        )
    names = list(names)
    if not names:
        raise ValueError(
            f"names must hold at least one feature name; got an empty list. "
            f"Valid names: {list(FEATURES)}"
        )
    for name in names:
        if not isinstance(name, str) or name not in FEATURES:
            raise ValueError(
                f"names: unknown feature {name!r}; the valid names are {list(FEATURES)}"
            )
    seen = set()
    for name in names:
        if name in seen:
            raise ValueError(f"names must not repeat a feature; got {name!r} twice in {names}")
        seen.add(name)
    return tuple(names)


def make_features(X, names):
    r"""The feature matrix $\Phi$: one column per named feature of the points ``X``.

    .. math:: \Phi_{ij} = \phi_j(x_{i1}, x_{i2}), \qquad \phi_j \in \{x_1,\ x_2,\ x_1^2,\
              x_2^2,\ x_1 x_2,\ \sin x_1,\ \sin x_2,\ \cos x_1,\ \cos x_2\}

    Derived in Chapter 7, section "Features: what the first layer sees".

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        Points of the plane.
    names : sequence of str
        Distinct names from :data:`FEATURES`, in the order of the columns wanted.

    Returns
    -------
    ndarray of shape (n_samples, len(names))

    Raises
    ------
    ValueError
        If ``X`` is not of shape ``(n, 2)`` or not finite, ``names`` is empty, repeats a
        name or holds an unknown one (the message lists the valid names).
    TypeError
        If ``names`` is a single string or not a sequence.

    Examples
    --------
    >>> make_features([[2.0, 3.0], [-1.0, 0.5]], ["x1", "x1*x2", "x2^2"])
    array([[ 2.  ,  6.  ,  9.  ],
           [-1.  , -0.5 ,  0.25]])
    >>> make_features([[0.0, 0.0]], ["sin(x1)", "cos(x2)"])
    array([[0., 1.]])
    """
    X = as_matrix(X, "X", n_features=2)
    names = check_names(names)
    out = np.empty((X.shape[0], len(names)))
    for j, name in enumerate(names):
        out[:, j] = FEATURES[name](X)
    return out
