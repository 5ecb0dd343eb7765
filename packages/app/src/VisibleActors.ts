import type { Role } from "@sukoyaka/core"
import { Accounts, type AuditEntry } from "@sukoyaka/storage"
import { Effect } from "effect"

/**
 * A person as others see them: a user (by id) by their display name, anything else (a token, the
 * system, a user since deleted) by the label the record kept.
 */
export const displayNamer = Effect.map(
  Accounts.use((accounts) => accounts.listUsers),
  (users) => {
    const names = new Map(users.map((user) => [user.id, user.displayName]))
    return (id: string | null, label: string) => (id === null ? label : (names.get(id) ?? label))
  }
)

/**
 * Who made recorded changes, as a caller of `role` may see it. The audit records a signed-in user by
 * e-mail; the audit log itself (/audit) is for admins only, and so are e-mail addresses: an admin
 * sees the recorded label, anyone else a user's display name. Tokens ("token:<name>") and "system" stay.
 */
export const visibleActors = (role: Role, entries: ReadonlyArray<AuditEntry>) =>
  role === "admin"
    ? Effect.succeed(entries)
    : Effect.map(displayNamer, (name) =>
        entries.map((entry) => ({ ...entry, actorLabel: name(entry.actorId, entry.actorLabel) }))
      )
