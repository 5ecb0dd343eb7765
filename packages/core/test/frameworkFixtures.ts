import type { FrameworkMeasure, TaggedInitiative } from "../src/index.ts"

/** A small framework (大綱-like codes) and tagged initiatives, for the coverage and crosswalk tests. */
export const source = { document: "自殺総合対策大綱", date: "2022-10-14", url: null }
export const measure = (code: string, parentCode: string | null, order: number): FrameworkMeasure => ({
  code,
  parentCode,
  nameJa: `施策${code}`,
  nameEn: null,
  order,
  source,
  confirmed: false
})
export const measures = [
  measure("13", null, 13),
  measure("13(1)", "13", 1),
  measure("9", null, 9),
  measure("11", null, 11)
]
export const tagged = (no: number, measureCode: string, rating: "A" | "B" | "C" | "D" | null): TaggedInitiative => ({
  no,
  name: `事業${no}`,
  agencies: ["健康支援課"],
  rating,
  role: "primary",
  example: false,
  via: null,
  measureCode
})
