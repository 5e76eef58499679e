"""Tests of nncore.datasets: the contract (signature, shapes, balance, determinism), the
clean shapes at noise 0, the noise level, separability, and bad input; the iris loader
against rows of Fisher's table."""

import inspect
import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from nncore.datasets import (
    DATASETS,
    IRIS_CLASSES,
    IRIS_FEATURES,
    blobs,
    circles,
    iris,
    moons,
    spiral,
    xor,
)
from nncore import activations, datasets
from nncore.datasets import REGRESSION
from nncore.hyperplane import fewest_errors

GENERATORS = list(DATASETS.items())


# ---------------------------------------------------------------------------------------
# The contract
# ---------------------------------------------------------------------------------------


def test_datasets_registry():
    expected = {"blobs": blobs, "xor": xor, "circles": circles, "moons": moons, "spiral": spiral}
    assert DATASETS == expected


@pytest.mark.parametrize(
    "generator, defaults",
    [
        (blobs, {"n": 100, "noise": 0.6, "seed": 0}),
        (xor, {"n": 100, "noise": 0.2, "seed": 0}),
        (circles, {"n": 100, "noise": 0.1, "seed": 0}),
        (moons, {"n": 100, "noise": 0.1, "seed": 0}),
        (spiral, {"n": 100, "noise": 0.1, "seed": 0, "n_classes": 2, "turns": 0.75}),
    ],
)
def test_signature_is_n_noise_seed_with_agreed_defaults(generator, defaults):
    parameters = inspect.signature(generator).parameters
    assert list(parameters)[:3] == ["n", "noise", "seed"]
    assert {name: p.default for name, p in parameters.items()} == defaults


@pytest.mark.parametrize("name, generator", GENERATORS)
@pytest.mark.parametrize("n", [1, 2, 3, 7, 100, 101])
def test_shapes_types_and_balanced_labels(name, generator, n):
    X, y = generator(n=n, seed=3)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype.kind == "i"
    assert np.all(np.isfinite(X))
    assert set(y.tolist()) <= {0, 1}
    counts = np.bincount(y, minlength=2)
    assert counts.sum() == n and counts.max() - counts.min() <= 1


@given(st.integers(1, 60), st.integers(2, 6))
def test_spiral_classes_are_balanced(n, n_classes):
    _, y = spiral(n=n, n_classes=n_classes)
    counts = np.bincount(y, minlength=n_classes)
    assert len(counts) == n_classes and counts.max() - counts.min() <= 1


@pytest.mark.parametrize("name, generator", GENERATORS)
def test_deterministic_for_a_seed(name, generator):
    X1, y1 = generator(n=50, noise=0.3, seed=7)
    X2, y2 = generator(n=50, noise=0.3, seed=7)
    assert_array_equal(X1, X2)
    assert_array_equal(y1, y2)
    X3, _ = generator(n=50, noise=0.3, seed=8)
    assert not np.array_equal(X1, X3)
    # a Generator is used as is: the same stream as the seed it was made from
    X4, _ = generator(n=50, noise=0.3, seed=np.random.default_rng(7))
    assert_array_equal(X1, X4)
    # seed=None draws fresh entropy
    assert not np.array_equal(generator(n=50, seed=None)[0], generator(n=50, seed=None)[0])


@pytest.mark.parametrize("name, generator", GENERATORS)
def test_does_not_touch_the_global_random_state(name, generator):
    np.random.seed(0)
    expected = np.random.random()
    np.random.seed(0)
    generator(n=20, seed=1)
    assert np.random.random() == expected


# ---------------------------------------------------------------------------------------
# Clean shapes (noise = 0), worked out by hand
# ---------------------------------------------------------------------------------------


def test_xor_four_corners_exactly():
    X, y = xor(n=4, noise=0)
    assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    assert_array_equal(y, [0, 1, 1, 0])


def test_xor_labels_are_exclusive_or_of_the_nearest_corner():
    X, y = xor(n=400, noise=0.1, seed=2)
    corner = (X > 0.5).astype(int)  # noise 0.1: five sigma from the middle
    assert_array_equal(y, corner[:, 0] ^ corner[:, 1])


def test_blobs_without_noise_sit_on_the_centres():
    X, y = blobs(n=5, noise=0.0)
    assert_array_equal(X[y == 0], [[-1.5, -1.0]] * 3)
    assert_array_equal(X[y == 1], [[1.5, 1.0]] * 2)


def test_circles_without_noise():
    X, y = circles(n=200, noise=0.0, seed=4)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert_allclose(radius[y == 0], 1.0, rtol=1e-15)  # the ring
    assert radius[y == 1].max() <= 0.5  # the disk
    # the disk is filled evenly by area: about a quarter of its points within radius 0.25
    assert 0.1 < np.mean(radius[y == 1] <= 0.25) < 0.4


def test_moons_without_noise_lie_on_their_half_circles():
    X, y = moons(n=101, noise=0.0)
    upper, lower = X[y == 0], X[y == 1]
    # class 0: the unit circle, upper half; class 1: centre (1, 0.5), lower half
    assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0, rtol=1e-14)
    assert np.all(upper[:, 1] >= 0)
    assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0, rtol=1e-14)
    assert np.all(lower[:, 1] <= 0.5 + 1e-15)
    # the ends of the moons: t = 0 and t = pi
    assert_allclose(upper[[0, -1]], [[1, 0], [-1, 0]], atol=1e-15)
    assert_allclose(lower[[0, -1]], [[0, 0.5], [2, 0.5]], atol=1e-15)


@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_spiral_without_noise_follows_its_formula(n_classes):
    n = 12 * n_classes
    X, y = spiral(n=n, noise=0.0, n_classes=n_classes)
    m = n // n_classes
    for k in range(n_classes):
        arm = X[y == k]
        r = np.arange(1, m + 1) / m  # (j + 1) / m
        assert_allclose(np.hypot(arm[:, 0], arm[:, 1]), r, rtol=1e-14)
        phi = np.arctan2(arm[:, 1], arm[:, 0])
        expected = 2 * math.pi * k / n_classes + 1.5 * math.pi * r
        off = (phi - expected + math.pi) % (2 * math.pi) - math.pi  # difference modulo 2 pi
        assert_allclose(off, 0, atol=1e-12)


def test_spiral_turns_by_hand():
    # two arms of 2 points each (m = 2, r = 1/2 and 1), one turn: phi = 2 pi r (+ pi for
    # class 1); the labels alternate 0, 1, 0, 1
    X, y = spiral(n=4, noise=0.0, turns=1.0)
    assert_array_equal(y, [0, 1, 0, 1])
    assert_allclose(X, [[-0.5, 0.0],    # class 0, r = 1/2: phi = pi
                        [0.5, 0.0],     # class 1, r = 1/2: phi = pi + pi
                        [1.0, 0.0],     # class 0, r = 1:   phi = 2 pi
                        [-1.0, 0.0]],   # class 1, r = 1:   phi = pi + 2 pi
                    atol=1e-15)
    # 1.75 turns (TensorFlow Playground's), m = 4, class 0: r = 1/4, 1/2, 3/4, 1 at
    # phi = 3.5 pi r = 7 pi / 8, 7 pi / 4, 21 pi / 8 (= 5 pi / 8 + 2 pi), 7 pi / 2
    X, y = spiral(n=8, noise=0.0, turns=1.75)
    c8, s8 = math.cos(math.pi / 8), math.sin(math.pi / 8)  # cos, sin of 22.5 degrees
    h = math.sqrt(0.5)
    arm0 = [[-0.25 * c8, 0.25 * s8],   # 7 pi / 8 = pi - pi / 8
            [0.5 * h, -0.5 * h],       # 7 pi / 4 = -pi / 4
            [-0.75 * s8, 0.75 * c8],   # 5 pi / 8 = pi / 2 + pi / 8
            [0.0, -1.0]]               # 7 pi / 2 = -pi / 2
    assert_allclose(X[y == 0], arm0, atol=1e-15)
    assert_allclose(X[y == 1], -np.array(arm0), atol=1e-15)  # class 1: turned by pi


@pytest.mark.parametrize("turns", [0.25, 0.75, 1.75, 3.0])
def test_spiral_arm_sweeps_turns_times_a_full_circle(turns):
    # from its first point (r = 1/m) to its last (r = 1) an arm turns 2 pi T (1 - 1/m)
    m = 400
    X, y = spiral(n=2 * m, noise=0.0, turns=turns)
    for k in (0, 1):
        arm = X[y == k]
        swept = np.unwrap(np.arctan2(arm[:, 1], arm[:, 0]))
        assert swept[-1] - swept[0] == pytest.approx(2 * math.pi * turns * (1 - 1 / m))


def test_spiral_default_is_three_quarters_of_a_turn():
    """Chapters 1-6 draw the default spiral; adding ``turns`` must not change it."""
    n, m = 20, 10
    X, y = spiral(n=n, noise=0.0)
    r = (np.arange(m) + 1) / m
    arm0 = np.column_stack([r * np.cos(1.5 * math.pi * r), r * np.sin(1.5 * math.pi * r)])
    assert_allclose(X[y == 0], arm0, atol=1e-15)
    assert_array_equal(spiral(n=50, seed=3)[0], spiral(n=50, seed=3, turns=0.75)[0])


# ---------------------------------------------------------------------------------------
# The noise level, separability
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("noise", [0.1, 0.6, 2.0])
def test_blobs_noise_is_the_standard_deviation(noise):
    X, y = blobs(n=20000, noise=noise, seed=5)
    centres = np.where(y[:, None] == 0, [-1.5, -1.0], [1.5, 1.0])
    # the sample std of 10000 normals is within 3% of sigma with overwhelming probability
    assert_allclose((X - centres)[y == 0].std(axis=0), noise, rtol=0.03)
    assert_allclose((X - centres)[y == 1].std(axis=0), noise, rtol=0.03)


@pytest.mark.parametrize("name, generator", [("xor", xor), ("circles", circles), ("moons", moons)])
def test_noise_is_added_to_the_clean_shape(name, generator):
    clean, _ = generator(n=5000, noise=0.0, seed=6)
    noisy, _ = generator(n=5000, noise=0.05, seed=6)
    if name == "circles":  # random angles: compare radii instead of positions
        clean_r, noisy_r = np.hypot(*clean.T), np.hypot(*noisy.T)
        assert abs(np.mean(noisy_r - clean_r)) < 0.01
    else:
        assert_allclose((noisy - clean).std(axis=0), 0.05, rtol=0.05)


@pytest.mark.parametrize("seed", range(10))
def test_default_blobs_are_linearly_separable(seed):
    X, y = blobs(seed=seed)
    assert fewest_errors(X, y)[0] == 0


@pytest.mark.parametrize(
    "name, generator", [("xor", xor), ("circles", circles), ("moons", moons), ("spiral", spiral)]
)
def test_the_other_toy_sets_are_not_linearly_separable(name, generator):
    X, y = generator(seed=0)
    assert fewest_errors(X, y)[0] > 0


# ---------------------------------------------------------------------------------------
# Bad input: one table
# ---------------------------------------------------------------------------------------


SHARED_BAD_ARGUMENTS = [
    ({"n": 0}, ValueError, r"n must be an int >= 1; got 0"),
    ({"n": -5}, ValueError, r"n must be an int >= 1; got -5"),
    ({"n": 2.5}, TypeError, r"n must be an int; got 2.5 of type float"),
    ({"n": 10.0}, TypeError, r"n must be an int; got 10.0 of type float"),
    ({"n": True}, TypeError, r"n must be an int; got True of type bool"),
    ({"n": "10"}, TypeError, r"n must be an int; got '10' of type str"),
    ({"noise": -0.1}, ValueError, r"noise must be a finite number >= 0; got -0.1"),
    ({"noise": float("nan")}, ValueError, r"noise must be a finite number >= 0; got nan"),
    ({"noise": float("inf")}, ValueError, r"noise must be a finite number >= 0; got inf"),
    ({"noise": "0.1"}, TypeError, r"noise must be a real number; got '0.1' of type str"),
    ({"noise": None}, TypeError, r"noise must be a real number; got None of type NoneType"),
    ({"seed": -1}, ValueError, r"seed must be an int >= 0; got -1"),
    ({"seed": 1.5}, TypeError, r"seed must be None, an int or a numpy Generator; got 1.5 of type float"),
    ({"seed": "0"}, TypeError, r"seed must be None, an int or a numpy Generator; got '0' of type str"),
]

BAD_INPUT = [
    (generator, kwargs, error, match)
    for generator in DATASETS.values()
    for kwargs, error, match in SHARED_BAD_ARGUMENTS
] + [
    (spiral, {"n_classes": 1}, ValueError, r"n_classes must be an int >= 2; got 1"),
    (spiral, {"n_classes": 2.0}, TypeError, r"n_classes must be an int; got 2.0 of type float"),
    (spiral, {"turns": 0}, ValueError, r"turns must be a finite number > 0; got 0.0"),
    (spiral, {"turns": -1.0}, ValueError, r"turns must be a finite number > 0; got -1.0"),
    (spiral, {"turns": float("inf")}, ValueError, r"turns must be a finite number > 0; got inf"),
    (spiral, {"turns": True}, TypeError, r"turns must be a real number; got True of type bool"),
    (spiral, {"turns": "2"}, TypeError, r"turns must be a real number; got '2' of type str"),
]


@pytest.mark.parametrize("generator, kwargs, error, match", BAD_INPUT)
def test_bad_input_is_rejected_with_a_clear_message(generator, kwargs, error, match):
    with pytest.raises(error, match=match):
        generator(**kwargs)


# ---------------------------------------------------------------------------------------
# The iris loader
# ---------------------------------------------------------------------------------------

# Rows of Fisher's table (sepal length, sepal width, petal length, petal width in cm):
# the first setosa, the first versicolor and the first virginica.
FIRST_SETOSA = [5.1, 3.5, 1.4, 0.2]
FIRST_VERSICOLOR = [7.0, 3.2, 4.7, 1.4]
FIRST_VIRGINICA = [6.3, 3.3, 6.0, 2.5]


def test_iris_constants():
    assert IRIS_FEATURES == (
        "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)",
    )  # fmt: skip
    assert IRIS_CLASSES == ("setosa", "versicolor", "virginica")
    assert "iris" not in DATASETS  # a loader, not a (n, noise, seed) generator


def test_iris_default_is_setosa_vs_versicolor_in_two_features():
    X, y = iris()
    assert X.shape == (100, 2) and X.dtype == np.float64
    assert y.shape == (100,) and y.dtype.kind == "i"
    assert_array_equal(np.bincount(y), [50, 50])
    assert_array_equal(y, [0] * 50 + [1] * 50)  # the order of the table
    # default features: petal length, sepal width
    assert_array_equal(X[0], [1.4, 3.5])
    assert_array_equal(X[50], [4.7, 3.2])


def test_iris_all_four_features_match_fisher_table():
    X, y = iris(features=IRIS_FEATURES)
    assert X.shape == (100, 4)
    assert_array_equal(X[0], FIRST_SETOSA)
    assert_array_equal(X[50], FIRST_VERSICOLOR)
    # the published means of setosa's measurements: 5.006, 3.428, 1.462, 0.246
    assert_allclose(X[y == 0].mean(axis=0), [5.006, 3.428, 1.462, 0.246], rtol=1e-12)


def test_iris_short_names_order_and_classes():
    X, y = iris(features=["petal width", "sepal length"], classes=["virginica", "setosa"])
    # rows keep the table's order (setosa first), labels follow the order of classes
    assert_array_equal(y, [1] * 50 + [0] * 50)
    assert_array_equal(X[0], [0.2, 5.1])
    assert_array_equal(X[50], [2.5, 6.3])
    X_long, _ = iris(
        features=["petal width (cm)", "sepal length (cm)"], classes=["virginica", "setosa"]
    )
    assert_array_equal(X, X_long)
    X_one, _ = iris(features="petal length")  # one name as a string
    assert X_one.shape == (100, 1) and X_one[0, 0] == 1.4


@pytest.mark.parametrize(
    "features, classes, separable",
    [
        (("petal length (cm)", "sepal width (cm)"), ("setosa", "versicolor"), True),
        (("sepal length", "sepal width"), ("setosa", "versicolor"), True),
        (("petal length", "petal width"), ("setosa", "virginica"), True),
        (("petal length", "petal width"), ("versicolor", "virginica"), False),
        (("sepal length", "sepal width"), ("versicolor", "virginica"), False),
    ],
)
def test_iris_separability(features, classes, separable):
    X, y = iris(features=features, classes=classes)
    assert (fewest_errors(X, y)[0] == 0) == separable


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"features": ["petal size"]}, r"features must be names from .*; got 'petal size'"),
        ({"features": ["Petal Length"]}, r"got 'Petal Length'"),
        ({"features": [3]}, r"features must be names from .*; got 3"),
        ({"features": []}, r"features must name at least one of"),
        ({"features": ["petal length", "petal length (cm)"]}, r"features must not repeat a measurement"),
        ({"classes": ["setosa", "rose"]}, r"classes must be two names from \('setosa', 'versicolor', 'virginica'\); got 'rose'"),
        ({"classes": ["setosa"]}, r"classes must be a pair of names from"),
        ({"classes": ["setosa", "versicolor", "virginica"]}, r"classes must be a pair of names from"),
        ({"classes": "setosa"}, r"classes must be a pair of names from"),
        ({"classes": ["setosa", "setosa"]}, r"classes must be two different species"),
    ],
)
def test_iris_bad_names_are_rejected(kwargs, match):
    with pytest.raises(ValueError, match=match):
        iris(**kwargs)


def test_iris_without_scikit_learn_says_how_to_get_it(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name == "sklearn" or name.startswith("sklearn."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    with pytest.raises(ImportError, match=r"ships with scikit-learn.*pip install scikit-learn"):
        iris()


# ---------------------------------------------------------------------------------------
# house_prices: a regression set generated from a known line
# ---------------------------------------------------------------------------------------


def test_house_prices_shapes_range_and_determinism():
    from nncore.datasets import house_prices

    area, price = house_prices(n=30, seed=5)
    assert area.shape == (30,) and price.shape == (30,)
    assert area.dtype == float and price.dtype == float
    assert np.all((40 <= area) & (area <= 220))
    again = house_prices(n=30, seed=5)
    assert_array_equal(area, again[0])
    assert_array_equal(price, again[1])
    assert not np.array_equal(price, house_prices(n=30, seed=6)[1])


def test_house_prices_noise_free_is_the_truth():
    from nncore.datasets import HOUSE_PRICE_TRUTH, house_prices

    w, b = HOUSE_PRICE_TRUTH
    area, price = house_prices(n=10, noise=0.0)
    assert_allclose(price, w * area + b)


def test_house_prices_truth_recovered_within_standard_errors():
    from nncore.datasets import HOUSE_PRICE_TRUTH, house_prices
    from nncore.linreg import closed_form

    n, sigma = 500, 25.0
    area, price = house_prices(n=n, noise=sigma, seed=0)
    w_hat, b_hat = closed_form(area, price)
    # standard errors of ordinary least squares: se(w) = sigma / sqrt(sum (x - mean)^2),
    # se(b) = sigma sqrt(1/n + mean^2 / sum (x - mean)^2)
    sxx = np.sum((area - area.mean()) ** 2)
    se_w, se_b = sigma / math.sqrt(sxx), sigma * math.sqrt(1 / n + area.mean() ** 2 / sxx)
    assert abs(w_hat - HOUSE_PRICE_TRUTH[0]) < 4 * se_w
    assert abs(b_hat - HOUSE_PRICE_TRUTH[1]) < 4 * se_b
    residuals = price - (w_hat * area + b_hat)
    assert np.std(residuals) == pytest.approx(sigma, rel=0.15)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"n": 0}, ValueError, r"n must be an int >= 1; got 0"),
        ({"n": 5.0}, TypeError, r"n must be an int"),
        ({"noise": -1.0}, ValueError, r"noise must be a finite number >= 0"),
        ({"noise": float("nan")}, ValueError, r"noise must be a finite number >= 0"),
        ({"seed": -3}, ValueError, r"seed must be an int >= 0"),
        ({"seed": "a"}, TypeError, r"seed must be None, an int or a numpy Generator"),
    ],
)
def test_house_prices_bad_input(kwargs, error, match):
    from nncore.datasets import house_prices

    with pytest.raises(error, match=match):
        house_prices(**kwargs)


# ---------------------------------------------------------------------------------------
# Chapter 6: the handwritten digits and the train/test split
# ---------------------------------------------------------------------------------------


def test_digits_shape_values_and_classes():
    from nncore.datasets import DIGIT_SHAPE, digits

    X, y = digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.dtype == float and y.dtype.kind == "i"
    assert X.min() == 0.0 and X.max() == 16.0 and np.all(X == np.round(X))
    counts = np.bincount(y)
    assert counts.size == 10 and counts.min() == 174 and counts.max() == 183
    assert DIGIT_SHAPE == (8, 8)
    # the first image of the UCI optdigits test file, a zero: its first two rows
    assert int(y[0]) == 0
    assert_array_equal(X[0].reshape(DIGIT_SHAPE)[:2], [[0, 0, 5, 13, 9, 1, 0, 0], [0, 0, 13, 15, 10, 15, 5, 0]])


def test_train_test_split_sizes_strata_and_partition():
    from nncore.datasets import train_test_split

    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], [50, 30, 20])
    X = np.column_stack([np.arange(100.0), rng.standard_normal(100)])
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, seed=1)
    assert X_test.shape == (25, 2) and X_train.shape == (75, 2)
    # stratified: 25 % of each class, 12.5 -> 12 or 13, 7.5 -> 7 or 8, 5
    test_counts = np.bincount(y_test, minlength=3)
    assert test_counts.sum() == 25 and abs(test_counts[0] - 12.5) <= 0.5
    assert abs(test_counts[1] - 7.5) <= 0.5 and test_counts[2] == 5
    # a partition: every row once, labels travel with their rows
    ids = np.concatenate([X_train[:, 0], X_test[:, 0]])
    assert_array_equal(np.sort(ids), np.arange(100.0))
    assert_array_equal(y[X_test[:, 0].astype(int)], y_test)
    assert_array_equal(y[X_train[:, 0].astype(int)], y_train)


def test_train_test_split_deterministic_and_unstratified():
    from nncore.datasets import train_test_split

    X, y = np.arange(20.0).reshape(10, 2), np.arange(10) % 2
    a = train_test_split(X, y, seed=3)
    b = train_test_split(X, y, seed=3)
    for u, v in zip(a, b):
        assert_array_equal(u, v)
    X_train, X_test, y_train, y_test = train_test_split(X, np.linspace(0, 1, 10), test_size=3, stratify=False)
    assert X_test.shape == (3, 2) and y_train.shape == (7,)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"test_size": 0.0}, ValueError, r"test_size as a fraction must be in \(0, 1\)"),
        ({"test_size": 10}, ValueError, r"test_size as a count must be in \[1, 9\]"),
        ({"test_size": "a"}, TypeError, r"test_size"),
        ({"y": np.linspace(0, 1, 10)}, TypeError, r"integer class labels to stratify"),
        ({"y": np.zeros(9, dtype=int)}, ValueError, r"shape \(10,\)"),
    ],
)
def test_train_test_split_bad_input(kwargs, error, match):
    from nncore.datasets import train_test_split

    args = {"X": np.zeros((10, 2)), "y": np.arange(10) % 2, **kwargs}
    with pytest.raises(error, match=match):
        train_test_split(**args)


# -- the regression problems (the Playground's) ---------------------------------------------------------

TARGETS = {
    "plane": lambda x1, x2: (x1 + x2) / 2,
    "gaussian_bump": lambda x1, x2: 2 * math.exp(-(x1 * x1 + x2 * x2) / (2 * 0.4**2)) - 1,
    "max_xy": lambda x1, x2: max(x1, x2),
    "argmax_xy": lambda x1, x2: 1.0 if x2 > x1 else -1.0,
}


def test_the_regression_menu():
    assert list(REGRESSION) == ["plane", "gaussian_bump", "max_xy", "argmax_xy"]
    assert datasets.BUMP_WIDTH == 0.4


@pytest.mark.parametrize("name", list(TARGETS))
def test_targets_follow_their_formula_on_the_square(name):
    X, t = REGRESSION[name](n=300, noise=0.0, seed=3)
    assert X.shape == (300, 2) and t.shape == (300,)
    assert X.min() >= -1.0 and X.max() <= 1.0
    # the points cover the square (uniform): every quadrant gets some
    assert len({(a > 0, b > 0) for a, b in X}) == 4
    expected = [TARGETS[name](x1, x2) for x1, x2 in X]
    assert_allclose(t, expected, rtol=0, atol=1e-12)
    assert t.min() >= -1.0 and t.max() <= 1.0


@pytest.mark.parametrize("name", list(TARGETS))
def test_noise_is_added_to_the_targets_only(name):
    """Same seed: the same points; the difference of the targets is N(0, noise^2)."""
    X0, t0 = REGRESSION[name](n=20000, noise=0.0, seed=5)
    X1, t1 = REGRESSION[name](n=20000, noise=0.3, seed=5)
    assert_array_equal(X0, X1)
    diff = t1 - t0
    assert abs(diff.mean()) < 0.01
    assert diff.std() == pytest.approx(0.3, rel=0.03)


@pytest.mark.parametrize("name", list(TARGETS))
def test_the_seed_decides_the_sample(name):
    a, b, c = (REGRESSION[name](n=50, noise=0.1, seed=s) for s in (1, 1, 2))
    assert_array_equal(a[0], b[0])
    assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])
    rng = np.random.default_rng(7)  # a Generator is used as is
    X, _ = REGRESSION[name](n=4, seed=rng)
    assert_array_equal(X, np.random.default_rng(7).uniform(-1, 1, size=(4, 2)))


def test_the_bump_peaks_in_the_middle():
    X, t = datasets.gaussian_bump(n=2000, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert t[np.argmin(r)] > 0.99 and t[np.argmax(r)] < -0.99
    # at one width from the centre: 2 exp(-1/2) - 1
    near = np.abs(r - 0.4) < 0.01
    assert_allclose(t[near], 2 * math.exp(-0.5) - 1, atol=0.06)


def test_max_is_two_relus():
    """max(a, b) = b + relu(a - b): what one hidden layer of two ReLUs can build."""
    X, t = datasets.max_xy(n=100, seed=1)
    assert_allclose(t, X[:, 1] + activations.relu(X[:, 0] - X[:, 1]))


def test_argmax_splits_the_square_along_the_diagonal():
    X, t = datasets.argmax_xy(n=500, seed=2)
    assert set(t.tolist()) == {-1.0, 1.0}
    assert_array_equal(t == 1.0, X[:, 1] > X[:, 0])


def test_outputs_are_plain_arrays_that_json_can_hold():
    X, t = datasets.plane(n=3, seed=0)
    json.dumps({"X": X.tolist(), "t": t.tolist()})


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(n=0), ValueError, r"n must be an int >= 1; got 0"),
    (dict(n=2.0), TypeError, r"n must be an int; got 2.0"),
    (dict(noise=-0.1), ValueError, r"noise must be a finite number >= 0; got -0.1"),
    (dict(noise="a"), TypeError, r"noise must be a real number"),
    (dict(seed=-1), ValueError, r"seed must be an int >= 0"),
    (dict(seed=1.5), TypeError, r"seed must be None, an int or a numpy Generator"),
])
@pytest.mark.parametrize("name", list(TARGETS))
def test_regression_arguments_are_checked(name, kwargs, error, match):
    with pytest.raises(error, match=match):
        REGRESSION[name](**kwargs)
