#!/usr/bin/env bash
# One-time setup on a machine with Node.js and npm: Node.js 24 when this machine's Node is not 24
# (into .node/, from the npm registry; the system's Node is left alone), the pinned pnpm, then the
# dependencies from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

# True when this machine's node satisfies package.json's engines ("^24.11.0").
system_node_fits() {
  command -v node >/dev/null 2>&1 && node -e '
    const parse = (v) => v.match(/\d+\.\d+\.\d+/)[0].split(".").map(Number)
    const [major, minor, patch] = parse(process.versions.node)
    const [wantMajor, wantMinor, wantPatch] = parse(require("./package.json").engines.node)
    process.exit(major === wantMajor && (minor > wantMinor || (minor === wantMinor && patch >= wantPatch)) ? 0 : 1)'
}

# pnpm puts node_modules/.bin first on PATH for every script, and links tooling/node/bin/node there
# (the root depends on @sukoyaka/node): so `pnpm start`, `pnpm test` … in any shell run the Node that
# link points at. Without the link (a fitting Node on PATH), scripts run that Node.
runtime_link=tooling/node/bin/node
# pnpm goes into the global folder of the npm the user already has, whose bin is on the user's PATH:
# the npm of Node 24 below would put it into .node/, which the shell that runs `pnpm start` next
# never sees. (pnpm 12 is a native executable: it needs no particular Node.)
global_prefix=$(npm prefix --global)
if system_node_fits && [[ "$(command -v node)" != "$PWD/.node/"* ]]; then
  rm -f "$runtime_link"
else
  node_version=$(cat .node-version)
  platform=$(node -p 'process.platform + "-" + process.arch')
  node_home=".node/node-v$node_version-$platform"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "Node.js $(node --version) is not 24: installing Node.js $node_version into .node/ from the npm registry"
    mkdir -p .node
    download=$(mktemp -d .node/download.XXXXXX)
    # The registry's `node` package installs this same platform package (bin/node, include/node)
    # from a preinstall script; npm pack fetches it directly, checked against the registry's
    # integrity hash, and runs nothing.
    (cd "$download" && npm pack --silent "node-$platform@$node_version" >/dev/null)
    mkdir "$download/unpacked"
    tar -xzf "$download"/node-*.tgz -C "$download/unpacked" --strip-components=1
    rm -rf "$node_home"
    mv "$download/unpacked" "$node_home"
    rm -rf "$download"
  fi
  mkdir -p "$(dirname "$runtime_link")"
  ln -sfn "../../../$node_home/bin/node" "$runtime_link"
  export PATH="$PWD/$node_home/bin:$PATH"
fi
echo "Sukoyaka runs on Node.js $(node --version)"

pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "Installing pnpm $pnpm_version with npm"
  if ! npm install --global --prefix "$global_prefix" "pnpm@$pnpm_version"; then
    # Without write access to npm's global folder (not root): install into ~/.local instead.
    npm install --global --prefix "$HOME/.local" "pnpm@$pnpm_version"
    export PATH="$HOME/.local/bin:$PATH"
    echo "pnpm is in ~/.local/bin: add it to your PATH (export PATH=\"\$HOME/.local/bin:\$PATH\")"
  fi
fi

export TURBO_TELEMETRY_DISABLED=1
pnpm install --frozen-lockfile
