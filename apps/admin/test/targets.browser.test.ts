/**
 * A target that can be rated, in a real browser against the real API on a fresh SQLite database
 * (issue 18's last "Done when"): an admin enters a baseline (its year typed in 和暦) and two
 * observations (years typed in both calendars), links an initiative, saves, and the page shows a
 * 健康日本21 rating other than Ｅ; a year that cannot be read is named at its field and nothing
 * typed is lost; an editor gets no form, and a forged post is refused. Axe on the page.
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import type { BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startStack, type Stack, users } from "./stack.ts"

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8")
const PLAN = "tomakomai-step3"
const TARGET = "suicide-rate"

let stack: Stack
const contexts: Array<BrowserContext> = []

/** Opens a page and waits until its script runs, so what the test types is not raced by hydration. */
const visit = async (page: Page, path: string) => {
  await page.goto(`${stack.adminUrl}${path}`)
  await page.waitForSelector("html[data-hydrated]", { state: "attached" })
}

const signIn = async (who: { email: string; password: string }): Promise<Page> => {
  const context = await stack.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: "ja-JP"
  })
  context.setDefaultTimeout(90_000)
  contexts.push(context)
  const page = await context.newPage()
  await visit(page, "/login")
  await page.fill("#f-email", who.email)
  await page.fill("#f-password", who.password)
  await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
  return page
}

/** axe-core's serious and critical violations of WCAG 2.1 A/AA on the page. */
const axe = async (page: Page) => {
  await page.evaluate(axeSource)
  const results = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown
          ) => Promise<{
            violations: Array<{
              id: string
              impact: string
              nodes: Array<{ target: unknown }>
            }>
          }>
        }
      }
    ).axe.run
    return run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
      }
    })
  })
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)
}

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
  for (const context of contexts) await context.close()
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
