import { readFileSync } from "node:fs"
import { agreement, calibrate } from "../src/calibration.ts"
import { calibrationReport, dataQualityReport } from "../src/reports.ts"
import { describe, expect, it } from "vitest"
import { dataset } from "./helpers.ts"

const doc = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), "utf8")

describe("generated reports", () => {
  it("docs/data-quality.md is up to date (pnpm --filter @sukoyaka/data-tomakomai reports)", () => {
    expect(doc("data-quality.md")).toBe(dataQualityReport(dataset))
  })

  it("docs/rating-calibration.md is up to date", () => {
    expect(doc("rating-calibration.md")).toBe(calibrationReport(dataset))
  })

  it("lists the cells the domain knows to be odd", () => {
    const report = dataQualityReport(dataset)
    for (const needle of [
      "| 74 | A | cutByLayout",
      "| 110 | A | cutByLayout",
      "| 66 | G | unitMismatch",
      "| 64 | I | missingRating"
    ]) {
      expect(report).toContain(needle)
    }
    expect(report).toMatch(/\| 108 \| .* \| Ｂ \| 120 % \| self Ｂ, figures suggest Ａ/)
    expect(report).toMatch(/\| 87 \| .* \| Ｃ \| 73 % \| self Ｃ, figures suggest Ｂ/)
    expect(report).not.toMatch(/\| 96 \| こころの健康普及啓発講座 \|/)
  })

  it("prints the targets' values as the plan does, and the observed values the seed gives", () => {
    const report = dataQualityReport(dataset)
    expect(report).toContain("自殺死亡率の減少（人口10万人あたり） 13.0;")
    expect(report).toContain("in No. 58 (FY2024): 実施学校数の割合（中学校） 100％; 実施学校数の割合（高校） 72.7％.")
    expect(report).not.toContain("no observed values")
  })
})

describe("the default rating policy", () => {
  it("is the best candidate of the calibration grid", () => {
    const best = calibrate(dataset.reviews)[0]!
    const chosen = agreement(dataset.reviews, dataset.ratingPolicy)
    expect(chosen.agree).toBe(best.agree)
    expect({
      aggregate: dataset.ratingPolicy.aggregate,
      cap: dataset.ratingPolicy.cap,
      thresholds: dataset.ratingPolicy.thresholds
    }).toEqual(best.policy)
    expect([chosen.agree, chosen.computable]).toEqual([23, 29])
  })
})
