import { describe, expect, it } from "vitest"
import { attentionReasonText, notComputableText } from "./labels.ts"

// The words are core's (attentionReasonLabel, notComputableReasonLabel), in the default locale.
describe("the admin's words for core's reasons", () => {
  it("names attention reasons and reasons a measure has no ratio with core's labels", () => {
    expect(attentionReasonText("RatingMissing")).toBe("自己評価なし")
    expect(attentionReasonText("missingReview")).toBe("未作成")
    expect(notComputableText("unitMismatch")).toBe("単位不一致")
  })

  it("keeps the review editor's own reason and shows a code it does not know as it is", () => {
    expect(notComputableText("invalid")).toBe("数値ではない")
    expect(attentionReasonText("somethingNew")).toBe("somethingNew")
    expect(notComputableText("somethingNew")).toBe("somethingNew")
  })
})
