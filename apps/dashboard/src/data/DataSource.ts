import type { InitiativeDetail, InitiativeListItem, Plan, TargetView, YearSummaryView } from "@sukoyaka/core"

export type InitiativeItem = typeof InitiativeListItem.Type
export type InitiativeDetailView = typeof InitiativeDetail.Type
export type TargetItem = typeof TargetView.Type

/** Everything one screenful of the dashboard is drawn from, read at one moment. */
export interface DashboardData {
  readonly plan: Plan
  readonly summary: YearSummaryView
  /** Every initiative with the year's review and its evaluation, in plan order. */
  readonly initiatives: ReadonlyArray<InitiativeItem>
  /** The plan's targets with their observations (the summary carries no observations). */
  readonly targets: ReadonlyArray<TargetItem>
  readonly loadedAt: Date
}

/**
 * Where the dashboard reads from: the API over HTTP, or the local database in-process. Both give
 * the same representations (the core's Api schemas); failures are SourceErrors.
 */
export interface DataSource {
  /** Shown in the header: the API's address or the database. */
  readonly label: string
  /** The year's data; without a year, the latest year with reviews. */
  readonly load: (planId: string, fiscalYear: number | undefined) => Promise<DashboardData>
  /** One initiative with its reviews of every year. */
  readonly initiative: (planId: string, no: number) => Promise<InitiativeDetailView>
  readonly close: () => Promise<void>
}

export type SourceErrorKind =
  "unreachable" | "unauthorized" | "forbidden" | "notFound" | "server" | "invalidResponse" | "database"

/** Why a read failed, in words for the status line; `kind` is what the UI and exit codes act on. */
export class SourceError extends Error {
  override readonly name = "SourceError"
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly status?: number
  ) {
    super(message)
  }
}

export const asSourceError = (error: unknown): SourceError =>
  error instanceof SourceError
    ? error
    : new SourceError("database", error instanceof Error ? error.message : String(error))
