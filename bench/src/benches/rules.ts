/**
 * Scale data and the rules engine. For each N (plans): generate N × 60 × 10 reviews (timed against
 * shallow copies of the seed, the same number of objects without new figures), then evaluate every
 * review and roll up every plan-year (summarizePlanYear: each review evaluated as it is counted,
 * what GET …/summary computes)
 * against a baseline loop that walks the same data and allocates the same lines but computes only
 * a plain mean of actual/planned and a count of Ａ. Memory: retained heap per 100,000 reviews.
 */
import {
  evaluateReview,
  type Initiative,
  type PlanSnapshot,
  type RatingPolicy,
  type Review,
  type ReviewEvaluation,
  summarizePlanYear
} from "@sukoyaka/core"
import { heapUsed, log, quick, type Row, writeResult } from "../lib/common.ts"
import { ALL_MUNICIPALITIES, FIRST_YEAR, generate, LAST_YEAR, sizes } from "../lib/scale.ts"

const GOAL_RATE = 1_000_000

interface PlanYears {
  readonly initiatives: ReadonlyArray<Initiative>
  readonly policy: RatingPolicy
  /** per fiscal year (index 0 = FIRST_YEAR), the reviews aligned with `initiatives` */
  readonly years: ReadonlyArray<ReadonlyArray<Review>>
}

const arrange = (datasets: ReadonlyArray<PlanSnapshot>): Array<PlanYears> =>
  datasets.map((dataset) => {
    const years: Array<Array<Review>> = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, () => [])
    const index = new Map(dataset.initiatives.map((initiative, i) => [initiative.no as number, i]))
    for (const review of dataset.reviews)
      years[review.fiscalYear - FIRST_YEAR]![index.get(review.initiativeNo)!] = review
    return { initiatives: dataset.initiatives, policy: dataset.ratingPolicy, years }
  })

let sink = 0

/** The rules: every review evaluated, every plan-year rolled up (with the change from the year before). */
const rulesPass = (plans: ReadonlyArray<PlanYears>): number => {
  let reviews = 0
  for (const plan of plans) {
    for (let y = 0; y < plan.years.length; y++) {
      const yearReviews = plan.years[y]!
      const summary = summarizePlanYear(
        plan.initiatives,
        (_initiative, i) => yearReviews[i]!,
        y > 0 ? plan.years[y - 1]! : [],
        plan.policy,
        FIRST_YEAR + y
      )
      sink += summary.ratings.A + summary.attention.length
      reviews += plan.initiatives.length
    }
  }
  return reviews
}

/** The same walk and allocation with a plain actual/planned mean instead of the rules. */
const baselinePass = (plans: ReadonlyArray<PlanYears>): number => {
  let reviews = 0
  for (const plan of plans) {
    for (let y = 0; y < plan.years.length; y++) {
      const yearReviews = plan.years[y]!
      const lines = plan.initiatives.map((initiative, i) => {
        const review = yearReviews[i]!
        let sum = 0
        let used = 0
        for (const measure of review.measures) {
          if (measure.actual !== undefined && measure.planned !== undefined && measure.planned !== 0) {
            sum += measure.actual / measure.planned
            used += 1
          }
        }
        return { initiative, review, evaluation: used === 0 ? null : sum / used }
      })
      let a = 0
      for (const line of lines) if (line.review.selfRating === "A") a += 1
      sink += a
      reviews += lines.length
    }
  }
  return reviews
}

const evaluateOnlyPass = (plans: ReadonlyArray<PlanYears>): number => {
  let reviews = 0
  for (const plan of plans)
    for (const year of plan.years)
      for (const review of year) {
        sink += evaluateReview(review, plan.policy).flags.length
        reviews += 1
      }
  return reviews
}

/**
 * Reviews per second, best of the rounds run in `minSeconds`. A round repeats the pass until it
 * has run ≥ 20 ms: one pass at N = 1 is ≈ 600 reviews (≈ 0.5 ms), too short to time alone, and a
 * fixed cap on the rounds (50 before) timed N = 1 mostly before the JIT's optimising tiers.
 */
const rate = (pass: () => number, minSeconds: number): number => {
  const warmUntil = performance.now() + Math.min(minSeconds / 4, 0.25) * 1000
  let passMs = 0
  do {
    const started = performance.now()
    pass() // warm-up: let the JIT see the code before it is timed
    passMs = performance.now() - started
  } while (performance.now() < warmUntil)
  const passesPerRound = Math.max(1, Math.ceil(20 / Math.max(passMs, 0.001)))
  let best = 0
  const until = performance.now() + minSeconds * 1000
  for (let rounds = 0; rounds < 3 || performance.now() < until; rounds++) {
    const started = performance.now()
    let count = 0
    for (let i = 0; i < passesPerRound; i++) count += pass()
    best = Math.max(best, count / ((performance.now() - started) / 1000))
  }
  return best
}

const generatorRows: Array<Row> = []
const rulesRows: Array<Row> = []
const details: Array<Record<string, number>> = []
const minSeconds = quick ? 0.4 : 1.5

for (const n of sizes(quick, ALL_MUNICIPALITIES)) {
  const heap0 = heapUsed()
  const g0 = performance.now()
  const datasets = generate(n)
  const generateSeconds = (performance.now() - g0) / 1000
  const heapData = heapUsed() - heap0
  const count = datasets.reduce((sum, dataset) => sum + dataset.reviews.length, 0)
  // Baseline of the generator: the same number of review objects, shallow copies of the seed's.
  const seedReviews = datasets[0]!.reviews
  const b0 = performance.now()
  const copies: Array<Review> = new Array(count)
  for (let i = 0; i < count; i++) copies[i] = { ...seedReviews[i % seedReviews.length]! }
  const copySeconds = (performance.now() - b0) / 1000
  const heapCopies = heapUsed() - heap0 - heapData
  sink += copies.length
  copies.length = 0
  generatorRows.push(
    {
      case: "generate plans × 60 initiatives × 10 years",
      n,
      metric: "reviews/s",
      unit: "reviews/s",
      value: count / generateSeconds,
      baseline: count / copySeconds,
      baselineLabel: "shallow copies of the seed's reviews",
      higherIsBetter: true
    },
    {
      case: "generated data in memory",
      n,
      metric: "heap per 100,000 reviews",
      unit: "MB",
      value: ((heapData / count) * 1e5) / 1e6,
      baseline: ((Math.max(heapCopies, 0) / count) * 1e5) / 1e6,
      baselineLabel: "shallow copies of the seed's reviews",
      higherIsBetter: false,
      note: `${count.toLocaleString("en")} reviews, ${(heapData / 1e6).toFixed(0)} MB`
    }
  )
  log(`generator N=${n}: ${count} reviews in ${generateSeconds.toFixed(2)} s, ${(heapData / 1e6).toFixed(0)} MB`)

  const plans = arrange(datasets)
  const rules = rate(() => rulesPass(plans), minSeconds)
  const base = rate(() => baselinePass(plans), minSeconds)
  const evaluateOnly = rate(() => evaluateOnlyPass(plans), minSeconds)
  rulesRows.push({
    case: "evaluate + roll up every plan-year",
    n,
    metric: "reviews/s",
    unit: "reviews/s",
    value: rules,
    baseline: base,
    baselineLabel: "plain actual/planned loop, same walk",
    higherIsBetter: true,
    goal: "≥ 1,000,000 reviews/s",
    met: rules >= GOAL_RATE,
    note: `evaluateReview alone: ${Math.round(evaluateOnly).toLocaleString("en")}/s`
  })

  // Memory: every evaluation kept (what a report over all of them holds).
  const heapBefore = heapUsed()
  const kept: Array<ReviewEvaluation> = []
  for (const plan of plans)
    for (const year of plan.years) for (const review of year) kept.push(evaluateReview(review, plan.policy))
  const heapEvaluations = heapUsed() - heapBefore
  rulesRows.push({
    case: "evaluations kept in memory",
    n,
    metric: "heap per 100,000 reviews",
    unit: "MB",
    value: ((heapEvaluations / kept.length) * 1e5) / 1e6,
    baseline: ((heapData / count) * 1e5) / 1e6,
    baselineLabel: "the reviews themselves (generated data)",
    higherIsBetter: false
  })
  details.push({ n, reviews: count, rules, baseline: base, evaluateOnly, heapData, heapEvaluations })
  log(
    `rules N=${n}: ${Math.round(rules).toLocaleString("en")} reviews/s (baseline ${Math.round(base).toLocaleString("en")}/s, evaluateReview alone ${Math.round(evaluateOnly).toLocaleString("en")}/s)`
  )
  kept.length = 0
}

writeResult({ name: "generator", title: "Scale data", rows: generatorRows })
writeResult({ name: "rules", title: "Rules engine (one core)", rows: rulesRows, details: { runs: details, sink } })
