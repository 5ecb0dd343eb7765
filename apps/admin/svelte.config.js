import adapter from "@sveltejs/adapter-node"
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte"

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: "build", envPrefix: "" }),
    // SvelteKit refuses cross-site form posts (Origin check): the form actions' CSRF protection.
    csrf: { trustedOrigins: [] }
  }
}
