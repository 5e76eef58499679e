r"""Rosenblatt's perceptron, its learning rule, and the margin that bounds its training.

A perceptron scores a point by $z = \mathbf{w}\cdot\mathbf{x} + b$ and outputs
$\hat{y} = \operatorname{step}(z)$: 1 where $z \ge 0$, else 0
(:func:`nncore.hyperplane.halfspace`).
Training starts from $\mathbf{w} = \mathbf{0}, b = 0$ and, each time a point is
misclassified, moves the hyperplane towards getting it right:

.. math:: \mathbf{w} \leftarrow \mathbf{w} + \eta\,(y - \hat{y})\,\mathbf{x}, \qquad
          b \leftarrow b + \eta\,(y - \hat{y})

On linearly separable data it stops after at most $(R/\gamma)^2$ updates (Novikoff,
1962): see :func:`margin`, :func:`novikoff_bound` and :func:`max_margin`, which work in
the *augmented* space where the bias is the weight $w_0$ of a constant feature
$x_0 = 1$ (:func:`nncore.hyperplane.augment`). On data that no hyperplane separates,
such as XOR, it never stops correcting itself.

The rule is stochastic (sub)gradient descent with step size $\eta$ on the *perceptron
criterion* $\max(0, -s\,z)$, $s = 2y - 1$ (:func:`perceptron_criterion` and
:func:`perceptron_criterion_grad`), a relative of the hinge loss
$\max(0, 1 - s\,z)$ (:func:`hinge_loss`).

Numpy only: this module belongs to the maths layer of nncore.
"""

import math

import numpy as np

from nncore._checks import (
    as_int,
    as_labels,
    as_matrix,
    as_positive,
    as_rng,
    as_scalar,
    as_vector,
)
from nncore._scaled import affine, max_abs_scale, scaled_mean, unit_vector
from nncore.hyperplane import augment, augment_weights, decision_function, halfspace

__all__ = [
    "Perceptron",
    "hinge_loss",
    "margin",
    "margins",
    "max_margin",
    "novikoff_bound",
    "perceptron_criterion",
    "perceptron_criterion_grad",
    "radius",
]


# ---------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------


def _check_seed(seed):
    """None (visit the samples in index order) or anything :func:`as_rng` accepts."""
    if seed is not None:
        as_rng(seed)
    return seed


class Perceptron:
    r"""Rosenblatt's perceptron, trained by the perceptron learning rule.

    The model outputs

    .. math:: \hat{y} = \operatorname{step}(\mathbf{w}\cdot\mathbf{x} + b) =
              \begin{cases} 1 & \text{if } \mathbf{w}\cdot\mathbf{x} + b \ge 0 \\
              0 & \text{otherwise} \end{cases}

    and :meth:`fit` starts from $\mathbf{w} = \mathbf{0}$, $b = 0$ (or from
    ``initial_w``, ``initial_b`` if given). One epoch visits
    every sample once; for each sample it predicts $\hat{y}$ and, only if
    $\hat{y} \ne y$, applies

    .. math:: \mathbf{w} \leftarrow \mathbf{w} + \eta\,(y - \hat{y})\,\mathbf{x}, \qquad
              b \leftarrow b + \eta\,(y - \hat{y})

    so a missed positive ($y - \hat{y} = 1$) is added to $\mathbf{w}$ and a false
    positive ($y - \hat{y} = -1$) subtracted. Training stops after the first epoch with
    no update (``converged_ = True``) or after ``max_epochs`` epochs
    (``converged_ = False``: on data that are not linearly separable every epoch makes
    at least one mistake, so the rule never settles).

    When training starts from zero, every $(\mathbf{w}, b)$ it reaches is $\eta$
    times what it would be with $\eta = 1$, and the sign of the score, hence every
    prediction and every update, does not depend on $\eta$ (exactly so in floating
    point when $\eta$ is a power of two; otherwise only a score within rounding of 0
    could come out differently).

    Derived in Chapter 2, sections "Rosenblatt's perceptron" and "The learning rule".

    Parameters
    ----------
    lr : float, default 1.0
        The learning rate $\eta$, finite and > 0.
    max_epochs : int, default 100
        The most epochs (passes over the data) to run, at least 1.
    seed : None, int or numpy.random.Generator, default None
        None visits the samples in index order every epoch. An int shuffles the order
        afresh in every epoch with ``np.random.default_rng(seed)``, created anew by each
        call of :meth:`fit`, so the same seed gives the same fit. A Generator is used as
        is (and advances from one fit to the next).
    initial_w : array_like of shape (n_features,) or None, default None
        Where training starts; None means zeros. From any other start the learning rate
        matters: it sets how far each update moves away from the start.
    initial_b : float, default 0.0
        The starting bias.

    Attributes
    ----------
    w_ : ndarray of shape (n_features,)
        The weights after training.
    b_ : float
        The bias after training.
    history_ : list of dict
        One record per update, in order, with keys ``"epoch"`` (from 0), ``"index"``
        (the row of ``X`` corrected), ``"x"``, ``"y"``, ``"y_hat"`` (the wrong
        prediction), ``"w_before"``, ``"b_before"``, ``"w"`` and ``"b"`` (after the
        update), ``"errors"`` (updates so far in this epoch, this one included) and
        ``"total_updates"``. The arrays are copies, owned by the record.
    errors_per_epoch_ : ndarray of int of shape (n_epochs_,)
        The number of updates (= mistakes) in each epoch; the last is 0 if converged.
    n_updates_ : int
        ``len(history_)``.
    n_epochs_ : int
        The number of epochs run.
    converged_ : bool
        Whether the last epoch made no mistake.
    initial_w_ : ndarray of shape (n_features,)
        Where training started (zeros by default).
    initial_b_ : float
        The starting bias (0.0 by default).

    Raises
    ------
    ValueError
        If ``lr`` is not finite and > 0, ``max_epochs < 1`` or ``seed`` is negative.
    TypeError
        If ``lr`` is not a real number, ``max_epochs`` not an int, or ``seed`` not
        None, an int or a Generator.

    Examples
    --------
    Logical AND of two bits is linearly separable:

    >>> X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    >>> model = Perceptron().fit(X, [0, 0, 0, 1])
    >>> model.converged_, model.predict(X)
    (True, array([0, 0, 0, 1]))
    >>> model.w_, model.b_
    (array([2., 1.]), -3.0)
    >>> record = model.history_[0]  # the first update: (0, 0) was called 1 by w = 0, b = 0
    >>> record["index"], record["y_hat"], record["w"], record["b"]
    (0, 1, array([0., 0.]), -1.0)
    """

    def __init__(self, lr=1.0, max_epochs=100, seed=None, initial_w=None, initial_b=0.0):
        self.lr = as_positive(lr, "lr")
        self.max_epochs = as_int(max_epochs, "max_epochs", minimum=1)
        self.seed = _check_seed(seed)
        self.initial_w = None if initial_w is None else as_vector(initial_w, "initial_w")
        self.initial_b = as_scalar(initial_b, "initial_b")

    def __repr__(self):
        start = "" if self.initial_w is None else (
            f", initial_w={self.initial_w.tolist()!r}, initial_b={self.initial_b!r}")
        return (f"Perceptron(lr={self.lr!r}, max_epochs={self.max_epochs!r}, "
                f"seed={self.seed!r}{start})")

    def fit(self, X, y):
        r"""Train from $\mathbf{w} = \mathbf{0}, b = 0$ (or the given start) with the
        perceptron rule.

        Derived in Chapter 2, section "The learning rule".

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Finite numbers.
        y : array_like of int of shape (n_samples,)
            Labels in {0, 1}.

        Returns
        -------
        self : Perceptron
            Fitted: see the attributes in the class docstring.

        Raises
        ------
        ValueError
            If ``X`` is not 2-D, holds NaN or infinities, ``y`` has another length or a
            label other than 0 and 1, or a hyperparameter is out of range.
        TypeError
            If an argument contains something other than real numbers.
        OverflowError
            If the weights leave the float range (only for data near 1e308).
        """
        lr = as_positive(self.lr, "lr")  # checked again: the attributes may have been changed
        max_epochs = as_int(self.max_epochs, "max_epochs", minimum=1)
        seed = _check_seed(self.seed)
        X = as_matrix(X, "X")
        y = as_labels(y, "y", n=X.shape[0])
        n, d = X.shape
        rng = None if seed is None else as_rng(seed)

        if self.initial_w is None:
            w = np.zeros(d)
        else:
            w = as_vector(self.initial_w, "initial_w", dim=d, against="the columns of X")
        b = as_scalar(self.initial_b, "initial_b")
        w0, b0 = w.copy(), b
        history, errors_per_epoch = [], []
        converged = False
        for epoch in range(max_epochs):
            order = range(n) if rng is None else rng.permutation(n).tolist()
            errors = 0
            for i in order:
                x, target = X[i], int(y[i])
                y_hat = int(affine(x[np.newaxis, :], w, b)[0] >= 0)  # step(w.x + b)
                if y_hat == target:
                    continue
                step = lr * (target - y_hat)  # +lr for a missed 1, -lr for a false 1
                with np.errstate(over="ignore"):
                    w_new = w + step * x
                b_new = b + step
                if not (np.all(np.isfinite(w_new)) and math.isfinite(b_new)):
                    raise OverflowError(
                        f"the weights left the float range at update {len(history) + 1} "
                        f"(epoch {epoch}, sample {i}); rescale X or lower lr"
                    )
                errors += 1
                history.append(
                    {
                        "epoch": epoch,
                        "index": int(i),
                        "x": x.copy(),
                        "y": target,
                        "y_hat": y_hat,
                        "w_before": w.copy(),
                        "b_before": b,
                        "w": w_new.copy(),
                        "b": b_new,
                        "errors": errors,
                        "total_updates": len(history) + 1,
                    }
                )
                w, b = w_new, b_new
            errors_per_epoch.append(errors)
            if errors == 0:
                converged = True
                break

        self.initial_w_, self.initial_b_ = w0, float(b0)
        self.w_, self.b_ = w.copy(), float(b)
        self.history_ = history
        self.errors_per_epoch_ = np.array(errors_per_epoch, dtype=int)
        self.n_updates_ = len(history)
        self.n_epochs_ = len(errors_per_epoch)
        self.converged_ = converged
        return self

    def _check_fitted(self, X):
        if not hasattr(self, "w_"):
            raise RuntimeError("this Perceptron is not fitted yet: call fit(X, y) first")
        return as_matrix(X, "X", n_features=self.w_.shape[0], against="the fitted w_")

    def decision_function(self, X):
        r"""The score of each point, $z = \mathbf{w}\cdot\mathbf{x} + b$.

        See :func:`nncore.hyperplane.decision_function`.

        Derived in Chapter 2, section "Rosenblatt's perceptron".

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)

        Raises
        ------
        RuntimeError
            If the model has not been fitted.
        ValueError
            If ``X`` is not 2-D with as many columns as ``w_``, or holds NaN or inf.
        """
        X = self._check_fitted(X)
        return decision_function(X, self.w_, self.b_)

    def predict(self, X):
        r"""The perceptron's output, $\hat{y} = \operatorname{step}(\mathbf{w}\cdot\mathbf{x} + b)$.

        See :func:`nncore.hyperplane.halfspace`; a point on the hyperplane gets 1.

        Derived in Chapter 2, section "Rosenblatt's perceptron".

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of int of shape (n_samples,)
            Values in {0, 1}.

        Raises
        ------
        RuntimeError
            If the model has not been fitted.
        ValueError
            If ``X`` is not 2-D with as many columns as ``w_``, or holds NaN or inf.
        """
        X = self._check_fitted(X)
        return halfspace(X, self.w_, self.b_)


# ---------------------------------------------------------------------------------------
# The rule as (sub)gradient descent: the perceptron criterion and the hinge loss
# ---------------------------------------------------------------------------------------


def _check_linear(X, y, w, b):
    """Validate ``X`` (n, d), ``y`` in {0, 1}, ``w`` (d,) and a scalar ``b``."""
    w = as_vector(w, "w")
    X = as_matrix(X, "X", n_features=w.shape[0], against="w")
    y = as_labels(y, "y", n=X.shape[0])
    return X, y, w, as_scalar(b, "b")


def perceptron_criterion(X, y, w, b):
    r"""The perceptron criterion: how far the misclassified points score on the wrong side.

    .. math:: L(\mathbf{w}, b) = \frac{1}{n}\sum_{i=1}^{n}
              \max\bigl(0,\, -s_i(\mathbf{w}\cdot\mathbf{x}_i + b)\bigr),
              \qquad s_i = 2y_i - 1 \in \{-1, +1\}

    A point on its own side ($s_i z_i > 0$) costs nothing; a point on the wrong side
    costs its score's size $\lvert z_i\rvert$, which is $\lVert\mathbf{w}\rVert$ times
    its distance from the hyperplane. Unlike the error count
    $\frac{1}{n}\sum_i [\operatorname{step}(z_i) \ne y_i]$, whose gradient is zero
    almost everywhere, it slopes towards every correction. Stochastic (sub)gradient
    descent on it, one sample at a time with step size $\eta$ and the subgradient of
    :func:`perceptron_criterion_grad`, is exactly the perceptron rule.

    Derived in Chapter 2, section "The rule as gradient descent".

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of int of shape (n_samples,)
        Labels in {0, 1}.
    w : array_like of shape (n_features,)
    b : float

    Returns
    -------
    float
        $L \ge 0$; zero exactly when no point scores strictly on its wrong side
        (infinite only if a score leaves the float range).

    Raises
    ------
    ValueError
        If the shapes do not match, a label is not 0 or 1, ``b`` is not a scalar, or
        any value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> X, y = [[2.0, 0.0], [0.0, 1.0]], [0, 1]  # z = 2 - 1 = 1 and 0 - 1 = -1: both wrong
    >>> perceptron_criterion(X, y, w=[1.0, 0.0], b=-1.0)  # (max(0, 1) + max(0, 1)) / 2
    1.0
    >>> perceptron_criterion(X, y, w=[-1.0, 0.0], b=1.0)  # z = -1, 1: both right
    0.0
    """
    X, y, w, b = _check_linear(X, y, w, b)
    sz = (2 * y - 1) * affine(X, w, b)
    return scaled_mean(np.maximum(0.0, -sz))


def perceptron_criterion_grad(X, y, w, b):
    r"""A subgradient of :func:`perceptron_criterion`, the one the perceptron rule uses.

    .. math:: \frac{\partial L}{\partial \mathbf{w}}
              = \frac{1}{n}\sum_{i=1}^{n} (\hat y_i - y_i)\,\mathbf{x}_i, \qquad
              \frac{\partial L}{\partial b} = \frac{1}{n}\sum_{i=1}^{n} (\hat y_i - y_i),
              \qquad \hat y_i = \operatorname{step}(\mathbf{w}\cdot\mathbf{x}_i + b)

    Away from the kink, a point on the wrong side ($s_i z_i < 0$) contributes the
    gradient $-s_i(\mathbf{x}_i, 1)$ of $-s_i z_i$, and there $\hat y_i - y_i = -s_i$;
    a point on its own side ($s_i z_i > 0$) contributes 0, and there
    $\hat y_i = y_i$. At the kink, $z_i = 0$, the criterion has no gradient, and any
    $t\,(-s_i)(\mathbf{x}_i, 1)$ with $t \in [0, 1]$ is a subgradient; the choice
    $\hat y_i - y_i$ (with $\operatorname{step}(0) = 1$: $t = 0$ for a class-1 point,
    $t = 1$ for a class-0 point) is the one that makes one step
    $(\mathbf{w}, b) \leftarrow (\mathbf{w}, b) - \eta\,\nabla L$ on a single sample
    the perceptron rule $\mathbf{w} \leftarrow \mathbf{w} + \eta\,(y - \hat y)\,\mathbf{x}$,
    $b \leftarrow b + \eta\,(y - \hat y)$.

    Derived in Chapter 2, section "The rule as gradient descent".

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of int of shape (n_samples,)
        Labels in {0, 1}.
    w : array_like of shape (n_features,)
    b : float

    Returns
    -------
    grad_w : ndarray of shape (n_features,)
    grad_b : float

    Raises
    ------
    ValueError
        As :func:`perceptron_criterion`.
    TypeError
        As :func:`perceptron_criterion`.

    Examples
    --------
    One sample of class 1 that scores -1: the step against the subgradient adds it.

    >>> perceptron_criterion_grad([[2.0, 1.0]], [1], w=[-1.0, 0.0], b=1.0)
    (array([-2., -1.]), -1.0)
    >>> perceptron_criterion_grad([[2.0, 1.0]], [0], w=[0.0, 0.0], b=0.0)  # z = 0, called 1
    (array([2., 1.]), 1.0)
    """
    X, y, w, b = _check_linear(X, y, w, b)
    n = X.shape[0]
    err = (affine(X, w, b) >= 0).astype(float) - y  # y_hat - y, in {-1, 0, 1}
    s = max_abs_scale(X.ravel())  # a power of two: X / s is exact and its sums stay finite
    if s == 0.0:
        grad_w = np.zeros(X.shape[1])
    else:
        grad_w = (err @ (X / s)) / n * s
    return grad_w, float(np.sum(err) / n)


def hinge_loss(X, y, w, b):
    r"""The hinge loss: the perceptron criterion with a margin of 1 demanded.

    .. math:: L(\mathbf{w}, b) = \frac{1}{n}\sum_{i=1}^{n}
              \max\bigl(0,\, 1 - s_i(\mathbf{w}\cdot\mathbf{x}_i + b)\bigr),
              \qquad s_i = 2y_i - 1

    It is :func:`perceptron_criterion` with its kink moved from $s z = 0$ to $s z = 1$:
    a point costs something until it scores at least 1 on its own side, so
    $(\mathbf{w}, b) = (\mathbf{0}, 0)$ no longer minimises it, and the length of
    $\mathbf{w}$ starts to matter. With a penalty $\lambda\lVert\mathbf{w}\rVert^2$ it is
    the loss of the soft-margin support vector machine.

    Derived in Chapter 2, section "The rule as gradient descent".

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of int of shape (n_samples,)
        Labels in {0, 1}.
    w : array_like of shape (n_features,)
    b : float

    Returns
    -------
    float
        $L \ge 0$ (infinite only if a score leaves the float range).

    Raises
    ------
    ValueError
        As :func:`perceptron_criterion`.
    TypeError
        As :func:`perceptron_criterion`.

    Examples
    --------
    >>> X, y = [[2.0, 0.0], [0.0, 1.0]], [1, 0]  # z = 1 and -1: right, at the margin
    >>> hinge_loss(X, y, w=[1.0, 0.0], b=-1.0)
    0.0
    >>> hinge_loss(X, y, w=[0.5, 0.0], b=-0.5)  # z = 0.5, -0.5: (0.5 + 0.5) / 2
    0.5
    """
    X, y, w, b = _check_linear(X, y, w, b)
    sz = (2 * y - 1) * affine(X, w, b)
    with np.errstate(over="ignore"):
        return scaled_mean(np.maximum(0.0, 1.0 - sz))


# ---------------------------------------------------------------------------------------
# Margins and Novikoff's bound, in the augmented space
# ---------------------------------------------------------------------------------------


def _check_separator(X, y, w, b):
    """Validate ``X`` (n, d), ``y`` in {0, 1}, ``w`` (d,) and ``b``; return them with
    the unit augmented weights ``(b, w) / ||(b, w)||`` split as ``(w_hat, b_hat)``."""
    w_tilde = augment_weights(w, b)
    X = as_matrix(X, "X", n_features=w_tilde.shape[0] - 1, against="w")
    y = as_labels(y, "y", n=X.shape[0])
    if max_abs_scale(w_tilde) == 0.0:
        raise ValueError("w and b must not both be zero (there is no hyperplane); got w = 0, b = 0")
    u = unit_vector(w_tilde, "(b, w)")
    return X, y, u[1:], float(u[0])


def _signed_margins(X, y, w_hat, b_hat):
    """``s_i (w~ . x~_i)`` for a unit ``w~ = (b_hat, w_hat)``, with ``s_i = 2 y_i - 1``."""
    return (2 * y - 1) * decision_function(X, w_hat, b_hat)


def margins(X, y, w, b):
    r"""Every point's signed distance to the hyperplane in the augmented space.

    .. math:: \gamma_i = \frac{s_i\,\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}}_i}
                               {\|\tilde{\mathbf{w}}\|}, \qquad s_i = 2y_i - 1

    positive for a point on its own class's side. Their minimum is :func:`margin`; the
    points that attain it for the :func:`max_margin` hyperplane are its *support
    vectors*.

    Derived in Chapter 2, section "Convergence".

    Parameters
    ----------
    X : array_like of shape (n_samples, d)
    y : array_like of int of shape (n_samples,)
        Labels in {0, 1}.
    w : array_like of shape (d,)
    b : float
        ``w`` and ``b`` not both zero.

    Returns
    -------
    ndarray of shape (n_samples,)

    Raises
    ------
    ValueError
        As :func:`margin`.
    TypeError
        As :func:`margin`.

    Examples
    --------
    >>> margins([[2, 0], [0, 0], [3, 0]], [1, 0, 1], w=[1, 0], b=-1) * 2 ** 0.5
    array([1., 1., 2.])
    """
    X, y, w_hat, b_hat = _check_separator(X, y, w, b)
    return _signed_margins(X, y, w_hat, b_hat)


def margin(X, y, w, b):
    r"""The margin of a hyperplane in the augmented space that Novikoff's theorem uses.

    .. math:: \gamma = \min_i \frac{s_i\,\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}}_i}
                                   {\|\tilde{\mathbf{w}}\|}, \qquad
              s_i = 2y_i - 1, \quad \tilde{\mathbf{x}} = (1, \mathbf{x}), \quad
              \tilde{\mathbf{w}} = (b, \mathbf{w})

    the distance from the hyperplane $\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}} = 0$
    through the origin of $\mathbb{R}^{d+1}$ to the nearest augmented point, counted
    negative when that point is on the wrong side. It is positive exactly when
    $(\mathbf{w}, b)$ separates the classes with no point on the hyperplane. It is
    smaller than the margin $\min_i s_i(\mathbf{w}\cdot\mathbf{x}_i + b)/\|\mathbf{w}\|$
    measured in the plane of the data, by the factor
    $\|\mathbf{w}\| / \|(b, \mathbf{w})\|$.

    Derived in Chapter 2, section "Convergence".

    Parameters
    ----------
    X : array_like of shape (n_samples, d)
    y : array_like of int of shape (n_samples,)
        Labels in {0, 1}.
    w : array_like of shape (d,)
    b : float
        ``w`` and ``b`` not both zero.

    Returns
    -------
    float
        $\gamma$: positive if $(\mathbf{w}, b)$ separates the data, else zero or negative.
        It does not change when $\mathbf{w}$ and $b$ are scaled by the same positive factor.

    Raises
    ------
    ValueError
        If the shapes do not match, a label is not 0 or 1, ``w`` and ``b`` are both
        zero, or any value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> X, y = [[2, 0], [0, 0]], [1, 0]
    >>> margin(X, y, w=[1, 0], b=-1)  # (b, w) = (-1, 1, 0), ||.|| = sqrt 2: min(1, 1) / sqrt 2
    0.7071067811865475
    >>> margin(X, y, w=[-1, 0], b=1)  # the same line facing the wrong way
    -0.7071067811865475
    """
    return float(np.min(margins(X, y, w, b)))


def radius(X):
    r"""The radius of the augmented data: $R = \max_i \|\tilde{\mathbf{x}}_i\|$,
    $\tilde{\mathbf{x}} = (1, \mathbf{x})$, the $R$ of Novikoff's bound (overflow safe).

    Derived in Chapter 2, section "Convergence".

    Parameters
    ----------
    X : array_like of shape (n_samples, d)

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``X`` is not 2-D or holds NaN or infinities.

    Examples
    --------
    >>> radius([[3, 4], [1, 0]])  # ||(1, 3, 4)|| = sqrt(26)
    5.0990195135927845
    """
    X_tilde = augment(as_matrix(X, "X"))
    scale = max_abs_scale(X_tilde.ravel())  # >= 1: the x_0 = 1 column
    return scale * float(np.sqrt(np.max(np.sum((X_tilde / scale) ** 2, axis=1))))


def novikoff_bound(X, y, w, b):
    r"""Novikoff's bound on the number of perceptron updates: $(R/\gamma)^2$.

    .. math:: M \le \left(\frac{R}{\gamma}\right)^2, \qquad
              R = \max_i \|\tilde{\mathbf{x}}_i\|, \qquad
              \gamma = \min_i \frac{s_i\,\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}}_i}
                                   {\|\tilde{\mathbf{w}}\|} > 0

    for the number $M$ of updates of a whole run and any $(\mathbf{w}, b)$ that
    separates the data (see :func:`margin`). Starting
    from $\tilde{\mathbf{w}}_0 = \mathbf{0}$, each update adds
    $\eta s_i \tilde{\mathbf{x}}_i$ for a point with
    $s_i \tilde{\mathbf{w}}_k\cdot\tilde{\mathbf{x}}_i \le 0$, so after $k$ updates
    $\tilde{\mathbf{w}}_k\cdot\mathbf{u} \ge k\eta\gamma$ (with $\mathbf{u}$ the unit
    separating direction) while $\|\tilde{\mathbf{w}}_k\|^2 \le k\eta^2R^2$; Cauchy-Schwarz
    gives $k\eta\gamma \le \sqrt{k}\,\eta R$, so $k \le (R/\gamma)^2$ for every update
    $k$, the last, $k = M$, included. The bound holds for every visiting order
    and every $\eta > 0$, and is tightest for the $(\mathbf{w}, b)$ of
    :func:`max_margin`.

    Derived in Chapter 2, section "Convergence".

    Parameters
    ----------
    X : array_like of shape (n_samples, d)
    y : array_like of int of shape (n_samples,)
        Labels in {0, 1}.
    w : array_like of shape (d,)
    b : float
        A hyperplane that separates the data: ``margin(X, y, w, b) > 0``.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If $(\mathbf{w}, b)$ does not separate the data with a positive margin, the
        shapes do not match, a label is not 0 or 1, or any value is NaN or infinite.
    TypeError
        If an argument contains something other than real numbers.

    Examples
    --------
    >>> X, y = [[2, 0], [0, 0]], [1, 0]
    >>> round(novikoff_bound(X, y, w=[1, 0], b=-1), 12)  # R^2 = 1 + 4 = 5, gamma^2 = 1/2
    10.0
    """
    gamma = margin(X, y, w, b)
    if not gamma > 0:
        raise ValueError(
            f"(w, b) must separate the data with a positive margin; got margin {gamma:.6g}"
        )
    X = as_matrix(X, "X")
    ratio = radius(X) / gamma
    return ratio * ratio  # inf, not OverflowError, if beyond the float range


# ---------------------------------------------------------------------------------------
# The largest margin
# ---------------------------------------------------------------------------------------


def _affine_minimizer(P):
    """Coefficients ``mu`` (sum 1) of the point of the affine hull of the rows of ``P``
    nearest the origin, by least squares: ``min || p_0 + sum_k mu_k (p_k - p_0) ||``."""
    if P.shape[0] == 1:
        return np.ones(1)
    D = (P[1:] - P[0]).T  # (m, k - 1)
    rest = np.linalg.lstsq(D, -P[0], rcond=None)[0]
    return np.concatenate([[1.0 - rest.sum()], rest])


_TINY = 1e-14  # a convex weight this small counts as zero


def _nearest_point_of_hull(P, tol, max_iter):
    """Wolfe's algorithm (1976): the point of the convex hull of the rows of ``P``
    nearest the origin, as ``(x, support, lam)`` with ``x = lam @ P[support]``.

    Keeps a "corral" ``S`` of affinely independent points and convex weights ``lam``.
    Major cycle: add the point most opposite to ``x`` (``argmin_i p_i . x``), unless
    ``x . x - min_i p_i . x <= tol * R^2`` (then ``x`` is optimal up to ``tol``). Minor
    cycle: move towards the nearest point of the affine hull of ``S``; if that leaves the
    simplex, stop at its boundary and drop the points whose weight fell to zero.
    """
    R2 = float(np.max(np.sum(P * P, axis=1)))
    eps = tol * R2
    j = int(np.argmin(np.sum(P * P, axis=1)))
    S, lam = [j], np.ones(1)
    x = P[j].copy()
    for _ in range(max_iter):
        scores = P @ x
        i = int(np.argmin(scores))
        if float(x @ x) - float(scores[i]) <= eps or i in S:
            break
        S.append(i)
        lam = np.append(lam, 0.0)
        while True:  # minor cycle: the corral shrinks each time round
            mu = _affine_minimizer(P[S])
            if np.all(mu > _TINY):
                lam = mu
                break
            # walk from lam towards mu until the first weight reaches zero, then drop it
            blocking = (mu <= _TINY) & (mu < lam)
            theta = 0.0
            if blocking.any():
                theta = min(1.0, float(np.min(lam[blocking] / (lam[blocking] - mu[blocking]))))
            lam = lam + theta * (mu - lam)
            keep = lam > _TINY
            S = [s for s, k in zip(S, keep) if k]
            lam = lam[keep] / lam[keep].sum()
        x_new = lam @ P[S]
        if float(x_new @ x_new) >= float(x @ x):  # rounding stalls the descent: stop
            break
        x = x_new
    return x, S, lam


def max_margin(X, y, *, tol=1e-12, max_iter=1000):
    r"""The separating hyperplane with the largest augmented margin (the tightest Novikoff bound).

    .. math:: \gamma^\ast = \max_{\|\tilde{\mathbf{w}}\| = 1}\; \min_i\;
              s_i\,\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}}_i
              = \min_{\mathbf{p} \in \operatorname{conv}\{s_i\tilde{\mathbf{x}}_i\}}
                \|\mathbf{p}\|

    This is the hard-margin support vector machine without a separate intercept in the
    augmented space (the bias is the weight $w_0$, and is part of the norm). By duality
    the best unit $\tilde{\mathbf{w}}$ points at the point $\mathbf{p}^\ast$ of the
    convex hull of the signed points $\mathbf{z}_i = s_i\tilde{\mathbf{x}}_i$ nearest the
    origin, and $\gamma^\ast = \|\mathbf{p}^\ast\|$; if the origin lies in the hull, no
    hyperplane separates the data (Gordan's theorem). $\mathbf{p}^\ast$ is found by
    Wolfe's nearest-point algorithm (P. Wolfe, "Finding the nearest point in a
    polytope", Math. Programming 11, 1976), which ends after finitely many steps.

    What it guarantees: the returned $(\mathbf{w}, b)$ separates the data, and the
    returned ``gamma`` is ``margin(X, y, w, b)`` recomputed, so it is never larger than
    the true margin of that pair. The algorithm stops when
    $\mathbf{p}\cdot\mathbf{p} - \min_i \mathbf{z}_i\cdot\mathbf{p} \le \text{tol}\,R^2$,
    which gives $\gamma^\ast - \gamma \le \text{tol}\,R^2/\gamma$: a relative gap of at
    most ``tol`` times the Novikoff bound $(R/\gamma)^2$ (plus rounding). Should it stop
    earlier (``max_iter``, or rounding that stalls the descent), the pair still
    separates the data and ``gamma`` is still its exact margin; only the optimality gap
    is then not certified. On thousands of random sets (d = 1 to 9, up to 300 points)
    the gap to the upper bound $\|\mathbf{p}\|$ stayed below $10^{-7}$ relative.

    Derived in Chapter 2, section "Convergence".

    Parameters
    ----------
    X : array_like of shape (n_samples, d)
    y : array_like of int of shape (n_samples,)
        Labels in {0, 1}.
    tol : float, default 1e-12
        Relative optimality tolerance, > 0.
    max_iter : int, default 1000
        The most major cycles of Wolfe's algorithm (each adds one point to the corral).

    Returns
    -------
    w : ndarray of shape (d,)
    b : float
        Scaled so that $\|(b, \mathbf{w})\| = 1$.
    gamma : float
        ``margin(X, y, w, b)``, > 0.

    Raises
    ------
    ValueError
        If the data are not linearly separable (with a positive margin), the shapes do
        not match, a label is not 0 or 1, ``tol`` is not > 0, or any value is NaN or
        infinite.
    TypeError
        If an argument contains something other than real numbers, or ``max_iter`` is
        not an int.

    Examples
    --------
    >>> X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]  # AND
    >>> w, b, gamma = max_margin(X, y)
    >>> np.round(w / -b, 6), round(gamma, 6)  # the line x1 + x2 = 1.5, gamma = 1 / sqrt 17
    (array([0.666667, 0.666667]), 0.242536)
    """
    X = as_matrix(X, "X")
    y = as_labels(y, "y", n=X.shape[0])
    tol = as_scalar(tol, "tol")
    if not tol > 0:
        raise ValueError(f"tol must be a finite number > 0; got {tol}")
    max_iter = as_int(max_iter, "max_iter", minimum=1)
    Z = (2 * y - 1)[:, np.newaxis] * augment(X)  # the signed points z_i = s_i x~_i
    scale = max_abs_scale(Z.ravel())  # a power of two: dividing by it is exact and keeps Z.Z finite
    p, _, _ = _nearest_point_of_hull(Z / scale, tol, max_iter)
    if max_abs_scale(p) == 0.0:
        raise ValueError(
            "the data are not linearly separable: no hyperplane has every point on its side"
        )
    u = unit_vector(p, "p")
    w, b = u[1:], float(u[0])
    gamma = margin(X, y, w, b)
    if not gamma > 0:  # p is the origin up to rounding: its direction means nothing
        raise ValueError(
            "the data are not linearly separable: no hyperplane has every point on its side"
        )
    return w, b, gamma
