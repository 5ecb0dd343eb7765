#!/usr/bin/env node
import * as nodeModule from "node:module"

// Sukoyaka runs on Node.js 24 (better-sqlite3 13 cannot even load on 20): say so, not crash.
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(
    `sukoyaka-dashboard: Node.js 24 が必要です (this is Node.js ${process.version}; Sukoyaka needs 24). Run ./scripts/setup.sh, then pnpm dashboard.`
  )
  process.exit(1)
}
// V8 keeps the modules' compiled code between runs (in the temp folder): a faster start.
nodeModule.enableCompileCache()
// The compiled dashboard (pnpm build; `pnpm dashboard` builds it first), in this process: one
// Node start, and Ink keeps the terminal to itself.
await import("../dist/bundle/main.js")
