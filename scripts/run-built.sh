#!/usr/bin/env bash
# `pnpm start`, `pnpm sukoyaka`, `pnpm dashboard`: builds the packages (turbo; a cache hit when
# nothing changed since the last build, so a pulled or edited tree never runs stale JavaScript),
# then runs the compiled command in place of this script, so Ctrl-C and SIGTERM reach it.
# Usage: run-built.sh <package>[,<package>…] <script.js> [arguments…]
set -euo pipefail
IFS=, read -r -a packages <<< "$1"
script=$2
shift 2

filters=()
for package in "${packages[@]}"; do filters+=("--filter=$package"); done
# The build's own report would mix with the command's output: shown only when the build fails.
if ! report=$(TURBO_TELEMETRY_DISABLED=1 turbo run build "${filters[@]}" --output-logs=errors-only 2>&1); then
  printf '%s\n' "$report" >&2
  exit 1
fi
exec node "$script" "$@"
