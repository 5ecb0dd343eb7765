import {
  AgencyKind,
  DataQualityNote,
  FiscalYear,
  InitiativeMarkers,
  InitiativeNo,
  LifeStages,
  Measure,
  ObjectiveNo,
  Rating
} from "@sukoyaka/core"
import { Schema } from "effect"

/**
 * The shape of one `data/initiatives/NNN.json` file, as TRANSCRIBING.md describes it: the sheet's
 * row A–L with the figures structured. It reuses the core schemas for every piece, so a file that
 * decodes here is already valid domain data; `index.ts` only maps names to ids.
 */
export const TranscribedInitiative = Schema.Struct({
  no: InitiativeNo,
  objectiveNo: ObjectiveNo,
  lifeStagesText: Schema.String,
  lifeStages: LifeStages,
  name: Schema.NonEmptyString,
  markers: InitiativeMarkers,
  content: Schema.String,
  agencies: Schema.NonEmptyArray(Schema.Struct({ name: Schema.NonEmptyString, kind: AgencyKind })),
  status: Schema.Literals(["active", "discontinued"]),
  review: Schema.Struct({
    fiscalYear: FiscalYear,
    actions: Schema.String,
    resultText: Schema.String,
    plannedText: Schema.String,
    measures: Schema.Array(Measure),
    selfRatingText: Schema.NullOr(Schema.String),
    selfRating: Schema.NullOr(Rating),
    ratingReason: Schema.String
  }),
  next: Schema.Struct({
    fiscalYear: FiscalYear,
    actions: Schema.String,
    plannedText: Schema.String,
    measures: Schema.Array(Measure)
  }),
  notes: Schema.Array(DataQualityNote)
})
export type TranscribedInitiative = typeof TranscribedInitiative.Type
