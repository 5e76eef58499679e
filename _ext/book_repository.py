"""Where a reader's live copy of the book comes from: the ``repository`` of _config.yml.

Two things send readers' code there: the launch links (Binder, Colab: the rocket menu
and the line under every widget, _ext/book_fixes.py) and the first cell of every chapter,
which installs nncore in Colab (tools/install_cell.py). Both read this one description,
so they cannot disagree about what is safe to offer:

* ``url`` still the placeholder (``your-github-user``): whoever registers that account
  would run code in readers' sessions, so there are no Binder or Colab links, and the
  install cell installs nothing; both say what to set instead.
* a real ``url`` and ``install_ref``, a tag (``v0.2.0``) or a full commit id: Colab and
  Binder open the chapters at that ref and the cell installs nncore from that same ref,
  so the notebook and the package a reader runs are always one published version.
* a real ``url`` without ``install_ref``: the links open the ``branch`` (the book's own
  repository), and the cell says to set ``install_ref``; a branch is never installed
  from, since whoever can push to it would change what every reader installs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: The GitHub account of the template's placeholder URL (README, "From the website").
PLACEHOLDER_OWNER = "your-github-user"

#: A tag that names a version (``v0.2.0``, ``1.0``, ``v1.0.0rc1``) or a full commit id.
_REF = re.compile(r"[0-9a-f]{40}|v?\d+(?:\.\d+)*(?:[-.+]?[0-9A-Za-z]+)*")


@dataclass(frozen=True)
class Repository:
    """The book's repository as _config.yml gives it (``repository:``)."""

    url: str = ""
    branch: str = "main"
    path_to_book: str = ""
    install_ref: str = ""

    def __post_init__(self):
        url = self.url.strip().rstrip("/").removesuffix(".git")
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "path_to_book", self.path_to_book.strip().strip("/"))
        ref = self.install_ref.strip()
        object.__setattr__(self, "install_ref", ref)
        if url and not url.startswith("https://"):
            raise ValueError(f"_config.yml: repository: url: must be an https:// address; "
                             f"got {url!r}")
        if ref and not _REF.fullmatch(ref):
            raise ValueError(
                f"_config.yml: repository: install_ref: must be a tag such as v0.2.0 or a "
                f"full 40-character commit id, not {ref!r}: a branch moves, and whoever can "
                f"push to it would change what every reader installs")

    @classmethod
    def from_config(cls, config: dict) -> Repository:
        """From a parsed _config.yml."""
        repo = (config or {}).get("repository") or {}
        return cls(url=str(repo.get("url") or ""), branch=str(repo.get("branch") or "main"),
                   path_to_book=str(repo.get("path_to_book") or ""),
                   install_ref=str(repo.get("install_ref") or ""))

    @classmethod
    def read(cls, book: Path) -> Repository:
        """From the _config.yml in the folder ``book``."""
        import yaml

        path = Path(book) / "_config.yml"
        return cls.from_config(yaml.safe_load(path.read_text(encoding="utf-8")))

    @property
    def placeholder(self) -> bool:
        """True while the URL is missing or still the template's placeholder account."""
        return not self.url or f"/{PLACEHOLDER_OWNER}/" in f"{self.url}/"

    @property
    def launch_ref(self) -> str:
        """The ref Binder and Colab open: the pinned one where there is one."""
        return self.install_ref or self.branch

    @property
    def missing(self) -> str | None:
        """What _config.yml must still set before a chapter may install nncore; None
        when nothing is missing."""
        if self.placeholder:
            return ("`repository: url:` (the book's repository; it still names the "
                    f"placeholder account {PLACEHOLDER_OWNER!r}) and `repository: "
                    "install_ref:` (a tag or commit of it)")
        if not self.install_ref:
            return "`repository: install_ref:` (a tag such as v0.2.0, or a commit id)"
        return None

    def pip_target(self) -> str:
        """``nncore @ git+<url>.git@<install_ref>``; ValueError while :attr:`missing`."""
        if self.missing:
            raise ValueError(f"_config.yml does not yet say where nncore is installed from: "
                             f"set {self.missing}")
        target = f"nncore @ git+{self.url}.git@{self.install_ref}"
        # pyproject.toml sits in the book's folder; a book below the repository's root
        # (`path_to_book`) is installed from that subdirectory.
        if self.path_to_book:
            target += f"#subdirectory={self.path_to_book}"
        return target
