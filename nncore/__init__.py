"""nncore: the numpy code behind *The Maths behind Neural Networks*.

Every formula the chapters use is implemented once here, tested in ``tests/``, and
called from the notebooks. The package is layered; each layer imports only those
above it in this list:

1. the maths, numpy only: :mod:`nncore.vectors`, :mod:`nncore.activations`, ...,
   :mod:`nncore.mlp` and :mod:`nncore.features` (the Playground's input features and
   regression targets)
2. data: :mod:`nncore.datasets`
3. drawing (matplotlib): :mod:`nncore.plotting`
4. interaction (ipywidgets): :mod:`nncore.widgets` and :mod:`nncore.playground` (the
   Playground of Chapter 7, which also draws its own picture with matplotlib)

``import nncore`` loads only the maths, so it works without matplotlib or ipywidgets.
"""

__version__ = "0.1.0"
