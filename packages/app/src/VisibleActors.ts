import type { Role } from "@sukoyaka/core"
import { Accounts, type AuditEntry } from "@sukoyaka/storage"
import { Effect } from "effect"

/**
 * Who made recorded changes, as a caller of `role` may see it. The audit records a signed-in user by
 * e-mail; the audit log itself (/audit) is for admins only, and so are e-mail addresses: an admin
 * sees the recorded label, anyone else a user's display name. Tokens ("token:<name>") and "system" stay.
 */
export const visibleActors = (role: Role, entries: ReadonlyArray<AuditEntry>) =>
  role === "admin"
    ? Effect.succeed(entries)
    : Effect.map(
        Accounts.use((accounts) => accounts.listUsers),
        (users) => {
          const names = new Map(users.map((user) => [user.id, user.displayName]))
          return entries.map((entry) => {
            const name = entry.actorId === null ? undefined : names.get(entry.actorId)
            return name === undefined ? entry : { ...entry, actorLabel: name }
          })
        }
      )
