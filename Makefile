# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench eval calibrate clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: Python 3.11 is needed (python3.11 or python3 on PATH)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build seeds/ -o out/seeds

test: $(STAMP)
	$(BIN)/python -m pytest

# ruff (rule set in pyproject.toml), mypy over kg/, and import-linter's layers contract
lint: $(STAMP)
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/mypy kg
	$(BIN)/lint-imports

# make bench [BENCH_LIMIT=200] [BENCH_CORPUS=path/to/corpus.jsonl]
BENCH_CORPUS ?= ../shared/corpus/bbc.jsonl
BENCH_LIMIT ?=

bench: $(STAMP)
	$(BIN)/python -m benchmarks --corpus $(BENCH_CORPUS) $(if $(BENCH_LIMIT),--limit $(BENCH_LIMIT)) --output out/bench.json

# make eval [KG_SHARED=path/to/shared] [EVAL_ERRORS=out/eval-errors]: one table over CoNLL04 dev, Re-DocRED dev,
# bbc-facts dev and the seeds (benchmarks/eval.py); the same numbers go to out/eval.json.
KG_SHARED ?= ../shared
EVAL_ERRORS ?=

eval: $(STAMP)
	$(BIN)/python benchmarks/eval.py --shared $(KG_SHARED) --output out/eval.json $(if $(EVAL_ERRORS),--errors $(EVAL_ERRORS))

# make calibrate [KG_SHARED=...]: each rule's confidence becomes its measured precision (smoothed), written to
# kg/patterns/calibration.yaml (benchmarks/calibrate.py); prints the cross-validated calibration error
calibrate: $(STAMP)
	$(BIN)/python -m benchmarks.calibrate --shared $(KG_SHARED)

clean:
	rm -rf $(VENV) out/*.ttl out/*.html .pytest_cache
