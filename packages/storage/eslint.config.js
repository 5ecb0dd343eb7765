import base, { environmentOnlyIn } from "@sukoyaka/eslint-config/base"

// The database variables are read by DatabaseConfig.ts; testing.ts is test support (TEST_PG_ADMIN_URL).
export default [...base, ...environmentOnlyIn(["src/DatabaseConfig.ts", "src/testing.ts"])]
