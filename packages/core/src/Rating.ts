import { Option, Schema } from "effect"
import { type Bilingual, LabelJa, MessageBilingual } from "./Bilingual.ts"

/** The agency's self-assessment, best first. */
export const ratings = ["A", "B", "C", "D"] as const

export const Rating = Schema.Literals(ratings).annotate({
  identifier: "Rating",
  title: "Rating",
  description: "A on track, B fairly on track, C somewhat behind, D behind",
  examples: ["A", "C"],
  [LabelJa]: "自己評価",
  [MessageBilingual]: { ja: "自己評価は A・B・C・D のいずれかです", en: "rating must be one of A, B, C, D" }
})
export type Rating = typeof Rating.Type

export const ratingLabel: Record<Rating, Bilingual> = {
  A: { ja: "順調", en: "On track" },
  B: { ja: "やや順調", en: "Fairly on track" },
  C: { ja: "やや遅れている", en: "Somewhat behind" },
  D: { ja: "遅れている", en: "Behind" }
}

/** The letter as the sheet prints it (full-width). */
export const ratingLetter: Record<Rating, string> = { A: "Ａ", B: "Ｂ", C: "Ｃ", D: "Ｄ" }

/** 0 for A … 3 for D: the distance between two ratings is a number of grades. */
export const ratingRank = (rating: Rating): number => ratings.indexOf(rating)

export const ratingFromRank = (rank: number): Rating => ratings[Math.min(Math.max(Math.round(rank), 0), 3)]!

/** The I cell as the city writes it: 「Ａ　順調」. */
export const formatRatingCell = (rating: Rating | null): string =>
  rating === null ? "" : `${ratingLetter[rating]}　${ratingLabel[rating].ja}`

/** Ratings that need the secretariat's attention. */
export const isBehind = (rating: Rating): boolean => rating === "C" || rating === "D"

/**
 * Reads what people type into the I cell: Ａ, A, ａ, 「Ａ　順調」, or only the words 「やや順調」.
 * Returns none for an empty cell or anything unreadable (the caller decides whether that is an error).
 */
export const parseRatingCell = (text: string): Option.Option<Rating> => {
  const compact = text.normalize("NFKC").replace(/\s+/g, "").toUpperCase()
  if (compact === "") return Option.none()
  const letter = compact[0] as Rating
  if ((ratings as ReadonlyArray<string>).includes(letter)) {
    const rest = compact.slice(1)
    return rest === "" || rest === ratingLabel[letter].ja ? Option.some(letter) : Option.none()
  }
  // Longest label first: やや順調 contains 順調.
  const byWords = [...ratings].sort((a, b) => ratingLabel[b].ja.length - ratingLabel[a].ja.length)
  return Option.fromUndefinedOr(byWords.find((rating) => compact === ratingLabel[rating].ja))
}

/** Counts per rating plus the reviews without one: the shape every roll-up reports. */
export interface RatingCounts {
  readonly A: number
  readonly B: number
  readonly C: number
  readonly D: number
  readonly unrated: number
}

export const RatingCounts = Schema.Struct({
  A: Schema.Int,
  B: Schema.Int,
  C: Schema.Int,
  D: Schema.Int,
  unrated: Schema.Int
}).annotate({ identifier: "RatingCounts", title: "Rating counts" })

export const emptyRatingCounts: RatingCounts = { A: 0, B: 0, C: 0, D: 0, unrated: 0 }

export const countRatings = (values: Iterable<Rating | null>): RatingCounts => {
  const counts = { ...emptyRatingCounts }
  for (const value of values) counts[value ?? "unrated"] += 1
  return counts
}
