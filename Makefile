# Two commands set everything up on a fresh machine with Python 3.11:
#   make demo   creates .venv, installs jidu, runs its main job on the bundled examples
#   make test   creates .venv, installs jidu with its test tools, runs the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/jidu --db demo.db demo

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $(VENV)/.bench-installed

# Quick figures against the v0.1.0 baseline; every benchmark and its options: docs/performance.md
bench: $(VENV)/.bench-installed
	$(BIN)/python bench/run.py
	$(BIN)/python bench/parse.py --files 3000 --runs 3

clean:
	rm -rf $(VENV) build dist src/*.egg-info
