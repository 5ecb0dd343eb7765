import { Structure } from "@sukoyaka/app"
import { databaseLayerFromEnv, RepositoriesLive } from "@sukoyaka/storage"
import { Layer } from "effect"

/**
 * The same database as `pnpm start`: SUKOYAKA_DB (SQLite, the default) or DATABASE_URL, with the
 * application's services over its repositories (an import that adds initiatives runs Structure's commands).
 */
export const StorageLive = Structure.layer.pipe(
  Layer.provideMerge(RepositoriesLive),
  Layer.provideMerge(databaseLayerFromEnv)
)
