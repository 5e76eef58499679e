"""Fixtures for the layers that need the whole book: its notebooks, its build, its site."""

from __future__ import annotations

import contextlib
import os
import signal
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


# The fixtures through which a test needs the built book.
NEEDS_BUILD = {"built_book", "reports", "site"}


class BookBuild:
    """``jupyter-book build`` of the whole book into a fresh folder, as `make book` does,
    started in the background as soon as the tests are collected (see
    :func:`pytest_collection_modifyitems`) so that the other layers run while it executes
    the chapters. The folder is new, so its execution cache is empty and every chapter is
    executed (nothing stale is served from a cache)."""

    TIMEOUT_S = 900

    def __init__(self, out: Path):
        self.out = out
        self.log = out / "build.log"
        env = dict(os.environ, PYTHONWARNINGS="ignore::DeprecationWarning")
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(
                [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
                 "--path-output", str(out), "-W", "-n", "--keep-going"],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True, env=env,
                start_new_session=True,  # its kernels are stopped with it (stop)
            )

    def result(self) -> subprocess.CompletedProcess:
        try:
            self.proc.wait(timeout=self.TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.stop()
        output = self.log.read_text(encoding="utf-8", errors="replace")
        return subprocess.CompletedProcess(self.proc.args, self.proc.returncode, output, "")

    def stop(self):
        """Stop the build and the kernels it started, if it is still running."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def pytest_collection_modifyitems(session, config, items):
    """The tests that need the built book run last, and the build starts now, in the
    background: the unit, widget, notebook and JupyterLab layers run meanwhile (the whole
    run takes minutes less than building first)."""
    needs = [item for item in items if NEEDS_BUILD & set(getattr(item, "fixturenames", ()))]
    if not needs:
        return
    later = set(needs)
    items[:] = [item for item in items if item not in later] + needs
    if config.option.collectonly:
        return
    if os.environ.get("SITE_HTML") and not any("built_book" in item.fixturenames or
                                               "reports" in item.fixturenames
                                               for item in needs):
        return  # test_site_widgets on a site built already
    config._book_build = BookBuild(config._tmp_path_factory.mktemp("book"))


def pytest_unconfigure(config):
    build = getattr(config, "_book_build", None)
    if build is not None:
        build.stop()


@pytest.fixture(scope="session")
def built_book(request, tmp_path_factory):
    """The book built once per test session (started in the background at collection;
    built here if it was not). Returns (completed process, html folder)."""
    build = getattr(request.config, "_book_build", None)
    if build is None:
        build = request.config._book_build = BookBuild(tmp_path_factory.mktemp("book"))
    return build.result(), build.out / "_build" / "html"
