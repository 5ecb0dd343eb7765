import { type Database, type DatabaseConfig, databaseLayer, RepositoriesLive } from "@sukoyaka/storage"
import { Layer, ManagedRuntime } from "effect"
import type * as SqlClient from "effect/sql/SqlClient"

/** What every use-case may ask for: the repositories, the SqlClient and the Database they run on. */
export type AppServices = Layer.Success<typeof RepositoriesLive> | SqlClient.SqlClient | Database

/** The repositories over the configured database, migrated when the layer is built. */
export const appLayer = (database: DatabaseConfig) => RepositoriesLive.pipe(Layer.provideMerge(databaseLayer(database)))

// The error side is the layer's construction (migration, connection): it surfaces at start.
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, unknown>

/** One runtime per process, built at its edge (main.ts, a command, a test) and disposed there. */
export const appRuntime = (database: DatabaseConfig): AppRuntime => ManagedRuntime.make(appLayer(database))
