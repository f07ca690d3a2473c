# Two commands for a new machine with Python 3.11: `make run` (dashboard) and `make test` (all tests).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# 127.0.0.1: only this machine; HOST=0.0.0.0 opens the dashboard to the network (with RASID_READONLY=1 for a shared one)
HOST ?= 127.0.0.1

.PHONY: run test tables bench clean

# `make run` installs only what the dashboard needs; `make test` adds the test tools (requirements-test.txt)
$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

tables: $(BIN)/.installed
	@# a failed build keeps the previous tables: the dashboard still starts and says what went wrong
	-$(BIN)/python -m preprocess build --if-stale

run: tables
	$(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(PORT)

test: $(BIN)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(BIN)/.installed-test
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf data/processed data/.processed.cache .pytest_cache
