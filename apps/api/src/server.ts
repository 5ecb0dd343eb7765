import { serve, type ServerType } from "@hono/node-server"
import {
  appRuntime,
  type AppRuntime,
  decoyHash,
  type MailConfig,
  mailSchedule,
  prepareDatabase,
  type PublicSettings,
  webhookDefaults,
  webhookSchedule,
  type WebhookSettings
} from "@sukoyaka/app"
import type { PlanSnapshot } from "@sukoyaka/core"
import type { DatabaseConfig } from "@sukoyaka/storage"
import { Fiber } from "effect"
import type { Duplex } from "node:stream"
import { createApp } from "./app.ts"
import { configureLog, log } from "./log.ts"
import { HttpProblem, problemBody } from "./problem.ts"

/** How long past its announced keep-alive time the server keeps an idle connection (Node's default: 1 s). */
const KEEP_ALIVE_GRACE_MS = 15_000

/** Node's clientError, answered as problem+json where Node would send a bare 400. */
const answerUnparsable = (error: Error & { code?: string }, socket: Duplex) => {
  if (!socket.writable || error.code === "ECONNRESET") return void socket.destroy()
  // Oversized headers and timeouts keep Node's own answers (431, 408).
  if (error.code === "HPE_HEADER_OVERFLOW")
    return void socket.end("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n")
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return void socket.end("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n")
  const body = Buffer.from(
    JSON.stringify(
      problemBody(
        new HttpProblem(
          "badRequest",
          "the request could not be parsed: a URL must be ASCII, with other bytes %-encoded"
        ),
        "about:blank"
      )
    )
  )
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Language: ja\r\nContent-Length: ${body.byteLength}\r\nConnection: close\r\n\r\n${body.toString("latin1")}`,
    "latin1"
  )
}

export interface ServerOptions {
  readonly database: DatabaseConfig
  readonly port: number
  readonly host: string
  /** Seeded into an empty database (the caller's data package: the Tomakomai plan in main.ts). */
  readonly seed?: PlanSnapshot | undefined
  readonly admin?: { readonly email: string; readonly password: string | undefined } | undefined
  readonly corsOrigins?: ReadonlyArray<string>
  /** The secret the admin UI sends to name the browser's address (clientAddress.ts); none: no such trust. */
  readonly internalSecret?: string | undefined
  /** X-Forwarded-For's right-most hop is the client's address (SUKOYAKA_TRUST_PROXY); default off. */
  readonly trustProxy?: boolean | undefined
  /** Session cookies are Secure even over plain HTTP (SUKOYAKA_SECURE_COOKIES); default off. */
  readonly secureCookies?: boolean | undefined
  /** No log lines on stdout (SUKOYAKA_LOG=silent); default off. */
  readonly silentLog?: boolean | undefined
  /** The largest file attached to a review (SUKOYAKA_ATTACHMENT_MAX_BYTES); default 10 MB. */
  readonly attachmentMaxBytes?: number | undefined
  /** Mail and its schedule (reminders, delivery of the outbox); none: no schedule runs. */
  readonly mail?: MailConfig | undefined
  /** The public side's licence and small-number threshold; default CC BY 4.0 and 5. */
  readonly public?: PublicSettings | undefined
  /** What webhook secrets are encrypted with (SUKOYAKA_SECRET_KEY); unset, SQLite keeps a key file. */
  readonly secretKey?: string | undefined
  /** The webhook schedule's timing (tests shorten it); false: no schedule runs in this process. */
  readonly webhooks?: Partial<WebhookSettings> | false | undefined
}

export interface RunningServer {
  readonly url: string
  readonly runtime: AppRuntime
  /** Set when this start created the first admin with a generated password: shown once. */
  readonly generatedAdminPassword: string | undefined
  readonly close: () => Promise<void>
}

/** Migrates, seeds when empty, creates the first admin, and listens. */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  configureLog({ silent: options.silentLog ?? false })
  const runtime = appRuntime(options.database, { adminUrl: options.mail?.adminUrl, secretKey: options.secretKey })
  const { seeded, generatedAdminPassword: generated } = await runtime.runPromise(
    prepareDatabase({ seed: options.seed, admin: options.admin })
  )
  if (options.seed && seeded?._tag === "Seeded")
    log("info", "seeded", { plan: options.seed.plan.id, initiatives: seeded.initiatives })
  const app = createApp(runtime, {
    corsOrigins: options.corsOrigins ?? [],
    internalSecret: options.internalSecret,
    trustProxy: options.trustProxy ?? false,
    secureCookies: options.secureCookies ?? false,
    ...(options.public === undefined ? {} : { publicSettings: options.public }),
    ...(options.attachmentMaxBytes === undefined ? {} : { attachmentMaxBytes: options.attachmentMaxBytes })
  })
  const server: ServerType = await new Promise((resolve) => {
    // autoCleanupIncoming: false leaves an unread request body (an upload refused before it was
    // read, e.g. 401) to Node, which discards it and keeps the connection; the adapter's own
    // cleanup destroys the socket when the body takes over 500 ms to arrive, so a client still
    // sending on a busy machine saw "other side closed" instead of its 401.
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host, autoCleanupIncoming: false }, () =>
      resolve(s)
    )
  })
  // A request Node cannot parse (raw bytes that are not URL characters, a broken request line) never
  // reaches the app: it gets a problem+json 400 like any other bad request, not Node's bare 400.
  server.on("clientError", answerUnparsable)
  // Idle keep-alive connections stay open longer than clients and load balancers keep them (undici:
  // 4 s, typical balancers: 60 s), so the client always closes first. With Node's 5 s default, a
  // busy machine lets the server close a socket just as a client reuses it ("other side closed").
  // The server announces 65 s (`Keep-Alive: timeout=65`, which undici follows less 2 s) but closes
  // only KEEP_ALIVE_GRACE_MS later: a client whose event loop lags runs its own timer late (the
  // cycle bench's loop lagged by up to 19 s under 2,000 connections and reused connections the
  // server had just closed at Node's 1 s grace).
  if ("keepAliveTimeout" in server) {
    server.keepAliveTimeout = 65_000
    server.keepAliveTimeoutBuffer = KEEP_ALIVE_GRACE_MS
    server.headersTimeout = 66_000
  }
  // Reminders and the outbox's delivery, beside the requests on the same runtime.
  const schedule = options.mail
    ? runtime.runFork(
        mailSchedule(options.mail, (event) => {
          const { type, ...fields } = event
          log(type === "error" ? "error" : "info", `mail ${type}`, fields)
        })
      )
    : undefined
  // Webhook events queued from the audit log and delivered, beside the requests (#22).
  const webhooks =
    options.webhooks === false
      ? undefined
      : runtime.runFork(
          webhookSchedule({ ...webhookDefaults, ...options.webhooks }, (event) => {
            const { type, ...fields } = event
            log(type === "error" ? "error" : "info", `webhooks ${type}`, fields)
          })
        )
  // Ready before the first sign-in with an unknown e-mail, whose answer must take as long as any.
  void decoyHash()
  const address = server.address()
  const port = typeof address === "object" && address ? address.port : options.port
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
    runtime,
    generatedAdminPassword: generated,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      if (schedule) await runtime.runPromise(Fiber.interrupt(schedule))
      if (webhooks) await runtime.runPromise(Fiber.interrupt(webhooks))
      await runtime.dispose()
    }
  }
}
