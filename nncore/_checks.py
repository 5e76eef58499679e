"""Private validators shared by every nncore module.

Each public function of nncore checks its arguments here *before* computing anything,
so bad input fails early with a message that names the argument, quotes what it got and
says what was expected, for example::

    X must be 2-D (n_samples, n_features); got shape (4,)

The validators accept Python lists and numbers, convert them to float (or int) numpy
arrays, and reject wrong shapes, mismatched lengths, NaN, infinities and non-numbers.
Nothing is ever broadcast silently.

>>> as_vector([1, 2], "w")
array([1., 2.])
>>> as_matrix([[1, 2]], "X", n_features=3)
Traceback (most recent call last):
...
ValueError: X must have 3 features, shape (n_samples, 3); got shape (1, 2)
"""

import math
import numbers

import numpy as np

_REAL_KINDS = "biuf"  # numpy dtype kinds we accept: bool, signed, unsigned, float


def as_array(a, name, *, allow_inf=False):
    """Convert ``a`` to a float ndarray of any shape, refusing non-numbers and NaN.

    Infinities are refused too unless ``allow_inf`` is true.
    """
    try:
        arr = np.asarray(a)
    except ValueError as err:  # ragged nested lists
        raise ValueError(
            f"{name} must be a rectangular array of real numbers; got a ragged {type(a).__name__}"
        ) from err
    if arr.dtype.kind not in _REAL_KINDS:
        got = type(a).__name__ if arr.dtype.kind == "O" else f"dtype {arr.dtype}"
        raise TypeError(f"{name} must contain real numbers; got {got}")
    arr = arr.astype(float)
    bad = np.isnan(arr) if allow_inf else ~np.isfinite(arr)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        value = arr[where] if where else arr.item()
        at = f" at index {where[0] if len(where) == 1 else where}" if where else ""
        expected = "no NaN" if allow_inf else "only finite numbers"
        raise ValueError(f"{name} must contain {expected}; got {value}{at}")
    return arr


def _shaped(arr, name, ndim, what, least, axis, length, want, against):
    """``arr`` with ``ndim`` axes, none empty, and ``length`` along ``axis`` if given."""
    if arr.ndim != ndim:
        raise ValueError(f"{name} must be {what}; got shape {arr.shape}")
    if 0 in arr.shape:
        raise ValueError(f"{name} must have at least {least}; got shape {arr.shape}")
    if length is not None and arr.shape[axis] != length:
        why = f" to match {against}" if against else ""
        raise ValueError(f"{name} must have {want}{why}; got shape {arr.shape}")
    return arr


def as_vector(v, name, dim=None, *, against=None):
    """A 1-D float array with at least one element (and exactly ``dim`` if given).

    ``against`` names the argument whose length ``dim`` comes from, for the message.
    """
    return _shaped(as_array(v, name), name, 1, "a 1-D vector of shape (d,)", "one element",
                   0, dim, f"shape ({dim},)", against)


def as_matrix(X, name, n_features=None, *, against=None):
    """A 2-D float array ``(n_samples, n_features)`` with at least one row and column.

    ``against`` names the argument whose length ``n_features`` comes from, for the message.
    """
    return _shaped(as_array(X, name), name, 2, "2-D (n_samples, n_features)",
                   "one sample and one feature", 1, n_features,
                   f"{n_features} features, shape (n_samples, {n_features})", against)


def as_points(X, name, n_features=None, *, against=None):
    """One point ``(d,)`` or a batch ``(n_samples, d)``, returned as ``(X_2d, single)``.

    ``single`` is true when one point was given, so the caller can return a scalar.
    """
    arr = as_array(X, name)
    if arr.ndim == 1:
        x = as_vector(arr, name, dim=n_features, against=against)
        return x[np.newaxis, :], True
    if arr.ndim == 2:
        return as_matrix(arr, name, n_features=n_features, against=against), False
    raise ValueError(
        f"{name} must be 1-D (n_features,) or 2-D (n_samples, n_features); got shape {arr.shape}"
    )


def as_labels(y, name="y", n=None, *, binary=True):
    """An int array ``(n_samples,)`` of class labels: in {0, 1}, or any non-negative ints
    when ``binary`` is false.

    >>> as_labels([0, 1.0, True])
    array([0, 1, 1])
    >>> as_labels([0, 2, 1], binary=False)
    array([0, 2, 1])
    >>> as_labels([0, 2, 1])
    Traceback (most recent call last):
    ...
    ValueError: y must contain labels in {0, 1}; got 2 at index 1
    """
    arr = as_array(y, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (n_samples,); got shape {arr.shape}")
    if n is not None and arr.shape[0] != n:
        raise ValueError(
            f"{name} must have one label per sample, shape ({n},); got shape {arr.shape}"
        )
    if binary:
        bad = (arr != 0) & (arr != 1)
        expected = "labels in {0, 1}"
    else:
        bad = (arr < 0) | (arr != np.round(arr))
        expected = "non-negative integer labels"
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name} must contain {expected}; got {arr[i]:g} at index {i}")
    return arr.astype(int)


def check_same_shape(a, b, name_a, name_b, why="nothing is broadcast"):
    """Refuse two arrays of different shapes, naming both (``why`` says what the equal
    shapes mean)."""
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same shape ({why}); got "
                         f"{name_a} shape {a.shape} and {name_b} shape {b.shape}")


def as_class_labels(labels, name, n, k, *, noun="class labels", one="label", why=None,
                    allow_bool=False, context=""):
    """Integer class labels of shape ``(n,)`` in ``[0, k)``, as ``intp``; floats (and
    bools, unless ``allow_bool``) are refused. The messages call them ``noun`` (one of
    them ``one``); ``context`` follows "integer {noun}" and ``why`` the allowed range
    (default: "for {k} classes")."""
    arr = np.asarray(labels)
    if arr.dtype.kind not in ("biu" if allow_bool else "iu"):
        got = type(labels).__name__ if arr.dtype.kind == "O" else f"dtype {arr.dtype}"
        raise TypeError(f"{name} must be integer {noun}{context} (such as [0, 1, 1]); "
                        f"got {got}")
    if arr.shape != (n,):
        raise ValueError(f"{name} must have one {one} per sample, shape ({n},); got shape "
                         f"{arr.shape}")
    bad = (arr < 0) | (arr >= k)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name} must be {noun} in [0, {k - 1}] "
                         f"{why or f'for {k} classes'}; got {int(arr[i])} at index {i}")
    return arr.astype(np.intp, copy=False)


def as_scalar(x, name):
    """A finite Python float from a number or a 0-d array (a length-1 array is refused)."""
    arr = as_array(x, name)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar (a real number); got shape {arr.shape}")
    return float(arr)


def as_int(n, name, minimum=None):
    """A Python int (bools and floats such as 3.0 are refused), at least ``minimum``."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"{name} must be an int; got {n!r} of type {type(n).__name__}")
    if minimum is not None and n < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}; got {n}")
    return int(n)


def is_int(v):
    """Whether ``v`` is an integer, a Python or numpy one (bools are not)."""
    return isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))


def as_bool(flag, name):
    """``flag`` as a Python bool: True or False (numpy's too), nothing else.

    >>> as_bool("yes", "degrees")
    Traceback (most recent call last):
    ...
    TypeError: degrees must be True or False; got 'yes' of type str
    """
    if not isinstance(flag, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {flag!r:.60} of type "
                        f"{type(flag).__name__}")
    return bool(flag)


def as_callable(f, name, signature):
    """``f`` itself if it can be called, else a TypeError that shows the call expected
    (``signature``, such as ``"loss(theta) -> float"``): passing ``loss(theta, x, y)``,
    a number, where ``loss`` is meant is an easy slip.

    >>> as_callable(0.5, "loss", "loss(theta) -> float")
    Traceback (most recent call last):
    ...
    TypeError: loss must be a callable loss(theta) -> float (the function itself, not a value it returned); got 0.5 of type float
    """
    if not callable(f):
        raise TypeError(f"{name} must be a callable {signature} (the function itself, not a "
                        f"value it returned); got {f!r:.60} of type {type(f).__name__}")
    return f


def as_positive(x, name):
    """A finite float > 0 (for a learning rate, a step, a tolerance, ...)."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {x!r} of type {type(x).__name__}")
    x = float(x)
    if not (math.isfinite(x) and x > 0):
        raise ValueError(f"{name} must be a finite number > 0; got {x}")
    return x


def as_nonnegative(x, name):
    """A finite float >= 0 (for a noise level, a length, ...)."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {x!r} of type {type(x).__name__}")
    x = float(x)
    if not np.isfinite(x) or x < 0:
        raise ValueError(f"{name} must be a finite number >= 0; got {x}")
    return x


def as_interval(lim, name):
    """An increasing pair ``(low, high)`` of finite floats, such as an axis range."""
    arr = as_array(lim, name)
    if arr.shape != (2,):
        raise ValueError(f"{name} must be a pair (min, max); got shape {arr.shape}")
    low, high = float(arr[0]), float(arr[1])
    if not low < high:
        raise ValueError(f"{name} must be increasing, (min, max) with min < max; got {(low, high)}")
    return low, high


def as_rng(seed, name="seed"):
    """A ``np.random.Generator``: from ``None`` (fresh entropy), an int >= 0, or a Generator."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"{name} must be None, an int or a numpy Generator; got {seed!r} "
            f"of type {type(seed).__name__}"
        )
    if seed < 0:
        raise ValueError(f"{name} must be an int >= 0; got {seed}")
    return np.random.default_rng(int(seed))
