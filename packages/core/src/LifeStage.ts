import { Result, Schema } from "effect"
import { type Bilingual, LabelJa, MessageBilingual } from "./Bilingual.ts"

/** The five life stages in their natural order; the order is what ranges like 学童期～青壮年期 mean. */
export const lifeStages = ["pregnancy", "infancy", "schoolAge", "adulthood", "elderly"] as const

export const LifeStage = Schema.Literals(lifeStages).annotate({
  identifier: "LifeStage",
  title: "Life stage",
  description: "pregnancy < infancy < schoolAge < adulthood < elderly",
  [LabelJa]: "ライフステージ",
  [MessageBilingual]: {
    ja: "ライフステージは pregnancy, infancy, schoolAge, adulthood, elderly のいずれかです",
    en: "life stage must be one of pregnancy, infancy, schoolAge, adulthood, elderly"
  }
})
export type LifeStage = typeof LifeStage.Type

export const lifeStageLabel: Record<LifeStage, Bilingual> = {
  pregnancy: { ja: "妊娠期", en: "Pregnancy" },
  infancy: { ja: "乳幼児期", en: "Infancy" },
  schoolAge: { ja: "学童期", en: "School age" },
  adulthood: { ja: "青壮年期", en: "Adulthood" },
  elderly: { ja: "高齢期", en: "Old age" }
}

/** The notation for "every stage" in the city's sheet. */
export const ALL_STAGES_JA = "全期対象"

export const lifeStageRank = (stage: LifeStage): number => lifeStages.indexOf(stage)

/** Distinct stages in life order: the canonical form of an initiative's stages. */
export const sortLifeStages = (stages: Iterable<LifeStage>): ReadonlyArray<LifeStage> => {
  const set = new Set(stages)
  return lifeStages.filter((stage) => set.has(stage))
}

/**
 * An ordered, duplicate-free list: what an initiative carries. It may be empty only where the
 * source cell was lost (No. 74's and No. 110's were cut by page breaks): then a data-quality note
 * says so, and the roll-ups count the initiative under no life stage rather than a guessed one.
 */
export const LifeStages = Schema.Array(LifeStage)
  .check(
    Schema.makeFilter(
      (stages) => stages.every((stage, i) => i === 0 || lifeStageRank(stages[i - 1]!) < lifeStageRank(stage)),
      {
        [MessageBilingual]: {
          ja: "ライフステージは重複なく妊娠期から高齢期の順に並べてください",
          en: "life stages must be distinct and in life order"
        }
      }
    )
  )
  .annotate({ identifier: "LifeStages", title: "Life stages", [LabelJa]: "ライフステージ" })

const byJapanese = new Map(lifeStages.map((stage) => [lifeStageLabel[stage].ja, stage]))

export class LifeStageNotationError extends Schema.TaggedError<LifeStageNotationError>()("LifeStageNotationError", {
  text: Schema.String,
  ja: Schema.String,
  en: Schema.String
}) {}

/**
 * Reads column A as the city writes it: 「学童期」, 「学童期～青壮年期」 (the contiguous range),
 * 「全期対象」, or several stages separated by 、・ or line breaks. The PDF prints the cell one
 * character per line, so all whitespace is ignored.
 */
export const parseLifeStages = (text: string): Result.Result<ReadonlyArray<LifeStage>, LifeStageNotationError> => {
  const compact = text.replace(/\s+/g, "").replace(/[~〜]/g, "～")
  const fail = (ja: string, en: string) => Result.fail(new LifeStageNotationError({ text, ja, en }))
  if (compact === "") return fail("ライフステージが空です", "life stage is empty")
  if (compact === ALL_STAGES_JA) return Result.succeed(lifeStages)
  const found: Array<LifeStage> = []
  for (const part of compact.split(/[、,・]/)) {
    const ends = part.split("～")
    const stages = ends.map((end) => byJapanese.get(end))
    if (stages.some((stage) => stage === undefined) || ends.length > 2) {
      return fail(`「${part}」はライフステージとして読めません`, `"${part}" is not a life stage notation`)
    }
    const [from, to = from] = stages as Array<LifeStage>
    const [lo, hi] = [lifeStageRank(from!), lifeStageRank(to!)]
    if (lo > hi) return fail(`「${part}」は範囲の順序が逆です`, `"${part}" is a range in reverse order`)
    found.push(...lifeStages.slice(lo, hi + 1))
  }
  return Result.succeed(sortLifeStages(found))
}

/** Writes stages back in the sheet's notation: 全期対象, a ～ range when contiguous, else 、. */
export const formatLifeStages = (stages: ReadonlyArray<LifeStage>): string => {
  const sorted = sortLifeStages(stages)
  if (sorted.length === lifeStages.length) return ALL_STAGES_JA
  const ranks = sorted.map(lifeStageRank)
  const contiguous = ranks.every((rank, i) => i === 0 || rank === ranks[i - 1]! + 1)
  if (sorted.length > 1 && contiguous) {
    return `${lifeStageLabel[sorted[0]!].ja}～${lifeStageLabel[sorted[sorted.length - 1]!].ja}`
  }
  return sorted.map((stage) => lifeStageLabel[stage].ja).join("、")
}
