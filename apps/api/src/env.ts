import type { Actor, AttachmentLimits } from "@sukoyaka/core"
import type { PublicSettings } from "@sukoyaka/app"
import type { Accounts, AuditActor, ChangeStamp } from "@sukoyaka/storage"
import type { Effect } from "effect"
import type { AppServices } from "./runtime.ts"
import type { makeSignInGate } from "./signInGate.ts"
import type { ViewUrls } from "./earlyView.ts"
import type { ViewCache } from "./viewCache.ts"

/** Who the request acts for, after authentication. */
export interface Auth {
  readonly actor: Actor
  readonly audit: AuditActor
  readonly via: "token" | "session"
  readonly userId: string | null
  readonly csrfToken: string | null
}

/** What sign-in takes from the process's configuration (Configuration.ts `apiConfig`), given to createApp. */
export interface SignInSettings {
  /** The admin UI's secret, with which it names the browser's address (clientAddress.ts); none: no such trust. */
  readonly internalSecret: string | undefined
  /** Behind a proxy that appends X-Forwarded-For (SUKOYAKA_TRUST_PROXY): its hop is the client's address. */
  readonly trustProxy: boolean
  /** The session cookie is Secure even over plain HTTP, as behind a TLS proxy (SUKOYAKA_SECURE_COOKIES). */
  readonly secureCookies: boolean
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
    memory: { readonly accounts: Accounts["Service"]; readonly stamps: ChangeStamp["Service"] } | undefined
    /**
     * The database's change stamp, read once at the start of the request (after ChangeStamp.settle):
     * what the token cache and the view cache compare their entries with. Once, because on SQLite
     * each read is a statement (PRAGMA data_version). null: unknown (no stamp, or memory not resolved
     * yet), so nothing is answered from memory.
     */
    stamp: string | null
    /** The URLs of cached views that a GET has been answered from, for the early path (earlyView.ts). */
    viewUrls: ViewUrls
    /** This process's bound on sign-in work (signInGate.ts) and the settings sign-in reads from its configuration. */
    signIn: SignInSettings & { readonly gate: ReturnType<typeof makeSignInGate> }
    /** How large a review's attachment may be, and how many a review keeps. */
    attachmentLimits: AttachmentLimits
    /** The open data's licence and the small-number threshold (SUKOYAKA_OPEN_DATA_LICENSE, SUKOYAKA_SMALL_COUNT_THRESHOLD). */
    publicSettings: PublicSettings
  }
}
