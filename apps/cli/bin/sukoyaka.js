#!/usr/bin/env node
// Sukoyaka runs on Node.js 24 (better-sqlite3 13 cannot even load on 20): say so, not crash.
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(`sukoyaka: Node.js 24 が必要です (this is Node.js ${process.version}; Sukoyaka needs 24). Run ./scripts/setup.sh, then pnpm sukoyaka.`)
  process.exit(1)
}
// Runs the TypeScript sources in this same process through tsx's loader, so the CLI needs no build
// step and signals (Ctrl-C, SIGTERM) reach the command itself.
import { register } from "tsx/esm/api"

register()
await import("../src/main.ts")
