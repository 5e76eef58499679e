"""Layer 3: every chapter executes top to bottom in a real kernel, cleanly.

Clean means: no error output, nothing on stderr, and no warning text in any output
(a RuntimeWarning from numpy or a deprecation from matplotlib is a bug in a chapter),
and every figure cell drew its figure. The chapters run in the background from the
moment the tests are collected (run_chapters.py, started by conftest.py), each in a new
python3 kernel, one after another; each test checks what its chapter's run wrote.
"""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, chapter_notebooks

pytestmark = pytest.mark.notebooks

WARNING_TEXT = re.compile(r"\b\w*Warning\b|warnings\.warn")


def output_text(output) -> str:
    if output.output_type == "stream":
        return output.text
    data = output.get("data", {})
    return data.get("text/plain", "") + data.get("text/html", "")


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_chapter_executes_cleanly(path, chapter_runs):
    """The chapter as a reader's kernel runs it (widgets live, not the website's),
    executed in the background while other tests run (run_chapters.py)."""
    nb, error = chapter_runs.result(path)
    if error is not None:
        pytest.fail(f"{path.name} stopped on an error:\n{error}")
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            where = f"cell {index} ({cell.source.splitlines()[0][:50] if cell.source else ''!r})"
            if output.output_type == "error":
                problems.append(f"{where}: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                problems.append(f"{where}: stderr: {output.text[:200]}")
            elif WARNING_TEXT.search(output_text(output)):
                problems.append(f"{where}: warning in output: {output_text(output)[:200]}")
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure")
        if figure and not any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            problems.append(f"cell {index}: a figure cell ({figure.get('name')}) drew no image")
    assert not problems, "\n".join(problems)


def test_there_is_a_chapter():
    assert chapter_notebooks(), f"no chapter notebooks in {ROOT / 'chapters'}"
