import { type FiscalYear, NothingToPublish, type PublicationStatus } from "@sukoyaka/core"
import { type AuditActor, Plans, PublishedYears, Reviews } from "@sukoyaka/storage"
import { Effect } from "effect"

/** Every year of the plan with reviews (and any published one), with its approved count and whether it is public. */
export const publicationStatus = (planId: string) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const reviews = yield* Reviews
    const published = new Map(
      (yield* (yield* PublishedYears).list(planId)).map((row) => [row.fiscalYear as number, row])
    )
    const years = [...new Set([...(yield* reviews.fiscalYears(planId)), ...published.keys()])].sort((a, b) => a - b)
    const statuses: Array<PublicationStatus> = []
    for (const fiscalYear of years) {
      const ofYear = yield* reviews.listByYear(planId, fiscalYear)
      const row = published.get(fiscalYear)
      statuses.push({
        fiscalYear: fiscalYear as FiscalYear,
        reviews: ofYear.length,
        approved: ofYear.filter((review) => review.status === "approved").length,
        publishedAt: row?.publishedAt ?? null,
        version: row?.version ?? 0
      })
    }
    return statuses
  }).pipe(Effect.withSpan("Publishing.status"))

/**
 * Publishes FY `fiscalYear` (`publish: true`) or withdraws it; audited. Only a year with reviews can
 * be published. `expectedVersion` (from If-Match) guards against a change made meanwhile.
 * Answers the publication as it now is (`null`: a year never published was withdrawn: nothing).
 */
export const setPublished = (
  actor: AuditActor,
  planId: string,
  fiscalYear: number,
  publish: boolean,
  expectedVersion?: number
) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    if (publish && (yield* (yield* Reviews).listByYear(planId, fiscalYear)).length === 0)
      return yield* new NothingToPublish({ fiscalYear })
    return yield* (yield* PublishedYears).set(actor, planId, fiscalYear, publish, expectedVersion)
  }).pipe(Effect.withSpan("Publishing.set"))
