import { Context, Effect, Layer } from "effect"
import { makePasswordSetups } from "./accounts/passwordSetups.ts"
import { makeSessions } from "./accounts/sessions.ts"
import { makeTokens } from "./accounts/tokens.ts"
import { makeUsers } from "./accounts/users.ts"
import { Audit } from "./Audit.ts"
import { ChangeStamp } from "./ChangeStamp.ts"

export { ApiToken, TOKEN_RECHECK_MS } from "./accounts/tokens.ts"
export { EmailTaken, LastAdmin, type NewUser, User } from "./accounts/users.ts"

/**
 * Users, API tokens, sessions and password-setup links, as one service (accounts/*.ts). Only
 * hashes are stored: passwords as argon2id (hashed by the caller), tokens, session ids and links as
 * SHA-256 of high-entropy secrets that are shown once.
 */
export class Accounts extends Context.Service<Accounts>()("@sukoyaka/storage/Accounts", {
  make: Effect.gen(function* () {
    const { invalidate, ...tokens } = yield* makeTokens
    // A user's change may matter to the tokens they created: forget them all, it is rare.
    const users = yield* makeUsers({ afterChange: invalidate })
    const sessions = yield* makeSessions(users.findUser)
    const passwordSetups = yield* makePasswordSetups(users)
    return { ...users, ...tokens, ...sessions, ...passwordSetups } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(
    Layer.provide(Layer.mergeAll(Audit.layer, ChangeStamp.layer))
  )
}
