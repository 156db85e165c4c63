# The course's two commands are `make lab` and `make test` (see README.md). Everything else here
# is what they need. Dependencies and their bounds live in pyproject.toml only.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Where the CPU build of PyTorch comes from. Empty: the configured package index (on this kind of
# machine, a local CPU wheel). Elsewhere on Linux: make lab TORCH_INDEX=https://download.pytorch.org/whl/cpu
TORCH_INDEX ?=
TORCH_REQ := $(shell grep -o '"torch[^"]*"' pyproject.toml | tr -d '"')
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
PYTEST_ARGS ?=
# The course's models are tiny: torch and BLAS run one thread in its kernels, its tests and its
# training, so that a busy second core does not stall them (threads spinning against each other).
# In a notebook, torch.set_num_threads(n) changes it for that kernel.
ONE_THREAD := OMP_NUM_THREADS OPENBLAS_NUM_THREADS MKL_NUM_THREADS
CHROMIUM := /usr/bin/chromium
SLIDE_ASSETS := build/slides-assets
NOTEBOOK_DIRS := $(wildcard notebooks solutions)

.PHONY: lab test setup browsers sandbox slides bench exercises nbgrader translations clean

lab: setup  ## set everything up, then open the course in JupyterLab
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(BIN)/python -m jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	    --LabApp.default_url=/lab/tree/notebooks $(ROOT_FLAG)

# Unit tests and every lecture and solution notebook (nbval: a notebook fails if a cell raises,
# or if a cell tagged nbval-check-output prints something other than what is stored); then the
# browser tests on their own: run beside the other tests on two cores, lecture 01's notation-table
# slide measured 912 px (twice, fresh clones), and under 700 px alone in the same clone; the
# cause (font or typesetting timing in a starved Chromium) was not isolated.
# One thread per process: two pytest workers and their notebook kernels share two cores, and
# torch's and OpenBLAS's spinning threads slow each other down tenfold when oversubscribed.
test: setup browsers sandbox $(SLIDE_ASSETS)/.installed  ## set everything up, then run every test
	$(BIN)/python -m gru_course build-exercises --check
	$(BIN)/python -m gru_course build-translations --check
	$(foreach v,$(ONE_THREAD),$(v)=1) \
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax --nbval-current-env \
	    tests $(NOTEBOOK_DIRS) --ignore=tests/test_browser.py $(PYTEST_ARGS)
	$(foreach v,$(ONE_THREAD),$(v)=1) $(BIN)/python -m pytest tests/test_browser.py $(PYTEST_ARGS)

setup: $(VENV)/.installed

# torch is installed first and on its own, so that the CPU build is the one that satisfies
# pyproject's bound; the editable install after it then finds torch already there.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX)) "$(TORCH_REQ)"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (gru-course)" \
	    $(foreach v,$(ONE_THREAD),--env $(v) 1)
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1
	$(foreach e,formgrader validate_assignment assignment_list course_list,\
	    $(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.$(e) >/dev/null 2>&1;)
	touch $@

nbgrader: setup  ## write an nbgrader course folder from solutions/ into build/nbgrader
	$(BIN)/python -m gru_course nbgrader --out build/nbgrader

exercises: setup  ## regenerate exercises/ from solutions/
	$(BIN)/python -m gru_course build-exercises

translations: setup  ## regenerate the Korean edition (notebooks/ko, solutions/ko, exercises/ko)
	$(foreach v,$(ONE_THREAD),$(v)=1) $(BIN)/python -m gru_course build-translations

# Debian's Chromium for the browser tests, and Debian's Nanum fonts so that it draws the Korean
# edition's Hangul, installed when missing (needs root and apt-get; elsewhere the browser tests
# say why they skip). Playwright drives Chromium; it never downloads one.
KOREAN_FONT := /usr/share/fonts/truetype/nanum/NanumGothic.ttf
browsers:
	@if [ ! -x $(CHROMIUM) ] || [ ! -f $(KOREAN_FONT) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum; \
	  else echo "note: $(CHROMIUM) is missing and cannot be installed here; browser tests will skip"; fi; \
	fi

# Debian's bubblewrap, in which the grader runs each learner's kernel (gru_course/grading/sandbox.py),
# installed when missing (needs root and apt-get; elsewhere `grade` refuses and says why).
sandbox:
	@if ! command -v bwrap >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap; \
	  else echo "note: bubblewrap is missing and cannot be installed here; grading will refuse"; fi; \
	fi

# reveal.js, require.js, jQuery, MathJax 2 and the widget renderer, from the npm registry, once.
$(SLIDE_ASSETS)/.installed: gru_course/slides.py | setup
	@if command -v npm >/dev/null; then \
	  $(BIN)/python -m gru_course slides --install-assets --assets $(SLIDE_ASSETS) && touch $@; \
	else echo "note: npm is missing; slides cannot be built and their test will skip"; fi

slides: setup $(SLIDE_ASSETS)/.installed  ## build/slides/NN.slides.html, viewable offline
	$(BIN)/python -m gru_course slides --assets $(SLIDE_ASSETS) --out build/slides

bench: setup  ## time the numpy GRU against torch.nn.GRU
	$(BIN)/python benchmarks/bench_gru.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache test-artifacts build
