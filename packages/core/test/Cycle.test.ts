import { describe, expect, it } from "vitest"
import {
  AgencyId,
  CalendarDate,
  cycleTasks,
  daysBetween,
  fiscalYear,
  InitiativeNo,
  openingReview,
  progressOf,
  type Review,
  ReviewProgress,
  reviewProgressLabel,
  Standing,
  standingLabel,
  todayInJapan
} from "../src/index.ts"
import { Schema } from "effect"
import { planId } from "./fixtures.ts"

const draft = (no: number, fields: Partial<Review> = {}): Review => ({
  ...openingReview(planId, InitiativeNo.make(no), fiscalYear(2025)),
  ...fields
})

const cycle = {
  dueDate: "2026-05-31",
  agencyDueDates: [{ agencyId: AgencyId.make("late-bureau"), dueDate: "2026-06-30" }],
  closedAt: null
}

describe("a review's progress, as people speak of it", () => {
  it("an untouched draft has not started; a written one is a draft; one with the secretariat's comment is returned", () => {
    expect(progressOf(draft(1))).toBe("notStarted")
    expect(progressOf(draft(1, { actions: "講演会を開催" }))).toBe("draft")
    expect(progressOf(draft(1, { selfRating: "B" }))).toBe("draft")
    expect(progressOf(draft(1, { actions: "講演会を開催", statusComment: "実績の数字を確認してください" }))).toBe(
      "returned"
    )
  })

  it("a submission after an approval shows it was changed after approval", () => {
    expect(progressOf(draft(1, { status: "submitted" }))).toBe("submitted")
    expect(progressOf(draft(1, { status: "submitted", approvedVersion: 3 }))).toBe("changedAfterApproval")
    expect(progressOf(draft(1, { status: "approved", approvedVersion: 3 }))).toBe("approved")
  })

  it("every state and standing has its words in both languages", () => {
    expect(Object.keys(reviewProgressLabel).sort()).toEqual([...ReviewProgress.literals].sort())
    expect(Object.keys(standingLabel).sort()).toEqual([...Standing.literals].sort())
  })
})

describe("dates of the cycle", () => {
  it("accepts only days that exist, written YYYY-MM-DD", () => {
    const decode = Schema.decodeUnknownResult(CalendarDate)
    expect(decode("2026-05-31")._tag).toBe("Success")
    expect(decode("2026-02-29")._tag).toBe("Failure")
    expect(decode("2026/05/31")._tag).toBe("Failure")
    expect(decode("2026-5-31")._tag).toBe("Failure")
  })

  it("today is the day in Japan: 23:30 UTC is already the next morning", () => {
    expect(todayInJapan(new Date("2026-05-31T15:30:00Z"))).toBe("2026-06-01")
    expect(todayInJapan(new Date("2026-05-31T14:30:00Z"))).toBe("2026-05-31")
    expect(daysBetween("2026-05-31", "2026-06-02")).toBe(2)
    expect(daysBetween("2026-06-02", "2026-05-31")).toBe(-2)
  })
})

describe("the cycle's tasks", () => {
  const initiatives = [
    { no: InitiativeNo.make(1), name: "ゲートキーパー養成", agencies: [AgencyId.make("kenko-shien")] },
    { no: InitiativeNo.make(2), name: "相談窓口", agencies: [AgencyId.make("late-bureau")] },
    { no: InitiativeNo.make(3), name: "啓発", agencies: [AgencyId.make("kenko-shien"), AgencyId.make("late-bureau")] }
  ]
  const reviews = [draft(1), draft(2, { actions: "書いた" }), draft(3, { status: "submitted" })]

  it("past the due date and still with the agency is late; an agency's own date counts for it", () => {
    const tasks = cycleTasks(cycle, initiatives, reviews, "2026-06-03")
    expect(tasks.map((task) => [task.initiativeNo, task.standing, task.dueDate, task.daysLeft])).toEqual([
      [1, "late", "2026-05-31", -3],
      [2, "open", "2026-06-30", 27],
      [3, "handedIn", "2026-05-31", -3]
    ])
  })

  it("within the warning days it is due soon; the due day itself is not late", () => {
    const tasks = cycleTasks(cycle, initiatives, reviews, "2026-05-31")
    expect(tasks[0]?.standing).toBe("dueSoon")
    expect(cycleTasks(cycle, initiatives, reviews, "2026-05-23")[0]?.standing).toBe("open")
    expect(cycleTasks(cycle, initiatives, reviews, "2026-05-24")[0]?.standing).toBe("dueSoon")
  })

  it("a review shared by agencies is due at the earliest of their dates; a review of no known initiative is left out", () => {
    const tasks = cycleTasks(cycle, initiatives.slice(0, 2), reviews, "2026-05-01")
    expect(tasks.map((task) => task.initiativeNo)).toEqual([1, 2])
    expect(cycleTasks(cycle, initiatives, reviews, "2026-05-01")[2]?.dueDate).toBe("2026-05-31")
  })
})
