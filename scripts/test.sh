#!/usr/bin/env bash
# Runs the whole test suite: type check, lint, unit and integration tests, then the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh

ensure_pnpm
ensure_chromium
install_dependencies

echo "== type check"
pnpm typecheck
echo "== lint"
pnpm lint
echo "== build"
pnpm build
echo "== unit and integration tests"
pnpm test:unit
echo "== browser tests"
pnpm test:e2e
