import { Database } from "@sukoyaka/storage"
import { Hono } from "hono"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { Effect, Schema } from "effect"
import { SqlClient } from "effect/sql"

const Health = Schema.Struct({
  status: Schema.Literal("ok"),
  database: Schema.Literals(["sqlite", "postgresql"])
}).annotate({ identifier: "Health" })

/** Liveness and readiness in one: answers 200 only when the database answers. */
export default new Hono<AppEnv>().get(
  "/health",
  doc({
    tag: "health",
    summary: "Liveness and readiness (no auth)",
    ok: { schema: Health, description: "Up" },
    isPublic: true
  }),
  async (c) => {
    const database = await c.var.run(
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        yield* sql`SELECT 1`
        return (yield* Database).config._tag === "Sqlite" ? "sqlite" : "postgresql"
      }).pipe(Effect.orDie)
    )
    return c.json({ status: "ok", database })
  }
)
