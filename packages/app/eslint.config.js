import base, { environmentOnlyIn } from "@sukoyaka/eslint-config/base"

// Configuration.ts is the one reader of the environment for the processes that serve.
export default [...base, ...environmentOnlyIn(["src/Configuration.ts"])]
