"""nncore.exercises: the checkers of the coding exercises.

Every checker passes nncore's own answer, fails each typical wrong implementation of its
catalogue with the hint written for it, and fails a function that returns zeros or the
negative of the answer. A stub that raises NotImplementedError is "not written yet";
odd functions (returning None, raising, overflowing) get a report, never an exception or
a warning (this test layer turns warnings into errors). The first hand-worked case of
every exercise is worked out again here, by hand, so nncore is not taken on trust. And
the chapters hold every exercise: a stub, a check cell, a solution that passes its own
check, and the progress line.
"""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path

import numpy as np
import pytest

from nncore import activations, autodiff, exercises, linreg
from nncore.exercises import CHECKS

CHAPTERS = Path(__file__).resolve().parents[2] / "chapters"

MISTAKES = [(name, mistake) for name, check in CHECKS.items() for mistake in check.mistakes]


def _each(check, f):
    """``f`` applied to every result of ``check``'s reference, as a function."""
    def wrong(*args):
        out = check.reference(*args)
        if check.outputs:
            return tuple(f(np.asarray(o, dtype=float)) for o in out)
        return f(np.asarray(out, dtype=float))
    return wrong


def _flat(text):
    return " ".join(text.split())


def _stub(*args):
    """The stub every exercise starts from."""
    raise NotImplementedError


# -- the three promises of every checker ------------------------------------------------


@pytest.mark.parametrize("name", CHECKS)
def test_every_checker_passes_its_reference(name):
    result = CHECKS[name](CHECKS[name].reference)
    assert result.passed, repr(result)
    assert repr(result).startswith(f"{name}: right on all ") and "\n" not in repr(result)


@pytest.mark.parametrize("name, mistake", MISTAKES,
                         ids=[f"{n}-{m.name}" for n, m in MISTAKES])
def test_each_catalogued_mistake_fails_with_its_own_hint(name, mistake):
    result = CHECKS[name](mistake.wrong)
    assert result.status == "failed", repr(result)
    assert result.hint == mistake.hint, repr(result)
    assert _flat(mistake.hint) in _flat(repr(result))


@pytest.mark.parametrize("wrong", ["zeros", "negative"])
@pytest.mark.parametrize("name", CHECKS)
def test_zeros_and_the_negative_of_the_answer_fail(name, wrong):
    check = CHECKS[name]
    f = np.zeros_like if wrong == "zeros" else np.negative
    result = check(_each(check, f))
    assert result.status == "failed", repr(result)
    assert result.hint, repr(result)


@pytest.mark.parametrize("name", CHECKS)
def test_a_stub_is_not_written_yet_and_gets_no_traceback(name):
    result = CHECKS[name](_stub)
    assert result.status == "not written" and not result.passed
    assert repr(result).startswith(f"{name}: not written yet")
    assert "Traceback" not in repr(result) and "\n" not in repr(result)


# -- the cases: the first one worked out by hand here --------------------------------------


def _sigmoid(z):
    return 1 / (1 + math.exp(-z))


A = _sigmoid(0.55)  # the neuron of chapter 4: x = 1.5, w = 0.5, b = -0.2, y = 1
E = np.exp([1.0, 2.0, 3.0])

HAND = {
    "dot": 2.0,                                   # 8 + 0 - 6
    "norm": 5.0,                                  # sqrt(9 + 16)
    "halfspace": [1, 0, 1],                       # x2 - 2 = 1, -1.5, 0 (on the line: 1)
    "perceptron_update": ([-2.0, 1.0], -1.0),     # score 0 -> 1, but y = 0: subtract
    "perceptron_fit": ([-1.0, 2.0], -2.0),        # chapter 2's exercise "The rule by hand"
    "mse": 5.0,                                   # (1 + 9) / 2
    "loss_grad": [4 / 3, 0.0],                    # r = (1, 0, -1): -(2/3)(1 - 3), -(2/3) 0
    "descent_step": [1 - 0.1 * 4 / 3, 0.0],
    "newton_sqrt": 4.0,                           # 6 steps from 0.628: 4 to 8 digits
    "sigmoid_node": (0.5, 0.25),
    "neuron_backward": (2 * (A - 1) * A * (1 - A) * 1.5, 2 * (A - 1) * A * (1 - A)),
    "dense_forward": [[1.0, 3.5, -1.0]],          # (1, 1 + 2 + 0.5, -2 + 1)
    "dense_backward": ([[2.0, 1.0]], [1.0], [[1.0, -1.0]]),
    "softmax": [E / E.sum()],
    "cross_entropy_grad": [[0.5, -0.5]],
    "penalty_grad": [[0.1, -0.1], [0.0, 0.1]],    # 0.1 sign(W), sign(0) = 0
    "feature_map": [[1, 2, 1, 4, 2, math.sin(1), math.sin(2), math.cos(1), math.cos(2)]],
}


@pytest.mark.parametrize("name", CHECKS)
def test_the_first_case_is_worked_by_hand_and_nncore_agrees(name):
    check = CHECKS[name]
    assert check.cases()[0].kind == "hand"
    got, want = check.expected()[0], HAND[name]
    if check.outputs:
        assert len(got) == len(want)
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w, rtol=1e-7, atol=1e-12)
    else:
        np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-12)


def test_the_registry_covers_every_chapter_with_two_to_four_exercises():
    chapters = [check.chapter for check in CHECKS.values()]
    assert sorted(set(chapters)) == list(range(1, 8))
    assert all(2 <= chapters.count(c) <= 4 for c in set(chapters)), chapters
    labels = [check.label for check in CHECKS.values()]
    assert len(set(labels)) == len(labels)
    for name, check in CHECKS.items():
        assert check.name == name and getattr(exercises, f"check_{name}") is check
        assert callable(check.reference) and len(check.mistakes) >= 3, name
        kinds = {case.kind for case in check.cases()}
        assert kinds == {"hand", "edge", "random"}, (name, kinds)
        assert len({m.hint for m in check.mistakes}) == len(check.mistakes), name


# -- what the reports say ----------------------------------------------------------------


def test_the_report_names_the_input_the_expected_and_the_received_value():
    def mse(y_hat, y):
        return np.sum((y_hat - y) ** 2)

    report = repr(exercises.check_mse(mse))
    assert all(len(line) <= 88 for line in report.splitlines()), report
    assert _flat(report) == _flat(
        "mse: not right yet, on a case worked by hand (errors 1 and 3: (1 + 9) / 2): "
        "your result has the wrong value. "
        "input y_hat = [2., 4.] y = [1., 1.] "
        "expected 5.0 "
        "received 10.0 "
        "hint " + exercises.check_mse.mistakes[0].hint)


def test_an_overflow_gets_the_max_shift_hint_without_a_warning():
    def softmax(Z):  # no max shift, written another way than the catalogue's
        return np.exp(Z) / np.sum(np.exp(Z), axis=1)[:, np.newaxis]

    result = exercises.check_softmax(softmax)
    assert result.status == "failed" and "Subtract each row's largest logit" in result.hint
    assert "1000" in repr(result)


@pytest.mark.parametrize("name, wrong, hint", [
    ("norm", lambda a: np.sqrt(np.sum(a * a)).reshape(1),
     exercises.HINT_SCALAR.format(shape=(1,))),
    ("loss_grad", lambda theta, x, y: linreg.loss_grad(theta, x, y)[:, np.newaxis],
     exercises.HINT_COLUMN.format(want=(2,), got=(2, 1))),
    ("dense_backward", lambda X, W, dZ: (X.T @ dZ, dZ.sum(axis=0)[np.newaxis, :], dZ @ W),
     exercises.HINT_TRANSPOSED),
    ("mse", lambda y_hat, y: -np.mean((y_hat - y) ** 2), exercises.HINT_SIGN),
    ("loss_grad", lambda theta, x, y: 3 * linreg.loss_grad(theta, x, y),
     exercises.HINT_FACTOR.format(factor="3")),
    ("softmax", lambda Z: activations.softmax(Z) * 0, exercises.HINT_ZEROS),
    ("dot", lambda a, b: None, exercises.HINT_NONE),
    ("sigmoid_node", lambda z: (autodiff.Value(z).sigmoid(), 0.0), exercises.HINT_VALUE),
    ("perceptron_fit", lambda X, y, lr=1.0, max_epochs=100: np.zeros(X.shape[1]),
     exercises.HINT_TUPLE.format(names="w, b")),
])
def test_the_numbers_themselves_give_a_hint_where_no_mistake_fits(name, wrong, hint):
    result = CHECKS[name](wrong)
    assert result.status == "failed" and result.hint == hint, repr(result)


def test_a_function_that_calls_an_unwritten_stub_is_written_but_not_right():
    def softmax(Z):
        raise NotImplementedError

    def cross_entropy_grad(Z, y):
        P = softmax(Z)
        P[np.arange(len(y)), y] -= 1
        return P / len(y)

    result = exercises.check_cross_entropy_grad(cross_entropy_grad)
    assert result.status == "failed"
    assert result.hint == exercises.HINT_CALLS_STUB.format(callee="softmax")
    assert "raised NotImplementedError in softmax" in _flat(repr(result))


def test_a_change_in_place_is_caught_even_with_the_right_answer():
    def dense_forward(X, W, b):
        Z = X @ W.T + b
        X[:] = 0.0
        return Z

    result = exercises.check_dense_forward(dense_forward)
    assert result.status == "failed"
    assert result.hint == exercises.HINT_IN_PLACE.format(name="X")


ODD = {
    "returns None": lambda *args: None,
    "returns a string": lambda *args: "42",
    "raises": lambda *args: 1 / 0,
    "takes no argument": lambda: 1.0,
    "returns a ragged list": lambda *args: [[1.0], [1.0, 2.0]],
    "returns a Value": lambda *args: autodiff.Value(1.0),
    "overflows": lambda *args: np.exp(np.float64(1000.0)),
    "divides by zero": lambda *args: np.float64(1.0) / np.float64(0.0),
    "returns a dict": lambda *args: {"w": 1.0},
    "returns a 3-tuple": lambda *args: (1.0, 2.0, 3.0),
}


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("name", CHECKS)
def test_odd_functions_get_a_report_never_an_exception_or_a_warning(name, odd):
    result = CHECKS[name](ODD[odd])
    assert result.status == "failed", repr(result)
    assert result.hint and repr(result).startswith(f"{name}: not right yet")


def test_something_else_than_a_function_gets_a_report():
    result = exercises.check_dot(3)
    assert result.status == "failed" and "expected your function" in repr(result)


def test_progress_runs_the_checks_again_and_says_which_pass():
    line = repr(exercises.progress(dot=lambda a, b: float(np.sum(a * b)), norm=_stub,
                                   halfspace=lambda X, w, b: X @ w + b))
    assert line == ("Coding exercises of this chapter: 1 of 3 pass. dot passes; norm not "
                    "written yet; halfspace not right yet (its check says why).")
    everything = repr(exercises.progress(mse=CHECKS["mse"].reference,
                                         loss_grad=CHECKS["loss_grad"].reference))
    assert everything == "All 2 coding exercises of this chapter pass: mse, loss_grad."
    with pytest.raises(TypeError, match="no coding exercise is called 'dott'"):
        exercises.progress(dott=_stub)


# -- the chapters hold every exercise ----------------------------------------------------


def _chapter(number):
    (path,) = CHAPTERS.glob(f"{number:02d}_*.ipynb")
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell):
    return "".join(cell["source"])


def _solution_cells(cells, label):
    """The code cells between ``{solution-start} label`` and the next solution-end."""
    start = next(i for i, c in enumerate(cells)
                 if _source(c).startswith(f"```{{solution-start}} {label}\n"))
    assert ":class: dropdown" in _source(cells[start])
    end = next(i for i in range(start, len(cells)) if "{solution-end}" in _source(cells[i]))
    return [c for c in cells[start:end] if c["cell_type"] == "code"]


@pytest.mark.parametrize("number", range(1, 8))
def test_each_chapter_has_a_stub_a_check_a_solution_and_a_progress_line(number):
    cells = _chapter(number)
    code = [_source(c) for c in cells if c["cell_type"] == "code"]
    names = [n for n, check in CHECKS.items() if check.chapter == number]
    for name in names:
        label = CHECKS[name].label
        opening = [i for i, c in enumerate(cells)
                   if _source(c).startswith("```{exercise-start}") and
                   f":label: {label}\n" in _source(c)]
        assert len(opening) == 1, f"chapter {number}: no exercise labelled {label}"
        stubs = [s for s in code if f"def {name}(" in s and "_solution" not in s]
        assert len(stubs) == 1, f"chapter {number}: no stub for {name}"
        (function,) = ast.parse(stubs[0]).body
        assert ast.get_docstring(function), f"the stub of {name} has no docstring"
        assert ast.unparse(function.body[-1]) == "raise NotImplementedError"
        assert f"exercises.check_{name}({name})" in code
        assert _solution_cells(cells, label), f"no solution code for {label}"
    call = "exercises.progress(" + ", ".join(f"{n}={n}" for n in names) + ")"
    assert code[-1] == call, f"chapter {number} should end with {call}"


@pytest.mark.parametrize("name", CHECKS)
def test_the_solution_in_the_chapter_passes_its_check(name):
    check = CHECKS[name]
    cells = _solution_cells(_chapter(check.chapter), check.label)
    namespace = {"np": np, "exercises": exercises, "activations": activations,
                 "linreg": linreg}
    result = None
    for cell in cells:
        tree = ast.parse(_source(cell))
        *body, last = tree.body
        exec(compile(ast.Module(body, []), check.label, "exec"), namespace)  # noqa: S102
        result = eval(compile(ast.Expression(last.value), check.label, "eval"), namespace)
    assert isinstance(result, exercises.Result) and result.passed, repr(result)
