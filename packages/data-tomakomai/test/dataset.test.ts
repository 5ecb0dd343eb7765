import {
  countRatings,
  type LifeStage,
  lifeStages,
  parseLifeStages,
  ratingLetter,
  ratings,
  Review,
  Initiative
} from "@sukoyaka/core"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { objectiveRanges } from "../src/index.ts"
import { printedTargetValue } from "../src/plan.ts"
import { dataset, row, seedText } from "./helpers.ts"

const objectiveOf = (no: number) => objectiveRanges.find(([, from, to]) => no >= from && no <= to)![0]

describe("the Tomakomai dataset", () => {
  it("decodes with the core schemas: 55 initiatives, No. 57–111, each with its FY2024 review", () => {
    expect(dataset.initiatives.map((initiative) => initiative.no)).toEqual(Array.from({ length: 55 }, (_, i) => 57 + i))
    for (const initiative of dataset.initiatives) expect(Schema.is(Initiative)(initiative)).toBe(true)
    for (const review of dataset.reviews) {
      expect(Schema.is(Review)(review)).toBe(true)
      expect(review.fiscalYear).toBe(2024)
      expect(review.next.fiscalYear).toBe(2025)
    }
  })

  it("groups the initiatives into the four objectives as the sheet does (13, 12, 6, 24)", () => {
    for (const initiative of dataset.initiatives) expect(initiative.objectiveNo).toBe(objectiveOf(initiative.no))
    const perObjective = [1, 2, 3, 4].map(
      (no) => dataset.initiatives.filter((initiative) => initiative.objectiveNo === no).length
    )
    expect(perObjective).toEqual([13, 12, 6, 24])
  })

  it("has the self-ratings per objective counted by reading the seed", () => {
    const ratingsOf = (objectiveNo: number) =>
      countRatings(
        dataset.reviews
          .filter((review) => objectiveOf(review.initiativeNo) === objectiveNo)
          .map((review) => review.selfRating)
      )
    expect(ratingsOf(1)).toEqual({ A: 11, B: 1, C: 0, D: 0, unrated: 1 })
    expect(ratingsOf(2)).toEqual({ A: 9, B: 2, C: 1, D: 0, unrated: 0 })
    expect(ratingsOf(3)).toEqual({ A: 5, B: 0, C: 1, D: 0, unrated: 0 })
    expect(ratingsOf(4)).toEqual({ A: 20, B: 2, C: 2, D: 0, unrated: 0 })
  })

  it("agrees with the ratings printed vertically in the seed (letter, ideographic space, words)", () => {
    // In the dump a rating cell is the letter, a line with U+3000, then the words one per line.
    const text = seedText
      .split("\n")
      .filter((line) => line !== "")
      .join("\n")
    const rowStarts = [...text.matchAll(/^ ?(\d{2,3})(?: |$)/gm)]
      .map((match) => ({ at: match.index, no: Number(match[1]) }))
      .filter(({ no }) => no >= 57 && no <= 111)
    const printed = new Map<number, string>()
    for (const match of text.matchAll(/([ＡＢＣＤ])\n　\n(?:[^\n]\n){2,7}/g)) {
      const owner = rowStarts.filter(({ at }) => at < match.index).at(-1)!
      printed.set(owner.no, match[1]!)
    }
    for (const review of dataset.reviews) {
      expect([review.initiativeNo, printed.get(review.initiativeNo)]).toEqual([
        review.initiativeNo,
        review.selfRating === null ? undefined : ratingLetter[review.selfRating]
      ])
    }
  })

  it("counts the initiatives per life stage", () => {
    const perStage = Object.fromEntries(
      lifeStages.map((stage) => [
        stage,
        dataset.initiatives.filter((initiative) => initiative.lifeStages.includes(stage)).length
      ])
    ) as Record<LifeStage, number>
    expect(perStage).toEqual({ pregnancy: 20, infancy: 23, schoolAge: 32, adulthood: 40, elderly: 29 })
  })

  it("counts neither row cut by the layout under a guessed life stage: No. 74 and No. 110 alike, each with a note", () => {
    const unknown = dataset.initiatives.filter((initiative) => initiative.lifeStages.length === 0)
    expect(unknown.map((initiative) => [initiative.no, initiative.lifeStagesText])).toEqual([
      [74, "年期"],
      [110, ""]
    ])
    for (const initiative of unknown) {
      expect(initiative.notes.filter((note) => note.column === "A").map((note) => note.kind)).toEqual(["cutByLayout"])
    }
  })

  it("reads every life-stage cell with the core parser, except the two cut by page breaks, which carry a note", () => {
    for (const initiative of dataset.initiatives) {
      const parsed = parseLifeStages(initiative.lifeStagesText)
      if (initiative.no === 74 || initiative.no === 110) {
        expect(Result.isFailure(parsed)).toBe(true)
        expect(initiative.lifeStages).toEqual([])
        expect(initiative.notes.some((note) => note.column === "A" && note.kind === "cutByLayout")).toBe(true)
      } else {
        expect([initiative.no, Result.getOrThrow(parsed)]).toEqual([initiative.no, initiative.lifeStages])
      }
    }
  })

  it("keeps every text cell word for word as printed (whitespace aside, PDF artifacts repaired)", () => {
    const repaired = seedText
      .replace(/[\u2F00-\u2FDF]/g, (radical) => radical.normalize("NFKC"))
      .replace(/ʷ/g, "―")
      .replace(/\s+/g, "")
    for (const { initiative, review } of dataset.initiatives.map((i) => row(i.no))) {
      const cells = {
        C: initiative.name,
        D: initiative.content,
        F: review.actions,
        G: review.resultText,
        H: review.plannedText,
        J: review.ratingReason,
        K: review.next.actions,
        L: review.next.plannedText
      }
      for (const [column, text] of Object.entries(cells)) {
        expect({ no: initiative.no, column, found: repaired.includes(text.replace(/\s+/g, "")) }).toEqual({
          no: initiative.no,
          column,
          found: true
        })
        expect(text).not.toMatch(/[\u2F00-\u2FDFʷ]/)
      }
    }
  })

  it("takes every figure from its own cell: actuals from G, plans from H and L", () => {
    const digits = (text: string) =>
      text
        .normalize("NFKC")
        .replace(/[,\s]/g, "")
        .replace(/(\d+)万(\d+)/g, (_, a, b) => String(Number(a) * 10000 + Number(b)))
    for (const review of dataset.reviews) {
      for (const measure of review.measures) {
        if (measure.actual !== undefined)
          expect([review.initiativeNo, digits(review.resultText).includes(String(measure.actual))]).toEqual([
            review.initiativeNo,
            true
          ])
        if (measure.planned !== undefined)
          expect([review.initiativeNo, digits(review.plannedText).includes(String(measure.planned))]).toEqual([
            review.initiativeNo,
            true
          ])
      }
      for (const measure of review.next.measures) {
        expect(measure.actual).toBeUndefined()
        if (measure.planned !== undefined)
          expect([review.initiativeNo, digits(review.next.plannedText).includes(String(measure.planned))]).toEqual([
            review.initiativeNo,
            true
          ])
      }
    }
  })

  it("records 「―」 as no measure, never as zero", () => {
    for (const review of dataset.reviews) {
      if (review.resultText.trim() === "―") expect(review.measures.filter((m) => m.actual !== undefined)).toEqual([])
      if (review.next.plannedText.trim() === "―") expect(review.next.measures).toEqual([])
    }
    expect(row(75).review.measures).toEqual([])
  })

  it("keeps one record per agency, and each multi-agency row keeps each agency", () => {
    expect(new Set(dataset.agencies.map((agency) => agency.name)).size).toBe(dataset.agencies.length)
    expect(row(63).agencyNames).toEqual(["苫小牧市立病院", "北海道メンタルケアセンター"])
    expect(row(68).agencyNames).toEqual(["協働・男女平等参画室", "北海道立女性相談支援センター", "NPO法人ウィメンズ結"])
    expect(row(86).agencyNames).toEqual(["障がい福祉課", "健康支援課"])
    const used = new Set(dataset.initiatives.flatMap((initiative) => initiative.agencies))
    expect(dataset.agencies.every((agency) => used.has(agency.id))).toBe(true)
  })

  it("keeps 《agency》 sections attributable: a measure names an agency of its own row", () => {
    for (const { initiative, review, agencyNames } of dataset.initiatives.map((i) => row(i.no))) {
      for (const measure of [...review.measures, ...review.next.measures]) {
        if (measure.agency) expect([initiative.no, agencyNames.includes(measure.agency)]).toEqual([initiative.no, true])
      }
    }
    expect(row(63).review.measures.map((m) => m.agency)).toContain("北海道メンタルケアセンター")
  })

  it("carries the markers: 【新】, 【新 R6.6追記】, （旧 …）, the dissolved association", () => {
    expect(row(74).initiative.markers).toEqual({ isNew: true, newNote: null, formerName: null })
    expect(row(111).initiative.markers).toMatchObject({ isNew: true, newNote: "R6.6追記" })
    expect(row(80).initiative.markers.formerName).toBe("離職防止等処遇改善事業")
    expect(row(64).initiative.status).toBe("discontinued")
    expect(row(64).review.selfRating).toBeNull()
    expect(dataset.initiatives.filter((i) => i.status === "discontinued").map((i) => i.no)).toEqual([64])
    expect(row(88).initiative.notes.some((note) => note.column === "K" && /子育てサロンOasis/.test(note.ja))).toBe(true)
  })

  it("types a note unitMismatch exactly where one measure pairs figures in different units", () => {
    for (const { initiative, review } of dataset.initiatives.map((i) => row(i.no))) {
      const paired = [...review.measures, ...review.next.measures].some((measure) => measure.plannedUnit !== undefined)
      const noted = initiative.notes.some((note) => note.kind === "unitMismatch")
      expect({ no: initiative.no, noted }).toEqual({ no: initiative.no, noted: paired })
    }
    expect(
      dataset.initiatives.filter((i) => i.notes.some((note) => note.kind === "unitMismatch")).map((i) => i.no)
    ).toEqual([66, 67, 88])
  })

  it("keeps different things counted in G and H apart: No. 96's participants and lectures, as No. 85's", () => {
    expect(row(96).review.measures).toEqual([
      { label: "講演会参加者", unit: "名", actual: 109, comparator: "exact", agency: null },
      { label: "講演会", unit: "回", planned: 1, comparator: "approx", agency: null }
    ])
    expect(row(85).review.measures.map((m) => [m.label, m.unit, m.actual, m.planned])).toEqual([
      ["実施", "回", 1, 1],
      ["参加者", "名", 26, undefined]
    ])
  })

  it("labels a figure by what it counts, from the row's own words: No. 106's sessions", () => {
    expect(row(106).review.measures.map((m) => [m.label, m.unit, m.actual])).toEqual([
      ["相談件数", "件", 35],
      ["開催", "回", 12]
    ])
  })

  it("takes every target from a ■ line of the seed, with its value as printed (13.0, not 13)", () => {
    for (const target of dataset.targets) {
      expect(seedText).toContain(target.text)
      expect(Number(printedTargetValue(target).replace(/％$/, ""))).toBe(target.targetValue)
    }
    expect(dataset.targets.map(printedTargetValue)).toEqual(["13.0", "80％", "25％", "35％", "80％"])
  })

  it("records No. 58's FY2024 shares of schools as its measures, not as an observation of the one-share target, and says why", () => {
    for (const target of dataset.targets)
      expect([target.id, target.baseline, target.observations]).toEqual([target.id, null, []])
    const { initiative, review } = row(58)
    expect(review.measures.filter((m) => m.unit === "％").map((m) => [m.label, m.actual])).toEqual([
      ["実施学校数の割合（中学校）", 100],
      ["実施学校数の割合（高校）", 72.7]
    ])
    const inochi = dataset.targets.find((target) => target.id === "inochi-lessons")!
    expect(
      initiative.notes.some((note) => note.column === "G" && note.kind === "ambiguous" && note.ja.includes(inochi.text))
    ).toBe(true)
  })

  it("writes every rating as one of Ａ–Ｄ or none", () => {
    for (const review of dataset.reviews) expect([...ratings, null]).toContain(review.selfRating)
  })
})
