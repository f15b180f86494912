# The few commands people type. `make site` and `make test` work on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SITE_DEPS := $(VENV)/.site-deps
TEST_DEPS := $(VENV)/.test-deps
APT_GET := $(shell command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo) apt-get

.PHONY: site check serve test test-quick lighthouse lint format bench schemas clean

site: $(SITE_DEPS)
	$(PY) build.py

check: $(SITE_DEPS)
	$(PY) build.py check

serve: $(SITE_DEPS)
	$(PY) build.py serve

schemas: $(SITE_DEPS)
	$(PY) build.py schemas

# Two workers, a whole file each (tests/conftest.py groups them): a file's module-scoped browser
# and builds are made once; the session's real build is made once per worker.
PYTEST_PARALLEL := -n 2 --dist loadgroup

test: $(TEST_DEPS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m pytest $(PYTEST_PARALLEL) --durations=15

# The edit loop: everything but the browser and the HTML checker.
test-quick: $(TEST_DEPS)
	$(PY) -m pytest $(PYTEST_PARALLEL) -m "not browser and not htmlcheck" --durations=15

lighthouse: $(TEST_DEPS)
	$(PY) bench/lighthouse.py

lint: $(TEST_DEPS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(TEST_DEPS)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.bench-deps
	$(PY) bench/run.py

$(VENV)/.bench-deps: $(SITE_DEPS)
	$(PY) -m pip install --quiet --constraint constraints.txt --editable '.[bench]'
	touch $@

$(SITE_DEPS): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint constraints.txt --editable .
	touch $@

$(TEST_DEPS): $(SITE_DEPS) package.json package-lock.json
	$(PY) -m pip install --quiet --constraint constraints.txt --editable '.[test]'
	command -v chromium >/dev/null || { $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium; }
	command -v java >/dev/null || { $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq default-jre-headless; }
	npm ci --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf site .cache test-output .pytest_cache
