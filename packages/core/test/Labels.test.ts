import { describe, expect, it } from "@effect/vitest"
import {
  AttentionReason,
  attentionReasonLabel,
  ConsistencyFlag,
  consistencyFlagText,
  NotComputableReason,
  notComputableReasonLabel
} from "../src/index.ts"

// The label tables are Records over the schemas' literals, so a reason without a label does not
// compile; these tests pin what the schemas and the words are.
describe("the reasons and their labels", () => {
  it("counts every consistency flag as an attention reason", () => {
    expect(AttentionReason.literals).toEqual(["behind", "missingReview", ...Object.keys(ConsistencyFlag.cases)])
    expect(Object.keys(attentionReasonLabel).sort()).toEqual([...AttentionReason.literals].sort())
  })

  it("labels every reason a measure has no ratio", () => {
    expect(Object.keys(notComputableReasonLabel).sort()).toEqual([...NotComputableReason.literals].sort())
    expect(notComputableReasonLabel.unitMismatch).toEqual({ ja: "単位不一致", en: "unit mismatch" })
  })

  it("writes a flag as a sentence with its figures, letters full-width in Japanese", () => {
    expect(consistencyFlagText({ _tag: "RatingMissing" })).toEqual({
      ja: "自己評価が入力されていません",
      en: "No self-rating entered"
    })
    expect(consistencyFlagText({ _tag: "ReasonMissing", rating: "D" })).toEqual({
      ja: "自己評価 Ｄ の理由が書かれていません",
      en: "No reason given for self-rating D"
    })
    expect(consistencyFlagText({ _tag: "RatingDiffers", selfRating: "B", suggested: "A", grades: -1 })).toEqual({
      ja: "自己評価 Ｂ は実績からの提案 Ａ より 1 段階低い",
      en: "Self-rating B is 1 grade below the suggestion A from the figures"
    })
    expect(consistencyFlagText({ _tag: "RatingDiffers", selfRating: "A", suggested: "C", grades: 2 }).en).toBe(
      "Self-rating A is 2 grades above the suggestion C from the figures"
    )
    expect(
      consistencyFlagText({
        _tag: "UnitMismatch",
        label: "延べ件数",
        unit: "件",
        plannedUnit: "名"
      })
    ).toEqual({
      ja: "単位が一致しません: 延べ件数（実績 件／予定 名）",
      en: "Units differ: 延べ件数 (actual 件 / planned 名)"
    })
  })
})
