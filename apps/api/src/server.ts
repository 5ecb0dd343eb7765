import { serve, type ServerType } from "@hono/node-server"
import type { Dataset } from "@sukoyaka/data-tomakomai"
import { Accounts, type DatabaseConfig, databaseLayer, exclusiveStartup, RepositoriesLive, seedDataset } from "@sukoyaka/storage"
import { Effect, Layer, ManagedRuntime, Option } from "effect"
import { createApp } from "./app.ts"
import { log } from "./log.ts"
import type { AppRuntime } from "./runtime.ts"
import { decoyHash, hashPassword, newId } from "./security.ts"

export interface ServerOptions {
  readonly database: DatabaseConfig
  readonly port: number
  readonly host: string
  /** Seeded into an empty database (the Tomakomai plan by default). */
  readonly seed?: Dataset | undefined
  readonly admin?: { readonly email: string; readonly password: string | undefined } | undefined
  readonly corsOrigins?: ReadonlyArray<string>
}

export interface RunningServer {
  readonly url: string
  readonly runtime: AppRuntime
  /** Set when this start created the first admin with a generated password: shown once. */
  readonly generatedAdminPassword: string | undefined
  readonly close: () => Promise<void>
}

export const appRuntime = (database: DatabaseConfig): AppRuntime => ManagedRuntime.make(RepositoriesLive.pipe(Layer.provideMerge(databaseLayer(database))))

/**
 * Creates the first admin when there is no user at all. Its password comes from the environment,
 * or is generated and returned so that the caller prints it once.
 */
export const bootstrapAdmin = (email: string, password: string | undefined) =>
  Effect.gen(function* () {
    const accounts = yield* Accounts
    if ((yield* accounts.listUsers).length > 0) return Option.none<string>()
    const chosen = password ?? (yield* Effect.sync(() => newId("pw").slice(3) + newId("").slice(1)))
    const passwordHash = yield* Effect.promise(() => hashPassword(chosen))
    yield* accounts.createUser({ id: null, label: "system" }, { id: newId("usr"), email, displayName: "管理者", role: "admin", agencies: [], passwordHash })
    return password === undefined ? Option.some(chosen) : Option.none()
  })

/** Migrates, seeds when empty, creates the first admin, and listens. */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const runtime = appRuntime(options.database)
  if (options.seed) {
    const seeded = await runtime.runPromise(exclusiveStartup(seedDataset(options.seed)))
    if (seeded._tag === "Seeded") log("info", "seeded", { plan: options.seed.plan.id, initiatives: seeded.initiatives })
  }
  const generated = options.admin ? Option.getOrUndefined(await runtime.runPromise(exclusiveStartup(bootstrapAdmin(options.admin.email, options.admin.password)))) : undefined
  const app = createApp(runtime, { corsOrigins: options.corsOrigins ?? [] })
  const server: ServerType = await new Promise((resolve) => {
    // autoCleanupIncoming: false leaves an unread request body (an upload refused before it was
    // read, e.g. 401) to Node, which discards it and keeps the connection; the adapter's own
    // cleanup destroys the socket when the body takes over 500 ms to arrive, so a client still
    // sending on a busy machine saw "other side closed" instead of its 401.
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host, autoCleanupIncoming: false }, () => resolve(s))
  })
  // Idle keep-alive connections stay open longer than clients and load balancers keep them (undici:
  // 4 s, typical balancers: 60 s), so the client always closes first. With Node's 5 s default, a
  // busy machine lets the server close a socket just as a client reuses it ("other side closed").
  if ("keepAliveTimeout" in server) {
    server.keepAliveTimeout = 65_000
    server.headersTimeout = 66_000
  }
  // Ready before the first sign-in with an unknown e-mail, whose answer must take as long as any.
  void decoyHash()
  const address = server.address()
  const port = typeof address === "object" && address ? address.port : options.port
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
    runtime,
    generatedAdminPassword: generated,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runtime.dispose()
    }
  }
}
