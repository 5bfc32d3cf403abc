# hoering: `make` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= corpus

.DEFAULT_GOAL := help
.PHONY: help setup analyse test lint format check bench bench-hostile clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv and install hoering with its test tools

analyse: $(STAMP)  ## analyse the sample corpus (CORPUS=folder for another) and write results/
	$(BIN)/hoering analyse $(CORPUS) --out results

test: $(STAMP)  ## run the tests
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: $(STAMP)  ## format the code
	$(BIN)/ruff format src tests

check: lint test  ## lint and tests

bench: $(STAMP)  ## time hoering against bare spaCy on 100, 1,000 and 10,000 generated responses
	$(BIN)/python bench/bench.py

bench-hostile: $(STAMP)  ## time the hostile cases of issue 16 against ordinary files of the same size
	$(BIN)/python bench/hostile.py

clean:  ## remove the virtual environment and outputs
	rm -rf $(VENV) results build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
