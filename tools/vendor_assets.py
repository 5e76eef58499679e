"""Copy the JavaScript the website serves itself from node_modules into assets/vendor/.

The built book must render math and widgets with no request to another host, so MathJax 3,
RequireJS and the Jupyter widgets HTML manager are installed from the npm registry at build
time (versions fixed in package.json and package-lock.json: `npm ci`) and copied here.
Sphinx then copies assets/ into the site's _static/ folder (`html_static_path` in
_config.yml). Nothing in assets/vendor/ is committed.

Usage: python tools/vendor_assets.py   (run by `make book` and `make test` after `npm ci`)
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "assets" / "vendor"

# (package, source inside the package, destination inside assets/vendor)
COPIES = [
    ("mathjax", "es5", "mathjax"),
    ("requirejs", "require.js", "require.min.js"),
    ("@jupyter-widgets/html-manager", "dist/embed-amd.js", "html-manager/embed-amd.js"),
]
# The widgets manager's CSS refers to its Font Awesome files by hashed names next to it.
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".eot", ".svg")


def installed_version(package: str) -> str:
    manifest = NODE_MODULES / package / "package.json"
    if not manifest.is_file():
        sys.exit(
            f"vendor_assets: {manifest.relative_to(ROOT)} is missing: run `npm ci` in {ROOT} "
            "first (it needs node and npm, and reaches only the npm registry)."
        )
    return json.loads(manifest.read_text())["version"]


def main() -> None:
    wanted = json.loads((ROOT / "package.json").read_text())["dependencies"]
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    VENDOR.mkdir(parents=True)
    for package, source, dest in COPIES:
        version = installed_version(package)
        if version != wanted[package]:
            sys.exit(
                f"vendor_assets: node_modules has {package}@{version} but package.json pins "
                f"{wanted[package]}: run `npm ci`."
            )
        src, dst = NODE_MODULES / package / source, VENDOR / dest
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
    dist = NODE_MODULES / "@jupyter-widgets/html-manager/dist"
    for font in sorted(dist.iterdir()):
        if font.suffix in FONT_SUFFIXES:
            shutil.copy2(font, VENDOR / "html-manager" / font.name)
    n_files = sum(1 for p in VENDOR.rglob("*") if p.is_file())
    print(f"vendor_assets: {n_files} files in {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
