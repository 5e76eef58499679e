"""The same network in :class:`nncore.autodiff.Value` scalars (:func:`as_value_graph`), so
the matrix backward pass can be checked against the scalar one of Chapter 4."""

from __future__ import annotations

import numpy as np

from .._checks import as_array
from ._network import check_choice
from ._training import LOSSES, check_model, check_targets, resolve_loss

__all__ = ["as_value_graph"]


def as_value_graph(model, x, y, loss="mse"):
    r"""The network and loss for one sample, rebuilt from :class:`nncore.autodiff.Value`.

    Every weight and bias becomes a Value, every neuron computes
    $z_j = \sum_k W_{jk} a_k + b_j$ and its activation with Value operations, and the loss
    is built on top:

    .. math:: \text{mse: } \frac{1}{k}\sum_o (z_o - y_o)^2, \qquad
              \text{cross-entropy: } \log\sum_o e^{z_o - m} + m - z_y, \qquad
              \text{binary: } \log(1 + e^{-|z|}) + \max(z, 0) - y z

    ($m = \max_o z_o$, a constant). Call ``loss_value.backward()``: then
    ``value_params[l][0][j][k].grad`` is $\partial L / \partial W^{(l)}_{jk}$, to compare
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
    >>> from nncore.mlp import MLP
    >>> net = MLP([1, 1], params=[([[2.0]], [1.0])])
    >>> L, vp = as_value_graph(net, [3.0], 5.0)  # (2*3 + 1 - 5)^2 = 4
    >>> L.backward(); L.data, vp[0][0][0][0].grad  # 2 (z - y) x = 12
    (4.0, 12.0)
    """
    from nncore.autodiff import Value

    model = check_model(model)
    name = check_choice(loss, "loss", LOSSES)
    name = resolve_loss(name, model.sizes[-1])
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
        T = check_targets(np.reshape(np.asarray(y), (1,)), name, 1, n_out, np.float64)
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
