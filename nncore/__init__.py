"""nncore: the numpy code behind *The Maths behind Neural Networks*.

Every formula the chapters use is implemented once here, tested in ``tests/``, and
called from the notebooks. ``import nncore`` loads only the maths, so it works without
matplotlib or ipywidgets.

The package is layered; each layer imports only those above it in this map, and
``tests/test_layers.py`` reads every import to make sure of it.

1. The maths, numpy only: one module per topic, each naming the chapter that derives it.

   ======================  =============================================================
   :mod:`.vectors`         dot product, norm, angle, projections (ch. 1)
   :mod:`.hyperplane`      scores, half-spaces, distances, separability (ch. 1)
   :mod:`.perceptron`      Rosenblatt's perceptron, margins, Novikoff's bound,
                           perceptron criterion, hinge loss (ch. 2)
   :mod:`.linreg`          the line fit: loss, gradient, closed form, Hessian (ch. 3)
   :mod:`.optimisers`      gradient descent, mini-batches, momentum, Newton (ch. 3)
   :mod:`.activations`     step, ReLU, sigmoid, tanh, softmax and their derivatives
   :mod:`.losses`          MSE, cross-entropy (binary, soft) and their gradients
   :mod:`.autodiff`        ``Value``: a scalar that records its graph (ch. 4)
   :mod:`.mlp`             the network in matrices, backprop, training (ch. 5, 6)
   :mod:`.gradcheck`       central differences, to check every gradient
   :mod:`.metrics`         accuracy, confusion matrix
   :mod:`.features`        the Playground's input features (ch. 7)
   :mod:`.exercises`       the checkers of the coding exercises at each chapter's end
   ``_checks``,            shared helpers with public names: argument checks, and
   ``_scaled``             arithmetic kept in range by power-of-two scalings
   ======================  =============================================================

2. Data: :mod:`.datasets` (toy sets, regression surfaces, TensorFlow Playground's data
   sets, iris, house prices, digits; all offline), :mod:`.generalisation` (training and
   test error as capacity grows: ``polynomial_features``, ``capacity_sweep``,
   ``fit_penalised``; ch. 7, on the data sets), and the Playground's configuration and
   headless run (``playground._config``, ``playground._run``).
3. Drawing (matplotlib): :mod:`.plotting`, one private module per concept, plus
   ``_style`` and ``_base``; the Playground's picture and recording
   (``playground._display``, ``playground._record``).
4. Interaction (ipywidgets): :mod:`.widgets`, one private module per widget, plus
   ``_base`` and ``_render`` (every PNG writer and renderer); the Playground widget
   (``playground._widget``) and its website version (``playground._website``).
   :mod:`.playground` re-exports all of the Playground, and loads its widgets only when
   they are used.

The packages' ``__init__`` modules say which private module holds what, and re-export
every public name, so ``from nncore.plotting import HyperplaneDisplay`` is the way in.
"""

__version__ = "0.1.0"
