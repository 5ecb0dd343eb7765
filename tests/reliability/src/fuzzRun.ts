/**
 * One fuzz campaign against a running API process: every operation of its OpenAPI document with
 * schema-derived parameters, queries, bodies and headers, and the import with mutated workbooks.
 * Shared by the bounded run (test/) and the larger one (soak/).
 */
import fc from "fast-check"
import { expect } from "vitest"
import { type ApiProcess, reviewPath, SEED_YEAR, type TestDatabase, tokenFor, V1 } from "./harness.ts"
import { call, pool } from "./http.ts"
import { arbitraryOf, type Document, hostileStrings, leakPattern, operationsOf, resolveRef } from "./fuzz.ts"
import { exportXlsx, postImport, rewriteWorkbook } from "./workbook.ts"
import { record } from "./results.ts"

export interface FuzzFigures {
  operations: number
  inputsTried: number
  byStatus: Record<string, number>
  serverErrors: Array<string>
  leaks: Array<string>
  importInputs: number
  importApplied: number
  importServerErrors: Array<string>
}

const fuzzApi = async (
  api: string,
  db: TestDatabase,
  options: { runsPerOperation: number; importRuns: number; seed: number }
): Promise<FuzzFigures> => {
  const admin = (await tokenFor(db, "admin", [], null, "fuzz-admin")).token
  const viewer = (await tokenFor(db, "viewer", [], null, "fuzz-viewer")).token
  const editor = (await tokenFor(db, "editor", ["kenko-shien"], null, "fuzz-editor")).token
  // Something for the id parameters to hit: a token that may be revoked, a user that may be changed.
  const victim = await tokenFor(db, "viewer", [], null, "fuzz-victim")
  const user = await call<{ id: string }>(api, "POST", `${V1}/users`, {
    token: admin,
    json: {
      email: "fuzz-user@example.jp",
      displayName: "fuzz",
      role: "viewer",
      agencies: [],
      password: "a long enough password 1"
    }
  })
  const doc = (await call<Document>(api, "GET", `${V1}/openapi.json`)).body
  const validParams: Record<string, ReadonlyArray<string>> = {
    planId: ["tomakomai-step3"],
    no: ["58", "57", "64", "111"],
    fiscalYear: [String(SEED_YEAR), "2025"],
    year: ["2025", "2026"],
    targetId: [],
    id: [victim.id, user.body.id],
    // The plan's tree (ADR 0010): real numbers and ids most of the time, so that the structure
    // writes reach their validation and storage, not only the 404 of an unknown node.
    policyNo: ["3", "1"],
    areaNo: ["1", "2"],
    objectiveNo: ["1", "4", "9"],
    agencyId: ["kenko-shien", "kodomo-ikusei", "nobody"]
  }
  const targets = await call<Array<{ id: string }>>(api, "GET", `${V1}/plans/tomakomai-step3/targets`, { token: admin })
  validParams.targetId = targets.body.map((t) => t.id)

  const figures: FuzzFigures = {
    operations: 0,
    inputsTried: 0,
    byStatus: {},
    serverErrors: [],
    leaks: [],
    importInputs: 0,
    importApplied: 0,
    importServerErrors: []
  }
  const operations = operationsOf(doc)
  const tokens = fc.constantFrom<string | undefined>(admin, admin, admin, editor, viewer, undefined, "skt_forged", "")
  const paramValue = (name: string, schema: unknown) =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(...(validParams[name]?.length ? validParams[name]! : ["x"]))
      },
      { weight: 2, arbitrary: arbitraryOf(doc, schema as never, 0).map(String) },
      { weight: 2, arbitrary: fc.constantFrom(...hostileStrings).map((s) => s.slice(0, 300)) }
    )
  const ifMatch = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('"v1"', '"v2"', 'W/"v3"', "*", '"v99999999999"', '"v1", "v2"', "junk"),
    fc.string({ maxLength: 20 })
  )

  for (const { method, path, operation } of operations) {
    const params = (operation.parameters ?? []).filter((p) => p.in === "path")
    const queries = (operation.parameters ?? []).filter((p) => p.in === "query")
    const bodySchema = operation.requestBody?.content["application/json"]?.schema
    const sample = fc.record({
      token: tokens,
      path: fc.record(Object.fromEntries(params.map((p) => [p.name, paramValue(p.name, p.schema)]))),
      query: fc.record(
        Object.fromEntries(
          queries.map((q) => [
            q.name,
            arbitraryOf(doc, q.schema, 0.3).map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
          ])
        ),
        { requiredKeys: [] }
      ),
      body: bodySchema ? arbitraryOf(doc, resolveRef(doc, bodySchema), 0.15) : fc.constant(undefined),
      rawBody: fc.oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.constantFrom("{", "[1,", "null", "\u0000", '{"a":' + "[".repeat(5000))
        }
      ),
      ifMatch,
      contentType: fc.oneof(
        { weight: 9, arbitrary: fc.constant("application/json") },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=utf-7",
            "multipart/form-data"
          )
        }
      )
    })
    const inputs = fc.sample(sample, {
      numRuns: options.runsPerOperation,
      seed: options.seed + figures.operations * 7919 + path.length
    })
    figures.operations++
    await pool(inputs, 6, async (input) => {
      const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(String((input.path as Record<string, unknown>)[name] ?? "x"))
      )
      const query = new URLSearchParams(input.query as Record<string, string>).toString()
      const headers: Record<string, string> = {}
      if (input.ifMatch !== undefined) headers["if-match"] = input.ifMatch
      let raw: string | undefined
      const mayHaveBody = method !== "GET" && method !== "HEAD"
      if (mayHaveBody && input.rawBody !== undefined) raw = input.rawBody
      else if (mayHaveBody && input.body !== undefined && method !== "DELETE") raw = JSON.stringify(input.body)
      if (raw !== undefined) headers["content-type"] = input.contentType
      if (path.endsWith("/imports")) headers["content-type"] = "multipart/form-data; boundary=x"
      figures.inputsTried++
      const reply = await call(api, method, `${concrete}${query ? `?${query}` : ""}`, {
        token: input.token,
        headers,
        ...(raw !== undefined ? { raw } : {})
      }).catch((error: Error) => ({ status: 0, text: String(error), headers: new Headers() }))
      figures.byStatus[reply.status] = (figures.byStatus[reply.status] ?? 0) + 1
      const label = `${method} ${concrete}${query ? `?${query}` : ""} ${raw?.slice(0, 200) ?? ""}`
      if (reply.status >= 500 || reply.status === 0)
        figures.serverErrors.push(`${reply.status} ${label}: ${reply.text.slice(0, 300)}`)
      if (leakPattern.test(reply.text)) figures.leaks.push(`${label}: ${reply.text.slice(0, 300)}`)
    })
  }

  // --- the import ------------------------------------------------------------------------------
  const exported = await exportXlsx(api, admin, SEED_YEAR)
  const cell = fc.oneof(
    fc.constantFrom(...hostileStrings),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: "grapheme", maxLength: 50 })
  )
  const mutation = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant("cells" as const),
        rows: fc.subarray([57, 58, 59, 60, 85, 86, 111], { minLength: 1 }),
        text: cell,
        apply: fc.boolean()
      })
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("bytes" as const),
        flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 30
        })
      })
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("truncate" as const),
        at: fc.double({ min: 0, max: 1, noNaN: true })
      })
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("junk" as const),
        bytes: fc.uint8Array({ maxLength: 2000 })
      })
    }
  )
  const filenames = fc.constantFrom(
    "returned.xlsx",
    "../../../etc/passwd",
    "..\\..\\boot.ini",
    "a\r\nX-Evil: 1.xlsx",
    "<img src=x onerror=alert(1)>.xlsx",
    "'; DROP TABLE reviews; --.xlsx",
    "x".repeat(1000)
  )
  const importInputs = fc.sample(fc.tuple(mutation, filenames), {
    numRuns: options.importRuns,
    seed: options.seed
  })
  // Sequential: an applied import changes the versions the next exported sheet carries.
  for (const [change, filename] of importInputs) {
    let file: Uint8Array
    let apply = false
    let expected: Map<number, string> | undefined
    if (change.kind === "cells") {
      const current = await exportXlsx(api, admin, SEED_YEAR)
      const text = change.text.trim() === "" ? "blank" : change.text
      const rewritten = await rewriteWorkbook(
        current,
        (_no, column) => (column === "J" ? text : undefined),
        new Set(change.rows)
      )
      file = rewritten.file
      apply = change.apply
      expected = new Map(rewritten.rows.map((no) => [no, text]))
    } else if (change.kind === "bytes") {
      const copy = Buffer.from(exported)
      for (const [at, byte] of change.flips) copy[at % copy.length] = byte
      file = copy
    } else if (change.kind === "truncate") file = exported.subarray(0, Math.floor(exported.length * change.at))
    else file = change.bytes
    figures.importInputs++
    const reply = await postImport(api, admin, file, { dryRun: !apply, filename }).catch((error: Error) => ({
      status: 0,
      text: String(error),
      body: null
    }))
    if (reply.status >= 500 || reply.status === 0)
      figures.importServerErrors.push(`${reply.status} ${change.kind} ${filename}: ${reply.text.slice(0, 300)}`)
    if (leakPattern.test(reply.text)) figures.leaks.push(`import ${change.kind}: ${reply.text.slice(0, 300)}`)
    if (apply && reply.status === 200 && expected) {
      const applied = (reply.body as { applied: number }).applied
      if (applied > 0) figures.importApplied++
      // What was applied is stored as the sheet said, character for character.
      for (const [no, text] of expected) {
        const stored = await call<{ ratingReason: string }>(api, "GET", reviewPath(no, SEED_YEAR), {
          token: admin
        })
        if (applied > 0 && stored.body.ratingReason !== text && stored.body.ratingReason !== text.trim()) {
          figures.importServerErrors.push(
            `No.${no}: imported ${JSON.stringify(text.slice(0, 80))}, stored ${JSON.stringify(stored.body.ratingReason.slice(0, 80))}`
          )
        }
      }
    }
  }
  return figures
}

/** fuzzApi against a process of ours; if the process goes away mid-run, says how it ended and what it printed last. */
export const fuzzProcess = (
  api: ApiProcess,
  db: TestDatabase,
  options: { runsPerOperation: number; importRuns: number; seed: number }
): Promise<FuzzFigures> =>
  fuzzApi(api.url, db, options).catch((error: unknown) => {
    const exit = api.child.exitCode ?? api.child.signalCode ?? "none (still running)"
    throw new Error(`fuzz stopped (${String(error)}); API exit: ${exit}\n${api.output().slice(-3000)}`)
  })

/**
 * Records a campaign's figures (the first 20 errors and leaks) under `label` and asserts it found
 * nothing: no 5xx on any operation or import, no leak, the API process still running.
 */
export const expectCleanFuzz = (label: string, seed: number, api: ApiProcess, figures: FuzzFigures) => {
  record("fuzz", label, {
    seed,
    ...figures,
    serverErrors: figures.serverErrors.slice(0, 20),
    leaks: figures.leaks.slice(0, 20)
  })
  expect(figures.serverErrors).toEqual([])
  expect(figures.importServerErrors).toEqual([])
  expect(figures.leaks).toEqual([])
  expect(api.child.exitCode).toBeNull()
}
