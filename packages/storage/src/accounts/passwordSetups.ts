import { Effect, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "../Audit.ts"
import type { makeUsers } from "./users.ts"

type Users = Effect.Success<ReturnType<typeof makeUsers>>

/**
 * One-time links with which a user sets their own password, stored by the SHA-256 of their secret
 * (shown once, in the link). Issuing a link ends the user's earlier ones; using one ends it.
 */
export const makePasswordSetups = (users: Pick<Users, "findUser" | "updateUser">) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const liveSetup = SqlSchema.findOneOption({
      Request: Schema.Struct({ tokenHash: Schema.String, now: Schema.String }),
      Result: Schema.Struct({ userId: Schema.String }),
      execute: ({ tokenHash, now }) =>
        sql`SELECT user_id FROM password_setups
            WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${now}`
    })

    const createPasswordSetup = (
      actor: AuditActor,
      setup: { readonly tokenHash: string; readonly userId: string; readonly expiresAt: string }
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const now = yield* nowIso
            yield* sql`UPDATE password_setups SET used_at = ${now} WHERE user_id = ${setup.userId} AND used_at IS NULL`
            yield* sql`INSERT INTO password_setups ${sql.insert({ ...setup, createdBy: actor.id, createdAt: now })}`
            // The audit keeps that a link was issued and until when, never its secret.
            yield* audit.record({
              actor,
              planId: null,
              entity: "user",
              entityKey: setup.userId,
              action: "passwordSetupIssued",
              before: null,
              after: { expiresAt: setup.expiresAt }
            })
          })
        )
        .pipe(Effect.orDie, Effect.withSpan("Accounts.createPasswordSetup"))

    /**
     * Sets the password of the link's user and ends the link, in one transaction: a link works once,
     * even when two requests use it at the same time. None when the link is unknown, used or expired,
     * or its user is disabled.
     */
    const usePasswordSetup = (tokenHash: string, passwordHash: string) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const now = yield* nowIso
            const setup = yield* Effect.orDie(liveSetup({ tokenHash, now }))
            if (Option.isNone(setup)) return Option.none()
            const ended = yield* sql`UPDATE password_setups SET used_at = ${now}
              WHERE token_hash = ${tokenHash} AND used_at IS NULL RETURNING user_id`
            const user = yield* users.findUser(setup.value.userId)
            if (ended.length === 0 || Option.isNone(user) || user.value.disabled) return Option.none()
            const actor = { id: user.value.id, label: user.value.email }
            return yield* users.updateUser(actor, user.value.id, { passwordHash })
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Accounts.usePasswordSetup"))

    return { createPasswordSetup, usePasswordSetup } as const
  })
