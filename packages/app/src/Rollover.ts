import { answersWith, type FiscalYear, rolloverReview } from "@sukoyaka/core"
import { type AuditActor, Coordination, Initiatives, Plans, Reviews } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"

/** Another process (or request) is rolling the same plan over: nothing was done, try again later. */
export class RolloverRunning extends Schema.TaggedError<RolloverRunning>()("RolloverRunning", { planId: Schema.String }, answersWith(409)) {
  override get message() {
    return "a rollover of this plan is already running"
  }
}

/** Year N's reviews become year N+1's drafts; a database lock keeps two processes from racing. */
export const rollover = (planId: string, toYear: FiscalYear, actor: AuditActor) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const coordination = yield* Coordination
    const lock = `rollover:${planId}`
    const holder = `${process.pid}:${Math.random()}`
    if (!(yield* coordination.acquire(lock, holder, 120))) return yield* Effect.fail(new RolloverRunning({ planId }))
    return yield* Effect.ensuring(
      Effect.gen(function* () {
        const reviews = yield* Reviews
        const discontinued = new Set(
          (yield* (yield* Initiatives).list(planId)).filter((initiative) => initiative.status === "discontinued").map((initiative) => initiative.no as number)
        )
        const previous = (yield* reviews.listByYear(planId, toYear - 1)).filter((review) => !discontinued.has(review.initiativeNo))
        let created = 0
        for (const review of previous) if (yield* reviews.insert(actor, rolloverReview(review), "rollover")) created += 1
        return { fromFiscalYear: (toYear - 1) as FiscalYear, toFiscalYear: toYear, created, skipped: previous.length - created }
      }),
      coordination.release(lock, holder)
    )
  }).pipe(Effect.withSpan("rollover"))
