# Set-up in two commands: `make run` serves the demo, `make test` runs lint and the suite.
# Every install takes its versions from requirements.lock (see `make lock`).
VENV ?= .venv
LATEST_VENV ?= .venv-latest
PYTHON ?= python3
LOCK = requirements.lock
FLASK = $(VENV)/bin/flask --app wsgi
# The locked pip, setuptools and wheel are installed first, then build the project
# without an isolated build environment, so that no build step takes a newer release.
LOCKED_INSTALL = $(VENV)/bin/python -m pip install -q -c $(LOCK)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-latest install install-test install-bench tools system-deps lint lock clean coverage

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

tools: $(VENV)/bin/python
	$(LOCKED_INSTALL) pip setuptools wheel

install: tools
	$(LOCKED_INSTALL) --no-build-isolation -e .

# The test environment has the embeddings extra: its tests add about 45 s to make test
# (30 s to install, 15 s to run; see README).
install-test: tools
	$(LOCKED_INSTALL) --no-build-isolation -e '.[test,embeddings]'

install-bench: tools
	$(LOCKED_INSTALL) --no-build-isolation -e '.[bench]'

system-deps:
	bash scripts/system-deps.sh

run: install
	$(FLASK) db upgrade
	$(FLASK) load-demo
	@echo "Tandem is at http://$(HOST):$(PORT)/"
	$(FLASK) run --host $(HOST) --port $(PORT)

lint: install-test
	$(VENV)/bin/flake8

test: system-deps install-test
	VENV=$(VENV) bash scripts/test.sh

# The suite on SQLite with a line and branch coverage report (slower: not part of make test).
coverage: install-test
	$(VENV)/bin/pytest --cov --cov-report=term

# Re-resolve the lock after a change to setup.cfg; existing pins are kept where they
# still fit. `make lock UPGRADE=1` moves every pin to the newest release.
lock: tools
	$(LOCKED_INSTALL) --no-build-isolation -e '.[lock]'
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile -q $(if $(UPGRADE),--upgrade) \
	  --all-extras --all-build-deps --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o $(LOCK) setup.cfg

# The suite against the newest releases, in an environment of its own, for whoever
# updates the lock: it lists what is newer than the lock, then runs lint and the suite.
test-latest: system-deps
	rm -rf $(LATEST_VENV)
	$(PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install -q --upgrade pip setuptools wheel
	$(LATEST_VENV)/bin/python -m pip install -q --upgrade --no-build-isolation -e '.[test]'
	$(LATEST_VENV)/bin/python -m pip install -q --upgrade --no-build-isolation -e '.[embeddings]'
	$(LATEST_VENV)/bin/python scripts/newer_than_lock.py $(LOCK)
	VENV=$(LATEST_VENV) bash scripts/test.sh

clean:
	rm -rf $(VENV) $(LATEST_VENV) build *.egg-info .coverage
