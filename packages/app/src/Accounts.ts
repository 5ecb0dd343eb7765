import type { Role } from "@sukoyaka/core"
import { Accounts, type AuditActor } from "@sukoyaka/storage"
import { Effect, Option } from "effect"
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
