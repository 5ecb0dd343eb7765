import {
  comparatorLabel,
  type ConsistencyFlag,
  fiscalYearLabelJa,
  formatLifeStages,
  objectiveMark,
  objectivesOf,
  type Plan,
  ratingLetter
} from "@sukoyaka/core"
import { Box, Text } from "ink"
import type { InitiativeDetailView, InitiativeItem } from "../data/DataSource.ts"
import {
  figure,
  notComputableLabel,
  percent,
  ratingText,
  reviewStatusText
} from "../text/labels.ts"
import { padEnd, padStart, truncate, wrap } from "../text/width.ts"
import { Tone } from "./Tone.tsx"

/** One line of the detail, already cut to the width; the detail scrolls line by line. */
export interface Line {
  readonly text: string
  readonly color?: string
  readonly bold?: boolean
}

export const flagText = (flag: ConsistencyFlag): string => {
  switch (flag._tag) {
    case "RatingMissing":
      return "自己評価が入力されていません"
    case "ReasonMissing":
      return `自己評価 ${ratingLetter[flag.rating]} の理由が書かれていません`
    case "RatingDiffers":
      return `自己評価 ${ratingLetter[flag.selfRating]} は実績からの提案 ${ratingLetter[flag.suggested]} より ${Math.abs(flag.grades)} 段階${flag.grades > 0 ? "高い" : "低い"}`
    case "UnitMismatch":
      return `単位が一致しません: ${flag.label}（実績 ${flag.unit}／予定 ${flag.plannedUnit}）`
  }
}

export interface DetailInput {
  readonly item: InitiativeItem
  /** Every year's reviews, fetched when the detail opens; null until then (or when it failed). */
  readonly detail: InitiativeDetailView | null
  readonly plan: Plan
  readonly agencyNames: ReadonlyMap<string, string>
  readonly width: number
}

/** The whole detail as lines: review, measures with achievement, consistency flags, texts, history. */
export const detailLines = ({
  item,
  detail,
  plan,
  agencyNames,
  width
}: DetailInput): ReadonlyArray<Line> => {
  const lines: Array<Line> = []
  const text = (value: string, style: Omit<Line, "text"> = {}) =>
    lines.push({ text: truncate(value, width), ...style })
  const block = (title: string, body: string) => {
    text(title, { bold: true, color: "blue" })
    const trimmed = body.trim()
    for (const line of trimmed === "" ? ["―"] : wrap(trimmed, width - 2)) text(`  ${line}`)
  }
  const objective = objectivesOf(plan).find((o) => o.no === item.objectiveNo)
  text(`No.${item.no} ${item.name}${item.status === "discontinued" ? "（終了）" : ""}`, {
    bold: true
  })
  text(`取組方針 ${objectiveMark(item.objectiveNo)} ${objective?.title ?? ""}`)
  text(
    `ライフステージ ${item.lifeStagesText || formatLifeStages(item.lifeStages)}　実施機関 ${item.agencies.map((id) => agencyNames.get(id) ?? id).join("、")}`
  )
  const review = item.review
  if (review === null) {
    text("この年度の実施結果はまだありません", { color: "yellow" })
  } else {
    const evaluation = review.evaluation
    const suggestion =
      evaluation.suggestedRating === null
        ? "提案なし（比べられる数値がありません）"
        : // The policy's mean, each measure capped (at 120 % by default): it can differ from a row's own ratio.
          `提案 ${ratingLetter[evaluation.suggestedRating]}（指標 ${evaluation.measuresUsed} 件の達成率平均 ${percent(evaluation.achievement)}）`
    text(`${fiscalYearLabelJa(review.fiscalYear)}　状態 ${reviewStatusText(review.status)}`, {
      bold: true,
      color: "blue"
    })
    text(
      `自己評価 ${ratingText(review.selfRating)}　${suggestion}`,
      evaluation.needsAttention ? { color: "yellow" } : {}
    )
    if (review.ratingReason.trim() !== "")
      for (const line of wrap(`理由 ${review.ratingReason.trim()}`, width)) text(line)
    text("指標と達成率", { bold: true, color: "blue" })
    if (review.measures.length === 0) text("  ―（数値の指標はありません）")
    const [actualWidth, plannedWidth, ratioWidth] = [12, 14, 22]
    const labelWidth = Math.max(6, width - 1 - 2 - actualWidth - plannedWidth - ratioWidth - 3)
    const row = (label: string, actual: string, planned: string, ratio: string) =>
      text(
        `  ${padEnd(label, labelWidth)} ${padStart(actual, actualWidth)} ${padStart(planned, plannedWidth)} ${padStart(ratio, ratioWidth)}`
      )
    if (review.measures.length > 0) row("項目", "実績", "予定", "達成率")
    review.measures.forEach((measure, index) => {
      const achievement = evaluation.measures[index]
      const planned =
        measure.planned === undefined
          ? "―"
          : `${figure(measure.planned)}${measure.plannedUnit ?? measure.unit}${measure.comparator === "exact" ? "" : comparatorLabel[measure.comparator].ja}`
      const ratio =
        achievement === undefined
          ? "―"
          : achievement.ratio !== null
            ? percent(achievement.ratio)
            : `算出不可（${achievement.notComputable ? notComputableLabel[achievement.notComputable] : "―"}）`
      const actual = measure.actual === undefined ? "―" : `${figure(measure.actual)}${measure.unit}`
      row(measure.label, actual, planned, ratio)
    })
    text("整合性", { bold: true, color: "blue" })
    if (evaluation.flags.length === 0) text("  問題なし")
    for (const flag of evaluation.flags) text(`  ・${flagText(flag)}`, { color: "yellow" })
    block(`実施結果（${fiscalYearLabelJa(review.fiscalYear)}）`, review.actions)
    block("参加者数等の結果", review.resultText)
    block(`次年度の計画（${fiscalYearLabelJa(review.next.fiscalYear)}）`, review.next.actions)
  }
  block("内容", item.summary)
  if (item.rationale !== "") block("自殺リスクを下げる理由", item.rationale)
  if (detail !== null && detail.reviews.length > 0) {
    text("評価の推移", { bold: true, color: "blue" })
    text(
      `  ${detail.reviews.map((r) => `${fiscalYearLabelJa(r.fiscalYear)} ${r.selfRating === null ? "未評価" : ratingLetter[r.selfRating]}`).join("　")}`
    )
  }
  return lines
}

export interface InitiativeDetailProps extends DetailInput {
  readonly height: number
  /** The first line shown. */
  readonly scroll: number
}

/** One initiative: its review, measures with achievement, consistency flags. j/k scroll. */
export const InitiativeDetail = (props: InitiativeDetailProps) => {
  const lines = detailLines(props)
  const room = Math.max(1, props.height - 1)
  const start = Math.max(0, Math.min(props.scroll, lines.length - room))
  const shown = lines.slice(start, start + room)
  const more = lines.length - (start + shown.length)
  const footer = `${start + 1}–${start + shown.length} / ${lines.length} 行${more > 0 ? "　↓ j で続き" : ""}　Esc 戻る`
  return (
    <Box flexDirection="column">
      {shown.map((line, index) => (
        <Text key={start + index}>
          <Tone {...(line.color ? { color: line.color } : {})} bold={line.bold ?? false}>
            {line.text}
          </Tone>
        </Text>
      ))}
      <Text>
        <Tone dim>{padStart(footer, props.width - 1)}</Tone>
      </Text>
    </Box>
  )
}

export const detailScrollLimit = (input: DetailInput, height: number): number =>
  Math.max(0, detailLines(input).length - Math.max(1, height - 1))
