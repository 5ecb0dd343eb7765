import { Data } from "effect"
import { type Measure, hasUnitMismatch } from "./Measure.ts"

/** How far a measure reached its plan: 1 = exactly the plan, above 1 = better than planned. */
export type Achievement = Data.TaggedEnum<{
  Computed: { readonly ratio: number }
  NotComputable: { readonly reason: "noActual" | "noPlanned" | "unitMismatch" | "zeroPlanned" }
}>
export const Achievement = Data.taggedEnum<Achievement>()

/**
 * Achievement of one measure, honouring its comparator:
 * - atLeast, approx, exact: actual / planned (more is better).
 * - atMost: planned / actual (lower is better; an actual of 0 against a positive ceiling is
 *   as good as it gets and reads as the best ratio the policy caps at, here +∞).
 * Units are compared first: 315 件 against 45 名 is never a ratio.
 */
export const achievementOf = (measure: Measure): Achievement => {
  const { actual, planned } = measure
  if (actual === undefined) return Achievement.NotComputable({ reason: "noActual" })
  if (planned === undefined) return Achievement.NotComputable({ reason: "noPlanned" })
  if (hasUnitMismatch(measure)) return Achievement.NotComputable({ reason: "unitMismatch" })
  if (measure.comparator === "atMost") {
    if (actual === 0) return Achievement.Computed({ ratio: Number.POSITIVE_INFINITY })
    return Achievement.Computed({ ratio: planned / actual })
  }
  if (planned === 0) return Achievement.NotComputable({ reason: "zeroPlanned" })
  return Achievement.Computed({ ratio: actual / planned })
}

export const ratioOf = (achievement: Achievement): number | null =>
  achievement._tag === "Computed" ? achievement.ratio : null
