#!/usr/bin/env bash
# The web portal's commands, with Node from .venv (scripts/bootstrap.sh installs it).
#   scripts/web.sh install   npm ci from the lockfile, when the lockfile changed
#   scripts/web.sh build     vite build into web/dist, skipped when nothing in web/ changed
#   scripts/web.sh check     codegen freshness, lint, tsc, vitest
#   scripts/web.sh e2e       the Playwright suite in Debian's chromium (builds first)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/.venv/bin:$PATH"
cd web

sources_hash() {
  # Everything the build reads: sources, configs, the lockfile and the schema snapshot.
  { find src public index.html package-lock.json vite.config.ts tsconfig.json -type f \
      -not -name '*.test.ts' -not -name '*.test.tsx' -print0 | sort -z | xargs -0 sha256sum
    sha256sum "$ROOT/schema/schema.graphql"; } | sha256sum | cut -c1-16
}

install() {
  local stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    echo "web: npm ci"
    # No package in the tree needs an install script; refusing them keeps installs inert.
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    rm -f node_modules/.installed-*
    touch "$stamp"
  fi
}

build() {
  install
  local want
  want=$(sources_hash)
  if [ -f dist/.stamp ] && [ "$(cat dist/.stamp)" = "$want" ] && [ "${FORCE:-0}" != 1 ]; then
    return 0
  fi
  echo "web: vite build"
  npx vite build --logLevel warn
  echo "$want" > dist/.stamp
}

case "${1:-build}" in
  install) install ;;
  build) build ;;
  check)
    install
    npm run --silent codegen:check
    npm run --silent lint
    npm run --silent typecheck
    npx vitest run --reporter=dot
    ;;
  e2e)
    build
    npx playwright test "${@:2}"
    ;;
  *) echo "usage: scripts/web.sh install|build|check|e2e" >&2; exit 2 ;;
esac
