"""The book's one notation (issue 18): every chapter points to the notation appendix from
its first section, the two appendices are in the table of contents, and no chapter's
mathematics uses a retired symbol.

The retired forms, searched for in the math of every chapter's markdown (``$...$``,
``$$...$$`` and ``{math}`` blocks):

- ``H(...)`` as a function: $H$ is only the hyperplane of chapter 1; the step function is
  $\\operatorname{step}(z)$, the Hessian $\\nabla^2 L$, the cross-entropy
  $\\mathrm{CE}$;
- a layer index written as a subscript or a bare superscript: ``W_l``, ``W_{l-1}``,
  ``W_1``, ``A_l``, ``\\mathbf{b}_l``, ``W^l``, ``a^{l-1}``, ``\\delta^l``, ...; layers are
  ``W^{(l)}``, ``a^{(l)}``, ``\\delta^{(l)}`` everywhere. (Entries keep their subscripts:
  ``W_{jk}``, ``W^{(l)}_{jk}``.)

Quoting a source's own notation is allowed where the book discusses the source: inside
``{margin}`` notes and in a chapter's sources section (a ``##`` section whose title
mentions the sources, such as "Notes on the sources"). Nothing runs: the notebooks are
read as JSON.
"""

import re
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
SENTENCE = ("Every symbol is listed, with its shape and where it is introduced, in the "
            "[notation appendix](../appendices/notation.md).")
APPENDICES = ["appendices/maths_tools", "appendices/notation"]
TOOLS_TARGETS = ["tools-chain-rule", "tools-gradient", "tools-hessian", "tools-taylor",
                 "tools-eigen", "tools-condition"]

#: H followed by an argument list: H(x), H\big(x), H\left(x.
H_CALL = re.compile(r"(?<![A-Za-z\\])H\s*(?:\\(?:big|Big|bigg|Bigg|left)\s*)?\(")
#: A layer index as a subscript: W_l, W_{l}, W_{l-1}, W_L, W_1, \mathbf{b}_l, \Delta_l.
LAYER_SUB = re.compile(
    r"(?<![A-Za-z])(?:W|Z|A|\\Delta|\\mathbf\{[abzW]\}|\\boldsymbol\{\\delta\})"
    r"_(?:\{\s*(?:l|L|l\s*[-+]\s*1|\d)\s*\}|[lL1-9])(?![\w{])")
#: A layer index as a bare superscript: W^l, W^{l}, a^{l-1}, \delta^L, \mathbf{b}^l.
LAYER_SUP = re.compile(
    r"(?<![A-Za-z])(?:W|Z|A|a|z|b|\\delta|\\Delta|\\mathbf\{[abzW]\}|\\boldsymbol\{\\delta\})"
    r"\^(?:\{\s*[lL](?:\s*[-+]\s*1)?\s*\}|[lL])(?![\w(])")
RETIRED = {"H(...) as a function": H_CALL, "a subscript layer index": LAYER_SUB,
           "a bare superscript layer index": LAYER_SUP}

MATH = re.compile(r"```\{math\}(.*?)```|\$\$(.*?)\$\$|\$([^$\n]+(?:\n[^$\n]+)*?)\$", re.DOTALL)
MARGIN = re.compile(r"(`{3,})\{margin\}.*?\1", re.DOTALL)


def markdown(path):
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def first_section(path):
    """The chapter's opening: its markdown up to the first ``##`` heading."""
    text = "\n\n".join(markdown(path))
    body = text.split("\n", 1)[1] if text.startswith("# ") else text
    match = re.search(r"^## ", body, re.MULTILINE)
    return body[:match.start()] if match else body


def without_quotes(text):
    """The markdown without margin notes and without the sources section(s)."""
    text = MARGIN.sub("", text)
    parts = re.split(r"^(?=## )", text, flags=re.MULTILINE)
    return "".join(p for p in parts
                   if not re.match(r"## [^\n]*\bsources?\b", p, re.IGNORECASE))


def math_of(text):
    return [next(g for g in m.groups() if g is not None) for m in MATH.finditer(text)]


def normalise(text):
    return " ".join(text.split())


def retired_uses(path):
    found = []
    text = without_quotes("\n\n".join(markdown(path)))
    for formula in math_of(text):
        for what, pattern in RETIRED.items():
            for m in pattern.finditer(formula):
                found.append(f"{what}: {formula[max(0, m.start() - 30):m.end() + 20]!r}")
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_first_section_links_to_the_notation_appendix(path):
    assert normalise(SENTENCE) in normalise(first_section(path)), (
        f"{path.name}: the chapter's first section (before its first ## heading) must "
        f"contain the sentence: {SENTENCE}")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_retired_notation(path):
    found = retired_uses(path)
    assert not found, f"{path.name} uses retired notation:\n" + "\n".join(found)


def test_the_appendices_are_in_the_table_of_contents_before_the_bibliography():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [entry["file"] for part in toc["parts"] for entry in part["chapters"]]
    for name in APPENDICES:
        assert name in files, f"_toc.yml must list {name}"
        assert (ROOT / f"{name}.md").is_file(), f"{name}.md is missing"
        assert files.index(name) < files.index("bibliography")


def test_the_appendices_have_their_targets():
    notation = (ROOT / "appendices" / "notation.md").read_text()
    assert notation.startswith("(notation)=\n")
    tools = (ROOT / "appendices" / "maths_tools.md").read_text()
    for target in TOOLS_TARGETS:
        assert re.search(rf"^\({target}\)=\n## ", tools, re.MULTILINE), f"({target})= is missing"


def test_intro_points_to_both_appendices():
    intro = (ROOT / "intro.md").read_text()
    assert "(appendices/notation.md)" in intro
    assert "(appendices/maths_tools.md)" in intro


@pytest.mark.parametrize("formula, bad", [
    (r"\hat y = H(\mathbf{w}\cdot\mathbf{x} + b)", True),
    (r"H\big(\mathbf{q}, \mathbf{p}\big)", True),
    (r"H = \{\mathbf{x} : \mathbf{w}\cdot\mathbf{x} + b = 0\}", False),
    (r"\operatorname{step}(z)", False),
    (r"Z_l = A_{l-1} W_l^\top + \mathbf{b}_l", True),
    (r"W_1 \mathbf{x}", True),
    (r"\frac{\partial C}{\partial a^{l-1}}", True),
    (r"W^l", True),
    (r"\delta^L", True),
    (r"W^{(l)}_{jk} a^{(l-1)}_k + b^{(l)}_j", False),
    (r"W_{jk} + W_{11} + w_1 + x_l", False),
    (r"\mathbf{a}^{(0)} = \boldsymbol\phi(\mathbf{x}), \quad W^{(l)\top}", False),
    (r"\nabla^2 L, \quad \mathrm{CE}(\mathbf{p}, \mathbf{y})", False),
])
def test_the_patterns_catch_what_they_should(formula, bad):
    hit = any(p.search(formula) for p in RETIRED.values())
    assert hit == bad


def test_quotes_of_the_sources_are_exempt():
    text = ("Body $W^{(l)}$.\n\n```{margin}\nPunnen writes $W^l$.\n```\n\n"
            "## Notes on the sources\n\nThe source has $\\partial C/\\partial a^{l-1}$.\n\n"
            "## Summary\n\nAnd $W_l$ here.")
    kept = math_of(without_quotes(text))
    assert kept == ["W^{(l)}", "W_l"]
