#!/usr/bin/env bash
# Creates the database if missing and migrates, then runs api (gunicorn), worker, beat,
# Flower and live (notifications) together in the foreground with honcho (see Procfile).
# Ctrl-C stops them all. `make up` installs first and calls this through
# `python -m embedded run`, which starts an embedded PostgreSQL and Redis around it when
# none is configured or answering (embedded/; then DATABASE_URL, REDIS_URL and
# EMBEDDED_BANNER are set).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/honcho" ]; then
  echo "up.sh: $VENV/bin/honcho not found; run 'make up' (or 'make install') first" >&2
  exit 1
fi

"$VENV/bin/python" scripts/ensure_database.py
"$VENV/bin/alembic" upgrade head

# Ports come from settings.py: the environment, then .env, then the defaults.
read -r API_PORT FLOWER_PORT WORKER_METRICS_PORT LIVE_PORT < <(
  "$VENV/bin/python" -c 'import settings; s = settings.load(); print(s.api_port, s.flower_port, s.worker_metrics_port, s.live_port)'
)
export API_PORT FLOWER_PORT WORKER_METRICS_PORT LIVE_PORT
# Where the email job's messages go: the SMTP server, or (no SMTP_HOST) .eml files.
MAIL_TARGET=$("$VENV/bin/python" -c '
import settings
from workers.mailer import mail_dir
s = settings.load()
print(f"SMTP server {s.smtp_host}:{s.smtp_port}" if s.smtp_host
      else f"files {mail_dir(s)}/*.eml  (no SMTP_HOST set; see .env.example)")')
export PATH="$PWD/$VENV/bin:$PATH"
export PYTHONUNBUFFERED=1   # honcho reads the output through a pipe
mkdir -p var

# Flower asks for a login. FLOWER_USER / FLOWER_PASSWORD from the environment or .env;
# without a password, a development one is generated once and kept in var/ so that it
# survives restarts. Flower reads FLOWER_BASIC_AUTH itself (its environment form of
# --basic-auth), which keeps the password out of `ps`.
FLOWER_USER=$("$VENV/bin/python" -c 'import settings; print(settings.load().flower_user)')
FLOWER_PASSWORD=$("$VENV/bin/python" -c 'import settings; print(settings.load().flower_password)')
FLOWER_LOGIN="user ${FLOWER_USER}, password from FLOWER_PASSWORD"
if [ -z "$FLOWER_PASSWORD" ]; then
  if [ ! -s var/flower-password ]; then
    (umask 077 && "$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(18))' > var/flower-password)
  fi
  FLOWER_PASSWORD=$(cat var/flower-password)
  FLOWER_LOGIN="user ${FLOWER_USER}, password ${FLOWER_PASSWORD}  (generated, in var/flower-password)"
fi
export FLOWER_BASIC_AUTH="${FLOWER_USER}:${FLOWER_PASSWORD}"
unset FLOWER_PASSWORD

# Which PostgreSQL and Redis: the embedded ones (say where their data is) or the
# configured / local ones.
if [ -n "${EMBEDDED_BANNER:-}" ]; then
  SERVERS=$(printf '%s\n' "$EMBEDDED_BANNER" | sed '2,$s/^/    /')
  SERVERS="$SERVERS
    (embedded: no PostgreSQL/Redis was configured or answering; they stop with the rest)"
else
  SERVERS="PostgreSQL   and Redis as configured (DATABASE_URL, REDIS_URL; or the local defaults)"
fi

cat <<EOF

  VaultPay is starting (api, worker, beat, flower, live). Ctrl-C stops them all.

    API          http://localhost:${API_PORT}/api/v1
    Swagger UI   http://localhost:${API_PORT}/docs
    Console      http://localhost:${API_PORT}/console   (moderators and above)
    OpenAPI      http://localhost:${API_PORT}/api/v1/openapi.json
    Health       http://localhost:${API_PORT}/healthz   http://localhost:${API_PORT}/readyz
    Metrics      http://localhost:${API_PORT}/metrics   worker: http://localhost:${WORKER_METRICS_PORT}/metrics
    Flower       http://localhost:${FLOWER_PORT}   ${FLOWER_LOGIN}
    Live         ws://localhost:${LIVE_PORT}/api/v1/notifications/ws   http://localhost:${LIVE_PORT}/api/v1/notifications/stream
    Mail         ${MAIL_TARGET}
    ${SERVERS}

  Demo data (a super admin, a moderator, three verified and funded users; passwords
  printed at the end), from a second terminal once this is up:
    .venv/bin/flask --app wsgi seed-demo
  What is reachable, the migration state and unsafe settings:
    .venv/bin/flask --app wsgi doctor

EOF

# --env /dev/null: honcho would otherwise load .env itself and let it override the
# environment; the applications read .env through settings.py, which keeps the
# environment first.
exec honcho start --env /dev/null --procfile Procfile "$@"
