/**
 * The workbook endpoints over real HTTP, on SQLite and PostgreSQL: export by role and agency, and
 * the import of a returned sheet — dry run, apply, another agency's rows, a stale sheet, bad files.
 */
import { request } from "node:http"
import { hostileWorkbook } from "@sukoyaka/sheets/testing"
import { Workbook } from "@cj-tech-master/excelts"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  dialects,
  getReview,
  type Harness,
  OWN_AGENCY,
  PLAN,
  PROBLEM_JSON,
  reviewPath,
  SEED_YEAR,
  startHarness,
  type TokenName
} from "./support.ts"

const exportPath = (query: string) => `/plans/${PLAN}/export?${query}`

interface ImportBody {
  dryRun: boolean
  applied: number
  canApply: boolean
  diff: {
    updates: Array<{ no: number; changes: Array<{ column: string; after: string }> }>
    conflicts: Array<{ no: number }>
    problems: Array<{ severity: string }>
  }
}

/** Changes the J cell (reason) of row `no` wherever it stands in the workbook. */
const editReason = async (file: ArrayBuffer, no: number, reason: string) => {
  const workbook = new Workbook()
  await workbook.xlsx.load(file)
  let found = false
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      if (String(row.getCell("B").value).trim() === String(no)) {
        row.getCell("J").value = reason
        found = true
      }
    })
  })
  expect(found).toBe(true)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * Changes the J cell (reason) of row `no` in the exported CSV, as a text editor would: records end
 * in CRLF there and line breaks inside cells are LF, so a record is one CRLF-separated piece.
 */
const editCsvReason = (file: ArrayBuffer, no: number, from: string, to: string) => {
  const records = new TextDecoder("utf-8", { ignoreBOM: true }).decode(file).split("\r\n")
  const index = records.findIndex((record) => new RegExp(`^[^,]*,${no},`).test(record))
  expect(records[index]).toContain(from)
  records[index] = records[index]!.replace(from, to)
  return new TextEncoder().encode(records.join("\r\n"))
}

// An import parses, diffs and applies a whole workbook in a worker: on a shared 2-core machine one
// takes up to half a minute, past vitest's default.
describe.each(dialects)("workbook endpoints on %s", { timeout: 120_000 }, (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  }, 120_000)
  afterAll(() => h?.close())

  const download = async (query: string, token: TokenName = "viewer") => {
    const response = await fetch(`${h.url}/api/v1${exportPath(query)}`, {
      headers: { authorization: `Bearer ${h.tokens[token]}` }
    })
    return { status: response.status, headers: response.headers, body: await response.arrayBuffer() }
  }

  const upload = async (
    file: Uint8Array | ArrayBuffer,
    query: string,
    token: TokenName,
    filename = "returned.xlsx"
  ) => {
    const form = new FormData()
    form.append("file", new Blob([file]), filename)
    const response = await fetch(`${h.url}/api/v1/plans/${PLAN}/imports?${query}`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${h.tokens[token]}` }
    })
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as ImportBody & {
        type?: string
        errors?: Array<{ path: string; ja?: string; en?: string }>
      }
    }
  }

  it("exports the workbook, csv and json to any reader", async () => {
    const xlsx = await download(`format=xlsx&fiscalYear=${SEED_YEAR}`)
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get("content-type")).toMatch(/spreadsheetml/)
    expect(xlsx.headers.get("content-disposition")).toBe(`attachment; filename="${PLAN}-FY${SEED_YEAR}.xlsx"`)
    const csv = await download("format=csv")
    // ignoreBOM keeps the byte-order mark that Excel needs, so that the test can see it.
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body).startsWith("\uFEFFライフステージ")).toBe(true)
    const json = JSON.parse(new TextDecoder().decode((await download("format=json")).body))
    expect(JSON.stringify(json)).toContain("子育て支援センター事業")
  })

  it("refuses an unknown agency or format with field paths", async () => {
    const agency = await h.request("GET", exportPath("agency=nobody"), { token: "viewer" })
    expect(agency.status).toBe(400)
    expect(agency.headers.get("content-type")).toMatch(PROBLEM_JSON)
    expect((agency.body as { errors: Array<{ path: string }> }).errors[0]!.path).toBe("query.agency")
    expect((await h.request("GET", exportPath("format=pdf"), { token: "viewer" })).status).toBe(400)
  })

  it("imports an unchanged sheet as an empty diff", async () => {
    const sheet = await download(`fiscalYear=${SEED_YEAR}`)
    const result = await upload(sheet.body, "dryRun=true", "admin")
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ dryRun: true, applied: 0, canApply: true })
    expect(result.body.diff.updates).toEqual([])
  })

  it("imports the CSV export the same way: a dry run shows its diff", async () => {
    const csv = await download(`format=csv&fiscalYear=${SEED_YEAR}`, "admin")
    const unchanged = await upload(csv.body, "dryRun=true", "admin", "returned.csv")
    expect(unchanged.status).toBe(200)
    expect(unchanged.body).toMatchObject({ dryRun: true, applied: 0, canApply: true })
    expect(unchanged.body.diff.updates).toEqual([])
    const reason = String((await getReview(h, 86, SEED_YEAR)).review.ratingReason)
    const preview = await upload(
      editCsvReason(csv.body, 86, reason, "CSVから更新した理由"),
      "dryRun=true",
      "admin",
      "returned.csv"
    )
    expect(preview.status).toBe(200)
    expect(preview.body.diff.updates).toMatchObject([
      { no: 86, changes: [{ column: "J", after: "CSVから更新した理由" }] }
    ])
    expect((await getReview(h, 86, SEED_YEAR)).review.ratingReason).toBe(reason)
  })

  it("shows an agency's edit as a diff, then applies it, audited as an import", async () => {
    // The review is a draft the agency may write.
    const before = await getReview(h, 58, SEED_YEAR)
    await h.request("POST", reviewPath(58, SEED_YEAR, "/status"), {
      token: "admin",
      json: { action: "reopen" },
      headers: { "if-match": before.etag }
    })
    const sheet = await download(`agency=${OWN_AGENCY}&fiscalYear=${SEED_YEAR}`, "editor")
    const edited = await editReason(sheet.body, 58, "表から更新した理由")
    const preview = await upload(edited, "dryRun=true", "editor")
    expect(preview.status).toBe(200)
    expect(preview.body.diff.updates).toMatchObject([
      { no: 58, changes: [{ column: "J", after: "表から更新した理由" }] }
    ])
    expect((await getReview(h, 58, SEED_YEAR)).review.ratingReason).not.toBe("表から更新した理由")

    const applied = await upload(edited, "dryRun=false", "editor")
    expect(applied.status).toBe(200)
    expect(applied.body).toMatchObject({ dryRun: false, applied: 1 })
    expect((await getReview(h, 58, SEED_YEAR)).review.ratingReason).toBe("表から更新した理由")
    const history = await h.request<Array<{ action: string }>>("GET", reviewPath(58, SEED_YEAR, "/history"), {
      token: "viewer"
    })
    expect(history.body[0]!.action).toBe("import")
  })

  it("adds a new row as an initiative only when the secretariat accepts it, with its review", async () => {
    const sheet = await download(`fiscalYear=${SEED_YEAR}`, "admin")
    const workbook = new Workbook()
    await workbook.xlsx.load(sheet.body)
    const tab = workbook.getWorksheet("④相談できる場所")!
    tab.getRow(tab.rowCount + 1).values = ["全期対象", "150", "こころの相談会", "月1回", "健康支援課", "12回開催した。"]
    const file = Buffer.from(await workbook.xlsx.writeBuffer())

    // An editor's sheet proposes nothing, and an editor cannot accept.
    const asEditor = await upload(file, "dryRun=true", "editor")
    expect((asEditor.body.diff as unknown as { proposals: Array<unknown> }).proposals).toEqual([])
    expect((await upload(file, "dryRun=false&accept=150", "editor")).status).toBe(403)

    const preview = await upload(file, "dryRun=true", "admin")
    expect(preview.status).toBe(200)
    expect(preview.body.diff).toMatchObject({
      proposals: [{ no: 150, initiative: { name: "こころの相談会", policyNo: 3, areaNo: 1, objectiveNo: 4 } }]
    })
    // Not accepted: nothing is added.
    expect((await upload(file, "dryRun=false", "admin")).body).toMatchObject({ applied: 0, added: [] })
    expect((await h.request("GET", `/plans/${PLAN}/initiatives/150`, { token: "viewer" })).status).toBe(404)
    // A No. the sheet does not propose is refused at its parameter, and nothing is written.
    const wrong = await upload(file, "dryRun=false&accept=150,151", "admin")
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: "query.accept" })])
    expect((await h.request("GET", `/plans/${PLAN}/initiatives/150`, { token: "viewer" })).status).toBe(404)

    const applied = await upload(file, "dryRun=false&accept=150", "admin")
    expect(applied.status).toBe(200)
    expect(applied.body).toMatchObject({ added: [150] })
    const added = await h.request<{ name: string; since: number | null; markers: { isNew: boolean } }>(
      "GET",
      `/plans/${PLAN}/initiatives/150`,
      { token: "viewer" }
    )
    expect(added.body).toMatchObject({ name: "こころの相談会", since: SEED_YEAR, markers: { isNew: true } })
    expect((await getReview(h, 150, SEED_YEAR)).review.actions).toBe("12回開催した。")
  })

  it("never applies a sheet exported before someone else's edit", async () => {
    const sheet = await download(`fiscalYear=${SEED_YEAR}`, "admin")
    const current = await getReview(h, 97, SEED_YEAR)
    await h.request("PUT", reviewPath(97, SEED_YEAR), {
      token: "admin",
      json: { ...current.review, ratingReason: "先に保存した人" },
      headers: { "if-match": current.etag }
    })
    const stale = await upload(await editReason(sheet.body, 97, "古い表からの変更"), "dryRun=false", "admin")
    expect(stale.status).toBe(409)
    expect(stale.body.diff.conflicts.map((conflict) => conflict.no)).toEqual([97])
    expect((await getReview(h, 97, SEED_YEAR)).review.ratingReason).toBe("先に保存した人")
  })

  it("keeps editors to their agencies' rows and viewers out", async () => {
    const sheet = await download(`fiscalYear=${SEED_YEAR}`, "admin")
    const others = await upload(await editReason(sheet.body, 57, "他の機関の行"), "dryRun=false", "editor")
    expect(others.status).not.toBe(200)
    expect((await getReview(h, 57, SEED_YEAR)).review.ratingReason).not.toBe("他の機関の行")
    const viewer = await upload(sheet.body, "dryRun=true", "viewer")
    expect(viewer.status).toBe(403)
  })

  it("never lets an editor's sheet open a year: rows for a review that does not exist are refused", async () => {
    const csv = await download(`format=csv&agency=${OWN_AGENCY}&fiscalYear=${SEED_YEAR}`, "editor")
    // Every row's key names FY2030, which has no review: applied, it made FY2030 everyone's latest year.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body)
    const future = text.replaceAll(`,${PLAN},${SEED_YEAR},`, `,${PLAN},2030,`)
    expect(future).not.toBe(text)
    const file = new TextEncoder().encode(future)
    const preview = await upload(file, "dryRun=true", "editor", "returned.csv")
    expect(preview.status).toBe(200)
    expect(preview.body.canApply).toBe(false)
    const refused = (preview.body.diff.problems as Array<{ code?: string; ja?: string; en?: string }>).filter(
      (problem) => problem.code === "noReview"
    )
    expect(refused.length).toBeGreaterThan(0)
    expect(refused[0]).toMatchObject({ ja: expect.stringContaining("2030年度"), en: expect.stringContaining("FY2030") })
    const applied = await upload(file, "dryRun=false", "editor", "returned.csv")
    expect(applied.status).toBe(409)
    expect(applied.body.applied).toBe(0)
    expect((await h.request("GET", reviewPath(58, 2030), { token: "admin" })).status).toBe(404)
    const summary = await h.request<{ fiscalYear: number }>("GET", `/plans/${PLAN}/summary`, { token: "viewer" })
    expect(summary.body.fiscalYear).not.toBe(2030)
  })

  it("refuses a workbook of 3.6 million cells by its cell count, and a second import of the plan while one runs", async () => {
    const hostile = await upload(hostileWorkbook(), "dryRun=true", "admin")
    expect(hostile.status).toBe(400)
    expect(hostile.body.errors?.[0]).toMatchObject({
      path: "file",
      ja: expect.stringContaining("セル"),
      en: expect.stringContaining("cells")
    })
    // The first import holds the plan's slot from its first byte to its answer: its body is sent
    // in two parts, the second only after the other import has been refused. (A large workbook and
    // a pause, before, raced the machine's speed: a fast one finished the first import in time.)
    const exported = await (await download(`fiscalYear=${SEED_YEAR}`, "admin")).body
    const form = new FormData()
    form.append("file", new Blob([exported]), "returned.xlsx")
    const multipart = new Response(form)
    const bytes = new Uint8Array(await multipart.arrayBuffer())
    // node:http, to state the length and send the body in parts (fetch would stream it chunked, and
    // the body limit reads a body of unstated length whole before the route sees it).
    const firstRequest = request(`${h.url}/api/v1/plans/${PLAN}/imports?dryRun=true&fiscalYear=${SEED_YEAR}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${h.tokens.admin}`,
        "content-type": multipart.headers.get("content-type")!,
        "content-length": String(bytes.length)
      }
    })
    const first = new Promise<number>((resolve, reject) => {
      firstRequest.on("response", (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      })
      firstRequest.on("error", reject)
    })
    firstRequest.write(bytes.subarray(0, 1024))
    // Its headers reach the route (which takes the slot before it reads the body) well within this.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const second = await upload(exported, "dryRun=true", "admin")
    expect(second.status).toBe(429)
    expect(second.headers.get("retry-after")).toBe("5")
    expect(second.body.errors?.[0]).toMatchObject({
      path: "file",
      ja: expect.stringContaining("処理中"),
      en: expect.stringContaining("in progress")
    })
    firstRequest.end(bytes.subarray(1024))
    expect(await first).toBe(200)
    // Once it is done the slot is free again.
    expect((await upload(exported, "dryRun=true", "admin")).status).toBe(200)
  }, 180_000)

  it("refuses what is not a workbook, or not multipart", async () => {
    const junk = await upload(new TextEncoder().encode("not a workbook"), "dryRun=true", "admin")
    expect(junk.status).toBe(400)
    expect(junk.body.errors?.[0]?.path).toBe("file")
    const binaryCsv = await upload(
      Uint8Array.from([0x80, 0xff, 0x00, 0xfe, 0x81]),
      "dryRun=true",
      "admin",
      "returned.csv"
    )
    expect(binaryCsv.status).toBe(400)
    expect(binaryCsv.body.errors?.[0]?.path).toBe("file")
    const json = await h.request("POST", `/plans/${PLAN}/imports`, { token: "admin", json: { file: "x" } })
    expect(json.status).toBe(415)
  })
})
