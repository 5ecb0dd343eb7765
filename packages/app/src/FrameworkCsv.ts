import { FrameworkInvalid, FrameworkMeasure, SurveyColumn } from "@sukoyaka/core"
import { readTableCsv, WorkbookRefused } from "@sukoyaka/sheets"
import { type AuditActor, Frameworks } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"

/** The measures sheet's headings, in any order (documented in docs/frameworks.md). */
export const measureHeadings = [
  "code",
  "parent_code",
  "name_ja",
  "name_en",
  "order",
  "source_document",
  "source_date",
  "source_url",
  "source_note",
  "confirmed"
] as const

const records = (bytes: Uint8Array, required: ReadonlyArray<string>, what: string) =>
  Effect.gen(function* () {
    const table = readTableCsv(bytes)
    if (table instanceof WorkbookRefused) return yield* table
    const [header = [], ...rows] = table
    const index = new Map(header.map((heading, position) => [heading.trim(), position]))
    const missing = required.filter((heading) => !index.has(heading))
    if (missing.length > 0)
      return yield* new FrameworkInvalid({ frameworkId: what, reason: `the header lacks ${missing.join(", ")}` })
    return rows.map((fields) => (heading: string) => (fields[index.get(heading) ?? -1] ?? "").trim())
  })

const orNull = (text: string) => (text === "" ? null : text)

/**
 * A framework's measures from a sheet saved as CSV (the secretariat keeps the list in Excel): one
 * row per measure; `confirmed` is true only when the cell says true/1/済.
 */
export const measuresFromCsv = (bytes: Uint8Array, frameworkId: string) =>
  Effect.gen(function* () {
    const rows = yield* records(bytes, ["code", "name_ja", "source_document"], frameworkId)
    const decode = Schema.decodeUnknownEffect(FrameworkMeasure)
    const measures: Array<FrameworkMeasure> = []
    for (const [position, cell] of rows.entries()) {
      const note = orNull(cell("source_note"))
      const measure = yield* decode({
        code: cell("code"),
        parentCode: orNull(cell("parent_code")),
        nameJa: cell("name_ja"),
        nameEn: orNull(cell("name_en")),
        order: cell("order") === "" ? position + 1 : Number(cell("order")),
        source: {
          document: cell("source_document"),
          date: orNull(cell("source_date")),
          url: orNull(cell("source_url")),
          ...(note === null ? {} : { note })
        },
        confirmed: ["true", "1", "済"].includes(cell("confirmed").toLowerCase())
      }).pipe(
        Effect.mapError(
          (error) => new FrameworkInvalid({ frameworkId, reason: `row ${position + 2}: ${error.message}` })
        )
      )
      measures.push(measure)
    }
    return measures
  })

/**
 * A loaded framework's measures replaced by a sheet's (the admin UI's upload): its header and
 * crosswalk kept, written if the framework is still at `expectedVersion`, audited as any write.
 */
export const replaceMeasuresFromCsv = (
  actor: AuditActor,
  frameworkId: string,
  bytes: Uint8Array,
  expectedVersion: number
) =>
  Effect.gen(function* () {
    const frameworks = yield* Frameworks
    const { version: _version, ...current } = yield* frameworks.get(frameworkId)
    const measures = yield* measuresFromCsv(bytes, frameworkId)
    return yield* frameworks.write(actor, { ...current, measures }, expectedVersion)
  }).pipe(Effect.withSpan("replaceMeasuresFromCsv"))

/** A survey column map from CSV: heading, field, and optionally framework. */
export const columnsFromCsv = (bytes: Uint8Array) =>
  Effect.gen(function* () {
    const rows = yield* records(bytes, ["heading", "field"], "survey columns")
    const decode = Schema.decodeUnknownEffect(SurveyColumn)
    const columns: Array<SurveyColumn> = []
    for (const [position, cell] of rows.entries()) {
      const framework = orNull(cell("framework"))
      columns.push(
        yield* decode({
          heading: cell("heading"),
          field: cell("field"),
          ...(framework === null ? {} : { framework })
        }).pipe(
          Effect.mapError(
            (error) =>
              new FrameworkInvalid({ frameworkId: "survey columns", reason: `row ${position + 2}: ${error.message}` })
          )
        )
      )
    }
    return columns
  })
