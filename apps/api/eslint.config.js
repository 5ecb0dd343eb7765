import base, { environmentOnlyIn } from "@sukoyaka/eslint-config/base"

// The API reads its configuration through @sukoyaka/app (apiConfig), in main.ts: no module here reads the environment.
export default [...base, ...environmentOnlyIn([])]
