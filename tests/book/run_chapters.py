"""Execute chapter notebooks one after another in real kernels, as test_notebooks checks
them: ``python run_chapters.py OUT_DIR NOTEBOOK ...``.

For each notebook it writes ``OUT_DIR/<stem>.ipynb`` (the notebook with its outputs, as
far as it ran), ``OUT_DIR/<stem>.error`` if a cell raised (the error, as nbclient reports
it) and then ``OUT_DIR/<stem>.done``. tests/book/conftest.py starts it in the background
when the tests are collected, so that the chapters run while other layers do; the test
reads what it wrote. Needs only nbformat and nbclient.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import nbformat
from nbclient import NotebookClient

#: Seconds a cell may run (the same for the test run in the foreground).
CELL_TIMEOUT_S = 600


def execute(path: Path):
    """Run every cell of the notebook at ``path`` in a new python3 kernel, in its own
    folder; returns (the notebook with its outputs, the error text or None)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except Exception:  # noqa: BLE001 (reported by the test, with the notebook)
        return nb, traceback.format_exc()
    return nb, None


def main(out: Path, paths: list[Path]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        nb, error = execute(path)
        nbformat.write(nb, out / f"{path.stem}.ipynb")
        if error is not None:
            (out / f"{path.stem}.error").write_text(error, encoding="utf-8")
        (out / f"{path.stem}.done").touch()


if __name__ == "__main__":
    main(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
