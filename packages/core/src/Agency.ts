import { Schema } from "effect"
import { LabelJa } from "./Bilingual.ts"
import { slugId } from "./Slug.ts"

/** A stable, URL-safe key for an agency: `kodomo-ikusei`, `tomakomai-police`. */
export const AgencyId = slugId("AgencyId", { ja: "実施機関ID", en: "agency id" }).annotate({ identifier: "AgencyId", title: "Agency id", examples: ["kodomo-ikusei" as never], [LabelJa]: "実施機関ID" })
export type AgencyId = typeof AgencyId.Type

export const AgencyKind = Schema.Literals(["cityDivision", "outsideBody"]).annotate({
  identifier: "AgencyKind",
  title: "Agency kind",
  description: "cityDivision: an organ of the city (課, 市立病院, 教育委員会); outsideBody: any other body",
  [LabelJa]: "機関の種別"
})
export type AgencyKind = typeof AgencyKind.Type

/** 実施機関: one record however many rows name it. */
export class Agency extends Schema.Class<Agency>("Agency")({
  id: AgencyId,
  name: Schema.Trimmed.check(Schema.isNonEmpty()).check(Schema.isMaxLength(100)).annotate({
    title: "Name",
    description: "as the city writes it (こども育成課, 苫小牧警察署)",
    [LabelJa]: "実施機関名"
  }),
  kind: AgencyKind
}) {}
