# hoering: `make` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN    := $(VENV)/.installed-run
CORPUS ?= corpus

.DEFAULT_GOAL := help
.PHONY: help setup analyse test lint format check docs bench bench-hostile evaluate recurrence recurrence-tune senders train clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

# Two stamps: running hoering needs only its own dependencies ($(RUN)); the
# tests, lint and benchmarks add the test tools ($(STAMP), the [dev] extra).
$(RUN): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(RUN)

$(STAMP): $(RUN) pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv and install hoering with its test tools

analyse: $(RUN)  ## install hoering (without the test tools), analyse the sample corpus (CORPUS=folder for another) into results/
	$(BIN)/hoering analyse $(CORPUS) --out results

test: $(STAMP)  ## install the test tools and run the tests
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: $(STAMP)  ## format the code
	$(BIN)/ruff format src tests

check: lint test  ## lint and tests

docs: $(RUN)  ## regenerate docs/commands.md from the commands' --help
	$(BIN)/python -m hoering.cli.docgen > docs/commands.md.tmp
	mv docs/commands.md.tmp docs/commands.md

evaluate: $(RUN)  ## figures against every gold standard: sample corpus, devset, realdev tune and test halves
	$(BIN)/hoering evaluate corpus --gold corpus/gold.csv --no-cache -q
	$(BIN)/hoering evaluate devset --gold devset/gold.csv --no-cache -q
	$(BIN)/hoering evaluate devset/realdev/responses --gold devset/realdev/gold.csv --split tune --no-cache -q
	$(BIN)/hoering evaluate devset/realdev/responses --gold devset/realdev/gold.csv --split test --no-cache -q

bench: $(STAMP)  ## time hoering against bare spaCy on 100, 1,000 and 10,000 generated responses, and its start-up
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/startup.py

recurrence: $(RUN)  ## precision, recall and F1 of matching positions across rounds on devset/recurrence/pairs.csv
	$(BIN)/python -m hoering.recurrence devset/recurrence/pairs.csv

recurrence-tune: $(RUN)  ## the same on the tune half alone, in sample and out of fold (leave one earlier document out)
	$(BIN)/python -m hoering.recurrence devset/recurrence/pairs.csv --half tune

senders: $(RUN)  ## how often the sender is found on ../shared/realdev (REALDEV=folder for another), neutral and sender-named file names
	$(BIN)/python bench/senders.py
	$(BIN)/python bench/senders.py --named

bench-hostile: $(STAMP)  ## time the hostile cases of issue 16 against ordinary files of the same size
	$(BIN)/python bench/hostile.py

train: $(STAMP)  ## re-fit the linear stance model's weights (rules/stance_weights.toml) on the gold sets, with its cross-validation figures
	$(BIN)/python tools/train_stance.py

clean:  ## remove the virtual environment and outputs
	rm -rf $(VENV) results build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
