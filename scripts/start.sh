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
# npm runs this script under `sh -c`. With `exec` at each step (package.json, here) the server
# becomes npm's own child, so the SIGTERM or SIGINT that npm forwards reaches it.
exec node --conditions=@scimflow/source --import tsx apps/server/src/main.ts "$@"
