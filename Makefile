# Targets mirror .ci/run: install, lint, typecheck, test; bench is a report, not a gate.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install lint typecheck test bench bench-all golden ci

install:
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'

lint:
	$(BIN)/ruff check prp_agent tests bench
	$(BIN)/ruff format --check prp_agent tests bench

typecheck:
	$(BIN)/mypy
	$(BIN)/lint-imports

test:
	$(BIN)/python -m pytest -q

bench:
	$(BIN)/python bench/run_bench.py --latency 0.5 --repeat 3

bench-all: bench
	$(BIN)/python bench/bench_local.py
	$(BIN)/python bench/bench_repo.py --files 20000
	$(BIN)/python bench/bench_batch.py --issues 50 --rpm 3000 --latency 0.2 --offline-issues 1000
	$(BIN)/python bench/bench_exports.py --mb 200

golden:
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_prompts.py tests/test_grounding.py tests/test_vocabulary.py

ci:
	bash .ci/run
