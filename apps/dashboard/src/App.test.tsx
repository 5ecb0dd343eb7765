import { rollover } from "@sukoyaka/app"
import { FiscalYear } from "@sukoyaka/core"
import { afterEach, describe, expect, it } from "vitest"
import {
  frameOf,
  KEY,
  PLAN,
  press,
  type Rendered,
  renderAt,
  runOn,
  seededCopy,
  seededDatabase,
  waitForFrame,
  waitForText,
  widestLine
} from "../test/support.tsx"
import { App } from "./App.tsx"
import type { DataSource } from "./data/DataSource.ts"
import { localSource } from "./data/localSource.ts"
import type { DatabaseConfig } from "@sukoyaka/storage"
import type { Lang } from "./text/messages.ts"

const opened: Array<{ rendered: Rendered; source: DataSource }> = []

afterEach(async () => {
  for (const { rendered, source } of opened.splice(0)) {
    rendered.unmount()
    await source.close()
  }
})

/** The dashboard on the local source over the seeded database (or a copy), as `pnpm dashboard` runs it. */
const start = async (
  options: {
    database?: DatabaseConfig
    fiscalYear?: number
    refreshSeconds?: number
    columns?: number
    rows?: number
    lang?: Lang
  } = {}
) => {
  const lang = options.lang ?? "ja"
  const source = localSource(options.database ?? seededDatabase(), { lang })
  const rendered = renderAt(
    <App source={source} planId={PLAN} fiscalYear={options.fiscalYear} refreshSeconds={options.refreshSeconds ?? 0} />,
    {
      columns: options.columns ?? 80,
      rows: options.rows ?? 24
    },
    { lang }
  )
  opened.push({ rendered, source })
  await waitForText(rendered, lang === "ja" ? /\d\d:\d\d:\d\d 更新/ : /Updated \d\d:\d\d:\d\d/)
  return rendered
}

const lines = (frame: string) => frame.split("\n")

const selectedRow = (frame: string) => lines(frame).find((line) => line.startsWith("› "))

describe("the dashboard's screens and keys (local database)", { timeout: 60_000 }, () => {
  it("opens on the overview of the latest year, within 80×24", async () => {
    const rendered = await start()
    const frame = frameOf(rendered)
    expect(lines(frame)[0]).toMatch(/^すこやか 令和６年度（FY2024） 苫小牧市健康増進計画/)
    expect(frame).toMatch(/全体\s+\S+ Ａ 45 Ｂ {2}5 Ｃ {2}4 Ｄ {2}0 未評価 {2}1 {2}92%/)
    expect(frame).toContain("目標値")
    expect(frame).toContain("要確認 11 件")
    expect(frame).toContain("提出状況（実施機関別）")
    expect(lines(frame).at(-1)).toMatch(/\d\d:\d\d:\d\d 更新.*\? キー一覧$/)
    expect(lines(frame).length).toBeLessThanOrEqual(23)
    expect(widestLine(frame)).toBeLessThanOrEqual(80)
  })

  it("moves through the attention list with j/k and the arrows, and Enter opens the initiative", async () => {
    const rendered = await start()
    expect(selectedRow(frameOf(rendered))).toMatch(/^› No\.64/)
    await press(rendered, "j")
    await waitForFrame(rendered, (frame) => /^› No\.66/.test(selectedRow(frame) ?? ""))
    await press(rendered, KEY.down, KEY.down)
    await waitForFrame(rendered, (frame) => /^› No\.71/.test(selectedRow(frame) ?? ""))
    await press(rendered, "k", KEY.up)
    await waitForFrame(rendered, (frame) => /^› No\.66/.test(selectedRow(frame) ?? ""))
    await press(rendered, KEY.enter)
    const detail = await waitForText(rendered, "No.66 ひとり親家庭等日常生活支援事業")
    expect(detail).toContain("自己評価 Ａ 順調")
    expect(detail).toMatch(/延べ件数\s+315件\s+45名\s+算出不可（単位不一致）/)
    expect(detail).toContain("・単位が一致しません: 延べ件数（実績 件／予定 名）")
    expect(widestLine(detail)).toBeLessThanOrEqual(80)
  })

  it("scrolls the detail with j/k, shows the years' ratings, and Esc goes back where it came from", async () => {
    const rendered = await start()
    await press(rendered, "j", KEY.enter)
    const top = await waitForText(rendered, "No.66 ひとり親家庭等日常生活支援事業")
    expect(top).toMatch(/1–\d+ \/ \d+ 行　↓ j で続き/)
    await press(rendered, "j", "j")
    const scrolled = await waitForText(rendered, /3–\d+ \/ \d+ 行/)
    expect(scrolled).not.toContain("No.66 ひとり親家庭等日常生活支援事業")
    await press(rendered, ...Array.from({ length: 40 }, () => KEY.down))
    const bottom = await waitForText(rendered, "評価の推移")
    expect(bottom).toContain("令和６年度 Ａ")
    await press(rendered, "k")
    await press(rendered, KEY.escape)
    const back = await waitForText(rendered, "要確認 11 件")
    expect(selectedRow(back)).toMatch(/^› No\.66/)
  })

  it("acts on keys typed faster than frames are drawn (a paste, a busy machine) in order", async () => {
    const rendered = await start()
    await waitForText(rendered, "要確認")
    // No turn for Ink between the keys: each must see what the key before it did.
    for (const key of ["/", "No.108", KEY.enter, KEY.enter]) rendered.stdin.write(key)
    const detail = await waitForText(rendered, "No.108 相談支援")
    expect(detail).toMatch(/相談件数\s+5,731件\s+4,600件\s+124%/)
  })

  it("Tab switches to the initiative list, where the keys move, open and go back", async () => {
    const rendered = await start()
    await press(rendered, KEY.tab)
    const list = await waitForText(rendered, "政策・事業 55 件")
    expect(list).toMatch(/No\.\s+自己 提案 状態\s+方針 政策・事業/)
    expect(selectedRow(list)).toMatch(/^› No\.57\s+Ａ\s+Ａ\s+承認済み\s+①/)
    await press(rendered, "j", KEY.down, "j", "k")
    await waitForFrame(rendered, (frame) => /^› No\.59/.test(selectedRow(frame) ?? ""))
    await press(rendered, KEY.enter)
    await waitForText(rendered, /^No\.59 /m)
    await press(rendered, KEY.left)
    await waitForText(rendered, "政策・事業 55 件")
    await press(rendered, KEY.escape)
    await waitForText(rendered, "要確認 11 件")
    await press(rendered, KEY.tab)
    await waitForText(rendered, "政策・事業 55 件")
    await press(rendered, KEY.tab)
    await waitForText(rendered, "要確認 11 件")
  })

  it("/ filters the list as one types; Enter keeps the filter, Esc clears it", async () => {
    const rendered = await start()
    await press(rendered, "/")
    await waitForText(rendered, "/ 絞り込み:")
    await press(rendered, "ひとり親", "q")
    await waitForText(rendered, "（絞り込み「ひとり親q」）")
    await press(rendered, KEY.backspace)
    const filtered = await waitForText(rendered, /政策・事業 \d+ \/ 55 件（絞り込み「ひとり親」）/)
    expect(filtered).toContain("No.66")
    expect(filtered).not.toContain("No.57 ")
    await press(rendered, KEY.enter)
    await waitForFrame(rendered, (frame) => !frame.includes("/ 絞り込み:"))
    // Back to moving: j moves the selection instead of typing.
    await press(rendered, "j")
    await waitForFrame(rendered, (frame) => /^› No\.67/.test(selectedRow(frame) ?? ""))
    expect(frameOf(rendered)).toContain("（絞り込み「ひとり親」）")
    await press(rendered, KEY.escape)
    await waitForText(rendered, "政策・事業 55 件")
    await press(rendered, "/", "存在しない事業", KEY.escape)
    await waitForText(rendered, "政策・事業 55 件")
  })

  it("opens a filtered row: the achievement of its measures and how the rating differs from the suggestion", async () => {
    const rendered = await start()
    await press(rendered, "/", "No.108", KEY.enter)
    const list = await waitForText(rendered, "政策・事業 1 / 55 件（絞り込み「No.108」）")
    expect(selectedRow(list)).toMatch(/^› No\.108\s+Ｂ\s+Ａ\s+承認済み\s+! ④\s+相談支援/)
    await press(rendered, KEY.enter)
    const detail = await waitForText(rendered, "No.108 相談支援")
    // The suggestion caps each measure at 120 %; the row shows the measure's own 125 %.
    expect(detail).toContain("自己評価 Ｂ やや順調　提案 Ａ（指標 1 件の達成率平均 120%）")
    expect(detail).toMatch(/相談件数\s+5,731件\s+4,600件\s+124%/)
    expect(detail).toContain("・自己評価 Ｂ は実績からの提案 Ａ より 1 段階低い")
  })

  it("PageDown / PageUp move a page through the list, h goes back", async () => {
    const rendered = await start()
    await press(rendered, KEY.tab)
    await waitForText(rendered, "政策・事業 55 件")
    await press(rendered, "\u001B[6~")
    const down = await waitForFrame(rendered, (frame) => !/^› No\.57/.test(selectedRow(frame) ?? "› No.57"))
    const row = Number(/^› No\.(\d+)/.exec(selectedRow(down) ?? "")?.[1])
    expect(row).toBeGreaterThan(60)
    await press(rendered, "\u001B[5~")
    await waitForFrame(rendered, (frame) => /^› No\.57/.test(selectedRow(frame) ?? ""))
    await press(rendered, "h")
    await waitForText(rendered, "要確認 11 件")
  })

  it("y switches the fiscal year (← → to choose, Enter to show, Esc to keep)", async () => {
    const rendered = await start()
    await press(rendered, "y")
    await waitForText(rendered, "年度 < 令和６年度（FY2024） >")
    await press(rendered, KEY.right)
    await waitForText(rendered, "年度 < 令和７年度（FY2025） >")
    await press(rendered, KEY.enter)
    const next = await waitForText(rendered, /^すこやか 令和７年度（FY2025）/m)
    // FY2025 has no review yet: every active initiative is missing one.
    expect(next).toMatch(/全体\s+\S+ Ａ {2}0 Ｂ {2}0 Ｃ {2}0 Ｄ {2}0 未評価 54/)
    expect(next).toContain("承認済み 0/54（0%）")
    expect(next).toContain("未作成")
    await press(rendered, "y", KEY.left, KEY.left)
    await waitForText(rendered, "年度 < 令和５年度（FY2023） >")
    await press(rendered, KEY.escape)
    await waitForFrame(rendered, (frame) => !frame.includes("年度 <"))
    expect(frameOf(rendered)).toMatch(/^すこやか 令和７年度（FY2025）/)
  })

  it("r reads again: what changed in the database shows", async () => {
    const database = seededCopy()
    const rendered = await start({ database, fiscalYear: 2025 })
    await waitForText(rendered, "未作成")
    expect(frameOf(rendered)).not.toContain("自己評価なし")
    await runOn(database, rollover(PLAN, FiscalYear.make(2025), { id: null, label: "test" }))
    await press(rendered, "r")
    // The rollover's drafts have no self-rating yet: the attention list says so instead of 未作成.
    const after = await waitForText(rendered, "自己評価なし")
    expect(after).toContain("作成中")
  })

  it("refreshes by itself every N seconds", async () => {
    const database = seededCopy()
    const rendered = await start({ database, fiscalYear: 2025, refreshSeconds: 1 })
    expect(frameOf(rendered)).toContain("1秒ごとに自動更新")
    await runOn(database, rollover(PLAN, FiscalYear.make(2025), { id: null, label: "test" }))
    await waitForText(rendered, "自己評価なし", 15_000)
  })

  it("? shows the keys, and ? or Esc closes them", async () => {
    const rendered = await start()
    await press(rendered, "?")
    const help = await waitForText(rendered, "キー一覧")
    for (const key of ["Enter", "Tab", "/", "y", "r", "q"])
      expect(help).toMatch(new RegExp(`^  ${key.replace("/", "\\/")}\\s`, "m"))
    expect(help).toContain("j k")
    await press(rendered, "?")
    await waitForText(rendered, "要確認 11 件")
    await press(rendered, "?", KEY.escape)
    await waitForFrame(rendered, (frame) => frame.includes("要確認 11 件") && !frame.includes("このキー一覧"))
  })

  it("q quits: the app unmounts and reads no more keys", async () => {
    const rendered = await start()
    await press(rendered, "q")
    await waitForFrame(rendered, () => rendered.stdin.listenerCount("readable") === 0)
    const last = frameOf(rendered)
    await press(rendered, "?")
    expect(frameOf(rendered)).toBe(last)
  })

  it("fits a narrow terminal (60×20) on every screen", async () => {
    const rendered = await start({ columns: 60, rows: 20 })
    const check = (frame: string) => {
      expect(widestLine(frame)).toBeLessThanOrEqual(60)
      expect(lines(frame).length).toBeLessThanOrEqual(19)
    }
    const overview = frameOf(rendered)
    check(overview)
    expect(overview).toContain("Ａ 45 Ｂ  5 Ｃ  4 Ｄ  0 未評価  1")
    await press(rendered, KEY.tab)
    check(await waitForText(rendered, "政策・事業 55 件"))
    await press(rendered, KEY.enter)
    check(await waitForText(rendered, /^No\.57 /m))
    await press(rendered, "?")
    check(await waitForText(rendered, "キー一覧"))
  })
})

/** The same screens with `--lang en`: the dashboard's words in English, the city's data as written. */
describe("the dashboard in English (--lang en)", { timeout: 60_000 }, () => {
  /** Words of the Japanese screens that must not be left in the English ones. */
  const japaneseWords = [
    "すこやか",
    "全体",
    "未評価",
    "目標値",
    "要確認",
    "承認済み",
    "提出状況",
    "更新",
    "キー一覧",
    "政策・事業",
    "自己評価",
    "達成率",
    "整合性",
    "令和"
  ]
  const expectEnglish = (frame: string) => {
    for (const word of japaneseWords) expect(frame).not.toContain(word)
  }

  it("opens on the overview with the same counts, within 80×24", async () => {
    const rendered = await start({ lang: "en" })
    const frame = frameOf(rendered)
    expect(lines(frame)[0]).toMatch(/^Sukoyaka FY2024 苫小牧市健康増進計画/)
    expect(frame).toMatch(/Self-ratings by objective\s+On track\n/)
    expect(frame).toMatch(/All\s+\S+ A 45 B {2}5 C {2}4 D {2}0 Unrated {2}1 {2}92%/)
    expect(frame).toMatch(/① こども・若者への自殺対.*A 11 B {2}1 C {2}0 D {2}0 Unrated {2}1 100%/)
    expect(frame).toContain("Targets")
    expect(frame).toContain("Needs attention: 11")
    expect(frame).toMatch(/No\.64\s+―\s+心の相談員派遣\s+No rating/)
    expect(frame).toContain("Reviews by agency")
    expect(frame).toContain("Approved 55/55 (100%)")
    expect(lines(frame).at(-1)).toMatch(/^Updated \d\d:\d\d:\d\d.*\? keys$/)
    expectEnglish(frame)
    expect(lines(frame).length).toBeLessThanOrEqual(23)
    expect(widestLine(frame)).toBeLessThanOrEqual(80)
  })

  it("? lists the keys in English, and ? or Esc closes them", async () => {
    const rendered = await start({ lang: "en" })
    await press(rendered, "?")
    const help = await waitForText(rendered, /^Keys\s+\? or Esc closes$/m)
    for (const key of ["Enter", "Tab", "/", "y", "r", "q"])
      expect(help).toMatch(new RegExp(`^  ${key.replace("/", "\\/")}\\s`, "m"))
    expect(help).toContain("j k")
    expect(help).toMatch(/^ {2}q\s+Quit$/m)
    expect(help).toMatch(/^ {2}Tab\s+Switch between the overview and the list$/m)
    expectEnglish(help)
    expect(widestLine(help)).toBeLessThanOrEqual(80)
    await press(rendered, "?")
    await waitForText(rendered, "Needs attention: 11")
    await press(rendered, "?", KEY.escape)
    await waitForFrame(rendered, (frame) => frame.includes("Needs attention: 11") && !frame.includes("Open or close"))
  })

  it("filters, opens and explains an initiative in English, the city's texts as written", async () => {
    const rendered = await start({ lang: "en" })
    await press(rendered, "/", "No.108", KEY.enter)
    const list = await waitForText(rendered, 'Initiatives: 1 / 55 (filter "No.108")')
    expect(selectedRow(list)).toMatch(/^› No\.108\s+B\s+A\s+Approved\s+! ④\s+相談支援/)
    await press(rendered, KEY.enter)
    const detail = await waitForText(rendered, "No.108 相談支援")
    expect(detail).toContain("Self-rating B Fairly on track  Suggested A (mean achievement of 1 measure 120%)")
    expect(detail).toMatch(/相談件数\s+5,731件\s+4,600件\s+124%/)
    expect(detail).toContain("- Self-rating B is 1 grade below the suggestion A from the figures")
    expect(detail).toMatch(/lines 1–\d+ \/ \d+/)
    expectEnglish(detail)
    expect(widestLine(detail)).toBeLessThanOrEqual(80)
  })

  it("switches the year in English", async () => {
    const rendered = await start({ lang: "en" })
    await press(rendered, "y")
    await waitForText(rendered, "Year < FY2024 >")
    await press(rendered, KEY.right, KEY.enter)
    const next = await waitForText(rendered, /^Sukoyaka FY2025/m)
    expect(next).toMatch(/All\s+\S+ A {2}0 B {2}0 C {2}0 D {2}0 Unrated 54/)
    expect(next).toContain("Approved 0/54 (0%)")
    expect(next).toContain("No review")
  })

  it("fits a narrow terminal (60×20) on every screen", async () => {
    const rendered = await start({ lang: "en", columns: 60, rows: 20 })
    const check = (frame: string) => {
      expect(widestLine(frame)).toBeLessThanOrEqual(60)
      expect(lines(frame).length).toBeLessThanOrEqual(19)
      expectEnglish(frame)
    }
    const overview = frameOf(rendered)
    check(overview)
    expect(overview).toContain("A 45 B  5 C  4 D  0 Unrated  1")
    await press(rendered, KEY.tab)
    check(await waitForText(rendered, "Initiatives: 55"))
    await press(rendered, KEY.enter)
    check(await waitForText(rendered, /^No\.57 /m))
    await press(rendered, "?")
    check(await waitForText(rendered, /^Keys /m))
  })
})
