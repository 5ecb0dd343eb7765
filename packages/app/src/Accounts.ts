import { answersWith, Explanation, type Role } from "@sukoyaka/core"
import { Accounts, type AuditActor } from "@sukoyaka/storage"
import { Clock, Effect, Option, Schema } from "effect"
import { hashPassword, newId, newSecret, sha256 } from "./Security.ts"

/** Issues a token: the secret is returned once; only its SHA-256 is stored. */
export const issueToken = (
  actor: AuditActor,
  request: { name: string; role: Role; agencies: ReadonlyArray<string>; expiresAt: string | null }
) =>
  Effect.gen(function* () {
    const secret = newSecret("skt")
    const token = yield* (yield* Accounts).createToken(actor, {
      id: newId("tok"),
      name: request.name,
      role: request.role,
      agencies: request.agencies as never,
      createdBy: actor.id,
      expiresAt: request.expiresAt,
      tokenHash: sha256(secret)
    })
    return { ...token, token: secret }
  }).pipe(Effect.withSpan("issueToken"))

/**
 * Creates the first admin when there is no user at all. Its password comes from the configuration,
 * or is generated and returned so that the caller prints it once.
 */
export const bootstrapAdmin = (email: string, password: string | undefined) =>
  Effect.gen(function* () {
    const accounts = yield* Accounts
    if ((yield* accounts.listUsers).length > 0) return Option.none<string>()
    const chosen = password ?? (yield* Effect.sync(() => newId("pw").slice(3) + newId("").slice(1)))
    const passwordHash = yield* Effect.promise(() => hashPassword(chosen))
    yield* accounts.createUser(
      { id: null, label: "system" },
      { id: newId("usr"), email, displayName: "管理者", role: "admin", agencies: [], passwordHash }
    )
    return password === undefined ? Option.some(chosen) : Option.none()
  }).pipe(Effect.withSpan("bootstrapAdmin"))

/** How long a password-setup link works: a week, time enough for a new user to find the mail or message. */
export const PASSWORD_SETUP_DAYS = 7

/** The link is unknown, already used, replaced by a newer one, or expired: the admin issues another. */
export class PasswordSetupInvalid extends Schema.TaggedError<PasswordSetupInvalid>()(
  "PasswordSetupInvalid",
  {},
  answersWith(400, "passwordSetupInvalid")
) {
  override get message() {
    return "this password-setup link is invalid, used or expired: ask the secretariat for a new one"
  }
  get [Explanation]() {
    return [
      {
        path: "token",
        ja: "このリンクは無効か、使用済みか、期限切れです。事務局に新しいリンクを依頼してください",
        en: this.message
      }
    ]
  }
}

/**
 * Issues a one-time link for `userId` to set their own password; the secret is returned once, only its
 * SHA-256 is stored, and the user's earlier links end.
 */
export const issuePasswordSetup = (actor: AuditActor, userId: string) =>
  Effect.gen(function* () {
    const secret = newSecret("sps")
    const now = yield* Clock.currentTimeMillis
    const expiresAt = new Date(now + PASSWORD_SETUP_DAYS * 86_400_000).toISOString()
    yield* (yield* Accounts).createPasswordSetup(actor, { tokenHash: sha256(secret), userId, expiresAt })
    return { token: secret, expiresAt }
  }).pipe(Effect.withSpan("issuePasswordSetup"))

/** Sets the password with a link from `issuePasswordSetup`: once, before it expires. */
export const completePasswordSetup = (token: string, password: string) =>
  Effect.gen(function* () {
    const passwordHash = yield* Effect.promise(() => hashPassword(password))
    const user = yield* (yield* Accounts).usePasswordSetup(sha256(token), passwordHash)
    if (Option.isNone(user)) return yield* new PasswordSetupInvalid()
    return user.value
  }).pipe(Effect.withSpan("completePasswordSetup"))
