import type { Actor } from "@sukoyaka/core"
import type { Accounts, AuditActor, ChangeStamp } from "@sukoyaka/storage"
import type { Effect } from "effect"
import type { AppServices } from "./runtime.ts"
import type { makeSignInGate } from "./signInGate.ts"
import type { ViewCache } from "./viewCache.ts"

/** Who the request acts for, after authentication. */
export interface Auth {
  readonly actor: Actor
  readonly audit: AuditActor
  readonly via: "token" | "session"
  readonly userId: string | null
  readonly csrfToken: string | null
}

export interface AppEnv {
  Variables: {
    requestId: string
    auth: Auth
    /** Runs an Effect on the app's runtime; typed failures are thrown for `onError` to map. */
    run: <A, E>(effect: Effect.Effect<A, E, AppServices>) => Promise<A>
    /** Views of a plan reused until the plan changes (viewCache.ts). */
    views: ViewCache
    /**
     * The services whose in-memory answers (a checked token, a cached view) need no Effect run;
     * undefined until the runtime has been asked for them once.
     */
    memory: { readonly accounts: Accounts; readonly stamps: ChangeStamp } | undefined
    /** This process's bound on sign-in work (signInGate.ts) and the admin UI's secret (clientAddress.ts). */
    signIn: { readonly gate: ReturnType<typeof makeSignInGate>; readonly internalSecret: string | undefined }
  }
}
