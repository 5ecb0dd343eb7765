import pg from "pg"

/** The channel the triggers of migration 0012 notify on every committed write of any table. */
export const CHANGES_CHANNEL = "sukoyaka_changes"

/** The payload of `sync`'s own notifications; a table's name never starts with it. */
const SYNC_PREFIX = "sync-"

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
 * Each notification names the table written (migration 0016), so a cache can also trust a stamp of
 * only the tables it reads (`currentOf`): under a steady stream of saved reviews the token cache
 * kept no token for longer than a save's interval and sent every request to the database. A
 * notification without a table (an empty payload, from a trigger before migration 0016) counts for
 * every table. The notifications `sync` sends name no table and write nothing: they do not count.
 *
 * While not listening (starting, dropped, reconnecting) the stamp is `null`: unknown, the caches
 * ask the database as they did without a stamp. Never stale: a drop is seen as an `error`/`end`
 * on the socket (TCP keep-alive catches a silent peer).
 */
export const listenForChanges = (url: string) => {
  let syncsSent: Promise<unknown> = Promise.resolve()
  let epoch = 0
  let seen = 0
  /** Notifications seen per table, and those that named none (they count for every table). */
  const seenOf = new Map<string, number>()
  let seenOfEvery = 0
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
      const payload = message.payload ?? ""
      if (payload.startsWith(SYNC_PREFIX)) return void waiting.get(payload)?.()
      seen += 1
      if (payload === "") seenOfEvery += 1
      else seenOf.set(payload, (seenOf.get(payload) ?? 0) + 1)
    })
    next
      .connect()
      .then(() => next.query(`LISTEN ${CHANGES_CHANNEL}`))
      .then(() => {
        if (client !== next) return
        epoch += 1
        seen = 0
        seenOf.clear()
        seenOfEvery = 0
        listening = true
      })
      .catch(() => drop(next))
  }
  connect()

  return {
    /** The stamp, or null while no notification would reach this process. */
    current: (): string | null => (listening ? `${epoch}.${seen}` : null),
    /** The stamp of writes to `tables` only (another table's write leaves it), or null. */
    currentOf: (tables: ReadonlyArray<string>): string | null => {
      if (!listening) return null
      let count = seenOfEvery
      for (const table of tables) count += seenOf.get(table) ?? 0
      return `${epoch}.${count}`
    },
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
      const nonce = `${SYNC_PREFIX}${process.pid}-${(nonces += 1)}`
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          waiting.delete(nonce)
          resolve()
        }
        const timer = setTimeout(done, timeoutMs)
        waiting.set(nonce, done)
        // One query at a time on the listening client: pg queues concurrent ones itself, but that
        // is deprecated (an error from pg 9 on), and writes answered together sync together.
        syncsSent = syncsSent
          .then(() => current.query("SELECT pg_notify($1, $2)", [CHANGES_CHANNEL, nonce]))
          .catch(done)
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
