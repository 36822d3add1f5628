#!/usr/bin/env bash
# Installs the dependencies, builds the designer and starts ScimFlow on its embedded SQLite store.
# With --demo, it starts the demo instead: ScimFlow beside the local GitHub and Google test servers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh

ensure_pnpm
install_dependencies
build_designer
if [[ "${1:-}" == "--demo" ]]; then
  shift
  exec node packages/cli/bin/scimflow.mjs demo "$@"
fi
exec pnpm --silent serve "$@"
