import { simpleParser } from "mailparser"
import type { AddressInfo } from "node:net"
import { SMTPServer } from "smtp-server"

/** A mail as a test's SMTP server received it: envelope and the parsed (decoded) message. */
export interface ReceivedMail {
  readonly to: ReadonlyArray<string>
  readonly from: string
  readonly subject: string
  readonly text: string
}

export interface TestSmtpServer {
  readonly port: number
  /** `smtp://127.0.0.1:port`, for SUKOYAKA_SMTP_URL. */
  readonly url: string
  readonly received: Array<ReceivedMail>
  /** Resolves once `count` mails have arrived in all, or rejects after `timeoutMs`. */
  readonly waitFor: (count: number, timeoutMs?: number) => Promise<ReadonlyArray<ReceivedMail>>
  readonly close: () => Promise<void>
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1, on `port` (0: a free one), keeping
 * what it receives: the mail tests send through it as through a city's relay. No TLS, no login.
 */
export const startTestSmtpServer = (port = 0): Promise<TestSmtpServer> =>
  new Promise((resolve, reject) => {
    const received: Array<ReceivedMail> = []
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            received.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              subject: parsed.subject ?? "",
              text: parsed.text ?? ""
            })
            callback()
          },
          (error: Error) => callback(error)
        )
      }
    })
    server.once("error", reject)
    server.listen(port, "127.0.0.1", () => {
      const actual = (server.server.address() as AddressInfo).port
      resolve({
        port: actual,
        url: `smtp://127.0.0.1:${actual}`,
        received,
        waitFor: (count, timeoutMs = 30_000) =>
          new Promise((done, fail) => {
            const started = Date.now()
            const check = () => {
              if (received.length >= count) return done(received)
              if (Date.now() - started > timeoutMs)
                return fail(new Error(`expected ${count} mails, received ${received.length}`))
              setTimeout(check, 50)
            }
            check()
          }),
        close: () => new Promise((done) => server.close(() => done()))
      })
    })
  })
