import config from "@sukoyaka/vitest-config"
import { defineConfig, mergeConfig } from "vitest/config"

export default mergeConfig(config, defineConfig({ test: { include: ["test/**/*.test.js"] } }))
