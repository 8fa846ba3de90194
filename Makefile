# coopdesk — the two commands a newcomer needs:
#   make run    start coopdesk on a demo database in the default data location
#   make test   run every test
# Both create .venv and install what they need (system packages via scripts/system-deps.sh).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test test-sqlite test-postgres lint typecheck bench demo clean system-deps system-deps-postgres translations installer dist-check

system-deps:
	@scripts/system-deps.sh

# Debian's PostgreSQL server, for the test suite's second run (not needed to run coopdesk).
system-deps-postgres:
	@scripts/system-deps.sh --postgres

$(STAMP): pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# The interface's English translation, compiled from the committed .ts (the .qm is not committed).
QM := coopdesk/resources/translations/coopdesk_en.qm
$(QM): coopdesk/resources/translations/coopdesk_en.ts $(STAMP)
	$(PY) scripts/translations.py build

translations: $(STAMP)
	$(PY) scripts/translations.py update

run: $(STAMP) $(QM)
	@db=$$($(PY) -c 'from coopdesk.storage.paths import default_db_path; print(default_db_path())'); \
	if [ ! -s "$$db" ]; then $(VENV)/bin/coopdesk demo; fi
	$(VENV)/bin/coopdesk

# The whole suite on SQLite, then again on a throwaway PostgreSQL cluster (scripts/pg-test-cluster.sh,
# 127.0.0.1 only, removed when the run ends however it ends). GUI tests and the sqlite_only ones are
# skipped on PostgreSQL. pytest's exit code 5 (nothing collected) fails like any other.
test: $(STAMP) $(QM)
	$(PY) -m ruff check coopdesk tests bench scripts installer
	$(PY) -m pytest -q
	$(MAKE) --no-print-directory test-postgres

test-sqlite: $(STAMP) $(QM)
	$(PY) -m pytest -q

test-postgres: $(STAMP) $(QM) system-deps-postgres
	@dir=$$(mktemp -d "$${TMPDIR:-/tmp}/coopdesk-pg.XXXXXX"); \
	trap 'scripts/pg-test-cluster.sh stop "$$dir"' EXIT INT TERM; \
	url=$$(scripts/pg-test-cluster.sh start "$$dir") || exit 1; \
	echo "PostgreSQL run on $$url"; \
	COOPDESK_TEST_DB_URL="$$url" $(PY) -m pytest -q tests/unit

lint: $(STAMP)
	$(PY) -m ruff check coopdesk tests bench scripts installer
	$(PY) -m ruff format --check coopdesk tests bench scripts installer

# mypy, configured in pyproject.toml ([tool.mypy]): strict on the domain and the application layer.
# coopdesk/app is passed only once it exists: mypy refuses a path that is not there.
typecheck: $(STAMP)
	$(PY) -m mypy coopdesk/core $(wildcard coopdesk/app)

# The installable bundle: PyInstaller, its self-test in a fresh folder, the Linux tarball (installer/build.py).
installer: $(STAMP) $(QM)
	$(PY) -m pip install --quiet -e '.[build]'
	$(PY) installer/build.py

# The wheel and the sdist as a user gets them: each installed into a fresh venv, its self-test run and
# statement PDFs written from a demo database (scripts/dist-check.sh).
dist-check: $(STAMP)
	PYTHON=$(PY) scripts/dist-check.sh

bench: $(STAMP)
	$(PY) bench/bench_import.py
	$(PY) bench/bench_statement.py
	$(PY) bench/bench_yearly.py
	$(PY) bench/bench_pdf.py
	$(PY) bench/bench_cli.py
	$(PY) bench/bench_gui.py
	$(PY) bench/bench_start.py
	$(PY) bench/bench_close.py
	$(PY) bench/bench_growth.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache .hypothesis
