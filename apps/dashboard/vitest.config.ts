import config from "@sukoyaka/vitest-config"
import { defineConfig, mergeConfig } from "vitest/config"

export default mergeConfig(
  config,
  defineConfig({
    test: {
      globalSetup: ["test/globalSetup.ts"],
      // Ink colours only where chalk believes in colour; the tests that compare colour with
      // NO_COLOR need it on although the worker's stdout is not a terminal.
      env: { FORCE_COLOR: "1", SUKOYAKA_LOG: "silent" }
    }
  })
)
