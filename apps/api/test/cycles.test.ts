/**
 * The review cycle over HTTP on both databases (#19): the preview writes nothing, opening rolls the
 * year over once (201, Location, ETag; 409 the second time), the status rolls the tasks up per
 * agency, PATCH changes due dates and closes / reopens under If-Match, the task lists filter by
 * standing, agency and the caller's agencies; every bad input is problem+json at its field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  dialects,
  expectProblem,
  type Harness,
  OTHER_AGENCY,
  OWN_AGENCY,
  OWN_ROWS,
  PLAN,
  startHarness
} from "./support.ts"

interface Initiative {
  initiativeNo: number
  agencies: string[]
}
interface Preview {
  fiscalYear: number
  alreadyOpen: boolean
  rolledOver: Initiative[]
  blank: Initiative[]
  retired: Initiative[]
  existing: Initiative[]
}
interface Cycle {
  fiscalYear: number
  dueDate: string
  agencyDueDates: Array<{ agencyId: string; dueDate: string }>
  closedAt: string | null
  version: number
}
interface Task {
  initiativeNo: number
  agencies: string[]
  progress: string
  dueDate: string
  daysLeft: number
  standing: string
}
interface Status {
  cycle: Cycle
  today: string
  agencies: Array<{
    agencyId: string
    dueDate: string
    total: number
    late: number
    dueSoon: number
    counts: Record<string, number>
  }>
  tasks: Task[]
}

const CYCLES = `/plans/${PLAN}/cycles`
const FY = 2025

/** A day `days` from today in Japan, as the server counts. */
const dayFromToday = (days: number) =>
  new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)

describe.each(dialects)("review cycles on %s", (dialect) => {
  let harness: Harness
  beforeAll(async () => {
    harness = await startHarness(dialect)
  }, 60_000)
  afterAll(async () => {
    await harness?.close()
  })
  const send = (method: string, path: string, json?: unknown, options: { token?: string; etag?: string } = {}) =>
    harness.request(method, path, {
      token: options.token ?? "admin",
      ...(json === undefined ? {} : { json }),
      ...(options.etag === undefined ? {} : { headers: { "if-match": options.etag } })
    })
  let preview: Preview

  it("previews FY2025 without writing: FY2024's reviews roll over, nothing exists yet", async () => {
    const response = await send("GET", `${CYCLES}/${FY}/preview`, undefined, { token: "viewer" })
    expect(response.status, response.text).toBe(200)
    preview = response.body as Preview
    expect(preview).toMatchObject({ fiscalYear: FY, alreadyOpen: false, existing: [] })
    expect(preview.rolledOver.length).toBeGreaterThan(50)
    expect(preview.rolledOver.map((i) => i.initiativeNo)).toEqual(expect.arrayContaining([...OWN_ROWS]))
    expect((await send("GET", CYCLES)).body).toEqual([])
    expect((await send("GET", `${CYCLES}/${FY}`)).status).toBe(404)
  })

  it("refuses to open for anyone but an admin, a date that does not exist, and an unknown agency", async () => {
    const body = { fiscalYear: FY, dueDate: dayFromToday(30) }
    expectProblem(await send("POST", CYCLES, body, { token: "editor" }), 403, "forbidden")
    const badDate = expectProblem(await send("POST", CYCLES, { ...body, dueDate: "2025-02-30" }), 400, "validation")
    expect(badDate.errors).toEqual([expect.objectContaining({ path: "dueDate", ja: expect.stringMatching(/日付/) })])
    expect(badDate.errors![0]!.en).toMatch(/date/)
    const badYear = expectProblem(await send("POST", CYCLES, { ...body, fiscalYear: 1999 }), 400, "validation")
    expect(badYear.errors!.map((e) => e.path)).toEqual(["fiscalYear"])
    // FY2000 has no year before it to roll over: refused as input, never a 500.
    const first = expectProblem(await send("POST", CYCLES, { ...body, fiscalYear: 2000 }), 400, "validation")
    expect(first.errors![0]!.ja).toMatch(/2001〜2100/)
    expectProblem(await send("GET", `${CYCLES}/2000/preview`), 400, "validation")
    expectProblem(await send("POST", `/plans/${PLAN}/fiscal-years/2000/rollover`), 400, "validation")
    const unknown = expectProblem(
      await send("POST", CYCLES, { ...body, agencyDueDates: [{ agencyId: "no-such-agency", dueDate: "2025-06-30" }] }),
      422,
      "unprocessable"
    )
    expect(unknown.errors).toEqual([
      {
        path: "agencyDueDates[0].agencyId",
        ja: expect.stringMatching(/no-such-agency/),
        en: expect.stringMatching(/no agency/)
      }
    ])
    const twice = expectProblem(
      await send("POST", CYCLES, {
        ...body,
        agencyDueDates: [
          { agencyId: OWN_AGENCY, dueDate: "2025-06-30" },
          { agencyId: OWN_AGENCY, dueDate: "2025-07-30" }
        ]
      }),
      422,
      "unprocessable"
    )
    expect(twice.errors![0]!.path).toBe("agencyDueDates[1].agencyId")
    expectProblem(await send("POST", `/plans/nowhere/cycles`, body), 404, "notFound")
    expect((await send("GET", CYCLES)).body).toEqual([])
  })

  it("opens FY2025: the drafts the preview named, the cycle with its due dates (201, Location, ETag), once", async () => {
    const response = await send("POST", CYCLES, {
      fiscalYear: FY,
      dueDate: dayFromToday(30),
      agencyDueDates: [
        { agencyId: OWN_AGENCY, dueDate: dayFromToday(-3) },
        { agencyId: OTHER_AGENCY, dueDate: dayFromToday(2) }
      ]
    })
    expect(response.status, response.text).toBe(201)
    expect(response.headers.get("location")).toBe(`/api/v1${CYCLES}/${FY}`)
    expect(response.headers.get("etag")).toBe('"v1"')
    const opened = response.body as { cycle: Cycle; rollover: { created: number; skipped: number } }
    expect(opened.rollover.created).toBe(preview.rolledOver.length + preview.blank.length)
    expect(opened.cycle).toMatchObject({ fiscalYear: FY, closedAt: null, version: 1 })
    expectProblem(await send("POST", CYCLES, { fiscalYear: FY, dueDate: dayFromToday(30) }), 409, "conflict")
    const again = (await send("GET", `${CYCLES}/${FY}/preview`)).body as Preview
    expect(again.alreadyOpen).toBe(true)
    expect(again.existing.length).toBe(opened.rollover.created)
  })

  it("tells where the cycle stands: every task, and per agency its due date, counts, late and due soon", async () => {
    const response = await send("GET", `${CYCLES}/${FY}`, undefined, { token: "viewer" })
    expect(response.status).toBe(200)
    expect(response.headers.get("etag")).toBe('"v1"')
    const status = response.body as Status
    expect(status.tasks.every((task) => task.progress === "notStarted")).toBe(true)
    const own = status.agencies.find((agency) => agency.agencyId === OWN_AGENCY)!
    expect(own).toMatchObject({ dueDate: dayFromToday(-3), late: own.total })
    expect(own.counts.notStarted).toBe(own.total)
    const other = status.agencies.find((agency) => agency.agencyId === OTHER_AGENCY)!
    expect(other).toMatchObject({ dueDate: dayFromToday(2) })
    expect(other.dueSoon + other.late).toBe(other.total)
    const task = status.tasks.find((t) => t.initiativeNo === OWN_ROWS[0])!
    expect(task).toMatchObject({ standing: "late", daysLeft: -3 })
  })

  it("lists tasks by standing, agency and the caller's own agencies", async () => {
    const lateMine = await send("GET", `${CYCLES}/${FY}/tasks?standing=late&mine=true`, undefined, { token: "editor" })
    expect(lateMine.status, lateMine.text).toBe(200)
    const tasks = (lateMine.body as { tasks: Task[] }).tasks
    expect(tasks.length).toBeGreaterThan(0)
    expect(tasks.every((t) => t.standing === "late" && t.agencies.includes(OWN_AGENCY))).toBe(true)
    const byAgency = (await send("GET", `${CYCLES}/${FY}/tasks?agency=${OTHER_AGENCY}&standing=late,dueSoon`)).body as {
      tasks: Task[]
    }
    expect(byAgency.tasks.every((t) => t.agencies.includes(OTHER_AGENCY))).toBe(true)
    const days = byAgency.tasks.map((t) => t.daysLeft)
    expect(days).toEqual([...days].sort((a, b) => a - b))
    const badStanding = expectProblem(await send("GET", `${CYCLES}/${FY}/tasks?standing=late,soon`), 400, "validation")
    expect(badStanding.errors![0]).toMatchObject({ path: "query.standing", ja: expect.stringMatching(/カンマ/) })
    const unknown = expectProblem(await send("GET", `${CYCLES}/${FY}/tasks?agency=nobody`), 422, "unprocessable")
    expect(unknown.errors![0]!.path).toBe("query.agency")
    expectProblem(await send("GET", `${CYCLES}/20x5/tasks`), 400, "validation")
    expectProblem(await send("GET", `${CYCLES}/2030/tasks`), 404, "notFound")
  })

  it("changes due dates under If-Match, closes and reopens; a closed cycle keeps its dates", async () => {
    const path = `${CYCLES}/${FY}`
    expectProblem(await send("PATCH", path, { dueDate: "2025-07-31" }), 428, "preconditionRequired")
    expectProblem(
      await send("PATCH", path, { dueDate: "2025-07-31" }, { etag: '"v1"', token: "editor" }),
      403,
      "forbidden"
    )
    const badDate = expectProblem(
      await send("PATCH", path, { dueDate: "31/07/2025" }, { etag: '"v1"' }),
      400,
      "validation"
    )
    expect(badDate.errors!.map((e) => e.path)).toEqual(["dueDate"])
    const unknown = expectProblem(
      await send("PATCH", path, { agencyDueDates: [{ agencyId: "nobody", dueDate: "2025-07-31" }] }, { etag: '"v1"' }),
      422,
      "unprocessable"
    )
    expect(unknown.errors![0]!.path).toBe("agencyDueDates[0].agencyId")
    const changed = await send("PATCH", path, { dueDate: "2025-07-31", agencyDueDates: [] }, { etag: '"v1"' })
    expect(changed.status, changed.text).toBe(200)
    expect(changed.headers.get("etag")).toBe('"v2"')
    expect(changed.body).toMatchObject({ dueDate: "2025-07-31", agencyDueDates: [], version: 2 })
    const stale = expectProblem(
      await send("PATCH", path, { closed: true }, { etag: '"v1"' }),
      412,
      "preconditionFailed"
    )
    expect(stale.status).toBe(412)
    const closed = await send("PATCH", path, { closed: true }, { etag: '"v2"' })
    expect((closed.body as Cycle).closedAt).toEqual(expect.any(String))
    expectProblem(await send("PATCH", path, { dueDate: "2025-08-31" }, { etag: '"v3"' }), 409, "conflict")
    const reopened = await send("PATCH", path, { closed: false, dueDate: "2025-08-31" }, { etag: '"v3"' })
    expect(reopened.body).toMatchObject({ closedAt: null, dueDate: "2025-08-31", version: 4 })
    const cycles = (await send("GET", CYCLES)).body as Cycle[]
    expect(cycles.map((c) => [c.fiscalYear, c.version])).toEqual([[FY, 4]])
    const audit = await send("GET", `/audit?planId=${PLAN}&entity=cycle`)
    expect(audit.status, audit.text).toBe(200)
    expect((audit.body as Array<{ action: string }>).map((entry) => entry.action)).toEqual([
      "reopen",
      "close",
      "update",
      "open"
    ])
  })
})
