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


class _Background:
    """A process started in the background (its own session, so that the kernels it
    starts stop with it)."""

    proc: subprocess.Popen

    def stop(self):
        """Stop the process and the kernels it started, if it is still running."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


class BookBuild(_Background):
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
                start_new_session=True,
            )

    def result(self) -> subprocess.CompletedProcess:
        try:
            self.proc.wait(timeout=self.TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.stop()
        output = self.log.read_text(encoding="utf-8", errors="replace")
        return subprocess.CompletedProcess(self.proc.args, self.proc.returncode, output, "")


class ChapterRuns(_Background):
    """Every chapter executed in a real kernel, one after another, by run_chapters.py in
    a background process started when the tests are collected (as a reader's kernel runs
    it: the widgets live). :meth:`result` waits for one chapter's run."""

    POLL_S = 0.5

    def __init__(self, out: Path, paths: list[Path]):
        self.out = out
        with open(out / "runs.log", "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).with_name("run_chapters.py")), str(out),
                 *map(str, paths)],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )

    def result(self, path: Path):
        """(the notebook with its outputs, the error text or None) of ``path``'s run."""
        import time

        import nbformat

        done = self.out / f"{path.stem}.done"
        while not done.exists():
            if self.proc.poll() is not None and not done.exists():
                log = (self.out / "runs.log").read_text(errors="replace")
                pytest.fail(f"the chapter runs stopped before {path.name}:\n{log[-3000:]}")
            time.sleep(self.POLL_S)
        error = self.out / f"{path.stem}.error"
        return (nbformat.read(self.out / f"{path.stem}.ipynb", as_version=4),
                error.read_text() if error.exists() else None)


def pytest_collection_modifyitems(session, config, items):
    """Start the slow, independent work now, in the background: the chapters' runs in
    real kernels (for test_notebooks) and the book's build. The tests that need the
    built book run last; the unit, widget and JupyterLab layers run meanwhile (the whole
    run takes minutes less than doing each in turn)."""
    if not config.option.collectonly and any(
            "chapter_runs" in getattr(item, "fixturenames", ()) for item in items):
        config._chapter_runs = ChapterRuns(config._tmp_path_factory.mktemp("chapters"),
                                           chapter_notebooks())
    runs = [item for item in items if "chapter_runs" in getattr(item, "fixturenames", ())]
    needs = [item for item in items if NEEDS_BUILD & set(getattr(item, "fixturenames", ()))]
    later = set(runs) | set(needs)
    items[:] = [item for item in items if item not in later] + runs + needs
    if not needs:
        return
    if config.option.collectonly:
        return
    if os.environ.get("SITE_HTML") and not any("built_book" in item.fixturenames or
                                               "reports" in item.fixturenames
                                               for item in needs):
        return  # test_site_widgets on a site built already
    config._book_build = BookBuild(config._tmp_path_factory.mktemp("book"))


def pytest_unconfigure(config):
    for name in ("_book_build", "_chapter_runs"):
        background = getattr(config, name, None)
        if background is not None:
            background.stop()


@pytest.fixture(scope="session")
def chapter_runs(request, tmp_path_factory):
    """The chapters' runs in real kernels (started at collection; here if they were not)."""
    runs = getattr(request.config, "_chapter_runs", None)
    if runs is None:
        runs = request.config._chapter_runs = ChapterRuns(
            tmp_path_factory.mktemp("chapters"), chapter_notebooks())
    return runs


@pytest.fixture(scope="session")
def built_book(request, tmp_path_factory):
    """The book built once per test session (started in the background at collection;
    built here if it was not). Returns (completed process, html folder)."""
    build = getattr(request.config, "_book_build", None)
    if build is None:
        build = request.config._book_build = BookBuild(tmp_path_factory.mktemp("book"))
    return build.result(), build.out / "_build" / "html"
