import config from "@sukoyaka/vitest-config"

export default config
