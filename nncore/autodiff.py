r"""Automatic differentiation on scalars: the chain rule, one node of a graph at a time.

A :class:`Value` holds one number and remembers how it was made: from which inputs
(its *children*, ``_prev``) and by which operation (``_op``). A formula built from
Values is therefore also a computation graph. Each operation records, right beside
the number it computes, its *local derivatives*: how much its output moves per unit
move of each input. :meth:`Value.backward` then applies the chain rule

.. math:: \frac{\partial L}{\partial c}
          \mathrel{+}= \frac{\partial v}{\partial c}\,\frac{\partial L}{\partial v}

to every node $v$ and each of its children $c$, walking the graph from the output
back to the inputs. The ``+=`` is what makes a node used twice come out right: it
collects one contribution per path (Chapter 4, section "A node used twice").

As in micrograd (Karpathy's ``engine.py``), subtraction and division are not given
derivatives of their own: ``a - b`` is ``a + (-1) * b`` and ``a / b`` is ``a * b**-1``,
so their gradients follow from those of ``+``, ``*`` and ``**``.

:func:`neuron` builds the chapter's one-neuron chain as Values, and
:func:`neuron_grads` computes the same gradients from the hand-derived formulas.

Plain ``math`` on Python floats, no numpy arrays: this module belongs to the maths layer
of nncore.
"""

import math
import numbers

from nncore._checks import as_scalar
from nncore.activations import sigmoid as _sigmoid

__all__ = ["Value", "chain_grads", "neuron", "neuron_grads"]


def _is_number(x):
    """True for an int or float (numpy scalars included), False for bools and the rest."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


class Value:
    r"""A scalar that records the computation graph it belongs to, for backpropagation.

    Supports ``+ - * /`` between Values and with numbers on either side (``2 * v``,
    ``v + 1``, ``1 - v``, ``2 / v``), unary ``-``, ``v ** k`` for a *number* ``k``, and
    the functions :meth:`relu`, :meth:`tanh`, :meth:`sigmoid`, :meth:`exp`, :meth:`log`.
    Each result is a new Value whose ``_prev`` are its inputs.

    Derived in Chapter 4, section "Automatic differentiation".

    Parameters
    ----------
    data : float
        The number, finite.
    _children : tuple of Value, default ()
        The inputs this Value was computed from (set by the operations).
    _op : str, default ""
        The operation that made it, such as ``"+"``, ``"*"``, ``"**2"``, ``"sigmoid"``;
        empty for an input.
    label : str, default ""
        A name for drawing the graph, such as ``"w"`` or ``"z"``. A number that an
        operation turns into a Value (the 2 in ``2 * v``) gets its own value as label.

    Attributes
    ----------
    data : float
        The number.
    grad : float
        $\partial L / \partial\,\mathrm{self}$ after ``L.backward()``; starts at 0.0.
    label : str
    _op : str
    _prev : tuple of Value
        The distinct inputs, in the order the operation took them.

    Notes
    -----
    Local derivatives: every node stores, when it is computed, the pairs
    ``(child, d self / d child)`` in ``_local`` (one pair per operand, so ``a * a`` has
    two); :meth:`local_grads` gives them per distinct child, summed, for drawing the
    derivative on each edge of the graph. :meth:`backward` multiplies each by the
    upstream gradient and adds it to the child's ``grad``.

    Examples
    --------
    >>> x = Value(2.0, label="x")
    >>> y = x * x + 3 * x        # dy/dx = 2x + 3 = 7
    >>> y
    Value(data=10.0, grad=0.0)
    >>> y.backward()
    >>> x.grad
    7.0
    """

    # numpy must not treat a Value as an array element: ``np.float64(2) * v`` then
    # calls ``v.__rmul__`` and gives a Value, as ``2.0 * v`` does.
    __array_ufunc__ = None

    def __init__(self, data, _children=(), _op="", label=""):
        if isinstance(data, Value):
            raise TypeError(f"data must be a real number; got a Value, {data!r}: use it directly")
        if not _is_number(data):
            raise TypeError(
                f"data must be a real number (int or float); got {data!r} "
                f"of type {type(data).__name__}"
            )
        data = float(data)
        if not math.isfinite(data):
            made = f" (the result of {_op!r})" if _op else ""
            raise ValueError(f"data must be a finite number; got {data}{made}")
        self.data = data
        self.grad = 0.0
        self.label = str(label)
        self._op = str(_op)
        # The distinct inputs, in order (a * a has the single input a).
        self._prev = tuple(dict.fromkeys(_children))
        # (child, d self / d child) for each operand, filled in by the operation.
        self._local = ()

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    # ------------------------------------------------------------------ building blocks
    @staticmethod
    def _lift(other):
        """``other`` as a Value: a number becomes a constant leaf labelled by itself."""
        if isinstance(other, Value):
            return other
        if _is_number(other):
            return Value(other, label=f"{float(other):g}")
        return NotImplemented

    @staticmethod
    def _node(data, op, local):
        """The output of an operation: its number, and its local derivatives beside it.

        ``local`` is a sequence of pairs ``(child, d out / d child)``.
        """
        out = Value(data, tuple(child for child, _ in local), op)
        out._local = tuple((child, float(d)) for child, d in local)
        return out

    def _backward(self):
        """The chain rule at this node: each input gets (d self / d input) * (d L / d self)."""
        for child, local in self._local:
            child.grad += local * self.grad

    # ------------------------------------------------------------------ operations
    def __add__(self, other):
        other = self._lift(other)
        if other is NotImplemented:
            return other
        # d(a + b)/da = 1, d(a + b)/db = 1
        return self._node(self.data + other.data, "+", [(self, 1.0), (other, 1.0)])

    def __mul__(self, other):
        other = self._lift(other)
        if other is NotImplemented:
            return other
        # d(a * b)/da = b, d(a * b)/db = a
        return self._node(self.data * other.data, "*", [(self, other.data), (other, self.data)])

    def __pow__(self, k):
        if isinstance(k, Value):
            raise TypeError(
                "the exponent of ** must be a number (int or float), not a Value; got "
                f"{self!r} ** {k!r}. For a variable exponent write (k * x.log()).exp()."
            )
        if not _is_number(k):
            raise TypeError(
                f"the exponent of ** must be a number (int or float); got {k!r} "
                f"of type {type(k).__name__}"
            )
        k = float(k)
        x = self.data
        if x == 0 and k < 0:
            raise ZeroDivisionError(f"0 ** {k:g} is undefined: cannot raise {self!r} to a negative power")
        if x < 0 and not k.is_integer():
            raise ValueError(f"({x:g}) ** {k:g} is not a real number: a negative base needs an integer exponent")
        if x == 0 and 0 < k < 1:
            raise ValueError(
                f"x ** {k:g} has an infinite derivative at x = 0, so it cannot be differentiated "
                f"there; got {self!r}"
            )
        try:
            data = x**k
            # d(x^k)/dx = k x^(k-1)
            local = k * x ** (k - 1)
        except OverflowError as err:
            raise ValueError(f"({x:g}) ** {k:g} overflows a float") from err
        return self._node(data, f"**{k:g}", [(self, local)])

    def __neg__(self):  # -a = a * (-1)
        return self * -1

    def __radd__(self, other):  # other + self
        return self + other

    def __sub__(self, other):  # a - b = a + (-b)
        other = self._lift(other)
        if other is NotImplemented:
            return other
        return self + (-other)

    def __rsub__(self, other):  # other - self
        other = self._lift(other)
        if other is NotImplemented:
            return other
        return other + (-self)

    def __rmul__(self, other):  # other * self
        return self * other

    def __truediv__(self, other):  # a / b = a * b**-1
        other = self._lift(other)
        if other is NotImplemented:
            return other
        if other.data == 0:
            raise ZeroDivisionError(f"division by zero: the divisor is {other!r}, whose data is 0")
        return self * other**-1

    def __rtruediv__(self, other):  # other / self
        other = self._lift(other)
        if other is NotImplemented:
            return other
        return other / self

    def __rpow__(self, base):
        raise TypeError(
            "the exponent of ** must be a number (int or float), not a Value; got "
            f"{base!r} ** {self!r}. For b ** x write (x * math.log(b)).exp()."
        )

    def relu(self):
        r"""$\max(0, x)$; its local derivative is 1 for $x > 0$ and 0 for $x \le 0$ (0 at the kink).

        Derived in Chapter 4, section "The local derivatives".

        Examples
        --------
        >>> Value(-2.0).relu()
        Value(data=0.0, grad=0.0)
        """
        x = self.data
        # d relu(x)/dx = 1 if x > 0 else 0
        return self._node(max(0.0, x), "relu", [(self, 1.0 if x > 0 else 0.0)])

    def tanh(self):
        r"""$\tanh x$; its local derivative is $1 - \tanh^2 x$.

        Derived in Chapter 4, section "The local derivatives".

        Examples
        --------
        >>> Value(0.0).tanh()
        Value(data=0.0, grad=0.0)
        """
        t = math.tanh(self.data)
        # d tanh(x)/dx = 1 - tanh(x)^2
        return self._node(t, "tanh", [(self, 1.0 - t * t)])

    def sigmoid(self):
        r"""$\sigma(x) = 1 / (1 + e^{-x})$ (stable two-branch form); local derivative $\sigma(1 - \sigma)$.

        The output is in $(0, 1)$; in floating point it rounds to 1.0 for $x \gtrsim 37$
        (see :func:`nncore.activations.sigmoid`).

        Derived in Chapter 4, section "One neuron as a chain".

        Examples
        --------
        >>> Value(0.0).sigmoid()
        Value(data=0.5, grad=0.0)
        """
        s = _sigmoid(self.data)
        # d sigma(x)/dx = sigma(x) (1 - sigma(x))
        return self._node(s, "sigmoid", [(self, s * (1.0 - s))])

    def exp(self):
        r"""$e^x$; its local derivative is $e^x$ itself.

        Raises ``ValueError`` if $e^x$ overflows a float ($x > 709.78$).

        Derived in Chapter 4, section "The local derivatives".

        Examples
        --------
        >>> Value(0.0).exp()
        Value(data=1.0, grad=0.0)
        """
        try:
            e = math.exp(self.data)
        except OverflowError as err:
            raise ValueError(
                f"exp({self.data:g}) overflows a float (exp is finite only for data <= 709.78); "
                f"got {self!r}"
            ) from err
        # d e^x/dx = e^x
        return self._node(e, "exp", [(self, e)])

    def log(self):
        r"""The natural logarithm $\ln x$, for $x > 0$; its local derivative is $1/x$.

        Raises ``ValueError`` for $x \le 0$.

        Derived in Chapter 4, section "The local derivatives".

        Examples
        --------
        >>> Value(1.0).log()
        Value(data=0.0, grad=0.0)
        """
        x = self.data
        if not x > 0:
            raise ValueError(f"log is defined only for data > 0; got {self!r}")
        # d ln(x)/dx = 1/x
        return self._node(math.log(x), "log", [(self, 1.0 / x)])

    # ------------------------------------------------------------------ the graph
    def nodes(self):
        """Every node this Value depends on, itself last, in topological order (inputs first).

        Each node comes after all of its children. Built by an iterative depth-first
        search (no recursion), so a chain of any length works.

        Returns
        -------
        list of Value

        Examples
        --------
        >>> a = Value(1.0, label="a")
        >>> b = a * 2
        >>> [n.label for n in (b + a).nodes()]
        ['a', '2', '', '']
        """
        order, seen = [], set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)  # all of its children are already in order
                continue
            if node in seen:
                continue
            seen.add(node)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node._prev) if child not in seen)
        return order

    def edges(self):
        """The arrows of the graph, as pairs ``(child, parent)``: ``child`` is an input of ``parent``.

        Ordered by the parent's place in :meth:`nodes`; one pair per distinct input.

        Returns
        -------
        list of tuple (Value, Value)
        """
        return [(child, node) for node in self.nodes() for child in node._prev]

    def local_grads(self):
        r"""The local derivatives of this node: pairs ``(child, d self / d child)``.

        One pair per distinct input, in the order of ``_prev``; an input used twice (as
        in ``a * a``) gets the sum of its two contributions ($2a$). Empty for an input.

        Derived in Chapter 4, section "A computation graph".

        Returns
        -------
        list of tuple (Value, float)

        Examples
        --------
        >>> a = Value(3.0)
        >>> [d for _, d in (a * a).local_grads()]
        [6.0]
        """
        total = dict.fromkeys(self._prev, 0.0)
        for child, local in self._local:
            total[child] += local
        return list(total.items())

    def zero_grad(self):
        """Set ``grad`` to 0.0 on this node and every node it depends on.

        Examples
        --------
        >>> x = Value(2.0)
        >>> y = x * x
        >>> y.backward(); x.grad
        4.0
        >>> y.zero_grad(); x.grad
        0.0
        """
        for node in self.nodes():
            node.grad = 0.0

    def backward(self):
        r"""Backpropagation: fill ``grad`` with $\partial\,\mathrm{self} / \partial v$ for every node $v$.

        The algorithm, as in Chapter 4, section "Automatic differentiation":

        1. sort the graph topologically (:meth:`nodes`: every node after its inputs);
        2. seed the output: $\partial L / \partial L = 1$;
        3. walk the nodes in reverse order, each adding (``+=``) its local derivatives
           times its own gradient to its inputs' gradients.

        Gradients *accumulate* on the inputs (the leaves: Values made directly, not by an
        operation), as in PyTorch: calling ``backward`` twice without :meth:`zero_grad`
        doubles them. The interior nodes are reset to 0 before each walk, so their
        ``grad`` is always that of the latest call. No recursion is used: graphs of
        any depth work.

        Examples
        --------
        >>> x = Value(3.0)
        >>> L = x * x
        >>> L.backward(); x.grad
        6.0
        >>> L.backward(); x.grad      # accumulated: 6 + 6
        12.0
        """
        topo = self.nodes()
        for node in topo:
            if node._prev:  # an interior node: this call's gradient only
                node.grad = 0.0
        self.grad = 1.0
        for node in reversed(topo):
            node._backward()


def _check_inputs(x, w, b, y):
    return tuple(as_scalar(v, name) for v, name in ((x, "x"), (w, "w"), (b, "b"), (y, "y")))


def neuron(x, w, b, y):
    r"""One neuron and its squared error on one sample, as a graph of Values.

    .. math:: z = w x + b, \qquad a = \sigma(z), \qquad L = (a - y)^2

    Every node carries its name as ``label`` (the product $wx$ is labelled ``"wx"``, the
    difference ``"a - y"``). Call ``L.backward()`` to get $\partial L/\partial w$ in
    ``parts["w"].grad``. The $1/n$ of the mean and the factor 2 are discussed in the
    chapter: this is one sample, and $L$ has no $\tfrac12$.

    Derived in Chapter 4, section "One neuron as a chain".

    Parameters
    ----------
    x : float
        The input.
    w : float
        The weight.
    b : float
        The bias.
    y : float
        The target.

    Returns
    -------
    L : Value
        The loss, the root of the graph.
    parts : dict of str to Value
        The named nodes ``"x", "w", "b", "z", "a", "y", "L"``.

    Raises
    ------
    ValueError
        If an argument is NaN, infinite or not a scalar.
    TypeError
        If an argument is not a real number.

    Examples
    --------
    >>> L, parts = neuron(x=1.0, w=0.5, b=-0.5, y=1.0)   # z = 0, a = 1/2
    >>> L
    Value(data=0.25, grad=0.0)
    >>> L.backward()
    >>> parts["w"].grad   # 2 (a - y) * a (1 - a) * x = -1 * 1/4 * 1
    -0.25
    """
    x, w, b, y = _check_inputs(x, w, b, y)
    x, w, b, y = Value(x, label="x"), Value(w, label="w"), Value(b, label="b"), Value(y, label="y")
    wx = w * x
    wx.label = "wx"
    z = wx + b
    z.label = "z"
    a = z.sigmoid()
    a.label = "a"
    e = a - y
    e.label = "a - y"
    L = e**2
    L.label = "L"
    return L, {"x": x, "w": w, "b": b, "z": z, "a": a, "y": y, "L": L}


def neuron_grads(x, w, b, y):
    r"""The gradients of :func:`neuron`'s loss by the hand-derived chain rule (floats, no graph).

    .. math:: \frac{\partial L}{\partial w}
              = \underbrace{2(a - y)}_{\partial L/\partial a}\,
                \underbrace{a(1 - a)}_{\partial a/\partial z}\,
                \underbrace{x}_{\partial z/\partial w},
              \qquad
              \frac{\partial L}{\partial b} = 2(a - y)\,a(1 - a)\cdot 1

    with $z = wx + b$ and $a = \sigma(z)$.

    Derived in Chapter 4, section "The local derivatives".

    Parameters
    ----------
    x, w, b, y : float
        The input, weight, bias and target.

    Returns
    -------
    dict of str to float
        ``"dL/dw"``, ``"dL/db"``, and the local derivatives ``"dz/dw"`` ($x$),
        ``"dz/db"`` (1), ``"da/dz"`` ($a(1-a)$), ``"dL/da"`` ($2(a - y)$), and
        ``"dL/dz"`` (their product $\partial L/\partial a \cdot \partial a/\partial z$).

    Raises
    ------
    ValueError
        If an argument is NaN, infinite or not a scalar.
    TypeError
        If an argument is not a real number.

    Examples
    --------
    >>> g = neuron_grads(x=1.0, w=0.5, b=-0.5, y=1.0)
    >>> g["dL/da"], g["da/dz"], g["dL/dw"]
    (-1.0, 0.25, -0.25)
    """
    x, w, b, y = _check_inputs(x, w, b, y)
    a = _sigmoid(w * x + b)
    dL_da = 2.0 * (a - y)
    da_dz = a * (1.0 - a)
    dz_dw, dz_db = x, 1.0
    dL_dz = dL_da * da_dz
    return {
        "dL/dw": dL_dz * dz_dw,
        "dL/db": dL_dz * dz_db,
        "dz/dw": dz_dw,
        "dz/db": dz_db,
        "da/dz": da_dz,
        "dL/da": dL_da,
        "dL/dz": dL_dz,
    }


def chain_grads(x, w1, b1, w2, b2, y):
    r"""Backpropagation through two sigmoid neurons in a chain, by hand (floats, no graph).

    The forward pass, with the input $x = a^{(0)}$,

    .. math:: z^{(1)} = w^{(1)} x + b^{(1)}, \quad a^{(1)} = \sigma(z^{(1)}), \quad
              z^{(2)} = w^{(2)} a^{(1)} + b^{(2)}, \quad a^{(2)} = \sigma(z^{(2)}), \quad
              L = (a^{(2)} - y)^2,

    and the backward pass, one error $\delta^{(l)} = \partial L/\partial z^{(l)}$ per
    neuron, from the loss back:

    .. math:: \delta^{(2)} = 2\,(a^{(2)} - y)\,\sigma'(z^{(2)}), \qquad
              \delta^{(1)} = w^{(2)}\,\delta^{(2)}\,\sigma'(z^{(1)}),

    .. math:: \frac{\partial L}{\partial w^{(2)}} = \delta^{(2)} a^{(1)}, \quad
              \frac{\partial L}{\partial b^{(2)}} = \delta^{(2)}, \quad
              \frac{\partial L}{\partial w^{(1)}} = \delta^{(1)} x, \quad
              \frac{\partial L}{\partial b^{(1)}} = \delta^{(1)},

    with $\sigma'(z) = \sigma(z)(1 - \sigma(z))$. It is the scalar form of Chapter 5's
    recursion $\boldsymbol{\delta}^{(l)} = (W^{(l+1)})^\top\boldsymbol{\delta}^{(l+1)}
    \odot \sigma'(\mathbf{z}^{(l)})$, with one neuron per layer.

    Derived in Chapter 4, section "Two neurons in a chain".

    Parameters
    ----------
    x, w1, b1, w2, b2, y : float
        The input, the first neuron's weight and bias, the second's, and the target.

    Returns
    -------
    dict of str to float
        The forward values ``"z1", "a1", "z2", "a2", "L"``, the errors ``"delta2"`` and
        ``"delta1"``, and the gradients ``"dL/dw2", "dL/db2", "dL/dw1", "dL/db1"``.

    Raises
    ------
    ValueError
        If an argument is NaN, infinite or not a scalar.
    TypeError
        If an argument is not a real number.

    Examples
    --------
    >>> g = chain_grads(x=1.0, w1=0.0, b1=0.0, w2=2.0, b2=-1.0, y=1.0)  # z1 = 0, z2 = 0
    >>> g["delta2"], g["delta1"]   # 2 (1/2 - 1) 1/4 and 2 * delta2 * 1/4
    (-0.25, -0.125)
    """
    x, w1, b1, w2, b2, y = (as_scalar(v, name) for v, name in (
        (x, "x"), (w1, "w1"), (b1, "b1"), (w2, "w2"), (b2, "b2"), (y, "y")))
    z1 = w1 * x + b1
    a1 = _sigmoid(z1)
    z2 = w2 * a1 + b2
    a2 = _sigmoid(z2)
    delta2 = 2.0 * (a2 - y) * a2 * (1.0 - a2)
    delta1 = w2 * delta2 * a1 * (1.0 - a1)
    return {
        "z1": z1, "a1": a1, "z2": z2, "a2": a2, "L": (a2 - y) ** 2,
        "delta2": delta2, "delta1": delta1,
        "dL/dw2": delta2 * a1, "dL/db2": delta2,
        "dL/dw1": delta1 * x, "dL/db1": delta1,
    }
