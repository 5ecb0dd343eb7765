/**
 * Scale data: N plans (cities) × 60 initiatives × 10 fiscal years, grown from the Tomakomai seed.
 * Texts are the seed's (shared, as a real city's texts would be of the same size); the figures are
 * new for every city and year: the planned figure drifts from the seed's, the actual scatters
 * around it (a log-normal-ish factor, so most land between 60 % and 130 %), a few figures are
 * missing, the units that disagree in the seed (No. 66) still disagree, and the agency's own rating
 * follows its figures three times in four, as in the seed's calibration. Deterministic: the same N
 * gives the same data.
 */
import {
  type FiscalYear,
  type Initiative,
  type InitiativeNo,
  type Measure,
  type ObjectiveNo,
  Plan,
  type PlanId,
  type PlanSnapshot,
  type Rating,
  type Review,
  defaultRatingPolicy
} from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"

export const INITIATIVES_PER_PLAN = 60
export const YEARS = 10
export const LAST_YEAR = 2024
export const FIRST_YEAR = LAST_YEAR - YEARS + 1
/** Every municipality in Japan (市町村 and 特別区). */
export const ALL_MUNICIPALITIES = 1741

/** mulberry32: small, fast, good enough for test data. */
export const prng = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const planIdOf = (index: number): PlanId => `city-${String(index + 1).padStart(4, "0")}` as PlanId

const ratingsBestFirst: ReadonlyArray<Rating> = ["A", "B", "C", "D"]

const ratingFor = (achievement: number): Rating =>
  achievement >= 0.95 ? "A" : achievement >= 0.65 ? "B" : achievement >= 0.5 ? "C" : "D"

interface Template {
  readonly initiative: Initiative
  readonly review: Review
}

let templates: ReadonlyArray<Template> | undefined

/** The seed's 55 initiatives plus 5 more (copies of the last ones with new numbers) = 60. */
const seedTemplates = (): ReadonlyArray<Template> => {
  if (templates) return templates
  const seed = loadDataset()
  const byNo = new Map(seed.reviews.map((review) => [review.initiativeNo as number, review]))
  const base = seed.initiatives.map((initiative) => ({ initiative, review: byNo.get(initiative.no)! }))
  const lastNo = Math.max(...seed.initiatives.map((initiative) => initiative.no))
  const extra = Array.from({ length: INITIATIVES_PER_PLAN - base.length }, (_, i) => {
    const from = base[base.length - 1 - i]!
    const no = (lastNo + 1 + i) as InitiativeNo
    return {
      initiative: {
        ...from.initiative,
        no,
        status: "active" as const,
        objectiveNo: from.initiative.objectiveNo as ObjectiveNo
      },
      review: { ...from.review, initiativeNo: no }
    }
  })
  templates = [...base, ...extra]
  return templates
}

const measuresFor = (
  template: ReadonlyArray<Measure>,
  random: () => number,
  drift: number
): { measures: Array<Measure>; achievement: number | null } => {
  let sum = 0
  let used = 0
  const measures = template.map((measure) => {
    const planned = Math.max(1, Math.round((measure.planned ?? measure.actual ?? 20) * drift))
    // A figure reported about 1 year in 25 is missing (「―」).
    if (random() < 0.04) return { label: measure.label, unit: measure.unit, planned, comparator: measure.comparator }
    const factor = Math.exp((random() + random() + random() - 1.5) * 0.45) * 0.95
    const actual = Math.round(planned * factor)
    const next: Measure = { ...measure, planned, actual }
    if (measure.plannedUnit === undefined) {
      const ratio = measure.comparator === "atMost" ? (actual === 0 ? 1.2 : planned / actual) : actual / planned
      sum += Math.min(ratio, 1.2)
      used += 1
    }
    return next
  })
  return { measures, achievement: used === 0 ? null : sum / used }
}

/** One city's plan: 60 initiatives and their reviews for the 10 fiscal years up to FY2024. */
export const generatePlan = (index: number): PlanSnapshot => {
  const seed = loadDataset()
  const random = prng(0x5eed + index * 7919)
  const planId = planIdOf(index)
  const plan = new Plan({ ...seed.plan, id: planId, city: `市${index + 1}` }, { disableChecks: true })
  const initiatives: Array<Initiative> = []
  const reviews: Array<Review> = []
  for (const { initiative, review } of seedTemplates()) {
    initiatives.push({ ...initiative, planId })
    const drift = 0.5 + random() * 1.5
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      const { measures, achievement } = measuresFor(review.measures, random, drift * (1 + (year - FIRST_YEAR) * 0.02))
      const roll = random()
      let selfRating: Rating | null
      if (roll < 0.02) selfRating = null
      else if (achievement === null) selfRating = ratingsBestFirst[Math.floor(random() * 2.6)]!
      else if (roll < 0.77) selfRating = ratingFor(achievement)
      else
        selfRating =
          ratingsBestFirst[
            Math.min(3, Math.max(0, ratingsBestFirst.indexOf(ratingFor(achievement)) + (random() < 0.6 ? -1 : 1)))
          ]!
      reviews.push({
        ...review,
        planId,
        fiscalYear: year as FiscalYear,
        measures,
        selfRating,
        // One Ｃ/Ｄ in ten comes without its reason: the consistency check has something to flag.
        ratingReason: random() < 0.1 ? "" : review.ratingReason,
        next: { ...review.next, fiscalYear: (year + 1) as FiscalYear },
        status:
          year === LAST_YEAR ? (["draft", "submitted", "approved"] as const)[Math.floor(random() * 3)]! : "approved"
      })
    }
  }
  return {
    plan,
    agencies: seed.agencies,
    targets: seed.targets,
    initiatives,
    reviews,
    ratingPolicy: defaultRatingPolicy(planId, FIRST_YEAR as FiscalYear)
  }
}

export const generate = (plans: number): Array<PlanSnapshot> =>
  Array.from({ length: plans }, (_, index) => generatePlan(index))

/** The sizes each mode runs: N plans (cities). */
export const sizes = (quick: boolean, max = ALL_MUNICIPALITIES): ReadonlyArray<number> =>
  (quick ? [1, 10] : [1, 10, 100, ALL_MUNICIPALITIES]).filter((n) => n <= max)
