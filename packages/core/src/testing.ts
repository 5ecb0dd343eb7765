/**
 * For tests of every package: the fictional plan of examples/plan-definition.json (「架空市 健康増進計画」),
 * two basic policies whose areas both number their objectives from ①. The example file is the one
 * source: the docs link it, the CLI test imports it, and these read it.
 */
import { Schema } from "effect"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { fiscalYear as toFiscalYear } from "./FiscalYear.ts"
import { PlanDefinition } from "./PlanDefinition.ts"
import type { Rating } from "./Rating.ts"
import type { Review } from "./Review.ts"

/** The example file's path (from src/ and dist/ alike: both sit one level under the package). */
export const fictionalPlanFile = fileURLToPath(new URL("../../../examples/plan-definition.json", import.meta.url))

/** The file as JSON: what a client sends as the body of POST /plans/{planId}/definition. */
export const fictionalPlanJson = (): unknown => JSON.parse(readFileSync(fictionalPlanFile, "utf8"))

/** The file decoded. */
export const fictionalPlanDefinition = (): PlanDefinition =>
  Schema.decodeUnknownSync(PlanDefinition)(fictionalPlanJson())

export const FICTIONAL_PLAN = "kakuu-kenko"

/** Marks every text of a made-up year, so that no reader takes it for the city's own. */
export const FICTIONAL_MARK = "【架空データ（テスト用）】"

const worse: Record<Rating, Rating> = { A: "B", B: "C", C: "D", D: "D" }

/**
 * A made-up review for the year before `review`'s: the same initiative and measures, the actuals
 * scaled to 90 %, every third rating one step worse, approved. For tests that need a third year
 * (FY2023 beside the seed's FY2024 and its FY2025 drafts): marked fictional in its texts, never seeded
 * into a city's database.
 */
export const fictionalYearBefore = (review: Review): Review => {
  const fiscalYear = toFiscalYear(review.fiscalYear - 1)
  return {
    ...review,
    fiscalYear,
    actions: `${FICTIONAL_MARK}${review.actions}`,
    resultText: review.resultText === "" ? "" : `${FICTIONAL_MARK}${review.resultText}`,
    measures: review.measures.map((measure) =>
      measure.actual === undefined ? measure : { ...measure, actual: Math.round(measure.actual * 0.9) }
    ),
    selfRating:
      review.selfRating !== null && review.initiativeNo % 3 === 0 ? worse[review.selfRating] : review.selfRating,
    ratingReason: `${FICTIONAL_MARK}${review.ratingReason}`,
    next: { ...review.next, fiscalYear: review.fiscalYear, actions: review.plannedActions },
    plannedActions: "",
    status: "approved",
    statusComment: null,
    approvedVersion: 1,
    version: 1
  }
}
