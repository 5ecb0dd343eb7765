import { readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import type { Context } from "hono"
import { HttpProblem } from "./problem.ts"

// Swagger UI is served from the npm package: no CDN, so the docs work on a closed network too.
const swaggerDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"))
const assets: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "docs-init.js": "text/javascript; charset=utf-8"
}

export const docsPage = (specUrl: string) => `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Sukoyaka API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger" data-spec="${specUrl}"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs-init.js"></script></body></html>`

const init = `window.ui = SwaggerUIBundle({ url: document.getElementById("swagger").dataset.spec, dom_id: "#swagger" })`

export const swaggerAsset = async (c: Context) => {
  const file = c.req.param("file") ?? ""
  const type = assets[file]
  if (!type) throw new HttpProblem("notFound", "no such asset")
  const body = file === "docs-init.js" ? init : await readFile(join(swaggerDir, file))
  return c.body(body, 200, { "Content-Type": type, "Cache-Control": "public, max-age=86400" })
}
