"""Give every chapter notebook the first code cell that installs nncore where it is missing.

A chapter opened in Colab (or any Jupyter without this repository's environment) cannot
import nncore. Its first code cell therefore installs it from the book's repository, as
set in _config.yml (`repository: url:` and `branch:`), when, and only when, nncore is not
importable; after `make lab`, on Binder (binder/postBuild) and in the book's build the
cell does nothing and prints nothing. On the website the cell is hidden (`remove-cell`).

The script is idempotent: it inserts the cell before the first code cell of a notebook
that lacks it, rewrites it where the repository URL or the text changed, moves it back in
front if it slid down, and leaves a notebook that is already right untouched (byte for
byte: nbformat's own layout, which is how the chapters are committed, no outputs).

Usage:
    python tools/install_cell.py                  # every chapters/*.ipynb
    python tools/install_cell.py chapters/05_mlp.ipynb ...
    python tools/install_cell.py --check          # change nothing; exit 1 if a notebook
                                                  # lacks the cell or has an old one
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
CELL_ID = "install-nncore"
TAGS = ["remove-cell"]


def pip_target(config_path: Path = ROOT / "_config.yml") -> str:
    """``nncore @ git+<repository url>@<branch>`` from the book's _config.yml."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    repo = config.get("repository") or {}
    url = str(repo.get("url", "")).rstrip("/")
    if not url.startswith("https://"):
        raise SystemExit(f"install_cell: _config.yml needs `repository: url:` (https://...); "
                         f"got {url!r}")
    branch = str(repo.get("branch") or "main")
    target = f"nncore @ git+{url.removesuffix('.git')}.git@{branch}"
    # pyproject.toml sits in the book's folder; a book below the repository's root
    # (`path_to_book`) is installed from that subdirectory.
    subdirectory = str(repo.get("path_to_book") or "").strip("/")
    if subdirectory:
        target += f"#subdirectory={subdirectory}"
    return target


def cell_source(target: str) -> str:
    return (
        "# Colab, or a Jupyter without the book's environment: install nncore, the book's\n"
        "# numpy package, from the book's repository. Where nncore is importable already\n"
        "# (make lab, Binder) this cell does nothing.\n"
        "import importlib.util\n"
        "\n"
        'if importlib.util.find_spec("nncore") is None:\n'
        f'    %pip install --quiet "{target}"'
    )


def install_cell(target: str):
    cell = nbformat.v4.new_code_cell(source=cell_source(target), metadata={"tags": list(TAGS)})
    cell.id = CELL_ID
    return cell


def apply(nb, target: str) -> bool:
    """Put the install cell first among the code cells of ``nb``; True if ``nb`` changed."""
    wanted = install_cell(target)
    cells = nb.cells
    at = next((i for i, c in enumerate(cells) if c.get("id") == CELL_ID), None)
    first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
    if at is not None and at == first_code and cells[at] == wanted:
        return False
    if at is not None:
        del cells[at]
    first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
    cells.insert(first_code, wanted)
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to update (default: chapters/*.ipynb)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if any notebook would change")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "chapters").glob("*.ipynb"))
    target = pip_target()
    stale = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        if nb.nbformat != 4 or nb.nbformat_minor < 5:
            raise SystemExit(f"install_cell: {path} is nbformat {nb.nbformat}.{nb.nbformat_minor}; "
                             "cell ids need 4.5 or later (nbformat.validator.normalize)")
        if not apply(nb, target):
            continue
        stale.append(path)
        if not args.check:
            nbformat.validate(nb)
            path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
            print(f"install_cell: updated {path}")
    if args.check and stale:
        names = " ".join(str(p) for p in stale)
        print(f"install_cell: these notebooks lack the nncore install cell or have an old one: "
              f"{names}\nrun: python tools/install_cell.py {names}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
