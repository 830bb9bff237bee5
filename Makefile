# magflow: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MAGFLOW := $(VENV)/bin/magflow
PORT ?= 5000
# Two workers on this 2-core machine; each has its own SQLite and PostgreSQL databases.
PYTEST_ARGS ?= -q -n 2
INSTALLED := $(VENV)/.installed

.PHONY: run test chromium setup install system-packages translations i18n database lint bench clean

run: setup
	@$(MAGFLOW) demo-accounts
	@echo "Serving on http://127.0.0.1:$(PORT)  (Ctrl-C to stop)"
	$(MAGFLOW) run --host 127.0.0.1 --port $(PORT)

# chromium first: without it (and not root to install it) nothing else runs.
test: chromium
	$(MAKE) --no-print-directory setup
	$(PY) -m pytest $(PYTEST_ARGS)

# Debian's chromium for the browser tests: installed when root, else one line saying how
# ($(error) stops make with that line alone, without make's own "Error 1" after it).
# `make -n` only shows what would run: it installs nothing.
chromium:
	$(eval CHROMIUM_SAYS := $(if $(findstring n,$(firstword -$(MAKEFLAGS))),,$(shell scripts/ensure-chromium 2>&1)))
	$(if $(filter-out 0,$(.SHELLSTATUS)),$(error $(CHROMIUM_SAYS)))
	$(if $(CHROMIUM_SAYS),$(info $(CHROMIUM_SAYS)))
	@:

setup: install translations database

install: system-packages $(INSTALLED)

# Pango and the fonts of the PDF documents (installed when missing and run as root).
system-packages:
	@bash .ci/system-packages

$(INSTALLED): pyproject.toml package.json
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "magflow needs Python 3.11+"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint]'
	# axe-core for the accessibility checks of the browser tests
	npm install --no-audit --no-fund --no-package-lock --silent
	touch $(INSTALLED)

translations: install
	$(PY) translations/catalog.py compile

# Developers adding strings: extract them, merge into ru/en, then translate ru.
i18n: install
	$(PY) translations/catalog.py update
	$(PY) translations/catalog.py missing || true

database: install
	$(MAGFLOW) migrate
	$(MAGFLOW) seed --demo

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy workflow webapp models calendars seeding
	# Dependency audit against PyPI's vulnerability data (needs pypi.org's JSON API).
	$(VENV)/bin/pip-audit --skip-editable --progress-spinner off

bench: setup
	$(PY) -m bench

clean:
	rm -rf $(VENV) instance test-artifacts
