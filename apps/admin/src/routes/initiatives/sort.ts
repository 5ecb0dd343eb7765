import { ratingRank, type Rating, ReviewProgress } from "@sukoyaka/core"

export const sortKeys = ["no", "name", "objective", "rating", "suggested", "status"] as const
export type SortKey = (typeof sortKeys)[number]

interface Sortable {
  readonly no: number
  readonly name: string
  readonly policyNo: number
  readonly areaNo: number
  readonly objectiveNo: number
  readonly review: {
    readonly selfRating: Rating | null
    readonly progress: string
    readonly evaluation: { readonly suggestedRating: Rating | null }
  } | null
}

const rank = (rating: Rating | null | undefined) => (rating ? ratingRank(rating) : 9)
/** The workflow's order: from untouched to approved. */
const progressRank = new Map<string, number>(ReviewProgress.literals.map((progress, index) => [progress, index]))

/** Sorting of the initiatives table; ties keep the sheet's order (No.). */
export const sortItems = <T extends Sortable>(items: ReadonlyArray<T>, key: SortKey, dir: "asc" | "desc"): Array<T> => {
  const value = (item: T): number | string => {
    switch (key) {
      case "name":
        return item.name
      case "objective":
        // In plan numbering: policy, then area, then objective (each below 1000).
        return (item.policyNo * 1000 + item.areaNo) * 1000 + item.objectiveNo
      case "rating":
        return rank(item.review?.selfRating)
      case "suggested":
        return rank(item.review?.evaluation.suggestedRating)
      case "status":
        return item.review ? (progressRank.get(item.review.progress) ?? 9) : 9
      default:
        return item.no
    }
  }
  const sign = dir === "asc" ? 1 : -1
  return [...items].sort((a, b) => {
    const [x, y] = [value(a), value(b)]
    const order = typeof x === "string" ? x.localeCompare(String(y), "ja") : x - (y as number)
    return order !== 0 ? sign * order : a.no - b.no
  })
}
