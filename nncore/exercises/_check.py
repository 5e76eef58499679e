"""How a coding exercise is checked: the cases, the catalogue of mistakes, the report
and its hints (:class:`Check`), and the chapter's closing line (:class:`Progress`)."""

from __future__ import annotations

import copy
import textwrap
import warnings

import numpy as np

from .. import autodiff

__all__ = ["Case", "Mistake", "Check", "Result", "Progress", "arrays"]


HINT_NONE = ("Your function returned None: it computes something but has no `return` "
             "line, or returns from a branch that is not taken here.")
HINT_ZEROS = ("Your function returned only zeros here, where the answer is not zero. Is "
              "a placeholder such as np.zeros(...) still in it?")
HINT_SIGN = ("Your result is the expected one with the opposite sign: look for a "
             "subtraction written the other way round, or a step up the gradient "
             "instead of down.")
HINT_FACTOR = ("Your result is {factor} times the expected one, everywhere: look for a "
               "constant factor that is missing or extra (a 2, a 1/n, a learning rate).")
HINT_TRANSPOSED = ("Your result is the transpose of the expected one: check which matrix "
                   "should be transposed. A layer's W has shape (n_out, n_in), one neuron "
                   "per row, and a batch X has one sample per row.")
HINT_NONFINITE = ("Your result holds nan or inf: a number overflowed (e^z is inf for "
                  "z > 709.78) or was divided by zero. Rewrite the formula so that no "
                  "step can overflow.")
HINT_VALUE = ("Your function returned an autodiff Value; the exercise asks for plain "
              "numbers: return its .data.")
HINT_TUPLE = "Return the results together, as a tuple: return {names}."
HINT_SCALAR = ("The answer is one number, but your function returned an array of shape "
               "{shape}: add the entries up, or take the number out with float(...).")
HINT_COLUMN = ("The answer is a 1-D array of shape {want}, but yours has shape {got}. "
               "Shapes (n,) and (n, 1) are different in numpy: keep the vector 1-D (no "
               "reshape, np.newaxis or keepdims=True in that place).")
HINT_SHAPE = "The answer has shape {want}, but yours has shape {got}."
HINT_SHAPE_ERROR = ("The shapes of two arrays in your formula do not fit together. Write "
                    "each array's shape next to the formula and check every product and "
                    "every sum.")
HINT_RAISED = ("Run your function on this input in a cell of its own and read the "
               "traceback: it names the line that failed.")
HINT_CALLS_STUB = ("Your function calls {callee}, which is not written yet: write "
                   "{callee} first, or use nncore's version of it.")
HINT_IN_PLACE = ("Your function changed its argument {name} in place (with {name} += ... "
                 "or {name}[...] = ...). Build a new array instead, such as "
                 "{name}_new = {name} + ..., and leave the caller's {name} as it was: "
                 "the caller may still need it.")
HINT_WARNED = ("numpy warned while your function ran. A warning means a number left the "
               "range of floats or was divided by zero: rewrite the formula so that no "
               "step can overflow.")
HINT_COMPARE = ("Work this input out by hand, step by step, and print your function's "
                "intermediate values to find the first one that differs.")

_KINDS = {"hand": "worked by hand", "edge": "edge case", "random": "random"}


class Case:
    """One input of a check: the arguments, in the order of the exercise's signature.

    Parameters
    ----------
    kind : {"hand", "edge", "random"}
        A case worked by hand in the chapter, an edge case, or a seeded random case.
    args : dict
        The arguments by the names the exercise's stub uses.
    note : str, default ""
        What is special about it, such as "a point on the hyperplane".
    """

    def __init__(self, kind, args, note=""):
        if kind not in _KINDS:
            raise ValueError(f"kind must be one of {list(_KINDS)}; got {kind!r}")
        self.kind = kind
        self.args = dict(args)
        self.note = note

    def __repr__(self):
        return f"Case({self.kind!r}, {list(self.args)}, note={self.note!r})"

    def describe(self):
        """The case in words, for the report: "a case worked by hand", ..."""
        what = {"hand": "a case worked by hand", "edge": "an edge case",
                "random": "a random case"}[self.kind]
        return f"{what} ({self.note})" if self.note else what


class Mistake:
    """A typical wrong implementation of an exercise, and the hint it must get.

    Parameters
    ----------
    name : str
        A short name, such as ``"no max shift"``.
    wrong : callable
        The wrong function, with the exercise's signature.
    hint : str
        What the checker tells a reader whose function behaves like ``wrong``.
    """

    def __init__(self, name, wrong, hint):
        self.name = name
        self.wrong = wrong
        self.hint = hint

    def __repr__(self):
        return f"Mistake({self.name!r})"


class Result:
    """What a check found; its repr is the report.

    Attributes
    ----------
    status : {"passed", "failed", "not written"}
    passed : bool
    message : str
        The report: one line for a pass, or the case, the input, the expected and the
        received value and a hint for a failure.
    hint : str or None
        The hint of a failure.
    case : Case or None
        The first case that failed.
    """

    def __init__(self, name, status, message, *, hint=None, case=None):
        self.name = name
        self.status = status
        self.message = message
        self.hint = hint
        self.case = case

    @property
    def passed(self):
        return self.status == "passed"

    def __repr__(self):
        return self.message

    def __str__(self):
        return self.message


class _Outcome:
    """What one call of a function did: its value or the exception it raised, the
    warnings it caused and the arguments it changed in place."""

    def __init__(self, value=None, error=None, warned=(), mutated=()):
        self.value = value
        self.error = error
        self.warned = list(warned)
        self.mutated = list(mutated)


def _unchanged(before, after):
    if isinstance(before, np.ndarray) or isinstance(after, np.ndarray):
        before, after = np.asarray(before), np.asarray(after)
        return (before.shape == after.shape and before.dtype == after.dtype
                and bool(np.array_equal(before, after, equal_nan=before.dtype.kind == "f")))
    try:
        return bool(before == after)
    except (TypeError, ValueError):
        return True


def _raised_in(error):
    """The name of the function in which ``error`` was raised, and its code object."""
    tb = error.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name, tb.tb_frame.f_code


def _run(fn, args):
    """Call ``fn`` on copies of the arguments; catch what it raises and warns."""
    given = copy.deepcopy(args)
    kept = copy.deepcopy(args)
    value, error = None, None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
            try:
                value = fn(*given.values())
            except Exception as exc:  # noqa: BLE001 (any error of the reader's becomes the report)
                error = exc
    mutated = [name for name in args if not _unchanged(kept[name], given[name])]
    return _Outcome(value, error, [str(w.message) for w in caught], mutated)


def _show(x, indent):
    """``x`` as the report prints it; continuation lines indented by ``indent``."""
    if isinstance(x, (bool, np.bool_)):
        text = repr(bool(x))
    elif isinstance(x, (int, np.integer)):
        text = str(int(x))
    elif isinstance(x, (float, np.floating)):
        text = f"{float(x):.10g}"
        if text.lstrip("-").isdigit():
            text += ".0"
    elif isinstance(x, np.ndarray) or (isinstance(x, (list, tuple)) and _numbers(x) is not None):
        arr = np.asarray(x)
        if arr.ndim == 0:
            return _show(arr.item(), indent)
        with np.printoptions(precision=8, suppress=False, threshold=200, linewidth=80,
                             floatmode="maxprec"):
            text = np.array2string(arr, separator=", ")
    else:
        text = repr(x)
        if len(text) > 300:
            text = text[:300] + " ..."
    return text.replace("\n", "\n" + " " * indent)


def _numbers(x):
    """``x`` as an array of floats, or None if it is not made of real numbers."""
    if isinstance(x, (str, bytes, autodiff.Value)) or x is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    return arr


def _fraction(r):
    """A factor as a simple fraction, "2", "1/2", "-3/4", or None if it is not one."""
    for q in range(1, 13):
        p = round(r * q)
        if p and abs(p) <= 100 and abs(r * q - p) < 1e-6 * abs(r * q):
            return f"{p}" if q == 1 else f"{p}/{q}"
    return None


class _Problem:
    def __init__(self, text, hint=None, shape=False):
        self.text = text
        self.hint = hint
        self.shape = shape  # show the received value's shape


class Check:
    """A checker for one coding exercise: call it on your function.

    Parameters
    ----------
    name : str
        The name of the function the exercise asks for, such as ``"dot"``.
    chapter : int
        The chapter the exercise belongs to.
    label : str
        The exercise's label in the chapter, such as ``"vectors_code1"``.
    reference : callable
        nncore's answer, with the exercise's signature.
    cases : callable
        ``cases() -> list of Case``: the inputs, hand-worked cases first.
    outputs : tuple of str or None, default None
        The names of the results if the function returns several (a tuple), such as
        ``("w", "b")``; None for one result.
    mistakes : sequence of Mistake, default ()
        The catalogue of typical wrong implementations.
    columns : sequence of str or None, default None
        Names of the columns of a 2-D result, to say which ones are wrong.
    overflow_hint : str or None, default None
        The hint for a result that overflows (nan, inf or a numpy warning).
    rtol, atol : float
        The tolerances of the comparison (``np.allclose``).

    Calling a Check on a function returns a :class:`Result`, whose repr is the report.
    """

    def __init__(self, name, *, chapter, label, reference, cases, outputs=None,
                 mistakes=(), columns=None, overflow_hint=None, rtol=1e-7, atol=1e-10):
        self.name = name
        self.chapter = chapter
        self.label = label
        self.reference = reference
        self._make_cases = cases
        self.outputs = tuple(outputs) if outputs else None
        self.mistakes = tuple(mistakes)
        self.columns = tuple(columns) if columns else None
        self.overflow_hint = overflow_hint
        self.rtol, self.atol = rtol, atol
        self._cache = {}

    def __repr__(self):
        return (f"Check({self.name!r}, chapter={self.chapter}, label={self.label!r}, "
                f"{len(self.cases())} cases, {len(self.mistakes)} mistakes)")

    # -- the cases and what nncore and the mistakes make of them ------------------------

    def cases(self):
        """The inputs, in the order they are tried: by hand, edge, random."""
        if "cases" not in self._cache:
            self._cache["cases"] = list(self._make_cases())
        return self._cache["cases"]

    def expected(self):
        """nncore's answer for every case."""
        if "expected" not in self._cache:
            outcomes = [_run(self.reference, case.args) for case in self.cases()]
            for case, out in zip(self.cases(), outcomes):
                if out.error is not None or out.warned or out.mutated:
                    raise RuntimeError(f"the reference of {self.name} failed on {case!r}: "
                                       f"{out.error!r} {out.warned} {out.mutated}")
            self._cache["expected"] = [out.value for out in outcomes]
        return self._cache["expected"]

    def _mistake_outcomes(self):
        if "mistakes" not in self._cache:
            self._cache["mistakes"] = [[_run(m.wrong, case.args) for case in self.cases()]
                                       for m in self.mistakes]
        return self._cache["mistakes"]

    # -- comparing one result -----------------------------------------------------------

    def _same(self, a, b):
        """Whether two returned values are the same within the tolerances."""
        if self.outputs:
            if not (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list))
                    and len(a) == len(b)):
                return False
            return all(self._same_part(x, y) for x, y in zip(a, b))
        return self._same_part(a, b)

    def _same_part(self, a, b):
        if a is None or b is None:
            return a is None and b is None
        x, y = _numbers(a), _numbers(b)
        if x is None or y is None:
            return False
        return x.shape == y.shape and bool(np.allclose(x, y, rtol=self.rtol, atol=self.atol,
                                                       equal_nan=True))

    def _agree(self, a, b):
        """Whether two outcomes agree: the same error, or the same values and the same
        arguments changed in place."""
        if a.error is not None or b.error is not None:
            return type(a.error) is type(b.error)
        return a.mutated == b.mutated and self._same(a.value, b.value)

    def _compare_one(self, want, got, name):
        """A _Problem if ``got`` is not ``want``, else None."""
        what = f"your {name}" if name else "your result"
        if got is None:
            return _Problem(f"{what} is None", HINT_NONE)
        if isinstance(got, autodiff.Value):
            return _Problem(f"{what} is a Value", HINT_VALUE)
        arr = _numbers(got)
        want = np.asarray(want, dtype=float)
        if arr is None:
            return _Problem(f"{what} is a {type(got).__name__}, not a number or an array "
                            "of numbers", HINT_COMPARE)
        if arr.shape != want.shape:
            if want.ndim == 0:
                hint = HINT_SCALAR.format(shape=arr.shape)
            elif want.ndim == 1 and arr.shape in ((want.size, 1), (1, want.size)):
                hint = HINT_COLUMN.format(want=want.shape, got=arr.shape)
            elif arr.ndim == 2 and arr.shape == want.shape[::-1]:
                hint = HINT_TRANSPOSED
            else:
                hint = HINT_SHAPE.format(want=want.shape, got=arr.shape)
            return _Problem(f"{what} has the wrong shape", hint, shape=True)
        if np.allclose(arr, want, rtol=self.rtol, atol=self.atol):
            return None
        text = f"{what} has the wrong value"
        hint = self._value_hint(want, arr)
        if self.columns and arr.ndim == 2 and arr.shape[1] == len(self.columns):
            bad = [c for j, c in enumerate(self.columns)
                   if not np.allclose(arr[:, j], want[:, j], rtol=self.rtol, atol=self.atol)]
            text += f" in the column{'s' if len(bad) > 1 else ''} " + ", ".join(bad)
            hint = hint or (f"Check the formula of each column named above, and the order "
                            f"of the columns: {', '.join(self.columns)}.")
        return _Problem(text, hint)

    def _value_hint(self, want, got):
        """A hint from the numbers alone: nan, zeros, the sign, a factor, a transpose."""
        tol = {"rtol": self.rtol, "atol": self.atol}
        if not np.all(np.isfinite(got)):
            return self.overflow_hint or HINT_NONFINITE
        if np.any(want != 0):
            if np.all(got == 0):
                return HINT_ZEROS
            if np.allclose(got, -want, **tol):
                return HINT_SIGN
            big = np.abs(want) > 1e-6 * np.max(np.abs(want))
            ratio = got[big] / want[big]
            factor = float(ratio.flat[0])
            if (want.ndim and np.allclose(ratio, factor, rtol=1e-6)
                    and np.allclose(got[~big], 0, **tol)
                    and factor not in (0.0, 1.0, -1.0) and _fraction(factor)):
                return HINT_FACTOR.format(factor=_fraction(factor))
        if want.ndim == 2 and want.shape[0] == want.shape[1] and np.allclose(got, want.T, **tol):
            return HINT_TRANSPOSED
        return None

    def _problem(self, want, out):
        """What is wrong with one outcome, or None."""
        if out.error is not None:
            error = out.error
            text = f"your function raised {type(error).__name__}"
            shapes = isinstance(error, ValueError) and any(
                s in str(error) for s in ("shape", "broadcast", "mismatch", "aligned"))
            if isinstance(error, NotImplementedError):
                callee = _raised_in(error)[0]
                text += f" in {callee}"
                hint = HINT_CALLS_STUB.format(callee=callee)
            elif isinstance(error, OverflowError):
                hint = self.overflow_hint or HINT_NONFINITE
            else:
                hint = HINT_SHAPE_ERROR if shapes else HINT_RAISED
            return _Problem(text, hint)
        if out.mutated:
            name = out.mutated[0]
            return _Problem(f"your function changed its argument {name} in place",
                            HINT_IN_PLACE.format(name=name))
        if self.outputs:
            got = out.value
            names = ", ".join(self.outputs)
            if not isinstance(got, (tuple, list)) or len(got) != len(self.outputs):
                return _Problem(f"your function does not return {len(self.outputs)} "
                                f"results ({names})",
                                HINT_TUPLE.format(names=names))
            for name, w, g in zip(self.outputs, want, got):
                problem = self._compare_one(w, g, name)
                if problem:
                    return problem
        else:
            problem = self._compare_one(want, out.value, None)
            if problem:
                return problem
        if out.warned:
            return _Problem(f"your result is right, but numpy warned: {out.warned[0]}",
                            self.overflow_hint or HINT_WARNED)
        return None

    def _hint(self, reader, problems):
        """The hint for a failing function: from the catalogue if a mistake explains
        it, else from what the numbers show."""
        failing = [i for i, p in enumerate(problems) if p]
        first = failing[0]
        wrongs = self._mistake_outcomes()
        for mistake, outs in zip(self.mistakes, wrongs):  # behaves like it everywhere
            if all(self._agree(r, o) for r, o in zip(reader, outs)):
                return mistake.hint
        for mistake, outs in zip(self.mistakes, wrongs):  # explains every failure
            if all(self._agree(reader[i], outs[i]) for i in failing):
                return mistake.hint
        if problems[first].hint:
            return problems[first].hint
        for mistake, outs in zip(self.mistakes, wrongs):  # explains the first failure
            if self._agree(reader[first], outs[first]):
                return mistake.hint
        return HINT_COMPARE

    # -- the report ---------------------------------------------------------------------

    def _show_result(self, value, indent, shape):
        if self.outputs and isinstance(value, (tuple, list)) and len(value) == len(self.outputs):
            lines = []
            for name, v in zip(self.outputs, value):
                pad = indent + len(name) + 3
                text = f"{name} = {_show(v, pad)}"
                arr = _numbers(v)
                if shape and arr is not None and arr.ndim:
                    text += f"   (shape {arr.shape})"
                lines.append(text)
            return ("\n" + " " * indent).join(lines)
        text = _show(value, indent)
        arr = _numbers(value)
        if shape and arr is not None and arr.ndim:
            text += f"   (shape {arr.shape})"
        return text

    def __call__(self, fn):
        """Check ``fn`` on every case; return a :class:`Result` (its repr is the report)."""
        name = self.name
        if not callable(fn):
            return Result(self.name, "failed",
                          f"{self.name}: expected your function, got {_show(fn, 0)}.",
                          hint=f"Pass the function itself: check_{self.name}({self.name}).")
        cases, expected = self.cases(), self.expected()
        reader, problems = [], []
        for case, want in zip(cases, expected):
            out = _run(fn, case.args)
            if (isinstance(out.error, NotImplementedError)
                    and _raised_in(out.error)[1] is getattr(fn, "__code__", None)):
                return Result(name, "not written",
                              f"{name}: not written yet (it still raises "
                              "NotImplementedError). Write it in its cell, run that cell, "
                              "then this one.")
            reader.append(out)
            problems.append(self._problem(want, out))
        if not any(problems):
            counts = [sum(c.kind == kind for c in cases) for kind in _KINDS]
            parts = [f"{counts[0]} worked by hand", f"{counts[1]} edge cases",
                     f"{counts[2]} random"]
            return Result(name, "passed", f"{name}: right on all {len(cases)} cases "
                          f"({', '.join(p for p, k in zip(parts, counts) if k)}).")
        first = next(i for i, p in enumerate(problems) if p)
        case, want, out, problem = cases[first], expected[first], reader[first], problems[first]
        hint = self._hint(reader, problems)
        width = 11
        lines = [textwrap.fill(f"{name}: not right yet, on {case.describe()}: {problem.text}.",
                               width=88, subsequent_indent="  ", break_long_words=False,
                               break_on_hyphens=False)]
        for k, (arg, value) in enumerate(case.args.items()):
            head = "input" if k == 0 else ""
            lines.append(f"  {head:<{width - 2}}{arg} = {_show(value, width + len(arg) + 3)}")
        lines.append(f"  {'expected':<{width - 2}}{self._show_result(want, width, problem.shape)}")
        if out.error is not None:
            said = " ".join(str(out.error).split())
            said = said if len(said) <= 300 else said[:300] + " ..."
            said = f"{type(out.error).__name__}: {said}" if said else type(out.error).__name__
            lines.append(f"  {'raised':<{width - 2}}{said}")
        else:
            lines.append(f"  {'received':<{width - 2}}"
                         f"{self._show_result(out.value, width, problem.shape)}")
        wrapped = textwrap.fill(hint, width=88, initial_indent=" " * width,
                                subsequent_indent=" " * width, break_long_words=False,
                                break_on_hyphens=False)
        lines.append(f"  {'hint':<{width - 2}}" + wrapped[width:])
        return Result(name, "failed", "\n".join(lines), hint=hint, case=case)


class Progress:
    """Which of a chapter's coding exercises pass; its repr is one line.

    Attributes
    ----------
    results : dict of str to Result
    """

    def __init__(self, results):
        self.results = dict(results)

    @property
    def n_passed(self):
        return sum(r.passed for r in self.results.values())

    def __repr__(self):
        n = len(self.results)
        words = {"passed": "passes", "not written": "not written yet",
                 "failed": "not right yet (its check says why)"}
        parts = [f"{name} {words[r.status]}" for name, r in self.results.items()]
        if self.n_passed == n:
            return f"All {n} coding exercises of this chapter pass: {', '.join(self.results)}."
        return (f"Coding exercises of this chapter: {self.n_passed} of {n} pass. "
                + "; ".join(parts) + ".")

    __str__ = __repr__



def arrays(*rows):
    return [np.array(r, dtype=float) for r in rows]
