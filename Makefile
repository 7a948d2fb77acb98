# The two commands a new user needs: `make run` and `make test`.
# Python 3.13 comes from .python-version (pyenv); PYTHON=python3.12 also works.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run serve test e2e faults bench lint format migrations-check deploy-check lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@bin/check-python "$(PYTHON)" $(VENV)
	@test -x $(PY) || { echo "Creating $(VENV) with $$($(PYTHON) --version)"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing the pinned packages (requirements.lock); a minute or two the first time"
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar on -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

# `make run PORT=8123`: another port; the demo's absolute URLs follow it.
PORT ?= 8000
run: export DEBUG := 1
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo --port $(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production way: gunicorn, DEBUG off, WhiteNoise, the task worker.
serve: install
	bin/serve

test: install
	$(BIN)/pytest

# Real-browser tests: Debian's Chromium (apt-get install chromium), Playwright
# and axe-core; skipped, with one line saying why, where one is missing.
e2e: install
	$(PY) -m pip install --quiet -r requirements-e2e.lock
	npm ci --no-audit --no-fund --silent
	$(BIN)/pytest -m e2e tests/e2e

# Real servers broken on purpose: Redis stopped and hung, PostgreSQL killed,
# down and silent (docs/deploy.md). Needs PostgreSQL at 127.0.0.1:5432 and
# redis-server; one to two minutes.
faults: install
	$(BIN)/pytest -m faults tests/faults

# The benchmark (docs/performance.md): PostgreSQL, Redis, gunicorn, wrk,
# nginx. BENCH_SMOKE=1: small data, a few seconds per page (CI).
bench: install
	$(PY) bench/run.py $(if $(BENCH_SMOKE),--smoke,)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# `check --deploy` with production settings (HTTPS on, a real-looking key).
deploy-check: install
	DEBUG=0 HTTPS=1 SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))") \
	  ALLOWED_HOSTS=news.example EMAIL_HOST=smtp.example \
	  $(PY) manage.py check --deploy --fail-level WARNING

# Re-pin every package after changing pyproject.toml's dependencies.
lock:
	rm -rf .lock-venv build *.egg-info
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet . --group dev
	.lock-venv/bin/pip freeze --exclude newsroom > requirements.lock
	.lock-venv/bin/pip install --quiet --group e2e
	.lock-venv/bin/pip freeze --exclude newsroom | grep -vxFf requirements.lock > requirements-e2e.lock
	rm -rf .lock-venv build *.egg-info

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
