import { describe, expect, it } from "vitest"
import { percent } from "./labels.ts"

describe("percent (issue 15)", () => {
  it("never rounds a share onto a threshold: 0.949 is 94 %, beside a Ｂ", () => {
    expect(percent(0.949)).toBe("94%")
    expect(percent(0.6499)).toBe("64%")
    expect(percent(0.29)).toBe("29%")
    expect(percent(null)).toBe("―")
  })
})
