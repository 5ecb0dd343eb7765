// Two API processes on one PostgreSQL database, each running its mail schedule every second or so:
// every reminder still reaches its editor exactly once (unique occasions, claimed outbox rows).
// It lives with the CLI's tests because it runs the built API, which the app package does not build.
import { AgencyId, FiscalYear, PlanId, todayInJapan } from "@sukoyaka/core"
import { Accounts, Cycles } from "@sukoyaka/storage"
import { freshDatabase, OWN_AGENCY, PLAN } from "@sukoyaka/storage/testing"
import { Effect, Exit, Scope } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { rollover } from "@sukoyaka/app"
import { type ApiUnderTest, startApiForTest, startTestSmtpServer } from "@sukoyaka/app/testing"

const scope = Effect.runSync(Scope.make())
const apis: Array<ApiUnderTest> = []
afterAll(async () => {
  for (const api of apis) await api.close()
  await Effect.runPromise(Scope.close(scope, Exit.void))
})

const EDITORS = 12

describe("the API's mail schedule in two processes", { timeout: 180_000 }, () => {
  it("sends each reminder once, however both processes race", async () => {
    const smtp = await startTestSmtpServer()
    const database = await Effect.runPromise(Scope.provide(freshDatabase("pg"), scope))
    const env = {
      SUKOYAKA_SMTP_URL: smtp.url,
      SUKOYAKA_MAIL_FROM: "kenko@city.example.jp",
      SUKOYAKA_REMINDER_INTERVAL: "0.01",
      SUKOYAKA_MAIL_INTERVAL: "0.2"
    }
    apis.push(await startApiForTest(database, env))
    apis.push(await startApiForTest(database, env))
    // Both schedules run already; now the year opens with kenko-shien overdue and its editors appear.
    const { runtime } = apis[0]!
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* rollover(PLAN, FiscalYear.make(2025), { id: null, label: "test" })
        const accounts = yield* Accounts
        for (let i = 0; i < EDITORS; i++)
          yield* accounts.createUser(
            { id: null, label: "test" },
            {
              id: `editor-${i}`,
              email: `editor-${i}@city.example.jp`,
              displayName: `editor ${i}`,
              role: "editor",
              agencies: [AgencyId.make(OWN_AGENCY)],
              passwordHash: "x"
            }
          )
        yield* (yield* Cycles).insert(
          { id: null, label: "test" },
          {
            planId: PlanId.make(PLAN),
            fiscalYear: FiscalYear.make(2025),
            dueDate: todayInJapan(new Date(Date.now() - 86_400_000)),
            agencyDueDates: [],
            openedAt: new Date().toISOString(),
            closedAt: null,
            version: 1
          }
        )
      })
    )
    await smtp.waitFor(EDITORS, 60_000)
    // Several more rounds of both schedules: nothing more goes out.
    await new Promise((resolve) => setTimeout(resolve, 4_000))
    const recipients = smtp.received.flatMap((mail) => mail.to)
    expect(recipients).toHaveLength(EDITORS)
    expect(new Set(recipients).size).toBe(EDITORS)
    await smtp.close()
  })
})
