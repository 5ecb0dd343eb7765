import { defaultClientConditions, defaultServerConditions } from "vite"
import { defineConfig } from "vitest/config"

// Tests run the workspace packages' TypeScript source, not their compiled dist/ (Node's default).
const sourceFirst = (conditions) => ["@sukoyaka/source", ...conditions]

/** The shared vitest config: node environment, tests beside the code or under `test/`. */
export default defineConfig({
  resolve: { conditions: sourceFirst(defaultClientConditions) },
  ssr: { resolve: { conditions: sourceFirst(defaultServerConditions) } },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
