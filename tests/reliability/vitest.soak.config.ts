import { defineConfig } from "vitest/config"

/** The long runs (`pnpm test:soak`): one file at a time, so that each has the machine to itself. */
export default defineConfig({
  test: {
    include: ["soak/**/*.test.ts", "test/crash.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 120_000
  }
})
