import { Schema } from "effect"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import { FiscalYear } from "./FiscalYear.ts"
import { InitiativeNo } from "./Initiative.ts"
import { PlanId } from "./Plan.ts"

/**
 * What the secretariat says of a review to the council: its own words, printed in the council
 * report beside the agency's columns (instead of the internal check flags). Kept apart from the
 * review, so that writing it neither changes the agency's version nor asks for re-approval.
 */
export const NoteText = Schema.String.check(
  Schema.isMaxLength(2000, {
    [MessageBilingual]: {
      ja: "事務局の所見は2000文字以内です",
      en: "the secretariat's note is at most 2000 characters"
    }
  })
).annotate({ title: "Secretariat's note", [LabelJa]: "事務局の所見" })

export const SecretariatNote = Schema.Struct({
  planId: PlanId,
  initiativeNo: InitiativeNo,
  fiscalYear: FiscalYear,
  note: NoteText,
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)).annotate({
    description: "0 until the first note; increases with every change; the ETag"
  })
}).annotate({ identifier: "SecretariatNote", title: "Secretariat's note", [LabelJa]: "事務局の所見" })
export type SecretariatNote = typeof SecretariatNote.Type

export const SecretariatNoteUpdate = Schema.Struct({ note: NoteText }).annotate({
  identifier: "SecretariatNoteUpdate",
  title: "The secretariat's note, replaced (an empty text removes it from the report)"
})
