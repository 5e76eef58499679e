"""nncore's layers, enforced by reading every module's imports (the AST, nothing runs).

The package is layered (DESIGN.md, nncore/__init__.py): the maths (numpy only), then
data, then drawing (matplotlib), then widgets (ipywidgets). So that the maths can be
read, tested and reused on its own:

- the maths and data never import matplotlib, PIL, IPython or ipywidgets;
- drawing never imports ipywidgets or IPython;
- no module imports one of a higher layer;
- no module imports another module's private name (``from .x import _name``, or
  ``x._name`` through an imported module): what modules share has a public name,
  in a private module if it is not for readers (as ``_checks`` does).

Imports inside functions count as much as those at the top: a lazy import is still a
dependency. The checks run on the real package, and on doctored copies of it, to show
that each rule does fail when broken.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nncore"

MATHS, DATA, DRAWING, WIDGETS = range(4)
LAYER_NAMES = ("maths", "data", "drawing", "widgets")

#: The layer of every module (dotted, under nncore). Packages are listed by their
#: modules; a package's __init__ is in the layer of the highest module it re-exports.
LAYERS = {
    "nncore": MATHS,
    "nncore._checks": MATHS,
    "nncore._scaled": MATHS,
    "nncore.vectors": MATHS,
    "nncore.hyperplane": MATHS,
    "nncore.activations": MATHS,
    "nncore.losses": MATHS,
    "nncore.autodiff": MATHS,
    "nncore.perceptron": MATHS,
    "nncore.linreg": MATHS,
    "nncore.optimisers": MATHS,
    "nncore.gradcheck": MATHS,
    "nncore.metrics": MATHS,
    "nncore.features": MATHS,
    "nncore.mlp": MATHS,
    "nncore.mlp.*": MATHS,
    "nncore.exercises": MATHS,
    "nncore.exercises.*": MATHS,
    "nncore.datasets": DATA,
    "nncore.datasets.*": DATA,
    "nncore.generalisation": DATA,  # the capacity sweep: numpy, on nncore.datasets
    "nncore.playground._config": DATA,  # the Playground's configuration and data
    "nncore.playground._run": DATA,  # and its headless run: numpy only
    "nncore.plotting": DRAWING,
    "nncore.plotting.*": DRAWING,
    "nncore.playground._display": DRAWING,
    "nncore.playground._record": DRAWING,
    "nncore.widgets": WIDGETS,
    "nncore.widgets.*": WIDGETS,
    "nncore.playground._widget": WIDGETS,
    "nncore.playground._website": WIDGETS,
    "nncore.playground": WIDGETS,
}

#: Third-party packages a layer may not import, by the layer they belong to.
FOREIGN = {"matplotlib": DRAWING, "PIL": DRAWING, "ipywidgets": WIDGETS,
           "IPython": WIDGETS}


def module_name(path):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(name):
    """The layer of module ``name``; a KeyError for a module the table does not know."""
    if name in LAYERS:
        return LAYERS[name]
    package = name.rsplit(".", 1)[0]
    if package + ".*" in LAYERS:
        return LAYERS[package + ".*"]
    raise KeyError(name)


def sources():
    """{module name: (source, is_package)} for every module of nncore."""
    return {module_name(p): (p.read_text(encoding="utf-8"), p.name == "__init__.py")
            for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(module, is_package, node):
    """The absolute module a ``from ... import`` refers to."""
    if node.level == 0:
        return node.module
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module, source, is_package, known):
    """(imported module, name or None, line) for every import of ``source``; for
    ``from package import submodule`` the submodule is the module imported."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = resolve(module, is_package, node)
            for a in node.names:
                sub = f"{target}.{a.name}"
                if sub in known:
                    out.append((sub, None, node.lineno))
                else:
                    out.append((target, a.name, node.lineno))
    return out


def private_attributes(module, source, is_package, known):
    """``alias._name`` uses, where ``alias`` is an imported nncore module."""
    tree = ast.parse(source)
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = resolve(module, is_package, node)
            for a in node.names:
                if f"{target}.{a.name}" in known:
                    aliases[a.asname or a.name] = f"{target}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name in known and a.asname:
                    aliases[a.asname] = a.name
    return [(aliases[n.value.id], n.attr, n.lineno) for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
            and n.value.id in aliases and n.attr.startswith("_")
            and not n.attr.startswith("__")]


def violations(modules):
    """Every broken rule, as readable lines, for ``modules`` = {name: (source, is_pkg)}."""
    known = set(modules)
    found = []
    for module, (source, is_package) in modules.items():
        own = layer_of(module)
        for target, name, line in imports(module, source, is_package, known):
            where = f"{module} (line {line})"
            top = target.split(".")[0]
            if top in FOREIGN and own < FOREIGN[top]:
                found.append(f"{where}, in the {LAYER_NAMES[own]} layer, imports {target}")
            if top != "nncore":
                continue
            if target in known and layer_of(target) > own:
                found.append(f"{where}, in the {LAYER_NAMES[own]} layer, imports {target} "
                             f"of the {LAYER_NAMES[layer_of(target)]} layer above it")
            if (name is not None and name.startswith("_") and not name.startswith("__")
                    and target != module):
                found.append(f"{where} imports the private name {name} of {target}")
        for target, attr, line in private_attributes(module, source, is_package, known):
            if target != module:
                found.append(f"{module} (line {line}) uses the private name {attr} of "
                             f"{target}")
    return found


# ---------------------------------------------------------------------------------------


def test_every_module_has_a_layer():
    unknown = []
    for module in sources():
        try:
            layer_of(module)
        except KeyError:
            unknown.append(module)
    assert unknown == [], f"add these modules to LAYERS in {__file__}: {unknown}"


def test_nncore_keeps_its_layers():
    assert violations(sources()) == []


def doctored(module, extra):
    """The real package, with ``extra`` appended to the source of ``module``."""
    modules = sources()
    source, is_package = modules[module]
    modules[module] = (source + "\n" + extra + "\n", is_package)
    return modules


@pytest.mark.parametrize("module, extra, expected", [
    ("nncore.activations", "import matplotlib.pyplot as plt",
     "nncore.activations (line {line}), in the maths layer, imports matplotlib.pyplot"),
    ("nncore.mlp._network", "def f():\n    from matplotlib.figure import Figure",
     "in the maths layer, imports matplotlib.figure"),
    ("nncore.datasets", "from PIL import Image", "in the data layer, imports PIL"),
    ("nncore.playground._run", "import ipywidgets", "in the data layer, imports ipywidgets"),
    ("nncore.plotting._base", "import ipywidgets as widgets",
     "in the drawing layer, imports ipywidgets"),
    ("nncore.losses", "from nncore import datasets",
     "imports nncore.datasets of the data layer above it"),
    ("nncore.plotting._graph", "from ..widgets import _render",
     "imports nncore.widgets._render of the widgets layer above it"),
    ("nncore.mlp._training", "from ..activations import _sigmoid_kernel",
     "imports the private name _sigmoid_kernel of nncore.activations"),
    ("nncore.widgets._digits", "from .. import plotting as _p\nx = _p._anything",
     "uses the private name _anything of nncore.plotting"),
])
def test_each_rule_fails_when_broken(module, extra, expected):
    """Break each rule once in a copy of the sources: the check names the culprit."""
    found = violations(doctored(module, extra))
    assert len(found) == 1, found
    line = sources()[module][0].count("\n") + 2
    assert expected.format(line=line) in found[0]


def test_the_maths_data_and_a_headless_playground_run_need_numpy_alone():
    """What the AST says, checked at run time: importing every maths and data module,
    and training a Playground with no picture, loads no drawing or widget library."""
    maths = [m for m, layer in LAYERS.items() if layer <= DATA and not m.endswith("*")
             and m in sources()]
    code = "\n".join([
        "import sys",
        *[f"import {m}" for m in maths],
        "from nncore.playground import run_playground",
        "run_playground({'hidden': [2]}, epochs=2)",
        "bad = [m for m in ('matplotlib', 'PIL', 'ipywidgets', 'IPython') if m in sys.modules]",
        "sys.exit(f'loaded {bad}' if bad else 0)",
    ])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
