import {
  type AttentionReason,
  type Rating,
  ratingLabel,
  ratingLetter,
  ratings,
  type ReviewStatus,
  reviewStatusLabel,
  type TargetGrade
} from "@sukoyaka/core"

/*
 * The dashboard's own words. Domain labels (ratings, statuses, life stages, years) come from
 * @sukoyaka/core; what is here is terminal-specific: short forms that fit a column.
 */

export type RatingKey = Rating | "unrated"

/** The order every roll-up is shown in: Ａ Ｂ Ｃ Ｄ 未評価. */
export const ratingKeys: ReadonlyArray<RatingKey> = [...ratings, "unrated"]

export const ratingKeyLabel = (key: RatingKey): string =>
  key === "unrated" ? "未評価" : ratingLetter[key]

export const ratingText = (rating: Rating | null): string =>
  rating === null ? "未評価" : `${ratingLetter[rating]} ${ratingLabel[rating].ja}`

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

/** 健康日本21's grades in a column's width (core's labels are the full sentences). */
export const targetGradeShort: Record<TargetGrade, string> = {
  A: "達成",
  B: "改善",
  "B*": "改善（遅れ）",
  C: "変化なし",
  D: "悪化",
  E: "評価困難"
}

export const targetGradeLetter = (grade: TargetGrade): string =>
  grade.replace(/[A-E]/, (letter) => String.fromCharCode(letter.charCodeAt(0) + 0xfee0))

export const targetGradeColor: Record<TargetGrade, string> = {
  A: "green",
  B: "cyan",
  "B*": "cyan",
  C: "yellow",
  D: "red",
  E: "gray"
}

export const attentionReasonLabel: Record<AttentionReason, string> = {
  behind: "遅れ（Ｃ・Ｄ）",
  missingReview: "未作成",
  RatingMissing: "自己評価なし",
  ReasonMissing: "理由なし",
  RatingDiffers: "提案と差",
  UnitMismatch: "単位不一致"
}

export const reviewStatusText = (status: ReviewStatus | null): string =>
  status === null ? "未作成" : reviewStatusLabel[status].ja

export const notComputableLabel: Record<
  "noActual" | "noPlanned" | "unitMismatch" | "zeroPlanned",
  string
> = {
  noActual: "実績なし",
  noPlanned: "予定なし",
  unitMismatch: "単位不一致",
  zeroPlanned: "予定が0"
}

export const percent = (share: number | null): string =>
  share === null ? "―" : `${Math.round(share * 100)}%`

/** 1,234 or 12.5: figures as the sheet writes them. */
export const figure = (value: number | undefined | null): string =>
  value === undefined || value === null
    ? "―"
    : value.toLocaleString("ja-JP", { maximumFractionDigits: 2 })

export const timeOfDay = (date: Date): string =>
  date.toLocaleTimeString("ja-JP", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false
  })
