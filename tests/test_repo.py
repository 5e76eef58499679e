"""The habits of this repository, checked: what CI and a fresh clone rely on."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
             and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs or execution counts; clear them"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chapter_is_in_the_table_of_contents(path):
    toc = (ROOT / "_toc.yml").read_text()
    assert f"chapters/{path.stem}" in toc, f"{path.name} is not listed in _toc.yml"


def test_requirements_are_pinned():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    lines = [line for line in lines if line]
    jb = [line for line in lines if line.lower().startswith("jupyter-book")]
    assert jb == ["jupyter-book>=1.0.4,<2"], jb
    loose = [line for line in lines if line not in jb and not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line)]
    assert not loose, f"not pinned to an exact version: {loose}"


def test_npm_packages_are_pinned_and_locked():
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: {version} is not exact"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_no_top_level_static_folder():
    # Jupyter Book 1 injects every js/css under _static/ into every page.
    assert not (ROOT / "_static").exists()


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make book" in readme
    commands = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert commands[-1].strip() == "make test", commands


def _install_cell_tool():
    import importlib.util

    spec = importlib.util.spec_from_file_location("install_cell", ROOT / "tools" / "install_cell.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chapter_starts_by_installing_nncore_where_it_is_missing(path):
    """Colab has no nncore: the first code cell installs it from _config.yml's repository."""
    tool = _install_cell_tool()
    nb = json.loads(path.read_text())
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    fix = f"run: python tools/install_cell.py {path.relative_to(ROOT)}"
    assert first.get("id") == tool.CELL_ID, f"{path.name}: no nncore install cell first; {fix}"
    assert "".join(first["source"]) == tool.cell_source(tool.pip_target()), (
        f"{path.name}: the install cell is not the current one (repository URL?); {fix}")
    assert "remove-cell" in first["metadata"].get("tags", [])


def test_the_install_cell_is_silent_where_nncore_is_importable():
    from IPython.core.inputtransformer2 import TransformerManager

    tool = _install_cell_tool()
    code = TransformerManager().transform_cell(tool.cell_source(tool.pip_target()))
    ran = []
    exec(compile(code, "install-cell", "exec"),
         {"get_ipython": lambda: type("IP", (), {"run_line_magic": lambda *a: ran.append(a)})()})
    assert ran == [], "nncore is importable here, yet the cell ran pip"


def test_make_lab_serves_jupyter_on_loopback_only():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "jupyter lab" in recipe and "--ServerApp.ip=127.0.0.1" in recipe, recipe
    assert "make lab" in (ROOT / "README.md").read_text()


def test_binder_installs_the_requirements_and_nncore():
    binder = ROOT / "binder"
    lines = [line.split("#")[0].strip()
             for line in (binder / "requirements.txt").read_text().splitlines()]
    assert [line for line in lines if line] == ["-r ../requirements.txt"]
    post_build = binder / "postBuild"
    assert post_build.stat().st_mode & 0o111, "binder/postBuild must be executable"
    assert "pip install" in post_build.read_text() and "-e ." in post_build.read_text()
    assert re.fullmatch(r"python-3\.\d+", (binder / "runtime.txt").read_text().strip())


def test_workflows_run_the_readme_commands():
    workflows = ROOT / ".github" / "workflows"
    pages = (workflows / "pages.yml").read_text()
    tests = (workflows / "tests.yml").read_text()
    assert "run: make book" in pages and "path: _build/html" in pages
    assert "actions/deploy-pages" in pages and "actions/upload-pages-artifact" in pages
    assert "pull_request" in tests and "run: make test" in tests
