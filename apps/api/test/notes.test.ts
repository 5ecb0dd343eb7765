/**
 * The secretariat's notes on reviews (#21), which the council report prints instead of the internal
 * check flags: admin only, versioned with If-Match, audited, apart from the review (no new review
 * version, no re-approval). On both databases, over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  auditCount,
  dialects,
  etagOf,
  expectProblem,
  getReview,
  type Harness,
  PLAN,
  reviewPath,
  SEED_YEAR,
  startHarness
} from "./support.ts"

describe.each(dialects)("the secretariat's notes on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  })
  afterAll(async () => h.close())

  const notePath = (no: number) => reviewPath(no, SEED_YEAR, "/note")
  const write = (no: number, note: string, ifMatch?: string, token = "admin") =>
    h.request<{ note: string; version: number }>("PUT", notePath(no), {
      token,
      json: { note },
      ...(ifMatch === undefined ? {} : { headers: { "if-match": ifMatch } })
    })

  it("is written by the secretariat with If-Match, audited, and leaves the review as it was", async () => {
    const empty = await h.request<{ note: string; version: number }>("GET", notePath(58), { token: "viewer" })
    expect(empty.body).toMatchObject({ note: "", version: 0 })
    expect(etagOf(empty)).toBe('"v0"')
    const review = await getReview(h, 58, SEED_YEAR)

    expect((await write(58, "目標を上回った。", '"v0"', "editor")).status).toBe(403)
    expectProblem(await write(58, "目標を上回った。"), 428, "preconditionRequired")
    const before = await auditCount(h)
    const written = await write(58, "中学校での授業は目標を上回った。次年度は高校へ広げる。", '"v0"')
    expect(written.status, written.text).toBe(200)
    expect(written.body.version).toBe(1)
    expect(etagOf(written)).toBe('"v1"')
    expect(await auditCount(h)).toBe(before + 1)
    // The agency's review is untouched: same version, same status.
    expect(await getReview(h, 58, SEED_YEAR)).toEqual(review)

    expectProblem(await write(58, "古い版への書き込み", '"v0"'), 412, "preconditionFailed")
    const same = await write(58, "中学校での授業は目標を上回った。次年度は高校へ広げる。", '"v1"')
    expect(same.body.version).toBe(1)
    expect(await auditCount(h)).toBe(before + 1)

    const year = await h.request<Array<{ initiativeNo: number; note: string }>>(
      "GET",
      `/plans/${PLAN}/notes?fiscalYear=${SEED_YEAR}`,
      { token: "viewer" }
    )
    expect(year.body.map((n) => n.initiativeNo)).toEqual([58])
  })

  it("refuses a note too long at its field, and a review that does not exist", async () => {
    const long = expectProblem(await write(85, "あ".repeat(2001), '"v0"'), 400, "validation")
    expect(long.errors?.map((e) => e.path)).toEqual(["note"])
    expectProblem(await write(9999, "ない事業", '"v0"'), 404, "notFound")
    expectProblem(await h.request("GET", reviewPath(9999, SEED_YEAR, "/note"), { token: "viewer" }), 404, "notFound")
    expectProblem(
      await h.request("GET", `/plans/no%7Dsuch/initiatives/58/reviews/${SEED_YEAR}/note`, { token: "viewer" }),
      404,
      "notFound"
    )
    expectProblem(await h.request("GET", `/plans/${PLAN}/notes`, { token: "viewer" }), 400, "validation")
  })
})
