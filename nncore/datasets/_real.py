"""Real data, offline from scikit-learn's bundled copies: Fisher's iris flowers and
the handwritten 8 x 8 digits of Chapter 6; and a stratified :func:`train_test_split`.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from nncore._checks import as_array, as_rng

__all__ = ["iris", "IRIS_FEATURES", "IRIS_CLASSES", "digits", "DIGIT_SHAPE",
           "train_test_split"]


IRIS_FEATURES = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")
"""The four measurements of each flower, spelled as scikit-learn spells them."""

IRIS_CLASSES = ("setosa", "versicolor", "virginica")
"""The three species, in the order of the table (50 flowers each)."""

_SHORT_FEATURES = {name.removesuffix(" (cm)"): name for name in IRIS_FEATURES}


def _iris_feature(name):
    """The column of ``name`` (long or short spelling) in the iris table."""
    if isinstance(name, str):
        name = _SHORT_FEATURES.get(name, name)
        if name in IRIS_FEATURES:
            return IRIS_FEATURES.index(name)
    raise ValueError(
        f"features must be names from {IRIS_FEATURES} (or without ' (cm)'); got {name!r}"
    )


def _iris_class(name):
    """The target code of the species ``name``."""
    if isinstance(name, str) and name in IRIS_CLASSES:
        return IRIS_CLASSES.index(name)
    raise ValueError(f"classes must be two names from {IRIS_CLASSES}; got {name!r}")


def iris(features=("petal length (cm)", "sepal width (cm)"), classes=("setosa", "versicolor")):
    r"""Two species of Fisher's iris flowers, measured in centimetres.

    .. math:: X \in \mathbb{R}^{100 \times k}, \qquad
              y_i = \begin{cases} 0 & \text{flower } i \text{ is of } \texttt{classes[0]} \\
              1 & \text{flower } i \text{ is of } \texttt{classes[1]} \end{cases}

    The table has 50 flowers of each of three species and four measurements per flower
    (:data:`IRIS_FEATURES`). This keeps the ``k`` chosen measurements of the flowers of
    the two chosen species, in the order of the table. Setosa is linearly separable from
    each of the other two; versicolor and virginica are not separable from each other
    in all four measurements together, nor in petal length and width.

    The data are read from the copy that scikit-learn ships
    (``sklearn.datasets.load_iris``), so no network is needed; scikit-learn is imported
    only when this function is called.

    Sources and licences: R. A. Fisher, "The use of multiple measurements in taxonomic
    problems", Annals of Eugenics 7 (1936), 179-188; the data set as in the UCI Machine
    Learning Repository (https://doi.org/10.24432/C56C76), licensed CC BY 4.0, in the
    corrected form that scikit-learn distributes (BSD-3-Clause), which matches Fisher's
    paper.

    Derived in Chapter 2, section "Training on real data".

    Parameters
    ----------
    features : sequence of str, default ("petal length (cm)", "sepal width (cm)")
        One to four distinct names from :data:`IRIS_FEATURES`, also accepted without
        ``" (cm)"`` (``"petal length"``); a single name may be given as a string. The
        columns of ``X`` follow this order.
    classes : pair of str, default ("setosa", "versicolor")
        Two distinct names from :data:`IRIS_CLASSES`: ``classes[0]`` gets label 0 and
        ``classes[1]`` label 1.

    Returns
    -------
    X : ndarray of shape (100, len(features))
    y : ndarray of int of shape (100,)
        Labels in {0, 1}, 50 of each.

    Raises
    ------
    ValueError
        If a feature or class name is unknown or repeated, no feature is given, or
        ``classes`` is not a pair.
    ImportError
        If scikit-learn is not installed.

    Examples
    --------
    >>> X, y = iris()
    >>> X.shape, np.bincount(y).tolist()
    ((100, 2), [50, 50])
    >>> X[0], int(y[0])  # the first setosa: petal length 1.4 cm, sepal width 3.5 cm
    (array([1.4, 3.5]), 0)
    >>> iris(features=["sepal length", "petal width"], classes=["versicolor", "virginica"])[0][0]
    array([7. , 1.4])
    """
    names = (features,) if isinstance(features, str) else tuple(features)
    if not names:
        raise ValueError(f"features must name at least one of {IRIS_FEATURES}; got none")
    columns = [_iris_feature(name) for name in names]
    if len(set(columns)) != len(columns):
        raise ValueError(f"features must not repeat a measurement; got {names!r}")
    pair = (classes,) if isinstance(classes, str) else tuple(classes)
    if len(pair) != 2:
        raise ValueError(f"classes must be a pair of names from {IRIS_CLASSES}; got {classes!r}")
    codes = [_iris_class(name) for name in pair]
    if codes[0] == codes[1]:
        raise ValueError(f"classes must be two different species; got {classes!r}")
    try:
        from sklearn.datasets import load_iris
    except ImportError as err:
        raise ImportError(
            "iris() reads the copy of Fisher's iris data that ships with scikit-learn, "
            "which is not installed: pip install scikit-learn (requirements.txt pins it)"
        ) from err
    table = load_iris()
    keep = np.isin(table.target, codes)
    X = np.asarray(table.data, dtype=float)[keep][:, columns]
    y = (table.target[keep] == codes[1]).astype(int)
    return X, y


DIGIT_SHAPE = (8, 8)
"""The shape of one digit image: ``X[i].reshape(DIGIT_SHAPE)`` is the picture."""


def digits():
    r"""The 1,797 handwritten digits, 8 x 8 pixels of grey levels 0 to 16, with their labels.

    .. math:: X \in \{0, 1, \dots, 16\}^{1797 \times 64}, \qquad
              y_i \in \{0, 1, \dots, 9\}

    Row ``X[i]`` is one image read row by row; ``X[i].reshape(DIGIT_SHAPE)`` shows it.
    Each pixel counts the ink in a 4 x 4 block of a 32 x 32 bitmap, hence 0 to 16. The
    classes are nearly balanced (174 to 183 images each). Divide by 16 to get inputs in
    [0, 1] for a network.

    The data are read from the copy that scikit-learn ships
    (``sklearn/datasets/data/digits.csv.gz``, through ``sklearn.datasets.load_digits``),
    so no network is needed; scikit-learn is imported only when this function is called.

    Source and licence: the test part of "Optical Recognition of Handwritten Digits" by
    E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository
    (https://doi.org/10.24432/C50P49), licensed CC BY 4.0, as distributed by
    scikit-learn (BSD-3-Clause).

    Derived in Chapter 6, section "Real data: handwritten digits".

    Returns
    -------
    X : ndarray of float, shape (1797, 64)
        Grey levels 0.0 to 16.0.
    y : ndarray of int, shape (1797,)
        The digit shown, 0 to 9.

    Raises
    ------
    ImportError
        If scikit-learn is not installed.

    Examples
    --------
    >>> X, y = digits()
    >>> X.shape, y.shape, float(X.min()), float(X.max())
    ((1797, 64), (1797,), 0.0, 16.0)
    >>> int(y[0]), X[0].reshape(DIGIT_SHAPE)[1].tolist()  # a zero: its second row
    (0, [0.0, 0.0, 13.0, 15.0, 10.0, 15.0, 5.0, 0.0])
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError as err:
        raise ImportError(
            "digits() reads the copy of the UCI handwritten digits that ships with "
            "scikit-learn, which is not installed: pip install scikit-learn "
            "(requirements.txt pins it)"
        ) from err
    table = load_digits()
    return np.asarray(table.data, dtype=float), np.asarray(table.target, dtype=int)


def _n_test(test_size, n):
    """The number of test samples: a fraction in (0, 1) rounded up, or an int count."""
    if isinstance(test_size, bool) or not isinstance(test_size, numbers.Real):
        raise TypeError(
            f"test_size must be a fraction in (0, 1) or an int count; got {test_size!r} "
            f"of type {type(test_size).__name__}"
        )
    if isinstance(test_size, numbers.Integral):
        if not 1 <= test_size <= n - 1:
            raise ValueError(
                f"test_size as a count must be in [1, {n - 1}] for {n} samples; got {test_size}"
            )
        return int(test_size)
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size as a fraction must be in (0, 1); got {test_size}")
    k = math.ceil(test_size * n)
    if not 1 <= k <= n - 1:
        raise ValueError(
            f"test_size={test_size} leaves {k} of {n} samples for testing; both parts "
            f"need at least one sample"
        )
    return k


def train_test_split(X, y, test_size=0.25, seed=0, stratify=True):
    r"""Hold out a random test set, with each class in the same proportion in both parts.

    .. math:: n_{\text{test}} = \lceil \text{test\_size} \cdot n \rceil, \qquad
              n_{\text{test}, c} \approx n_{\text{test}} \, \frac{n_c}{n}

    With ``stratify`` each class $c$ of $n_c$ samples contributes its share of the test
    set (the shares are rounded so that they add up to $n_{\text{test}}$: largest
    remainders first), so a rare class cannot vanish from one part by chance. Without
    it, the test set is a plain random sample. Both parts come back in random order.

    Derived in Chapter 6, section "Real data: handwritten digits".

    Parameters
    ----------
    X : array_like of shape (n_samples, ...)
    y : array_like of shape (n_samples,)
        Integer class labels when ``stratify``; anything (such as float targets) otherwise.
    test_size : float in (0, 1) or int, default 0.25
        The fraction (rounded up) or number of samples to hold out.
    seed : int, numpy.random.Generator or None, default 0
    stratify : bool, default True

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray

    Raises
    ------
    TypeError
        If ``test_size`` is not a number, or ``stratify`` is asked with non-integer labels.
    ValueError
        If ``X`` and ``y`` have different lengths, or ``test_size`` leaves either part
        empty.

    Examples
    --------
    >>> X, y = np.arange(16.0).reshape(8, 2), np.array([0, 0, 0, 0, 1, 1, 1, 1])
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5)
    >>> X_train.shape, np.bincount(y_test).tolist()  # two of each class held out
    ((4, 2), [2, 2])
    """
    X = as_array(X, "X")
    if X.ndim == 0:
        raise ValueError("X must have one row per sample, shape (n_samples, ...); got a scalar")
    y_arr = np.asarray(y)
    if y_arr.ndim != 1 or y_arr.shape[0] != X.shape[0]:
        raise ValueError(
            f"y must have one entry per row of X, shape ({X.shape[0]},); got shape {y_arr.shape}"
        )
    if not isinstance(stratify, (bool, np.bool_)):
        raise TypeError(f"stratify must be True or False; got {stratify!r}")
    n = X.shape[0]
    if n < 2:
        raise ValueError(f"X must have at least 2 samples to split; got {n}")
    n_test = _n_test(test_size, n)
    rng = as_rng(seed)
    if not stratify:
        order = rng.permutation(n)
        test, train = order[:n_test], order[n_test:]
    else:
        if y_arr.dtype.kind not in "biu":
            raise TypeError(
                f"y must be integer class labels to stratify by (or pass stratify=False); "
                f"got dtype {y_arr.dtype}"
            )
        classes, counts = np.unique(y_arr, return_counts=True)
        share = n_test * counts / n
        take = np.floor(share).astype(int)
        left = n_test - int(take.sum())
        if left:
            extra = np.argsort(-(share - take), kind="stable")[:left]
            take[extra] += 1
        test_parts, train_parts = [], []
        for c, k in zip(classes, take):
            members = rng.permutation(np.flatnonzero(y_arr == c))
            test_parts.append(members[:k])
            train_parts.append(members[k:])
        test = rng.permutation(np.concatenate(test_parts))
        train = rng.permutation(np.concatenate(train_parts))
    return X[train], X[test], y_arr[train], y_arr[test]
