#!/usr/bin/env bash
# One-time setup on a machine with Node.js 20.19+ and npm: the pinned pnpm, then the dependencies
# from the lockfile. better-sqlite3 compiles from source against this Node's own headers.
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "Installing pnpm $pnpm_version with npm"
  if ! npm install --global "pnpm@$pnpm_version"; then
    # Without write access to npm's global folder (not root): install into ~/.local instead.
    npm install --global --prefix "$HOME/.local" "pnpm@$pnpm_version"
    export PATH="$HOME/.local/bin:$PATH"
    echo "pnpm is in ~/.local/bin: add it to your PATH (export PATH=\"\$HOME/.local/bin:\$PATH\")"
  fi
fi

# node-gyp finds the headers of the running Node only through this variable (.npmrc does not do it).
export npm_config_nodedir="${npm_config_nodedir:-$(dirname "$(dirname "$(command -v node)")")}"
export TURBO_TELEMETRY_DISABLED=1
pnpm install --frozen-lockfile
