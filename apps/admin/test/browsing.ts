/**
 * What every browser test does with a page: sign in (one context per user, reused), open a page and
 * wait for its script, run axe, and take the README's screenshots when SUKOYAKA_SCREENSHOTS=1.
 */
import { mkdirSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import type { BrowserContext, Page } from "playwright-core"
import { appDir, type Stack } from "./stack.ts"

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8")
const screenshots = process.env.SUKOYAKA_SCREENSHOTS === "1"
const imagesDir = join(appDir, "..", "..", "docs", "images")

/** docs/images/admin-{name}.png, when the run is asked for screenshots. */
export const shoot = async (page: Page, name: string, fullPage = true) => {
  if (!screenshots) return
  mkdirSync(imagesDir, { recursive: true })
  await page.screenshot({ path: join(imagesDir, `admin-${name}.png`), fullPage })
}

/**
 * axe-core in the page: the serious and critical violations of WCAG 2.1 A/AA. Evaluated through
 * the DevTools protocol, not added as an inline <script>: the page's CSP rightly refuses those.
 */
export const axe = async (page: Page) => {
  await page.evaluate(axeSource)
  const results = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown
          ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }>
        }
      }
    ).axe.run
    return run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }
    })
  })
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)
}

/**
 * Developer identifiers a municipal user must never read in the Japanese UI: field paths and other
 * camelCase names, English error codes and problem types, schema words, what a template prints for
 * a missing value.
 */
export const developerWords =
  /measures\[\d|next\.measures|\b[a-z]+[A-Z][A-Za-z]*\b|\bnumber\b|forbidden|not found|\bundefined\b|\bnull\b|\bNaN\b|\[object |urn:sukoyaka/

/** A page as its reader saw it: where, in which language, and its whole text. */
export interface PageRead {
  readonly where: string
  readonly lang: string
  readonly text: string
}

/** Pages of the stack `current()` gives (the test file's, started in its beforeAll). */
export const browsing = (current: () => Stack) => {
  const contexts = new Map<string, BrowserContext>()
  /** Every confirm() and leave prompt the pages asked, in order: what a test asserts was asked. */
  const dialogs: Array<string> = []
  let answer: "accept" | "dismiss" = "accept"
  /** How the person answers the next questions: OK (the default), or cancel. */
  const answerDialogs = (next: "accept" | "dismiss") => {
    answer = next
  }

  /** Every page the tests read (each visit, and each `read` after an action): what a walkthrough checks. */
  const pagesRead: Array<PageRead> = []
  const read = async (page: Page) => {
    pagesRead.push({
      where: new URL(page.url()).pathname + new URL(page.url()).search,
      lang: (await page.getAttribute("html", "lang")) ?? "",
      text: await page.innerText("body")
    })
  }

  /** Opens a page and waits until its script runs, so what the test types is not raced by hydration. */
  const visit = async (page: Page, path: string) => {
    const response = await page.goto(`${current().adminUrl}${path}`)
    await page.waitForSelector("html[data-hydrated]", { state: "attached" })
    await read(page)
    return response
  }

  /** A new page of the user's signed-in context (signed in once per user and file). */
  const signIn = async (who: { email: string; password: string }): Promise<Page> => {
    const stack = current()
    let context = contexts.get(who.email)
    if (!context) {
      context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" })
      // A loaded CI machine (every package's tests at once) can be slow: wait longer than Playwright's 30 s.
      context.setDefaultTimeout(90_000)
      context.on("page", (page) =>
        page.on("dialog", (dialog) => {
          dialogs.push(dialog.type() === "beforeunload" ? "beforeunload" : dialog.message())
          void (answer === "accept" ? dialog.accept() : dialog.dismiss())
        })
      )
      const page = await context.newPage()
      await visit(page, "/login")
      await page.fill("#f-email", who.email)
      await page.fill("#f-password", who.password)
      try {
        await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
      } catch (error) {
        // Say where the browser got stuck: the page it shows is the diagnosis.
        const body = await page.textContent("body", { timeout: 1_000 }).catch(() => "(no body)")
        throw new Error(`sign-in as ${who.email} stuck at ${page.url()}: ${body?.replace(/\s+/g, " ").slice(0, 500)}`, {
          cause: error
        })
      }
      await page.close()
      // Only a signed-in context is reused: a failed sign-in must not leave later tests signed out.
      contexts.set(who.email, context)
    }
    return context.newPage()
  }

  const closeAll = async () => {
    for (const context of contexts.values()) await context.close()
    contexts.clear()
  }

  return { visit, signIn, closeAll, dialogs, answerDialogs, read, pagesRead }
}
