/**
 * Tags proposed by agencies (#24) over real HTTP on both databases: refused while the city has not
 * switched proposals on; then an editor proposes for its own agency's initiative (not another's),
 * the admin accepts (the tag exists, the coverage shows it) or declines with a reason the proposer
 * reads; every change audited, bad input a problem+json.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  auditCount,
  dialects,
  etagOf,
  expectProblem,
  type Harness,
  OTHER_ROW,
  PLAN,
  SEED_YEAR,
  startHarness
} from "./support.ts"

interface Proposal {
  id: number
  status: string
  declineReason: string
  tag: { measureCode: string }
}
interface Report {
  measures: Array<{ code: string; initiatives: Array<{ no: number; via: unknown }> }>
}

const tag = (measureCode: string) => ({
  frameworkId: "jscp-package",
  measureCode,
  since: SEED_YEAR,
  until: null,
  role: "primary",
  rationale: "テスト"
})

describe.each(dialects)("tag proposals on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  })
  afterAll(async () => h.close())

  it("takes tag proposals only when the city switched them on, from the initiative's agency", async () => {
    const proposalsOf = (no: number) => `/plans/${PLAN}/initiatives/${no}/tag-proposals`
    const proposal = { ...tag("J8"), rationale: "遺族の相談を受けている" }
    const propose = (no: number, token: string, json: unknown = proposal) =>
      h.request<Proposal>("POST", proposalsOf(no), { token, json })

    const settingsPath = `/plans/${PLAN}/framework-settings`
    const settings = await h.request<Record<string, unknown>>("GET", settingsPath, { token: "admin" })
    expect(settings.body["tagProposals"]).toBe(false)
    const before = await auditCount(h)
    const off = await propose(58, "editor")
    expectProblem(off, 409, "conflict")
    expect(off.text).toContain("提案を受け付けていません")
    expect(await auditCount(h)).toBe(before)

    const { planId: _planId, version: _version, tagProposals: _off, ...values } = settings.body
    const on = await h.request("PUT", settingsPath, {
      token: "admin",
      json: { ...values, tagProposals: true },
      headers: { "if-match": etagOf(settings) }
    })
    expect(on.status, on.text).toBe(200)
    // A client that leaves the switch out (written before it existed) keeps it as it is.
    const kept = await h.request<Record<string, unknown>>("PUT", settingsPath, {
      token: "admin",
      json: values,
      headers: { "if-match": etagOf(on) }
    })
    expect(kept.body["tagProposals"]).toBe(true)

    expect((await propose(58, "otherEditor")).status).toBe(403)
    expect((await propose(58, "viewer")).status).toBe(403)
    expect((await propose(OTHER_ROW, "editor")).status).toBe(403)
    expectProblem(await propose(58, "editor", { ...proposal, rationale: "" }), 400, "validation")
    expectProblem(await propose(58, "editor", { ...proposal, measureCode: "J99" }), 422, "frameworkInvalid")
    expect(await auditCount(h)).toBe(before + 2)

    const made = await propose(58, "editor")
    expect(made.status, made.text).toBe(201)
    expect(made.body).toMatchObject({ status: "pending", tag: { measureCode: "J8" } })
    expect(await auditCount(h)).toBe(before + 3)
    const pending = await h.request<Array<Proposal>>("GET", `/plans/${PLAN}/tag-proposals`, { token: "admin" })
    expect(pending.body.map((p) => p.id)).toEqual([made.body.id])

    const accept = (id: number, token: string, ifMatch: string) =>
      h.request<{ proposal: Proposal; tags: { tags: Array<{ measureCode: string }> } }>(
        "POST",
        `${proposalsOf(58)}/${id}/accept`,
        { token, headers: { "if-match": ifMatch } }
      )
    const tagsEtag = etagOf(await h.request("GET", `/plans/${PLAN}/initiatives/58/tags`, { token: "admin" }))
    expect((await accept(made.body.id, "editor", tagsEtag)).status).toBe(403)
    expectProblem(await accept(made.body.id, "admin", '"v7"'), 412, "preconditionFailed")
    const accepted = await accept(made.body.id, "admin", tagsEtag)
    expect(accepted.status, accepted.text).toBe(200)
    expect(accepted.body.proposal.status).toBe("accepted")
    expect(accepted.body.tags.tags.map((t) => t.measureCode)).toEqual(["J8"])
    expect(await auditCount(h)).toBe(before + 5) // the proposal and the tags
    expectProblem(await accept(made.body.id, "admin", etagOf(accepted)), 409, "conflict")
    const report = await h.request<Report>(
      "GET",
      `/plans/${PLAN}/coverage?framework=jscp-package&fiscalYear=${SEED_YEAR}`,
      { token: "viewer" }
    )
    const j8 = report.body.measures.find((measure) => measure.code === "J8")!
    expect(j8.initiatives).toEqual([expect.objectContaining({ no: 58, via: null })])

    const second = await propose(58, "editor", { ...proposal, measureCode: "J3" })
    expect(second.status).toBe(201)
    const decline = (token: string, json: unknown) =>
      h.request<Proposal>("POST", `${proposalsOf(58)}/${second.body.id}/decline`, {
        token,
        json,
        headers: { "if-match": '"v1"' }
      })
    expect((await decline("editor", {})).status).toBe(403)
    expectProblem(await decline("admin", { reason: "x".repeat(501) }), 400, "validation")
    const declined = await decline("admin", { reason: "勤務問題の事業ではありません" })
    expect(declined.status, declined.text).toBe(200)
    expect(etagOf(declined)).toBe('"v2"')
    const seen = await h.request<Array<Proposal>>("GET", proposalsOf(58), { token: "editor" })
    expect(seen.body.map((p) => [p.status, p.declineReason])).toEqual([
      ["accepted", ""],
      ["declined", "勤務問題の事業ではありません"]
    ])
    expect((await h.request<Array<Proposal>>("GET", `/plans/${PLAN}/tag-proposals`, { token: "admin" })).body).toEqual(
      []
    )
  })
})
