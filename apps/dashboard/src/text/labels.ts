import { percentDown, ratings, type Rating, type TargetGrade } from "@sukoyaka/core"
import type { Messages } from "./messages.ts"

/*
 * The dashboard's glyphs, colours and figures: the same in every language. The words (and the
 * domain labels from @sukoyaka/core) are in messages.ts.
 */

export type RatingKey = Rating | "unrated"

/** The order every roll-up is shown in: Ａ Ｂ Ｃ Ｄ 未評価. */
export const ratingKeys: ReadonlyArray<RatingKey> = [...ratings, "unrated"]

export const ratingKeyLabel = (key: RatingKey, m: Messages): string =>
  key === "unrated" ? m.unrated : m.ratingLetter(key)

/** 「Ａ 順調」 / "A On track". */
export const ratingText = (rating: Rating | null, m: Messages): string =>
  rating === null ? m.unrated : `${m.ratingLetter(rating)} ${m.ratingLabel(rating)}`

/** The bar segment of each rating: distinct shapes, so the bars read without colour too. */
export const ratingGlyph: Record<RatingKey, string> = {
  A: "█",
  B: "▓",
  C: "▒",
  D: "░",
  unrated: "·"
}

export const ratingColor: Record<RatingKey, string> = {
  A: "green",
  B: "cyan",
  C: "yellow",
  D: "red",
  unrated: "gray"
}

export const targetGradeColor: Record<TargetGrade, string> = {
  A: "green",
  B: "cyan",
  "B*": "cyan",
  C: "yellow",
  D: "red",
  E: "gray"
}

export const reviewStatusText = (status: Parameters<Messages["reviewStatus"]>[0] | null, m: Messages): string =>
  status === null ? m.noReview : m.reviewStatus(status)

/** Cut towards zero (core's percentDown): 0.949 never shows as the Ａ line's 95 %. */
export const percent = (share: number | null): string => (share === null ? "―" : percentDown(share))

/** 1,234 or 12.5: figures as the sheet writes them. */
export const figure = (value: number | undefined | null): string =>
  value === undefined || value === null ? "―" : value.toLocaleString("ja-JP", { maximumFractionDigits: 2 })

export const timeOfDay = (date: Date): string =>
  date.toLocaleTimeString("ja-JP", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false
  })
