r"""The linear decision rule and the geometry of the hyperplane $\mathbf{w}\cdot\mathbf{x} + b = 0$.

A weight vector $\mathbf{w}$ and a bias $b$ score every point by
$z = \mathbf{w}\cdot\mathbf{x} + b$. The points that score zero form a hyperplane (a
line in the plane) perpendicular to $\mathbf{w}$; the sign of $z$ says on which side a
point lies, and $z / \|\mathbf{w}\|$ how far from it. Chapter 1 ends with the rule a
perceptron applies: output 1 where $z \ge 0$, else 0.

Shapes follow the package conventions: one point is ``x`` of shape ``(d,)``, a batch is
``X`` of shape ``(n_samples, d)``, ``w`` has shape ``(d,)`` and ``b`` is a float.
"""


import numpy as np

from nncore._checks import (as_int, as_interval, as_labels, as_matrix, as_points, as_scalar,
                            as_vector)
from nncore._scaled import affine, max_abs_scale, unit_vector
from nncore.vectors import norm

__all__ = [
    "decision_function",
    "weighted_sum",
    "augment",
    "augment_weights",
    "halfspace",
    "signed_distance",
    "closest_point",
    "line_in_box",
    "count_misclassified",
    "fewest_errors",
]


# ---------------------------------------------------------------------------------------
# Validation shared by the functions below
# ---------------------------------------------------------------------------------------


def _check_rule(X, w, b):
    """Validate a point or batch ``X``, weights ``w`` of matching length and a scalar ``b``."""
    w = as_vector(w, "w")
    X2, single = as_points(X, "X", n_features=w.shape[0], against="w")
    return X2, single, w, as_scalar(b, "b")


def _check_labelled(X, y, w=None):
    """Validate a batch ``X`` (n_samples, d), labels ``y`` in {0, 1} and, if given, ``w``."""
    if w is not None:
        w = as_vector(w, "w")
    X = as_matrix(X, "X", n_features=None if w is None else w.shape[0], against="w")
    return X, as_labels(y, "y", n=X.shape[0]), w


# ---------------------------------------------------------------------------------------
# The score z = w.x + b and the rule built on it
# ---------------------------------------------------------------------------------------


def decision_function(X, w, b=0.0):
    r"""The score of each point: the weighted sum of its features plus the bias.

    .. math:: z = \mathbf{w}\cdot\mathbf{x} + b, \qquad
              \text{for a batch } \mathbf{z} = X\mathbf{w} + b

    Positive on the side $\mathbf{w}$ points to, zero on the hyperplane.

    Derived in Chapter 1, section "Hyperplanes".

    Parameters
    ----------
    X : array_like of shape (n_samples, d) or (d,)
        A batch of points, one per row, or a single point.
    w : array_like of shape (d,)
        The weights.
    b : float, default 0.0
        The bias.

    Returns
    -------
    ndarray of shape (n_samples,), or float for a single point

    Raises
    ------
    ValueError
        If the shapes do not match (``X`` must have ``len(w)`` columns), ``b`` is not a
        scalar, or any value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> decision_function([[1, 2], [3, 4]], w=[1, -1], b=0.5)  # 1-2+0.5, 3-4+0.5
    array([-0.5, -0.5])
    >>> decision_function([2, 1], w=[1, 1], b=-3)  # one point: 2 + 1 - 3
    0.0
    """
    X, single, w, b = _check_rule(X, w, b)
    z = affine(X, w, b)
    return float(z[0]) if single else z


def weighted_sum(w, x, b=0.0):
    r"""The score of one point written out as the sum the chapter starts from.

    .. math:: z = \sum_{i=1}^{d} w_i x_i + b = w_1 x_1 + w_2 x_2 + \dots + w_d x_d + b

    An explicit Python loop, one term per feature: the same number as
    :func:`decision_function` for one point, computed without numpy.

    Derived in Chapter 1, section "The dot product".

    Parameters
    ----------
    w : array_like of shape (d,)
        The weights.
    x : array_like of shape (d,)
        One point.
    b : float, default 0.0
        The bias.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``w`` and ``x`` are not 1-D of the same length, ``b`` is not a scalar, or any
        value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> weighted_sum([0.5, -1.0, 2.0], [2, 3, 1], b=1)  # 0.5*2 - 1*3 + 2*1 + 1
    1.0
    """
    w = as_vector(w, "w")
    x = as_vector(x, "x", dim=w.shape[0], against="w")
    total = as_scalar(b, "b")
    for w_i, x_i in zip(w.tolist(), x.tolist()):
        total += w_i * x_i
    return total


def augment(X):
    r"""Prepend the constant feature $x_0 = 1$, so the bias becomes an ordinary weight.

    .. math:: \tilde{\mathbf{x}} = (1, x_1, \dots, x_d), \qquad
              \tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}} = \mathbf{w}\cdot\mathbf{x} + b

    Use with :func:`augment_weights`.

    Derived in Chapter 1, section "Hyperplanes".

    Parameters
    ----------
    X : array_like of shape (n_samples, d) or (d,)

    Returns
    -------
    ndarray of shape (n_samples, d + 1), or (d + 1,) for a single point

    Raises
    ------
    ValueError
        If ``X`` is not 1-D or 2-D, is empty, or holds NaN or infinite values.
    TypeError
        If ``X`` contains something other than real numbers.

    Examples
    --------
    >>> augment([[2, 3], [4, 5]])
    array([[1., 2., 3.],
           [1., 4., 5.]])
    >>> augment([2, 3])
    array([1., 2., 3.])
    """
    X, single = as_points(X, "X")
    X_tilde = np.hstack([np.ones((X.shape[0], 1)), X])
    return X_tilde[0] if single else X_tilde


def augment_weights(w, b):
    r"""Put the bias in front of the weights, as the weight $w_0$ of the feature $x_0 = 1$.

    .. math:: \tilde{\mathbf{w}} = (b, w_1, \dots, w_d)

    Derived in Chapter 1, section "Hyperplanes".

    Parameters
    ----------
    w : array_like of shape (d,)
    b : float

    Returns
    -------
    ndarray of shape (d + 1,)

    Raises
    ------
    ValueError
        If ``w`` is not a non-empty 1-D vector, ``b`` is not a scalar, or any value is
        NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> augment_weights([2, -1], 0.5)
    array([ 0.5,  2. , -1. ])
    """
    w = as_vector(w, "w")
    return np.concatenate([[as_scalar(b, "b")], w])


def halfspace(X, w, b=0.0):
    r"""Which side of the hyperplane each point is on: the perceptron's output.

    .. math:: \hat{y} = \operatorname{step}(\mathbf{w}\cdot\mathbf{x} + b) =
              \begin{cases} 1 & \text{if } \mathbf{w}\cdot\mathbf{x} + b \ge 0 \\
              0 & \text{otherwise} \end{cases}

    Points on the hyperplane itself get 1, as in Rosenblatt's perceptron.

    Derived in Chapter 1, section "The perceptron's decision".

    Parameters
    ----------
    X : array_like of shape (n_samples, d) or (d,)
    w : array_like of shape (d,)
    b : float, default 0.0

    Returns
    -------
    ndarray of int of shape (n_samples,), or int for a single point
        Values in {0, 1}.

    Raises
    ------
    ValueError
        If the shapes do not match, ``b`` is not a scalar, or any value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> halfspace([[2, 0], [0, 2], [1, 1]], w=[1, -1])  # z = 2, -2, 0
    array([1, 0, 1])
    """
    X, single, w, b = _check_rule(X, w, b)
    y_hat = (affine(X, w, b) >= 0).astype(int)
    return int(y_hat[0]) if single else y_hat


# ---------------------------------------------------------------------------------------
# Distances and the hyperplane's position
# ---------------------------------------------------------------------------------------


def signed_distance(X, w, b=0.0):
    r"""The signed distance of each point from the hyperplane $\mathbf{w}\cdot\mathbf{x} + b = 0$.

    .. math:: \operatorname{dist}(\mathbf{x}) = \frac{\mathbf{w}\cdot\mathbf{x} + b}{\|\mathbf{w}\|}
              = \hat{\mathbf{w}}\cdot\mathbf{x} + \frac{b}{\|\mathbf{w}\|}

    Positive on the side $\mathbf{w}$ points to. Scaling $\mathbf{w}$ and $b$ together
    changes the score $z$ but not $\operatorname{dist}(\mathbf{x})$.

    Derived in Chapter 1, section "Hyperplanes".

    Parameters
    ----------
    X : array_like of shape (n_samples, d) or (d,)
    w : array_like of shape (d,)
        Not the zero vector.
    b : float, default 0.0

    Returns
    -------
    ndarray of shape (n_samples,), or float for a single point

    Raises
    ------
    ValueError
        If ``w`` is the zero vector (there is no hyperplane), the shapes do not match,
        ``b`` is not a scalar, or any value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> signed_distance([[3, 4], [0, 0]], w=[3, 4], b=-5)  # (9 + 16 - 5) / 5, -5 / 5
    array([ 4., -1.])
    """
    X, single, w, b = _check_rule(X, w, b)
    w_hat = unit_vector(w, "w")  # refuses w = 0 before we divide by its length
    s = max_abs_scale(w)  # (w, b) / s: the same hyperplane, and ||w / s|| never overflows
    delta = affine(X, w_hat, (b / s) / norm(w / s))
    return float(delta[0]) if single else delta


def closest_point(w, b=0.0):
    r"""The point of the hyperplane nearest the origin: the foot of the perpendicular.

    .. math:: \mathbf{x}_0 = -\frac{b}{\|\mathbf{w}\|^2}\,\mathbf{w}
              = -\frac{b}{\|\mathbf{w}\|}\,\hat{\mathbf{w}}

    The hyperplane is $\mathbf{x}_0$ plus every direction perpendicular to $\mathbf{w}$;
    its distance from the origin is $|b| / \|\mathbf{w}\|$.

    Derived in Chapter 1, section "Hyperplanes".

    Parameters
    ----------
    w : array_like of shape (d,)
        Not the zero vector.
    b : float, default 0.0

    Returns
    -------
    ndarray of shape (d,)

    Raises
    ------
    ValueError
        If ``w`` is the zero vector, ``b`` is not a scalar, or any value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> closest_point([3, 4], b=-10)  # 10 / 25 * (3, 4)
    array([1.2, 1.6])
    """
    w = as_vector(w, "w")
    b = as_scalar(b, "b")
    w_hat = unit_vector(w, "w")  # refuses w = 0 before we divide by its length
    # (w, b) / s is the same hyperplane for a power of two s (an exact division): with s
    # near the largest |w_i| the length of w / s stays finite where ||w|| would overflow
    s = max_abs_scale(w)
    return -((b / s) / norm(w / s)) * w_hat


def line_in_box(w, b, xlim, ylim):
    r"""The two end points of the part of the line $w_1 x_1 + w_2 x_2 + b = 0$ inside a box.

    .. math:: \text{on the edge } x_1 = c:\; x_2 = -\frac{b + w_1 c}{w_2}, \qquad
              \text{on the edge } x_2 = c:\; x_1 = -\frac{b + w_2 c}{w_1}

    The line is intersected with the four edges of the box (an edge parallel to the
    line is skipped); the two intersections farthest apart along the line are its end
    points. This is what a plot draws, and it never raises for a line that is not
    there: for $\mathbf{w} = \mathbf{0}$ (no line) or a line that misses the box it
    returns None. A line that only touches a corner gives that corner twice.

    Derived in Chapter 1, section "Hyperplanes".

    Parameters
    ----------
    w : array_like of shape (2,)
        The normal of the line; may be zero.
    b : float
    xlim : (float, float)
        ``(min, max)`` of the box along $x_1$, with min < max.
    ylim : (float, float)
        ``(min, max)`` of the box along $x_2$, with min < max.

    Returns
    -------
    ndarray of shape (2, 2), or None
        Row ``k`` is end point ``k``; the rows are sorted by $x_1$, then by $x_2$.

    Raises
    ------
    ValueError
        If ``w`` does not have shape (2,), ``b`` is not a scalar, a limit is not an
        increasing pair, or any value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> line_in_box([1, 1], -1, xlim=(0, 2), ylim=(0, 2))  # x1 + x2 = 1
    array([[0., 1.],
           [1., 0.]])
    >>> line_in_box([1, 0], -5, xlim=(0, 2), ylim=(0, 2)) is None  # x1 = 5 misses
    True
    >>> line_in_box([0, 0], 1, xlim=(0, 2), ylim=(0, 2)) is None  # w = 0: no line
    True
    """
    w = as_vector(w, "w", dim=2)
    b = as_scalar(b, "b")
    xlim, ylim = as_interval(xlim, "xlim"), as_interval(ylim, "ylim")
    if w[0] == 0.0 and w[1] == 0.0:
        return None
    scale = max(abs(float(w[0])), abs(float(w[1])), abs(b))
    w1, w2, b = float(w[0]) / scale, float(w[1]) / scale, b / scale  # same line, |coefs| <= 1
    points = _crossings(w1, w2, b, xlim, ylim) + [
        p[::-1] for p in _crossings(w2, w1, b, ylim, xlim)
    ]
    if not points:
        return None
    along = [w1 * p[1] - w2 * p[0] for p in points]  # position along the direction (-w2, w1)
    ends = [points[int(np.argmin(along))], points[int(np.argmax(along))]]
    return np.array(sorted(ends))


def _crossings(w1, w2, b, xlim, ylim):
    """Where ``w1*x + w2*y + b = 0`` crosses the edges ``x = xlim[0]`` and ``x = xlim[1]``
    within ``ylim``, as ``(x, y)`` pairs of Python floats.

    A crossing within rounding of the box (as at a corner) is kept and clipped onto it.
    """
    if w2 == 0.0:  # the line is parallel to these edges
        return []
    low, high = ylim
    tol = 1e-12 * max(abs(low), abs(high))
    found = []
    for x in xlim:
        y = -(b + w1 * x) / w2  # Python floats: an overflow gives inf, silently
        if low - tol <= y <= high + tol:
            found.append((float(x), float(min(max(y, low), high))))
    return found


# ---------------------------------------------------------------------------------------
# Counting mistakes, and the best line for a data set
# ---------------------------------------------------------------------------------------

#: The most directions :func:`fewest_errors` tries (every 0.0036 degrees), and the most
#: projections it tabulates (n_samples times n_directions, 0.8 GB of floats): beyond
#: them the search would take minutes and gigabytes, and its answer would not change.
MAX_DIRECTIONS = 100_000
MAX_PROJECTIONS = 100_000_000


def _count_wrong(X, y, w, b):
    """``sum_i [step(w.x_i + b) != y_i]`` for validated arrays."""
    return int(np.sum((affine(X, w, b) >= 0).astype(int) != y))


def count_misclassified(X, y, w, b=0.0):
    r"""How many points fall on the wrong side of the hyperplane.

    .. math:: E(\mathbf{w}, b)
              = \sum_{i=1}^{n} \big[\, \operatorname{step}(\mathbf{w}\cdot\mathbf{x}_i + b) \ne y_i \,\big]

    with $\operatorname{step}(z) = 1$ for $z \ge 0$ and 0 otherwise (see :func:`halfspace`).

    Derived in Chapter 1, section "Linear separability".

    Parameters
    ----------
    X : array_like of shape (n_samples, d)
    y : array_like of int of shape (n_samples,)
        Labels in {0, 1}.
    w : array_like of shape (d,)
    b : float, default 0.0

    Returns
    -------
    int
        Between 0 and ``n_samples``.

    Raises
    ------
    ValueError
        If the shapes do not match, a label is not 0 or 1, ``b`` is not a scalar, or any
        value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> count_misclassified([[2, 0], [0, 2], [1, 1]], [1, 1, 0], w=[1, -1])  # 1,0,1 vs 1,1,0
    2
    """
    X, y, w = _check_labelled(X, y, w)
    return _count_wrong(X, y, w, as_scalar(b, "b"))


def _fewest_errors_per_direction(P, y):
    """For each column of projections ``P`` (n, K), the fewest errors of the rule
    "class 1 where p >= t" over every threshold t, and where to split.

    Sort the projections; a threshold between the i-th and (i+1)-th smallest calls the
    i smallest class 0 and the rest class 1 (i = 0 and i = n are the two ends). It errs
    on the class-1 points among the i smallest and on the class-0 points among the rest.
    A threshold cannot separate equal projections, so those splits are not allowed.

    Returns ``(errors (K,), split (K,), sorted projections (n, K))``.
    """
    n, K = P.shape
    order = np.argsort(P, axis=0, kind="stable")
    p = np.take_along_axis(P, order, axis=0)
    ones_below = np.vstack([np.zeros((1, K), dtype=int), np.cumsum(y[order], axis=0)])
    i = np.arange(n + 1)[:, np.newaxis]
    zeros_above = (n - int(y.sum())) - (i - ones_below)
    errors = ones_below + zeros_above  # shape (n + 1, K)
    allowed = np.ones((n + 1, K), dtype=bool)
    allowed[1:n] = p[:-1] < p[1:]
    errors = np.where(allowed, errors, n + 1)
    split = np.argmin(errors, axis=0)
    return errors[split, np.arange(K)], split, p


def _threshold(p, i):
    """A threshold t with exactly the i smallest of the sorted values ``p`` below it:
    halfway between neighbours, or one unit beyond the ends."""
    if i == 0:
        return p[0] - 1.0
    if i == len(p):
        t = p[-1] + 1.0
        return t if t > p[-1] else np.nextafter(p[-1], np.inf)
    t = p[i - 1] / 2 + p[i] / 2
    return t if t > p[i - 1] else p[i]


def fewest_errors(X, y, n_directions=720):
    r"""The line with the fewest misclassified points, over many directions of $\mathbf{w}$.

    .. math:: \min_{k}\; \min_{b}\; E(\mathbf{w}_k, b), \qquad
              \mathbf{w}_k = \big(\cos\tfrac{2\pi k}{K}, \sin\tfrac{2\pi k}{K}\big),
              \; k = 0, \dots, K - 1

    For each unit normal $\mathbf{w}_k$ the points are projected,
    $p_i = \mathbf{w}_k\cdot\mathbf{x}_i$, and sorted; the rule
    $\operatorname{step}(\mathbf{w}_k\cdot\mathbf{x} + b)$ says 1 exactly where $p_i \ge -b$, so the best
    $b$ is found exactly by trying a threshold between each pair of neighbouring
    projections and beyond both ends. The projections are the floating-point scores
    :func:`count_misclassified` computes, so rounding cannot move a point across the
    returned line. Zero errors means the data are linearly separable
    (up to the angular resolution $2\pi / K$); XOR's four corners need at least one.

    Derived in Chapter 1, section "Linear separability".

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of int of shape (n_samples,)
        Labels in {0, 1}.
    n_directions : int, default 720
        $K$, the number of directions tried (every 0.5 degree by default), at most
        ``MAX_DIRECTIONS`` = 100000, and at most 1e8 / ``n_samples`` (the table of
        projections has ``n_samples * n_directions`` entries).

    Returns
    -------
    errors : int
        The fewest misclassified points found; equals ``count_misclassified(X, y, w, b)``.
    w : ndarray of shape (2,)
        The unit normal of the best line (the first such direction, by angle).
    b : float
        Its bias: the line runs halfway between the projections of the two points on
        either side of it (or one unit beyond every point if one class takes all).

    Raises
    ------
    ValueError
        If ``X`` is not (n_samples, 2), ``y`` has another length or a label other than
        0 and 1, ``n_directions`` is below 1 or above its limits, or any value is NaN
        or infinite.
    TypeError
        If ``n_directions`` is not an int, or an array contains something other than
        real numbers.

    Examples
    --------
    >>> X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    >>> fewest_errors(X, [0, 0, 0, 1])[0]  # AND is linearly separable
    0
    >>> fewest_errors(X, [0, 1, 1, 0])[0]  # XOR is not
    1
    """
    X = as_matrix(X, "X", n_features=2)
    y = as_labels(y, "y", n=X.shape[0])
    K = as_int(n_directions, "n_directions", minimum=1)
    if K > MAX_DIRECTIONS:
        raise ValueError(f"n_directions must be at most {MAX_DIRECTIONS}; got {K}")
    if K * X.shape[0] > MAX_PROJECTIONS:
        raise ValueError(
            f"n_directions must be at most {MAX_PROJECTIONS // X.shape[0]} for "
            f"{X.shape[0]} samples (the table of projections, n_samples x n_directions, "
            f"has at most {MAX_PROJECTIONS} entries); got {K}"
        )
    theta = 2 * np.pi * np.arange(K) / K
    W = np.column_stack([np.cos(theta), np.sin(theta)])  # (K, 2), one unit normal per row
    # The projections must be the very scores _count_wrong will see: X @ W.T (a matrix
    # product) can round a near-tie differently from the X @ w that scores the chosen
    # line, and a threshold halfway between two projections could then land exactly on a
    # point (which step counts as 1). With b = -t, step(w.x_i + b) = [p_i >= t] exactly when
    # p = affine(X, w, 0.0), the same arithmetic (up to exact power-of-two scalings).
    P = np.column_stack([affine(X, w_k, 0.0) for w_k in W])
    errors, split, p = _fewest_errors_per_direction(P, y)
    k = int(np.argmin(errors))
    w = W[k]
    b = -float(_threshold(p[:, k], int(split[k])))
    return _count_wrong(X, y, w, b), w, b
