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
    assert "".join(first["source"]) == tool.cell_source(tool.repository()), (
        f"{path.name}: the install cell is not the current one (repository URL?); {fix}")
    assert "remove-cell" in first["metadata"].get("tags", [])


PINNED = {"repository": {"url": "https://github.com/someone/the-book", "branch": "main",
                         "install_ref": "v0.2.0"}}
PLACEHOLDER = {"repository": {"url": "https://github.com/your-github-user/the-book",
                              "branch": "main", "install_ref": "v0.2.0"}}
UNPINNED = {"repository": {"url": "https://github.com/someone/the-book", "branch": "main"}}


def _run_cell(source, nncore_found, monkeypatch):
    """Run an install cell as IPython would; the %pip calls it made."""
    import importlib.util

    from IPython.core.inputtransformer2 import TransformerManager

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: (real(name, *a) if nncore_found or name != "nncore"
                                          else None))
    ran = []
    shell = type("Shell", (), {"run_line_magic": staticmethod(lambda *a: ran.append(a))})
    code = TransformerManager().transform_cell(source)
    exec(compile(code, "install-cell", "exec"), {"get_ipython": shell})
    return ran


@pytest.mark.parametrize("config", [PINNED, PLACEHOLDER, UNPINNED, None],
                         ids=["pinned", "placeholder", "unpinned", "this-book"])
def test_the_install_cell_is_silent_where_nncore_is_importable(config, monkeypatch):
    tool = _install_cell_tool()
    repo = tool.repository() if config is None else tool.Repository.from_config(config)
    assert _run_cell(tool.cell_source(repo), True, monkeypatch) == [], "pip ran needlessly"


def test_the_install_cell_installs_the_pinned_version_from_the_configured_repository(
        monkeypatch):
    tool = _install_cell_tool()
    ran = _run_cell(tool.cell_source(tool.Repository.from_config(PINNED)), False, monkeypatch)
    assert len(ran) == 1 and ran[0][0] == "pip", ran
    assert ran[0][1].endswith('"nncore @ git+https://github.com/someone/the-book.git@v0.2.0"')


@pytest.mark.parametrize("config, phrase", [
    (PLACEHOLDER, "repository: url:"), (UNPINNED, "repository: install_ref:")],
    ids=["placeholder", "unpinned"])
def test_without_a_safe_source_the_install_cell_says_what_to_set(config, phrase, monkeypatch):
    tool = _install_cell_tool()
    source = tool.cell_source(tool.Repository.from_config(config))
    assert "%pip" not in source and "your-github-user" not in source.split("raise")[0]
    with pytest.raises(ModuleNotFoundError, match=re.escape(phrase)) as raised:
        _run_cell(source, False, monkeypatch)
    assert "tools/install_cell.py" in str(raised.value)


@pytest.mark.parametrize("repository, phrase", [
    ({"url": "https://github.com/someone/the-book", "install_ref": "main"}, "install_ref"),
    ({"url": "https://github.com/someone/the-book", "install_ref": "feature/x"}, "a branch moves"),
    ({"url": "http://github.com/someone/the-book"}, "https://"),
    ({"url": "git@github.com:someone/the-book.git"}, "https://"),
], ids=["branch", "branch-with-slash", "http", "ssh"])
def test_a_branch_or_an_insecure_url_is_refused(repository, phrase):
    tool = _install_cell_tool()
    with pytest.raises(ValueError, match=re.escape(phrase)):
        tool.Repository.from_config({"repository": repository})


@pytest.mark.parametrize("ref", ["v0.2.0", "1.0", "v1.0.0rc1",
                                 "0123456789abcdef0123456789abcdef01234567"])
def test_tags_and_commit_ids_are_accepted(ref):
    tool = _install_cell_tool()
    repo = tool.Repository.from_config({"repository": {
        "url": "https://github.com/someone/the-book/", "install_ref": ref,
        "path_to_book": "/book/"}})
    assert repo.pip_target() == (f"nncore @ git+https://github.com/someone/the-book.git@{ref}"
                                 "#subdirectory=book")


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
