import { Schema } from "effect"
import { type Bilingual, LabelJa, MessageBilingual } from "./Bilingual.ts"

/** How the planned figure is meant, read from the city's own words next to it. */
export const Comparator = Schema.Literals(["atLeast", "atMost", "approx", "exact"]).annotate({
  identifier: "Comparator",
  title: "Comparator",
  description:
    "以上 atLeast; 以下・未満・以内・まで・上限 atMost (lower is better); 程度・概ね・予定 approx; otherwise exact",
  [LabelJa]: "比較の方法"
})
export type Comparator = typeof Comparator.Type

export const comparatorLabel: Record<Comparator, Bilingual> = {
  atLeast: { ja: "以上", en: "at least" },
  atMost: { ja: "以下", en: "at most" },
  approx: { ja: "程度", en: "about" },
  exact: { ja: "（目安なし）", en: "exactly" }
}

/**
 * A ceiling written in words: 「30分以内」「5件まで」「10件を上限」「上限10件」. まで only after a count
 * or a duration — 「12月まで」「2026年まで」「17時まで」 are deadlines, not ceilings.
 */
const CEILING = /以内|上限|\d[\d,.]*\s*(?![年月日時])[^\d\s、。]{0,3}?まで/

/**
 * Reads the comparator from the wording of a planned figure. A ceiling (以下・未満・以内・まで・上限)
 * wins over the others because it flips the direction of the whole comparison (喫煙率 20％以下:
 * lower is better).
 */
export const comparatorFromText = (text: string): Comparator => {
  if (/以下|未満/.test(text) || CEILING.test(text)) return "atMost"
  if (/以上|超/.test(text)) return "atLeast"
  if (/程度|概ね|おおむね|予定|予想|見込|約|前後/.test(text)) return "approx"
  return "exact"
}

const Figure = Schema.Number.check(
  Schema.isFinite(),
  Schema.isGreaterThanOrEqualTo(0, {
    [MessageBilingual]: {
      ja: "数値は0以上の有限の数で入力してください",
      en: "a figure must be a finite number, 0 or more"
    }
  })
).annotate({ title: "Figure", [LabelJa]: "数値" })

const Unit = Schema.String.check(Schema.isMaxLength(20)).annotate({
  title: "Unit",
  description: "as the city writes it: 人, 名, 件, 回, 校, ％ …",
  examples: ["人", "件"],
  [LabelJa]: "単位"
})

/**
 * What keeps a measure the same measure from year to year, whatever its label says that year (No. 57:
 * 子育て講座参加者 → 各種講座参加者; No. 88: Mom'sサロン → 子育てサロンOasis). Free text (a label and unit fit); a measure
 * stored without one is keyed by its label and unit (measureKeyOf), and rollover writes that key down,
 * so a rename after it keeps the line.
 */
export const MeasureKey = Schema.Trimmed.check(Schema.isNonEmpty())
  .check(Schema.isMaxLength(240))
  .annotate({
    title: "Measure key",
    description: "stable across years and renames: the same key in two years is the same measure",
    [LabelJa]: "指標のキー"
  })

/**
 * A figure of a review: what was counted, the actual (G) and the planned (H or L) value.
 * A missing figure is an absent key, never 0 (「―」 in the sheet means "no figure").
 * `plannedUnit` is set only when the plan counted in another unit (No. 66: 315 件 vs 45 名);
 * such a measure is flagged and never compared.
 */
export const Measure = Schema.Struct({
  key: Schema.optional(MeasureKey),
  label: Schema.Trimmed.check(Schema.isNonEmpty())
    .check(Schema.isMaxLength(200))
    .annotate({
      title: "Label",
      description: "the thing counted, as the city names it",
      [LabelJa]: "項目"
    }),
  unit: Unit,
  actual: Schema.optional(Figure.annotate({ title: "Actual", [LabelJa]: "実績" })),
  planned: Schema.optional(Figure.annotate({ title: "Planned", [LabelJa]: "予定" })),
  plannedUnit: Schema.optional(Unit.annotate({ title: "Planned unit", [LabelJa]: "予定の単位" })),
  comparator: Comparator,
  agency: Schema.optional(
    Schema.NullOr(Schema.String).annotate({
      title: "Agency",
      description: "the agency whose 《section》 of a multi-agency cell holds the figure",
      [LabelJa]: "担当機関"
    })
  )
}).annotate({ identifier: "Measure", title: "Measure", [LabelJa]: "指標" })
export type Measure = typeof Measure.Type

/** The measure's identity across years: its key, or for a measure stored without one its label and unit. */
export const measureKeyOf = (measure: Pick<Measure, "key" | "label" | "unit">): string =>
  measure.key ?? `${measure.label}／${measure.unit}`.trim()

/** The measure with its key written down, so that a later rename keeps it. */
export const withMeasureKey = (measure: Measure): Measure => ({ ...measure, key: measureKeyOf(measure) })

/** The unit the planned figure is counted in. */
export const plannedUnitOf = (measure: Measure): string => measure.plannedUnit ?? measure.unit

export const hasUnitMismatch = (measure: Measure): boolean =>
  measure.actual !== undefined && measure.planned !== undefined && plannedUnitOf(measure) !== measure.unit
