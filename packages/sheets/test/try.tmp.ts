import { exportWorkbook, diffImport } from "../src/index.ts"
import { exportInput, readOk, current } from "../test/helpers.ts"
import { writeFileSync } from "node:fs"
const buf = await exportWorkbook(exportInput())
writeFileSync("/tmp/seed.xlsx", buf)
console.log(buf.length)
const parsed = await readOk(buf)
console.log(parsed.rows.length, parsed.problems, parsed.meta)
const diff = diffImport(parsed, current)
console.log(JSON.stringify({...diff, unchanged: diff.unchanged.length}, null, 1).slice(0, 3000))
