/**
 * A target that can be rated, in a real browser against the real API on a fresh SQLite database
 * (issue 18's last "Done when"): an admin enters a baseline (its year typed in 和暦) and two
 * observations (years typed in both calendars), links an initiative, saves, and the page shows a
 * 健康日本21 rating other than Ｅ; a year that cannot be read is named at its field and nothing
 * typed is lost; an editor gets no form, and a forged post is refused. Axe on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing } from "./browsing.ts"
import { startStack, type Stack, users } from "./stack.ts"

const PLAN = "tomakomai-step3"
const TARGET = "suicide-rate"

let stack: Stack
const { visit, signIn, closeAll } = browsing(() => stack)

interface TargetJson {
  version: number
  baseline: { year: number; value: number } | null
  observations: Array<{ year: number; value: number }>
  initiativeNos: Array<number>
  evaluation: { grade: string }
}
const targetFromApi = async () =>
  (await (await stack.adminApi.call(`/plans/${PLAN}/targets/${TARGET}`)).json()) as TargetJson

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
}, 240_000)

afterAll(async () => {
  await closeAll()
  await stack?.stop()
})

describe("a target's page", () => {
  it("lets an admin enter a baseline and two observations in 和暦 and 西暦 and shows a rating other than Ｅ", async () => {
    const page = await signIn(users.admin)
    await visit(page, `/targets/${TARGET}`)
    expect(await page.textContent("[data-testid=grade]")).toBe("E")

    await page.fill("#f-baseline-year", "令和4")
    await expect.poll(() => page.textContent("#f-baseline-year-read")).toContain("令和4年度 (2022)")
    await page.fill("#f-baseline-value", "20.1")
    await page.fill("#f-baseline-numerator", "34")
    await page.fill("#f-baseline-denominator", "169,000")
    await page.fill("#f-baseline-source", "人口動態統計")
    await page.fill("#f-observations-0-year", "2023")
    await expect.poll(() => page.textContent("#f-observations-0-year-read")).toContain("令和5年度 (2023)")
    await page.fill("#f-observations-0-value", "15.5")
    await page.fill("#f-observations-0-numerator", "26")
    await page.fill("#f-observations-0-denominator", "168000")
    await page.fill("#f-observations-1-year", "令和６年度")
    await page.fill("#f-observations-1-value", "11.9")
    await page.fill("#f-observations-1-numerator", "20")
    await page.fill("#f-observations-1-denominator", "167500")
    await page.check("[data-testid=link-58]")
    // A target year nobody can read: named at its field, and nothing typed is lost.
    await page.fill("#f-targetYear", "大正5")
    await expect.poll(() => page.textContent("#f-targetYear-read")).toContain("令和7")
    await page.click("[data-testid=save-target]")
    await expect.poll(() => page.textContent("[role=alert]")).toContain("年度は「2025」「令和7」")
    expect(await page.getAttribute("#f-targetYear", "aria-invalid")).toBe("true")
    expect(await page.inputValue("#f-baseline-year")).toBe("令和4")
    expect(await page.inputValue("#f-observations-1-year")).toBe("令和６年度")
    expect((await targetFromApi()).baseline).toBeNull()

    await page.fill("#f-targetYear", "R17")
    await page.click("[data-testid=save-target]")
    await expect.poll(() => page.textContent("[data-testid=target-saved]")).toContain("保存しました")
    await expect.poll(() => page.textContent("[data-testid=grade]")).not.toBe("E")
    expect(await page.textContent("[data-testid=grade]")).toBe("A")
    expect(await page.textContent("#rating-title")).toContain("目標値に達した")
    expect(await page.textContent("[data-testid=baseline]")).toContain("令和4年度 (2022)")
    expect(await page.textContent("[data-testid=latest]")).toContain("令和6年度 (2024)")
    expect(await page.textContent("[data-testid=served-by]")).toContain("Ｎｏ.58")

    const saved = await targetFromApi()
    expect(saved).toMatchObject({
      baseline: { year: 2022, value: 20.1 },
      observations: [
        { year: 2023, value: 15.5 },
        { year: 2024, value: 11.9 }
      ],
      initiativeNos: [58],
      evaluation: { grade: "A" }
    })
    expect(await axe(page)).toEqual([])

    // The initiative's page names the target it serves.
    await visit(page, "/initiatives/58")
    expect(await page.textContent("[data-testid=served-targets]")).toContain("自殺死亡率の減少")
    await page.close()
  })

  it("gives an editor no form, and refuses a forged post", async () => {
    const before = await targetFromApi()
    const page = await signIn(users.editor)
    await visit(page, `/targets/${TARGET}`)
    expect(await page.locator("[data-testid=save-target]").count()).toBe(0)
    expect(await page.isEditable("#f-baseline-year")).toBe(false)
    // The same page in English, read back in both calendars still.
    await page.click("a.lang")
    await page.waitForFunction(() => document.documentElement.lang === "en")
    expect(await page.textContent("#rating-title")).toContain("Health Japan 21 rating")
    expect(await page.textContent("[data-testid=baseline]")).toContain("令和4年度 (2022)")
    expect(await page.textContent("#served-title")).toBe("Initiatives that serve this target")
    expect(await axe(page)).toEqual([])
    const forged = await page.request.post(`${stack.adminUrl}/targets/${TARGET}`, {
      headers: {
        origin: stack.adminUrl,
        "x-sveltekit-action": "true",
        accept: "application/json"
      },
      form: {
        version: String(before.version),
        count: "1",
        "baseline.year": "令和4",
        "baseline.value": "99",
        "observations[0].year": "2024",
        "observations[0].value": "99",
        method: "test"
      }
    })
    expect(await forged.json()).toMatchObject({ type: "failure", status: 403 })
    expect(await targetFromApi()).toEqual(before)
    await page.close()
  })
})
