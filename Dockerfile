# syntax=docker/dockerfile:1
#
# Customer audit portal image: one image for the API (`auditportal serve`, the default CMD),
# the ARQ worker (`auditportal worker`) and one-shot jobs (`auditportal migrate`, `load`, ...).
# Build:  docker build -t auditportal:local .
# Run:    docker compose up --build   (see docker-compose.yml)

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: install the package and its dependencies into a virtualenv ------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:${PATH}"

WORKDIR /src
# Metadata first so the dependency layer is reused while only the source changes.
COPY pyproject.toml README.md ./
COPY server ./server
RUN pip install --upgrade pip \
    && pip install . \
    && pip check

# --- web: the portal's static build (Node only in this stage; the image serves dist/) ---------
FROM node:24-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
# No package in the tree needs an install script.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY schema /src/schema
COPY web ./
RUN npm run codegen:check && npx vite build

# --- runtime ------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

# WeasyPrint (PDF reports, rendered in the worker) loads Pango/HarfBuzz at run time; Noto CJK
# gives the Chinese glyphs. No compilers, no poppler, no curl.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        fontconfig \
        fonts-noto-cjk \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged user; the data folder (generated keys, owner-only) is the only writable place.
# A named volume mounted there starts with this ownership.
ARG APP_UID=10001
RUN groupadd --system --gid ${APP_UID} auditportal \
    && useradd --system --uid ${APP_UID} --gid auditportal --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin auditportal \
    && install -d -o auditportal -g auditportal -m 0700 /var/lib/auditportal

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
# Runtime files read through AUDITPORTAL_ROOT_DIR (owned by root: read-only for the app).
COPY schema ./schema
COPY forms ./forms
COPY workflows ./workflows
COPY --from=web /src/web/dist ./web/dist

ENV PATH="/opt/venv/bin:${PATH}" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    XDG_CACHE_HOME=/tmp/.cache \
    AUDITPORTAL_ROOT_DIR=/app \
    AUDITPORTAL_WEB_DIST_DIR=/app/web/dist \
    AUDITPORTAL_DATA_DIR=/var/lib/auditportal \
    AUDITPORTAL_HOST=0.0.0.0 \
    AUDITPORTAL_PORT=8000

USER auditportal:auditportal

EXPOSE 8000

# Liveness of the HTTP process (no curl in slim: use the Python standard library). urlopen
# raises on any non-2xx answer or connection error, so the exit code is 1 then.
# The worker service overrides this in docker-compose.yml.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('AUDITPORTAL_PORT', '8000'); urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4); sys.exit(0)"]

CMD ["auditportal", "serve", "--host", "0.0.0.0", "--port", "8000"]
