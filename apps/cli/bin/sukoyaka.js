#!/usr/bin/env node
// Runs the TypeScript sources in this same process through tsx's loader, so the CLI needs no build
// step and signals (Ctrl-C, SIGTERM) reach the command itself.
import { register } from "tsx/esm/api"

register()
await import("../src/main.ts")
