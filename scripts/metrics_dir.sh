#!/bin/sh
# Usage: scripts/metrics_dir.sh DIR COMMAND [ARGS...]
# Runs COMMAND in prometheus-client's multiprocess mode with its files in DIR, emptied
# first: counters left by an earlier run would otherwise be summed into this one's.
# One DIR per process group (the API's gunicorn, each Celery worker); see
# docs/observability.md.
set -eu
dir=$1
shift
rm -rf "$dir"
mkdir -p "$dir"
PROMETHEUS_MULTIPROC_DIR=$dir
export PROMETHEUS_MULTIPROC_DIR
exec "$@"
