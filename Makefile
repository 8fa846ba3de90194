# coopdesk — the two commands a newcomer needs:
#   make run    start coopdesk on a demo database in the default data location
#   make test   run every test
# Both create .venv and install what they need (system packages via scripts/system-deps.sh).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint bench demo clean system-deps translations

system-deps:
	@scripts/system-deps.sh

$(STAMP): pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# The interface's English translation, compiled from the committed .ts (the .qm is not committed).
QM := resources/translations/coopdesk_en.qm
$(QM): resources/translations/coopdesk_en.ts $(STAMP)
	$(PY) scripts/translations.py build

translations: $(STAMP)
	$(PY) scripts/translations.py update

run: $(STAMP) $(QM)
	@db=$$($(PY) -c 'from coopdesk.storage.paths import default_db_path; print(default_db_path())'); \
	if [ ! -s "$$db" ]; then $(VENV)/bin/coopdesk demo; fi
	$(VENV)/bin/coopdesk

test: $(STAMP) $(QM)
	$(PY) -m ruff check coopdesk tests bench scripts
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check coopdesk tests bench
	$(PY) -m ruff format --check coopdesk tests bench

bench: $(STAMP)
	$(PY) bench/bench_import.py
	$(PY) bench/bench_statement.py
	$(PY) bench/bench_pdf.py
	$(PY) bench/bench_gui.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
