"""Shared pytest set-up: matplotlib draws with Agg, so no test ever needs a display.
Hypothesis runs without its per-example deadline (see below).

The backend is fixed here, at import time, before any test module imports pyplot. It is
set with ``matplotlib.use`` and not through the MPLBACKEND environment variable, which
the kernels of the notebook and book layers would inherit: with Agg there, ``plt.show()``
puts no figure in a chapter's outputs. The ``pyplot`` fixture (as in scikit-learn's conftest.py) also closes every figure
before and after the test that uses it, so figures never leak between tests.
"""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402  (after the backend is chosen)
from hypothesis import settings  # noqa: E402

# No per-example deadline: these machines are shared and noisy, and speed is measured in
# bench/, never in a test (a deadline is a timed test that fails when the machine is busy).
settings.register_profile("book", deadline=None)
settings.load_profile("book")


@pytest.fixture
def pyplot():
    """matplotlib.pyplot on the Agg backend; every figure is closed after the test."""
    pyplot = pytest.importorskip("matplotlib.pyplot")
    pyplot.close("all")
    yield pyplot
    pyplot.close("all")
