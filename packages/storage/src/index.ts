import { Layer } from "effect"
import { Accounts } from "./Accounts.ts"
import { Audit } from "./Audit.ts"
import { ChangeStamp } from "./ChangeStamp.ts"
import { Coordination } from "./Coordination.ts"
import { Cycles } from "./Cycles.ts"
import { Dialogue } from "./Dialogue.ts"
import { Frameworks } from "./Frameworks.ts"
import { FrameworkSettingsStore } from "./FrameworkSettingsStore.ts"
import { InitiativeTagSets } from "./InitiativeTagSets.ts"
import { Initiatives } from "./Initiatives.ts"
import { Notifications } from "./Notifications.ts"
import { Outbox } from "./Outbox.ts"
import { Plans } from "./Plans.ts"
import { PublishedYears } from "./PublishedYears.ts"
import { SecretariatNotes } from "./SecretariatNotes.ts"
import { RatingPolicies } from "./RatingPolicies.ts"
import { Reviews } from "./Reviews.ts"
import { TagProposals } from "./TagProposals.ts"
import { Targets } from "./Targets.ts"
import { WebhookDeliveries } from "./WebhookDeliveries.ts"
import { Webhooks } from "./Webhooks.ts"

export * from "./Accounts.ts"
export * from "./Audit.ts"
export * from "./Backup.ts"
export * from "./ChangeStamp.ts"
export * from "./Coordination.ts"
export * from "./Cycles.ts"
export * from "./Database.ts"
export * from "./DatabaseConfig.ts"
export * from "./Dialogue.ts"
export * from "./Frameworks.ts"
export * from "./FrameworkSettingsStore.ts"
export * from "./InitiativeTagSets.ts"
export * from "./Initiatives.ts"
export * from "./migrations.ts"
export * from "./Notifications.ts"
export * from "./Outbox.ts"
export * from "./Plans.ts"
export * from "./PublishedYears.ts"
export * from "./SecretariatNotes.ts"
export * from "./RatingPolicies.ts"
export * from "./Reviews.ts"
export * from "./Seed.ts"
/** Our SQLite client (SqliteClient.layer, SqliteClient.SqliteClient), in place of @effect/sql-sqlite-node. */
export * as SqliteClient from "./SqliteClient.ts"
export * from "./TagProposals.ts"
export * from "./Targets.ts"
export * from "./WebhookDeliveries.ts"
export * from "./Webhooks.ts"

/** Every repository, over whichever SqlClient (and Database) the caller provides. */
export const RepositoriesLive = Layer.mergeAll(
  Audit.layer,
  ChangeStamp.layer,
  Plans.layer,
  Initiatives.layer,
  Reviews.layer,
  Targets.layer,
  RatingPolicies.layer,
  Accounts.layer,
  Coordination.layer,
  Cycles.layer,
  Dialogue.layer,
  Notifications.layer,
  Outbox.layer,
  PublishedYears.layer,
  SecretariatNotes.layer,
  WebhookDeliveries.layer,
  Webhooks.layer,
  Frameworks.layer,
  FrameworkSettingsStore.layer,
  InitiativeTagSets.layer,
  TagProposals.layer
)
