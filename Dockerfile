# syntax=docker/dockerfile:1
# One image for every VaultPay process: api (gunicorn, the default command), migrate,
# worker, beat and flower (see docker-compose.yml for their commands).

# --- builder: install the pinned requirements into a virtual environment -----------
FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install -r /tmp/requirements.txt

# --- runtime: the venv and the code, run as an unprivileged user -------------------
FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
RUN groupadd --system --gid 10001 vaultpay \
 && useradd --system --uid 10001 --gid vaultpay --home-dir /app --no-create-home \
            --shell /usr/sbin/nologin vaultpay
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# The code stays owned by root (read-only for the service); only var/ (the beat
# schedule) is writable.
COPY . .
RUN mkdir -p /app/var && chown vaultpay:vaultpay /app/var
USER vaultpay
EXPOSE 8000 5555 9808
CMD ["scripts/metrics_dir.sh", "var/metrics-api", \
     "gunicorn", "wsgi:app", "--bind", "0.0.0.0:8000", "--worker-class", "gthread", \
     "--workers", "2", "--threads", "8", "--error-logfile", "-", "--no-control-socket"]
