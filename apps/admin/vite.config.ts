// The `test` key below is vitest's: since vitest 4 it types vite's config only when referenced.
/// <reference types="vitest/config" />
import { paraglideVitePlugin } from "@inlang/paraglide-js"
import adapter from "@sveltejs/adapter-node"
import { sveltekit } from "@sveltejs/kit/vite"
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte"
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
    sveltekit({
      preprocess: vitePreprocess(),
      adapter: adapter({ out: "build", envPrefix: "" }),
      // SvelteKit refuses cross-site form posts (Origin check): the form actions' CSRF protection.
      // The origin is the adapter's ORIGIN variable, set at start (it differs per deployment).
      csrf: { trustedOrigins: [] },
      // The Content-Security-Policy header of every page. SvelteKit puts a fresh nonce on its own
      // inline start-up script (mode "auto": nonces for rendered pages), so no other script runs.
      // Styles keep 'unsafe-inline': Svelte and the server-rendered LayerChart charts write style
      // attributes, which a nonce cannot cover (SvelteKit then adds no nonce to style-src, which
      // would cancel 'unsafe-inline'). Everything is served from this origin (fonts included);
      // nothing may frame the pages; forms post only here.
      csp: {
        mode: "auto",
        directives: {
          "default-src": ["self"],
          "script-src": ["self"],
          "style-src": ["self", "unsafe-inline"],
          "img-src": ["self", "data:"],
          "font-src": ["self"],
          "connect-src": ["self"],
          "object-src": ["none"],
          "base-uri": ["self"],
          "form-action": ["self"],
          "frame-ancestors": ["none"]
        }
      }
    })
  ],
  // Internal packages run from TypeScript source: bundle them into the server build.
  ssr: { noExternal: [/^@sukoyaka\//] },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A page under test answers after the server has hashed a password or read a workbook: on a
    // loaded 2-core CI machine that can take seconds, and vitest's 1 s default made them flaky.
    // A wait, not a speed assertion (speed is measured in bench/).
    expect: { poll: { timeout: 20_000 } }
  }
})
