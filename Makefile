# The only entry points a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: run setup install test lint lock clean

run: setup
	DEBUG=$${DEBUG:-1} $(BIN)/krokarm runserver 127.0.0.1:$(PORT)

setup: install
	$(BIN)/krokarm migrate --no-input
	$(BIN)/krokarm compilemessages --ignore=.venv -v 0
	$(BIN)/krokarm seed --demo

install: $(STAMP)

$(STAMP): requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

test: install
	$(BIN)/krokarm compilemessages --ignore=.venv -v 0
	$(BIN)/pytest

lint: install
	$(BIN)/krokarm check --fail-level WARNING

# Regenerate the hash-pinned lock files after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --extra dev -o requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) var
