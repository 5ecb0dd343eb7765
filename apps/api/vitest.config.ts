import config from "@sukoyaka/vitest-config"
import { mergeConfig } from "vitest/config"

// Two workers even on two cores (vitest would use one): the integration files wait on PostgreSQL
// and on their own HTTP round trips as much as they compute, and the fuzz file alone is half the work.
export default mergeConfig(config, { test: { maxWorkers: 2, minWorkers: 1 } })
