import { Effect, Schema } from "effect"
import { LabelJa } from "./Bilingual.ts"
import { Since, Until } from "./Lifespan.ts"
import { slugId } from "./Slug.ts"

/** A stable, URL-safe key for an agency: `kodomo-ikusei`, `tomakomai-police`. */
export const AgencyId = slugId("AgencyId", { ja: "実施機関ID", en: "agency id" }).annotate({
  identifier: "AgencyId",
  title: "Agency id",
  examples: ["kodomo-ikusei" as never],
  [LabelJa]: "実施機関ID"
})
export type AgencyId = typeof AgencyId.Type

export const AgencyKind = Schema.Literals(["cityDivision", "outsideBody"]).annotate({
  identifier: "AgencyKind",
  title: "Agency kind",
  description: "cityDivision: an organ of the city (課, 市立病院, 教育委員会); outsideBody: any other body",
  [LabelJa]: "機関の種別"
})
export type AgencyKind = typeof AgencyKind.Type

export const AgencyName = Schema.Trimmed.check(Schema.isNonEmpty())
  .check(Schema.isMaxLength(100))
  .annotate({
    title: "Name",
    description: "as the city writes it (こども育成課, 苫小牧警察署)",
    [LabelJa]: "実施機関名"
  })

/** よみ: how the name sorts in Japanese (kanji do not sort by reading); "" when not given. */
export const AgencyReading = Schema.String.check(Schema.isMaxLength(200)).annotate({
  title: "Reading",
  description: "the name's reading in kana (こどもいくせいか), for sorting; empty when not given",
  [LabelJa]: "よみ"
})

/** Where the agency sorts in lists: lower first; equal positions sort by reading, then name. */
export const AgencyPosition = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100_000 })).annotate({
  title: "Position",
  description: "sort order in lists, lower first; equal positions sort by reading, then by name",
  [LabelJa]: "並び順"
})

/**
 * 実施機関: one record however many rows name it. Reading, position and years default when a data
 * package leaves them out (no reading, first place, always in effect); the version is the ETag.
 */
export class Agency extends Schema.Class<Agency>("Agency")({
  id: AgencyId,
  name: AgencyName,
  kind: AgencyKind,
  reading: AgencyReading.pipe(Schema.withConstructorDefault(Effect.succeed(""))),
  position: AgencyPosition.pipe(Schema.withConstructorDefault(Effect.succeed(0))),
  since: Since.pipe(Schema.withConstructorDefault(Effect.succeed(null))),
  until: Until.pipe(Schema.withConstructorDefault(Effect.succeed(null))),
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
    .annotate({ title: "Version", description: "increases with every change; the ETag" })
    .pipe(Schema.withConstructorDefault(Effect.succeed(1)))
}) {}
