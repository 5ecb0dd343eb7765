import { Schema, Struct } from "effect"
import { answersWith, Explanation } from "./DomainError.ts"
import { FiscalYear } from "./FiscalYear.ts"
import { Initiative } from "./Initiative.ts"

/** What of an initiative changes by year: its name and markers, columns A, D and E, and its objective. */
export const revisedFieldNames = [
  "policyNo",
  "areaNo",
  "objectiveNo",
  "name",
  "markers",
  "content",
  "lifeStagesText",
  "lifeStages",
  "agencies"
] as const

export const RevisedFields = Initiative.mapFields(Struct.pick(revisedFieldNames)).annotate({
  identifier: "RevisedFields",
  title: "An initiative's structure in some years"
})
export type RevisedFields = typeof RevisedFields.Type

/**
 * An initiative as it was up to a fiscal year (ADR 0010): a rename or move that takes effect from
 * FY N keeps the structure before it as a revision `until` N−1. The initiative's own row holds the
 * structure of the latest years; its revisions, one per change, the earlier ones.
 */
export const InitiativeRevision = Schema.Struct({
  initiativeNo: Initiative.fields.no,
  until: FiscalYear.annotate({ description: "the last fiscal year this structure held" }),
  fields: RevisedFields
}).annotate({ identifier: "InitiativeRevision", title: "Initiative revision" })
export type InitiativeRevision = typeof InitiativeRevision.Type

/** The structure fields of an initiative, as a revision keeps them. */
export const revisedFieldsOf = (initiative: Initiative): RevisedFields => Struct.pick(initiative, revisedFieldNames)

/**
 * The initiative as FY `fiscalYear` knew it: the revision with the earliest `until` not before the
 * year, else the row as it stands. What a year's report, sheet and roll-ups read.
 */
export const initiativeAsOf = <I extends Initiative>(
  initiative: I,
  revisions: ReadonlyArray<InitiativeRevision>,
  fiscalYear: number
): I => {
  const revision = revisions
    .filter((candidate) => candidate.initiativeNo === initiative.no && candidate.until >= fiscalYear)
    .reduce<InitiativeRevision | undefined>(
      (earliest, candidate) => (earliest === undefined || candidate.until < earliest.until ? candidate : earliest),
      undefined
    )
  return revision === undefined ? initiative : { ...initiative, ...revision.fields }
}

/** A change that would take effect in a year an earlier revision already describes. */
export class RevisionOutOfOrder extends Schema.TaggedError<RevisionOutOfOrder>()(
  "RevisionOutOfOrder",
  { no: Schema.Number, effectiveFrom: Schema.Number, keptUntil: Schema.Number },
  answersWith(422)
) {
  override get message() {
    return `No. ${this.no} keeps its structure by year up to FY${this.keptUntil}: a change can take effect from FY${this.keptUntil + 1} on`
  }
  get [Explanation]() {
    return [
      {
        path: "effectiveFrom",
        ja: `Ｎｏ.${this.no} は${this.keptUntil}年度までの構成を記録済みです。${this.keptUntil + 1}年度以降から有効な変更にしてください`,
        en: this.message
      }
    ]
  }
}
