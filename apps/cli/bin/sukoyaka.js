#!/usr/bin/env node
import * as nodeModule from "node:module"

// Sukoyaka runs on Node.js 24 (better-sqlite3 13 cannot even load on 20): say so, not crash.
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(
    `sukoyaka: Node.js 24 が必要です (this is Node.js ${process.version}; Sukoyaka needs 24). Run ./scripts/setup.sh, then pnpm sukoyaka.`
  )
  process.exit(1)
}
// V8 keeps the modules' compiled code between runs (in the temp folder): a faster start.
nodeModule.enableCompileCache()
// The compiled CLI (pnpm build; `pnpm sukoyaka` builds it first), in this same process, so that
// signals (Ctrl-C, SIGTERM) reach the command itself.
await import("../dist/bundle/main.js")
