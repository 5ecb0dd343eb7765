import { Schema } from "effect"
import { FiscalYear } from "../FiscalYear.ts"
import { CycleTasks } from "./Cycles.ts"
import { YearSummaryView } from "./Summary.ts"
import { TargetView } from "./Targets.ts"
import { RatingTrendsView } from "./Trends.ts"

/**
 * GET /plans/{planId}/dashboard: what the home page shows of a plan-year in one answer — the
 * trends (their years name the years with reviews), the chosen year's summary, the targets and the
 * open cycle's tasks — instead of four requests, three of them in a row (issue #23). Each part is
 * the representation its own operation sends.
 */
export const DashboardView = Schema.Struct({
  fiscalYear: FiscalYear.annotate({
    description:
      "the year of `summary`: the fiscalYear asked when it has reviews, else the latest year with reviews (the current year when none has)"
  }),
  trends: RatingTrendsView,
  summary: YearSummaryView,
  targets: Schema.Array(TargetView),
  tasks: Schema.NullOr(CycleTasks).annotate({
    description:
      "the open cycle's tasks, filtered by `standing`, `agency` and `mine` as …/cycles/{fiscalYear}/tasks does; null when `standing` is not asked or no cycle is open"
  })
}).annotate({ identifier: "Dashboard", title: "A plan-year at a glance" })
export type DashboardView = typeof DashboardView.Type
