#!/usr/bin/env node
// Runs the TypeScript sources through tsx in this process (one Node start, and Ink keeps the
// terminal to itself). tsx reads the app's tsconfig whatever the working directory, for its JSX.
import { fileURLToPath } from "node:url"
import { register } from "tsx/esm/api"

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) })
await import("../src/main.tsx")
