/** The initiatives list's query: its filters, sort and page over the year's encoded items. */
import {
  compactItemOf,
  expectedIn,
  FiscalYear,
  type InitiativeListItem,
  LifeStage,
  MessageBilingual,
  ratings,
  ReviewProgress,
  ReviewStatus
} from "@sukoyaka/core"
import { DateTime, Effect, Schema } from "effect"
import { DecimalInt, Instant } from "../validation.ts"

const ratingChoices = [...ratings, "unrated"] as const
const ratingFilter = ratingChoices.join("|")

/** The fields a list can be sorted by; ties keep the order by Ｎｏ. */
const sortKeys = ["no", "name", "rating", "status"] as const
type SortKey = (typeof sortKeys)[number]

const sortValue = (item: typeof InitiativeListItem.Encoded, key: SortKey): string | number =>
  key === "no"
    ? item.no
    : key === "name"
      ? item.name
      : key === "rating"
        ? (item.review?.selfRating ?? "~") // unrated after D
        : (item.review?.status ?? "~")

const byQuerySort = (sort: string | undefined) => {
  if (sort === undefined) return undefined
  const descending = sort.startsWith("-")
  const key = (descending ? sort.slice(1) : sort) as SortKey
  return (a: typeof InitiativeListItem.Encoded, b: typeof InitiativeListItem.Encoded) => {
    const x = sortValue(a, key)
    const y = sortValue(b, key)
    const order = x < y ? -1 : x > y ? 1 : 0
    return (descending ? -order : order) || a.no - b.no
  }
}

const NodeNo = DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 999 }))

export const ListQuery = Schema.Struct({
  fiscalYear: Schema.optionalKey(DecimalInt.pipe(Schema.decodeTo(FiscalYear))),
  year: Schema.optionalKey(
    DecimalInt.pipe(Schema.decodeTo(FiscalYear)).annotate({
      description:
        "the plan's structure of FY year: only the initiatives in effect in that year, and any that have a review in it; their reviews are that year's (fiscalYear, if given, must be the same)"
    })
  ),
  policyNo: Schema.optionalKey(NodeNo.annotate({ description: "the basic policy (基本方針) of the initiatives" })),
  areaNo: Schema.optionalKey(
    NodeNo.annotate({ description: "the area (分野) of the initiatives, within its basic policy" })
  ),
  objective: Schema.optionalKey(
    DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 99 })).annotate({
      description: "the objective's number (①: 1); with policyNo and areaNo, that area's"
    })
  ),
  lifeStage: Schema.optionalKey(LifeStage),
  agency: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(64))),
  rating: Schema.optionalKey(
    Schema.String.check(
      Schema.isPattern(new RegExp(`^(?:${ratingFilter})(?:,(?:${ratingFilter}))*$`, "u"), {
        [MessageBilingual]: {
          ja: `評価（${ratingChoices.join("、")}）をカンマで区切って指定してください`,
          en: `must be ratings (${ratingChoices.join(", ")}) separated by commas`
        }
      })
    ).annotate({
      description: `the year's self-rating, one or several separated by commas (any of them): ${ratingChoices.join(", ")}; e.g. C,D`
    })
  ),
  status: Schema.optionalKey(ReviewStatus),
  progress: Schema.optionalKey(
    ReviewProgress.annotate({ description: "where the year's review stands (returned, changed after approval, …)" })
  ),
  q: Schema.optionalKey(
    Schema.String.check(Schema.isMaxLength(200)).annotate({
      description: "words in the name, the content or the review's texts (width and case folded); 88 or No.88 names one"
    })
  ),
  view: Schema.optionalKey(
    Schema.Literals(["full", "compact"]).annotate({
      description:
        "full (default): every field and the review's texts; compact: each initiative and its review's status, rating and version without the long texts (InitiativeCompactItem)"
    })
  ),
  sort: Schema.optionalKey(
    Schema.Literals(sortKeys.flatMap((key) => [key, `-${key}`])).annotate({
      description: `the order of the list: ${sortKeys.join(", ")}; a leading - for descending (default: by no)`
    })
  ),
  updatedSince: Schema.optionalKey(
    Instant(
      "only initiatives that changed at or after this time, or whose year's review did (ISO 8601): what a sync asks for since its last run"
    )
  ),
  page: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 100000 })).pipe(
    Schema.withDecodingDefaultTypeKey(Effect.succeed(1))
  ),
  pageSize: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 200 })).pipe(
    Schema.withDecodingDefaultTypeKey(Effect.succeed(50))
  )
})

/** The filters (AND) and the page of `query` over the year's encoded items. */
export const pageOfItems = (all: ReadonlyArray<typeof InitiativeListItem.Encoded>, query: typeof ListQuery.Type) => {
  const needle = query.q?.normalize("NFKC").toLowerCase()
  // 「88」「No.88」「ｎｏ．８８」 name an initiative by its number: that one, not every text with an 88 in it.
  const numbered = needle === undefined ? null : /^(?:no\.?\s*)?(\d{1,4})$/.exec(needle.trim())
  const ratingsWanted = query.rating === undefined ? undefined : new Set(query.rating.split(","))
  const since = query.updatedSince && DateTime.formatIso(query.updatedSince)
  const filtered = all
    // The items carry the year's review: one with a review belongs to the year whatever its span says.
    .filter((item) => query.year === undefined || expectedIn(item, query.year) || item.review !== null)
    .filter((item) => query.policyNo === undefined || item.policyNo === query.policyNo)
    .filter((item) => query.areaNo === undefined || item.areaNo === query.areaNo)
    .filter((item) => query.objective === undefined || item.objectiveNo === query.objective)
    .filter((item) => query.lifeStage === undefined || item.lifeStages.includes(query.lifeStage))
    .filter((item) => query.agency === undefined || item.agencies.includes(query.agency))
    .filter((item) => ratingsWanted === undefined || ratingsWanted.has(item.review?.selfRating ?? "unrated"))
    .filter((item) => query.status === undefined || item.review?.status === query.status)
    .filter((item) => query.progress === undefined || item.review?.progress === query.progress)
    // Stored instants are ISO 8601 in UTC with milliseconds, so their text orders as time does.
    .filter(
      (item) =>
        since === undefined || item.updatedAt >= since || (item.review !== null && item.review.updatedAt >= since)
    )
    .filter(
      (item) =>
        needle === undefined ||
        (numbered !== null && item.no === Number(numbered[1])) ||
        [
          item.name,
          item.content,
          item.review?.actions,
          item.review?.resultText,
          item.review?.ratingReason,
          item.review?.next.actions
        ]
          .join("\n")
          .normalize("NFKC")
          .toLowerCase()
          .includes(needle)
    )
  const order = byQuerySort(query.sort)
  const items = order === undefined ? filtered : [...filtered].sort(order)
  const start = (query.page - 1) * query.pageSize
  const shown = items.slice(start, start + query.pageSize)
  return {
    items: query.view === "compact" ? shown.map(compactItemOf) : shown,
    page: query.page,
    pageSize: query.pageSize,
    total: items.length
  }
}
