import pg from "pg"

/** The channel the triggers of migration 0012 notify on every committed write of any table. */
export const CHANGES_CHANNEL = "sukoyaka_changes"

/** How long to wait before listening again after the connection dropped. */
const RECONNECT_MS = 1_000

/**
 * PostgreSQL's counterpart of SQLite's `data_version`: a connection of its own LISTENing on
 * CHANGES_CHANNEL. Every statement that writes a table notifies (a statement-level trigger,
 * migration 0012); PostgreSQL delivers the notification when the writer's transaction commits and
 * signals the listening backends before the writer sees its commit acknowledged. The stamp is
 * `<epoch>.<notifications seen>`, the epoch renewed at every (re)connection, so that the changes
 * missed while disconnected invalidate everything that was cached.
 *
 * While not listening (starting, dropped, reconnecting) the stamp is `null`: unknown, the caches
 * ask the database as they did without a stamp. Never stale: a drop is seen as an `error`/`end`
 * on the socket (TCP keep-alive catches a silent peer).
 */
export const listenForChanges = (url: string) => {
  let epoch = 0
  let seen = 0
  let listening = false
  let closed = false
  let client: pg.Client | undefined
  let retry: ReturnType<typeof setTimeout> | undefined
  const waiting = new Map<string, () => void>()
  let nonces = 0

  const drop = (which: pg.Client) => {
    if (which !== client) return
    listening = false
    client = undefined
    which.removeAllListeners("notification")
    which.end().catch(() => undefined)
    if (!closed) retry = setTimeout(connect, RECONNECT_MS)
  }

  function connect() {
    retry = undefined
    if (closed) return
    const next = new pg.Client({ connectionString: url, application_name: "sukoyaka-changes", keepAlive: true })
    client = next
    next.on("error", () => drop(next))
    next.on("end", () => drop(next))
    next.on("notification", (message) => {
      seen += 1
      if (message.payload) waiting.get(message.payload)?.()
    })
    next
      .connect()
      .then(() => next.query(`LISTEN ${CHANGES_CHANNEL}`))
      .then(() => {
        if (client !== next) return
        epoch += 1
        seen = 0
        listening = true
      })
      .catch(() => drop(next))
  }
  connect()

  return {
    /** The stamp, or null while no notification would reach this process. */
    current: (): string | null => (listening ? `${epoch}.${seen}` : null),
    /**
     * Resolves once every write committed before the call has been counted here: a notification of
     * our own, sent after them, has come back (PostgreSQL delivers a channel's notifications in
     * commit order). The API awaits it before answering a write, so that this process never serves
     * its own write stale, and the other processes' listeners, signalled by the same commit, have
     * had the time of that round trip too. At most `timeoutMs`; at once when not listening.
     */
    sync: (timeoutMs = 1_000): Promise<void> => {
      const current = client
      if (!listening || current === undefined) return Promise.resolve()
      const nonce = `sync-${process.pid}-${(nonces += 1)}`
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          waiting.delete(nonce)
          resolve()
        }
        const timer = setTimeout(done, timeoutMs)
        waiting.set(nonce, done)
        current.query("SELECT pg_notify($1, $2)", [CHANGES_CHANNEL, nonce]).catch(done)
      })
    },
    close: async () => {
      closed = true
      listening = false
      if (retry !== undefined) clearTimeout(retry)
      const last = client
      client = undefined
      await last?.end().catch(() => undefined)
    }
  }
}
