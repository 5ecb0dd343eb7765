import type { AppRuntime, AppServices } from "@sukoyaka/app"
import { Cause, type Effect, Exit, Option } from "effect"

export type { AppRuntime, AppServices }

/**
 * The bridge from Hono to Effect: run on the one ManagedRuntime, turn a typed failure back into a
 * thrown value (the domain error itself, mapped to problem+json by onError) and keep defects as
 * defects (a 500 that never shows a stack).
 */
export const runner =
  (runtime: AppRuntime) =>
  async <A, E>(effect: Effect.Effect<A, E, AppServices>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.findErrorOption(exit.cause)
    if (Option.isSome(failure)) throw failure.value
    throw new DefectError(Cause.pretty(exit.cause))
  }

/** An unexpected failure; its text goes to the log, never to the client. */
class DefectError extends Error {
  override readonly name = "DefectError"
}
