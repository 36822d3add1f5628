#!/usr/bin/env bash
# Installs the dependencies, builds the designer and starts ScimFlow on its embedded SQLite store.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh

ensure_pnpm
install_dependencies
pnpm --filter @scimflow/web build >/dev/null
exec pnpm --silent serve "$@"
