import type {
  CoverageReport,
  CycleStatus,
  InitiativeDetail,
  InitiativeListItem,
  Plan,
  RatingTrendsView,
  TargetView,
  YearSummaryView
} from "@sukoyaka/core"

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
  /** The share on track per year of the plan and each basic policy (every year, whichever is shown). */
  readonly trends: RatingTrendsView
  /** The open review cycle's late reviews per agency; null while no cycle is open. */
  readonly late: LateReviews | null
  /**
   * The coverage of the current national package (#24); null or absent while none is loaded.
   * "pending": the package is loaded, and its coverage is read after the first frame
   * (`DataSource.coverage`): the overview does not wait for the report to be computed.
   */
  readonly coverage?: CoverageGlance | typeof COVERAGE_PENDING | null
  readonly loadedAt: Date
}

/** The coverage panel's state between the first frame and the coverage's answer. */
export const COVERAGE_PENDING = "pending"

/** The framework the dashboard glances at: the current 地域自殺対策政策パッケージ. */
export const GLANCE_FRAMEWORK = "jscp-package"

/** The coverage panel: how many measures are empty or thin, and the empty ones' names. */
export interface CoverageGlance {
  readonly frameworkName: string
  readonly measures: number
  readonly thin: number
  readonly empty: ReadonlyArray<string>
}

/** The panel from a coverage report: its leaves only for the names (a parent repeats its children). */
export const glanceOf = (report: CoverageReport): CoverageGlance => ({
  frameworkName: report.frameworkName,
  measures: report.totals.measures,
  thin: report.totals.thin,
  empty: report.measures
    .filter((row) => row.flags.includes("empty") && !report.measures.some((other) => other.parentCode === row.code))
    .map((row) => row.nameJa)
})

/** The late panel: the open cycle's agencies with reviews past their due date, most late first. */
export interface LateReviews {
  readonly fiscalYear: number
  readonly dueDate: string
  readonly today: string
  /** Late reviews in all (a review of two agencies counts once). */
  readonly late: number
  readonly agencies: ReadonlyArray<{
    readonly agencyId: string
    readonly name: string
    readonly dueDate: string
    readonly late: number
    readonly total: number
  }>
}

/** The panel from where the cycle stands (GET …/cycles/{year}, or the app's cycleStatus). */
export const lateOf = (status: CycleStatus): LateReviews => ({
  fiscalYear: status.cycle.fiscalYear,
  dueDate: status.cycle.dueDate,
  today: status.today,
  late: status.tasks.filter((task) => task.standing === "late").length,
  agencies: status.agencies
    .filter((agency) => agency.late > 0)
    .map(({ agencyId, name, dueDate, late, total }) => ({ agencyId, name, dueDate, late, total }))
    .sort((a, b) => b.late - a.late)
})

/**
 * Where the dashboard reads from: the API over HTTP, or the local database in-process. Both give
 * the same representations (the core's Api schemas); failures are SourceErrors.
 */
export interface DataSource {
  /** Shown in the header: the API's address or the database. */
  readonly label: string
  /** The year's data; without a year, the latest year with reviews. */
  readonly load: (planId: string, fiscalYear: number | undefined) => Promise<DashboardData>
  /** The current package's coverage in the year (what `load` left "pending"); null when none is loaded. */
  readonly coverage: (planId: string, fiscalYear: number) => Promise<CoverageGlance | null>
  /** One initiative with its reviews of every year. */
  readonly initiative: (planId: string, no: number) => Promise<InitiativeDetailView>
  readonly close: () => Promise<void>
}

export type SourceErrorKind =
  | "unreachable"
  | "unauthorized"
  | "forbidden"
  | "notFound"
  | "server"
  | "invalidResponse"
  | "database"
  /** The address answers, but not as Sukoyaka's API (another server, a wrong port or path). */
  | "notSukoyaka"

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
