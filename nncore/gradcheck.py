r"""Numerical derivatives, to check gradients worked out by hand.

A derivative is a limit of slopes. With a small step $\varepsilon$ the *central
difference*

.. math:: \frac{\partial f}{\partial x_i}(\mathbf{x}) \approx
          \frac{f(\mathbf{x} + \varepsilon\,\mathbf{e}_i) - f(\mathbf{x} - \varepsilon\,\mathbf{e}_i)}
               {2\varepsilon}

is accurate to order $\varepsilon^2$ (the error of the one-sided difference is of order
$\varepsilon$), and needs nothing but the function itself. Every gradient in the book is
compared with it: :func:`numerical_gradient` computes it, :func:`relative_error` says
how far two gradients are apart. For a network, :func:`numerical_param_gradients` does
the same for every weight and bias of a list of ``(W, b)`` layers, and
:func:`max_relative_errors` compares the result with backpropagation's, layer by layer.
:func:`gradient_cost` measures what the two ways of getting a gradient cost: reverse mode
about one forward pass, central differences $2d$ of them.

Numpy only: this module belongs to the maths layer of nncore.
"""


import math
import time

import numpy as np

from nncore._checks import (
    as_array,
    as_callable,
    as_int,
    as_nonnegative,
    as_positive,
    as_rng,
    check_same_shape,
    is_int,
)
from nncore.autodiff import Value

__all__ = [
    "gradient_cost",
    "max_relative_errors",
    "numerical_gradient",
    "numerical_jacobian",
    "numerical_param_gradients",
    "relative_error",
]


def _value(f, x, where):
    """``f(x)`` as a finite Python float, refusing arrays of more than one element and
    NaN or infinities (``where`` says at which point, for the message): a difference
    of non-finite values is no derivative."""
    out = np.asarray(f(x))
    if out.size != 1:
        raise ValueError(
            f"f must return a single number (a scalar loss); got an array of shape {out.shape}"
        )
    if out.dtype.kind not in "biuf":
        raise TypeError(f"f must return a real number; got dtype {out.dtype}")
    value = float(out.reshape(()))
    if not math.isfinite(value):
        raise ValueError(f"f must return a finite number (central differences subtract two "
                         f"values of f); got {value} at {where}")
    return value


def _index(i):
    """An index of ``np.ndindex`` as the reader writes it: ``[2]``, ``[0, 1]``, or
    nothing for the one entry of a 0-d array."""
    return "[" + ", ".join(str(k) for k in i) + "]" if i else ""


def numerical_gradient(f, x, eps=1e-6):
    r"""The gradient of a scalar function by central differences, one coordinate at a time.

    .. math:: g_i = \frac{f(\mathbf{x} + \varepsilon\,\mathbf{e}_i)
                          - f(\mathbf{x} - \varepsilon\,\mathbf{e}_i)}{2\varepsilon}

    where $\mathbf{e}_i$ is 1 at position $i$ and 0 elsewhere. ``x`` may have any shape
    (a vector of parameters, a weight matrix ...); the gradient has the same shape. Each
    call of ``f`` gets a fresh float copy, so ``x`` is never modified, even by an ``f``
    that writes into its argument. It costs $2d$ calls of ``f`` for $d$ elements, so it
    is a check, not a way to train.

    Derived in Chapter 3, section "The gradient".

    Parameters
    ----------
    f : callable
        ``f(x) -> float``, called with float arrays of the shape of ``x``.
    x : array_like of any shape
        The point, finite.
    eps : float, default 1e-6
        The step $\varepsilon$, finite and > 0.

    Returns
    -------
    ndarray of the shape of ``x``

    Raises
    ------
    ValueError
        If ``x`` contains NaN or an infinity, ``eps`` is not a finite number > 0, or
        ``f`` returns more than one number, or NaN or an infinity.
    TypeError
        If ``f`` is not callable (a value such as ``f(x)`` given instead of ``f``), or
        ``x`` or ``eps`` is not made of real numbers.

    Examples
    --------
    >>> g = numerical_gradient(lambda v: np.sum(v ** 2), [1.0, -2.0, 3.0])  # 2 x
    >>> np.round(g, 6)
    array([ 2., -4.,  6.])
    """
    f = as_callable(f, "f", "f(x) -> float")
    x = as_array(x, "x")
    eps = as_positive(eps, "eps")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += eps
        minus[i] -= eps
        at = f"x{_index(i)}"  # "at x[0] + eps": x with that one entry moved
        grad[i] = (_value(f, plus, f"{at} + eps") - _value(f, minus, f"{at} - eps")) / (2 * eps)
    return grad


def numerical_jacobian(f, x, eps=1e-6):
    r"""The Jacobian of a vector function by central differences.

    .. math:: J_{ij} = \frac{\partial f_i}{\partial x_j}
              \approx \frac{f_i(\mathbf{x} + \varepsilon\,\mathbf{e}_j)
                            - f_i(\mathbf{x} - \varepsilon\,\mathbf{e}_j)}{2\varepsilon}

    Inputs and outputs of any shape are flattened (row-major, as ``np.ravel``), so a
    function of a 2x2 matrix with a 2x2 result has a 4x4 Jacobian. Each call of ``f``
    gets a fresh float copy of ``x``.

    Derived in Chapter 6, section "Which Jacobians are diagonal".

    Parameters
    ----------
    f : callable
        ``f(x) -> array_like``, called with float arrays of the shape of ``x``; the
        result must have the same size at every point.
    x : array_like of any shape
        The point, finite.
    eps : float, default 1e-6
        The step $\varepsilon$, finite and > 0.

    Returns
    -------
    ndarray of shape (f(x).size, x.size)

    Raises
    ------
    ValueError
        If ``x`` contains NaN or an infinity, ``eps`` is not a finite number > 0, or
        ``f`` returns arrays of different sizes at different points, or NaN or an
        infinity at a point it is differenced at.
    TypeError
        If ``f`` is not callable, ``x`` or ``eps`` is not made of real numbers, or ``f``
        returns non-numbers.

    Examples
    --------
    >>> J = numerical_jacobian(lambda v: np.array([v[0] * v[1], v[0] + 2 * v[1]]), [3.0, 5.0])
    >>> np.round(J, 6)  # [[x1, x0], [1, 2]]
    array([[5., 3.],
           [1., 2.]])
    """
    f = as_callable(f, "f", "f(x) -> array")
    x = as_array(x, "x")
    eps = as_positive(eps, "eps")

    def values(point, where=None):
        out = np.asarray(f(point))
        if out.dtype.kind not in "biuf":
            raise TypeError(f"f must return real numbers; got dtype {out.dtype}")
        out = out.astype(float).ravel()
        if where is not None and not np.all(np.isfinite(out)):
            k = int(np.flatnonzero(~np.isfinite(out))[0])
            raise ValueError(f"f must return finite numbers (central differences subtract "
                             f"two values of f); got {out[k]} in entry {k} at {where}")
        return out

    n_out = values(x.copy()).size
    J = np.zeros((n_out, x.size))
    for j, i in enumerate(np.ndindex(x.shape)):
        plus, minus = x.copy(), x.copy()
        plus[i] += eps
        minus[i] -= eps
        at = f"x{_index(i)}"
        f_plus, f_minus = values(plus, f"{at} + eps"), values(minus, f"{at} - eps")
        if f_plus.size != n_out or f_minus.size != n_out:
            raise ValueError(
                f"f must return {n_out} numbers at every point (as at x); "
                f"got {f_plus.size} and {f_minus.size} near x"
            )
        J[:, j] = (f_plus - f_minus) / (2 * eps)
    return J


def relative_error(a, b):
    r"""How far apart two arrays are, relative to their size.

    .. math:: \mathrm{err}(\mathbf{a}, \mathbf{b})
              = \frac{\max_i |a_i - b_i|}{\max(\max_i |a_i|,\; \max_i |b_i|,\; \text{tiny})}

    with tiny the smallest normal float (about 2.2e-308), so two zero arrays are 0 apart
    instead of 0/0. The result is 0 for equal arrays, at most 2, and does not change when
    both arrays are multiplied by the same number: an analytic gradient that agrees with
    :func:`numerical_gradient` gives about 1e-8 or less, a wrong one something near 1.

    Derived in Chapter 3, section "The gradient".

    Parameters
    ----------
    a : array_like of any shape
    b : array_like of the same shape as ``a``

    Returns
    -------
    float
        In $[0, 2]$.

    Raises
    ------
    ValueError
        If the shapes differ (no broadcasting), the arrays are empty, or either contains
        NaN or an infinity.
    TypeError
        If either contains something other than real numbers.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.2])  # 0.2 / 2.2
    0.09090909090909098
    >>> relative_error([0.0], [0.0])
    0.0
    """
    a = as_array(a, "a")
    b = as_array(b, "b")
    check_same_shape(a, b, "a", "b")
    if a.size == 0:  # no entry to compare: 0.0 would claim an agreement never checked
        raise ValueError(f"a and b must not be empty (there is nothing to compare); got "
                         f"shape {a.shape}")
    # Halving both first is exact and keeps a - b finite near the float range.
    diff = float(np.max(np.abs(a / 2 - b / 2)))
    size = max(float(np.max(np.abs(a))), float(np.max(np.abs(b)))) / 2
    return diff / max(size, float(np.finfo(float).tiny) / 2)


def _check_params(params, name="params"):
    """A non-empty list of (W, b) float ndarray pairs (the arrays themselves)."""
    if not hasattr(params, "__len__") or isinstance(params, np.ndarray) or len(params) == 0:
        raise ValueError(f"{name} must be a non-empty list of (W, b) pairs; got {params!r}")
    for l, entry in enumerate(params):
        if not (isinstance(entry, (tuple, list)) and len(entry) == 2):
            raise ValueError(f"{name}[{l}] must be a pair (W, b); got {type(entry).__name__}")
        for part, arr in zip("Wb", entry):
            if not isinstance(arr, np.ndarray) or arr.dtype.kind != "f":
                raise TypeError(
                    f"{name}[{l}] {part} must be a float numpy array (perturbed in place); "
                    f"got {type(arr).__name__}"
                    + (f" of dtype {arr.dtype}" if isinstance(arr, np.ndarray) else "")
                )
    return params


def numerical_param_gradients(f, params, eps=1e-6):
    r"""Central-difference gradients of a loss with respect to every weight and bias.

    .. math:: \frac{\partial f}{\partial (W_l)_{jk}} \approx
              \frac{f\bigl((W_l)_{jk} + \varepsilon\bigr) - f\bigl((W_l)_{jk} - \varepsilon\bigr)}
                   {2\varepsilon}

    and likewise for every bias entry. ``f`` takes no argument: it reads the arrays in
    ``params`` (typically a model's own ``model.params``), so each entry is changed *in
    place*, ``f`` called, and the entry restored exactly (the saved value is written
    back, so no rounding accumulates). It costs two calls of ``f`` per parameter.

    Derived in Chapter 5, section "Checking every gradient".

    Parameters
    ----------
    f : callable
        ``f() -> float``: the loss computed from the current contents of ``params``.
    params : list of (W, b)
        Float numpy arrays, modified temporarily and restored.
    eps : float, default 1e-6
        The step, finite and > 0.

    Returns
    -------
    list of (ndarray, ndarray)
        ``(dW, db)`` per layer, shapes as ``params``.

    Raises
    ------
    TypeError
        If an entry of ``params`` is not a float numpy array, or ``f`` does not return a
        real number.
    ValueError
        If ``params`` is not a list of pairs, ``eps`` is not a finite number > 0, or ``f``
        returns more than one number, or NaN or an infinity.

    Examples
    --------
    >>> W, b = np.array([[2.0, -1.0]]), np.array([0.5])
    >>> x = np.array([1.0, 3.0])
    >>> grads = numerical_param_gradients(lambda: float((W @ x + b)[0] ** 2), [(W, b)])
    >>> np.round(grads[0][0], 6), np.round(grads[0][1], 6)  # 2 z x and 2 z, z = -0.5
    (array([[-1., -3.]]), array([-1.]))
    """
    f = as_callable(f, "f", "f() -> float")
    params = _check_params(params)
    eps = as_positive(eps, "eps")
    call = lambda _: f()
    grads = []
    for l, (W, b) in enumerate(params):
        pair = []
        for part, arr in zip("Wb", (W, b)):
            g = np.zeros(arr.shape)
            for i in np.ndindex(arr.shape):
                saved = arr[i]
                at = f"params[{l}] {part}{_index(i)}"
                try:
                    arr[i] = saved + eps
                    up = _value(call, None, f"{at} + eps")
                    arr[i] = saved - eps
                    down = _value(call, None, f"{at} - eps")
                finally:
                    arr[i] = saved
                g[i] = (up - down) / (2 * eps)
            pair.append(g)
        grads.append(tuple(pair))
    return grads


def max_relative_errors(analytic, numeric):
    r"""Layer by layer, how far analytic gradients are from numerical ones.

    .. math:: \bigl(\mathrm{err}(\partial W_l^{\text{analytic}}, \partial W_l^{\text{numeric}}),\;
              \mathrm{err}(\partial \mathbf{b}_l^{\text{analytic}}, \partial \mathbf{b}_l^{\text{numeric}})\bigr)

    with err the :func:`relative_error` (largest difference over the largest entry). In
    float64 a correct backward pass gives about 1e-9 or less; a wrong one something near 1.

    Derived in Chapter 5, section "Checking every gradient".

    Parameters
    ----------
    analytic : list of (dW, db)
        From :meth:`nncore.mlp.MLP.backward`, say.
    numeric : list of (dW, db)
        From :func:`numerical_param_gradients`; same length and shapes.

    Returns
    -------
    list of (float, float)
        ``(err_W, err_b)`` per layer.

    Raises
    ------
    ValueError
        If the lists differ in length, an entry is not a pair ``(dW, db)`` (a tuple or
        list; a 2-row array is not read as one), the arrays of a pair differ in shape,
        or contain NaN or an infinity.

    Examples
    --------
    >>> a = [(np.array([[1.0, 2.0]]), np.array([1.0]))]
    >>> n = [(np.array([[1.0, 2.2]]), np.array([1.0]))]
    >>> max_relative_errors(a, n)  # 0.2 / 2.2 for W, 0 for b
    [(0.09090909090909098, 0.0)]
    """
    if not hasattr(analytic, "__len__") or not hasattr(numeric, "__len__"):
        raise ValueError("analytic and numeric must be lists of (dW, db) pairs")
    if len(analytic) != len(numeric):
        raise ValueError(
            f"analytic and numeric must have one (dW, db) pair per layer each; got "
            f"{len(analytic)} and {len(numeric)} layers"
        )
    out = []
    for l, pairs in enumerate(zip(analytic, numeric)):
        for name, pair in zip(("analytic", "numeric"), pairs):
            # a 2x2 array has two rows, which must not pass for (dW, db)
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                got = (f"an ndarray of shape {pair.shape}" if isinstance(pair, np.ndarray)
                       else f"{type(pair).__name__}"
                       + (f" of length {len(pair)}" if isinstance(pair, (tuple, list)) else ""))
                raise ValueError(f"{name}[{l}] must be a pair (dW, db), a tuple or list of "
                                 f"two arrays; got {got}")
        a, n = pairs
        out.append(tuple(relative_error(a[i], n[i]) for i in range(2)))
    return out


def _neuron_loss(d, rng):
    """The default loss of :func:`gradient_cost` for ``d`` parameters: one sigmoid neuron
    with ``d - 1`` inputs (drawn once from ``rng``) and target 1, as a function of the list
    ``[w_1, ..., w_{d-1}, b]`` of Values."""
    x = (rng.standard_normal(d - 1) / math.sqrt(max(d - 1, 1))).tolist()

    def loss(params):
        z = params[-1]
        for w_i, x_i in zip(params[:-1], x):
            z = z + w_i * x_i
        return (z.sigmoid() - 1.0) ** 2

    return loss


def _median_time(run, n_repeats, min_time):
    """The median over ``n_repeats`` batches of the time of one call of ``run()``, in
    seconds. Each batch makes ``number`` calls, doubled from 1 until a batch lasts at
    least ``min_time`` (as ``timeit``'s autorange does), so that a call of microseconds is
    timed in the same steady state as a long loop of them; ``min_time=0``: one call."""

    def batch(number):
        start = time.perf_counter()
        for _ in range(number):
            run()
        return time.perf_counter() - start

    number = 1
    if min_time > 0:
        while batch(number) < min_time and number < 2**20:
            number *= 2
    return float(np.median([batch(number) / number for _ in range(n_repeats)]))


def gradient_cost(ds, *, loss=None, n_repeats=5, min_time=0.005, seed=0):
    r"""What a gradient costs, measured: one loss evaluation, reverse mode, central differences.

    For each number of parameters $d$ in ``ds`` it times, at a random point
    $\boldsymbol{\theta} \in \mathbb{R}^d$ and with the scalar engine
    :class:`nncore.autodiff.Value`,

    - one evaluation of the loss $L(\boldsymbol{\theta})$ (the forward pass, which
      records the graph);
    - one gradient $\nabla L(\boldsymbol{\theta})$ by reverse mode: the forward pass and
      :meth:`~nncore.autodiff.Value.backward`. Every node of the graph is visited once
      more, so this costs a small constant times one forward pass, *whatever* $d$;
    - one gradient by central differences, :func:`numerical_gradient`:

      .. math:: \frac{\partial L}{\partial \theta_i} \approx
                \frac{L(\boldsymbol{\theta} + \varepsilon\,\mathbf{e}_i)
                      - L(\boldsymbol{\theta} - \varepsilon\,\mathbf{e}_i)}{2\varepsilon},
                \qquad i = 1, \dots, d,

      which evaluates the loss exactly $2d$ times, so its cost grows like $d$ times one
      forward pass.

    Each time is the median of ``n_repeats`` batches (wall clock, ``time.perf_counter``),
    each batch as many calls as make it last ``min_time`` (``timeit``'s autorange), so
    short and long computations are timed alike. The times depend on the machine; the
    *ratios* are what the chapter reads. The calls of the loss
    are counted (a counting wrapper around ``loss``), and the two gradients compared with
    :func:`relative_error`.

    The default loss is the squared error of one sigmoid neuron with $d - 1$ inputs,
    Chapter 4's neuron with more inputs:

    .. math:: L(\mathbf{w}, b) = \bigl(\sigma(\mathbf{w}\cdot\mathbf{x} + b) - 1\bigr)^2,
              \qquad \boldsymbol{\theta} = (w_1, \dots, w_{d-1}, b),

    with $\mathbf{x}$ drawn once per $d$ from a normal distribution with variance
    $1/(d - 1)$, so that $z$ stays of order 1. Its graph has about $2d$ nodes.

    Derived in Chapter 4, section "What a gradient costs".

    Parameters
    ----------
    ds : sequence of int
        The numbers of parameters $d$, each >= 1, at least one.
    loss : callable, optional
        ``loss(params) -> Value``, with ``params`` a list of $d$ :class:`Value` leaves; it
        must work for every $d$ in ``ds``. Default: the neuron above.
    n_repeats : int, default 5
        Batches per measurement, >= 1; the median is reported.
    min_time : float, default 0.005
        The shortest batch, in seconds, >= 0; 0 makes every batch a single call.
    seed : int or numpy.random.Generator, default 0
        For the point $\boldsymbol{\theta}$ (normal, standard deviation 0.5) and the
        inputs of the default neuron.

    Returns
    -------
    dict of ndarray, each of shape (len(ds),)
        ``"d"`` (int), the numbers of parameters; ``"loss"``, ``"reverse"`` and
        ``"central"``, the median times in seconds of one loss evaluation, one reverse-mode
        gradient and one central-difference gradient; ``"central_calls"`` (int), how many
        times the central-difference gradient called the loss ($2d$); and
        ``"relative_error"``, between the two gradients (about 1e-9 or less).

    Raises
    ------
    ValueError
        If ``ds`` is empty or not one-dimensional, an entry is < 1, ``n_repeats`` < 1, or
        ``min_time`` is negative or not finite.
    TypeError
        If an entry of ``ds`` or ``n_repeats`` is not an int, ``loss`` is not callable or
        does not return a :class:`Value`, or ``seed`` is not a seed.

    Examples
    --------
    >>> cost = gradient_cost([1, 4], n_repeats=1, min_time=0)
    >>> cost["central_calls"].tolist()  # 2 d
    [2, 8]
    >>> bool(np.all(cost["relative_error"] < 1e-7))
    True
    """
    if isinstance(ds, (str, bytes)) or not hasattr(ds, "__len__"):
        raise TypeError(f"ds must be a sequence of ints (numbers of parameters); got {ds!r:.60}")
    if np.ndim(ds) != 1 or len(ds) == 0:
        raise ValueError(f"ds must be a non-empty 1-D sequence of ints >= 1; got {ds!r:.60}")
    for d in ds:
        if not is_int(d):
            raise TypeError(f"each entry of ds must be an int (a number of parameters); got "
                            f"{d!r} of type {type(d).__name__}")
        if d < 1:
            raise ValueError(f"each entry of ds must be an int >= 1; got {d}")
    ds = [int(d) for d in ds]
    n_repeats = as_int(n_repeats, "n_repeats", minimum=1)
    min_time = as_nonnegative(min_time, "min_time")
    if loss is not None:
        as_callable(loss, "loss", "loss(params) -> Value")
    rng = as_rng(seed)

    out = {key: [] for key in ("d", "loss", "reverse", "central", "central_calls",
                               "relative_error")}
    for d in ds:
        f = loss if loss is not None else _neuron_loss(d, rng)
        theta = 0.5 * rng.standard_normal(d)
        calls = [0]

        def counted(params, f=f, calls=calls):
            calls[0] += 1
            result = f(params)
            if not isinstance(result, Value):
                raise TypeError(f"loss must return a Value (built from params); got "
                                f"{type(result).__name__}")
            return result

        def evaluate(point=theta, counted=counted):
            return counted([Value(t) for t in point]).data

        def reverse(counted=counted, theta=theta):
            params = [Value(t) for t in theta]
            counted(params).backward()
            return np.array([p.grad for p in params])

        def central(evaluate=evaluate, theta=theta):
            return numerical_gradient(evaluate, theta)

        before = calls[0]
        g_central = central()
        central_calls = calls[0] - before
        g_reverse = reverse()
        out["d"].append(d)
        out["loss"].append(_median_time(evaluate, n_repeats, min_time))
        out["reverse"].append(_median_time(reverse, n_repeats, min_time))
        out["central"].append(_median_time(central, n_repeats, min_time))
        out["central_calls"].append(central_calls)
        out["relative_error"].append(relative_error(g_reverse, g_central))
    return {key: np.array(values, dtype=int if key in ("d", "central_calls") else float)
            for key, values in out.items()}
