import base, { environmentOnlyIn } from "@sukoyaka/eslint-config/base"

export default [...base, ...environmentOnlyIn([])]
