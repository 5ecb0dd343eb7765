import { type Database, type DatabaseConfig, databaseLayer, RepositoriesLive } from "@sukoyaka/storage"
import { Layer, ManagedRuntime } from "effect"
import { AdminUrl } from "./AdminUrl.ts"
import type * as SqlClient from "effect/sql/SqlClient"
import { Structure } from "./Structure.ts"
import { SecretKeySetting } from "./WebhookSecrets.ts"

/** What every use-case may ask for: the application's services, the repositories, the SqlClient and the Database they run on. */
export type AppServices = Structure | Layer.Success<typeof RepositoriesLive> | SqlClient.SqlClient | Database

/** The application's services over the repositories over the configured database, migrated when the layer is built. */
export const appLayer = (database: DatabaseConfig) =>
  Structure.layer.pipe(Layer.provideMerge(RepositoriesLive), Layer.provideMerge(databaseLayer(database)))

// The error side is the layer's construction (migration, connection): it surfaces at start.
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, unknown>

/**
 * One runtime per process, built at its edge (main.ts, a command, a test) and disposed there; `adminUrl`
 * is where the process's mails link to;
 * `secretKey` encrypts webhook secrets (SUKOYAKA_SECRET_KEY).
 */
export const appRuntime = (
  database: DatabaseConfig,
  options: { readonly adminUrl?: string | undefined; readonly secretKey?: string | undefined } = {}
): AppRuntime =>
  ManagedRuntime.make(
    appLayer(database).pipe(
      Layer.merge(options.adminUrl === undefined ? Layer.empty : Layer.succeed(AdminUrl, options.adminUrl)),
      Layer.merge(options.secretKey === undefined ? Layer.empty : Layer.succeed(SecretKeySetting, options.secretKey))
    )
  )
