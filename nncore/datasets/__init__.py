r"""Small 2-D toy data sets for the chapters and the playground, and two real ones.

Every generator has the signature ``(n, noise, seed) -> (X, y)``:

- ``X`` is a float array of shape ``(n, 2)``, ``y`` an int array of shape ``(n,)``;
- ``noise`` is the standard deviation of the Gaussian jitter added to each coordinate
  (for :func:`blobs`, the spread of each cluster); ``noise=0`` gives the clean shape;
- the classes are balanced: point ``i`` belongs to class ``i % n_classes``, so the
  labels alternate and the class sizes differ by at most one;
- the same ``seed`` always gives the same data (``np.random.default_rng(seed)``; a
  ``np.random.Generator`` is used as is, ``None`` draws fresh entropy).

``DATASETS`` maps each name to its generator, for menus such as the playground's.

The surfaces :func:`plane`, :func:`gaussian_bump`, :func:`max_xy` and
:func:`argmax_xy` are functions $t(\mathbf{x})$ on the square $[-1, 1]^2$ with values in
$[-1, 1]$, sampled the same way: ``(n, noise, seed) -> (X, t)``, the points uniform in
the square and Gaussian noise of standard deviation ``noise`` added to the targets.
:data:`REGRESSION` maps their names to them.

TensorFlow Playground's own data sets, as its code makes them, are here too, for the
Playground of Chapter 7: :func:`playground_circle`, :func:`playground_xor`,
:func:`playground_gauss`, :func:`playground_spiral`, :func:`reg_plane` and
:func:`reg_gauss`, in the square $[-6, 6]^2$, with the Playground's noise (which flips
labels near a boundary, or moves the point at which a target is read, rather than
moving the points), and this book's function boundaries (:func:`curve_boundary`) and
the surfaces above on that square, made the same way. :data:`PLAYGROUND_DATA` maps the
Playground's names to them. The generators of chapters 1-6 are unchanged.

:func:`iris` loads real data instead: two classes of Fisher's iris flowers, from the copy
that ships with scikit-learn (so it works offline). It is a loader, not a generator, and
is not in ``DATASETS``.

:func:`house_prices` generates a regression set for Chapter 3 (price against area) from
a known line, :data:`HOUSE_PRICE_TRUTH`, so a fit can be checked against the truth. It is
not in ``DATASETS`` either: its targets are prices, not class labels.

:func:`digits` loads the 1,797 handwritten 8 x 8 digits of Chapter 6 (offline, from
scikit-learn's copy), and :func:`train_test_split` holds out a stratified test set.

Where things are: ``_toy`` (the generators of chapters 1-6 and :data:`DATASETS`),
``_regression`` (the surfaces, :data:`REGRESSION`, and :func:`house_prices`),
``_playground`` (TensorFlow Playground's generators and :data:`PLAYGROUND_DATA`),
``_real`` (:func:`iris`, :func:`digits`, :func:`train_test_split`). Import from
``nncore.datasets``: the modules are private.
"""

from ._playground import (  # noqa: F401
    CURVES,
    PLAYGROUND_DATA,
    PLAYGROUND_RADIUS,
    REG_GAUSS_BUMPS,
    XOR_PADDING,
    curve_boundary,
    playground_circle,
    playground_gauss,
    playground_spiral,
    playground_xor,
    reg_gauss,
    reg_gauss_target,
    reg_plane,
)
from ._real import (  # noqa: F401
    DIGIT_SHAPE,
    IRIS_CLASSES,
    IRIS_FEATURES,
    digits,
    iris,
    train_test_split,
)
from ._regression import (  # noqa: F401
    BUMP_WIDTH,
    HOUSE_AREA_RANGE,
    HOUSE_PRICE_TRUTH,
    REGRESSION,
    argmax_xy,
    gaussian_bump,
    house_prices,
    max_xy,
    plane,
)
from ._toy import (  # noqa: F401
    DATASETS,
    blobs,
    circles,
    moons,
    spiral,
    xor,
)

__all__ = [
    "blobs",
    "xor",
    "circles",
    "moons",
    "spiral",
    "DATASETS",
    "plane",
    "gaussian_bump",
    "max_xy",
    "argmax_xy",
    "REGRESSION",
    "BUMP_WIDTH",
    "playground_circle",
    "playground_xor",
    "playground_gauss",
    "playground_spiral",
    "reg_plane",
    "reg_gauss",
    "reg_gauss_target",
    "curve_boundary",
    "CURVES",
    "PLAYGROUND_DATA",
    "PLAYGROUND_RADIUS",
    "XOR_PADDING",
    "REG_GAUSS_BUMPS",
    "iris",
    "IRIS_FEATURES",
    "IRIS_CLASSES",
    "house_prices",
    "HOUSE_PRICE_TRUTH",
    "digits",
    "DIGIT_SHAPE",
    "train_test_split",
]
