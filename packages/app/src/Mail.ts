import { Outbox } from "@sukoyaka/storage"
import { Effect } from "effect"
import { randomUUID } from "node:crypto"
import { hostname } from "node:os"
import { createTransport } from "nodemailer"
import type { MailConfig } from "./Configuration.ts"

/** How long a claimed mail is this sender's: longer than any one send may take (the timeouts below). */
const LEASE_SECONDS = 300
const BATCH = 20

/** `smtp://host:port` or `smtps://user:password@host:465` as nodemailer's options (read with WHATWG URL). */
const smtpOptions = (text: string) => {
  const url = new URL(text)
  return {
    host: url.hostname,
    ...(url.port === "" ? {} : { port: Number(url.port) }),
    secure: url.protocol === "smtps:",
    ...(url.username === ""
      ? {}
      : { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } })
  }
}

/** What happened to the outbox in one delivery: mails sent, mails that failed (tried again later). */
export interface Delivery {
  readonly sent: number
  readonly failed: number
}

/** This process, as the holder of the mails it claims. */
export const senderId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

/**
 * Sends the outbox's due mails over SMTP (nodemailer): each claimed first, so that another process
 * delivering at the same time never sends it too; a failure is kept on the row (attempts, last
 * error) and tried again later, backing off. Without SMTP configured nothing is sent: the mails
 * wait in the outbox.
 */
export const deliverOutbox = (config: Pick<MailConfig, "smtpUrl" | "from">, holder: string = senderId) =>
  Effect.gen(function* () {
    if (config.smtpUrl === undefined) return { sent: 0, failed: 0 } satisfies Delivery
    const outbox = yield* Outbox
    const transport = createTransport({
      ...smtpOptions(config.smtpUrl),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000
    })
    let sent = 0
    let failed = 0
    // Batch after batch until none is due; a failed mail is due only later, so this ends.
    for (;;) {
      const batch = yield* outbox.claim(holder, BATCH, LEASE_SECONDS)
      if (batch.length === 0) break
      for (const mail of batch) {
        const result = yield* Effect.result(
          Effect.tryPromise(() =>
            transport.sendMail({ from: config.from, to: mail.recipient, subject: mail.subject, text: mail.body })
          )
        )
        if (result._tag === "Success") {
          yield* outbox.markSent(mail.id, holder)
          sent++
        } else {
          const cause = result.failure.cause
          yield* outbox.markFailed(mail, holder, cause instanceof Error ? cause.message : String(cause))
          failed++
        }
      }
    }
    transport.close()
    return { sent, failed } satisfies Delivery
  }).pipe(Effect.withSpan("deliverOutbox"))
