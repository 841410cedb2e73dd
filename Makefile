# Two commands for a newcomer: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench translations bundle installer clean screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bundle]'
	touch $(STAMP)

translations: $(STAMP)
	$(PY) -m desktop_app.tools.i18n compile

run: $(STAMP) translations
	$(PY) -m desktop_app

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop_app.tools.screenshots docs/screenshots

bundle: $(STAMP) translations
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build installer/tiendo.spec

installer: bundle
	makensis -V2 -DAPP_EXE=TienDo -DVERSION=$$($(PY) -c "import desktop_app; print(desktop_app.__version__)") installer/tiendo.nsi

clean:
	rm -rf build dist .pytest_cache
