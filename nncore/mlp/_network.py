r"""The network: :class:`MLP` (its parameters, the forward pass and the backward pass),
:func:`backprop` (the backward pass as a loop over arrays, the one Chapter 5 derives),
:func:`dense` (one layer) and :func:`collapse_linear` (a stack of linear layers is one
linear layer)."""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._checks import as_array, as_matrix, as_rng
from ..activations import ACTIVATIONS, KERNELS

__all__ = ["MLP", "backprop", "dense", "collapse_linear", "INITS", "MAX_PARAMS",
           "check_choice"]


INITS = ("auto", "he", "glorot", "zeros", "uniform")
"""The weight initialisations :class:`MLP` knows."""

MAX_PARAMS = 10_000_000
"""The most weights and biases an :class:`MLP` may hold: 80 MB in float64, and as much
again for each gradient and each copy. The book's largest network has a few thousand;
``sizes = [2, 10**9, 1]`` (16 GB) is a slip, refused before anything is allocated."""

_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


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
    sizes = tuple(int(s) for s in sizes)
    n_params = sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    if n_params > MAX_PARAMS:
        raise ValueError(
            f"sizes {list(sizes)} give {n_params} parameters; an MLP holds at most "
            f"{MAX_PARAMS} (nncore.mlp.MAX_PARAMS, 80 MB in float64)"
        )
    return sizes


def check_choice(value, name, choices):
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



class MLP:
    r"""A fully connected network: affine layers with an activation between them.

    .. math:: Z^{(l)} = A^{(l-1)} W^{(l)\top} + \mathbf{b}^{(l)}, \quad A^{(l)} = f(Z^{(l)})\ (l < D),
              \quad \text{logits} = Z^{(D)}

    ``sizes = [n_0, n_1, ..., n_D]`` gives the width of every layer, inputs first: layer
    $l$ has $W^{(l)}$ of shape ``(n_l, n_{l-1})`` and $\mathbf{b}^{(l)}$ of shape ``(n_l,)``.
    The activation $f$ follows every hidden layer; the output layer is linear, so
    :meth:`forward` returns logits.

    Derived in Chapter 5, section "From one neuron to a layer" (forward) and section
    "Backpropagation in matrices" (backward).

    Parameters
    ----------
    sizes : sequence of int
        At least two widths, each >= 1, such as ``[2, 8, 1]``, giving at most
        :data:`MAX_PARAMS` (10 million) weights and biases.
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
        After :meth:`backward`: $\Delta^{(l)} = \partial L / \partial Z^{(l)}$ per layer.

    Raises
    ------
    TypeError
        If ``sizes`` is not a sequence of ints, ``seed`` or ``dtype`` of the wrong type.
    ValueError
        If a size is < 1, fewer than two sizes are given, they give more than
        :data:`MAX_PARAMS` parameters, ``activation`` or ``init`` is unknown, or
        ``params`` do not match ``sizes``.

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
        self.activation = check_choice(activation, "activation", ACTIVATIONS)
        self.init = check_choice(init, "init", INITS)
        if not isinstance(bias, (bool, np.bool_)):
            raise TypeError(f"bias must be True or False; got {bias!r}")
        self.bias = bool(bias)
        self.dtype = _check_dtype(dtype)
        self._f, self._f_grad = KERNELS[self.activation]
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

    def _backward(self, dZ, want_dX=False):
        """Backward pass from ``dZ`` = dL/dlogits through the cached forward:
        :func:`backprop`. Returns ``(grads, dX, deltas)``; ``dX`` is None unless asked."""
        As, Zs = self._cache
        return backprop(self.params, As, Zs, dZ, self._f_grad, bias=self.bias,
                        want_dX=want_dX)

    # -- public API ----------------------------------------------------------------------

    def forward(self, X):
        r"""The logits of a batch: every layer's $Z^{(l)} = A^{(l-1)} W^{(l)\top} + \mathbf{b}^{(l)}$,
        $A^{(l)} = f(Z^{(l)})$, the last one linear.

        Caches what :meth:`backward` needs ($A^{(0)} = X, \dots, A^{(D-1)}$ and every $Z^{(l)}$);
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

        Given $\Delta^{(D)} = \partial L / \partial Z^{(D)}$ (``dlogits``) for the batch of the
        last :meth:`forward`, for $l = L, \dots, 1$:

        .. math:: \frac{\partial L}{\partial W^{(l)}} = \Delta^{(l)\top} A^{(l-1)}, \quad
                  \frac{\partial L}{\partial \mathbf{b}^{(l)}} = \mathbf{1}^\top \Delta^{(l)}, \quad
                  \Delta^{(l-1)} = (\Delta^{(l)} W^{(l)}) \odot f'(Z^{(l-1)})

        and $\partial L / \partial X = \Delta^{(1)} W^{(1)}$ (stored as ``dX_``). Nothing is
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
            grads, dX, deltas = self._backward(d, want_dX=True)
        self.dX_ = dX[0] if self._single else dX
        self.deltas_ = [D[0] for D in deltas] if self._single else deltas
        return grads

    def trace(self, X):
        r"""Every layer's input, scores and output for ``X``, without touching the cache.

        .. math:: A_{\text{in}} = A^{(l-1)}, \quad Z = A^{(l-1)} W^{(l)\top} + \mathbf{b}^{(l)},
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
        """The last hidden layer's activations A^{(D-1)} for a checked X (pure)."""
        A = X
        for W, b in self.params[:-1]:
            Z = A @ W.T
            if self.bias:
                Z += b
            A = self._f(Z)
        return A

    def contributions(self, X):
        r"""The output layer's terms: what each unit of the last hidden layer adds.

        .. math:: c_{ioj} = (W^{(D)})_{oj}\,(A^{(D-1)})_{ij}, \qquad
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

    def _no_nan(self, values, X, what="logits"):
        """Refuse a NaN in ``values`` (n, k), computed from the checked ``X``: the scores
        overflowed (inf - inf), and a NaN compared or arg-maxed gives a class silently."""
        bad = np.isnan(values).any(axis=tuple(range(1, values.ndim)))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            largest = max(float(np.max(np.abs(W))) for W, _ in self.params)
            raise ValueError(
                f"the model's {what} are NaN for sample {i} of X: its weights (up to "
                f"|W| = {largest:.3g}) overflow on it (inf - inf), so there is no "
                f"prediction; a training run that diverged leaves such weights "
                f"(Trainer.diverged)"
            )

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

        Raises
        ------
        ValueError
            If ``X`` has the wrong shape or holds NaN or an infinity, or a logit is NaN
            (weights so large that the scores overflow, inf - inf: a NaN would be read
            as class 0 without a word).

        Examples
        --------
        >>> net = MLP([2, 1], params=[([[1.0, -1.0]], [0.0])])
        >>> net.predict([[2.0, 1.0], [0.0, 1.0]])
        array([1, 0])
        """
        X, single = self._inputs(X)
        Z = self._logits(X)
        self._no_nan(Z, X)
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

        Raises
        ------
        ValueError
            As :meth:`predict`, and if a probability is NaN (logits of $+\infty$).

        Examples
        --------
        >>> net = MLP([2, 1], params=[([[1.0, -1.0]], [0.0])])
        >>> net.predict_proba([[1.0, 1.0]])
        array([0.5])
        """
        X, single = self._inputs(X)
        Z = self._logits(X)
        self._no_nan(Z, X)
        if self.sizes[-1] == 1:
            P = KERNELS["sigmoid"][0](Z[:, 0])
        else:
            with np.errstate(invalid="ignore"):  # nan only if the logits overflowed
                P = KERNELS["softmax"][0](Z, axis=1)
            self._no_nan(P, X, "probabilities (from logits of +-inf)")
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
        r"""Every trainable parameter in one vector $\theta$: $W^{(1)}$ (row by row), $\mathbf{b}^{(1)}$,
        $W^{(2)}$, $\mathbf{b}^{(2)}$, ... (biases left out when ``bias=False``).

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


def backprop(params, As, Zs, dZ, f_grad, *, bias=True, want_dX=False):
    r"""Backpropagation through a stack of dense layers: the loop of Chapter 5.

    From the forward pass's layer inputs ``As`` ($A^{(0)} = X, A^{(1)}, \dots$), scores ``Zs``
    ($Z^{(1)}, \dots, Z^{(D)}$) and $\Delta^{(D)} = \partial L / \partial Z^{(D)}$ (``dZ``), for
    $l = L, \dots, 1$:

    .. math:: \frac{\partial L}{\partial W^{(l)}} = \Delta^{(l)\top} A^{(l-1)}, \quad
              \frac{\partial L}{\partial \mathbf{b}^{(l)}} = \mathbf{1}^\top \Delta^{(l)}, \quad
              \Delta^{(l-1)} = (\Delta^{(l)} W^{(l)}) \odot f'(Z^{(l-1)})

    and, if asked, $\partial L / \partial X = \Delta^{(1)} W^{(1)}$. This is what
    :meth:`MLP.backward` runs (after checking its input).

    Derived in Chapter 5, section "Backpropagation in matrix form".

    Parameters
    ----------
    params : list of (W, b)
        ``W`` of shape (n_out, n_in) per layer, as in :attr:`MLP.params`.
    As : list of ndarray
        ``As[l]`` is the input of layer ``l`` (0-based), shape (n_samples, n_in); an
        extra last entry (the logits) is not used.
    Zs : list of ndarray
        ``Zs[l]`` are the scores of layer ``l``, shape (n_samples, n_out).
    dZ : ndarray of shape (n_samples, sizes[-1])
        The gradient of the loss with respect to the logits.
    f_grad : callable or None
        ``f_grad(Z, A)``: the activation's derivative at ``Z`` given ``A = f(Z)``
        (:data:`nncore.activations.KERNELS`); None for linear layers.
    bias : bool, default=True
        False: the layers have no bias, every ``db`` is zero.
    want_dX : bool, default=False
        Also return the gradient with respect to the input.

    Returns
    -------
    grads : list of (ndarray, ndarray)
        ``(dW, db)`` per layer, in the order and shapes of ``params``.
    dX : ndarray of shape (n_samples, sizes[0]) or None
    deltas : list of ndarray
        $\Delta^{(l)}$ per layer (the last one is ``dZ`` itself).

    Examples
    --------
    >>> X, W = np.array([[2.0, 1.0]]), np.array([[1.0, -1.0]])  # one linear neuron
    >>> grads, dX, deltas = backprop([(W, np.zeros(1))], [X], [X @ W.T],
    ...                              np.array([[1.0]]), None, want_dX=True)
    >>> grads[0][0], dX  # dW = delta^T x, dL/dx = delta W
    (array([[2., 1.]]), array([[ 1., -1.]]))
    """
    grads, deltas = [None] * len(params), [None] * len(params)
    for l in reversed(range(len(params))):  # params[l] = (W^(l+1), b^(l+1))
        W = params[l][0]
        deltas[l] = dZ  # Delta^(l+1)
        dW = dZ.T @ As[l]  # Delta^(l+1)^T A^(l)
        db = dZ.sum(axis=0) if bias else np.zeros(W.shape[0], dtype=dZ.dtype)
        grads[l] = (dW, db)
        if l > 0:
            dA = dZ @ W  # dL/dA^(l) = Delta^(l+1) W^(l+1)
            if f_grad is not None:
                dA *= f_grad(Zs[l - 1], As[l])  # times f'(Z^(l)), elementwise: Delta^(l)
            dZ = dA
    dX = deltas[0] @ params[0][0] if want_dX else None  # dL/dX = Delta^(1) W^(1)
    return grads, dX, deltas


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

    .. math:: W = W^{(D)} W^{(D-1)} \cdots W^{(1)}, \qquad
              \mathbf{b} = W^{(D)}(\cdots W^{(2)}(\mathbf{b}^{(1)}) + \mathbf{b}^{(2)} \cdots) + \mathbf{b}^{(D)}

    so that $W^{(D)}(\cdots(W^{(1)}\mathbf{x} + \mathbf{b}^{(1)})\cdots) + \mathbf{b}^{(D)} = W\mathbf{x}
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
