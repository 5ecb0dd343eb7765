#!/usr/bin/env node
// The API on its own, as `sukoyaka serve` starts it (a child with an IPC channel) or an operator
// does. Runs the TypeScript sources in this same process through tsx's loader, like the CLI.
import { register } from "tsx/esm/api"

register()
await import("../src/main.ts")
