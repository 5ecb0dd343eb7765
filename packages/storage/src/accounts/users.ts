import { AgencyId, answersWith, type Language, type Role, UserView } from "@sukoyaka/core"
import { Effect, Option, Schema, SchemaTransformation } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "../Audit.ts"

/** A user as the API shows it: the core representation, without the password hash. */
export const User = UserView
export type User = typeof User.Type

const UserRow = Schema.Struct({
  ...User.fields,
  agencies: Schema.fromJsonString(Schema.Array(AgencyId)),
  // 0/1 as stored (an INTEGER column in both dialects), or already a boolean.
  disabled: Schema.Union([
    Schema.Boolean,
    Schema.Number.pipe(
      Schema.decodeTo(
        Schema.Boolean,
        SchemaTransformation.transform({ decode: (n) => n !== 0, encode: (b) => (b ? 1 : 0) })
      )
    )
  ]),
  passwordHash: Schema.String
})

export class EmailTaken extends Schema.TaggedError<EmailTaken>()(
  "EmailTaken",
  { email: Schema.String },
  answersWith(409)
) {}

/** The change would leave nobody who can administer: no enabled admin but the one changed. */
export class LastAdmin extends Schema.TaggedError<LastAdmin>()(
  "LastAdmin",
  { userId: Schema.String },
  answersWith(409, "lastAdmin")
) {
  override get message() {
    return "this is the last enabled admin: make another user admin first"
  }
}

export interface NewUser {
  readonly id: string
  readonly email: string
  readonly displayName: string
  readonly role: Role
  readonly agencies: ReadonlyArray<AgencyId>
  readonly passwordHash: string
  readonly language?: Language | undefined
}

const publicUser = ({ passwordHash: _hash, ...user }: typeof UserRow.Type): User => user

/**
 * Users and their password hashes (argon2id, hashed by the caller). `afterChange` runs once a
 * user's change has ended, committed or not: what depends on a user (the token cache) forgets it.
 */
export const makeUsers = (options: { readonly afterChange: Effect.Effect<void> }) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const userRow = SqlSchema.findOneOption({
      Request: Schema.Struct({ column: Schema.Literals(["id", "email"]), value: Schema.String }),
      Result: UserRow,
      execute: ({ column, value }) => sql`SELECT * FROM users WHERE ${sql(column)} = ${value}`
    })
    const allRows = SqlSchema.findAll({
      Request: Schema.Void,
      Result: UserRow,
      execute: () => sql`SELECT * FROM users ORDER BY email`
    })
    const enabledAdmins = SqlSchema.findAll({
      Request: Schema.Void,
      Result: Schema.Struct({ id: Schema.String }),
      execute: () =>
        sql.onDialectOrElse({
          pg: () => sql`SELECT id FROM users WHERE role = 'admin' AND disabled = 0 ORDER BY id FOR UPDATE`,
          orElse: () => sql`SELECT id FROM users WHERE role = 'admin' AND disabled = 0`
        })
    })

    const userBy = (column: "id" | "email", value: string) => Effect.orDie(userRow({ column, value }))

    const createUser = (actor: AuditActor, user: NewUser) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            if (Option.isSome(yield* userBy("email", user.email))) return yield* new EmailTaken({ email: user.email })
            const at = yield* nowIso
            yield* sql`INSERT INTO users ${sql.insert({ ...user, language: user.language ?? "ja", agencies: JSON.stringify(user.agencies), disabled: 0, createdAt: at, updatedAt: at })}`
            const created: User = {
              id: user.id,
              email: user.email,
              displayName: user.displayName,
              role: user.role,
              agencies: user.agencies,
              disabled: false,
              language: user.language ?? "ja"
            }
            yield* audit.record({
              actor,
              planId: null,
              entity: "user",
              entityKey: user.id,
              action: "create",
              before: null,
              after: created
            })
            return created
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Accounts.createUser"))

    const listUsers = allRows(undefined).pipe(
      Effect.map((rows) => rows.map(publicUser)),
      Effect.orDie,
      Effect.withSpan("Accounts.listUsers")
    )

    const findUser = (id: string) => Effect.map(userBy("id", id), Option.map(publicUser))

    /** The user and the stored hash, for sign-in only. */
    const credentialsFor = (email: string) => userBy("email", email)

    const updateUser = (
      actor: AuditActor,
      id: string,
      requested: {
        readonly [K in "displayName" | "role" | "agencies" | "disabled" | "language"]?: User[K] | undefined
      } & {
        readonly passwordHash?: string | undefined
      }
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const changes = Object.fromEntries(
              Object.entries(requested).filter(([, value]) => value !== undefined)
            ) as Partial<
              Pick<typeof UserRow.Type, "displayName" | "role" | "agencies" | "disabled" | "language" | "passwordHash">
            >
            const current = yield* userBy("id", id)
            if (Option.isNone(current)) return Option.none<User>()
            const next = { ...current.value, ...changes }
            const wasAdmin = current.value.role === "admin" && !current.value.disabled
            if (wasAdmin && (next.role !== "admin" || next.disabled)) {
              // PostgreSQL locks every enabled admin's row, in one order, so that two admins demoting
              // each other at once queue up instead of both seeing the other still there (or
              // deadlocking); the second then re-reads the rows and finds itself the last one.
              // SQLite has one writer anyway.
              const admins = yield* Effect.orDie(enabledAdmins(undefined))
              const others = admins.filter((admin) => admin.id !== id)
              if (others.length === 0) return yield* new LastAdmin({ userId: id })
            }
            yield* sql`UPDATE users SET ${sql.update({
              displayName: next.displayName,
              role: next.role,
              agencies: JSON.stringify(next.agencies),
              disabled: next.disabled ? 1 : 0,
              language: next.language,
              passwordHash: next.passwordHash,
              updatedAt: yield* nowIso
            })} WHERE id = ${id}`
            // The audit keeps that a password changed, never the hash.
            const { passwordHash: _h, ...visible } = changes
            yield* audit.record({
              actor,
              planId: null,
              entity: "user",
              entityKey: id,
              action: changes.passwordHash !== undefined ? "passwordChange" : "update",
              before: publicUser(current.value),
              after: { ...publicUser(next), ...visible }
            })
            if (changes.disabled === true || changes.passwordHash !== undefined) {
              yield* sql`DELETE FROM sessions WHERE user_id = ${id}`
            }
            return Option.some(publicUser(next))
          })
        )
        .pipe(
          Effect.ensuring(options.afterChange),
          Effect.catchTag("SqlError", Effect.die),
          Effect.withSpan("Accounts.updateUser")
        )

    return { createUser, listUsers, findUser, credentialsFor, updateUser } as const
  })
