#!/usr/bin/env bash
# Runs api (gunicorn), worker, beat and Flower together in the foreground with honcho
# (see Procfile). Ctrl-C stops them all. `make up` installs, creates the database and
# migrates before calling this.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/honcho" ]; then
  echo "up.sh: $VENV/bin/honcho not found; run 'make up' (or 'make install') first" >&2
  exit 1
fi

# Ports come from settings.py: the environment, then .env, then the defaults.
read -r API_PORT FLOWER_PORT < <(
  "$VENV/bin/python" -c 'import settings; s = settings.load(); print(s.api_port, s.flower_port)'
)
export API_PORT FLOWER_PORT
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

cat <<EOF

  VaultPay is starting (api, worker, beat, flower). Ctrl-C stops them all.

    API          http://localhost:${API_PORT}/api/v1
    Swagger UI   http://localhost:${API_PORT}/docs
    OpenAPI      http://localhost:${API_PORT}/api/v1/openapi.json
    Health       http://localhost:${API_PORT}/healthz   http://localhost:${API_PORT}/readyz
    Flower       http://localhost:${FLOWER_PORT}
    Mail         ${MAIL_TARGET}

EOF

# --env /dev/null: honcho would otherwise load .env itself and let it override the
# environment; the applications read .env through settings.py, which keeps the
# environment first.
exec honcho start --env /dev/null --procfile Procfile "$@"
