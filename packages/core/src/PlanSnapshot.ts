import type { Agency } from "./Agency.ts"
import type { Initiative } from "./Initiative.ts"
import type { Plan } from "./Plan.ts"
import type { RatingPolicy } from "./RatingPolicy.ts"
import type { Review } from "./Review.ts"
import type { Target } from "./Target.ts"

/**
 * A plan with everything that hangs off it, read or written at one moment: what a data package
 * seeds into an empty database, and what an export or an import diff is computed from.
 */
export interface PlanSnapshot {
  readonly plan: Plan
  readonly agencies: ReadonlyArray<Agency>
  readonly targets: ReadonlyArray<Target>
  readonly initiatives: ReadonlyArray<Initiative>
  readonly reviews: ReadonlyArray<Review>
  readonly ratingPolicy: RatingPolicy
}
