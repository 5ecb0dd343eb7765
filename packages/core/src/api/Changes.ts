import { Schema } from "effect"

/** Where a reader of the change feed is: the cursor of the last change it has, "0" before the first. */
export const ChangeCursor = Schema.String.check(Schema.isPattern(/^\d{1,15}$/)).annotate({
  title: "Cursor",
  description: "opaque: pass the `next` of the previous page as `after`; 0 starts from the beginning",
  examples: ["0"]
})

/** One committed change of a plan's data, from the audit log. */
export const ChangeEntry = Schema.Struct({
  cursor: ChangeCursor,
  at: Schema.String.annotate({ description: "when the change was made (UTC, ISO 8601)" }),
  entity: Schema.String.annotate({
    description: "what changed: review, initiative, plan, basicPolicy, area, objective, agency, target, cycle, …"
  }),
  key: Schema.String.annotate({
    description: "which one, as the audit log keys it: planId/no/fiscalYear for a review, planId/no for an initiative"
  }),
  action: Schema.String.annotate({ description: "create, update, status, import, restore, rollover, seed, …" }),
  actor: Schema.String.annotate({ description: "who made it: a user's e-mail, a token's name, or system" }),
  version: Schema.NullOr(Schema.Int).annotate({
    description: 'the thing\'s version after the change (its ETag is "v<version>"), when it has one'
  }),
  changed: Schema.Array(Schema.String).annotate({
    description: "the paths of the fields that changed (measures[0].actual …); empty for a creation"
  }),
  // Unknown already takes null (a removal); NullOr(Unknown) would be an anyOf with an empty branch.
  data: Schema.Unknown.annotate({
    description:
      "the thing after the change, as the audit log keeps it (a review: every stored field); null when it was removed"
  })
}).annotate({ identifier: "ChangeEntry", title: "Change" })
export type ChangeEntry = typeof ChangeEntry.Type

export const ChangeFeed = Schema.Struct({
  changes: Schema.Array(ChangeEntry),
  next: ChangeCursor.annotate({ description: "pass as `after` to read on; the same cursor when nothing is new" }),
  more: Schema.Boolean.annotate({ description: "more changes are already there: read on at once" })
}).annotate({ identifier: "ChangeFeed", title: "Changes of a plan" })
export type ChangeFeed = typeof ChangeFeed.Type
