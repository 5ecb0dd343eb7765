/**
 * Renders the seed's first page (the text dump up to its 「1/9ページ」 footer) as a PNG, to lay
 * beside the first page of the exported workbook (docs/sheet-comparison.md). The seed is a text
 * dump of the city's PDF, so this shows its content and order, not the original's layout.
 *
 *   npx tsx scripts/render-seed-page.ts   (needs soffice and pdftoppm, as render-export.ts does)
 *
 * The lines go into a one-column workbook so that the same LibreOffice Calc prints them.
 */
import { execFileSync } from "node:child_process"
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { Workbook } from "@cj-tech-master/excelts"

const root = resolve(fileURLToPath(new URL("../../..", import.meta.url)))
const seed = readFileSync(join(root, "packages/data-tomakomai/seed/tomakomai-step3-policy3-fy2024.txt"), "utf8")
const firstPage = seed.slice(0, seed.indexOf("1/9ページ") + "1/9ページ".length)
// The dump puts a blank line between printed lines; dropping them gives the page back its density.
const text = firstPage
  .split("\n")
  .filter((line) => line !== "")
  .join("\n")

const work = mkdtempSync(join(tmpdir(), "sukoyaka-seed-"))
const workbook = new Workbook()
const sheet = workbook.addWorksheet("seed", {
  pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
})
sheet.getColumn(1).width = 120
for (const line of text.split("\n")) sheet.addRow([line]).font = { name: "Noto Sans CJK JP", size: 9 }
writeFileSync(join(work, "seed-page-1.xlsx"), Buffer.from(await workbook.xlsx.writeBuffer()))
execFileSync(
  "soffice",
  [
    `-env:UserInstallation=file://${join(work, "profile")}`,
    "--headless",
    "--convert-to",
    "pdf",
    "--outdir",
    work,
    join(work, "seed-page-1.xlsx")
  ],
  { stdio: "inherit" }
)
execFileSync(
  "pdftoppm",
  ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", join(work, "seed-page-1.pdf"), join(work, "page")],
  { stdio: "inherit" }
)
copyFileSync(join(work, "page.png"), join(root, "docs/images/seed-first-page.png"))
console.log("wrote docs/images/seed-first-page.png")
