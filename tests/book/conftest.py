"""Fixtures for the layers that need the whole book: its notebooks, its build, its site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def toc_files() -> list[str]:
    """Every file the table of contents lists, without suffix (e.g. 'chapters/01_vectors')."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", [{"chapters": toc.get("chapters")}]):
        walk(part["chapters"])
    return files


def chapter_notebooks() -> list[Path]:
    return sorted((ROOT / "chapters").glob("*.ipynb"))


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """Build the book once per test session, as `make book` does, into a fresh folder.

    The folder is new, so its execution cache is empty and every chapter is executed
    (nothing stale is served from a cache). Returns (completed process, html folder).
    """
    out = tmp_path_factory.mktemp("book")
    env = dict(os.environ, PYTHONWARNINGS="ignore::DeprecationWarning")
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
         "--path-output", str(out), "-W", "-n", "--keep-going"],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=900,
    )
    return proc, out / "_build" / "html"
