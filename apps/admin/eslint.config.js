import base, { environmentOnlyIn } from "@sukoyaka/eslint-config/base"

// TypeScript beside the pages and the tests; the .svelte files are checked by svelte-check.
// The admin UI's server reads its variables in lib/server/config.ts only.
export default [
  ...base,
  { ignores: ["src/lib/paraglide/**", "**/*.svelte"] },
  ...environmentOnlyIn(["src/lib/server/config.ts"])
]
