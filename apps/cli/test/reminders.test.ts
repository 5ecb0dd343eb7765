// `sukoyaka reminders send` as the secretariat runs it: the real command on a SQLite file, mailing
// through a real SMTP server started here; the cycle is opened beside it through the app layer.
import { appRuntime } from "@sukoyaka/app"
import { startTestSmtpServer, type TestSmtpServer } from "@sukoyaka/app/testing"
import { AgencyId, FiscalYear, PlanId, todayInJapan } from "@sukoyaka/core"
import { Cycles } from "@sukoyaka/storage"
import { execFile } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const bin = new URL("../bin/sukoyaka.js", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-reminders-"))
const filename = join(dir, "reminders.db")
const env = { ...process.env, SUKOYAKA_DB: filename, DATABASE_URL: "", NODE_OPTIONS: "" }

const run = (args: Array<string>, extraEnv: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr })
    )
  })

const overdue = todayInJapan(new Date(Date.now() - 2 * 86_400_000))
let smtp: TestSmtpServer

describe("sukoyaka reminders send, with an overdue agency", { timeout: 240_000 }, () => {
  beforeAll(async () => {
    smtp = await startTestSmtpServer()
    expect((await run(["db", "seed"])).code).toBe(0)
    expect((await run(["rollover", "--to", "2025"])).code).toBe(0)
    for (const [email, agency] of [
      ["hoken1@city.example.jp", "kenko-shien"],
      ["hoken2@city.example.jp", "kenko-shien"],
      ["kodomo@city.example.jp", "kodomo-ikusei"]
    ] as const) {
      const added = await run(
        ["user", "add", "--email", email, "--name", email.split("@")[0]!, "--role", "editor", "--agency", agency],
        {
          SUKOYAKA_NEW_PASSWORD: "a-long-enough-password"
        }
      )
      expect(added.code).toBe(0)
    }
    // The cycle of FY2025: kenko-shien's due date has passed; the others' is months away.
    const runtime = appRuntime({ _tag: "Sqlite", filename })
    await runtime.runPromise(
      Cycles.use((cycles) =>
        cycles.insert(
          { id: null, label: "test" },
          {
            planId: PlanId.make("tomakomai-step3"),
            fiscalYear: FiscalYear.make(2025),
            dueDate: todayInJapan(new Date(Date.now() + 90 * 86_400_000)),
            agencyDueDates: [{ agencyId: AgencyId.make("kenko-shien"), dueDate: overdue }],
            openedAt: new Date().toISOString(),
            closedAt: null,
            version: 1
          }
        )
      )
    )
    await runtime.dispose()
  })
  afterAll(() => smtp.close())

  it("lists who would get what on a dry run, and sends nothing", async () => {
    const dry = await run(["reminders", "send", "--dry-run"], { SUKOYAKA_SMTP_URL: smtp.url })
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain(`hoken1@city.example.jp\toverdue\tdue ${overdue}\tNo.58`)
    expect(dry.stdout).toContain("hoken2@city.example.jp\toverdue")
    expect(dry.stdout).not.toContain("kodomo@")
    expect(dry.stdout).toContain("2 reminders would be queued")
    expect(smtp.received).toHaveLength(0)
  })

  it("delivers one reminder per editor naming the due date and the reviews; again, nothing new", async () => {
    const sent = await run(["reminders", "send"], {
      SUKOYAKA_SMTP_URL: smtp.url,
      SUKOYAKA_MAIL_FROM: "kenko@city.example.jp",
      SUKOYAKA_ADMIN_URL: "https://sukoyaka.city.example.jp/"
    })
    expect(sent).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("2 reminders queued; 2 mails sent, 0 failed")
    })
    const mails = await smtp.waitFor(2)
    expect(mails.map((mail) => mail.to).sort()).toEqual([["hoken1@city.example.jp"], ["hoken2@city.example.jp"]])
    for (const mail of mails) {
      expect(mail.from).toBe("kenko@city.example.jp")
      expect(mail.subject).toBe(`【すこやか】評価の提出期限を過ぎています（${overdue}）`)
      expect(mail.text).toContain(overdue)
      expect(mail.text).toMatch(/- No\.58 \S+/)
      // Each review links to the form its agency writes on, and the footer to the notifications.
      expect(mail.text).toContain("  https://sukoyaka.city.example.jp/initiatives/58/review/")
      expect(mail.text).toContain("https://sukoyaka.city.example.jp/notifications")
    }

    const again = await run(["reminders", "send"], { SUKOYAKA_SMTP_URL: smtp.url })
    expect(again.stdout).toContain("0 reminders queued; 0 mails sent")
    expect(smtp.received).toHaveLength(2)

    const outbox = await run(["outbox", "--state", "sent"])
    expect(outbox.code).toBe(0)
    expect(outbox.stdout).toContain("queued 0, failed 0, sent 2")
  })

  it("refuses a bad setting with a message and exit code 2", async () => {
    const bad = await run(["reminders", "send"], { SUKOYAKA_REMINDER_INTERVAL: "soon" })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("SUKOYAKA_REMINDER_INTERVAL")
  })
})
