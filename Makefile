# VaultPay: run it locally and test it.
#   make up     install, create the database if missing, migrate, run everything
#   make test   the whole pytest suite (it makes and drops its own database)
# Configuration: environment, then .env, then the defaults in settings.py
# (see .env.example).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# requirements.txt is the service alone (the Docker image); requirements-local.txt adds
# what running it all on one machine needs; requirements-dev.txt the tools on top.
STAMP  := $(VENV)/.requirements-local.stamp
DEV_STAMP := $(VENV)/.requirements-dev.stamp
# Extra arguments for pytest, e.g. make test PYTEST_ARGS='-k wallet -x'
PYTEST_ARGS ?=
# The suites run on this many processes (pytest-xdist), each with a database, Redis
# databases, a Celery worker and a queue of its own; a file's tests stay on one process.
# Most of a test is waiting for the worker or a server, so 3 keep 2 cores busy.
# TEST_PROCESSES=0 runs everything in pytest's own process.
TEST_PROCESSES ?= 3
XDIST := -n $(TEST_PROCESSES) --dist loadfile

.DEFAULT_GOAL := help
# Fault-injection run: seconds (default about 3 minutes), e.g. make chaos DURATION=600
DURATION ?= 180
CHAOS_ARGS ?=
# Fuzzing: test cases per API operation and phase, e.g. make fuzz FUZZ_EXAMPLES=500
FUZZ_EXAMPLES ?= 30
# A fixed seed keeps CI reproducible; FUZZ_SEED= (empty) draws a new one each run.
FUZZ_SEED ?= 1
# Benchmark (docs/performance.md): 10,000 wallets and operations, about 3 minutes;
# BENCH_ARGS=--quick for 2,000 of each and shorter steps (about 75 s).
BENCH_ARGS ?=

# The money-path, failure, concurrency, outbox/sweeper and multi-node tests, run again
# with RabbitMQ as the broker (a virtual host made for the run): make test-rabbitmq
RABBITMQ_URL ?= amqp://guest:guest@127.0.0.1:5672//
BROKER_TESTS ?= tests/test_money.py tests/test_posting.py tests/test_batch_posting.py \
	tests/test_failures.py tests/test_concurrency.py tests/test_rabbitmq.py \
	tests/test_worker_nodes.py
# The same subset with the app, workers, beat and migrations behind a private PgBouncer
# in transaction pooling mode: make test-pgbouncer
POOLER_TESTS ?= tests/test_money.py tests/test_posting.py tests/test_batch_posting.py \
	tests/test_failures.py tests/test_concurrency.py tests/test_worker_nodes.py
# make chaos POOLER=pgbouncer: the fault-injection run through PgBouncer
POOLER ?= none
# make chaos BROKER=rabbitmq: the fault-injection run on RabbitMQ (a vhost of its own)
BROKER ?= redis

.PHONY: help install install-dev venv db migrate up test test-rabbitmq test-pgbouncer lint chaos fuzz bench profile-submit profile-posting client clean distclean

help:
	@echo "make up         install, create the database, migrate, then run api + worker + beat + flower (Ctrl-C stops);"
	@echo "                with no PostgreSQL/Redis configured or answering, embedded ones (EMBEDDED=1 forces, 0 refuses)"
	@echo "make test       run the whole test suite (pytest; needs PostgreSQL and Redis)"
	@echo "make test-rabbitmq  the money-path, failure and concurrency tests with RabbitMQ as the broker"
	@echo "make test-pgbouncer the same subset through PgBouncer (transaction pooling)"
	@echo "make lint       ruff over the whole tree (ruff.toml)"
	@echo "make chaos      fault-injection run on a throwaway database and a private Redis (DURATION=180 s)"
	@echo "make bench      throughput/latency vs the bare database, own database and Redis (BENCH_ARGS=--quick)"
	@echo "make profile-submit  where the API's CPU goes on a send (PROFILE_ARGS=--sections, or cProfile)"
	@echo "make profile-posting where the worker's CPU goes when it posts (PROFILE_ARGS=--profile)"
	@echo "make fuzz       schemathesis against our own OpenAPI document (FUZZ_EXAMPLES=30)"
	@echo "make client     regenerate clients/python, the typed Python client, from the OpenAPI document"
	@echo "make install    create $(VENV) and install requirements-local.txt: the service and its process runner"
	@echo "make install-dev  install requirements-dev.txt too: test, lint, fuzz and benchmark tools"
	@echo "make migrate    create the database named by DATABASE_URL if missing, then alembic upgrade head"
	@echo "make clean      remove var/ (celery beat schedule, run-time files, the embedded servers' data)"
	@echo "make distclean  clean, and remove $(VENV)"

install: $(STAMP)

install-dev: $(DEV_STAMP)

venv: $(PY)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Each stamp is newer than its requirement files once their pins are installed.
$(STAMP): requirements.txt requirements-local.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -r requirements-local.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-local.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -r requirements-dev.txt
	@touch $@

db: $(STAMP)
	$(PY) scripts/ensure_database.py

migrate: db
	$(VENV)/bin/alembic upgrade head

# Through embedded/: with no PostgreSQL/Redis configured or answering, it starts the
# embedded ones (data in var/embedded) around scripts/up.sh, which migrates and runs.
# EMBEDDED=1 forces them, EMBEDDED=0 refuses to fall back.
up: $(STAMP)
	@exec $(PY) -m embedded run --data var/embedded -- bash scripts/up.sh

test: $(DEV_STAMP)
	$(VENV)/bin/pytest -q $(XDIST) $(PYTEST_ARGS)

test-rabbitmq: $(DEV_STAMP)
	TEST_CELERY_BROKER_URL=$(RABBITMQ_URL) $(VENV)/bin/pytest -q $(XDIST) $(BROKER_TESTS) $(PYTEST_ARGS)

test-pgbouncer: $(DEV_STAMP)
	TEST_PGBOUNCER=1 $(VENV)/bin/pytest -q $(XDIST) $(POOLER_TESTS) $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .

chaos: $(DEV_STAMP)
	$(PY) -m chaos.run --duration $(DURATION) --broker $(BROKER) --pooler $(POOLER) $(CHAOS_ARGS)

fuzz: $(DEV_STAMP)
	$(PY) -m chaos.fuzz --max-examples $(FUZZ_EXAMPLES) $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

bench: $(DEV_STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)

# The API's CPU on the send path, in-process over the bench's stack (docs/performance.md).
profile-submit: $(DEV_STAMP)
	$(PY) -m bench.profile_submit $(PROFILE_ARGS)

# The worker's CPU per operation posted, in-process over the bench's stack.
profile-posting: $(DEV_STAMP)
	$(PY) -m bench.profile_posting $(PROFILE_ARGS)

# The typed Python client for integrators (clients/python/README.md); a test fails
# while it is stale.
client: $(DEV_STAMP)
	$(PY) scripts/generate_client.py

clean:
	rm -rf var

distclean: clean
	rm -rf $(VENV)
