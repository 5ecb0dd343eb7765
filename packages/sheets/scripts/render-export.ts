/**
 * Renders the exported seed workbook the way a printer would see it: writes the .xlsx to a temp
 * dir, converts it to PDF with LibreOffice headless and turns the first page into a PNG.
 *
 *   npx tsx scripts/render-export.ts [out.png]   (default: docs/images/export-first-page.png)
 *
 * Needs `soffice` (Debian: libreoffice-calc), `pdftoppm` (poppler-utils) and a Japanese font
 * (fonts-noto-cjk).
 */
import { fiscalYear } from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { execFileSync } from "node:child_process"
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { exportWorkbook } from "../src/index.ts"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..")
const target = resolve(process.argv[2] ?? join(root, "docs/images/export-first-page.png"))

const dataset = loadDataset()
const workbook = await exportWorkbook(dataset, { fiscalYear: fiscalYear(2024) })

const work = mkdtempSync(join(tmpdir(), "sukoyaka-render-"))
const xlsx = join(work, "tomakomai-fy2024.xlsx")
writeFileSync(xlsx, workbook)
// A profile of its own, so a running LibreOffice of the user does not swallow the conversion.
execFileSync(
  "soffice",
  [
    `-env:UserInstallation=file://${join(work, "profile")}`,
    "--headless",
    "--convert-to",
    "pdf",
    "--outdir",
    work,
    xlsx
  ],
  { stdio: "inherit" }
)
execFileSync(
  "pdftoppm",
  ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", join(work, "tomakomai-fy2024.pdf"), join(work, "page")],
  {
    stdio: "inherit"
  }
)
mkdirSync(dirname(target), { recursive: true })
copyFileSync(join(work, "page.png"), target)
console.log(`PDF: ${join(work, "tomakomai-fy2024.pdf")}\nPNG: ${target}`)
