# Two commands: `make build` and `make test`. Each bootstraps .venv from the pinned
# requirements first, so a fresh clone needs nothing but Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test serve check clean venv lint

venv: $(STAMP)

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/invoke build

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

serve: $(STAMP)
	$(BIN)/invoke serve

check: $(STAMP)
	$(BIN)/invoke check

lint: $(STAMP)
	$(BIN)/ruff check plugins tests tasks.py pelicanconf.py publishconf.py bench

clean:
	rm -rf output output.new-* output.old-* .cache $(VENV)
