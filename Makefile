# Set-up in two commands: `make run` serves the demo, `make test` runs lint and the suite.
VENV ?= .venv
PYTHON ?= python3
FLASK = $(VENV)/bin/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install install-test system-deps lint clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

install: $(VENV)/bin/python
	$(VENV)/bin/python -m pip install -q -e .

install-test: $(VENV)/bin/python
	$(VENV)/bin/python -m pip install -q -e '.[test]'

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

clean:
	rm -rf $(VENV) build *.egg-info .coverage
