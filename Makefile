# Two commands: `make build` and `make test`. Each bootstraps .venv from the pinned
# requirements first, so a fresh clone needs nothing but Python 3.11 and make.
# `make build` installs only what the build needs (requirements.txt); `make test` adds the test
# tools (requirements-test.txt). Each set has its own stamp, redone when its file changes.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
BUILD_STAMP := $(VENV)/.installed-build
TEST_STAMP := $(VENV)/.installed-test
# invoke turns off Python's .pyc files unless asked: every build compiled the kit's 140
# modules again (about 0.15 s of each `make build`, docs/speed.md). They go to
# __pycache__/ beside the code (git ignores them), never into .cache.
INVOKE := $(BIN)/invoke --write-pyc
# One test worker per core (pytest-xdist), each test file in one worker so its fixtures are made
# once; `make test PYTEST_ARGS=tests/podcast` runs one folder in this process.
PYTEST_ARGS ?= -n auto --dist loadfile --durations=15
# `make serve PORT=8123` previews on another port when 8000 is taken.
PORT ?= 8000

.PHONY: build test serve check clean venv lint init editor

venv: $(BUILD_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BUILD_STAMP): requirements.txt | $(BIN)/python
	$(PIP) -r requirements.txt
	touch $@

$(TEST_STAMP): requirements-test.txt $(BUILD_STAMP)
	$(PIP) -r requirements-test.txt
	touch $@

# The web editor's files come from npm, and only when EDITOR["enabled"] is on (docs/editor.md).
build: $(BUILD_STAMP)
	$(BIN)/python plugins/shelfcast_editor/install.py pelicanconf.py
	$(INVOKE) build

test: $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

serve: $(BUILD_STAMP)
	$(INVOKE) serve --port $(PORT)

# The editor on http://127.0.0.1:$(PORT)/admin/, saving into content/ (docs/editor.md).
editor: $(BUILD_STAMP)
	$(INVOKE) editor --port $(PORT)

check: $(BUILD_STAMP)
	$(BIN)/python plugins/shelfcast_editor/install.py pelicanconf.py
	$(INVOKE) check

# Asks for the library's name, address, languages and catalogue; removes the demo content.
init: $(BUILD_STAMP)
	$(INVOKE) init

lint: $(TEST_STAMP)
	$(BIN)/ruff check plugins tests tasks.py pelicanconf.py publishconf.py bench

clean:
	rm -rf output output.new-* output.old-* .cache $(VENV)
