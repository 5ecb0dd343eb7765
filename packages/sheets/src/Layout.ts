import {
  type Area,
  type BasicPolicy,
  type FiscalYear,
  fiscalYearLabelJa,
  formatRatingCell,
  nextFiscalYear,
  type Objective,
  objectiveMark,
  type ObjectivePlace,
  type Plan,
  ratings,
  type SheetColumn,
  type Target,
  toFullWidth
} from "@sukoyaka/core"

/**
 * 「苫小牧市健康増進計画『健やか とまこまい step３』　【基本方針３】　令和６年度実施結果、令和７年度実施計画（案）」:
 * the seed's title line, from the plan, the basic policies the sheet belongs to (all by default)
 * and the year (era labels from core, never typed by hand).
 */
export const titleLine = (
  plan: Plan,
  year: FiscalYear,
  policies: ReadonlyArray<BasicPolicy> = plan.basicPolicies
): string => {
  const numbers = policies.map((policy) => `【基本方針${toFullWidth(String(policy.no))}】`).join("")
  return `${plan.title}　${numbers}　${fiscalYearLabelJa(year)}実施結果、${fiscalYearLabelJa(nextFiscalYear(year))}実施計画（案）`
}

/**
 * 「基本方針３　こころの健康づくり　／　１　自殺総合対策…」: the policy and area the sheet belongs to
 * (every policy and area of the plan when no place is given).
 */
export const policyLine = (plan: Plan, place?: { readonly policy: BasicPolicy; readonly area: Area }): string => {
  const groups =
    place === undefined
      ? plan.basicPolicies.map((policy) => ({ policy, areas: policy.areas }))
      : [{ policy: place.policy, areas: [place.area] }]
  return groups
    .flatMap(({ policy, areas }) => [
      `基本方針${toFullWidth(String(policy.no))}　${policy.title}`,
      ...areas.map((area) => `${toFullWidth(String(area.no))}　${area.title}`)
    ])
    .join("　／　")
}

export const visionLine = (plan: Plan): string => `基本理念　${plan.vision}　　基本目標　${plan.goal}`

/** 「①　こども・若者への自殺対策の強化を図ります。」 */
export const objectiveLine = (objective: Objective): string => `${objectiveMark(objective.no)}　${objective.statement}`

const formatTargetValue = (target: Target): string => {
  // A rate is printed with one decimal (13.0), as the plan states it.
  const value = target.kind === "rate" ? target.targetValue.toFixed(1) : String(target.targetValue)
  // 「人口10万人あたり」 is already part of the indicator; 「％」 is not.
  const unit = target.indicator.includes(target.unit) ? "" : target.unit
  const segment = target.population === null ? "" : `${target.population}：`
  return `【${segment}${value}${unit}】`
}

/**
 * The ■ lines of the header with their values filled in (the seed's cell showed #REF!). Targets
 * that share an indicator (men / women) share one line, as in the seed.
 */
export const targetLines = (targets: ReadonlyArray<Target>): ReadonlyArray<string> => {
  const groups = new Map<string, Array<Target>>()
  for (const target of targets) {
    const group = groups.get(target.indicator) ?? []
    group.push(target)
    groups.set(target.indicator, group)
  }
  return [...groups.entries()].map(
    ([indicator, group]) => `■　${indicator}　${group.map(formatTargetValue).join("　")}`
  )
}

/** 「【Ａ　順調　、　Ｂ　やや順調　、　Ｃ　やや遅れている　、　Ｄ　遅れている】」, from core's labels. */
export const ratingLegend = (): string => `【${ratings.map((rating) => formatRatingCell(rating)).join("　、　")}】`

/** The I cell's choices for the list validation. */
export const ratingChoices = (): ReadonlyArray<string> => ratings.map((rating) => formatRatingCell(rating))

const forbiddenInSheetName = /[\\/?*[\]:]/g

/** Excel's longest tab name. */
const SHEET_NAME_LENGTH = 31

/**
 * 「①こども・若者」: the mark and the title up to its first の, short enough for a tab (Excel allows
 * 31 characters and none of \ / ? * [ ] :). In a plan of more than one area every area numbers its
 * objectives from ①, so the tab starts with the policy and area (「3-1①こども・若者」): the title is
 * shortened to fit, never the numbers.
 */
export const sheetNameOf = (
  place: Pick<ObjectivePlace, "policy" | "area" | "objective">,
  withArea: boolean
): string => {
  const objective: Objective = place.objective
  const head = objective.title.split(/への|の/)[0] ?? objective.title
  const numbers = `${withArea ? `${place.policy.no}-${place.area.no}` : ""}${objectiveMark(objective.no)}`
  const title = (head === "" ? objective.title : head).replace(forbiddenInSheetName, "・")
  return `${numbers}${title.slice(0, Math.max(0, SHEET_NAME_LENGTH - numbers.length))}`
}

/** Column widths in characters, close to the seed's proportions; D, F and K carry the long text. */
export const columnWidths: Record<SheetColumn, number> = {
  A: 6,
  B: 5,
  C: 12,
  D: 32,
  E: 12,
  F: 32,
  G: 20,
  H: 17,
  I: 9,
  J: 26,
  K: 32,
  L: 17
}

/** Width of one character in Excel's column-width units at the sheets' 9 pt font. */
const charWidth = (char: string): number => {
  const code = char.codePointAt(0) ?? 0
  // Half-width: ASCII and half-width katakana; everything else (kana, kanji, full-width forms) is wide.
  return code < 0x2000 || (code >= 0xff61 && code <= 0xff9f) ? 0.85 : 1.55
}

const linesOf = (text: string, width: number): number => {
  const usable = Math.max(width - 1, 1)
  return text.split("\n").reduce((lines, paragraph) => {
    const length = [...paragraph].reduce((sum, char) => sum + charWidth(char), 0)
    return lines + Math.max(1, Math.ceil(length / usable))
  }, 0)
}

const LINE_HEIGHT_PT = 12.5

/**
 * Excel and LibreOffice keep the default height for rows of a generated file, which cuts wrapped
 * text off, so each row gets the height its longest cell needs (an estimate on the safe side).
 */
export const rowHeightFor = (cells: Record<SheetColumn, string>): number => {
  const lines = (Object.keys(columnWidths) as Array<SheetColumn>).reduce(
    (most, column) => Math.max(most, linesOf(cells[column], columnWidths[column])),
    1
  )
  // Excel's maximum row height is 409 pt.
  return Math.min(409, lines * LINE_HEIGHT_PT + 4)
}
