// Regenerates the docs that are computed from the dataset.
import { writeFileSync } from "node:fs"
import { loadDataset } from "../src/index.ts"
import { calibrationReport, dataQualityReport } from "../src/reports.ts"

const dataset = loadDataset()
const docs = new URL("../../../docs/", import.meta.url)
writeFileSync(new URL("data-quality.md", docs), dataQualityReport(dataset))
writeFileSync(new URL("rating-calibration.md", docs), calibrationReport(dataset))
console.log("wrote docs/data-quality.md and docs/rating-calibration.md")
