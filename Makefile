# The Maths behind Neural Networks: build the website, run the tests, open the notebooks.
# Needs python3 (with venv) and node/npm; everything else is installed from PyPI, npm
# and (for the browser tests) Debian's packages.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PORT   ?= 8000
SITE   := _build/html

.PHONY: help book test serve lab bench clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 10

book: $(VENV)/.installed assets/vendor/.stamp  ## set everything up, execute every chapter, write the site to _build/html
	@# --all: Sphinx copies the static assets (assets/, the vendored JavaScript) only when it
	@# writes pages; executed notebooks still come from the execution cache.
	$(BIN)/jupyter-book build . --all -W -n --keep-going
	@echo
	@echo "The book is built: $(CURDIR)/$(SITE)/index.html"
	@echo "Serve it (math and widgets need http, not file://):  make serve   then open http://127.0.0.1:$(PORT)/"

test: $(VENV)/.installed assets/vendor/.stamp  ## set up what the tests need and run every test layer
	@bash tools/ensure_chromium.sh
	$(PY) -m pytest

serve:  ## serve the built site on http://127.0.0.1:$(PORT)/
	@test -f $(SITE)/index.html || { echo "No site in $(SITE): run 'make book' first."; exit 1; }
	@echo "Serving $(SITE) on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE)

# JupyterLab listens on the loopback interface only: the notebooks run code, so the server
# is for this machine's browser alone. The browser test starts it with this same recipe
# (tests/book/test_lab.py), passing a copy of the chapters and a token in LAB_DIR, LAB_ARGS.
LAB_DIR  ?= chapters/
LAB_ARGS ?=
lab: $(VENV)/.installed  ## open the chapters in JupyterLab on 127.0.0.1, with live sliders
	$(BIN)/jupyter lab $(LAB_DIR) --ServerApp.ip=127.0.0.1 $(LAB_ARGS) $$([ "$$(id -u)" = 0 ] && echo --allow-root)

bench: $(VENV)/.installed  ## run the benchmarks (results: bench/README.md)
	$(PY) bench/bench_all_widgets.py
	$(PY) bench/bench_widget.py
	$(PY) bench/bench_stepper.py
	$(PY) bench/bench_descent.py
	$(PY) bench/bench_mlp.py  # torch rows only with bench/requirements-bench.txt installed
	$(PY) bench/bench_mlp_widgets.py
	$(PY) bench/bench_softmax_widgets.py
	$(PY) bench/bench_playground.py
	$(PY) bench/bench_website.py  # needs the site 'make book' built in _build/html

clean:  ## remove the build, the vendored JavaScript and the virtual environment
	rm -rf _build assets/vendor node_modules $(VENV)

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "error: '$(PYTHON)' not found: install Python 3.11 or newer."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: $$($(PYTHON) --version) is too old: the pinned numpy, matplotlib and scikit-learn need Python 3.11 or newer (make PYTHON=python3.11 ...)."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "error: '$(PYTHON) -m venv' failed: on Debian/Ubuntu install the python3-venv package."; rm -rf $(VENV); exit 1; }

$(VENV)/.installed: requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet -e .
	@touch $@

# MathJax, RequireJS and the widgets manager, from the npm registry (package-lock.json),
# copied into assets/vendor/ which the site serves as _static/vendor/.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found. The website serves MathJax, RequireJS and the Jupyter widgets manager itself, installed from the npm registry: install Node.js and npm (Debian: apt-get install nodejs npm) and run this again."; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

assets/vendor/.stamp: node_modules/.package-lock.json tools/vendor_assets.py | $(PY)
	$(PY) tools/vendor_assets.py
	@touch $@
