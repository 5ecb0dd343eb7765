import { defineConfig } from "vitest/config"

/** The shared vitest config: node environment, tests beside the code or under `test/`. */
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
