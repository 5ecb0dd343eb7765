/**
 * Webhooks as use-cases (#22), on both databases: events are queued from the audit log once each and
 * delivered once each even by two runtimes at the same time (as two API processes would), signed
 * with the secret that was shown once; on PostgreSQL an id that may still commit holds the events
 * after it back (the change feed's rule). The secret is stored encrypted, with a key file on SQLite.
 */
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Audit, SecretariatNotes, systemActor } from "@sukoyaka/storage"
import { type Dialect, dialects, freshDatabase, PLAN, SEED_YEAR } from "@sukoyaka/storage/testing"
import { PlanId } from "@sukoyaka/core"
import { Effect, Exit, Schema, Scope } from "effect"
import { SqlClient } from "effect/sql"
import { createHmac } from "node:crypto"
import { statSync } from "node:fs"
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type AppRuntime,
  appRuntime,
  createWebhook,
  deliverWebhooks,
  keyFileOf,
  pruneWebhookLog,
  queueWebhookEvents,
  seedPlan,
  webhookDefaults
} from "../src/index.ts"

const planId = Schema.decodeSync(PlanId)(PLAN)
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = []
const receiver = createServer((request, response) => {
  const chunks: Array<Buffer> = []
  request.on("data", (chunk: Buffer) => chunks.push(chunk))
  request.on("end", () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") })
    response.end("ok")
  })
})
let receiverUrl = ""
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`
})
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())))

const note = (no: number, text: string) =>
  SecretariatNotes.use((notes) =>
    Effect.gen(function* () {
      const key = { planId: PLAN, initiativeNo: no, fiscalYear: SEED_YEAR }
      const current = yield* notes.get(key)
      return yield* notes.put(systemActor, key, text, current.version)
    })
  )

/** Two runtimes on one fresh database of `dialect` (two API processes, as far as the database knows). */
const runtimes = (dialect: Dialect) => {
  const scope = Effect.runSync(Scope.make())
  const state = { first: undefined as unknown as AppRuntime, second: undefined as unknown as AppRuntime, filename: "" }
  beforeAll(async () => {
    const config = await Effect.runPromise(Scope.provide(scope)(freshDatabase(dialect)))
    state.filename = config._tag === "Sqlite" ? config.filename : ""
    const secretKey = dialect === "pg" ? "the app tests' key: thirty-two characters or more" : undefined
    state.first = appRuntime(config, { secretKey })
    state.second = appRuntime(config, { secretKey })
    await state.first.runPromise(seedPlan(loadDataset()))
  })
  afterAll(async () => {
    await Promise.all([state.first.dispose(), state.second.dispose()])
    await Effect.runPromise(Scope.close(scope, Exit.void))
  })
  return state
}

const round = (runtime: AppRuntime, holder: string) =>
  runtime.runPromise(Effect.andThen(queueWebhookEvents, deliverWebhooks(webhookDefaults, holder)))

describe.each(dialects)("webhooks on %s", (dialect: Dialect) => {
  const db = runtimes(dialect)

  it("two runtimes queue and deliver side by side: each event once, signed with the secret shown once", async () => {
    received.length = 0
    const webhook = await db.first.runPromise(createWebhook(systemActor, { url: receiverUrl, planId: planId }))
    const stored = await db.first.runPromise(SqlClient.SqlClient.use((sql) => sql`SELECT * FROM webhooks`))
    expect(JSON.stringify(stored)).not.toContain(webhook.secret.slice(6))

    for (const [i, no] of [58, 85, 86].entries()) await db.first.runPromise(note(no, `所見 ${i}`))
    await Promise.all([
      round(db.first, "one"),
      round(db.second, "two"),
      round(db.first, "one"),
      round(db.second, "two")
    ])

    const ids = received.map((r) => r.headers["webhook-id"])
    expect(new Set(ids).size).toBe(3)
    expect(ids).toHaveLength(3)
    for (const { headers, body } of received) {
      const signed = `${String(headers["webhook-id"])}.${String(headers["webhook-timestamp"])}.${body}`
      const expected = createHmac("sha256", Buffer.from(webhook.secret.slice("whsec_".length), "base64"))
        .update(signed)
        .digest("base64")
      expect(headers["webhook-signature"]).toBe(`v1,${expected}`)
      expect(JSON.parse(body)).toMatchObject({
        type: "secretariatNote.created",
        data: { planId: PLAN, entity: "secretariatNote" }
      })
    }
  })
})

describe.each(dialects)("the delivery log on %s", (dialect: Dialect) => {
  const db = runtimes(dialect)
  const states = () =>
    db.first.runPromise(
      SqlClient.SqlClient.use(
        (sql) => sql<{ state: string }>`SELECT state FROM webhook_deliveries ORDER BY state`
      ).pipe(Effect.orDie)
    )

  it("loses settled deliveries past the retention, never a pending one", async () => {
    await db.first.runPromise(createWebhook(systemActor, { url: receiverUrl }))
    // Nothing listens on the discard port: its delivery stays pending, to be tried again.
    await db.first.runPromise(createWebhook(systemActor, { url: "http://127.0.0.1:9/hooks" }))
    await db.first.runPromise(note(58, "記録の保持"))
    await round(db.first, "one")
    expect((await states()).map((row) => row.state)).toEqual(["pending", "succeeded"])

    expect(await db.first.runPromise(pruneWebhookLog({ logRetentionMs: 24 * 60 * 60 * 1000 }))).toBe(0)
    expect(await states()).toHaveLength(2)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await db.first.runPromise(pruneWebhookLog({ logRetentionMs: 0 }))).toBe(1)
    expect((await states()).map((row) => row.state)).toEqual(["pending"])
  })
})

describe("webhooks on SQLite without SUKOYAKA_SECRET_KEY", () => {
  const db = runtimes("sqlite")

  it("keep their key in a file beside the database, readable by its owner only", async () => {
    await db.first.runPromise(createWebhook(systemActor, { url: receiverUrl }))
    expect(statSync(keyFileOf(db.filename)).mode & 0o777).toBe(0o600)
  })
})

describe("webhooks on PostgreSQL", () => {
  const db = runtimes("pg")

  it("hold back the events after an id that may still commit (the change feed's rule)", async () => {
    received.length = 0
    await db.first.runPromise(createWebhook(systemActor, { url: receiverUrl, planId: planId }))
    const last = await db.first.runPromise(Audit.use((audit) => audit.list({ limit: 1 })))
    const gap = last[0]!.id + 2
    // Written with the id after next, as a transaction that commits before an earlier one would.
    await db.first.runPromise(
      SqlClient.SqlClient.use(
        (
          sql
        ) => sql`INSERT INTO audit_log (id, at, actor_id, actor_label, plan_id, entity, entity_key, action, before, after)
          OVERRIDING SYSTEM VALUE VALUES (${gap}, ${new Date().toISOString()}, NULL, 'system', ${PLAN}, 'review', 'x', 'update', NULL, NULL)`
      )
    )
    await round(db.first, "one")
    expect(received).toHaveLength(0)
    // The earlier id commits: both go out, in order.
    await db.first.runPromise(note(88, "遅れて確定した所見"))
    await round(db.first, "one")
    expect(received.map((r) => JSON.parse(r.body).type)).toEqual(["secretariatNote.created", "review.updated"])
  })
})
