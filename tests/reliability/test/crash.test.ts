/**
 * Crash safety, on SQLite and PostgreSQL: the API process is SIGKILLed in the middle of a burst of
 * review updates, and the CLI in the middle of `sukoyaka import --apply`. After a restart on the
 * same database every acknowledged write (200 with an ETag) is there with its content, the audit
 * log has each exactly once, and an import is all or nothing.
 */
import { afterAll, describe, expect, it } from "vitest"
import {
  dialects,
  type Dialect,
  freshDb,
  PLAN,
  runCli,
  SEED_YEAR,
  sleep,
  startApi,
  type TestDatabase,
  tokenFor
} from "../src/harness.ts"
import { call } from "../src/http.ts"
import { MODE, record } from "../src/results.ts"
import { exportXlsx, rewriteWorkbook } from "../src/workbook.ts"
import {
  emptyTally,
  lastAuditId,
  mergeTallies,
  type ReviewRef,
  verifyAgainstAcks,
  versionsOf,
  writer
} from "../src/writers.ts"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const KILLS = Number(process.env.CRASH_KILLS ?? (MODE === "soak" ? 6 : 1))
const IMPORT_KILLS = Number(process.env.CRASH_IMPORT_KILLS ?? (MODE === "soak" ? 5 : 1))
const CLIENTS = 8
const REFS: ReadonlyArray<ReviewRef> = [57, 58, 59, 60, 61, 62, 63, 65].map((no) => ({
  no,
  year: SEED_YEAR
}))

const databases: Array<TestDatabase> = []
afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()))
})

const integrity = async (db: TestDatabase) => {
  if (db.dialect !== "sqlite") return "n/a"
  const rows = await db.sql<{ integrityCheck: string }>((sql) => sql`PRAGMA integrity_check`)
  return String(Object.values(rows[0] ?? {})[0])
}

/** Counts the rows of the year whose cells carry `marker`, and the import entries since `since`. */
const importState = async (db: TestDatabase, marker: string, since: number) => {
  const rows = await db.sql<{ n: number | string }>(
    (sql) =>
      sql`SELECT COUNT(*) AS n FROM reviews WHERE plan_id = ${PLAN} AND fiscal_year = ${SEED_YEAR} AND rating_reason LIKE ${`${marker}%`}`
  )
  const audited = await db.sql<{ n: number | string }>(
    (sql) => sql`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import' AND id > ${since}`
  )
  return { changed: Number(rows[0]!.n), audited: Number(audited[0]!.n) }
}

describe("crash safety", () => {
  it.concurrent.each(dialects)(
    "SIGKILL mid-burst and mid-import on %s: every acknowledged write survives, an import is all or nothing",
    async (dialect: Dialect) => {
      const db = await freshDb(dialect)
      databases.push(db)
      let api = await startApi(db)
      const { token } = await tokenFor(db, "admin")
      const figures = {
        kills: 0,
        requests: 0,
        acknowledged: 0,
        acknowledgedChecked: 0,
        conflicts: 0,
        unanswered: 0,
        committedUnacknowledged: 0,
        problems: [] as Array<string>
      }

      // --- a burst of updates, killed -------------------------------------------------------------
      for (let kill = 0; kill < KILLS; kill++) {
        const since = await lastAuditId(db)
        const start = await versionsOf(db, PLAN, REFS)
        let stopped = false
        const tallies = Array.from({ length: CLIENTS }, emptyTally)
        const clients = tallies.map((tally, index) =>
          writer({
            id: `k${kill}c${index}`,
            servers: [api.url],
            token,
            plan: PLAN,
            pick: (n) => REFS[(index + n) % REFS.length]!,
            stop: () => stopped,
            tally
          })
        )
        // Kill once writes are being acknowledged, at a random moment within the next 400 ms.
        const deadline = Date.now() + 30_000
        while (tallies.reduce((n, t) => n + t.acks.length, 0) < 15 && Date.now() < deadline) await sleep(20)
        await sleep(Math.random() * 400)
        await api.kill("SIGKILL")
        figures.kills++
        stopped = true
        await Promise.all(clients)
        const tally = mergeTallies(tallies)
        api = await startApi(db)
        const verdict = await verifyAgainstAcks(db, PLAN, REFS, tally.acks, since, start, false)
        // Through the restarted API too: every review's ETag is its stored version.
        for (const ref of REFS) {
          const read = await call(api.url, "GET", `/api/v1/plans/${PLAN}/initiatives/${ref.no}/reviews/${ref.year}`, {
            token
          })
          const acked = tally.acks.filter((ack) => ack.no === ref.no).map((ack) => ack.version)
          if (read.status !== 200) figures.problems.push(`GET ${ref.no} after restart: ${read.status}`)
          else if (
            acked.length > 0 &&
            Number(/"v(\d+)"/.exec(read.headers.get("etag") ?? "")?.[1]) < Math.max(...acked)
          )
            figures.problems.push(`GET ${ref.no}: older than acknowledged`)
        }
        figures.requests += tally.requests
        figures.acknowledged += tally.acks.length
        figures.acknowledgedChecked += verdict.acknowledgedChecked
        figures.conflicts += tally.conflicts
        figures.unanswered += tally.unanswered
        figures.committedUnacknowledged += verdict.committedUnacknowledged
        figures.problems.push(...verdict.problems, ...tally.unexpected.map((u) => `unexpected ${u.status}: ${u.text}`))
        // At most one write per client can have been in flight at the kill.
        expect(verdict.committedUnacknowledged).toBeLessThanOrEqual(CLIENTS)
      }
      expect(await integrity(db)).toMatch(/^(ok|n\/a)$/)

      // --- an import, killed ----------------------------------------------------------------------
      const dir = mkdtempSync(join(tmpdir(), "sukoyaka-crash-import-"))
      const imports = { kills: 0, killedMidTransaction: 0, outcomes: [] as Array<string>, rows: 0 }
      const attempt = async (index: number, kill: boolean) => {
        const marker = `import-${dialect}-${index}-`
        const exported = await exportXlsx(api.url, token, SEED_YEAR)
        // Long cells make each row's write (and so the transaction) take a while.
        const { file, rows } = await rewriteWorkbook(
          exported,
          (no, column) => `${marker}${no}-${column} ${"長文".repeat(400)}`
        )
        const path = join(dir, `returned-${index}.xlsx`)
        writeFileSync(path, file)
        const since = await lastAuditId(db)
        let sawProgress = false
        const killAt = Math.random() * 0.8
        if (!kill) {
          // The uninterrupted one through the API (POST /imports), which applies it the same way.
          const form = new FormData()
          form.append("file", new Blob([new Uint8Array(file)]), "returned.xlsx")
          const applied = await call(api.url, "POST", `/api/v1/plans/${PLAN}/imports?dryRun=false`, {
            token,
            raw: form,
            timeoutMs: 120_000
          })
          const state = await importState(db, marker, since)
          imports.outcomes.push(
            `uninterrupted: ${state.changed === rows.length && state.audited === rows.length ? "all" : `${state.changed}/${rows.length}`}`
          )
          expect(applied.status, applied.text.slice(0, 500)).toBe(200)
          expect(state).toEqual({ changed: rows.length, audited: rows.length })
          return
        }
        const result = await runCli(db, ["import", path, "--apply"], (line, child) => {
          const progress = /^import: (\d+)\/(\d+)$/.exec(line.trim())
          if (!kill || !progress) return
          const [done, total] = [Number(progress[1]), Number(progress[2])]
          if (done < total && done / total >= killAt && !sawProgress) {
            sawProgress = true
            child.kill("SIGKILL")
          }
        })
        const state = await importState(db, marker, since)
        const outcome =
          state.changed === 0 && state.audited === 0
            ? "none"
            : state.changed === rows.length && state.audited === rows.length
              ? "all"
              : "PARTIAL"
        imports.outcomes.push(
          `${kill ? (result.signal === "SIGKILL" ? "killed" : "not killed (finished first)") : "uninterrupted"}: ${outcome}`
        )
        if (kill && result.signal === "SIGKILL") {
          imports.kills++
          if (outcome === "none") imports.killedMidTransaction++
        }
        imports.rows = rows.length
        expect(
          outcome,
          `import ${index} (${result.signal ?? result.code}): ${state.changed}/${rows.length} rows, ${state.audited} entries\n${result.stderr.slice(-2000)}`
        ).not.toBe("PARTIAL")
        if (!kill) {
          expect(result.code, result.stderr).toBe(0)
          expect(outcome).toBe("all")
        }
        expect(await integrity(db)).toMatch(/^(ok|n\/a)$/)
      }
      for (let index = 0; index < IMPORT_KILLS; index++) await attempt(index, true)
      await attempt(IMPORT_KILLS, false)
      // The API still serves the database the killed import left.
      expect(
        (
          await call(api.url, "GET", `/api/v1/plans/${PLAN}/summary?fiscalYear=${SEED_YEAR}`, {
            token
          })
        ).status
      ).toBe(200)
      await api.kill("SIGTERM")
      rmSync(dir, { recursive: true, force: true })

      record("crash", dialect, {
        clients: CLIENTS,
        ...figures,
        importKills: imports.kills,
        importKilledMidTransaction: imports.killedMidTransaction,
        importRows: imports.rows,
        importOutcomes: imports.outcomes
      })
      expect(figures.problems).toEqual([])
      expect(figures.acknowledgedChecked).toBe(figures.acknowledged)
      expect(figures.acknowledged).toBeGreaterThan(0)
    }
  )
})
