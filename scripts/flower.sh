#!/bin/sh
# Starts Flower (the Celery monitor) behind HTTP basic auth, never without it. Used by
# the Procfile (`make up`, where scripts/up.sh sets FLOWER_BASIC_AUTH, generating a
# development password when FLOWER_PASSWORD is empty) and by docker-compose.yml.
# Flower reads FLOWER_BASIC_AUTH ("user:password") itself: its environment form of
# --basic-auth, which keeps the password out of the process list.
set -eu
: "${FLOWER_BASIC_AUTH:=${FLOWER_USER:-vaultpay}:${FLOWER_PASSWORD:-}}"
case "$FLOWER_BASIC_AUTH" in
  *:) echo "flower: refusing to start without a password: set FLOWER_PASSWORD" >&2
      exit 1 ;;
esac
export FLOWER_BASIC_AUTH
exec celery -A workers.app flower --port="${FLOWER_PORT:-5555}" "$@"
