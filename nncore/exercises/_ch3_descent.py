"""The coding exercises of Chapter 3: the mean squared error and its gradient, one
gradient step, Newton's method for a square root."""

from __future__ import annotations

import numpy as np

from .. import linreg, losses, optimisers
from ._check import Case, Check, Mistake, arrays

__all__ = ["check_mse", "check_loss_grad", "check_descent_step", "check_newton_sqrt"]


def _mse_cases():
    rng = np.random.default_rng(301)
    cases = [
        Case("hand", dict(zip(("y_hat", "y"), arrays([2, 4], [1, 1]))),
             "errors 1 and 3: (1 + 9) / 2"),
        Case("hand", dict(zip(("y_hat", "y"), arrays([3, 1, 2], [1, 1, 1])))),
        Case("edge", dict(zip(("y_hat", "y"), arrays([1.5, -2, 0], [1.5, -2, 0]))),
             "a perfect fit"),
        Case("edge", dict(zip(("y_hat", "y"), arrays([4], [1]))), "one sample"),
        Case("edge", dict(zip(("y_hat", "y"), arrays([0, 2], [1, 1]))),
             "errors -1 and +1, which must not cancel"),
    ]
    for n in (3, 4, 6, 7):
        y_hat, y = rng.uniform(-3, 3, size=(2, n)).round(2)
        cases.append(Case("random", {"y_hat": y_hat, "y": y}))
    return cases


def _mse_sum(y_hat, y):
    return np.sum((y_hat - y) ** 2)


def _mse_no_square(y_hat, y):
    return np.mean(y_hat - y)


def _mse_abs(y_hat, y):
    return np.mean(np.abs(y_hat - y))


def _mse_root(y_hat, y):
    return np.sqrt(np.mean((y_hat - y) ** 2))


def _mse_half(y_hat, y):
    return 0.5 * np.mean((y_hat - y) ** 2)


check_mse = Check(
    "mse", chapter=3, label="gd_code1", reference=losses.mse, cases=_mse_cases,
    mistakes=[
        Mistake("sum", _mse_sum,
                "Your function adds the squared errors up: that is the sum instead of "
                "the mean. Divide by the number of samples n."),
        Mistake("no square", _mse_no_square,
                "Your function averages the errors themselves, so errors of opposite "
                "sign cancel. Square each error before averaging."),
        Mistake("absolute", _mse_abs,
                "Your function averages the absolute errors: that is the mean absolute "
                "error. The MSE averages the squares."),
        Mistake("root", _mse_root,
                "Your function takes the square root: that is the RMSE, in the units of "
                "y. The MSE is the mean of the squares, with no root."),
        Mistake("half", _mse_half,
                "Your function has a factor 1/2. It belongs to the loss (1/2)(y - ŷ)^2 "
                "that some texts use, not to the MSE."),
    ],
)


def _grad_cases():
    rng = np.random.default_rng(302)
    cases = [
        Case("hand", {"theta": np.array([1.0, 0.0]), "x": np.array([1.0, 2.0, 3.0]),
                      "y": np.array([2.0, 2.0, 2.0])}, "the line ŷ(x) = x, residuals 1, 0, -1"),
        Case("hand", {"theta": np.array([2.0, 1.0]), "x": np.array([0.0, 1.0]),
                      "y": np.array([1.0, 5.0])}, "the line ŷ(x) = 2x + 1, residuals 0 and 2"),
        Case("edge", {"theta": np.array([2.0, -1.0]), "x": np.array([0.0, 1.0, 2.0]),
                      "y": np.array([-1.0, 1.0, 3.0])}, "a perfect fit: zero gradient"),
        Case("edge", {"theta": np.array([0.5, 0.0]), "x": np.array([3.0]),
                      "y": np.array([4.0])}, "one point"),
        Case("edge", {"theta": np.array([1.0, 1.0]), "x": np.array([0.0, 0.0]),
                      "y": np.array([3.0, -1.0])}, "every x is 0, so ∂L/∂w = 0"),
    ]
    for n in (3, 5, 6, 8):
        x = rng.uniform(0, 5, size=n).round(1)
        y = (2 * x + 1 + rng.normal(scale=1.0, size=n)).round(2)
        cases.append(Case("random", {"theta": rng.uniform(-2, 3, size=2).round(1),
                                     "x": x, "y": y}))
    return cases


def _residuals(theta, x, y):
    w, b = theta
    return y - (w * x + b)


def _grad_no_two(theta, x, y):
    r = _residuals(theta, x, y)
    return np.array([-np.mean(r * x), -np.mean(r)])


def _grad_sum(theta, x, y):
    r = _residuals(theta, x, y)
    return np.array([-2 * np.sum(r * x), -2 * np.sum(r)])


def _grad_sign(theta, x, y):
    r = _residuals(theta, x, y)
    return np.array([2 * np.mean(r * x), 2 * np.mean(r)])


def _grad_no_x(theta, x, y):
    r = _residuals(theta, x, y)
    return np.array([-2 * np.mean(r), -2 * np.mean(r)])


def _grad_swapped(theta, x, y):
    r = _residuals(theta, x, y)
    return np.array([-2 * np.mean(r), -2 * np.mean(r * x)])


check_loss_grad = Check(
    "loss_grad", chapter=3, label="gd_code2", reference=linreg.loss_grad, cases=_grad_cases,
    mistakes=[
        Mistake("no 2", _grad_no_two,
                "Your gradient is half the right one: the derivative of the square "
                "(y_i - ŷ_i)^2 brings down a factor 2, so both components start with "
                "-2/n."),
        Mistake("sum", _grad_sum,
                "Your gradient is n times the right one: L is a mean, so its gradient "
                "is a mean too. Divide the sums by n."),
        Mistake("sign", _grad_sign,
                "The sign of your gradient is flipped. The residual r_i = y_i - ŷ(x_i) "
                "falls when w or b rises, so ∂L/∂w = -(2/n) sum r_i x_i and "
                "∂L/∂b = -(2/n) sum r_i."),
        Mistake("no x", _grad_no_x,
                "Your ∂L/∂w forgets the x_i: ŷ(x_i) = w x_i + b changes by x_i per unit "
                "of w, so each residual is weighted by its x_i. Only ∂L/∂b has none."),
        Mistake("swapped", _grad_swapped,
                "Your two components are in the wrong order: return "
                "(∂L/∂w, ∂L/∂b), the order of theta = (w, b)."),
    ],
)


def descent_step_reference(theta, x, y, lr):
    """One step of :func:`nncore.optimisers.gradient_descent` on the line's loss
    :func:`nncore.linreg.loss`: returns $\\theta - \\eta\\,\\nabla L(\\theta)$."""
    path = optimisers.gradient_descent(lambda t: linreg.loss(t, x, y),
                                       lambda t: linreg.loss_grad(t, x, y), theta, lr, 1)
    return path.params[1]


def _step_cases():
    rng = np.random.default_rng(303)
    cases = [
        Case("hand", {"theta": np.array([1.0, 0.0]), "x": np.array([1.0, 2.0, 3.0]),
                      "y": np.array([2.0, 2.0, 2.0]), "lr": 0.1},
             "gradient (4/3, 0), learning rate 0.1"),
        Case("hand", {"theta": np.array([2.0, 1.0]), "x": np.array([0.0, 1.0]),
                      "y": np.array([1.0, 5.0]), "lr": 0.5}, "gradient (-2, -2)"),
        Case("edge", {"theta": np.array([2.0, -1.0]), "x": np.array([0.0, 1.0, 2.0]),
                      "y": np.array([-1.0, 1.0, 3.0]), "lr": 0.1},
             "at the minimum: the step changes nothing"),
        Case("edge", {"theta": np.array([0.0, 0.0]), "x": np.array([1.0, 2.0]),
                      "y": np.array([1.0, 2.0]), "lr": 1.0}, "learning rate 1"),
    ]
    for n in (3, 5, 6):
        x = rng.uniform(0, 3, size=n).round(1)
        y = (x - 1 + rng.normal(scale=0.5, size=n)).round(2)
        cases.append(Case("random", {"theta": rng.uniform(-2, 2, size=2).round(1), "x": x,
                                     "y": y, "lr": float(rng.choice([0.01, 0.05, 0.1]))}))
    return cases


def _step_up(theta, x, y, lr):
    return theta + lr * linreg.loss_grad(theta, x, y)


def _step_no_lr(theta, x, y, lr):
    return theta - linreg.loss_grad(theta, x, y)


def _step_only_w(theta, x, y, lr):
    g = linreg.loss_grad(theta, x, y)
    return np.array([theta[0] - lr * g[0], theta[1]])


check_descent_step = Check(
    "descent_step", chapter=3, label="gd_code3", reference=descent_step_reference,
    cases=_step_cases,
    mistakes=[
        Mistake("uphill", _step_up,
                "Your step goes up the slope: the gradient points uphill, so gradient "
                "descent subtracts it, theta - lr * gradient."),
        Mistake("no learning rate", _step_no_lr,
                "Your step forgets the learning rate: theta - lr * gradient."),
        Mistake("only w", _step_only_w,
                "Your step moves w only. Both parameters take a step against their own "
                "component of the gradient, b as well as w."),
    ],
)


def newton_sqrt_reference(c, x0, n_steps):
    """Newton's method on $f(x) = x^2 - c$ by :func:`nncore.optimisers.newton_root`:
    returns $x_{\\text{n\\_steps}}$."""
    path = optimisers.newton_root(lambda x: x * x - c, lambda x: 2.0 * x, x0, n_steps)
    return float(path[-1])


def _newton_cases():
    rng = np.random.default_rng(304)
    cases = [
        Case("hand", {"c": 16.0, "x0": 0.628, "n_steps": 6},
             "Punnen's square root of 16 from 0.628"),
        Case("hand", {"c": 2.0, "x0": 1.0, "n_steps": 2}, "1 -> 3/2 -> 17/12"),
        Case("edge", {"c": 2.0, "x0": 1.0, "n_steps": 0}, "no step at all: x0"),
        Case("edge", {"c": 9.0, "x0": -1.0, "n_steps": 8},
             "a negative start finds the negative root"),
        Case("edge", {"c": 0.0, "x0": 1.0, "n_steps": 4},
             "c = 0: the root is double, each step halves x"),
        Case("edge", {"c": 1e6, "x0": 1.0, "n_steps": 30}, "a large c from a poor start"),
    ]
    for _ in range(4):
        cases.append(Case("random", {"c": round(float(rng.uniform(1, 100)), 1),
                                     "x0": round(float(rng.uniform(0.5, 10)), 2),
                                     "n_steps": int(rng.integers(1, 6))}))
    return cases


def _newton(c, x0, n_steps, step):
    x = x0
    for _ in range(n_steps):
        x = step(x, c)
    return x


def _newton_plus(c, x0, n_steps):
    return _newton(c, x0, n_steps, lambda x, c: x + (x * x - c) / (2 * x))


def _newton_upside_down(c, x0, n_steps):
    return _newton(c, x0, n_steps, lambda x, c: x - (2 * x) / (x * x - c))


def _newton_slope_x(c, x0, n_steps):
    return _newton(c, x0, n_steps, lambda x, c: x - (x * x - c) / x)


def _newton_one_short(c, x0, n_steps):
    return _newton(c, x0, max(n_steps - 1, 0), lambda x, c: x - (x * x - c) / (2 * x))


check_newton_sqrt = Check(
    "newton_sqrt", chapter=3, label="gd_code4", reference=newton_sqrt_reference,
    cases=_newton_cases,
    mistakes=[
        Mistake("plus", _newton_plus,
                "Your step moves away from the root. The tangent crosses zero at "
                "x - f(x)/f'(x): subtract the quotient."),
        Mistake("upside down", _newton_upside_down,
                "Your quotient is upside down: the step is f(x) / f'(x), the value over "
                "the slope, with f(x) = x^2 - c and f'(x) = 2x."),
        Mistake("slope x", _newton_slope_x,
                "Your slope is x, but the derivative of x^2 - c is 2x: "
                "x - (x^2 - c) / (2x)."),
        Mistake("one short", _newton_one_short,
                "Your function takes one step too few: take exactly n_steps steps, and "
                "with n_steps = 0 return x0 itself."),
    ],
)
