/**
 * Reviews over HTTP on both databases: optimistic concurrency (ETag / If-Match, 428 / 412, with
 * concurrent writers), the workflow, history and restore, and every kind of bad input answered as
 * problem+json with the field path of each error.
 */
import { describe, expect, it } from "vitest"
import {
  dialects,
  getReview,
  OTHER_ROW,
  PLAN,
  PROBLEM_JSON,
  rawRequest,
  reviewPath,
  SEED_YEAR,
  expectProblem,
  type Problem,
  nextYearHarness
} from "./support.ts"

interface ReviewBody {
  version: number
  status: string
  statusComment: string | null
  actions: string
  ratingReason: string
  selfRating: string | null
  measures: Array<Record<string, unknown>>
  next: { fiscalYear: number; measures: unknown[] }
  evaluation: { suggestedRating: string | null; flags: Array<{ _tag: string }> }
}

const YEAR = 2025

const pathsOf = (problem: Problem) => (problem.errors ?? []).map((error) => error.path).sort()

describe.each(dialects)("reviews on %s", (dialect) => {
  const h = nextYearHarness(dialect)

  /** The current content of a FY2025 review, ready to PUT back, and its ETag. */
  const current = async (no: number) => {
    const { review, etag } = await getReview(h(), no, YEAR)
    return { body: review as unknown as ReviewBody, etag }
  }
  const put = (no: number, json: unknown, etag: string | undefined, token = "admin") =>
    h().request<ReviewBody>("PUT", reviewPath(no, YEAR), {
      token,
      json,
      headers: etag === undefined ? {} : { "if-match": etag }
    })
  const move = (no: number, action: string, etag: string, token = "admin", comment?: string) =>
    h().request<ReviewBody>("POST", reviewPath(no, YEAR, "/status"), {
      token,
      json: comment === undefined ? { action } : { action, comment },
      headers: { "if-match": etag }
    })

  describe("ETag and If-Match", () => {
    it("GET gives a strong ETag of the version; PUT with it saves and returns the next one", async () => {
      const { body, etag } = await current(85)
      expect(etag).toBe(`"v${body.version}"`)
      const saved = await put(85, { ...body, actions: "講座を3回開催した。" }, etag)
      expect(saved.status, saved.text).toBe(200)
      expect(saved.body.version).toBe(body.version + 1)
      expect(saved.headers.get("etag")).toBe(`"v${body.version + 1}"`)
      expect(saved.body.actions).toBe("講座を3回開催した。")
      // If-Match compares strongly (RFC 9110 §13.1.1): a weak validator of the same version is refused.
      const weak = await put(85, { ...saved.body, actions: "講座を4回開催した。" }, `W/"v${saved.body.version}"`)
      expect(weak.status, weak.text).toBe(412)
    })

    it("428 without If-Match, 412 with a stale or foreign one, and nothing changes", async () => {
      const { body, etag } = await current(88)
      const missing = expectProblem(await put(88, body, undefined), 428, "preconditionRequired")
      expect(missing.instance).toBe(`/api/v1${reviewPath(88, YEAR)}`)
      const stale = await put(88, body, `"v${body.version + 7}"`)
      expectProblem(stale, 412, "preconditionFailed")
      expect(stale.headers.get("etag")).toBe(etag)
      // `*` is no garbage: it matches the current version (RFC 9110 §13.1.1; test/conventions.test.ts).
      for (const garbage of ["v1", '"1"', `"v${body.version}", "v99"`, '"vx"']) {
        expectProblem(await put(88, body, garbage), 412, "preconditionFailed")
      }
      expect((await current(88)).body.version).toBe(body.version)
    })

    it("of concurrent writers with the same ETag exactly one wins; the others get 412 and the current ETag", async () => {
      const { body, etag } = await current(89)
      const historyBefore = await h().request<unknown[]>("GET", reviewPath(89, YEAR, "/history"), { token: "viewer" })
      const writers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          put(89, { ...body, ratingReason: `writer ${i}` }, etag, i % 2 === 0 ? "admin" : "editor")
        )
      )
      const statuses = writers.map((response) => response.status).sort()
      expect(statuses, writers.map((response) => response.text).join("\n")).toEqual([200, 412, 412, 412, 412, 412])
      const winner = writers.find((response) => response.status === 200)!
      for (const loser of writers.filter((response) => response.status === 412)) {
        expectProblem(loser, 412, "preconditionFailed")
        expect(loser.headers.get("etag")).toBe(`"v${body.version + 1}"`)
      }
      const after = await current(89)
      expect(after.body.version).toBe(body.version + 1)
      expect(after.body.ratingReason).toBe(winner.body.ratingReason)
      const historyAfter = await h().request<unknown[]>("GET", reviewPath(89, YEAR, "/history"), { token: "viewer" })
      expect(historyAfter.body.length).toBe(historyBefore.body.length + 1)
    })

    it("concurrent status moves and edits race the same way", async () => {
      const { body, etag } = await current(91)
      const [submit, edit] = await Promise.all([
        move(91, "submit", etag, "editor"),
        put(91, { ...body, actions: "並行して編集" }, etag, "admin")
      ])
      expect([submit.status, edit.status].sort()).toEqual([200, 412])
      expect((await current(91)).body.version).toBe(body.version + 1)
    })
  })

  describe("workflow", () => {
    it("submit → return with a comment → submit → approve → reopen, with the editor's limits", async () => {
      let { etag } = await current(96)
      const submitted = await move(96, "submit", etag, "editor")
      expect(submitted.status, submitted.text).toBe(200)
      expect(submitted.body.status).toBe("submitted")
      etag = submitted.headers.get("etag")!
      // Submitted: the row is the secretariat's now.
      expectProblem(await put(96, submitted.body, etag, "editor"), 403, "forbidden")
      expectProblem(await move(96, "approve", etag, "editor"), 403, "forbidden")
      expectProblem(await move(96, "submit", etag), 409, "conflict")

      const noComment = expectProblem(await move(96, "return", etag), 400, "validation")
      expect(pathsOf(noComment)).toEqual(["comment"])
      expectProblem(await move(96, "return", etag, "admin", "   "), 400, "validation")
      const returned = await move(96, "return", etag, "admin", "  数値の根拠を追記してください。 ")
      expect(returned.status, returned.text).toBe(200)
      expect(returned.body).toMatchObject({
        status: "draft",
        progress: "returned",
        statusComment: "数値の根拠を追記してください。"
      })
      etag = returned.headers.get("etag")!

      const edited = await put(96, { ...returned.body, ratingReason: "根拠を追記した。" }, etag, "editor")
      expect(edited.status, edited.text).toBe(200)
      // Still returned while the agency fixes it: the comment stays on its form until it submits again.
      expect(edited.body).toMatchObject({ progress: "returned", statusComment: "数値の根拠を追記してください。" })
      const resubmitted = await move(96, "submit", edited.headers.get("etag")!, "editor")
      expect(resubmitted.body).toMatchObject({ status: "submitted", progress: "submitted", statusComment: null })
      const approved = await move(96, "approve", resubmitted.headers.get("etag")!)
      expect(approved.status, approved.text).toBe(200)
      expect(approved.body).toMatchObject({
        status: "approved",
        progress: "approved",
        statusComment: null,
        approvedVersion: approved.body.version
      })
      expectProblem(await move(96, "approve", approved.headers.get("etag")!), 409, "conflict")
      expectProblem(await move(96, "reopen", approved.headers.get("etag")!, "editor"), 403, "forbidden")
      expectProblem(await put(96, approved.body, approved.headers.get("etag")!, "editor"), 403, "forbidden")
      const reopened = await move(96, "reopen", approved.headers.get("etag")!)
      expect(reopened.body.status).toBe("draft")

      const history = await h().request<Array<{ action: string; after: string }>>(
        "GET",
        reviewPath(96, YEAR, "/history"),
        { token: "viewer" }
      )
      expect(history.body.map((entry) => entry.action).slice(0, 6)).toEqual([
        "status",
        "status",
        "status",
        "update",
        "status",
        "status"
      ])
    })

    it("the agency withdraws its own submission; a changed approval waits for approval again; an unchanged save is no version", async () => {
      const { etag } = await current(85)
      const submitted = await move(85, "submit", etag, "editor")
      expect(submitted.body.status).toBe("submitted")
      const withdrawn = await move(85, "withdraw", submitted.headers.get("etag")!, "editor")
      expect(withdrawn.status, withdrawn.text).toBe(200)
      expect(withdrawn.body).toMatchObject({ status: "draft", statusComment: null })

      const again = await move(85, "submit", withdrawn.headers.get("etag")!, "editor")
      const approved = await move(85, "approve", again.headers.get("etag")!)
      expect(approved.body.status).toBe("approved")
      // Approved, it is no longer the agency's to take back.
      expectProblem(await move(85, "withdraw", approved.headers.get("etag")!, "editor"), 409, "conflict")

      // Saving it unchanged writes nothing: the same version, nothing new in its history.
      const historyLength = async () =>
        (await h().request<Array<unknown>>("GET", reviewPath(85, YEAR, "/history"), { token: "viewer" })).body.length
      const before = await historyLength()
      const unchanged = await put(85, approved.body, approved.headers.get("etag")!)
      expect(unchanged.status, unchanged.text).toBe(200)
      expect(unchanged.body).toMatchObject({ version: approved.body.version, status: "approved" })
      expect(await historyLength()).toBe(before)

      // Changed by the secretariat, it goes back to submitted: approved content never changes silently.
      const changed = await put(
        85,
        { ...approved.body, ratingReason: "事務局が補記した。" },
        approved.headers.get("etag")!
      )
      expect(changed.status, changed.text).toBe(200)
      expect(changed.body).toMatchObject({
        status: "submitted",
        progress: "changedAfterApproval",
        approvedVersion: approved.body.version,
        version: approved.body.version + 1
      })
      const reapproved = await move(85, "approve", changed.headers.get("etag")!)
      expect(reapproved.body).toMatchObject({ progress: "approved", approvedVersion: approved.body.version + 2 })
    })

    it("rejects an unknown action with its path, and a move of a review that does not exist", async () => {
      const { etag } = await current(97)
      expect(pathsOf(expectProblem(await move(97, "publish", etag), 400, "validation"))).toEqual(["action"])
      expect(
        pathsOf(
          expectProblem(
            await h().request("POST", reviewPath(97, YEAR, "/status"), {
              token: "admin",
              json: { action: "return", comment: "x".repeat(2001) },
              headers: { "if-match": etag }
            }),
            400,
            "validation"
          )
        )
      ).toEqual(["comment"])
      expectProblem(
        await h().request("POST", reviewPath(97, 2030, "/status"), {
          token: "admin",
          json: { action: "submit" },
          headers: { "if-match": '"v0"' }
        }),
        404,
        "notFound"
      )
      expectProblem(
        await h().request("POST", reviewPath(97, YEAR, "/status"), { token: "admin", json: { action: "submit" } }),
        428,
        "preconditionRequired"
      )
    })
  })

  describe("history and restore", () => {
    it("lists every version newest first and restores an earlier one as a new version", async () => {
      let { body, etag } = await current(98)
      const texts = ["一回目の記入", "二回目の記入", "三回目の記入"]
      for (const text of texts) {
        const saved = await put(98, { ...body, actions: text }, etag, "editor")
        expect(saved.status, saved.text).toBe(200)
        body = saved.body
        etag = saved.headers.get("etag")!
      }
      const history = await h().request<
        Array<{
          id: number
          action: string
          actorLabel: string
          before: { actions?: string } | null
          after: { actions?: string } | null
        }>
      >("GET", reviewPath(98, YEAR, "/history"), { token: "viewer" })
      expect(history.status).toBe(200)
      expect(history.body.map((entry) => entry.action)).toEqual(["update", "update", "update", "rollover"])
      expect(history.body[0]!.actorLabel).toBe("token:editor")
      const first = history.body[2]!
      // The entry carries the review as an object, not as JSON text.
      expect(first.after?.actions).toBe("一回目の記入")

      const restored = await h().request<ReviewBody>("POST", reviewPath(98, YEAR, "/restore"), {
        token: "editor",
        json: { auditId: first.id },
        headers: { "if-match": etag }
      })
      expect(restored.status, restored.text).toBe(200)
      expect(restored.body.actions).toBe("一回目の記入")
      expect(restored.body.version).toBe(body.version + 1)
      const after = await h().request<Array<{ action: string }>>("GET", reviewPath(98, YEAR, "/history"), {
        token: "viewer"
      })
      expect(after.body[0]!.action).toBe("restore")

      const now = restored.headers.get("etag")!
      expectProblem(
        await h().request("POST", reviewPath(98, YEAR, "/restore"), { token: "editor", json: { auditId: first.id } }),
        428,
        "preconditionRequired"
      )
      expectProblem(
        await h().request("POST", reviewPath(98, YEAR, "/restore"), {
          token: "editor",
          json: { auditId: first.id },
          headers: { "if-match": etag }
        }),
        412,
        "preconditionFailed"
      )
      // An entry of another review, one that does not exist, one beyond the id column: 404 / 400.
      const other = await h().request<Array<{ id: number }>>("GET", reviewPath(OTHER_ROW, YEAR, "/history"), {
        token: "viewer"
      })
      expectProblem(
        await h().request("POST", reviewPath(98, YEAR, "/restore"), {
          token: "admin",
          json: { auditId: other.body[0]!.id },
          headers: { "if-match": now }
        }),
        404,
        "notFound"
      )
      expectProblem(
        await h().request("POST", reviewPath(98, YEAR, "/restore"), {
          token: "admin",
          json: { auditId: 2_000_000_000 },
          headers: { "if-match": now }
        }),
        404,
        "notFound"
      )
      const huge = expectProblem(
        await h().request("POST", reviewPath(98, YEAR, "/restore"), {
          token: "admin",
          json: { auditId: 2 ** 40 },
          headers: { "if-match": now }
        }),
        400,
        "validation"
      )
      expect(pathsOf(huge)).toEqual(["auditId"])
      for (const auditId of [0, -1, 1.5, "1", null]) {
        expect(
          pathsOf(
            expectProblem(
              await h().request("POST", reviewPath(98, YEAR, "/restore"), {
                token: "admin",
                json: { auditId },
                headers: { "if-match": now }
              }),
              400,
              "validation"
            )
          )
        ).toEqual(["auditId"])
      }
      expect((await current(98)).etag).toBe(now)
    })
  })

  describe("validation errors with field paths", () => {
    const valid = async (no: number) => (await current(no)).body

    it("reports the path of every invalid field at once", async () => {
      const body = await valid(58)
      const invalid = {
        ...body,
        measures: [
          { label: "参加者", unit: "人", actual: -5, planned: 10, comparator: "exact" },
          { label: "  ", unit: "人", comparator: "sometimes" }
        ],
        selfRating: "E",
        next: { ...body.next, fiscalYear: 1999 }
      }
      const problem = expectProblem(await put(58, invalid, '"v0"'), 400, "validation")
      expect(pathsOf(problem)).toEqual([
        "measures[0].actual",
        "measures[1].comparator",
        "measures[1].label",
        "next.fiscalYear",
        "selfRating"
      ])
      for (const error of problem.errors!) {
        expect(error.ja).toBeTruthy()
        expect(error.en).toBeTruthy()
      }
      expect(problem.errors!.find((error) => error.path === "next.fiscalYear")!.ja).toContain("2000〜2100")
      expect(problem.errors!.find((error) => error.path === "selfRating")!.en).toBe("rating must be one of A, B, C, D")
    })

    it.each([
      [
        "a figure of the wrong type",
        (b: ReviewBody) => ({ ...b, measures: [{ label: "x", unit: "人", actual: "12", comparator: "exact" }] }),
        ["measures[0].actual"]
      ],
      [
        "an infinite figure",
        (b: ReviewBody) => ({ ...b, measures: [{ label: "x", unit: "人", planned: null, comparator: "exact" }] }),
        ["measures[0].planned"]
      ],
      ["a missing field", ({ actions: _actions, ...rest }: ReviewBody) => rest, ["actions"]],
      ["a missing next year", ({ next: _next, ...rest }: ReviewBody) => rest, ["next"]],
      ["text beyond 4000 characters", (b: ReviewBody) => ({ ...b, ratingReason: "あ".repeat(4001) }), ["ratingReason"]],
      [
        "more than 50 measures",
        (b: ReviewBody) => ({
          ...b,
          measures: Array.from({ length: 51 }, () => ({ label: "x", unit: "人", comparator: "exact" }))
        }),
        ["measures"]
      ],
      ["measures as an object", (b: ReviewBody) => ({ ...b, measures: { 0: { label: "x" } } }), ["measures"]],
      [
        "a fractional fiscal year",
        (b: ReviewBody) => ({ ...b, next: { ...b.next, fiscalYear: 2025.5 } }),
        ["next.fiscalYear"]
      ],
      ["a rating in words", (b: ReviewBody) => ({ ...b, selfRating: "順調" }), ["selfRating"]],
      [
        "a nested wrong type",
        (b: ReviewBody) => ({ ...b, next: { ...b.next, measures: [{ label: "x", unit: 5, comparator: "exact" }] } }),
        ["next.measures[0].unit"]
      ]
    ])("%s", async (_name, mutate, paths) => {
      const body = await valid(58)
      // The JSON text itself, so that 1e400 (Infinity once parsed) reaches the server as written.
      const text = JSON.stringify(mutate(body)).replace('"planned":null', '"planned":1e400')
      const problem = expectProblem(
        await h().request("PUT", reviewPath(58, YEAR), {
          token: "admin",
          raw: text,
          headers: { "content-type": "application/json", "if-match": '"v0"' }
        }),
        400,
        "validation"
      )
      expect(pathsOf(problem)).toEqual(paths)
    })

    it("a body that is not an object is one error at the body", async () => {
      for (const json of [null, [], "review", 42]) {
        const problem = expectProblem(await put(58, json, '"v0"'), 400, "validation")
        expect(problem.errors!.map((error) => error.path)).toEqual(["(body)"])
      }
    })

    it("ignores the read-only fields of the GET representation", async () => {
      const { body, etag } = await current(86)
      const saved = await put(
        86,
        {
          ...body,
          status: "approved",
          version: 999,
          planId: "other",
          initiativeNo: 1,
          evaluation: null,
          extra: { nested: [1, 2] }
        },
        etag,
        "editor"
      )
      expect(saved.status, saved.text).toBe(200)
      // Only read-only fields differ from what is stored: nothing changes, not even the version.
      expect(saved.body).toMatchObject({ status: "draft", version: body.version, initiativeNo: 86 })
    })
  })

  describe("text the databases cannot store", () => {
    it("NUL or a lone surrogate anywhere is a field error; any other unicode is stored verbatim", async () => {
      const { body, etag } = await current(58)
      const nul = expectProblem(
        await put(
          58,
          {
            ...body,
            actions: "a\u0000b",
            next: { ...body.next, measures: [{ label: "x\ud800", unit: "人", comparator: "exact" }] }
          },
          etag
        ),
        400,
        "validation"
      )
      expect(pathsOf(nul)).toEqual(["actions", "next.measures[0].label"])
      const hostile = "Ｒ６年度　「いのち」\u202e\u200b e\u0301 🧨𝔘 <script>'; DROP TABLE reviews; --"
      const saved = await put(58, { ...body, actions: hostile, ratingReason: "\r\n\t" }, etag)
      expect(saved.status, saved.text).toBe(200)
      expect((await current(58)).body).toMatchObject({ actions: hostile, ratingReason: "\r\n\t" })
      // Everywhere else too: a sign-in, a path parameter, a query, a target's source.
      expect(
        pathsOf(
          expectProblem(
            await h().request("POST", "/session", { json: { email: "a\u0000@example.jp", password: "x" } }),
            400,
            "validation"
          )
        )
      ).toEqual(["email"])
      expect(
        pathsOf(expectProblem(await h().request("GET", "/plans/%00", { token: "viewer" }), 400, "validation"))
      ).toEqual(["param.planId"])
      expect(
        pathsOf(expectProblem(await h().request("GET", `/audit?planId=%00`, { token: "admin" }), 400, "validation"))
      ).toEqual(["query.planId"])
      const target = {
        baseline: null,
        observations: [{ year: 2024, value: 1, source: "\u0000" }],
        targetValue: 1,
        targetYear: null
      }
      expect(
        pathsOf(
          expectProblem(
            await h().request("PUT", `/plans/${PLAN}/targets/stress-men`, {
              token: "admin",
              json: target,
              headers: { "if-match": '"v1"' }
            }),
            400,
            "validation"
          )
        )
      ).toEqual(["observations[0].source"])
    })

    it("two observations of one year are a field error, not a database error", async () => {
      const target = {
        baseline: null,
        observations: [
          { year: 2023, value: 30 },
          { year: 2024, value: 28 },
          { year: 2023, value: 29 }
        ],
        targetValue: 25,
        targetYear: 2028
      }
      const response = await h().request("PUT", `/plans/${PLAN}/targets/stress-women`, {
        token: "admin",
        json: target,
        headers: { "if-match": '"v1"' }
      })
      expect(pathsOf(expectProblem(response, 400, "validation"))).toEqual(["observations[2].year"])
    })
  })

  describe("bad requests", () => {
    const etag = '"v0"'

    it("malformed JSON is a 400 malformedJson problem", async () => {
      for (const raw of ["{", '{"actions": }', "{'actions': 'x'}", "nul", '{"a":1}}', "\u0000"]) {
        const problem = expectProblem(
          await h().request("PUT", reviewPath(58, YEAR), {
            token: "admin",
            raw,
            headers: { "content-type": "application/json", "if-match": etag }
          }),
          400,
          "malformedJson"
        )
        expect(problem.title).toMatch(/JSON/)
      }
      expectProblem(
        await h().request("POST", "/session", { raw: "{", headers: { "content-type": "application/json" } }),
        400,
        "malformedJson"
      )
    })

    it("a body that is not JSON is 415", async () => {
      const { body } = await current(58)
      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
        "application/xml"
      ]) {
        expectProblem(
          await h().request("PUT", reviewPath(58, YEAR), {
            token: "admin",
            raw: JSON.stringify(body),
            headers: { "content-type": type, "if-match": etag }
          }),
          415,
          "unsupportedMediaType"
        )
      }
      expectProblem(
        await h().request("POST", `/plans/${PLAN}/fiscal-years/2025/rollover`, {
          token: "admin",
          raw: "year=2025",
          headers: { "content-type": "text/plain" }
        }),
        415,
        "unsupportedMediaType"
      )
      // A JSON media type with parameters or a +json suffix is fine.
      const ok = await h().request("PUT", reviewPath(58, YEAR), {
        token: "admin",
        raw: JSON.stringify(body),
        headers: { "content-type": "application/merge-patch+json; charset=utf-8", "if-match": `"v${body.version}"` }
      })
      expect(ok.status, ok.text).toBe(200)
    })

    it("a body over 1 MiB is 413, with or without a Content-Length", async () => {
      const { body } = await current(58)
      const big = JSON.stringify({ ...body, actions: "x".repeat(1024 * 1024) })
      const url = `${h().url}/api/v1${reviewPath(58, YEAR)}`
      const headers = {
        authorization: `Bearer ${h().tokens.admin}`,
        "content-type": "application/json",
        "if-match": etag
      }
      const expect413 = (response: {
        status: number
        headers: Record<string, string | string[] | undefined>
        text: string
      }) => {
        expect(response.status, response.text).toBe(413)
        expect(response.headers["content-type"]).toMatch(PROBLEM_JSON)
        expect(JSON.parse(response.text)).toMatchObject({ type: "urn:sukoyaka:problem:payloadTooLarge", status: 413 })
      }
      expect413(
        await rawRequest(url, {
          method: "PUT",
          headers: { ...headers, "content-length": String(Buffer.byteLength(big)) },
          body: big
        })
      )
      // Chunked, so that only counting the bytes read can tell.
      expect413(
        await rawRequest(url, {
          method: "PUT",
          headers,
          body: ['{"actions":"', ...Array.from({ length: 17 }, () => "y".repeat(64 * 1024)), '"}']
        })
      )
      expect413(
        await rawRequest(`${h().url}/api/v1/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: big
        })
      )
      // Just under the limit is read (and then judged on its content).
      const under = JSON.stringify({ ...body, actions: "x".repeat(1024 * 1024 - 20_000) })
      expectProblem(
        await h().request("PUT", reviewPath(58, YEAR), {
          token: "admin",
          raw: under,
          headers: { "content-type": "application/json", "if-match": etag }
        }),
        400,
        "validation"
      )
    })

    it("an impossible fiscal year or initiative number in the path is 400 with the parameter's path", async () => {
      for (const year of ["1999", "2101", "20x5", "2025.5", "-2025", "１９９９"]) {
        const problem = expectProblem(
          await h().request("GET", `/plans/${PLAN}/initiatives/58/reviews/${encodeURIComponent(year)}`, {
            token: "viewer"
          }),
          400,
          "validation"
        )
        expect(pathsOf(problem)).toEqual(["param.fiscalYear"])
      }
      for (const no of ["0", "10000", "5.5", "abc"]) {
        const problem = expectProblem(
          await h().request("PUT", `/plans/${PLAN}/initiatives/${no}/reviews/${YEAR}`, {
            token: "admin",
            json: {},
            headers: { "if-match": etag }
          }),
          400,
          "validation"
        )
        expect(pathsOf(problem)).toContain("param.no")
      }
      const year = expectProblem(
        await h().request("PUT", reviewPath(58, 1999), {
          token: "admin",
          json: (await current(58)).body,
          headers: { "if-match": etag }
        }),
        400,
        "validation"
      )
      expect(pathsOf(year)).toEqual(["param.fiscalYear"])
    })

    it("an unknown plan, initiative or year is 404", async () => {
      const { body } = await current(58)
      const headers = { "if-match": '"v1"' }
      expectProblem(
        await h().request("PUT", `/plans/no-such-plan/initiatives/58/reviews/${YEAR}`, {
          token: "admin",
          json: body,
          headers
        }),
        404,
        "notFound"
      )
      expectProblem(
        await h().request("PUT", reviewPath(9999, YEAR), { token: "admin", json: body, headers }),
        404,
        "notFound"
      )
      expectProblem(
        await h().request("PUT", reviewPath(58, 2031), { token: "admin", json: body, headers }),
        404,
        "notFound"
      )
      expectProblem(
        await h().request("GET", `/plans/no-such-plan/initiatives/58/reviews/${SEED_YEAR}/history`, {
          token: "viewer"
        }),
        404,
        "notFound"
      )
      expectProblem(
        await h().request("POST", `/plans/no-such-plan/initiatives/58/reviews/${YEAR}/restore`, {
          token: "admin",
          json: { auditId: 1 },
          headers
        }),
        404,
        "notFound"
      )
    })

    it("every problem names its request id and the path, never internals", async () => {
      const response = await h().request("PUT", reviewPath(58, YEAR), {
        token: "admin",
        raw: "{",
        headers: { "content-type": "application/json", "if-match": etag }
      })
      const problem = expectProblem(response, 400, "malformedJson")
      expect(problem.requestId).toBe(response.headers.get("x-request-id"))
      expect(problem.instance).toBe(`/api/v1${reviewPath(58, YEAR)}`)
    })
  })
})
