import { describe, expect, it, layer } from "@effect/vitest"
import { AgencyId, Plan, PlanId, Review, StaleVersion } from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Effect, Option, Result, Schema } from "effect"
import { TestClock } from "effect/testing"
import * as SqlClient from "effect/sql/SqlClient"
import {
  Accounts,
  Audit,
  Coordination,
  Initiatives,
  Plans,
  RatingPolicies,
  ReviewRow,
  Reviews,
  rowOfSnapshot,
  seedDataset,
  Targets
} from "../src/index.ts"
import { storedReviewOfRow } from "../src/reviewRows.ts"
import { dialects, testStorageLayer, withoutStamps } from "../src/testing.ts"

const dataset = loadDataset()
const planId = dataset.plan.id
const alice = { id: "user-alice", label: "alice@example.jp" }
const key = (initiativeNo: number) => ({ planId, initiativeNo, fiscalYear: 2024 })

describe.each(dialects)("storage on %s", (dialect) => {
  // Real time: expiry and audit timestamps are compared with the wall clock.
  layer(testStorageLayer(dialect), { timeout: "60 seconds", excludeTestServices: true })((it) => {
    it.effect("seeds the Tomakomai dataset into an empty database, once", () =>
      Effect.gen(function* () {
        expect(yield* seedDataset(dataset)).toEqual({ _tag: "Seeded", initiatives: 55, reviews: 55 })
        expect(yield* seedDataset(dataset)).toEqual({ _tag: "AlreadyPresent" })
        const initiatives = yield* Initiatives
        const reviews = yield* Reviews
        const stored = yield* initiatives.list(planId)
        expect(stored.map(withoutStamps)).toEqual(dataset.initiatives)
        expect((yield* reviews.listByYear(planId, 2024)).map(withoutStamps)).toEqual(dataset.reviews)
        expect((yield* (yield* Plans).get(planId)).basicPolicies).toEqual(dataset.plan.basicPolicies)
        expect(yield* (yield* Targets).list(planId)).toEqual(
          dataset.targets.map((target) => ({ ...target, version: 1 }))
        )
        expect((yield* (yield* Plans).agencies(planId)).length).toBe(dataset.agencies.length)
      })
    )

    it.effect("filters initiatives by objective and by agency", () =>
      Effect.gen(function* () {
        const initiatives = yield* Initiatives
        expect((yield* initiatives.list(planId, { objectiveNo: 3 })).map((i) => i.no)).toEqual([82, 83, 84, 85, 86, 87])
        expect((yield* initiatives.list(planId, { agencyId: "shiritsu-byoin" })).map((i) => i.no)).toEqual([63])
        expect((yield* initiatives.list("no-such-plan")).length).toBe(0)
      })
    )

    it.effect("updates a review with its version, audited with before and after", () =>
      Effect.gen(function* () {
        const reviews = yield* Reviews
        const before = yield* reviews.get(key(87))
        const after = yield* reviews.update(alice, key(87), before.version, {
          ...before,
          ratingReason: "参加者が予定を下回った。"
        })
        expect(after.version).toBe(before.version + 1)
        expect((yield* reviews.get(key(87))).ratingReason).toBe("参加者が予定を下回った。")
        const [entry] = yield* (yield* Audit).list({
          planId,
          entity: "review",
          entityKey: `${planId}/87/2024`,
          limit: 1
        })
        expect(entry).toMatchObject({ action: "update", actorId: "user-alice", actorLabel: "alice@example.jp" })
        expect((entry!.before as { ratingReason: string }).ratingReason).toBe(before.ratingReason)
        expect((entry!.after as { ratingReason: string }).ratingReason).toBe("参加者が予定を下回った。")
        expect(entry!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      })
    )

    it.effect("counts a plan's changes: one more with every write, none for an unknown plan", () =>
      Effect.gen(function* () {
        const audit = yield* Audit
        const reviews = yield* Reviews
        const before = yield* audit.changeCount(planId)
        expect(before).toBeGreaterThan(0)
        const review = yield* reviews.get(key(88))
        yield* reviews.update(alice, key(88), review.version, { ...review, ratingReason: "変更件数の確認" })
        expect(yield* audit.changeCount(planId)).toBe(before + 1)
        expect(yield* audit.changeCount("no-such-plan")).toBe(0)
      })
    )

    it.effect(
      "saves what is stored as no change, and a change to an approved review as stored, resubmitted and audited",
      () =>
        Effect.gen(function* () {
          const reviews = yield* Reviews
          const audit = yield* Audit
          const current = yield* reviews.get(key(62))
          expect(current.status).toBe("approved")
          const count = yield* audit.changeCount(planId)
          // The same content (a new array and objects, equal values): no new version, nothing audited.
          const same = yield* reviews.update(alice, key(62), current.version, {
            ...current,
            measures: current.measures.map((measure) => ({ ...measure })),
            next: { ...current.next }
          })
          expect(same.version).toBe(current.version)
          expect(yield* audit.changeCount(planId)).toBe(count)

          const changed = yield* reviews.update(alice, key(62), current.version, {
            ...current,
            measures: current.measures.slice(1),
            ratingReason: "指標を一つ減らした"
          })
          expect(changed).toMatchObject({ version: current.version + 1, status: "submitted", statusComment: null })
          // What was written is what is read back, and what the audit entry says after.
          const stored = yield* reviews.get(key(62))
          expect(withoutStamps(stored)).toEqual(withoutStamps(changed))
          const [entry] = yield* audit.list({ planId, entity: "review", entityKey: `${planId}/62/2024`, limit: 1 })
          expect(yield* audit.changeCount(planId)).toBe(count + 1)
          expect(entry!.before).toEqual(Schema.encodeSync(Review)(current))
          expect(entry!.after).toEqual(Schema.encodeSync(Review)(stored))
        })
    )

    it.effect("reads a review for a write from its row as the driver gives it: what get decodes, in order", () =>
      Effect.gen(function* () {
        const sql = (yield* SqlClient.SqlClient).withoutTransforms()
        const reviews = yield* Reviews
        const rows = yield* sql<Record<string, unknown>>`SELECT * FROM reviews WHERE plan_id = ${planId}`
        expect(rows.length).toBeGreaterThan(50)
        for (const row of rows) {
          const read = storedReviewOfRow(row)
          const decoded = yield* reviews.get({
            planId,
            initiativeNo: Number(row.initiative_no),
            fiscalYear: Number(row.fiscal_year)
          })
          expect(read).toStrictEqual(decoded)
          // The same JSON text: the audit's snapshot of the review before a write is taken from it.
          expect(JSON.stringify(read)).toBe(JSON.stringify(decoded))
        }
      })
    )

    it.effect(
      "audits a write's before and after as the text of the schema's snapshots, in and out of a transaction",
      () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const reviews = yield* Reviews
          const snapshotText = (review: Review) => JSON.stringify(Schema.encodeSync(Review)(review))
          const entryText = Effect.map(
            sql.withoutTransforms()<{ before: string; after: string }>`SELECT before, after FROM audit_log
            WHERE entity = 'review' AND entity_key = ${`${planId}/84/2024`} ORDER BY id DESC LIMIT 1`,
            ([entry]) => entry!
          )
          const current = yield* reviews.get(key(84))
          const changed = yield* reviews.update(alice, key(84), current.version, {
            ...current,
            ratingReason: "監査の確認"
          })
          expect(yield* entryText).toEqual({
            before: snapshotText(withoutStamps(current)),
            after: snapshotText(withoutStamps(changed))
          })
          // Inside a caller's transaction (an import): the write is a savepoint of it, audited the same way.
          const again = yield* sql.withTransaction(reviews.setStatus(alice, key(84), changed.version, "approved", null))
          expect(again.approvedVersion).toBe(changed.version + 1)
          expect(yield* entryText).toEqual({
            before: snapshotText(withoutStamps(changed)),
            after: snapshotText(withoutStamps(again))
          })
          expect(withoutStamps(yield* reviews.get(key(84)))).toEqual(withoutStamps(again))
        })
    )

    it.effect("refuses a write based on a stale version and changes nothing", () =>
      Effect.gen(function* () {
        const reviews = yield* Reviews
        const current = yield* reviews.get(key(57))
        yield* reviews.update(alice, key(57), current.version, { ...current, ratingReason: "first" })
        const stale = yield* Effect.result(
          reviews.update(alice, key(57), current.version, { ...current, ratingReason: "second" })
        )
        expect(Result.isFailure(stale) && stale.failure).toBeInstanceOf(StaleVersion)
        expect((yield* reviews.get(key(57))).ratingReason).toBe("first")
      })
    )

    it.effect("reads back and restores an earlier version of a review, and audits the restore", () =>
      Effect.gen(function* () {
        const reviews = yield* Reviews
        const original = yield* reviews.get(key(58))
        const edited = yield* reviews.update(alice, key(58), original.version, {
          ...original,
          selfRating: "D",
          ratingReason: "間違い"
        })
        // The seed's review was approved: changed, it waits for approval again.
        expect(original.status).toBe("approved")
        expect(edited).toMatchObject({ status: "submitted", statusComment: null })
        const history = yield* reviews.history(key(58))
        expect(history.map((entry) => entry.action)).toEqual(["update", "create"])
        const seeded = history.find((entry) => entry.action === "create")!
        const restored = yield* reviews.restore(alice, key(58), seeded.id, edited.version)
        // The content comes back; the approval does not come back by itself.
        expect(withoutStamps(restored)).toEqual({
          ...withoutStamps(original),
          status: "submitted",
          statusComment: null,
          version: edited.version + 1
        })
        expect((yield* reviews.history(key(58)))[0]).toMatchObject({ action: "restore", actorId: "user-alice" })
      })
    )

    it.effect("moves the workflow status with a comment", () =>
      Effect.gen(function* () {
        const reviews = yield* Reviews
        const current = yield* reviews.get(key(59))
        const returned = yield* reviews.setStatus(alice, key(59), current.version, "draft", "数値を確認してください")
        expect(returned).toMatchObject({ status: "draft", statusComment: "数値を確認してください" })
      })
    )

    it.effect("versions initiatives and targets too", () =>
      Effect.gen(function* () {
        const initiatives = yield* Initiatives
        const targets = yield* Targets
        const initiative = yield* initiatives.get(planId, 60)
        yield* initiatives.update(alice, planId, 60, initiative.version, {
          agencies: [AgencyId.make("kyoiku-shido"), AgencyId.make("kenko-shien")]
        })
        expect((yield* initiatives.list(planId, { agencyId: "kenko-shien" })).map((i) => i.no)).toContain(60)
        expect(
          Result.isFailure(
            yield* Effect.result(initiatives.update(alice, planId, 60, initiative.version, { name: "x" }))
          )
        ).toBe(true)

        const target = yield* targets.get(planId, "suicide-rate")
        const observed = yield* targets.update(alice, planId, "suicide-rate", 1, (t) => ({
          ...t,
          baseline: { year: 2017, value: 20.6, numerator: 35, denominator: 170000 },
          observations: [{ year: 2023, value: 15.3, numerator: 26, denominator: 170000 }]
        }))
        expect(observed.version).toBe(2)
        expect((yield* targets.get(planId, "suicide-rate")).observations).toEqual([
          { year: 2023, value: 15.3, numerator: 26, denominator: 170000 }
        ])
        expect(
          Result.isFailure(
            yield* Effect.result(targets.update(alice, planId, "suicide-rate", target.version ?? 1, (t) => t))
          )
        ).toBe(true)
      })
    )

    it.effect("keeps rating policies per plan and versioned", () =>
      Effect.gen(function* () {
        const policies = yield* RatingPolicies
        const first = yield* policies.forYear(planId, 2024)
        expect(first.version).toBe(1)
        const { version: _v, ...rest } = first
        const second = yield* policies.create(alice, {
          ...rest,
          effectiveFrom: (first.effectiveFrom + 1) as never,
          thresholds: { A: 1, B: 0.8, C: 0.5 }
        })
        expect(second.version).toBe(2)
        expect((yield* policies.forYear(planId, 2024)).version).toBe(1)
        expect((yield* policies.forYear(planId, 2025)).version).toBe(2)
      })
    )

    it.effect("stores users, hashed tokens and sessions", () =>
      Effect.gen(function* () {
        const accounts = yield* Accounts
        const user = yield* accounts.createUser(alice, {
          id: "u1",
          email: "editor@example.jp",
          displayName: "編集者",
          role: "editor",
          agencies: [AgencyId.make("police")],
          passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"
        })
        expect(user).toMatchObject({ role: "editor", disabled: false })
        expect(Result.isFailure(yield* Effect.result(accounts.createUser(alice, { ...user, passwordHash: "x" })))).toBe(
          true
        )
        yield* accounts.createToken(alice, {
          id: "t1",
          name: "ci",
          tokenHash: "hash-1",
          role: "viewer",
          agencies: [],
          createdBy: "u1",
          expiresAt: null
        })
        expect(Option.isSome(yield* accounts.activeToken("hash-1"))).toBe(true)
        yield* accounts.createToken(alice, {
          id: "t2",
          name: "old",
          tokenHash: "hash-2",
          role: "viewer",
          agencies: [],
          createdBy: "u1",
          expiresAt: "2000-01-01T00:00:00.000Z"
        })
        expect(Option.isNone(yield* accounts.activeToken("hash-2"))).toBe(true)
        expect(yield* accounts.revokeToken(alice, "t1")).toBe(true)
        expect(Option.isNone(yield* accounts.activeToken("hash-1"))).toBe(true)
        yield* accounts.createSession({
          idHash: "s1",
          userId: "u1",
          csrfToken: "c",
          expiresAt: "2999-01-01T00:00:00.000Z"
        })
        expect(Option.map(yield* accounts.sessionUser("s1"), (s) => s.user.id)).toEqual(Option.some("u1"))
        yield* accounts.updateUser(alice, "u1", { disabled: true })
        expect(Option.isNone(yield* accounts.sessionUser("s1"))).toBe(true)
        const audit = yield* (yield* Audit).list({ entity: "apiToken" })
        expect(JSON.stringify(audit)).not.toContain("hash-1")
      })
    )

    it.effect("counts rate limits and holds locks in the database", () =>
      Effect.gen(function* () {
        const coordination = yield* Coordination
        const hits = []
        for (let i = 0; i < 4; i++) hits.push((yield* coordination.hit("signin:1.2.3.4", 3, 60)).allowed)
        expect(hits).toEqual([true, true, true, false])
        expect(yield* coordination.acquire("rollover", "a", 30)).toBe(true)
        expect(yield* coordination.acquire("rollover", "b", 30)).toBe(false)
        yield* coordination.release("rollover", "a")
        expect(yield* coordination.acquire("rollover", "b", 30)).toBe(true)
      })
    )

    it.effect("counts hits in a sliding window: a burst across a window's edge is still one burst", () =>
      Effect.gen(function* () {
        const coordination = yield* Coordination
        const verdicts = []
        // Two hits at the end of one minute, two just after it: a fixed window would start again at
        // the edge and let the fourth through.
        yield* TestClock.setTime(Date.parse("2026-12-04T10:00:58Z"))
        for (let i = 0; i < 2; i++) verdicts.push(yield* coordination.hit("burst", 3, 60))
        yield* TestClock.setTime(Date.parse("2026-12-04T10:01:01Z"))
        for (let i = 0; i < 2; i++) verdicts.push(yield* coordination.hit("burst", 3, 60))
        expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, true, false])
        // The previous minute's hits weigh less as it slides away; a minute idle forgets them.
        expect(verdicts[3]!.retryAfterSeconds).toBeGreaterThan(0)
        yield* TestClock.setTime(Date.parse("2026-12-04T10:01:01Z") + verdicts[3]!.retryAfterSeconds * 1000)
        expect((yield* coordination.hit("burst", 3, 60)).allowed).toBe(true)
        yield* TestClock.setTime(Date.parse("2026-12-04T10:04:30Z"))
        expect((yield* coordination.hit("burst", 3, 60)).count).toBe(1)
      }).pipe(Effect.provide(TestClock.layer()))
    )

    it.effect("keeps several plans side by side, every query scoped by plan", () =>
      Effect.gen(function* () {
        // Another city's plan with the same numbering: nothing of one may show in the other.
        const otherId = PlanId.make("other-city")
        const other = {
          ...dataset,
          plan: new Plan({ ...dataset.plan, id: otherId, city: "別の市" }),
          initiatives: dataset.initiatives
            .slice(0, 3)
            .map((initiative) => ({ ...initiative, planId: otherId, name: `${initiative.name}（別の市）` })),
          reviews: dataset.reviews
            .slice(0, 3)
            .map((review) => ({ ...review, planId: otherId, ratingReason: "別の市の理由" })),
          ratingPolicy: { ...dataset.ratingPolicy, planId: otherId }
        }
        expect(yield* seedDataset(other)).toEqual({ _tag: "Seeded", initiatives: 3, reviews: 3 })
        const initiatives = yield* Initiatives
        const reviews = yield* Reviews
        expect((yield* initiatives.list(otherId)).map((i) => i.name)).toEqual(other.initiatives.map((i) => i.name))
        expect((yield* initiatives.list(planId)).length).toBe(55)
        expect((yield* reviews.get({ planId: otherId, initiativeNo: 57, fiscalYear: 2024 })).ratingReason).toBe(
          "別の市の理由"
        )
        expect((yield* reviews.get(key(57))).ratingReason).not.toBe("別の市の理由")
        expect((yield* (yield* Plans).list).map((plan) => plan.id)).toEqual(["other-city", "tomakomai-step3"])
        expect(
          (yield* (yield* Audit).list({ planId: otherId, limit: 1000 })).every((entry) => entry.planId === otherId)
        ).toBe(true)
      })
    )

    it.effect("enforces foreign keys", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const result = yield* Effect.result(
          sql`INSERT INTO initiative_agencies (plan_id, initiative_no, agency_id) VALUES ('nope', 1, 'nope')`
        )
        expect(Result.isFailure(result)).toBe(true)
      })
    )
  })
})

describe("a review's row", () => {
  it("is its snapshot with the measures and the next year's plan as JSON text: the encoded row", () => {
    expect(dataset.reviews.length).toBeGreaterThan(50)
    for (const review of dataset.reviews)
      expect(rowOfSnapshot(Schema.encodeSync(Review)(review))).toStrictEqual(Schema.encodeSync(ReviewRow)(review))
  })
})
