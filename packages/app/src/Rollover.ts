import { answersWith, expectedIn, type FiscalYear, openingReview, rolloverReview } from "@sukoyaka/core"
import { type AuditActor, Coordination, Initiatives, Plans, Reviews } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"

/** Another process (or request) is rolling the same plan over: nothing was done, try again later. */
export class RolloverRunning extends Schema.TaggedError<RolloverRunning>()(
  "RolloverRunning",
  { planId: Schema.String },
  answersWith(409)
) {
  override get message() {
    return "a rollover of this plan is already running"
  }
}

/**
 * Year N's reviews become year N+1's drafts, for the initiatives in effect in N+1: one retired
 * after N gets none, one new in N+1 opens with a blank draft. A database lock keeps two processes
 * from racing.
 */
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
        const continuing = (yield* (yield* Initiatives).list(planId)).filter((initiative) =>
          expectedIn(initiative, toYear)
        )
        const previous = new Map(
          (yield* reviews.listByYear(planId, toYear - 1)).map((review) => [review.initiativeNo as number, review])
        )
        const drafts = continuing.map((initiative) => {
          const last = previous.get(initiative.no)
          return last === undefined ? openingReview(initiative.planId, initiative.no, toYear) : rolloverReview(last)
        })
        let created = 0
        for (const draft of drafts) if (yield* reviews.insert(actor, draft, "rollover")) created += 1
        return {
          fromFiscalYear: (toYear - 1) as FiscalYear,
          toFiscalYear: toYear,
          created,
          skipped: drafts.length - created
        }
      }),
      coordination.release(lock, holder)
    )
  }).pipe(Effect.withSpan("rollover"))
