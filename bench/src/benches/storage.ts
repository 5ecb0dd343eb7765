/**
 * Review updates with their audit entry, one writer: Reviews.update (read, version check, UPDATE …
 * RETURNING, audit INSERT, in a transaction; effect/sql with Schema encoding) against a raw driver
 * loop (better-sqlite3 / pg) issuing the same statements with the same parameters in the same
 * transaction shape. N plans in the database; SQLite with the app's pragmas (WAL, synchronous=FULL).
 */
import { Review, type ReviewContent } from "@sukoyaka/core"
import { databaseLayer, RepositoriesLive, Reviews, type ReviewKey } from "@sukoyaka/storage"
import Sqlite from "better-sqlite3"
import { Effect, Layer, ManagedRuntime } from "effect"
import pg from "pg"
import { log, quick, type Row, writeResult } from "../lib/common.ts"
import { bulkLoad, type Dialect, freshBenchDatabase, pgReachable } from "../lib/database.ts"
import { generate, LAST_YEAR, planIdOf } from "../lib/scale.ts"

const seconds = quick ? 0.5 : 4
const rounds = 2
const planCounts = quick ? [1, 10] : [1, 10, 100]
const actor = { id: null, label: "bench" }

const contentOf = (review: Review, i: number): ReviewContent => ({
  actions: review.actions,
  resultText: review.resultText,
  plannedText: review.plannedText,
  measures: review.measures,
  selfRating: review.selfRating,
  ratingReason: `${review.ratingReason} (${i})`,
  next: review.next
})

/** The statements Reviews.update issues, as text for a raw driver (`?` for SQLite, `$n` for pg). */
const statements = (dialect: Dialect) => {
  const p = (n: number) => (dialect === "pg" ? `$${n}` : "?")
  const fields = [
    "actions",
    "result_text",
    "planned_text",
    "measures",
    "self_rating",
    "rating_reason",
    "next",
    "planned_actions",
    "status",
    "status_comment",
    "approved_version",
    "version",
    "updated_at",
    "updated_by"
  ]
  return {
    select: `SELECT * FROM reviews WHERE plan_id = ${p(1)} AND initiative_no = ${p(2)} AND fiscal_year = ${p(3)}`,
    update: `UPDATE reviews SET ${fields.map((field, i) => `${field} = ${p(i + 1)}`).join(", ")} WHERE plan_id = ${p(15)} AND initiative_no = ${p(16)} AND fiscal_year = ${p(17)} AND version = ${p(18)} RETURNING version`,
    audit: `INSERT INTO audit_log (at, actor_id, actor_label, plan_id, entity, entity_key, action, before, after) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(p).join(", ")})`
  }
}

type RawRow = Record<string, unknown> & { version: number; rating_reason: string }

const updateParams = (row: RawRow, i: number, key: ReviewKey) => [
  row.actions,
  row.result_text,
  row.planned_text,
  row.measures,
  row.self_rating,
  `${String(row.rating_reason).replace(/ \(\d+\)$/, "")} (${i})`,
  row.next,
  row.planned_actions,
  row.status,
  row.status_comment,
  row.approved_version,
  Number(row.version) + 1,
  new Date().toISOString(),
  null,
  key.planId,
  key.initiativeNo,
  key.fiscalYear,
  row.version
]
/**
 * What Reviews.update audits, built by hand: the review's snapshot (its fields in the schema's
 * order, from their snake_case columns, the measures and next year's plan parsed from their JSON
 * text) before and after the change. The app's audit entry holds these two texts, so the raw loop
 * serializes and writes the same bytes (its row and params array were ≈ 4 % smaller and shaped
 * otherwise).
 */
const snapshotColumns = Object.keys(Review.fields).map(
  (field) => [field, field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] as const
)
const jsonColumns = new Set(["measures", "next"])
const snapshotOfRow = (row: RawRow): Record<string, unknown> => {
  const snapshot: Record<string, unknown> = {}
  for (const [field, column] of snapshotColumns)
    snapshot[field] = jsonColumns.has(column) ? JSON.parse(row[column] as string) : row[column]
  return snapshot
}
const auditParams = (before: RawRow, params: ReturnType<typeof updateParams>, key: ReviewKey) => {
  const snapshot = snapshotOfRow(before)
  const after = { ...snapshot, ratingReason: params[5], version: params[11] }
  return [
    new Date().toISOString(),
    null,
    "bench",
    key.planId,
    "review",
    `${key.planId}/${key.initiativeNo}/${key.fiscalYear}`,
    "update",
    JSON.stringify(snapshot),
    JSON.stringify(after)
  ]
}

const timed = async (loop: (until: number) => Promise<number>): Promise<number> => {
  const started = performance.now()
  const count = await loop(started + seconds * 1000)
  return count / ((performance.now() - started) / 1000)
}

const rows: Array<Row> = []
const dialects: Array<Dialect> = ["sqlite"]
if (await pgReachable()) dialects.push("pg")

for (const dialect of dialects) {
  for (const plans of planCounts) {
    const database = await freshBenchDatabase(dialect)
    const runtime = ManagedRuntime.make(RepositoriesLive.pipe(Layer.provideMerge(databaseLayer(database.config))))
    const sqlText = statements(dialect)
    try {
      const datasets = generate(plans)
      await runtime.runPromise(bulkLoad(datasets))
      const planId = planIdOf(0)
      const current = datasets[0]!.reviews.filter((review) => review.fiscalYear === LAST_YEAR)
      const versions = new Map(current.map((review) => [review.initiativeNo as number, review.version]))
      // The app's loop updates the odd-numbered positions, the raw loop the even: alike in size (the
      // seed's first 30 reviews are ≈ 20 % larger than its last 30, so a first/last split made the
      // app's commits write more than the raw loop's).
      const appReviews = current.filter((_, index) => index % 2 === 1)
      const rawReviews = current.filter((_, index) => index % 2 === 0)
      let i = 0
      const appLoop = (until: number) =>
        runtime.runPromise(
          Effect.gen(function* () {
            const reviews = yield* Reviews
            let count = 0
            while (performance.now() < until) {
              const review = appReviews[i++ % appReviews.length]!
              const key = { planId, initiativeNo: review.initiativeNo, fiscalYear: review.fiscalYear }
              const next = yield* reviews.update(actor, key, versions.get(review.initiativeNo)!, contentOf(review, i))
              versions.set(review.initiativeNo, next.version)
              count += 1
            }
            return count
          })
        )
      let rawLoop: (until: number) => Promise<number>
      let closeRaw: () => Promise<void>
      if (dialect === "sqlite") {
        const db = new Sqlite(database.location)
        db.pragma("journal_mode = WAL")
        db.pragma("foreign_keys = ON")
        db.pragma("synchronous = FULL")
        db.pragma("busy_timeout = 5000")
        const select = db.prepare(sqlText.select)
        const update = db.prepare(sqlText.update)
        const audit = db.prepare(sqlText.audit)
        const begin = db.prepare("BEGIN")
        const commit = db.prepare("COMMIT")
        rawLoop = async (until) => {
          let count = 0
          while (performance.now() < until) {
            const review = rawReviews[i++ % rawReviews.length]!
            const key = { planId, initiativeNo: review.initiativeNo, fiscalYear: review.fiscalYear }
            begin.run()
            const before = select.get(key.planId, key.initiativeNo, key.fiscalYear) as RawRow
            const params = updateParams(before, i, key)
            update.all(...params)
            audit.run(...auditParams(before, params, key))
            commit.run()
            count += 1
          }
          return count
        }
        closeRaw = async () => {
          db.close()
        }
      } else {
        const client = new pg.Client({ connectionString: database.location })
        await client.connect()
        rawLoop = async (until) => {
          let count = 0
          while (performance.now() < until) {
            const review = rawReviews[i++ % rawReviews.length]!
            const key = { planId, initiativeNo: review.initiativeNo, fiscalYear: review.fiscalYear }
            await client.query("BEGIN")
            const before = (await client.query(sqlText.select, [key.planId, key.initiativeNo, key.fiscalYear]))
              .rows[0] as RawRow
            const params = updateParams(before, i, key)
            await client.query(sqlText.update, params)
            await client.query(sqlText.audit, auditParams(before, params, key))
            await client.query("COMMIT")
            count += 1
          }
          return count
        }
        closeRaw = () => client.end()
      }
      try {
        await appLoop(performance.now() + 200)
        await rawLoop(performance.now() + 200)
        let app = 0
        let raw = 0
        for (let round = 0; round < rounds; round++) {
          app = Math.max(app, await timed(appLoop))
          raw = Math.max(raw, await timed(rawLoop))
        }
        const label = dialect === "sqlite" ? "SQLite" : "PostgreSQL"
        rows.push({
          case: `review update + audit (${label})`,
          n: plans,
          metric: "updates/s",
          unit: "updates/s",
          value: app,
          baseline: raw,
          baselineLabel: dialect === "sqlite" ? "raw better-sqlite3, same statements" : "raw pg, same statements",
          higherIsBetter: true,
          goal: "within 1.5× the raw driver's time",
          met: app * 1.5 >= raw
        })
        log(`storage ${label} N=${plans}: ${app.toFixed(0)} updates/s (raw ${raw.toFixed(0)}/s)`)
      } finally {
        await closeRaw()
      }
    } finally {
      await runtime.dispose()
      await database.drop()
    }
  }
}

writeResult({ name: "storage", title: "Storage (one writer)", rows })
