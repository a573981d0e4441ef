# newsfuse — set-up and checks. Needs only Python 3.11 and pip.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
SEEDS  := $(wildcard $(SHARED)/seeds/*.txt)

.PHONY: demo test lint bench examples clean-venv help

help:
	@echo "make demo   - create .venv, install, print the brief of $(SHARED)/seeds/*.txt"
	@echo "make test   - install dev dependencies, run lint, the test suite and the eval gate"
	@echo "make lint   - ruff + mypy"
	@echo "make bench  - speed benchmarks and the web load test (results in docs/benchmarks.md)"
	@echo "make examples - Markdown and HTML briefs of the seeds and two BASIL dev events in examples/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.stamp-base: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-base
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

# The web UI's browser tests drive Debian's Chromium through Playwright (never
# `playwright install`, which downloads a browser). Installed here when missing.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get install -y --no-install-recommends chromium \
	  || ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium)

demo: $(VENV)/.stamp-base
	$(BIN)/newsfuse brief $(SEEDS)

lint: $(VENV)/.stamp-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: $(VENV)/.stamp-dev $(CHROMIUM) lint
	$(BIN)/python -m pytest -n 2 --dist loadfile -q
	$(BIN)/newsfuse eval gate

bench: $(VENV)/.stamp-dev
	$(BIN)/python bench/run.py --write docs/benchmarks.md
	$(BIN)/python bench/load.py --write docs/benchmarks.md

# Two BASIL dev events (three outlets each; dev years 2010-2014 only: test events are never
# read to fix anything): Boehner's one-in-three chance (2012) and the Cheney sisters (2013).
# Generated into the git-ignored examples/, never committed: they quote third-party articles.
BASIL := $(SHARED)/eval/basil-same-event-triplets/articles
EVENT_A := $(wildcard $(BASIL)/2012/f11c2566-848a-4e29-b8c5-4de0a81114e4_*.json)
EVENT_B := $(wildcard $(BASIL)/2013/11c9f251-35c8-4452-b052-df9be61464c6_*.json)

examples: $(VENV)/.stamp-base
	mkdir -p examples
	$(BIN)/newsfuse brief $(SEEDS) --format md --out examples/seeds.md
	$(BIN)/newsfuse brief $(SEEDS) --format html --out examples/seeds.html
	$(BIN)/newsfuse brief $(EVENT_A) --format md --out examples/basil-2012.md
	$(BIN)/newsfuse brief $(EVENT_A) --format html --out examples/basil-2012.html
	$(BIN)/newsfuse brief $(EVENT_B) --format md --out examples/basil-2013.md
	$(BIN)/newsfuse brief $(EVENT_B) --format html --out examples/basil-2013.html

clean-venv:
	rm -rf $(VENV)
