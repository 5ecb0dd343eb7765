import { databaseLayerFromEnv, RepositoriesLive } from "@sukoyaka/storage"
import { Layer } from "effect"

/** The same database as `pnpm start`: SUKOYAKA_DB (SQLite, the default) or DATABASE_URL. */
export const StorageLive = RepositoriesLive.pipe(Layer.provideMerge(databaseLayerFromEnv))
