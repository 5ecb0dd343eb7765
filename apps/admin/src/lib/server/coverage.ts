import type { Client } from "@sukoyaka/api/client"
import { CoverageReport, FrameworkSummary } from "@sukoyaka/core"
import { Schema } from "effect"
import { decoded } from "#lib/server/api.ts"

/** The framework a coverage page shows when none is asked for: the current package, else the first. */
const preferred = ["jscp-package", "taikou-r4"]

/** The frameworks to choose from and the chosen one's coverage of the year (the latest when not asked). */
export const loadCoverage = async (api: Client, planId: string, url: URL) => {
  const frameworks = await decoded(Schema.Array(FrameworkSummary), api.frameworks.$get())
  const asked = url.searchParams.get("framework") ?? ""
  const chosen =
    frameworks.find((f) => f.id === asked) ??
    preferred.map((id) => frameworks.find((f) => f.id === id)).find((f) => f !== undefined) ??
    frameworks[0]
  const year = url.searchParams.get("year") ?? ""
  const report =
    chosen === undefined
      ? null
      : await decoded(
          CoverageReport,
          api.plans[":planId"].coverage.$get({
            param: { planId },
            query: { framework: chosen.id, ...(/^\d{4}$/.test(year) ? { fiscalYear: year } : {}) }
          })
        )
  return { frameworks, chosen: chosen ?? null, report }
}
