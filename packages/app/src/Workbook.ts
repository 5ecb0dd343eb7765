import {
  type Actor,
  answersWith,
  type FiscalYear,
  type PlanSnapshot,
  type Review,
  type ReviewContent
} from "@sukoyaka/core"
import {
  diffImport,
  exportCsv,
  exportJson,
  exportWorkbook,
  type ImportDiff,
  type ReadBudget,
  readUploadInWorker
} from "@sukoyaka/sheets"
import { type AuditActor, Plans, RatingPolicies, Reviews, Targets } from "@sukoyaka/storage"
import { Effect, Option, Schema } from "effect"
import { Structure } from "./Structure.ts"
import { initiativesOfYear } from "./Views.ts"
import * as SqlClient from "effect/sql/SqlClient"

export type ExportFormat = "xlsx" | "csv" | "json"

export const exportContentTypes: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8"
}

/**
 * The plan as stored for one review year: what an export is written from and what a returned
 * sheet is compared with.
 */
export const readPlanSnapshot = (planId: string, fiscalYear: FiscalYear) =>
  Effect.gen(function* () {
    const plans = yield* Plans
    const snapshot: PlanSnapshot = {
      plan: yield* plans.get(planId),
      agencies: yield* plans.agencies(planId),
      targets: yield* (yield* Targets).list(planId),
      initiatives: yield* initiativesOfYear(planId, fiscalYear),
      reviews: yield* (yield* Reviews).listByYear(planId, fiscalYear),
      ratingPolicy: yield* (yield* RatingPolicies).forYear(planId, fiscalYear)
    }
    return snapshot
  })

export class UnknownAgency extends Schema.TaggedError<UnknownAgency>()(
  "UnknownAgency",
  { agencyId: Schema.String },
  answersWith(400)
) {}

/** The workbook (or CSV, or JSON) and a file name like tomakomai-step3-FY2024-kenko-shien.xlsx. */
export const exportPlan = (planId: string, fiscalYear: FiscalYear, format: ExportFormat, agencyId?: string) =>
  Effect.gen(function* () {
    const snapshot = yield* readPlanSnapshot(planId, fiscalYear)
    if (agencyId !== undefined && !snapshot.agencies.some((agency) => agency.id === agencyId)) {
      return yield* Effect.fail(new UnknownAgency({ agencyId }))
    }
    const options = { fiscalYear, agencyId }
    const body: Buffer | string =
      format === "xlsx"
        ? yield* Effect.promise(() => exportWorkbook(snapshot, options))
        : format === "csv"
          ? exportCsv(snapshot, options)
          : exportJson(snapshot, options)
    const filename = `${planId}-FY${fiscalYear}${agencyId ? `-${agencyId}` : ""}.${format}`
    return { body, filename, contentType: exportContentTypes[format] }
  })

/** The sheet cannot be placed: it names another plan, or no fiscal year is known for it. */
export class ImportMismatch extends Schema.TaggedError<ImportMismatch>()(
  "ImportMismatch",
  { ja: Schema.String, en: Schema.String },
  answersWith(400)
) {}

export interface ImportOptions {
  readonly actor?: Actor
  readonly fiscalYear?: FiscalYear
  /** The uploaded file's name and content type: how a CSV is told from other files (readUpload). */
  readonly filename?: string | undefined
  readonly contentType?: string | undefined
  /** The time and heap of the read (the API's default ends before its 15 s request timeout). */
  readonly budget?: ReadBudget
}

/**
 * Reads a returned workbook (.xlsx) or CSV and compares it with the database: nothing is written.
 * The API and the CLI both come through here, so both read through the same bounded worker.
 * The year is the one the file was exported for (the workbook's hidden meta sheet, the CSV's key
 * columns) unless the caller names one.
 */
export const previewImport = (planId: string, file: Buffer, options: ImportOptions = {}) =>
  Effect.gen(function* () {
    // In a worker with a time and heap budget: a hostile file never takes this process with it.
    const parsed = yield* readUploadInWorker(
      file,
      { filename: options.filename, contentType: options.contentType },
      options.budget
    )
    // An unknown plan is answered as such before anything the sheet says is checked.
    yield* (yield* Plans).get(planId)
    if (parsed.meta?.planId && parsed.meta.planId !== planId) {
      return yield* Effect.fail(
        new ImportMismatch({
          ja: `この表は計画「${parsed.meta.planId}」のものです`,
          en: `this workbook belongs to plan ${parsed.meta.planId}`
        })
      )
    }
    const fiscalYear = options.fiscalYear ?? parsed.meta?.fiscalYear ?? null
    if (fiscalYear === null) {
      return yield* Effect.fail(
        new ImportMismatch({
          ja: "年度が分かりません。年度を指定してください",
          en: "the workbook names no fiscal year: give one"
        })
      )
    }
    const snapshot = yield* readPlanSnapshot(planId, fiscalYear as FiscalYear)
    return diffImport(parsed, snapshot, {
      fiscalYear: fiscalYear as FiscalYear,
      ...(options.actor ? { actor: options.actor } : {})
    })
  })

export class ImportBlocked extends Schema.TaggedError<ImportBlocked>()(
  "ImportBlocked",
  { errors: Schema.Number, conflicts: Schema.Number },
  answersWith(409)
) {}

/** A No. accepted for adding that the diff does not propose (not a new row, or not one that can be added). */
export class NotProposed extends Schema.TaggedError<NotProposed>()(
  "NotProposed",
  { nos: Schema.Array(Schema.Number) },
  answersWith(400)
) {}

export interface ApplyOptions {
  /** The new rows (Nos.) the secretariat accepts as initiatives: each is created, then its review written. */
  readonly accept?: ReadonlyArray<number>
  readonly onProgress?: (done: number, total: number) => void
}

/**
 * Applies a diff in one transaction: every review is written with the version the sheet was
 * filled in against, so a sheet exported before someone else's edit fails as a whole (StaleVersion)
 * instead of overwriting it. Each row is audited as an "import". An accepted new row is created
 * through the structure commands (audited as such) and its review written as the import's.
 */
export const applyImport = (planId: string, diff: ImportDiff, actor: AuditActor, options: ApplyOptions = {}) =>
  Effect.gen(function* () {
    const { onProgress } = options
    const accepted = new Set(options.accept ?? [])
    const proposals = diff.proposals.filter((proposal) => accepted.has(proposal.no))
    const notProposed = [...accepted].filter((no) => !proposals.some((proposal) => proposal.no === no))
    if (notProposed.length > 0) return yield* Effect.fail(new NotProposed({ nos: notProposed }))
    if (!diff.canApply || diff.fiscalYear === null) {
      return yield* Effect.fail(
        new ImportBlocked({
          errors: diff.problems.filter((problem) => problem.severity === "error").length,
          conflicts: diff.conflicts.length
        })
      )
    }
    const fiscalYear = diff.fiscalYear
    const sql = yield* SqlClient.SqlClient
    const reviews = yield* Reviews
    const structure = yield* Structure
    return yield* sql.withTransaction(
      Effect.gen(function* () {
        for (const proposal of proposals) {
          yield* structure.createInitiative(actor, planId, proposal.initiative)
          yield* writeReview(planId, proposal.no, fiscalYear, proposal.content, actor)
        }
        for (const [index, update] of diff.updates.entries()) {
          onProgress?.(index, diff.updates.length)
          const key = { planId, initiativeNo: update.no, fiscalYear }
          if (update.expectedVersion === null) {
            yield* reviews.insert(actor, newReview(planId, update.no, fiscalYear, update.content), "import")
          } else {
            yield* reviews.update(actor, key, update.expectedVersion, update.content, "import")
          }
        }
        onProgress?.(diff.updates.length, diff.updates.length)
        return { applied: diff.updates.length, added: proposals.map((proposal) => proposal.no) }
      })
    )
  })

/**
 * The review of a row just added: creating the initiative opened its draft if the year is open
 * (Structure's openItsYears); otherwise the import opens it.
 */
const writeReview = (planId: string, no: number, fiscalYear: number, content: ReviewContent, actor: AuditActor) =>
  Effect.gen(function* () {
    const reviews = yield* Reviews
    const key = { planId, initiativeNo: no, fiscalYear }
    const opened = yield* reviews.find(key)
    if (Option.isSome(opened)) return yield* reviews.update(actor, key, opened.value.version, content, "import")
    return yield* reviews.insert(actor, newReview(planId, no, fiscalYear, content), "import")
  })

/** A review the import opens: the sheet's content, a draft at version 1. */
const newReview = (planId: string, no: number, fiscalYear: number, content: ReviewContent): Review => ({
  ...content,
  planId: planId as Review["planId"],
  initiativeNo: no as Review["initiativeNo"],
  fiscalYear: fiscalYear as Review["fiscalYear"],
  plannedActions: "",
  status: "draft",
  statusComment: null,
  approvedVersion: null,
  version: 1
})

const importing = new Set<string>()

/**
 * One import per plan at a time in this process, taken before the upload is even read: each holds
 * its body and a worker with up to its heap budget, so parallel uploads multiplied the memory (four
 * hostile files took 3.2 GB). A second one is refused at once rather than queued; the client
 * retries. Returns the release, or undefined when the plan's import is taken.
 */
export const takeImportSlot = (planId: string): (() => void) | undefined => {
  if (importing.has(planId)) return undefined
  importing.add(planId)
  return () => importing.delete(planId)
}
