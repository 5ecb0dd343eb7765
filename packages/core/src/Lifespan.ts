import { Schema } from "effect"
import { LabelJa } from "./Bilingual.ts"
import { FiscalYear } from "./FiscalYear.ts"

/** The first fiscal year something is in effect; null: from the plan's start. */
export const Since = Schema.NullOr(FiscalYear).annotate({
  title: "Since",
  description: "the first fiscal year in effect; null: from the plan's start",
  [LabelJa]: "開始年度"
})

/** The last fiscal year something is in effect; null: open. Retiring is setting it; nothing is deleted. */
export const Until = Schema.NullOr(FiscalYear).annotate({
  title: "Until",
  description: "the last fiscal year in effect; null: open. Retiring is setting it (null brings it back)",
  [LabelJa]: "終了年度"
})

/**
 * The years something of the plan is in effect. Nodes of the plan's tree stored before the years
 * existed have neither key, which reads as null (always).
 */
export interface Lifespan {
  readonly since?: number | null | undefined
  readonly until?: number | null | undefined
}

/** In effect in FY `fiscalYear`: since ≤ year ≤ until, an open end reaching as far as it goes. */
export const inEffect = (entity: Lifespan, fiscalYear: number): boolean =>
  (entity.since ?? Number.NEGATIVE_INFINITY) <= fiscalYear && fiscalYear <= (entity.until ?? Number.POSITIVE_INFINITY)

/** The years both are in effect: the later start and the earlier end (the span of a node under its parents). */
export const intersect = (a: Lifespan, b: Lifespan): Lifespan => ({
  since: a.since == null ? (b.since ?? null) : b.since == null ? a.since : Math.max(a.since, b.since),
  until: a.until == null ? (b.until ?? null) : b.until == null ? a.until : Math.min(a.until, b.until)
})

/** Whether every year of `inner` is a year of `outer`: an open end is covered only by an open end. */
export const covers = (outer: Lifespan, inner: Lifespan): boolean =>
  (outer.since == null || (inner.since != null && inner.since >= outer.since)) &&
  (outer.until == null || (inner.until != null && inner.until <= outer.until))

/** A span that ends before it starts holds no year at all: what a write of years must not leave. */
export const isEmptySpan = (span: Lifespan): boolean =>
  span.since != null && span.until != null && span.until < span.since
