r"""Losses and training: :func:`loss_and_grads` (a loss, its gradients and optional L1/L2
penalties), :class:`Trainer` (mini-batch gradient descent), :func:`fit`, and
:func:`input_gradient` (the gradient of the loss with respect to one input)."""

from __future__ import annotations

import math

import numpy as np

from .._checks import (as_array, as_class_labels, as_int, as_nonnegative, as_positive,
                       as_rng, as_vector)
from ..activations import softmax
from ..losses import KERNELS as LOSS_KERNELS
from ..losses import cross_entropy, cross_entropy_grad
from ._network import MLP, check_choice

__all__ = ["input_gradient", "loss_and_grads", "Trainer", "fit", "LOSSES", "check_model", "check_targets",
           "resolve_loss"]


LOSSES = ("cross_entropy", "binary_cross_entropy", "mse")
"""The losses :func:`loss_and_grads` and :class:`Trainer` know (plus ``"auto"``)."""


def resolve_loss(loss, n_out):
    """The loss name, with ``"auto"`` resolved and the output count checked."""
    check_choice(loss, "loss", ("auto",) + LOSSES)
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


def check_targets(y, loss, n, n_out, dtype, name="y"):
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
    binary = loss == "binary_cross_entropy"
    labels = as_class_labels(y, name, n, 2 if binary else n_out, allow_bool=binary,
                             context=f" for loss={loss!r}",
                             why=f"for loss={loss!r} and {n_out} output(s)")
    return labels.astype(dtype)[:, np.newaxis] if binary else labels



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


def _check_penalty(l1, l2):
    return as_nonnegative(l1, "l1"), as_nonnegative(l2, "l2")


def check_model(model):
    if not isinstance(model, MLP):
        raise TypeError(f"model must be an nncore.mlp.MLP; got {type(model).__name__}")
    return model


def input_gradient(model, x, label):
    r"""The class probabilities, the cross-entropy and its gradient with respect to the
    input, for one sample: which pixels would raise or lower the loss.

    .. math:: \mathbf{p} = \mathrm{softmax}(\mathbf{z}), \qquad L = -\log p_y, \qquad
              \frac{\partial L}{\partial \mathbf{x}} = \Delta^{(1)} W^{(1)}

    by one forward and one backward pass (:meth:`MLP.backward` leaves
    $\partial L / \partial X$ in ``dX_``), with $\Delta^{(D)} = \mathbf{p} - \mathbf{e}_y$
    from :func:`nncore.losses.cross_entropy_grad`.

    Derived in Chapter 6, section "What the network looks at".

    Parameters
    ----------
    model : MLP
        A classifier with one logit per class (``sizes[-1] >= 2``).
    x : array_like of shape (sizes[0],)
        One sample.
    label : int
        The class whose loss is differentiated.

    Returns
    -------
    p : ndarray of shape (sizes[-1],)
    loss : float
    grad : ndarray of shape (sizes[0],)

    Examples
    --------
    >>> net = MLP([2, 2], params=[([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0])])
    >>> p, loss, g = input_gradient(net, [0.0, 0.0], 0)  # p = (1/2, 1/2), L = log 2
    >>> p, round(loss, 4), g  # raising x_1 raises z_0: the loss falls
    (array([0.5, 0.5]), 0.6931, array([-0.5,  0.5]))
    """
    check_model(model)
    x = as_vector(x, "x", dim=model.sizes[0])
    if model.sizes[-1] < 2:
        raise ValueError(f"model must end in one logit per class (2 or more, softmax); "
                         f"got sizes {list(model.sizes)}")
    logits = model.forward(x[np.newaxis, :])
    labels = np.array([label])
    p = softmax(logits)[0]
    loss = float(cross_entropy(logits, labels))
    model.backward(cross_entropy_grad(logits, labels))
    return p, loss, np.array(model.dX_, dtype=float).reshape(-1)


def loss_and_grads(model, X, y, loss="auto", l1=0.0, l2=0.0):
    r"""The loss of ``model`` on ``(X, y)`` and its gradient for every parameter.

    .. math:: \tilde{L}(\theta) = L(\text{logits}(X), \mathbf{y})
              + \alpha_1 \sum_l \sum_{j,k} |W^{(l)}_{jk}|
              + \frac{\alpha_2}{2} \sum_l \sum_{j,k} \bigl(W^{(l)}_{jk}\bigr)^2

    with $L$ the mean cross-entropy (:func:`nncore.losses.cross_entropy`), the mean
    binary cross-entropy (:func:`nncore.losses.binary_cross_entropy`, one output) or
    the mean squared error of the logits (:func:`nncore.losses.mse`, over all $n\,n_D$
    elements). The penalties act on the weights only, never the biases; their gradients
    $\alpha_1 \operatorname{sign}(W^{(l)}) + \alpha_2 W^{(l)}$ are added to $\partial L /
    \partial W^{(l)}$. It runs :meth:`MLP.forward` and :meth:`MLP.backward`, so the model's
    cache, ``dX_`` and ``deltas_`` belong to this batch afterwards.

    Derived in Chapter 5, section "Backpropagation in matrix form" (the penalties in
    Chapter 7, section "Penalties on the weights").

    Parameters
    ----------
    model : MLP
    X : array_like of shape (n_samples, sizes[0])
    y : array_like
        Integer labels ``(n_samples,)`` for the classification losses (in ``[0, K)``,
        or in {0, 1} for one output); float targets ``(n_samples,)`` or
        ``(n_samples, sizes[-1])`` for ``"mse"``.
    loss : {"auto", "cross_entropy", "binary_cross_entropy", "mse"}, default "auto"
        ``"auto"`` is ``"binary_cross_entropy"`` for one output, else ``"cross_entropy"``.
    l1, l2 : float, default 0.0
        The rates $\alpha_1, \alpha_2 \ge 0$ of the L1 and L2 penalties.

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
    model = check_model(model)
    l1, l2 = _check_penalty(l1, l2)
    name = resolve_loss(loss, model.sizes[-1])
    X, _ = model._inputs(X)
    T = check_targets(y, name, X.shape[0], model.sizes[-1], model.dtype)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        Z = model._forward(X)
        value, dZ = LOSS_KERNELS[name](Z, T)
        grads, dX, deltas = model._backward(dZ, want_dX=True)
        if l1 or l2:
            value += _penalty(model.params, l1, l2)
            _add_penalty_grads(model.params, grads, l1, l2)
    model._single = False
    model.dX_, model.deltas_ = dX, deltas
    return value, grads


class Trainer:
    r"""Mini-batch stochastic gradient descent on an :class:`MLP`.

    Each step takes the next ``batch_size`` samples of a shuffled order, computes the
    batch loss and gradients (:func:`loss_and_grads`) and updates every parameter in
    place,

    .. math:: W^{(l)} \leftarrow W^{(l)} - \eta\,\frac{\partial \tilde{L}}{\partial W^{(l)}}, \qquad
              \mathbf{b}^{(l)} \leftarrow \mathbf{b}^{(l)} - \eta\,\frac{\partial \tilde{L}}{\partial \mathbf{b}^{(l)}}.

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
        True once a batch loss was not finite: the run stops, and :meth:`evaluate`
        refuses to report on its model.
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
        self.model = check_model(model)
        self.loss = resolve_loss(loss, model.sizes[-1])
        self.lr = as_positive(lr, "lr")
        self.l1, self.l2 = _check_penalty(l1, l2)
        self.eval_train = check_choice(eval_train, "eval_train", ("running", "full"))
        self.X, _ = model._inputs(X, "X")
        n = self.X.shape[0]
        self.y = y
        self._T = check_targets(y, self.loss, n, model.sizes[-1], model.dtype)
        if batch_size is None:
            batch_size = n
        self.batch_size = min(as_int(batch_size, "batch_size", minimum=1), n)
        if (X_test is None) != (y_test is None):
            raise ValueError("X_test and y_test must be given together (or neither)")
        if X_test is not None:
            self.X_test, _ = model._inputs(X_test, "X_test")
            self._T_test = check_targets(
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
            value = LOSS_KERNELS[self.loss](Z, T, need_grad=False)[0]
            if self.l1 or self.l2:
                value += _penalty(self.model.params, self.l1, self.l2)
        acc = self._correct(Z, T) / X.shape[0] if self.classification else None
        return value, acc

    def evaluate(self, X=None, y=None):
        r"""The loss (with penalties) and accuracy of the model as it is now.

        .. math:: \mathrm{acc} = \frac{1}{n}\sum_i [\hat{y}_i = y_i]

        and the loss $\tilde{L}(\theta)$ of :func:`loss_and_grads`.

        Derived in Chapter 5, section "Solving XOR".

        Parameters
        ----------
        X, y : array_like, optional
            Default: the training set.

        Returns
        -------
        dict
            ``{"loss": float, "acc": float or None}`` (``acc`` is None for ``"mse"``).

        Raises
        ------
        RuntimeError
            If the run diverged (``diverged``). Its model keeps the weights of the last
            step before the blow-up, so large that the loss is inf or NaN and the
            logits NaN, which the comparisons read as one class (an accuracy near 1/2):
            numbers a reader would take for a result. A warning would print the same
            numbers below a notebook cell, where they are easily read past (and Python
            shows a warning only once per line), so this refuses, says at which step
            and with which ``lr``, and tells what to do. The record of the run,
            ``history_``, ``last_loss`` and ``diverged``, stays readable.
        ValueError, TypeError
            If ``X`` or ``y`` does not fit the model or the loss.
        """
        if self.diverged:
            step, epoch, lr = self._diverged_at
            raise RuntimeError(
                f"the run diverged at step {step} (in epoch {epoch}): the loss of a batch "
                f"became {self.last_loss} with lr = {lr:g}, so the model's weights are "
                f"too large for its loss and accuracy to mean anything. Train a new model "
                f"with a smaller lr (the record of this run is in history_)"
            )
        if X is None and y is None:
            X, T = self.X, self._T
        else:
            X, _ = self.model._inputs(X, "X")
            T = check_targets(y, self.loss, X.shape[0], self.model.sizes[-1], self.model.dtype)
        value, acc = self._evaluate(X, T)
        return {"loss": value, "acc": acc}

    def _batch(self, idx):
        """One unchecked update on the samples ``idx``; returns the batch loss."""
        model = self.model
        Xb = self.X[idx]
        Tb = self._T[idx]
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            Z = model._forward(Xb)
            value, dZ = LOSS_KERNELS[self.loss](Z, Tb)
            if self.l1 or self.l2:
                value += _penalty(model.params, self.l1, self.l2)
            if not math.isfinite(value):
                self.diverged = True
                self._diverged_at = (self.steps + 1, self.epoch + 1, self.lr)
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
