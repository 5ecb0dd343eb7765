import {
  type DataPackage,
  type DataResource,
  frictionlessFields,
  inEffect,
  type InitiativeYearRecord,
  InitiativeYearRecord as InitiativeYearSchema,
  measureKeyOf,
  type MeasureYearRecord,
  MeasureYearRecord as MeasureYearSchema,
  type ObservationRecord,
  ObservationRecord as ObservationSchema,
  smallCountRule,
  YearNotPublished
} from "@sukoyaka/core"
import { recordsCsv } from "@sukoyaka/sheets"
import { Plans, PublishedYears, Targets } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { publicInitiativesOfYear, publicObservation, publishedYearsOf, type PublicSettings } from "./PublicViews.ts"

/** The tables of the open data; each is offered per published year (`-2024`) and across them, as CSV and JSON. */
const tables = {
  initiatives: {
    schema: InitiativeYearSchema,
    title: {
      ja: "政策・事業の実施結果と自己評価（承認済み）",
      en: "Initiatives' results and self-ratings (approved)"
    },
    perYear: true
  },
  measures: {
    schema: MeasureYearSchema,
    title: {
      ja: "参加者数等の予定と実績（承認済み）",
      en: "Measures: planned and actual figures (approved)"
    },
    perYear: true
  },
  observations: {
    schema: ObservationSchema,
    title: {
      ja: "目標値の基準値と実績値",
      en: "Targets' baselines and observations"
    },
    perYear: false
  }
} as const
export type OpenDataTable = keyof typeof tables

/** A file of the open data, as its name says: `initiatives-2024.csv`, `measures.json`, `observations.csv`. */
export interface OpenDataFile {
  readonly table: OpenDataTable
  readonly fiscalYear: number | null
  readonly format: "csv" | "json"
}

export const parseOpenDataFile = (name: string): OpenDataFile | null => {
  const match = /^(initiatives|measures|observations)(?:-(\d{4}))?\.(csv|json)$/.exec(name)
  if (match === null) return null
  const table = match[1] as OpenDataTable
  const fiscalYear = match[2] === undefined ? null : Number(match[2])
  if (fiscalYear !== null && !tables[table].perYear) return null
  return { table, fiscalYear, format: match[3] as "csv" | "json" }
}

const fileName = (file: OpenDataFile) =>
  `${file.table}${file.fiscalYear === null ? "" : `-${file.fiscalYear}`}.${file.format}`

/** Initiative × year rows of the approved reviews of the given (published) years. */
const initiativeRecords = (planId: string, years: ReadonlyArray<number>) =>
  Effect.gen(function* () {
    const records: Array<InitiativeYearRecord> = []
    const measures: Array<MeasureYearRecord> = []
    for (const fiscalYear of years) {
      const { initiatives } = yield* publicInitiativesOfYear(planId, fiscalYear)
      for (const { initiative, view } of initiatives) {
        const review = view.review
        if (review === null) continue
        records.push({
          plan_id: initiative.planId,
          fiscal_year: fiscalYear as InitiativeYearRecord["fiscal_year"],
          policy_no: initiative.policyNo,
          area_no: initiative.areaNo,
          objective_no: initiative.objectiveNo,
          initiative_no: initiative.no,
          initiative_name: view.name,
          life_stages: view.lifeStagesText,
          agencies: view.agencies.join("、"),
          actions: review.actions,
          result_text: review.resultText,
          planned_text: review.plannedText,
          self_rating: review.selfRating,
          rating_reason: review.ratingReason,
          next_fiscal_year: review.next.fiscalYear,
          next_actions: review.next.actions,
          next_planned_text: review.next.plannedText
        })
        for (const measure of review.measures)
          measures.push({
            plan_id: initiative.planId,
            fiscal_year: fiscalYear as MeasureYearRecord["fiscal_year"],
            initiative_no: initiative.no,
            measure_key: measureKeyOf(measure),
            label: measure.label,
            unit: measure.unit,
            comparator: measure.comparator,
            planned: measure.planned ?? null,
            actual: measure.actual ?? null
          })
      }
    }
    return { initiatives: records, measures }
  })

/** Every baseline and observation of the public targets, small counts withheld. */
const observationRecords = (planId: string, years: ReadonlyArray<number>, threshold: number) =>
  Effect.gen(function* () {
    const targets = (yield* (yield* Targets).list(planId)).filter((target) =>
      years.some((year) => inEffect(target, year))
    )
    return targets.flatMap((target) =>
      [
        ...(target.baseline === null ? [] : [{ observation: target.baseline, isBaseline: true }]),
        ...target.observations.map((observation) => ({
          observation,
          isBaseline: false
        }))
      ].map(({ observation, isBaseline }): ObservationRecord => {
        const shown = publicObservation(observation, threshold)
        return {
          plan_id: planId as ObservationRecord["plan_id"],
          target_id: target.id,
          indicator: target.indicator,
          population: target.population,
          unit: target.unit,
          direction: target.direction,
          target_value: target.targetValue,
          target_year: target.targetYear,
          year: observation.year,
          is_baseline: isBaseline,
          value: shown.value,
          numerator: shown.numerator,
          denominator: shown.denominator,
          suppressed: shown.suppressed,
          source: shown.source
        }
      })
    )
  })

/** One file of the open data: its bytes and media type. An unpublished year is not found (404). */
export const openDataFile = (planId: string, file: OpenDataFile, settings: PublicSettings) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const published = (yield* publishedYearsOf(planId)).map((row) => row.fiscalYear as number)
    if (file.fiscalYear !== null && !published.includes(file.fiscalYear))
      return yield* new YearNotPublished({
        planId,
        fiscalYear: file.fiscalYear
      })
    if (published.length === 0) return yield* new YearNotPublished({ planId, fiscalYear: 0 })
    const years = file.fiscalYear === null ? published : [file.fiscalYear]
    const table = tables[file.table]
    const records: ReadonlyArray<Record<string, unknown>> =
      file.table === "observations"
        ? yield* observationRecords(planId, years, settings.smallCountThreshold)
        : (yield* initiativeRecords(planId, years))[file.table]
    const encoded = Schema.encodeSync(Schema.Array(table.schema as Schema.Codec<unknown, Record<string, unknown>>))(
      records
    )
    return file.format === "csv"
      ? {
          body: recordsCsv(
            Object.keys(table.schema.fields),
            encoded as ReadonlyArray<Record<string, string | number | boolean | null>>
          ),
          contentType: "text/csv; charset=utf-8"
        }
      : {
          body: Buffer.from(JSON.stringify(encoded)),
          contentType: "application/json; charset=utf-8"
        }
  }).pipe(Effect.withSpan("OpenData.file"))

/**
 * The Frictionless Data Package of a plan's open data: each table per published year and across
 * them, as CSV and JSON, with its fields described from the core schemas, the licence and the
 * small-number rule. Paths are relative to the descriptor (`data/…`), so the same descriptor works
 * wherever it is served from (the API, the admin UI's /public).
 */
export const dataPackageOf = (planId: string, settings: PublicSettings) =>
  Effect.gen(function* () {
    const plan = yield* (yield* Plans).get(planId)
    const rows = yield* (yield* PublishedYears).list(planId)
    const published = rows.filter((row) => row.publishedAt !== null)
    if (published.length === 0) return yield* new YearNotPublished({ planId, fiscalYear: 0 })
    const years = published.map((row) => row.fiscalYear as number)
    const rule = smallCountRule(settings.smallCountThreshold)
    const resources: Array<DataResource> = []
    for (const table of Object.keys(tables) as ReadonlyArray<OpenDataTable>) {
      const { schema, title, perYear } = tables[table]
      const fields = frictionlessFields(schema as never)
      const scopes: ReadonlyArray<number | null> = perYear ? [...years, null] : [null]
      for (const fiscalYear of scopes)
        for (const format of ["csv", "json"] as const) {
          const file: OpenDataFile = { table, fiscalYear, format }
          resources.push({
            name: fileName(file).replace(".", "-"),
            title: `${title.ja} / ${title.en}${fiscalYear === null ? "" : ` FY${fiscalYear}`}`,
            path: `data/${fileName(file)}`,
            format,
            mediatype: format === "csv" ? "text/csv" : "application/json",
            // A BOM leads the CSV (for Excel); it is part of UTF-8, and Frictionless readers skip it.
            encoding: "utf-8",
            profile: "tabular-data-resource",
            schema: { fields: [...fields], missingValues: [""] }
          })
        }
    }
    const latest = published
      .map((row) => row.publishedAt!)
      .sort()
      .at(-1)!
    const view: DataPackage = {
      profile: "tabular-data-package",
      name: `sukoyaka-${plan.id}`,
      title: `${plan.city} ${plan.title}`,
      description: `${plan.city}の健康増進計画の評価（PDCA）: 公開年度 ${years.join(", ")} の承認済みの実施結果・自己評価、参加者数等、目標値の実績。${rule.ja} / The yearly review of the city's health plan: approved results and self-ratings, figures and target observations of the published fiscal years ${years.join(", ")}. ${rule.en}`,
      created: latest,
      licenses: [settings.license],
      sources: [{ title: `${plan.city} ${plan.title}` }],
      keywords: ["健康増進計画", "PDCA", "health plan", plan.city],
      resources
    }
    return view
  }).pipe(Effect.withSpan("OpenData.dataPackage"))
