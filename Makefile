# hoering: `make` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= corpus

.DEFAULT_GOAL := help
.PHONY: help setup analyse test lint format check bench bench-hostile evaluate recurrence senders clean

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

evaluate: $(STAMP)  ## figures against every gold standard: sample corpus, devset, realdev tune and test halves
	$(BIN)/hoering evaluate corpus --gold corpus/gold.csv --no-cache -q
	$(BIN)/hoering evaluate devset --gold devset/gold.csv --no-cache -q
	$(BIN)/hoering evaluate devset/realdev/responses --gold devset/realdev/gold.csv --split tune --no-cache -q
	$(BIN)/hoering evaluate devset/realdev/responses --gold devset/realdev/gold.csv --split test --no-cache -q

bench: $(STAMP)  ## time hoering against bare spaCy on 100, 1,000 and 10,000 generated responses, and its start-up
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/startup.py

recurrence: $(STAMP)  ## precision, recall and F1 of matching positions across rounds on devset/recurrence/pairs.csv
	$(BIN)/python -m hoering.recurrence devset/recurrence/pairs.csv

senders: $(STAMP)  ## how often the sender is found on ../shared/realdev (REALDEV=folder for another), neutral and sender-named file names
	$(BIN)/python bench/senders.py
	$(BIN)/python bench/senders.py --named

bench-hostile: $(STAMP)  ## time the hostile cases of issue 16 against ordinary files of the same size
	$(BIN)/python bench/hostile.py

clean:  ## remove the virtual environment and outputs
	rm -rf $(VENV) results build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
