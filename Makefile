# callwise: two commands to know, `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint types contracts unit bench fuzz golden install clean

# Says what it is doing: the first install takes about a minute, and pip shows its progress.
$(STAMP): pyproject.toml
	@echo "Installing callwise and its dependencies into $(VENV) (about a minute, once)..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -e '.[dev]'
	touch $(STAMP)
	@echo "Installed into $(VENV)."

install: $(STAMP)

## make run: install, migrate, load the demo on an empty database, start the web app (prints its address).
PORT ?= 8000
run: $(STAMP)
	$(BIN)/callwise init
	$(BIN)/callwise demo --if-empty
	$(BIN)/callwise serve --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

## make deadcode: code nothing uses (vulture; paths, whitelist and framework names in pyproject.toml).
.PHONY: deadcode
deadcode: $(STAMP)
	$(BIN)/vulture

unit: $(STAMP)
	$(BIN)/pytest

## make test: lint, strict types on src, the import contracts, dead code, the whole suite.
test: lint types contracts deadcode unit

## make bench: timed scenarios, printed as a table (not part of make test).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

## make fuzz: mutated contact files and backups through the real import, 5000 cases each.
fuzz: $(STAMP)
	CALLWISE_FUZZ_EXAMPLES=5000 $(BIN)/pytest -q -p no:cacheprovider tests/fuzz

## make golden: render the golden call scripts again into tests/golden/scripts/ (after a
## deliberate change of wording: read the diff, then commit the texts with the change).
golden: $(STAMP)
	$(BIN)/python tests/golden/write.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
