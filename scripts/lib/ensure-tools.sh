# Sourced by the start and test scripts: installs what a fresh machine lacks.

# pnpm 11 and later crash on Node.js 20, and corepack cannot fetch pnpm here, so npm installs it.
ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [[ "$(pnpm --version)" == 10.* ]]; then
    return
  fi
  echo "Installing pnpm 10 with npm..."
  npm install --global pnpm@10 >/dev/null
}

# Playwright cannot download its own browsers here, so the tests drive Debian's chromium.
ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then
    return
  fi
  if [[ "$(id -u)" != "0" ]]; then
    echo "Chromium is missing: run 'sudo apt-get install -y chromium' and try again." >&2
    exit 1
  fi
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

install_dependencies() {
  pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -v "better-sqlite3 install:" || true
  test -d node_modules/.pnpm || { echo "pnpm install failed" >&2; exit 1; }
}

# Builds the designer unless its build is newer than every file it is built from, which saves
# about 10 s on each start after the first.
build_designer() {
  local built=apps/web/dist/index.html
  if [[ -f "$built" ]] && [[ -z "$(find apps/web packages/scim packages/flow packages/nodes \
    pnpm-lock.yaml -type f -newer "$built" -not -path '*/node_modules/*' -not -path '*/dist/*' \
    -print -quit)" ]]; then
    return
  fi
  echo "Building the designer..."
  pnpm --filter @scimflow/web build >/dev/null
}
