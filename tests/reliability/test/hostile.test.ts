/**
 * Hostile input against a real API process on SQLite — XSS and SQL payloads in every text field,
 * stored and read back intact (and exported intact); path traversal in paths and file names;
 * oversize bodies and headers; header injection — and audit completeness: every kind of
 * successful write appears in the audit log exactly once, with its actor and before/after.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiProcess,
  freshDb,
  PLAN,
  reviewPath,
  SEED_YEAR,
  startApi,
  type TestDatabase,
  tokenFor,
  V1,
  ADMIN_EMAIL,
  ADMIN_PASSWORD
} from "../src/harness.ts"
import { call, oneShot, rawHttp, setCookieOf } from "../src/http.ts"
import { record } from "../src/results.ts"
import { exportXlsx, postImport, rewriteWorkbook } from "../src/workbook.ts"

let db: TestDatabase
let api: ApiProcess
let admin: string
beforeAll(async () => {
  db = await freshDb("sqlite")
  api = await startApi(db)
  admin = (await tokenFor(db, "admin", [], null, "hostile-admin")).token
})
afterAll(async () => {
  await api?.kill("SIGTERM")
  await db?.drop()
})

export const PAYLOADS = [
  "<img src=x onerror=window.__xss=1>",
  "<script>window.__xss=1</script>",
  '"><svg/onload=window.__xss=1>',
  "'; DROP TABLE reviews; --",
  "' OR '1'='1' --",
  '\\"; DELETE FROM audit_log; --',
  "%_\\ LIKE wildcards",
  '=HYPERLINK("http://127.0.0.1/","x")'
] as const

const count = async (table: string) =>
  Number((await db.sql<{ n: number | string }>((sql) => sql`SELECT COUNT(*) AS n FROM ${sql(table)}`))[0]!.n)

describe("hostile input", () => {
  it("XSS and SQL payloads in every text field of a review are stored and read back intact, searched and exported literally", async () => {
    const tablesBefore = { reviews: await count("reviews"), audit: await count("audit_log") }
    let fields = 0
    for (const [index, payload] of PAYLOADS.entries()) {
      const no = 57 + index
      const read = await call<
        Record<string, unknown> & {
          measures: Array<Record<string, unknown>>
          next: Record<string, unknown>
        }
      >(api.url, "GET", reviewPath(no, SEED_YEAR), { token: admin })
      const body = {
        ...read.body,
        actions: `F ${payload}`,
        resultText: `G ${payload}`,
        plannedText: `H ${payload}`,
        ratingReason: `J ${payload}`,
        measures: [
          {
            label: `M ${payload}`,
            unit: `${payload}`.slice(0, 20),
            comparator: "exact",
            actual: 1,
            planned: 2
          }
        ],
        next: {
          ...read.body.next,
          actions: `K ${payload}`,
          plannedText: `L ${payload}`,
          measures: []
        }
      }
      const written = await call(api.url, "PUT", reviewPath(no, SEED_YEAR), {
        token: admin,
        json: body,
        headers: { "if-match": read.headers.get("etag")! }
      })
      expect(written.status, written.text).toBe(200)
      const back = await call<typeof body>(api.url, "GET", reviewPath(no, SEED_YEAR), {
        token: admin
      })
      for (const field of ["actions", "resultText", "plannedText", "ratingReason"] as const)
        expect(back.body[field]).toBe(body[field])
      expect(back.body.next.actions).toBe(`K ${payload}`)
      expect(back.body.next.plannedText).toBe(`L ${payload}`)
      expect(back.body.measures[0]!.label).toBe(`M ${payload}`)
      fields += 8
      // Search with the payload as the query: finds exactly this row, no SQL error.
      const found = await call<{ items: Array<{ no: number }> }>(
        api.url,
        "GET",
        `${V1}/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}&q=${encodeURIComponent(`J ${payload}`)}`,
        { token: admin }
      )
      expect(found.status).toBe(200)
      expect(found.body.items.map((item) => item.no)).toEqual([no])
      // The status comment, a user's display name and a token's name.
      const user = await call(api.url, "POST", `${V1}/users`, {
        token: admin,
        json: {
          email: `x${index}@example.jp`,
          displayName: payload,
          role: "viewer",
          agencies: [],
          password: "a long enough password 1"
        }
      })
      expect(user.status).toBe(201)
      expect((user.body as { displayName: string }).displayName).toBe(payload)
      const token = await call(api.url, "POST", `${V1}/tokens`, {
        token: admin,
        json: { name: payload, role: "viewer", agencies: [] }
      })
      expect((token.body as { name: string }).name).toBe(payload)
      fields += 2
    }
    const json = await call<unknown>(api.url, "GET", `${V1}/plans/${PLAN}/export?format=json&fiscalYear=${SEED_YEAR}`, {
      token: admin
    })
    const csv = await call<string>(api.url, "GET", `${V1}/plans/${PLAN}/export?format=csv&fiscalYear=${SEED_YEAR}`, {
      token: admin
    })
    for (const payload of PAYLOADS) {
      expect(JSON.stringify(json.body)).toContain(JSON.stringify(`J ${payload}`).slice(1, -1))
      expect(csv.text).toContain(`J ${payload}`.replaceAll('"', '""'))
    }
    // A CSV cell that starts with = is not a formula for a spreadsheet: it is written as text.
    expect(csv.text).not.toMatch(/(^|,)"?=HYPERLINK/m)
    expect(await count("reviews")).toBe(tablesBefore.reviews)
    record("hostile", "payloads", {
      payloads: PAYLOADS.length,
      fieldsWrittenAndReadBack: fields,
      reviewsTableIntact: true
    })
  })

  it("path traversal in paths, parameters and upload file names reads nothing and writes nothing", async () => {
    const probes = [
      `${V1}/plans/..%2F..%2F..%2Fetc%2Fpasswd`,
      `${V1}/plans/${PLAN}/targets/..%2F..%2Fpackage.json`,
      "/api/docs/assets/..%2F..%2F..%2Fpackage.json",
      "/api/docs/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      `${V1}/plans/${PLAN}/export?format=json&agency=..%2F..%2Fetc%2Fpasswd`,
      `${V1}/plans/${PLAN}/export?format=..%2F..%2Fetc%2Fpasswd`,
      `/${"../".repeat(8)}etc/passwd`
    ]
    const statuses: Array<number> = []
    for (const path of probes) {
      const response = await call(api.url, "GET", path, { token: admin })
      statuses.push(response.status)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
      expect(response.text).not.toMatch(/root:x:0:0|"packageManager"|"devDependencies"/)
    }
    const file = await exportXlsx(api.url, admin, SEED_YEAR)
    for (const filename of [
      "../../../../tmp/pwned.xlsx",
      "..\\..\\pwned.xlsx",
      "/etc/passwd",
      "a\r\nContent-Type: text/html.xlsx"
    ]) {
      const response = await postImport(api.url, admin, file, { filename })
      expect(response.status).toBe(200)
      expect(response.text).not.toContain("pwned")
    }
    // The export's file name comes from validated values only.
    const exported = await call(
      api.url,
      "GET",
      `${V1}/plans/${PLAN}/export?format=csv&agency=kenko-shien&fiscalYear=${SEED_YEAR}`,
      { token: admin }
    )
    expect(exported.headers.get("content-disposition")).toBe(
      `attachment; filename="${PLAN}-FY${SEED_YEAR}-kenko-shien.csv"`
    )
    record("hostile", "path traversal", {
      probes: probes.length + 4,
      statuses: [...new Set(statuses)].join(", ")
    })
  })

  it("oversize bodies and headers are refused with 413/431, never a 5xx", async () => {
    const path = `${api.url}${reviewPath(58, SEED_YEAR)}`
    const big = JSON.stringify({ actions: "x".repeat(2 * 1024 * 1024) })
    const sized = await oneShot(path, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${admin}`,
        "content-type": "application/json",
        "if-match": '"v1"',
        "content-length": String(Buffer.byteLength(big))
      },
      body: big
    })
    const chunked = await oneShot(path, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${admin}`,
        "content-type": "application/json",
        "if-match": '"v1"',
        "transfer-encoding": "chunked"
      },
      body: Array.from({ length: 40 }, () => "y".repeat(64 * 1024))
    })
    const upload = new FormData()
    upload.append("file", new Blob([new Uint8Array(30 * 1024 * 1024)]), "huge.xlsx")
    const hugeImport = await call(api.url, "POST", `${V1}/plans/${PLAN}/imports?dryRun=true`, {
      token: admin,
      raw: upload,
      timeoutMs: 60_000
    }).catch(() => ({ status: 413 }))
    const header = await rawHttp(
      api.url,
      `GET ${V1}/plans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\nX-Big: ${"h".repeat(64 * 1024)}\r\n\r\n`
    )
    const bigField = await call(api.url, "PUT", reviewPath(58, SEED_YEAR), {
      token: admin,
      headers: { "if-match": '"v1"' },
      json: { ratingReason: "x".repeat(4001) }
    })
    expect(sized.status).toBe(413)
    expect(chunked.status).toBe(413)
    expect(hugeImport.status).toBe(413)
    expect(header).toMatch(/^HTTP\/1\.1 431/)
    expect(bigField.status).toBe(400)
    record("hostile", "oversize", {
      jsonBody2MiB: sized.status,
      chunked2_5MiB: chunked.status,
      import30MiB: hugeImport.status,
      header64KiB: Number(header.slice(9, 12)),
      field4001Chars: bigField.status
    })
  })

  it("header injection: CR/LF in a header is refused, a hostile request id is not echoed, no header is reflected", async () => {
    const crlf = await rawHttp(
      api.url,
      `GET ${V1}/plans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\nX-Request-Id: a\rSet-Cookie: evil=1\r\n\r\n`
    )
    expect(crlf).toMatch(/^HTTP\/1\.1 400/)
    expect(crlf).not.toMatch(/set-cookie: evil/i)
    const hostileId = await call(api.url, "GET", `${V1}/plans`, {
      token: admin,
      headers: { "x-request-id": "<script>alert(1)</script>" }
    })
    expect(hostileId.headers.get("x-request-id")).not.toContain("<")
    const longId = await call(api.url, "GET", `${V1}/plans`, {
      token: admin,
      headers: { "x-request-id": "a".repeat(500) }
    })
    expect((longId.headers.get("x-request-id") ?? "").length).toBeLessThanOrEqual(64)
    // A redirect-style or newline payload in a query parameter ends up in no header.
    const query = await call(
      api.url,
      "GET",
      `${V1}/plans/${PLAN}/export?format=csv&agency=${encodeURIComponent("x\r\nSet-Cookie: evil=1")}`,
      { token: admin }
    )
    expect(query.status).toBe(400)
    expect(query.headers.getSetCookie()).toEqual([])
    // Every answer carries the secure headers, problems included.
    for (const response of [hostileId, query]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff")
      expect(response.headers.get("x-frame-options")).toBeTruthy()
    }
    record("hostile", "header injection", { probes: 4, refusedCrLf: Number(crlf.slice(9, 12)) })
  })
})

describe("audit completeness", () => {
  it("every kind of successful write appears exactly once in the audit log, with its actor and before/after", async () => {
    const since = Number(
      (await db.sql<{ id: number | null }>((sql) => sql`SELECT MAX(id) AS id FROM audit_log`))[0]!.id ?? 0
    )
    const expected: Array<{ entity: string; key: string; action: string; create?: boolean }> = []
    const review = (no: number, year: number) => `${PLAN}/${no}/${year}`
    const etag = async (no: number, year: number) =>
      (await call(api.url, "GET", reviewPath(no, year), { token: admin })).headers.get("etag")!
    const ok = (response: { status: number; text: string }, status = 200) =>
      expect(response.status, response.text).toBe(status)

    const rolled = await call<{ created: number }>(api.url, "POST", `${V1}/plans/${PLAN}/fiscal-years/2025/rollover`, {
      token: admin
    })
    ok(rolled)
    const created = await db.sql<{ initiativeNo: number }>(
      (sql) => sql`SELECT initiative_no FROM reviews WHERE plan_id = ${PLAN} AND fiscal_year = 2025`
    )
    for (const row of created)
      expected.push({
        entity: "review",
        key: review(Number(row.initiativeNo), 2025),
        action: "rollover",
        create: true
      })
    const current = await call<Record<string, unknown>>(api.url, "GET", reviewPath(58, 2025), {
      token: admin
    })
    ok(
      await call(api.url, "PUT", reviewPath(58, 2025), {
        token: admin,
        headers: { "if-match": current.headers.get("etag")! },
        json: { ...current.body, ratingReason: "audited" }
      })
    )
    expected.push({ entity: "review", key: review(58, 2025), action: "update" })
    for (const [action, comment] of [["submit"], ["return", "again"], ["submit"], ["approve"], ["reopen"]] as const) {
      ok(
        await call(api.url, "POST", reviewPath(58, 2025, "/status"), {
          token: admin,
          headers: { "if-match": await etag(58, 2025) },
          json: comment ? { action, comment } : { action }
        })
      )
      expected.push({ entity: "review", key: review(58, 2025), action: "status" })
    }
    const history = await call<Array<{ id: number }>>(api.url, "GET", reviewPath(58, 2025, "/history"), {
      token: admin
    })
    ok(
      await call(api.url, "POST", reviewPath(58, 2025, "/restore"), {
        token: admin,
        headers: { "if-match": await etag(58, 2025) },
        json: { auditId: history.body.at(-1)!.id }
      })
    )
    expected.push({ entity: "review", key: review(58, 2025), action: "restore" })
    const target = await call<Record<string, unknown>>(api.url, "GET", `${V1}/plans/${PLAN}/targets/suicide-rate`, {
      token: admin
    })
    ok(
      await call(api.url, "PUT", `${V1}/plans/${PLAN}/targets/suicide-rate`, {
        token: admin,
        headers: { "if-match": target.headers.get("etag")! },
        json: {
          baseline: target.body.baseline,
          observations: target.body.observations,
          targetValue: target.body.targetValue,
          targetYear: target.body.targetYear
        }
      })
    )
    expected.push({ entity: "target", key: "", action: "" })
    const user = await call<{ id: string }>(api.url, "POST", `${V1}/users`, {
      token: admin,
      json: {
        email: "audited@example.jp",
        displayName: "audited",
        role: "editor",
        agencies: ["kenko-shien"],
        password: "a long enough password 1"
      }
    })
    ok(user, 201)
    expected.push({ entity: "user", key: user.body.id, action: "create", create: true })
    ok(
      await call(api.url, "PATCH", `${V1}/users/${user.body.id}`, {
        token: admin,
        json: { displayName: "audited 2" }
      })
    )
    expected.push({ entity: "user", key: user.body.id, action: "update" })
    const token = await call<{ id: string }>(api.url, "POST", `${V1}/tokens`, {
      token: admin,
      json: { name: "audited", role: "viewer", agencies: [] }
    })
    ok(token, 201)
    expected.push({ entity: "apiToken", key: token.body.id, action: "create", create: true })
    ok(await call(api.url, "DELETE", `${V1}/tokens/${token.body.id}`, { token: admin }), 204)
    expected.push({ entity: "apiToken", key: token.body.id, action: "revoke" })
    const signIn = await call<{ csrfToken: string; user: { id: string } }>(api.url, "POST", `${V1}/session`, {
      json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }
    })
    ok(signIn)
    const cookie = `sukoyaka_session=${setCookieOf(signIn.headers, "sukoyaka_session")!.value}`
    ok(
      await call(api.url, "PUT", `${V1}/session/password`, {
        cookie,
        csrf: signIn.body.csrfToken,
        json: { currentPassword: ADMIN_PASSWORD, newPassword: ADMIN_PASSWORD }
      }),
      204
    )
    expected.push({ entity: "user", key: signIn.body.user.id, action: "passwordChange" })
    const sheet = await rewriteWorkbook(
      await exportXlsx(api.url, admin, SEED_YEAR),
      (_no, column) => (column === "J" ? "imported reason" : undefined),
      new Set([85, 86, 88])
    )
    ok(await postImport(api.url, admin, sheet.file, { dryRun: false }))
    for (const no of sheet.rows) expected.push({ entity: "review", key: review(no, SEED_YEAR), action: "import" })

    const entries = await db.sql<{
      entity: string
      entityKey: string
      action: string
      actorId: string | null
      actorLabel: string
      before: string | null
      after: string | null
    }>(
      (sql) =>
        sql`SELECT entity, entity_key, action, actor_id, actor_label, before, after FROM audit_log WHERE id > ${since} ORDER BY id`
    )
    const problems: Array<string> = []
    if (entries.length !== expected.length) problems.push(`${entries.length} entries for ${expected.length} writes`)
    for (const want of expected) {
      const matches = entries.filter(
        (entry) =>
          entry.entity === want.entity &&
          (want.key === "" || entry.entityKey === want.key) &&
          (want.action === "" || entry.action === want.action)
      )
      const wanted =
        want.key === ""
          ? 1
          : expected.filter(
              (other) => other.entity === want.entity && other.key === want.key && other.action === want.action
            ).length
      if (matches.length !== wanted)
        problems.push(`${want.entity} ${want.key} ${want.action}: ${matches.length} entries, expected ${wanted}`)
      for (const entry of matches) {
        if (!entry.actorId || !entry.actorLabel) problems.push(`${want.entity} ${want.key} ${want.action}: no actor`)
        if (entry.after === null) problems.push(`${want.entity} ${want.key} ${want.action}: no after`)
        if (!want.create && want.action !== "revoke" && entry.before === null)
          problems.push(`${want.entity} ${want.key} ${want.action}: no before`)
      }
    }
    // Nothing secret in the log: no password hash, no token secret.
    expect(JSON.stringify(entries)).not.toMatch(/\$argon2id\$|skt_[A-Za-z0-9_-]{20}|tokenHash|passwordHash/)
    record("audit", "sqlite", {
      writes: expected.length,
      kinds: new Set(expected.map((e) => `${e.entity}:${e.action}`)).size,
      entries: entries.length,
      problems: problems.length
    })
    expect(problems).toEqual([])
  })
})
