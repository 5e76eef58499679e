r"""A multi-layer perceptron in matrices: forward, backward, and a training loop.

A layer $l$ maps the activations $A_{l-1}$ of the layer below (a batch, one sample per
row) to scores and activations

.. math:: Z_l = A_{l-1} W_l^\top + \mathbf{b}_l, \qquad A_l = f(Z_l),

with $W_l$ of shape ``(n_out, n_in)`` and $\mathbf{b}_l$ of shape ``(n_out,)``, as in
PyTorch. $A_0 = X$ is the input; the last layer is linear ($A_L = Z_L$, the *logits*),
so the loss decides what the outputs mean (softmax probabilities, a sigmoid probability,
or plain numbers for regression). Backpropagation runs the chain rule backwards through
the same matrices: with $\Delta_l = \partial L / \partial Z_l$ (one row per sample),

.. math:: \frac{\partial L}{\partial W_l} = \Delta_l^\top A_{l-1}, \qquad
          \frac{\partial L}{\partial \mathbf{b}_l} = \sum_{i} (\Delta_l)_{i,:}, \qquad
          \Delta_{l-1} = (\Delta_l W_l) \odot f'(Z_{l-1}).

:class:`MLP` holds the parameters and does both passes, :func:`loss_and_grads` adds a
loss (and optional L1/L2 penalties), :class:`Trainer` runs mini-batch gradient descent,
:func:`fit` is the one-line version. :func:`dense` and :func:`collapse_linear` are the
chapter's one-layer formula and its "a stack of linear layers is one linear layer", and
:func:`as_value_graph` rebuilds a network from :class:`nncore.autodiff.Value` scalars
so the matrix backward pass can be checked against the scalar one.

Numpy only: this module belongs to the maths layer of nncore. Public methods validate
their arguments once; the training loop then runs on unchecked internal paths, so it
costs about what a hand-written numpy loop costs (``bench/bench_mlp.py``).
"""

import math
import numbers

import numpy as np

from nncore._checks import as_array, as_int, as_matrix, as_nonnegative, as_rng
from nncore.activations import ACTIVATIONS, _sigmoid_kernel
from nncore.losses import _binary_cross_entropy_kernel, _cross_entropy_kernel

__all__ = [
    "MLP",
    "dense",
    "collapse_linear",
    "loss_and_grads",
    "Trainer",
    "fit",
    "as_value_graph",
    "LOSSES",
    "INITS",
]

LOSSES = ("cross_entropy", "binary_cross_entropy", "mse")
"""The losses :func:`loss_and_grads` and :class:`Trainer` know (plus ``"auto"``)."""

INITS = ("auto", "he", "glorot", "zeros", "uniform")
"""The weight initialisations :class:`MLP` knows."""

_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


# ---------------------------------------------------------------------------------------
# Unchecked activation kernels (the formulas of nncore.activations, without validation)
# ---------------------------------------------------------------------------------------


def _relu(Z):
    return np.maximum(Z, 0.0)


def _relu_grad(Z, A):
    return Z > 0


_sigmoid = _sigmoid_kernel


def _sigmoid_grad(Z, A):
    return A * (1.0 - A)


def _tanh(Z):
    return np.tanh(Z)


def _tanh_grad(Z, A):
    return 1.0 - A * A


def _linear(Z):
    return Z


# name -> (f(Z), f'(Z) given Z and A = f(Z)); None for the identity's derivative (1).
_KERNELS = {
    "relu": (_relu, _relu_grad),
    "sigmoid": (_sigmoid, _sigmoid_grad),
    "tanh": (_tanh, _tanh_grad),
    "linear": (_linear, None),
}


# ---------------------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------------------


def _check_sizes(sizes):
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(
            f"sizes must be a list or tuple of ints such as [2, 8, 1]; got {sizes!r}"
        )
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must have at least two entries (inputs and outputs), such as [2, 8, 1]; "
            f"got {sizes!r}"
        )
    for i, s in enumerate(sizes):
        if isinstance(s, (bool, np.bool_)) or not isinstance(s, numbers.Integral):
            raise TypeError(f"sizes[{i}] must be an int; got {s!r} of type {type(s).__name__}")
        if s < 1:
            raise ValueError(f"sizes[{i}] must be an int >= 1; got {s}")
    return tuple(int(s) for s in sizes)


def _check_choice(value, name, choices):
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {tuple(choices)}; got {value!r}")
    return value


def _check_dtype(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError as err:
        raise TypeError(f"dtype must be np.float64 or np.float32; got {dtype!r}") from err
    if dt not in _DTYPES:
        raise ValueError(f"dtype must be np.float64 or np.float32; got {dt}")
    return dt


def _check_positive(x, name):
    x = as_nonnegative(x, name)
    if x <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {x}")
    return x


def _resolve_loss(loss, n_out):
    """The loss name, with ``"auto"`` resolved and the output count checked."""
    _check_choice(loss, "loss", ("auto",) + LOSSES)
    if loss == "auto":
        return "binary_cross_entropy" if n_out == 1 else "cross_entropy"
    if loss == "cross_entropy" and n_out < 2:
        raise ValueError(
            "loss='cross_entropy' needs a model with at least 2 outputs (one logit per "
            "class); this model has sizes[-1] = 1: use loss='binary_cross_entropy' "
            "(one logit, sigmoid) or 2 outputs"
        )
    if loss == "binary_cross_entropy" and n_out != 1:
        raise ValueError(
            f"loss='binary_cross_entropy' needs a model with one output (sizes[-1] = 1); "
            f"this model has {n_out}: use loss='cross_entropy'"
        )
    return loss


def _check_targets(y, loss, n, n_out, dtype, name="y"):
    """Targets for ``loss``: int labels (n,) for the classification losses, floats
    (n,) or (n, n_out) for mse. Returned in the form the kernels use."""
    if loss == "mse":
        t = as_array(y, name)
        if t.ndim == 1 and n_out == 1:
            t = t[:, np.newaxis]
        if t.shape != (n, n_out):
            want = f"({n},) or ({n}, 1)" if n_out == 1 else f"({n}, {n_out})"
            raise ValueError(
                f"{name} must hold regression targets of shape {want} to match the "
                f"model's {n_out} output(s) and {n} sample(s); got shape {t.shape}"
            )
        return t.astype(dtype, copy=False)
    arr = np.asarray(y)
    kinds = "biu" if loss == "binary_cross_entropy" else "iu"
    if arr.dtype.kind not in kinds:
        got = type(y).__name__ if arr.dtype.kind == "O" else f"dtype {arr.dtype}"
        raise TypeError(
            f"{name} must be integer class labels for loss={loss!r} (such as [0, 1, 1]); "
            f"got {got}"
        )
    if arr.shape != (n,):
        raise ValueError(
            f"{name} must have one label per sample, shape ({n},); got shape {arr.shape}"
        )
    k = 2 if loss == "binary_cross_entropy" else n_out
    bad = (arr < 0) | (arr >= k)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{name} must be class labels in [0, {k - 1}] for loss={loss!r} and "
            f"{n_out} output(s); got {int(arr[i])} at index {i}"
        )
    if loss == "binary_cross_entropy":
        return arr.astype(dtype)[:, np.newaxis]
    return arr.astype(np.intp, copy=False)


def _loss_kernel(loss, Z, T, need_grad=True):
    """Unchecked (loss, dL/dZ) for logits Z (n, k) and prepared targets T."""
    if loss == "cross_entropy":
        return _cross_entropy_kernel(Z, T, need_grad)
    if loss == "binary_cross_entropy":
        return _binary_cross_entropy_kernel(Z, T, need_grad)
    D = Z - T
    value = float(np.vdot(D, D)) / D.size
    return value, (D * (2.0 / D.size) if need_grad else None)


def _penalty(params, l1, l2):
    """l1 * sum |W| + l2 / 2 * sum W^2 over the weight matrices (biases excluded)."""
    total = 0.0
    for W, _ in params:
        if l1:
            total += l1 * float(np.abs(W).sum())
        if l2:
            total += 0.5 * l2 * float(np.vdot(W, W))
    return total


def _add_penalty_grads(params, grads, l1, l2):
    for (W, _), (dW, _) in zip(params, grads):
        if l1:
            dW += l1 * np.sign(W)
        if l2:
            dW += l2 * W


# ---------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------


class MLP:
    r"""A fully connected network: affine layers with an activation between them.

    .. math:: Z_l = A_{l-1} W_l^\top + \mathbf{b}_l, \quad A_l = f(Z_l)\ (l < L),
              \quad \text{logits} = Z_L

    ``sizes = [n_0, n_1, ..., n_L]`` gives the width of every layer, inputs first: layer
    $l$ has $W_l$ of shape ``(n_l, n_{l-1})`` and $\mathbf{b}_l$ of shape ``(n_l,)``.
    The activation $f$ follows every hidden layer; the output layer is linear, so
    :meth:`forward` returns logits.

    Derived in Chapter 5, section "From one neuron to a layer" (forward) and section
    "Backpropagation in matrices" (backward).

    Parameters
    ----------
    sizes : sequence of int
        At least two widths, each >= 1, such as ``[2, 8, 1]``.
    activation : {"relu", "sigmoid", "tanh", "linear"}, default "relu"
        The hidden layers' activation (a name in
        :data:`nncore.activations.ACTIVATIONS`).
    seed : int, numpy.random.Generator or None, default 0
        For the random initial weights.
    init : {"auto", "he", "glorot", "zeros", "uniform"}, default "auto"
        The initial weights: ``"he"`` draws $W_{ij} \sim \mathcal{N}(0, 2/n_{in})$,
        ``"glorot"`` $\mathcal{N}(0, 2/(n_{in} + n_{out}))$, ``"auto"`` is He for ReLU
        and Glorot otherwise, ``"zeros"`` makes every weight 0 (to show that symmetric
        neurons never differ), ``"uniform"`` draws from $U[0, 1)$ like
        ``np.random.rand`` in Punnen's code. Biases always start at 0.
    bias : bool, default True
        With ``False`` the biases stay zero arrays and their gradients are zero.
    params : list of (W, b) pairs or of W arrays, optional
        Start from these weights instead (copied; shapes checked against ``sizes``);
        ``init`` and ``seed`` are then ignored.
    dtype : np.float64 or np.float32, default np.float64
        The dtype of the parameters and of every computation.

    Attributes
    ----------
    params : list of (ndarray, ndarray)
        ``(W, b)`` per layer: the model's own arrays, so updating them in place
        (``W -= lr * dW``) trains the model.
    sizes : tuple of int
    activation : str
    n_params : int
        The number of trainable numbers (biases counted only when ``bias``).
    dX_ : ndarray
        After :meth:`backward`: $\partial L / \partial X$, the gradient with respect to
        the input of the last :meth:`forward`.
    deltas_ : list of ndarray
        After :meth:`backward`: $\Delta_l = \partial L / \partial Z_l$ per layer.

    Raises
    ------
    TypeError
        If ``sizes`` is not a sequence of ints, ``seed`` or ``dtype`` of the wrong type.
    ValueError
        If a size is < 1, fewer than two sizes are given, ``activation`` or ``init`` is
        unknown, or ``params`` do not match ``sizes``.

    Examples
    --------
    >>> net = MLP([2, 3, 1], activation="tanh", seed=0)
    >>> [(W.shape, b.shape) for W, b in net.params]
    [((3, 2), (3,)), ((1, 3), (1,))]
    >>> net.n_params  # 3*2 + 3 + 1*3 + 1
    13
    >>> net.forward([[0.0, 0.0]])  # zero input, zero biases: tanh(0) = 0, so 0
    array([[0.]])
    """

    def __init__(self, sizes, activation="relu", seed=0, *, init="auto", bias=True,
                 params=None, dtype=np.float64):
        self.sizes = _check_sizes(sizes)
        self.activation = _check_choice(activation, "activation", ACTIVATIONS)
        self.init = _check_choice(init, "init", INITS)
        if not isinstance(bias, (bool, np.bool_)):
            raise TypeError(f"bias must be True or False; got {bias!r}")
        self.bias = bool(bias)
        self.dtype = _check_dtype(dtype)
        self._f, self._f_grad = _KERNELS[self.activation]
        if params is None:
            rng = as_rng(seed)
            self.params = self._initial_params(rng)
        else:
            self.params = self._given_params(params)
        self._cache = None
        self._single = False

    # -- construction ---------------------------------------------------------------

    def _initial_params(self, rng):
        scheme = self.init
        if scheme == "auto":
            scheme = "he" if self.activation == "relu" else "glorot"
        params = []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            shape = (n_out, n_in)
            if scheme == "he":
                W = rng.standard_normal(shape) * math.sqrt(2.0 / n_in)
            elif scheme == "glorot":
                W = rng.standard_normal(shape) * math.sqrt(2.0 / (n_in + n_out))
            elif scheme == "uniform":
                W = rng.random(shape)
            else:
                W = np.zeros(shape)
            params.append((W.astype(self.dtype), np.zeros(n_out, dtype=self.dtype)))
        return params

    def _given_params(self, params):
        n_layers = len(self.sizes) - 1
        if isinstance(params, np.ndarray) or not hasattr(params, "__len__") or len(params) != n_layers:
            got = f"length {len(params)}" if hasattr(params, "__len__") else repr(params)
            raise ValueError(
                f"params must be a list of {n_layers} (W, b) pairs or W arrays, one per "
                f"layer of sizes {list(self.sizes)}; got {got}"
            )
        out = []
        for l, (entry, n_in, n_out) in enumerate(zip(params, self.sizes[:-1], self.sizes[1:])):
            if isinstance(entry, (tuple, list)) and len(entry) == 2 and np.ndim(entry[1]) == 1 \
                    and np.ndim(entry[0]) == 2:
                W, b = entry
            else:
                W, b = entry, None
            W = as_array(W, f"params[{l}] W")
            if W.shape != (n_out, n_in):
                raise ValueError(
                    f"params[{l}] W must have shape ({n_out}, {n_in}) = (n_out, n_in) for "
                    f"sizes {list(self.sizes)}; got shape {W.shape}"
                )
            if b is None:
                b = np.zeros(n_out)
            else:
                b = as_array(b, f"params[{l}] b")
                if b.shape != (n_out,):
                    raise ValueError(
                        f"params[{l}] b must have shape ({n_out},); got shape {b.shape}"
                    )
                if not self.bias and np.any(b != 0):
                    raise ValueError(
                        f"params[{l}] b must be zero for a model with bias=False; "
                        f"got a non-zero bias"
                    )
            out.append((W.astype(self.dtype), b.astype(self.dtype)))
        return out

    def __repr__(self):
        extra = "" if self.bias else ", bias=False"
        if self.dtype != np.float64:
            extra += f", dtype={self.dtype.name}"
        return f"MLP(sizes={list(self.sizes)}, activation={self.activation!r}{extra})"

    @property
    def n_params(self):
        return sum(W.size + (b.size if self.bias else 0) for W, b in self.params)

    @property
    def n_layers(self):
        """The number of weight layers, ``len(sizes) - 1``."""
        return len(self.sizes) - 1

    # -- checked inputs ------------------------------------------------------------------

    def _inputs(self, X, name="X"):
        """``(X_2d, single)`` in the model's dtype, with sizes[0] features."""
        arr = as_array(X, name)
        n_in = self.sizes[0]
        if arr.ndim == 1:
            if arr.shape != (n_in,):
                raise ValueError(
                    f"{name} must have {n_in} features: one sample of shape ({n_in},) or a "
                    f"batch of shape (n_samples, {n_in}); got shape {arr.shape}"
                )
            return arr[np.newaxis, :].astype(self.dtype, copy=False), True
        if arr.ndim != 2 or arr.shape[1] != n_in or arr.shape[0] == 0:
            raise ValueError(
                f"{name} must have shape (n_samples, {n_in}) with n_samples >= 1 to match "
                f"sizes[0] = {n_in} (or one sample of shape ({n_in},)); got shape {arr.shape}"
            )
        return arr.astype(self.dtype, copy=False), False

    # -- the two passes (unchecked internals) -------------------------------------------

    def _forward(self, X):
        """Forward pass on a checked 2-D ``X``; caches ``(As, Zs)`` and returns logits."""
        f = self._f
        last = len(self.params) - 1
        As, Zs = [X], []
        A = X
        for l, (W, b) in enumerate(self.params):
            Z = A @ W.T
            if self.bias:
                Z += b
            Zs.append(Z)
            A = f(Z) if l < last else Z
            As.append(A)
        self._cache = (As, Zs)
        return A

    def _backward(self, dZ, want_dX=False, keep_deltas=False):
        """Backward pass from ``dZ`` = dL/dlogits through the cached forward.

        Returns ``(grads, dX, deltas)``; ``dX`` and ``deltas`` are None unless asked for.
        """
        As, Zs = self._cache
        f_grad = self._f_grad
        params = self.params
        grads = [None] * len(params)
        deltas = [None] * len(params) if keep_deltas else None
        dX = None
        for l in range(len(params) - 1, -1, -1):
            W = params[l][0]
            if keep_deltas:
                deltas[l] = dZ
            dW = dZ.T @ As[l]
            db = dZ.sum(axis=0) if self.bias else np.zeros(W.shape[0], dtype=self.dtype)
            grads[l] = (dW, db)
            if l > 0:
                dA = dZ @ W
                if f_grad is not None:
                    dA *= f_grad(Zs[l - 1], As[l])
                dZ = dA
            elif want_dX:
                dX = dZ @ W
        return grads, dX, deltas

    # -- public API ----------------------------------------------------------------------

    def forward(self, X):
        r"""The logits of a batch: every layer's $Z_l = A_{l-1} W_l^\top + \mathbf{b}_l$,
        $A_l = f(Z_l)$, the last one linear.

        Caches what :meth:`backward` needs ($A_0 = X, \dots, A_{L-1}$ and every $Z_l$);
        each call replaces the cache.

        Derived in Chapter 5, section "From one neuron to a layer".

        Parameters
        ----------
        X : array_like of shape (n_samples, sizes[0]), or (sizes[0],) for one sample

        Returns
        -------
        ndarray of shape (n_samples, sizes[-1]), or (sizes[-1],) for one sample

        Raises
        ------
        ValueError
            If ``X`` has the wrong number of features or contains NaN or an infinity.
        TypeError
            If ``X`` is not made of real numbers.

        Examples
        --------
        >>> net = MLP([2, 1], params=[([[1.0, -1.0]], [0.5])])
        >>> net.forward([[2.0, 1.0], [0.0, 1.0]])  # 2 - 1 + 0.5, 0 - 1 + 0.5
        array([[ 1.5],
               [-0.5]])
        """
        X, single = self._inputs(X)
        with np.errstate(over="ignore", invalid="ignore"):
            out = self._forward(X)
        self._single = single
        return out[0] if single else out

    def backward(self, dlogits):
        r"""The gradients of a loss with respect to every parameter, by backpropagation.

        Given $\Delta_L = \partial L / \partial Z_L$ (``dlogits``) for the batch of the
        last :meth:`forward`, for $l = L, \dots, 1$:

        .. math:: \frac{\partial L}{\partial W_l} = \Delta_l^\top A_{l-1}, \quad
                  \frac{\partial L}{\partial \mathbf{b}_l} = \mathbf{1}^\top \Delta_l, \quad
                  \Delta_{l-1} = (\Delta_l W_l) \odot f'(Z_{l-1})

        and $\partial L / \partial X = \Delta_1 W_1$ (stored as ``dX_``). Nothing is
        accumulated: calling it twice gives the same result.

        Derived in Chapter 5, section "Backpropagation in matrix form".

        Parameters
        ----------
        dlogits : array_like of the shape of the last forward's output

        Returns
        -------
        list of (ndarray, ndarray)
            ``(dW, db)`` per layer, in the order and shapes of :attr:`params`.

        Raises
        ------
        RuntimeError
            If :meth:`forward` has not been called yet.
        ValueError
            If ``dlogits`` has another shape than the last output, or contains NaN or an
            infinity.

        Examples
        --------
        >>> net = MLP([2, 1], params=[([[1.0, -1.0]], [0.5])])
        >>> _ = net.forward([[2.0, 1.0]])
        >>> net.backward([[1.0]])  # dW = delta^T x, db = delta
        [(array([[2., 1.]]), array([1.]))]
        >>> net.dX_  # delta W
        array([[ 1., -1.]])
        """
        if self._cache is None:
            raise RuntimeError("backward needs a forward pass first: call forward(X)")
        out = self._cache[0][-1]
        expected = out.shape[1:] if self._single else out.shape
        d = as_array(dlogits, "dlogits")
        if d.shape != expected:
            raise ValueError(
                f"dlogits must have the shape of the last forward's output {expected}; "
                f"got shape {d.shape}"
            )
        d = d.reshape(out.shape).astype(self.dtype)  # a fresh copy: nothing is shared
        with np.errstate(over="ignore", invalid="ignore"):
            grads, dX, deltas = self._backward(d, want_dX=True, keep_deltas=True)
        self.dX_ = dX[0] if self._single else dX
        self.deltas_ = [D[0] for D in deltas] if self._single else deltas
        return grads

    def trace(self, X):
        r"""Every layer's input, scores and output for ``X``, without touching the cache.

        .. math:: A_{\text{in}} = A_{l-1}, \quad Z = A_{l-1} W_l^\top + \mathbf{b}_l,
                  \quad A = f(Z)\ (\text{the last layer: } A = Z)

        Derived in Chapter 5, section "Solving XOR".

        Parameters
        ----------
        X : array_like of shape (n_samples, sizes[0]), or (sizes[0],)

        Returns
        -------
        list of dict
            One dict per layer with keys ``"A_in"``, ``"Z"``, ``"A"`` (1-D arrays for a
            single sample).

        Examples
        --------
        >>> net = MLP([1, 2, 1], params=[([[1.0], [-1.0]], [0.0, 0.0]), ([[1.0, 1.0]], [0.0])])
        >>> t = net.trace([[-3.0]])
        >>> t[0]["Z"], t[0]["A"], t[1]["A"]  # relu(-3) + relu(3) = |x|
        (array([[-3.,  3.]]), array([[0., 3.]]), array([[3.]]))
        """
        X, single = self._inputs(X)
        saved = self._cache
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                self._forward(X)
            As, Zs = self._cache
        finally:
            self._cache = saved
        layers = []
        for l in range(len(self.params)):
            entry = {"A_in": As[l], "Z": Zs[l], "A": As[l + 1]}
            if single:
                entry = {k: v[0] for k, v in entry.items()}
            layers.append(entry)
        return layers

    def _hidden(self, X):
        """The last hidden layer's activations A_{L-1} for a checked X (pure)."""
        A = X
        for W, b in self.params[:-1]:
            Z = A @ W.T
            if self.bias:
                Z += b
            A = self._f(Z)
        return A

    def contributions(self, X):
        r"""The output layer's terms: what each unit of the last hidden layer adds.

        .. math:: c_{ioj} = (W_L)_{oj}\,(A_{L-1})_{ij}, \qquad
                  \text{logit}_{io} = \sum_j c_{ioj} + (b_L)_o

        For a network with one hidden layer and one output this is the chapter's picture
        of a curve made of ReLU pieces $v_j\,\mathrm{relu}(w_j x + b_j)$.

        Derived in Chapter 5, section "ReLU pieces add up to a curve".

        Parameters
        ----------
        X : array_like of shape (n_samples, sizes[0]), or (sizes[0],)

        Returns
        -------
        ndarray
            Shape ``(n_samples, sizes[-2])`` when ``sizes[-1] == 1``, else
            ``(n_samples, sizes[-1], sizes[-2])``; without the sample axis for one sample.

        Examples
        --------
        >>> net = MLP([1, 2, 1], params=[([[1.0], [-1.0]], [0.0, 0.0]), ([[2.0, 1.0]], [0.5])])
        >>> net.contributions([[-3.0], [1.0]])  # 2 relu(x), 1 relu(-x)
        array([[0., 3.],
               [2., 0.]])
        """
        X, single = self._inputs(X)
        W = self.params[-1][0]
        with np.errstate(over="ignore", invalid="ignore"):
            A = self._hidden(X)
            C = A[:, np.newaxis, :] * W[np.newaxis, :, :]
        if self.sizes[-1] == 1:
            C = C[:, 0, :]
        return C[0] if single else C

    def _logits(self, X):
        """Logits of a checked X without touching the cache (silent at overflow)."""
        W, b = self.params[-1]
        with np.errstate(over="ignore", invalid="ignore"):
            A = self._hidden(X)
            Z = A @ W.T
            if self.bias:
                Z += b
        return Z

    def predict(self, X):
        r"""The predicted class: the largest logit, or (one output) whether $z \ge 0$.

        .. math:: \hat{y}_i = \arg\max_o z_{io} \qquad\text{or}\qquad
                  \hat{y}_i = [z_i \ge 0] = [\sigma(z_i) \ge 1/2]

        Derived in Chapter 5, section "Solving XOR" and Chapter 6, section "Softmax: a smooth arg-max".

        Parameters
        ----------
        X : array_like of shape (n_samples, sizes[0]), or (sizes[0],)

        Returns
        -------
        ndarray of int of shape (n_samples,), or an int for one sample

        Examples
        --------
        >>> net = MLP([2, 1], params=[([[1.0, -1.0]], [0.0])])
        >>> net.predict([[2.0, 1.0], [0.0, 1.0]])
        array([1, 0])
        """
        X, single = self._inputs(X)
        Z = self._logits(X)
        if self.sizes[-1] == 1:
            y = (Z[:, 0] >= 0).astype(int)
        else:
            y = np.argmax(Z, axis=1)
        return int(y[0]) if single else y

    def predict_proba(self, X):
        r"""Class probabilities: softmax of the logits, or (one output) $\sigma(z)$.

        .. math:: p_{io} = \frac{e^{z_{io}}}{\sum_j e^{z_{ij}}} \qquad\text{or}\qquad
                  p_i = \sigma(z_i) = P(y_i = 1)

        Derived in Chapter 6, section "Softmax: a smooth arg-max".

        Parameters
        ----------
        X : array_like of shape (n_samples, sizes[0]), or (sizes[0],)

        Returns
        -------
        ndarray
            ``(n_samples, sizes[-1])`` rows summing to 1, or ``(n_samples,)`` of
            $P(y = 1)$ for one output; without the sample axis for one sample.

        Examples
        --------
        >>> net = MLP([2, 1], params=[([[1.0, -1.0]], [0.0])])
        >>> net.predict_proba([[1.0, 1.0]])
        array([0.5])
        """
        X, single = self._inputs(X)
        Z = self._logits(X)
        if self.sizes[-1] == 1:
            P = _sigmoid(Z[:, 0])
        else:
            with np.errstate(invalid="ignore"):  # nan only if the logits overflowed
                E = np.exp(Z - Z.max(axis=1, keepdims=True))
                P = E / E.sum(axis=1, keepdims=True)
        return P[0] if single else P

    def copy(self):
        """An independent copy (same sizes, activation, bias, dtype; copied arrays).

        Derived in Chapter 5, section "Where to start: initialisation".

        Examples
        --------
        >>> a = MLP([2, 2, 1]); b = a.copy(); b.params[0][0][:] = 0.0
        >>> bool(np.any(a.params[0][0] != 0))
        True
        """
        new = MLP.__new__(MLP)
        new.__dict__.update(self.__dict__)
        new.params = [(W.copy(), b.copy()) for W, b in self.params]
        new._cache = None
        for attr in ("dX_", "deltas_"):
            new.__dict__.pop(attr, None)
        return new

    def get_flat(self):
        r"""Every trainable parameter in one vector $\theta$: $W_1$ (row by row), $\mathbf{b}_1$,
        $W_2$, $\mathbf{b}_2$, ... (biases left out when ``bias=False``).

        Derived in Chapter 5, section "Checking every gradient".

        Returns
        -------
        ndarray of shape (n_params,)
            A copy.

        Examples
        --------
        >>> MLP([2, 1], params=[([[1.0, 2.0]], [3.0])]).get_flat()
        array([1., 2., 3.])
        """
        parts = []
        for W, b in self.params:
            parts.append(W.ravel())
            if self.bias:
                parts.append(b)
        return np.concatenate(parts)

    def set_flat(self, theta):
        """Write a vector laid out as :meth:`get_flat` into the parameters, in place.

        Derived in Chapter 5, section "Checking every gradient".

        Parameters
        ----------
        theta : array_like of shape (n_params,)

        Raises
        ------
        ValueError
            If ``theta`` has another shape or contains NaN or an infinity.

        Examples
        --------
        >>> net = MLP([2, 1]); net.set_flat([1.0, 2.0, 3.0]); net.params
        [(array([[1., 2.]]), array([3.]))]
        """
        theta = as_array(theta, "theta")
        if theta.shape != (self.n_params,):
            raise ValueError(
                f"theta must have shape ({self.n_params},) = (n_params,); got shape {theta.shape}"
            )
        i = 0
        for W, b in self.params:
            W[...] = theta[i:i + W.size].reshape(W.shape)
            i += W.size
            if self.bias:
                b[...] = theta[i:i + b.size]
                i += b.size


# ---------------------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------------------


def dense(X, W, b):
    r"""One affine layer: the scores of ``n_out`` neurons for every sample.

    .. math:: Z = X W^\top + \mathbf{b}, \qquad z_{ij} = \sum_k x_{ik} W_{jk} + b_j

    ``X`` has shape ``(n_samples, n_in)``, ``W`` ``(n_out, n_in)``, ``b`` ``(n_out,)``;
    for one sample ``x`` of shape ``(n_in,)`` this is $\mathbf{z} = W\mathbf{x} +
    \mathbf{b}$.

    Derived in Chapter 5, section "From one neuron to a layer".

    Parameters
    ----------
    X : array_like of shape (n_samples, n_in) or (n_in,)
    W : array_like of shape (n_out, n_in)
    b : array_like of shape (n_out,)

    Returns
    -------
    ndarray of shape (n_samples, n_out), or (n_out,) for one sample

    Raises
    ------
    ValueError
        If the shapes do not fit together, or an array contains NaN or an infinity.
    TypeError
        If an argument is not made of real numbers.

    Examples
    --------
    >>> dense([[1.0, 2.0]], [[1.0, 0.0], [1.0, 1.0], [0.0, -1.0]], [0.0, 0.5, 1.0])
    array([[ 1. ,  3.5, -1. ]])
    """
    W = as_matrix(W, "W")
    n_out, n_in = W.shape
    b = as_array(b, "b")
    if b.shape != (n_out,):
        raise ValueError(f"b must have shape ({n_out},) to match W of shape {W.shape}; got shape {b.shape}")
    X = as_array(X, "X")
    if X.ndim == 1:
        if X.shape != (n_in,):
            raise ValueError(
                f"X must have {n_in} features to match W of shape {W.shape} (n_out, n_in); "
                f"got shape {X.shape}"
            )
        return W @ X + b
    X = as_matrix(X, "X", n_features=n_in, against=f"W of shape {W.shape} (n_out, n_in)")
    return X @ W.T + b


def collapse_linear(params):
    r"""The single affine layer equal to a stack of affine layers (no activation between).

    .. math:: W = W_L W_{L-1} \cdots W_1, \qquad
              \mathbf{b} = W_L(\cdots W_2(\mathbf{b}_1) + \mathbf{b}_2 \cdots) + \mathbf{b}_L

    so that $W_L(\cdots(W_1\mathbf{x} + \mathbf{b}_1)\cdots) + \mathbf{b}_L = W\mathbf{x}
    + \mathbf{b}$ for every $\mathbf{x}$: without a non-linearity, depth adds nothing.

    Derived in Chapter 5, section "Why a network needs a nonlinearity".

    Parameters
    ----------
    params : list of (W, b) pairs
        As :attr:`MLP.params`: ``W`` of shape ``(n_out, n_in)``, each layer's ``n_in``
        the previous layer's ``n_out``.

    Returns
    -------
    W : ndarray of shape (n_out_last, n_in_first)
    b : ndarray of shape (n_out_last,)

    Raises
    ------
    ValueError
        If ``params`` is empty or consecutive shapes do not chain.

    Examples
    --------
    >>> W, b = collapse_linear([([[2.0]], [1.0]), ([[3.0]], [-1.0])])  # 3 (2x + 1) - 1
    >>> W, b
    (array([[6.]]), array([2.]))
    """
    if not hasattr(params, "__len__") or len(params) == 0:
        raise ValueError(f"params must be a non-empty list of (W, b) pairs; got {params!r}")
    W_total = b_total = None
    for l, entry in enumerate(params):
        if not (isinstance(entry, (tuple, list)) and len(entry) == 2):
            raise ValueError(f"params[{l}] must be a pair (W, b); got {type(entry).__name__}")
        W = as_matrix(entry[0], f"params[{l}] W")
        b = as_array(entry[1], f"params[{l}] b")
        if b.shape != (W.shape[0],):
            raise ValueError(
                f"params[{l}] b must have shape ({W.shape[0]},) to match W of shape "
                f"{W.shape}; got shape {b.shape}"
            )
        if W_total is None:
            W_total, b_total = W, b
            continue
        if W.shape[1] != W_total.shape[0]:
            raise ValueError(
                f"params[{l}] W must have {W_total.shape[0]} columns (n_in = the previous "
                f"layer's n_out); got shape {W.shape}"
            )
        W_total, b_total = W @ W_total, W @ b_total + b
    return W_total, b_total


def _check_penalty(l1, l2):
    return as_nonnegative(l1, "l1"), as_nonnegative(l2, "l2")


def _check_model(model):
    if not isinstance(model, MLP):
        raise TypeError(f"model must be an nncore.mlp.MLP; got {type(model).__name__}")
    return model


def loss_and_grads(model, X, y, loss="auto", l1=0.0, l2=0.0):
    r"""The loss of ``model`` on ``(X, y)`` and its gradient for every parameter.

    .. math:: J(\theta) = L(\text{logits}(X), \mathbf{y})
              + \lambda_1 \sum_l \sum_{ij} |(W_l)_{ij}|
              + \frac{\lambda_2}{2} \sum_l \sum_{ij} (W_l)_{ij}^2

    with $L$ the mean cross-entropy (:func:`nncore.losses.cross_entropy`), the mean
    binary cross-entropy (:func:`nncore.losses.binary_cross_entropy`, one output) or
    the mean squared error of the logits (:func:`nncore.losses.mse`, over all $n k$
    elements). The penalties act on the weights only, never the biases; their gradients
    $\lambda_1 \operatorname{sign}(W_l) + \lambda_2 W_l$ are added to $\partial L /
    \partial W_l$. It runs :meth:`MLP.forward` and :meth:`MLP.backward`, so the model's
    cache, ``dX_`` and ``deltas_`` belong to this batch afterwards.

    Derived in Chapter 5, section "Backpropagation in matrix form" (the penalties in
    Chapter 7, section "Penalties on the weights").

    Parameters
    ----------
    model : MLP
    X : array_like of shape (n_samples, sizes[0])
    y : array_like
        Integer labels ``(n_samples,)`` for the classification losses (in ``[0, k)``,
        or in {0, 1} for one output); float targets ``(n_samples,)`` or
        ``(n_samples, sizes[-1])`` for ``"mse"``.
    loss : {"auto", "cross_entropy", "binary_cross_entropy", "mse"}, default "auto"
        ``"auto"`` is ``"binary_cross_entropy"`` for one output, else ``"cross_entropy"``.
    l1, l2 : float, default 0.0
        $\lambda_1, \lambda_2 \ge 0$.

    Returns
    -------
    loss : float
    grads : list of (ndarray, ndarray)
        ``(dW, db)`` per layer, as :meth:`MLP.backward`.

    Raises
    ------
    ValueError
        If the shapes do not fit, a label is out of range, the loss does not fit the
        number of outputs, or a penalty is negative.
    TypeError
        If labels are not integers for a classification loss.

    Examples
    --------
    >>> net = MLP([2, 2], params=[np.zeros((2, 2))])
    >>> value, grads = loss_and_grads(net, [[1.0, 2.0]], [1])  # p = (1/2, 1/2)
    >>> value, grads[0][0]  # log 2; dW = (p - y)^T x
    (0.6931471805599453, array([[ 0.5,  1. ],
           [-0.5, -1. ]]))
    """
    model = _check_model(model)
    l1, l2 = _check_penalty(l1, l2)
    name = _resolve_loss(loss, model.sizes[-1])
    X, _ = model._inputs(X)
    T = _check_targets(y, name, X.shape[0], model.sizes[-1], model.dtype)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        Z = model._forward(X)
        value, dZ = _loss_kernel(name, Z, T)
        grads, dX, deltas = model._backward(dZ, want_dX=True, keep_deltas=True)
        if l1 or l2:
            value += _penalty(model.params, l1, l2)
            _add_penalty_grads(model.params, grads, l1, l2)
    model._single = False
    model.dX_, model.deltas_ = dX, deltas
    return value, grads


# ---------------------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------------------


class Trainer:
    r"""Mini-batch stochastic gradient descent on an :class:`MLP`.

    Each step takes the next ``batch_size`` samples of a shuffled order, computes the
    batch loss and gradients (:func:`loss_and_grads`) and updates every parameter in
    place,

    .. math:: W_l \leftarrow W_l - \eta\,\frac{\partial J}{\partial W_l}, \qquad
              \mathbf{b}_l \leftarrow \mathbf{b}_l - \eta\,\frac{\partial J}{\partial \mathbf{b}_l}.

    An epoch is one pass over the shuffled data (the last batch may be smaller); the order
    is reshuffled with the trainer's own generator at the start of every epoch. If a
    batch loss is not finite (the learning rate is too large and the weights blew up),
    that update is *not* applied, ``diverged`` becomes True and further steps do nothing.

    Derived in Chapter 5, section "Solving XOR" (mini-batches as in Chapter 3).

    Parameters
    ----------
    model : MLP
        Trained in place.
    X : array_like of shape (n_samples, sizes[0])
    y : array_like
        As for :func:`loss_and_grads`.
    loss : {"auto", "cross_entropy", "binary_cross_entropy", "mse"}, default "auto"
    lr : float, default 0.1
        The learning rate $\eta > 0$; may be changed between steps (``trainer.lr = ...``),
        as the Playground of Chapter 7 does when the reader picks another rate.
    batch_size : int or None, default 32
        Samples per step; ``None`` (or anything >= n_samples) means full batch.
    seed : int, numpy.random.Generator or None, default 0
        For the shuffling.
    l1, l2 : float, default 0.0
        Penalties on the weights, as in :func:`loss_and_grads`; like ``lr`` they may be
        changed between steps (``trainer.l1 = ...``, ``trainer.l2 = ...``): the next step
        uses the new values (the Playground switches regularisation on and off this way).
    X_test, y_test : array_like, optional
        A held-out set, evaluated at the end of every epoch.
    eval_train : {"running", "full"}, default "running"
        What ``history_["train_loss"]`` records: ``"running"`` the mean of the epoch's
        batch losses (each measured before its own update, as Keras reports it; costs
        nothing), ``"full"`` the loss on the whole training set after the epoch (one
        extra forward pass). ``train_acc`` follows the same rule.

    Attributes
    ----------
    epoch : int
        Completed epochs.
    steps : int
        Updates applied so far.
    history_ : dict of lists
        One entry per completed epoch: ``"epoch"``, ``"train_loss"`` (the data loss,
        penalties included), and ``"train_acc"`` for classification; ``"test_loss"`` (and
        ``"test_acc"``) when a test set is given.
    diverged : bool
    last_loss : float or None
        The loss of the last step's batch.

    Examples
    --------
    >>> X, y = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])
    >>> t = Trainer(MLP([2, 4, 1], "tanh", seed=0), X, y, lr=0.5, batch_size=None)
    >>> t.run(300).history_["train_acc"][-1]
    1.0
    """

    def __init__(self, model, X, y, *, loss="auto", lr=0.1, batch_size=32, seed=0,
                 l1=0.0, l2=0.0, X_test=None, y_test=None, eval_train="running"):
        self.model = _check_model(model)
        self.loss = _resolve_loss(loss, model.sizes[-1])
        self.lr = _check_positive(lr, "lr")
        self.l1, self.l2 = _check_penalty(l1, l2)
        self.eval_train = _check_choice(eval_train, "eval_train", ("running", "full"))
        self.X, _ = model._inputs(X, "X")
        n = self.X.shape[0]
        self.y = y
        self._T = _check_targets(y, self.loss, n, model.sizes[-1], model.dtype)
        if batch_size is None:
            batch_size = n
        self.batch_size = min(as_int(batch_size, "batch_size", minimum=1), n)
        if (X_test is None) != (y_test is None):
            raise ValueError("X_test and y_test must be given together (or neither)")
        if X_test is not None:
            self.X_test, _ = model._inputs(X_test, "X_test")
            self._T_test = _check_targets(
                y_test, self.loss, self.X_test.shape[0], model.sizes[-1], model.dtype, "y_test"
            )
        else:
            self.X_test = self._T_test = None
        self._rng = as_rng(seed)
        self.classification = self.loss != "mse"
        self.epoch = 0
        self.steps = 0
        self.diverged = False
        self.last_loss = None
        self._order = None
        self._pos = 0
        self._epoch_loss = 0.0
        self._epoch_correct = 0
        self._epoch_seen = 0
        self.history_ = {"epoch": [], "train_loss": []}
        if self.classification:
            self.history_["train_acc"] = []
        if self.X_test is not None:
            self.history_["test_loss"] = []
            if self.classification:
                self.history_["test_acc"] = []

    @property
    def n_samples(self):
        return self.X.shape[0]

    @property
    def batches_per_epoch(self):
        return -(-self.n_samples // self.batch_size)

    def _correct(self, Z, T):
        """How many rows of logits Z predict their target T right (classification)."""
        if self.loss == "cross_entropy":
            return int(np.count_nonzero(Z.argmax(axis=1) == T))
        return int(np.count_nonzero((Z >= 0) == (T >= 0.5)))

    def _evaluate(self, X, T):
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            Z = self.model._logits(X)
            value = _loss_kernel(self.loss, Z, T, need_grad=False)[0]
            if self.l1 or self.l2:
                value += _penalty(self.model.params, self.l1, self.l2)
        acc = self._correct(Z, T) / X.shape[0] if self.classification else None
        return value, acc

    def evaluate(self, X=None, y=None):
        r"""The loss (with penalties) and accuracy of the model as it is now.

        .. math:: \mathrm{acc} = \frac{1}{n}\sum_i [\hat{y}_i = y_i]

        and the loss $J(\theta)$ of :func:`loss_and_grads`.

        Derived in Chapter 5, section "Solving XOR".

        Parameters
        ----------
        X, y : array_like, optional
            Default: the training set.

        Returns
        -------
        dict
            ``{"loss": float, "acc": float or None}`` (``acc`` is None for ``"mse"``).
        """
        if X is None and y is None:
            X, T = self.X, self._T
        else:
            X, _ = self.model._inputs(X, "X")
            T = _check_targets(y, self.loss, X.shape[0], self.model.sizes[-1], self.model.dtype)
        value, acc = self._evaluate(X, T)
        return {"loss": value, "acc": acc}

    def _batch(self, idx):
        """One unchecked update on the samples ``idx``; returns the batch loss."""
        model = self.model
        Xb = self.X[idx]
        Tb = self._T[idx]
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            Z = model._forward(Xb)
            value, dZ = _loss_kernel(self.loss, Z, Tb)
            if self.l1 or self.l2:
                value += _penalty(model.params, self.l1, self.l2)
            if not math.isfinite(value):
                self.diverged = True
                self.last_loss = value
                return value
            if self.classification and self.eval_train == "running":
                self._epoch_correct += self._correct(Z, Tb)
            grads = model._backward(dZ)[0]
            lr = self.lr
            if self.l1 or self.l2:
                _add_penalty_grads(model.params, grads, self.l1, self.l2)
            for (W, b), (dW, db) in zip(model.params, grads):
                dW *= lr
                W -= dW
                if model.bias:
                    db *= lr
                    b -= db
        self.steps += 1
        self.last_loss = value
        self._epoch_loss += value * Xb.shape[0]
        self._epoch_seen += Xb.shape[0]
        return value

    def step(self):
        r"""One mini-batch update; returns the batch loss (before the update).

        .. math:: \theta \leftarrow \theta - \eta\,\nabla_\theta J_{\text{batch}}(\theta)

        Derived in Chapter 5, section "Solving XOR".

        Reshuffles at the start of every epoch and records the history at its end. After
        divergence it does nothing and returns the last (non-finite) loss.
        """
        if self.diverged:
            return self.last_loss
        if self._order is None:
            self._order = self._rng.permutation(self.n_samples)
            self._pos = 0
        start = self._pos
        stop = start + self.batch_size
        value = self._batch(self._order[start:stop])
        if self.diverged:
            return value
        self._pos = stop
        if stop >= self.n_samples:
            self._end_epoch()
        return value

    def _end_epoch(self):
        self.epoch += 1
        self._order = None
        h = self.history_
        h["epoch"].append(self.epoch)
        if self.eval_train == "full":
            value, acc = self._evaluate(self.X, self._T)
        else:
            value = self._epoch_loss / self._epoch_seen
            acc = self._epoch_correct / self._epoch_seen
        h["train_loss"].append(value)
        if self.classification:
            h["train_acc"].append(acc)
        if self.X_test is not None:
            value, acc = self._evaluate(self.X_test, self._T_test)
            h["test_loss"].append(value)
            if self.classification:
                h["test_acc"].append(acc)
        self._epoch_loss = 0.0
        self._epoch_correct = 0
        self._epoch_seen = 0

    def run_epoch(self):
        """Steps until the current epoch ends (a whole epoch from a fresh start).

        Derived in Chapter 5, section "Solving XOR".

        Returns
        -------
        Trainer
            ``self``, for chaining.
        """
        target = self.epoch + 1
        while self.epoch < target and not self.diverged:
            self.step()
        return self

    def run(self, epochs):
        """Run ``epochs`` more epochs, or until the run diverges.

        Derived in Chapter 5, section "Solving XOR".

        Parameters
        ----------
        epochs : int
            At least 0.

        Returns
        -------
        Trainer
            ``self``, for chaining.
        """
        epochs = as_int(epochs, "epochs", minimum=0)
        for _ in range(epochs):
            if self.diverged:
                break
            self.run_epoch()
        return self


def fit(model, X, y, epochs=100, **trainer_kwargs):
    """Train ``model`` in place for ``epochs`` epochs; a shortcut for
    ``Trainer(model, X, y, **trainer_kwargs).run(epochs)``.

    Derived in Chapter 5, section "Solving XOR".

    Parameters
    ----------
    model : MLP
    X, y : array_like
    epochs : int, default 100
    **trainer_kwargs
        Passed to :class:`Trainer` (``loss``, ``lr``, ``batch_size``, ``seed``, ...).

    Returns
    -------
    Trainer
        With its ``history_``.

    Examples
    --------
    >>> X, y = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])
    >>> net = MLP([2, 4, 1], "tanh", seed=0)
    >>> fit(net, X, y, epochs=300, lr=0.5, batch_size=None).history_["train_acc"][-1]
    1.0
    """
    return Trainer(model, X, y, **trainer_kwargs).run(epochs)


# ---------------------------------------------------------------------------------------
# The same network from scalar Values (to check backward against autodiff)
# ---------------------------------------------------------------------------------------


def as_value_graph(model, x, y, loss="mse"):
    r"""The network and loss for one sample, rebuilt from :class:`nncore.autodiff.Value`.

    Every weight and bias becomes a Value, every neuron computes
    $z_j = \sum_k W_{jk} a_k + b_j$ and its activation with Value operations, and the loss
    is built on top:

    .. math:: \text{mse: } \frac{1}{k}\sum_o (z_o - y_o)^2, \qquad
              \text{cross-entropy: } \log\sum_o e^{z_o - m} + m - z_y, \qquad
              \text{binary: } \log(1 + e^{-|z|}) + \max(z, 0) - y z

    ($m = \max_o z_o$, a constant). Call ``loss_value.backward()``: then
    ``value_params[l][0][j][k].grad`` is $\partial L / \partial (W_l)_{jk}$, to compare
    with :meth:`MLP.backward` on the same sample. With ``bias=False`` the bias Values
    are not connected to the graph, so their ``grad`` stays 0.

    Derived in Chapter 5, section "Checking every gradient".

    Parameters
    ----------
    model : MLP
    x : array_like of shape (sizes[0],)
        One sample.
    y : float, array_like or int
        The target: floats of shape ``(sizes[-1],)`` (or a number for one output) for
        ``"mse"``; an int class for ``"cross_entropy"``; 0 or 1 for
        ``"binary_cross_entropy"``.
    loss : {"mse", "cross_entropy", "binary_cross_entropy"}, default "mse"

    Returns
    -------
    loss_value : Value
    value_params : list of [list of list of Value, list of Value]
        ``[W_values, b_values]`` per layer, nested like :attr:`MLP.params`.

    Examples
    --------
    >>> net = MLP([1, 1], params=[([[2.0]], [1.0])])
    >>> L, vp = as_value_graph(net, [3.0], 5.0)  # (2*3 + 1 - 5)^2 = 4
    >>> L.backward(); L.data, vp[0][0][0][0].grad  # 2 (z - y) x = 12
    (4.0, 12.0)
    """
    from nncore.autodiff import Value

    model = _check_model(model)
    name = _check_choice(loss, "loss", LOSSES)
    name = _resolve_loss(name, model.sizes[-1])
    xs, single = model._inputs(x, "x")
    if not single:
        raise ValueError(f"x must be one sample of shape ({model.sizes[0]},); got shape {xs.shape}")
    n_out = model.sizes[-1]
    if name == "mse":
        t = as_array(y, "y")
        if t.shape not in ((n_out,),) and not (t.ndim == 0 and n_out == 1):
            raise ValueError(
                f"y must be {n_out} target value(s), shape ({n_out},), for loss='mse'; "
                f"got shape {t.shape}"
            )
        T = t.reshape(-1)
    else:
        if np.ndim(y) != 0:
            raise ValueError(f"y must be one class label (an int) for loss={name!r}; got shape {np.shape(y)}")
        T = _check_targets(np.reshape(np.asarray(y), (1,)), name, 1, n_out, np.float64)
    value_params = []
    a = [Value(float(v), label=f"x{k}") for k, v in enumerate(xs[0])]
    last = len(model.params) - 1
    for l, (W, b) in enumerate(model.params):
        VW = [[Value(float(W[j, k]), label=f"W{l + 1}[{j},{k}]") for k in range(W.shape[1])]
              for j in range(W.shape[0])]
        Vb = [Value(float(b[j]), label=f"b{l + 1}[{j}]") for j in range(W.shape[0])]
        value_params.append([VW, Vb])
        z = []
        for j in range(W.shape[0]):
            s = VW[j][0] * a[0]
            for k in range(1, W.shape[1]):
                s = s + VW[j][k] * a[k]
            if model.bias:
                s = s + Vb[j]
            z.append(s)
        if l < last:
            if model.activation == "linear":
                a = z
            else:
                a = [getattr(v, model.activation)() for v in z]
        else:
            a = z
    if name == "mse":
        terms = [(zo - float(to)) ** 2 for zo, to in zip(a, T)]
        total = terms[0]
        for term in terms[1:]:
            total = total + term
        return total / len(terms), value_params
    if name == "cross_entropy":
        label = int(np.asarray(T).reshape(-1)[0])
        m = max(v.data for v in a)
        s = (a[0] - m).exp()
        for v in a[1:]:
            s = s + (v - m).exp()
        return s.log() + m - a[label], value_params
    target = float(np.asarray(T).reshape(-1)[0])
    z = a[0]
    if z.data >= 0:
        out = z - target * z + (1 + (-z).exp()).log()
    else:
        out = -target * z + (1 + z.exp()).log()
    return out, value_params
