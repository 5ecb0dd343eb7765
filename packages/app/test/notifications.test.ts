import { afterAll, beforeAll, describe, expect, layer } from "@effect/vitest"
import { actorOf, AgencyId, type Cycle, FiscalYear, PlanId, todayInJapan, type User } from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Accounts, Cycles, Notifications, Outbox, Reviews } from "@sukoyaka/storage"
import { dialects, OTHER_AGENCY, OWN_AGENCY, OWN_ROWS, PLAN, testStorageLayer } from "@sukoyaka/storage/testing"
import { Clock, Effect, Layer } from "effect"
import { deliverOutbox, dueReminders, moveReview, queueReminders, rollover, seedPlan, Structure } from "../src/index.ts"
import { startTestSmtpServer, type TestSmtpServer } from "../src/testing.ts"

const FY = FiscalYear.make(2025)
const system = { id: null, label: "system" }
const daysFromToday = (days: number) => todayInJapan(new Date(Date.now() + days * 86_400_000))

/** Effect's clock `minutes` ahead: the time a retry waits for, without waiting. */
const minutesLater =
  (minutes: number) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Clock.clockWith((clock) => {
      const shift = minutes * 60_000
      const later: Clock.Clock = {
        currentTimeMillisUnsafe: () => clock.currentTimeMillisUnsafe() + shift,
        currentTimeMillis: Effect.map(clock.currentTimeMillis, (millis) => millis + shift),
        currentTimeNanosUnsafe: () => clock.currentTimeNanosUnsafe() + BigInt(shift) * 1_000_000n,
        currentTimeNanos: Effect.map(clock.currentTimeNanos, (nanos) => nanos + BigInt(shift) * 1_000_000n),
        monotonicTimeNanosUnsafe: () => clock.monotonicTimeNanosUnsafe(),
        monotonicTimeNanos: clock.monotonicTimeNanos,
        sleep: clock.sleep
      }
      return Effect.provideService(effect, Clock.Clock, later)
    })

let smtp: TestSmtpServer
beforeAll(async () => {
  smtp = await startTestSmtpServer()
})
afterAll(() => smtp.close())

const createUser = (id: string, role: User["role"], agencies: ReadonlyArray<string>, language: User["language"]) =>
  Effect.flatMap(Accounts, (accounts) =>
    accounts.createUser(system, {
      id,
      email: `${id}@city.example.jp`,
      displayName: id,
      role,
      agencies: agencies.map((agency) => AgencyId.make(agency)),
      passwordHash: "x",
      language
    })
  )

describe.each(dialects)("notifications and reminders on %s", (dialect) => {
  layer(Structure.layer.pipe(Layer.provideMerge(testStorageLayer(dialect))), {
    timeout: "120 seconds",
    excludeTestServices: true
  })((it) => {
    it.effect("a return reaches the agency's editors in the app and by mail, in their language", () =>
      Effect.gen(function* () {
        yield* seedPlan(loadDataset())
        yield* rollover(PLAN, FY, system)
        const editorJa = yield* createUser("editor-ja", "editor", [OWN_AGENCY], "ja")
        const editorEn = yield* createUser("editor-en", "editor", [OWN_AGENCY], "en")
        const other = yield* createUser("editor-other", "editor", [OTHER_AGENCY], "ja")
        const admin = yield* createUser("secretariat", "admin", [], "ja")
        const key = { planId: PLAN, initiativeNo: OWN_ROWS[0], fiscalYear: FY }
        const reviews = yield* Reviews
        const draft = yield* reviews.get(key)

        const asEditor = { id: editorJa.id, label: editorJa.email }
        yield* moveReview(actorOf(editorJa), asEditor, key, draft.version, "submit", null)
        const asAdmin = { id: admin.id, label: admin.email }
        yield* moveReview(actorOf(admin), asAdmin, key, draft.version + 1, "return", "実績の数値を入れてください")

        const notifications = yield* Notifications
        const ofAdmin = yield* notifications.listFor(admin.id, 10)
        expect(ofAdmin.items.map((n) => n.kind)).toEqual(["submitted"])
        const ofEditor = yield* notifications.listFor(editorJa.id, 10)
        expect(ofEditor.unread).toBe(1)
        expect(ofEditor.items[0]).toMatchObject({
          kind: "returned",
          initiativeNo: OWN_ROWS[0],
          payload: { comment: "実績の数値を入れてください" }
        })
        // The submitter is not told of its own submission; another agency hears nothing.
        expect((yield* notifications.listFor(editorEn.id, 10)).items.map((n) => n.kind)).toEqual(["returned"])
        expect((yield* notifications.listFor(other.id, 10)).items).toEqual([])
        expect(yield* notifications.markRead(editorJa.id, "all")).toBe(1)
        expect((yield* notifications.listFor(editorJa.id, 10)).unread).toBe(0)

        const delivery = yield* deliverOutbox({ smtpUrl: smtp.url, from: "kenko@city.example.jp" })
        expect(delivery).toEqual({ sent: 3, failed: 0 })
        const mails = yield* Effect.promise(() => smtp.waitFor(3))
        const toEn = mails.find((mail) => mail.to.includes(editorEn.email))!
        expect(toEn.subject).toBe(`[Sukoyaka] Review returned: No. ${OWN_ROWS[0]}`)
        expect(toEn.text).toContain("実績の数値を入れてください")
        const toJa = mails.find((mail) => mail.to.includes(editorJa.email))!
        expect(toJa.subject).toContain("差し戻されました")
        expect(toJa.text).toContain("令和7年度")
        expect(mails.find((mail) => mail.to.includes(admin.email))!.subject).toContain("提出されました")
        smtp.received.length = 0
      })
    )

    it.effect("reminders go to each editor once per due date and stage, naming the date and the reviews", () =>
      Effect.gen(function* () {
        const overdue = daysFromToday(-3)
        const cycle: Cycle = {
          planId: PlanId.make(PLAN),
          fiscalYear: FY,
          dueDate: daysFromToday(30),
          // The own agency is late; the other is due in five days.
          agencyDueDates: [
            { agencyId: AgencyId.make(OWN_AGENCY), dueDate: overdue },
            { agencyId: AgencyId.make(OTHER_AGENCY), dueDate: daysFromToday(5) }
          ],
          openedAt: new Date().toISOString(),
          closedAt: null,
          version: 1
        }
        yield* (yield* Cycles).insert(system, cycle)
        const today = daysFromToday(0)
        const due = yield* dueReminders(today)
        const byUser = new Map(due.map((reminder) => [reminder.user.id, reminder]))
        expect([...byUser.keys()].sort()).toEqual(["editor-en", "editor-ja", "editor-other"])
        expect(byUser.get("editor-ja")).toMatchObject({ dueDate: overdue, notice: { kind: "overdue" } })
        expect(byUser.get("editor-other")!.notice.kind).toBe("dueSoon")
        // No. 58 was returned (still the agency's): it is chased with the rest.
        expect(byUser.get("editor-ja")!.tasks.map((task) => task.initiativeNo)).toContain(OWN_ROWS[0])

        expect(yield* queueReminders(today)).toBe(3)
        expect(yield* queueReminders(today)).toBe(0)
        expect((yield* dueReminders(today)).every((reminder) => reminder.sent)).toBe(true)

        expect(yield* deliverOutbox({ smtpUrl: smtp.url, from: "kenko@city.example.jp" })).toEqual({
          sent: 3,
          failed: 0
        })
        const mails = yield* Effect.promise(() => smtp.waitFor(3))
        const toJa = mails.find((mail) => mail.to.includes("editor-ja@city.example.jp"))!
        expect(toJa.subject).toBe(`【すこやか】評価の提出期限を過ぎています（${overdue}）`)
        expect(toJa.text).toContain(`No.${OWN_ROWS[0]} `)
        expect(toJa.text).toContain(overdue)
        expect(yield* deliverOutbox({ smtpUrl: smtp.url, from: "kenko@city.example.jp" })).toEqual({
          sent: 0,
          failed: 0
        })
      })
    )

    it.effect("with SMTP down a mail stays in the outbox, counts its attempts and goes out once SMTP is back", () =>
      Effect.gen(function* () {
        const port = smtp.port
        yield* Effect.promise(() => smtp.close())
        const key = { planId: PLAN, initiativeNo: OWN_ROWS[1], fiscalYear: FY }
        const editor = (yield* (yield* Accounts).findUser("editor-ja")).pipe((found) => {
          if (found._tag === "None") throw new Error("no editor")
          return found.value
        })
        const draft = yield* (yield* Reviews).get(key)
        yield* moveReview(actorOf(editor), { id: editor.id, label: editor.email }, key, draft.version, "submit", null)

        const config = { smtpUrl: `smtp://127.0.0.1:${port}`, from: "kenko@city.example.jp" }
        expect(yield* deliverOutbox(config)).toEqual({ sent: 0, failed: 1 })
        const outbox = yield* Outbox
        const [failed] = (yield* outbox.list("failed", 10)).mails
        expect(failed).toMatchObject({ recipient: "secretariat@city.example.jp", attempts: 1, sentAt: null })
        expect(failed!.lastError).toMatch(/ECONNREFUSED|connect/i)
        // It waits for its next attempt: a minute, then two, four … (at most an hour).
        expect(yield* deliverOutbox(config)).toEqual({ sent: 0, failed: 0 })
        expect(yield* minutesLater(2)(deliverOutbox(config))).toEqual({ sent: 0, failed: 1 })
        expect((yield* outbox.list("failed", 10)).mails[0]!.attempts).toBe(2)

        smtp = yield* Effect.promise(() => startTestSmtpServer(port))
        expect(yield* minutesLater(5)(deliverOutbox(config))).toEqual({ sent: 1, failed: 0 })
        const [mail] = yield* Effect.promise(() => smtp.waitFor(1))
        expect(mail).toMatchObject({ to: ["secretariat@city.example.jp"] })
        expect((yield* outbox.list(null, 100)).counts).toEqual({ queued: 0, failed: 0, sent: 7 })
      })
    )
  })
})
