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

XCB_LIBS := libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxkbcommon-x11.so.0

run: $(STAMP) translations
	@for lib in $(XCB_LIBS); do ldconfig -p 2>/dev/null | grep -q $$lib || missing="$$missing $$lib"; done; \
	if [ -n "$$missing" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
	  echo "Qt's X11 support needs system libraries that are missing:$$missing"; \
	  echo "On Debian/Ubuntu: sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0"; \
	fi
	$(PY) -m desktop_app

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop_app.tools.screenshots docs/screenshots

bundle: $(STAMP) translations
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build installer/tiendo.spec
	@$(PY) installer/size_report.py bundle dist/TienDo

# On Linux this packs the Linux bundle (not runnable on Windows): its size shows what NSIS's
# compression makes of the same files.
installer: bundle
	version=$$($(PY) -c "import desktop_app; print(desktop_app.__version__)") && \
	makensis -V2 -DAPP_EXE=TienDo -DVERSION=$$version installer/tiendo.nsi && \
	$(PY) installer/size_report.py installer dist/TienDo-Setup-$$version.exe

clean:
	rm -rf build dist .pytest_cache
