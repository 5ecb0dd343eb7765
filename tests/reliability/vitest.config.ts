import { defineConfig } from "vitest/config"

/**
 * The fast part (in `pnpm test`). Most of the work happens in the API processes each file spawns,
 * so the test workers mostly wait: three files at a time on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 3,
    testTimeout: 240_000,
    hookTimeout: 180_000
  }
})
