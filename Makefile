# Two commands for a newcomer: `make run` and `make test`. Both set up .venv first
# (pinned dependencies from PyPI, the spaCy model included); re-running is fast.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.dyads-installed

.PHONY: run test setup bench bench-corpus lint typecheck clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/dyads code src/dyads/data/sample --pub-date 2023-09-21 --summary
	$(BIN)/dyads system src/dyads/data/sample --pub-date 2023-09-21

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/dyads bench --rounds 5 --write docs/BENCHMARKS.md --plot docs/per_class_f1.png

# Several minutes: ingest 1,000 and 10,000 generated documents (1 and 2 workers); rewrites
# only the "Corpus ingest" section of the report, and fails over 1.5 GB peak memory.
bench-corpus: setup
	$(BIN)/dyads bench --corpus 1000 --corpus 10000 --workers 2 --write docs/BENCHMARKS.md

lint: setup
	$(BIN)/ruff check src tests scripts

typecheck: setup
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
