#!/usr/bin/env node
// The API on its own, as `sukoyaka serve` starts it (a child with an IPC channel) or an operator
// does: the compiled API (pnpm build), like the CLI.
import * as nodeModule from "node:module"

// Sukoyaka runs on Node.js 24 (better-sqlite3 13 cannot even load on 20): say so, not crash.
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(
    `sukoyaka-api: Node.js 24 が必要です (this is Node.js ${process.version}; Sukoyaka needs 24). Run ./scripts/setup.sh first.`
  )
  process.exit(1)
}
// V8 keeps the modules' compiled code between runs (in the temp folder): a faster start.
nodeModule.enableCompileCache()
await import("../dist/bundle/main.js")
