import { Effect } from "effect"

// What a command needs only when it runs, loaded then: `sukoyaka --help` and every other command
// do not pay for the use-cases, storage, spreadsheet and seed modules (most of a start's time).
export const app = Effect.promise(() => import("@sukoyaka/app"))
/** The read views alone (summary): without the spreadsheets, the process supervision and argon2. */
export const views = Effect.promise(() => import("@sukoyaka/app/views"))
export const storage = Effect.promise(() => import("@sukoyaka/storage"))
export const dataset = Effect.promise(() => import("@sukoyaka/data-tomakomai"))
/** Its index brings excelts: even one constant of it (the read budget) only when `import` runs. */
export const sheets = Effect.promise(() => import("@sukoyaka/sheets"))

/** Runs a command on the database of `pnpm start` (storage.ts), loaded when the command runs. */
export const withStorage = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(
    Effect.promise(() => import("./storage.ts")),
    ({ StorageLive }) => Effect.provide(effect, StorageLive)
  )
