import { achievementOf, consistencyFlags, evaluateReview, suggestRating, summarizeYear, Achievement } from "@sukoyaka/core"
import { generate } from "./lib/scale.ts"
const ds = generate(10); const rs = ds.flatMap((d) => d.reviews); const p = ds[0]!.ratingPolicy
let sink = 0
const t = (name: string, f: () => void) => { f(); const s = performance.now(); for (let i = 0; i < 5; i++) f(); console.log(name, ((performance.now() - s) / 5 / rs.length * 1e9).toFixed(0), "ns/review") }
t("achievementOf", () => { for (const r of rs) for (const m of r.measures) sink += achievementOf(m)._tag.length })
t("plain obj", () => { for (const r of rs) for (const m of r.measures) sink += ({ _tag: "Computed", ratio: (m.actual ?? 0) / (m.planned ?? 1) })._tag.length })
t("Data ctor", () => { for (const r of rs) for (const m of r.measures) sink += Achievement.Computed({ ratio: (m.actual ?? 0) / (m.planned ?? 1) })._tag.length })
t("suggest", () => { for (const r of rs) sink += suggestRating(r.measures, p)._tag.length })
t("flags", () => { for (const r of rs) sink += consistencyFlags(r, { _tag: "NotComputable" }).length })
t("evaluate", () => { for (const r of rs) sink += evaluateReview(r, p).flags.length })
const lines = ds.flatMap((d) => { const out = []; for (let y = 2015; y <= 2024; y++) { const rv = d.reviews.filter((x) => x.fiscalYear === y); out.push(d.initiatives.map((initiative, i) => ({ initiative, review: rv[i]!, evaluation: evaluateReview(rv[i]!, p) }))) } return out })
t("summarize", () => { for (const l of lines) sink += summarizeYear(l, []).ratings.A })
console.log(sink > 0, rs.reduce((a, r) => a + r.measures.length, 0) / rs.length, "measures/review")
