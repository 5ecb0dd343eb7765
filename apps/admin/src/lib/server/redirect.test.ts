import { describe, expect, it } from "vitest"
import { sameOriginPath } from "./redirect.ts"

describe("sameOriginPath", () => {
  it.each([
    ["/\\evil.example/x"],
    ["//evil.example/x"],
    ["/\t/evil.example/x"],
    ["/./\\evil.example"],
    ["/.//evil.example"],
    ["https://evil.example/x"],
    ["javascript:alert(1)"],
    ["evil.example"],
    [""],
    [null]
  ])("%j goes home", (next) => {
    expect(sameOriginPath(next)).toBe("/")
  })

  it.each([
    ["/", "/"],
    ["/initiatives?fiscalYear=2024", "/initiatives?fiscalYear=2024"],
    ["/initiatives/58/review/2024#next", "/initiatives/58/review/2024#next"],
    ["/report?q=%2F%2Fevil", "/report?q=%2F%2Fevil"],
    // Still encoded, a backslash is one path segment here, not a host (the query string's
    // `next=/%5C…` reaches the helper decoded, as `/\…`, and goes home above).
    ["/%5Cevil.example/x", "/%5Cevil.example/x"]
  ])("%j stays %j", (next, expected) => {
    expect(sameOriginPath(next)).toBe(expected)
  })
})
