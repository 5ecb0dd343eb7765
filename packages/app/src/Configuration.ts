import { attachmentDefaults } from "@sukoyaka/core"
import { databaseConfig } from "@sukoyaka/storage"
import { Config, Option, Schema } from "effect"

/**
 * The configuration of the processes that serve (the API, `sukoyaka serve`): every variable they
 * read from the environment, validated, with its default, once. The README's configuration table
 * documents the same variables (test/configuration.test.ts keeps the two together).
 */
export const defaults = {
  apiPort: 8787,
  apiHost: "127.0.0.1",
  adminPort: 3000,
  adminEmail: "admin@example.jp",
  mailFrom: "sukoyaka@localhost",
  reminderIntervalMinutes: 60,
  mailIntervalSeconds: 60,
  openDataLicense: "CC-BY-4.0",
  smallCountThreshold: 5
} as const

/** A TCP port; 0 lets the system choose (the tests' API processes). */
const port = (name: string, fallback: number) =>
  Config.schema(
    Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 65535 }, { message: `${name} must be a port number` })),
    name
  ).pipe(Config.withDefault(fallback))

/** On only when "true": anything else (unset included) is off. */
const flag = (name: string) =>
  Config.String(name).pipe(
    Config.withDefault(""),
    Config.map((value) => value === "true")
  )

/** An optional secret: unset and empty alike mean "none". */
const secret = (name: string) =>
  Config.String(name).pipe(
    Config.option,
    Config.map((value) => Option.getOrUndefined(Option.filter(value, (text) => text !== "")))
  )

/** A comma-separated list; spaces around the items do not count. */
const list = (name: string) =>
  Config.String(name).pipe(
    Config.withDefault(""),
    Config.map((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)
    )
  )

/** A positive number of minutes or seconds; fractions allowed (the tests run schedules in seconds). */
const interval = (name: string, fallback: number) =>
  Config.schema(
    Schema.Number.check(Schema.isGreaterThan(0, { message: `${name} must be a positive number` })),
    name
  ).pipe(Config.withDefault(fallback))

/**
 * Mail (#19): where it is sent (none: mails wait in the outbox) and from whom, and how often the
 * reminders are queued and the outbox delivered by the API's schedule. Read by the CLI too.
 */
export const mailConfig = Config.all({
  smtpUrl: Config.schema(
    Schema.String.check(
      Schema.isPattern(/^$|^smtps?:\/\/\S+$/u, {
        message: "SUKOYAKA_SMTP_URL must be smtp://host:port (or smtps://user:password@host:465)"
      })
    ),
    "SUKOYAKA_SMTP_URL"
  ).pipe(
    Config.withDefault(""),
    Config.map((url) => (url === "" ? undefined : url))
  ),
  from: Config.String("SUKOYAKA_MAIL_FROM").pipe(Config.withDefault(defaults.mailFrom)),
  adminUrl: Config.schema(
    Schema.String.check(
      Schema.isPattern(/^$|^https?:\/\/[^\s/]+(\/\S*)?$/u, {
        message: "SUKOYAKA_ADMIN_URL must be the admin UI's address, http(s)://host[/path]"
      })
    ),
    "SUKOYAKA_ADMIN_URL"
  ).pipe(
    Config.withDefault(""),
    Config.map((url) => (url === "" ? undefined : url.replace(/\/+$/u, "")))
  ),
  reminderIntervalMinutes: interval("SUKOYAKA_REMINDER_INTERVAL", defaults.reminderIntervalMinutes),
  mailIntervalSeconds: interval("SUKOYAKA_MAIL_INTERVAL", defaults.mailIntervalSeconds)
})
export type MailConfig = Config.Success<typeof mailConfig>

/** The licences an open data set is commonly published under in Japan, by their SPDX-style id. */
export const openDataLicenses = {
  "CC-BY-4.0": {
    name: "CC-BY-4.0",
    title: "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    path: "https://creativecommons.org/licenses/by/4.0/"
  },
  "CC0-1.0": {
    name: "CC0-1.0",
    title: "CC0 1.0 Universal (Public Domain Dedication)",
    path: "https://creativecommons.org/publicdomain/zero/1.0/"
  },
  "PDL-1.0": {
    name: "PDL-1.0",
    title: "公共データ利用規約（第1.0版） Public Data License (Version 1.0)",
    path: "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"
  }
} as const
export type OpenDataLicense = (typeof openDataLicenses)[keyof typeof openDataLicenses]

/**
 * The public side (#21): the open data's licence (CC BY 4.0 unless the city chooses another) and
 * the small-number threshold: observations built from a count of 1 to threshold − 1 are withheld
 * from the public (docs/public.md).
 */
export const publicConfig = Config.all({
  license: Config.schema(Schema.Literals(["CC-BY-4.0", "CC0-1.0", "PDL-1.0"]), "SUKOYAKA_OPEN_DATA_LICENSE").pipe(
    Config.withDefault(defaults.openDataLicense),
    Config.map((id) => openDataLicenses[id])
  ),
  smallCountThreshold: Config.schema(
    Schema.Int.check(
      Schema.isBetween(
        { minimum: 1, maximum: 1000 },
        { message: "SUKOYAKA_SMALL_COUNT_THRESHOLD must be a whole number from 1 (nothing withheld) to 1000" }
      )
    ),
    "SUKOYAKA_SMALL_COUNT_THRESHOLD"
  ).pipe(Config.withDefault(defaults.smallCountThreshold))
})
export type PublicConfig = Config.Success<typeof publicConfig>

/**
 * What webhook secrets are encrypted with (#22): at least 32 characters. Unset, SQLite keeps a
 * generated key in a file beside the database; PostgreSQL refuses to store webhook secrets.
 */
export const secretKeyConfig = Config.schema(
  Schema.String.check(
    Schema.isPattern(/^$|^.{32,}$/u, {
      message: "SUKOYAKA_SECRET_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)"
    })
  ),
  "SUKOYAKA_SECRET_KEY"
).pipe(
  Config.withDefault(""),
  Config.map((value) => (value === "" ? undefined : value))
)

export const apiConfig = Config.all({
  database: databaseConfig,
  port: port("API_PORT", defaults.apiPort),
  host: Config.String("API_HOST").pipe(Config.withDefault(defaults.apiHost)),
  admin: Config.all({
    email: Config.String("SUKOYAKA_ADMIN_EMAIL").pipe(Config.withDefault(defaults.adminEmail)),
    password: secret("SUKOYAKA_ADMIN_PASSWORD")
  }),
  corsOrigins: list("SUKOYAKA_CORS_ORIGINS"),
  secureCookies: flag("SUKOYAKA_SECURE_COOKIES"),
  trustProxy: flag("SUKOYAKA_TRUST_PROXY"),
  internalSecret: secret("SUKOYAKA_INTERNAL_SECRET"),
  secretKey: secretKeyConfig,
  // Up to 100 MB: the bytes of a file are held in memory while it is checked and stored.
  attachmentMaxBytes: Config.schema(
    Schema.Int.check(
      Schema.isBetween(
        { minimum: 1, maximum: 100 * 1024 * 1024 },
        { message: "SUKOYAKA_ATTACHMENT_MAX_BYTES must be a number of bytes up to 104857600" }
      )
    ),
    "SUKOYAKA_ATTACHMENT_MAX_BYTES"
  ).pipe(Config.withDefault(attachmentDefaults.maxBytes)),
  mail: mailConfig,
  public: publicConfig,
  webhookLogDays: Config.schema(
    Schema.Int.check(
      Schema.isBetween(
        { minimum: 1, maximum: 3650 },
        { message: "SUKOYAKA_WEBHOOK_LOG_DAYS must be a whole number of days from 1 to 3650" }
      )
    ),
    "SUKOYAKA_WEBHOOK_LOG_DAYS"
  ).pipe(Config.withDefault(30)),
  silentLog: Config.String("SUKOYAKA_LOG").pipe(
    Config.withDefault(""),
    Config.map((value) => value === "silent")
  )
})
export type ApiConfig = Config.Success<typeof apiConfig>

/** `sukoyaka serve`: the API's configuration (its child reads the same) and the admin UI's port. */
export const serveConfig = Config.all({ api: apiConfig, adminPort: port("ADMIN_PORT", defaults.adminPort) })

/**
 * Every variable of the table, for the test that holds the README (and turbo.json) to it. API_URL is
 * the admin UI's, read by apps/admin/src/lib/server/config.ts; `serve` sets it for its child.
 */
export const configurationVariables = [
  "SUKOYAKA_DB",
  "DATABASE_URL",
  "API_PORT",
  "API_HOST",
  "ADMIN_PORT",
  "API_URL",
  "SUKOYAKA_ADMIN_EMAIL",
  "SUKOYAKA_ADMIN_PASSWORD",
  "SUKOYAKA_CORS_ORIGINS",
  "SUKOYAKA_SECURE_COOKIES",
  "SUKOYAKA_TRUST_PROXY",
  "SUKOYAKA_INTERNAL_SECRET",
  "SUKOYAKA_SECRET_KEY",
  "SUKOYAKA_LOG",
  "SUKOYAKA_ATTACHMENT_MAX_BYTES",
  "SUKOYAKA_SMTP_URL",
  "SUKOYAKA_MAIL_FROM",
  "SUKOYAKA_ADMIN_URL",
  "SUKOYAKA_REMINDER_INTERVAL",
  "SUKOYAKA_MAIL_INTERVAL",
  "SUKOYAKA_OPEN_DATA_LICENSE",
  "SUKOYAKA_SMALL_COUNT_THRESHOLD",
  "SUKOYAKA_WEBHOOK_LOG_DAYS"
] as const
