"""Give every chapter notebook the first code cell that installs nncore where it is missing.

A chapter opened in Colab (or any Jupyter without this repository's environment) cannot
import nncore. Its first code cell therefore installs it, when and only when nncore is
not importable, from the book's repository at a pinned tag or commit, as set in
_config.yml (`repository: url:` and `install_ref:`; see _ext/book_repository.py): never
from a branch, whose next push would change what every reader runs. While `url:` is the
template's placeholder account, or `install_ref:` is unset, the cell installs nothing and
says what to set instead. After `make lab`, on Binder (binder/postBuild) and in the
book's build the cell does nothing and prints nothing. On the website it is hidden
(`remove-cell`).

The script is idempotent: it inserts the cell before the first code cell of a notebook
that lacks it, rewrites it where the repository or the text changed, moves it back in
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
import json
import sys
import textwrap
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
from book_repository import Repository  # noqa: E402

CELL_ID = "install-nncore"
TAGS = ["remove-cell"]


def repository(book: Path = ROOT) -> Repository:
    """The book's repository as its _config.yml gives it; exits on a bad setting."""
    try:
        return Repository.read(book)
    except ValueError as error:
        raise SystemExit(f"install_cell: {error}") from None


def cell_source(repo: Repository) -> str:
    """The first code cell of every chapter, for the repository ``repo``."""
    if repo.missing is None:
        return (
            "# Colab, or a Jupyter without the book's environment: install nncore, the book's\n"
            "# numpy package, from the book's repository at the version these chapters are\n"
            "# from. Where nncore is importable already (make lab, Binder) this does nothing.\n"
            "import importlib.util\n"
            "\n"
            'if importlib.util.find_spec("nncore") is None:\n'
            f'    %pip install --quiet "{repo.pip_target()}"')
    message = (f"nncore, the book's numpy package, is not installed here, and this copy of "
               f"the book does not say where to install it from. Its _config.yml must set "
               f"{repo.missing}; then run python tools/install_cell.py. Or install nncore "
               f"yourself from a copy of the book you trust: pip install <its folder>.")
    lines = textwrap.wrap(message, 76, drop_whitespace=False)
    quoted = "\n".join(f"        {json.dumps(line)}" for line in lines)
    return (
        "# Colab, or a Jupyter without the book's environment: nncore, the book's numpy\n"
        "# package, is missing, and this copy of the book does not yet name a published\n"
        "# version to install. Where nncore is importable (make lab, Binder) this does nothing.\n"
        "import importlib.util\n"
        "\n"
        'if importlib.util.find_spec("nncore") is None:\n'
        "    raise ModuleNotFoundError(\n"
        f"{quoted}\n"
        "    )")


def install_cell(repo: Repository):
    cell = nbformat.v4.new_code_cell(source=cell_source(repo), metadata={"tags": list(TAGS)})
    cell.id = CELL_ID
    return cell


def apply(nb, repo: Repository) -> bool:
    """Put the install cell first among the code cells of ``nb``; True if ``nb`` changed."""
    wanted = install_cell(repo)
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
    repo = repository()
    if repo.missing:
        print(f"install_cell: the cell will install nothing until _config.yml sets {repo.missing}",
              file=sys.stderr)
    stale = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        if nb.nbformat != 4 or nb.nbformat_minor < 5:
            raise SystemExit(f"install_cell: {path} is nbformat {nb.nbformat}.{nb.nbformat_minor}; "
                             "cell ids need 4.5 or later (nbformat.validator.normalize)")
        if not apply(nb, repo):
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
