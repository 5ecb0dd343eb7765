import { describe, expect, it } from "@effect/vitest"
import { columnLetterLabel, toFullWidth } from "../src/index.ts"

describe("toFullWidth", () => {
  it("writes ASCII digits and letters full-width and keeps everything else", () => {
    expect(toFullWidth("令和6年度")).toBe("令和６年度")
    expect(toFullWidth("B*")).toBe("Ｂ*")
    expect(toFullWidth("No. 12 (az)")).toBe("Ｎｏ. １２ (ａｚ)")
  })

  it("labels the sheet's columns as the seed prints them above the headings", () => {
    expect(columnLetterLabel("A")).toBe("Ａ列")
    expect(columnLetterLabel("L")).toBe("Ｌ列")
  })
})
