r"""How good are a classifier's predictions: accuracy and the confusion matrix.

Both compare integer class labels: the true ones $y_i$ and the predicted ones
$\hat{y}_i$ (for an :class:`nncore.mlp.MLP`, ``model.predict(X)``).

Numpy only: this module belongs to the maths layer of nncore.
"""

import numpy as np

from nncore._checks import as_int, check_same_shape

__all__ = ["accuracy", "confusion_matrix"]

#: The most classes :func:`confusion_matrix` tabulates: its table has k**2 counts, and a
#: stray label of 10**9 would otherwise ask for 10**18 of them.
MAX_CLASSES = 1000


def _check_label_array(y, name):
    arr = np.asarray(y)
    if arr.size == 0:
        raise ValueError(f"{name} must have at least one label; got shape {arr.shape}")
    if arr.dtype.kind not in "biu":
        got = type(y).__name__ if arr.dtype.kind == "O" else f"dtype {arr.dtype}"
        raise TypeError(f"{name} must be integer class labels (such as [0, 2, 1]); got {got}")
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (n_samples,); got shape {arr.shape}")
    if arr.dtype.kind == "i" and (arr < 0).any():
        i = int(np.flatnonzero(arr < 0)[0])
        raise ValueError(f"{name} must be non-negative class labels; got {int(arr[i])} at index {i}")
    return arr.astype(np.intp)


def _check_pair(y_true, y_pred):
    y_true = _check_label_array(y_true, "y_true")
    y_pred = _check_label_array(y_pred, "y_pred")
    check_same_shape(y_true, y_pred, "y_true", "y_pred", "one prediction per sample")
    return y_true, y_pred


def accuracy(y_true, y_pred):
    r"""The fraction of samples whose predicted class is the true one.

    .. math:: \mathrm{acc} = \frac{1}{n}\sum_{i=1}^{n} [\hat{y}_i = y_i]

    Derived in Chapter 6, section "Training".

    Parameters
    ----------
    y_true : array_like of int, shape (n_samples,)
    y_pred : array_like of int, shape (n_samples,)

    Returns
    -------
    float
        In $[0, 1]$.

    Raises
    ------
    TypeError
        If the labels are not integers (or bools).
    ValueError
        If the shapes differ, are empty or not 1-D, or a label is negative.

    Examples
    --------
    >>> accuracy([0, 1, 2, 2], [0, 1, 1, 2])
    0.75
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    return float(np.count_nonzero(y_true == y_pred)) / y_true.size


def confusion_matrix(y_true, y_pred, n_classes=None):
    r"""Counts of (true class, predicted class) pairs.

    .. math:: C_{ij} = \#\{\, s : y_s = i,\ \hat{y}_s = j \,\}

    Rows are the true classes and columns the predicted ones (scikit-learn's
    convention): the diagonal counts the correct predictions, row $i$ sums to the number
    of samples of class $i$, and $\sum_i C_{ii} / n$ is the :func:`accuracy`.

    Derived in Chapter 6, section "What it gets wrong".

    Parameters
    ----------
    y_true : array_like of int, shape (n_samples,)
    y_pred : array_like of int, shape (n_samples,)
    n_classes : int, optional
        $k$, at most ``MAX_CLASSES`` = 1000; by default one more than the largest
        label seen.

    Returns
    -------
    ndarray of int, shape (n_classes, n_classes)

    Raises
    ------
    TypeError
        If the labels are not integers or ``n_classes`` is not an int.
    ValueError
        If the shapes differ, a label is negative or not below ``n_classes``, or there
        would be more than 1000 classes.

    Examples
    --------
    >>> confusion_matrix([0, 1, 2, 2], [0, 1, 1, 2])
    array([[1, 0, 0],
           [0, 1, 0],
           [0, 1, 1]])
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    largest = int(max(y_true.max(), y_pred.max()))
    if n_classes is None:
        k = largest + 1
        if k > MAX_CLASSES:
            which, arr = ("y_true", y_true) if y_true.max() == largest else ("y_pred", y_pred)
            i = int(np.argmax(arr))
            raise ValueError(
                f"a confusion matrix here has at most {MAX_CLASSES} classes (its table "
                f"has k**2 counts); {which} has label {largest} at index {i}, which would "
                f"need {k} classes"
            )
    else:
        k = as_int(n_classes, "n_classes", minimum=1)
        if k > MAX_CLASSES:
            raise ValueError(f"n_classes must be at most {MAX_CLASSES} (the table has "
                             f"n_classes**2 counts); got {k}")
        if largest >= k:
            which, arr = ("y_true", y_true) if y_true.max() >= k else ("y_pred", y_pred)
            i = int(np.flatnonzero(arr >= k)[0])
            raise ValueError(
                f"{which} must be class labels in [0, {k - 1}] for n_classes={k}; "
                f"got {int(arr[i])} at index {i}"
            )
    return np.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)
