import base from "@sukoyaka/eslint-config/base"

// TypeScript beside the pages and the tests; the .svelte files are checked by svelte-check.
export default [...base, { ignores: ["src/lib/paraglide/**", "**/*.svelte"] }]
