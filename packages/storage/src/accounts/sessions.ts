import { Effect, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { nowIso } from "../Audit.ts"
import type { User } from "./users.ts"

/**
 * Sign-in sessions, stored by the SHA-256 of their high-entropy id (shown once, in the cookie).
 * `findUser` is the users' own: a session is live only while its user is there and enabled.
 */
export const makeSessions = (findUser: (id: string) => Effect.Effect<Option.Option<User>>) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const liveSession = SqlSchema.findOneOption({
      Request: Schema.Struct({ idHash: Schema.String, now: Schema.String }),
      Result: Schema.Struct({ userId: Schema.String, csrfToken: Schema.String }),
      execute: ({ idHash, now }) =>
        sql`SELECT user_id, csrf_token FROM sessions WHERE id_hash = ${idHash} AND expires_at > ${now}`
    })

    const createSession = (session: {
      readonly idHash: string
      readonly userId: string
      readonly csrfToken: string
      readonly expiresAt: string
    }) =>
      Effect.gen(function* () {
        yield* sql`INSERT INTO sessions ${sql.insert({ ...session, createdAt: yield* nowIso })}`
      }).pipe(Effect.orDie, Effect.withSpan("Accounts.createSession"))

    /** The session's user if the session is live and the user enabled. */
    const sessionUser = (idHash: string) =>
      Effect.gen(function* () {
        const session = yield* liveSession({ idHash, now: yield* nowIso })
        if (Option.isNone(session)) return Option.none()
        const user = yield* findUser(session.value.userId)
        return Option.filter(user, (u) => !u.disabled).pipe(
          Option.map((u) => ({ user: u, csrfToken: session.value.csrfToken }))
        )
      }).pipe(Effect.orDie, Effect.withSpan("Accounts.sessionUser"))

    const deleteSession = (idHash: string) =>
      Effect.orDie(sql`DELETE FROM sessions WHERE id_hash = ${idHash}`).pipe(Effect.asVoid)

    return { createSession, sessionUser, deleteSession } as const
  })
