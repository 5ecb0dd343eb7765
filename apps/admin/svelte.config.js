import adapter from "@sveltejs/adapter-node"
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte"

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: "build", envPrefix: "" }),
    // SvelteKit refuses cross-site form posts (Origin check): the form actions' CSRF protection.
    csrf: { trustedOrigins: [] },
    // The Content-Security-Policy header of every page. SvelteKit puts a fresh nonce on its own
    // inline start-up script (mode "auto": nonces for rendered pages), so no other script runs.
    // Styles keep 'unsafe-inline': Svelte and the server-rendered LayerChart charts write style
    // attributes, which a nonce cannot cover (SvelteKit then adds no nonce to style-src, which would
    // cancel 'unsafe-inline'). Everything is served from this origin (fonts included); nothing may
    // frame the pages; forms post only here.
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
  }
}
