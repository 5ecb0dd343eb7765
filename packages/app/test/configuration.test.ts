import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Result } from "effect"
import { readFileSync } from "node:fs"
import {
  apiConfig,
  configurationVariables,
  defaults,
  mailConfig,
  openDataLicenses,
  publicConfig,
  serveConfig
} from "../src/index.ts"

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8")
const turbo = JSON.parse(readFileSync(new URL("../../../turbo.json", import.meta.url), "utf8")) as {
  tasks: Record<string, { env?: Array<string> }>
}
/** Turbo's env entries: a name, or a prefix ending in `*`. */
const covers = (entries: ReadonlyArray<string>, name: string) =>
  entries.some((entry) => (entry.endsWith("*") ? name.startsWith(entry.slice(0, -1)) : entry === name))
const withEnv = (env: Record<string, string>) =>
  Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnv({ env }))

describe("one configuration", () => {
  it("is the README's table: every variable read is documented, every documented one is read", () => {
    const section = readme.slice(
      readme.indexOf("## Configuration"),
      readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1)
    )
    const documented = [...section.matchAll(/^\| `([A-Z_]+)`/gm)].map((match) => match[1])
    expect(documented.sort()).toEqual([...configurationVariables].sort())
    expect(section).toContain(`| \`API_PORT\` | \`${defaults.apiPort}\``)
    expect(section).toContain(`| \`ADMIN_PORT\` | \`${defaults.adminPort}\``)
    expect(section).toContain(`| \`SUKOYAKA_ADMIN_EMAIL\` | \`${defaults.adminEmail}\``)
  })

  it("reaches the tasks that run the processes: turbo passes (and hashes) every variable to `dev` and `test`", () => {
    for (const task of ["dev", "test"]) {
      const entries = turbo.tasks[task]?.env ?? []
      expect(
        configurationVariables.filter((name) => !covers(entries, name)),
        task
      ).toEqual([])
    }
  })

  it.effect("has the defaults when nothing is set, and reads each variable", () =>
    Effect.gen(function* () {
      const empty = yield* apiConfig.pipe(withEnv({}))
      expect(empty).toMatchObject({
        port: 8787,
        host: "127.0.0.1",
        admin: { email: "admin@example.jp", password: undefined },
        corsOrigins: [],
        secureCookies: false,
        trustProxy: false,
        silentLog: false
      })
      const set = yield* serveConfig.pipe(
        withEnv({
          API_PORT: "9000",
          API_HOST: "0.0.0.0",
          ADMIN_PORT: "9001",
          SUKOYAKA_ADMIN_EMAIL: "a@city.jp",
          SUKOYAKA_ADMIN_PASSWORD: "",
          SUKOYAKA_CORS_ORIGINS: " https://a.jp ,https://b.jp,",
          SUKOYAKA_SECURE_COOKIES: "true",
          SUKOYAKA_TRUST_PROXY: "yes",
          SUKOYAKA_LOG: "silent",
          DATABASE_URL: "postgres://u@db/sukoyaka"
        })
      )
      expect(set).toMatchObject({
        adminPort: 9001,
        api: {
          port: 9000,
          host: "0.0.0.0",
          admin: { email: "a@city.jp", password: undefined },
          corsOrigins: ["https://a.jp", "https://b.jp"],
          secureCookies: true,
          trustProxy: false,
          silentLog: true,
          database: { _tag: "Pg" }
        }
      })
      for (const bad of [{ API_PORT: "eighty" }, { API_PORT: "65536" }, { ADMIN_PORT: "-1" }]) {
        expect(Result.isFailure(yield* Effect.result(serveConfig.pipe(withEnv(bad)))), JSON.stringify(bad)).toBe(true)
      }
    })
  )
})

describe("the mail settings", () => {
  it.effect("have defaults, read each variable and refuse what is not an SMTP URL or a positive interval", () =>
    Effect.gen(function* () {
      expect(yield* mailConfig.pipe(withEnv({}))).toEqual({
        smtpUrl: undefined,
        from: defaults.mailFrom,
        adminUrl: undefined,
        reminderIntervalMinutes: 60,
        mailIntervalSeconds: 60
      })
      expect(
        yield* mailConfig.pipe(
          withEnv({
            SUKOYAKA_SMTP_URL: "smtp://mail.city.example.jp:25",
            SUKOYAKA_MAIL_FROM: "kenko@city.example.jp",
            SUKOYAKA_ADMIN_URL: "https://sukoyaka.city.example.jp/",
            SUKOYAKA_REMINDER_INTERVAL: "0.5",
            SUKOYAKA_MAIL_INTERVAL: "10"
          })
        )
      ).toEqual({
        smtpUrl: "smtp://mail.city.example.jp:25",
        from: "kenko@city.example.jp",
        adminUrl: "https://sukoyaka.city.example.jp",
        reminderIntervalMinutes: 0.5,
        mailIntervalSeconds: 10
      })
      for (const env of [
        { SUKOYAKA_SMTP_URL: "mail.city.example.jp" },
        { SUKOYAKA_ADMIN_URL: "sukoyaka.city.example.jp" },
        { SUKOYAKA_REMINDER_INTERVAL: "0" },
        { SUKOYAKA_MAIL_INTERVAL: "often" }
      ]) {
        const result = yield* Effect.result(mailConfig.pipe(withEnv(env)))
        expect(Result.isFailure(result), JSON.stringify(env)).toBe(true)
      }
    })
  )
})

describe("the public side's settings", () => {
  it.effect("default to CC BY 4.0 and a threshold of 5, read each variable and refuse others", () =>
    Effect.gen(function* () {
      expect(yield* publicConfig.pipe(withEnv({}))).toEqual({
        license: openDataLicenses["CC-BY-4.0"],
        smallCountThreshold: 5
      })
      expect(
        yield* publicConfig.pipe(
          withEnv({
            SUKOYAKA_OPEN_DATA_LICENSE: "PDL-1.0",
            SUKOYAKA_SMALL_COUNT_THRESHOLD: "10"
          })
        )
      ).toEqual({
        license: openDataLicenses["PDL-1.0"],
        smallCountThreshold: 10
      })
      for (const env of [
        { SUKOYAKA_OPEN_DATA_LICENSE: "MIT" },
        { SUKOYAKA_SMALL_COUNT_THRESHOLD: "0" },
        { SUKOYAKA_SMALL_COUNT_THRESHOLD: "few" }
      ]) {
        const result = yield* Effect.result(publicConfig.pipe(withEnv(env)))
        expect(Result.isFailure(result), JSON.stringify(env)).toBe(true)
      }
    })
  )
})
