// The `test` key below is vitest's: since vitest 4 it types vite's config only when referenced.
/// <reference types="vitest/config" />
import { paraglideVitePlugin } from "@inlang/paraglide-js"
import { sveltekit } from "@sveltejs/kit/vite"
import { defineConfig } from "vite"

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: "./project.inlang",
      outdir: "./src/lib/paraglide",
      // Japanese first; the language switch sets the cookie.
      strategy: ["cookie", "baseLocale"],
      cookieName: "sukoyaka_locale"
    }),
    sveltekit()
  ],
  // Internal packages run from TypeScript source: bundle them into the server build.
  ssr: { noExternal: [/^@sukoyaka\//] },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false
  }
})
