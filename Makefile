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
	@echo "make examples - Markdown and HTML briefs of the seeds and two BASIL events in examples/"

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

# Two BASIL test events (three outlets each, the first triplet of 2016 and of 2019);
# generated into the git-ignored examples/, never committed: they quote third-party articles.
BASIL := $(SHARED)/eval/basil-same-event-triplets/articles
EVENT_A := $(wildcard $(BASIL)/2016/1b96a5db-8974-46d3-82d7-5dfef02f650e_*.json)
EVENT_B := $(wildcard $(BASIL)/2019/0d10341a-9dba-4374-a524-814c300d1611_*.json)

examples: $(VENV)/.stamp-base
	mkdir -p examples
	$(BIN)/newsfuse brief $(SEEDS) --format md --out examples/seeds.md
	$(BIN)/newsfuse brief $(SEEDS) --format html --out examples/seeds.html
	$(BIN)/newsfuse brief $(EVENT_A) --format md --out examples/basil-2016.md
	$(BIN)/newsfuse brief $(EVENT_A) --format html --out examples/basil-2016.html
	$(BIN)/newsfuse brief $(EVENT_B) --format md --out examples/basil-2019.md
	$(BIN)/newsfuse brief $(EVENT_B) --format html --out examples/basil-2019.html

clean-venv:
	rm -rf $(VENV)
