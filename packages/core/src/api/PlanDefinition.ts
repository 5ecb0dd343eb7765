import { Schema } from "effect"
import { LabelJa } from "../Bilingual.ts"
import { PlanId } from "../Plan.ts"
import { changeLabel, describeChange, type PlanChange } from "../PlanChange.ts"
import { StructureEntity } from "../StructureError.ts"

/** One change of a plan-definition import as a client reads it: what, where in the file, and which fields. */
export const PlanChangeView = Schema.Struct({
  action: Schema.Literals(["create", "update"]),
  entity: Schema.Union([Schema.Literal("plan"), StructureEntity]),
  key: Schema.String.annotate({ description: 'the key the API and the audit log use: "3-1-1", "kenko-shien", "57"' }),
  path: Schema.String.annotate({
    description: "where the file says it: plan.basicPolicies[0].areas[1], initiatives[3]"
  }),
  title: Schema.String.annotate({ description: "its name as written" }),
  label: Schema.Struct({ ja: Schema.String, en: Schema.String }),
  fields: Schema.Array(Schema.Struct({ field: Schema.String, before: Schema.Unknown, after: Schema.Unknown })).annotate(
    { description: "the fields that differ (empty for a creation: the entry is new as a whole)" }
  )
}).annotate({ identifier: "PlanChange", title: "Change of a plan-definition import", [LabelJa]: "変更" })
export type PlanChangeView = typeof PlanChangeView.Type

/** What an import did (or, on a dry run, would do), in the order it is applied. */
export const PlanImportResult = Schema.Struct({
  planId: PlanId,
  dryRun: Schema.Boolean.annotate({ description: "true: nothing was written" }),
  created: Schema.Int.annotate({ description: "how many things are new" }),
  updated: Schema.Int.annotate({ description: "how many changes update a thing that was there" }),
  changes: Schema.Array(PlanChangeView)
}).annotate({ identifier: "PlanImportResult", title: "Plan-definition import" })
export type PlanImportResult = typeof PlanImportResult.Type

export const planChangeView = (change: PlanChange): PlanChangeView => ({
  ...describeChange(change),
  key: change.key,
  path: change.path,
  title: change.title,
  label: changeLabel(change),
  fields: change.fields
})

export const planImportResult = (
  planId: PlanId,
  changes: ReadonlyArray<PlanChange>,
  dryRun: boolean
): PlanImportResult => {
  const views = changes.map(planChangeView)
  return {
    planId,
    dryRun,
    created: views.filter((view) => view.action === "create").length,
    updated: views.filter((view) => view.action === "update").length,
    changes: views
  }
}
