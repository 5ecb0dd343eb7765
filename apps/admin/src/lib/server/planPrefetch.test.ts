import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { readsPlans } from "./planPrefetch.ts"

const routes = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "routes")

/** Each route's server files (+page.server.ts, +server.ts) and the modules beside them they import. */
const serverRoutes = (dir: string): Array<{ id: string; source: string }> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return serverRoutes(join(dir, entry.name))
    if (entry.name !== "+page.server.ts" && entry.name !== "+server.ts") return []
    const own = readFileSync(join(dir, entry.name), "utf8")
    const beside = [...own.matchAll(/from "(\.{1,2}\/[\w/.-]+?)(?:\.ts)?"/g)]
      .map((match) => join(dir, `${match[1]}.ts`))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, "utf8"))
    const id = `/${relative(routes, dir).split("\\").join("/")}`.replace(/\/$/, "") || "/"
    return [{ id, source: [own, ...beside].join("\n") }]
  })

describe("the plans list asked beside the session", () => {
  it("is asked for exactly the routes whose server code reads it", () => {
    const found = serverRoutes(routes)
    expect(found.length).toBeGreaterThan(30)
    for (const { id, source } of found) expect(readsPlans(id), id).toBe(/\b(?:currentPlan|planAndYear)\(/.test(source))
  })

  it("is not asked for an unknown route", () => {
    expect(readsPlans(null)).toBe(false)
  })
})
