import { Schema } from "effect"
import type { Bilingual } from "./Bilingual.ts"
import { type Measure, hasUnitMismatch } from "./Measure.ts"

/** Why a measure has no achievement ratio. The API's measure view reads the same schema. */
export const NotComputableReason = Schema.Literals(["noActual", "noPlanned", "unitMismatch", "zeroPlanned"])
export type NotComputableReason = typeof NotComputableReason.Type

/** Short enough for a table cell: the admin's measures, the dashboard's ratio column. */
export const notComputableReasonLabel: Record<NotComputableReason, Bilingual> = {
  noActual: { ja: "実績なし", en: "no actual" },
  noPlanned: { ja: "予定なし", en: "no plan" },
  unitMismatch: { ja: "単位不一致", en: "unit mismatch" },
  zeroPlanned: { ja: "予定が0", en: "plan is 0" }
}

/** How far a measure reached its plan: 1 = exactly the plan, above 1 = better than planned. */
export type Achievement =
  | { readonly _tag: "Computed"; readonly ratio: number }
  | { readonly _tag: "NotComputable"; readonly reason: NotComputableReason }

/**
 * Plain tagged objects rather than Data.taggedEnum: this is the rules' hot path (a million reviews
 * a second is the goal, bench/), and structural-equality wrappers cost about three times as much.
 */
export const Achievement = {
  Computed: ({ ratio }: { readonly ratio: number }): Achievement => ({ _tag: "Computed", ratio }),
  NotComputable: ({ reason }: { readonly reason: NotComputableReason }): Achievement => ({
    _tag: "NotComputable",
    reason
  })
}

/**
 * Achievement of one measure, honouring its comparator:
 * - atLeast, approx, exact: actual / planned (more is better).
 * - atMost (以下・以内・まで): planned / actual (lower is better). An actual of 0 meets a ceiling of 0
 *   exactly (100 %); against a positive ceiling it is better than any ratio (+∞, which the policy
 *   caps and the API shows as `unbounded`).
 * Units are compared first: 315 件 against 45 名 is never a ratio.
 */
export const achievementOf = (measure: Measure): Achievement => {
  const { actual, planned } = measure
  if (actual === undefined) return Achievement.NotComputable({ reason: "noActual" })
  if (planned === undefined) return Achievement.NotComputable({ reason: "noPlanned" })
  if (hasUnitMismatch(measure)) return Achievement.NotComputable({ reason: "unitMismatch" })
  if (measure.comparator === "atMost") {
    if (actual === 0) return Achievement.Computed({ ratio: planned === 0 ? 1 : Number.POSITIVE_INFINITY })
    return Achievement.Computed({ ratio: planned / actual })
  }
  if (planned === 0) return Achievement.NotComputable({ reason: "zeroPlanned" })
  return Achievement.Computed({ ratio: actual / planned })
}

export const ratioOf = (achievement: Achievement): number | null =>
  achievement._tag === "Computed" ? achievement.ratio : null
