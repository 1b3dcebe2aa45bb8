# Two commands: `make build` and `make test`. Each bootstraps .venv from the pinned
# requirements first, so a fresh clone needs nothing but Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make serve PORT=8123` previews on another port when 8000 is taken.
PORT ?= 8000

.PHONY: build test serve check clean venv lint init

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
	$(BIN)/invoke serve --port $(PORT)

check: $(STAMP)
	$(BIN)/invoke check

# Asks for the library's name, address, languages and catalogue; removes the demo content.
init: $(STAMP)
	$(BIN)/invoke init

lint: $(STAMP)
	$(BIN)/ruff check plugins tests tasks.py pelicanconf.py publishconf.py bench

clean:
	rm -rf output output.new-* output.old-* .cache $(VENV)
