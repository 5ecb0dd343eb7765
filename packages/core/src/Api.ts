import { Schema } from "effect"
import { WorkflowAction, Role } from "./Access.ts"
import type { Achievement } from "./Achievement.ts"
import { AgencyId } from "./Agency.ts"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import type { ConsistencyFlag, ReviewEvaluation } from "./Evaluation.ts"
import { FiscalYear } from "./FiscalYear.ts"
import { Initiative, InitiativeNo } from "./Initiative.ts"
import { LifeStage } from "./LifeStage.ts"
import { ObjectiveNo } from "./Plan.ts"
import { Rating, RatingCounts } from "./Rating.ts"
import { Review, ReviewContent } from "./Review.ts"
import { Observation, Target } from "./Target.ts"
import { TargetGrade } from "./TargetRating.ts"

/*
 * The representations the API sends and takes. They live here, beside the entities, so that the
 * API's validation, its OpenAPI document, the admin UI's forms and the typed clients all read one
 * definition.
 */

/** One field error of a problem: the path into the request and the message in both languages. */
export const FieldError = Schema.Struct({
  path: Schema.String.annotations({ description: "e.g. measures[0].actual" }),
  ja: Schema.String,
  en: Schema.String
}).annotations({ identifier: "FieldError", title: "Field error" })

/** RFC 9457 problem details, with the field paths of every validation error. */
export const Problem = Schema.Struct({
  type: Schema.String.annotations({ description: "a stable URI naming the kind of problem" }),
  title: Schema.String,
  status: Schema.Int,
  detail: Schema.optional(Schema.String),
  instance: Schema.optional(Schema.String),
  errors: Schema.optional(Schema.Array(FieldError)),
  requestId: Schema.optional(Schema.String)
}).annotations({ identifier: "Problem", title: "Problem details (RFC 9457)" })
export type Problem = typeof Problem.Type

export const pageOf = <A, I>(item: Schema.Schema<A, I>, identifier: string) =>
  Schema.Struct({
    items: Schema.Array(item),
    page: Schema.Int,
    pageSize: Schema.Int,
    total: Schema.Int
  }).annotations({ identifier, title: identifier })

const ConsistencyFlagSchema = Schema.Union(
  Schema.TaggedStruct("RatingMissing", {}),
  Schema.TaggedStruct("ReasonMissing", { rating: Rating }),
  Schema.TaggedStruct("RatingDiffers", { selfRating: Rating, suggested: Rating, grades: Schema.Int }),
  Schema.TaggedStruct("UnitMismatch", { label: Schema.String, unit: Schema.String, plannedUnit: Schema.String })
).annotations({ identifier: "ConsistencyFlag", title: "Consistency flag" })
export { ConsistencyFlagSchema as ConsistencyFlagView }

export const MeasureAchievementView = Schema.Struct({
  label: Schema.String,
  ratio: Schema.NullOr(Schema.Number).annotations({
    description: "actual vs planned honouring the comparator; null exactly when notComputable says why or unbounded is true"
  }),
  notComputable: Schema.NullOr(Schema.Literal("noActual", "noPlanned", "unitMismatch", "zeroPlanned")),
  unbounded: Schema.Boolean.annotations({
    description: "true: an actual of 0 under a positive ceiling (以下): better than any ratio; the suggestion counts it at the policy's cap"
  })
}).annotations({ identifier: "MeasureAchievement" })

/** The rules' view of a review: never a change to it. */
export const ReviewEvaluationView = Schema.Struct({
  suggestedRating: Schema.NullOr(Rating).annotations({ description: "null: not computable (no comparable figures)" }),
  achievement: Schema.NullOr(Schema.Number),
  measuresUsed: Schema.Int,
  measures: Schema.Array(MeasureAchievementView),
  flags: Schema.Array(ConsistencyFlagSchema),
  needsAttention: Schema.Boolean
}).annotations({ identifier: "ReviewEvaluation", title: "Review evaluation", [LabelJa]: "評価" })
export type ReviewEvaluationView = typeof ReviewEvaluationView.Type

const finite = (value: number) => (Number.isFinite(value) ? value : null)

export const toReviewEvaluationView = (evaluation: ReviewEvaluation): ReviewEvaluationView => ({
  suggestedRating: evaluation.suggestion._tag === "Suggested" ? evaluation.suggestion.rating : null,
  achievement: evaluation.suggestion._tag === "Suggested" ? evaluation.suggestion.achievement : null,
  measuresUsed: evaluation.suggestion._tag === "Suggested" ? evaluation.suggestion.measuresUsed : 0,
  measures: evaluation.measures.map(({ measure, achievement }: { measure: { label: string }; achievement: Achievement }) => ({
    label: measure.label,
    ratio: achievement._tag === "Computed" ? finite(achievement.ratio) : null,
    notComputable: achievement._tag === "NotComputable" ? achievement.reason : null,
    unbounded: achievement._tag === "Computed" && achievement.ratio === Number.POSITIVE_INFINITY
  })),
  flags: evaluation.flags as ReadonlyArray<ConsistencyFlag>,
  needsAttention: evaluation.needsAttention
})

/** A review as GET returns it: the entity with its evaluation. PUT takes it back. */
export const ReviewView = Schema.Struct({
  ...Review.fields,
  evaluation: ReviewEvaluationView
}).annotations({ identifier: "ReviewView", title: "Review with evaluation" })
export type ReviewView = typeof ReviewView.Type

/**
 * The body of PUT …/reviews/{fiscalYear}: the GET representation (or just the content fields).
 * Read-only fields (keys, status, version, evaluation) may be sent back and are ignored; the
 * version to check is the If-Match header.
 */
export const ReviewUpdate = Schema.Struct(ReviewContent.fields).annotations({
  identifier: "ReviewUpdate",
  title: "Review update",
  description: "the review's content fields; other fields of the GET representation are ignored",
  // Decoding ignores excess properties already. This says so in the JSON Schema; an index signature
  // of Schema.Unknown did too, but its `$id: "/schemas/unknown"` became an invalid OpenAPI $ref.
  jsonSchema: { additionalProperties: true }
})

export const StatusChange = Schema.Struct({
  action: WorkflowAction,
  comment: Schema.optional(Schema.String.pipe(Schema.maxLength(2000)))
}).annotations({ identifier: "StatusChange", title: "Workflow status change" })

/** Column D read as the domain does: what is done (summary) and how it lowers the risk (rationale). */
const contentParts = {
  summary: Schema.String.annotations({ description: "column D without its last ● bullet: what is done (read-only)", [LabelJa]: "内容（取組）" }),
  rationale: Schema.String.annotations({ description: "column D's last ● bullet: how it lowers suicide risk (read-only)", [LabelJa]: "内容（効果）" })
}

export const InitiativeListItem = Schema.Struct({
  ...Initiative.fields,
  ...contentParts,
  review: Schema.NullOr(ReviewView)
}).annotations({ identifier: "InitiativeListItem", title: "Initiative with the year's review" })

export const InitiativeDetail = Schema.Struct({
  ...Initiative.fields,
  ...contentParts,
  reviews: Schema.Array(ReviewView)
}).annotations({ identifier: "InitiativeDetail", title: "Initiative with all its reviews" })

export const TargetEvaluationView = Schema.Struct({
  grade: TargetGrade,
  method: Schema.Literal("poissonExact", "twoProportion", "relativeChange", "none").annotations({
    description:
      "the rule that judged the change: poissonExact (exact conditional binomial test of two Poisson counts), twoProportion (z-test), relativeChange (±5 % or more, no test), none (nothing to compare)"
  }),
  relativeChange: Schema.NullOr(Schema.Number),
  significant: Schema.NullOr(Schema.Boolean),
  pValue: Schema.NullOr(Schema.Number).annotations({ description: "two-sided p-value of the test; null under the relative rule" }),
  pace: Schema.NullOr(Schema.Literal("onPath", "behindPath", "targetYearPassed", "noTargetYear")).annotations({
    description: "B against B* for an improving target; noTargetYear: B* cannot be judged, the grade stays B; null for A, C, D, E"
  }),
  progress: Schema.NullOr(
    Schema.Struct({
      category: Schema.Literal("targetAchieved", "onTrack", "moderate", "limited", "deterioration"),
      ratio: Schema.NullOr(Schema.Number).annotations({
        description: "direction × observed CAGR / |required CAGR|; null when the target is achieved or the baseline sat on the target"
      })
    }).annotations({ description: "Open SDG's anticipated progress (its own categories, not the self-ratings)" })
  )
}).annotations({ identifier: "TargetEvaluation", title: "Target evaluation" })

export const TargetView = Schema.Struct({ ...Target.fields, evaluation: TargetEvaluationView }).annotations({
  identifier: "TargetView",
  title: "Target with its rating"
})

/** What an admin sends to change a target: its observations (and baseline, target value, year). */
export const TargetUpdate = Schema.Struct({
  baseline: Schema.NullOr(Observation),
  observations: Schema.Array(Observation),
  targetValue: Target.fields.targetValue,
  targetYear: Target.fields.targetYear,
  method: Target.fields.method
}).annotations({ identifier: "TargetUpdate", title: "Target update" })

const grouped = <K extends Schema.Struct.Fields>(key: K, identifier: string) =>
  Schema.Struct({ ...key, ratings: RatingCounts, onTrackShare: Schema.NullOr(Schema.Number) }).annotations({ identifier })

export const CompletionView = Schema.Struct({
  total: Schema.Int,
  byStatus: Schema.Struct({ draft: Schema.Int, submitted: Schema.Int, approved: Schema.Int, missing: Schema.Int })
}).annotations({ identifier: "Completion" })

/** GET /plans/{planId}/summary: the year at a glance. */
export const YearSummaryView = Schema.Struct({
  planId: Schema.String,
  fiscalYear: FiscalYear,
  ratingPolicyVersion: Schema.Int,
  ratings: RatingCounts,
  onTrackShare: Schema.NullOr(Schema.Number),
  byObjective: Schema.Array(grouped({ objectiveNo: ObjectiveNo }, "ObjectiveRatings")),
  byLifeStage: Schema.Array(grouped({ lifeStage: LifeStage }, "LifeStageRatings")),
  byAgency: Schema.Array(
    Schema.Struct({ agencyId: AgencyId, name: Schema.String, ratings: RatingCounts, onTrackShare: Schema.NullOr(Schema.Number), completion: CompletionView }).annotations({
      identifier: "AgencyRatings"
    })
  ),
  coverage: Schema.Array(
    Schema.Struct({ objectiveNo: ObjectiveNo, counts: Schema.Record({ key: LifeStage, value: Schema.Int }), gaps: Schema.Array(LifeStage) }).annotations({
      identifier: "CoverageRow"
    })
  ),
  targets: Schema.Array(
    Schema.Struct({ id: Schema.String, indicator: Schema.String, population: Schema.NullOr(Schema.String), targetValue: Schema.Number, unit: Schema.String, evaluation: TargetEvaluationView })
  ),
  attention: Schema.Array(
    Schema.Struct({
      initiativeNo: InitiativeNo,
      name: Schema.String,
      selfRating: Schema.NullOr(Rating),
      reasons: Schema.Array(Schema.String)
    }).annotations({ identifier: "AttentionItem" })
  ),
  completion: CompletionView,
  changes: Schema.Array(
    Schema.Struct({ initiativeNo: InitiativeNo, from: Schema.NullOr(Rating), to: Schema.NullOr(Rating), grades: Schema.NullOr(Schema.Int) })
  )
}).annotations({ identifier: "YearSummary", title: "Year summary" })
export type YearSummaryView = typeof YearSummaryView.Type

const Email = Schema.String.pipe(
  Schema.trimmed(),
  Schema.maxLength(254),
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
    [MessageBilingual]: { ja: "メールアドレスの形式ではありません", en: "not an e-mail address" }
  })
).annotations({ title: "E-mail", [LabelJa]: "メールアドレス" })

const Password = Schema.String.pipe(
  Schema.minLength(12, {
    [MessageBilingual]: { ja: "パスワードは12文字以上にしてください", en: "a password needs at least 12 characters" }
  }),
  Schema.maxLength(256)
).annotations({ title: "Password", [LabelJa]: "パスワード" })

export const SignIn = Schema.Struct({
  email: Schema.String.pipe(Schema.maxLength(254)),
  password: Schema.String.pipe(Schema.maxLength(256))
}).annotations({ identifier: "SignIn", title: "Sign-in" })

export const PasswordChange = Schema.Struct({
  currentPassword: Schema.String.pipe(Schema.maxLength(256)),
  newPassword: Password
}).annotations({ identifier: "PasswordChange", title: "Password change" })

export const UserView = Schema.Struct({
  id: Schema.String,
  email: Schema.String,
  displayName: Schema.String,
  role: Role,
  agencies: Schema.Array(AgencyId),
  disabled: Schema.Boolean
}).annotations({ identifier: "UserView", title: "User" })

export const UserCreate = Schema.Struct({
  email: Email,
  displayName: Schema.String.pipe(Schema.maxLength(100)),
  role: Role,
  agencies: Schema.Array(AgencyId),
  password: Password
}).annotations({ identifier: "UserCreate", title: "New user" })

export const UserPatch = Schema.Struct({
  displayName: Schema.optional(Schema.String.pipe(Schema.maxLength(100))),
  role: Schema.optional(Role),
  agencies: Schema.optional(Schema.Array(AgencyId)),
  disabled: Schema.optional(Schema.Boolean),
  password: Schema.optional(Password)
}).annotations({ identifier: "UserPatch", title: "User changes" })

export const TokenCreate = Schema.Struct({
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(100)),
  role: Role,
  agencies: Schema.optionalWith(Schema.Array(AgencyId), { default: () => [] }),
  expiresAt: Schema.optional(Schema.NullOr(Schema.DateTimeUtc))
}).annotations({ identifier: "TokenCreate", title: "New API token" })

export const TokenView = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  role: Role,
  agencies: Schema.Array(AgencyId),
  createdBy: Schema.NullOr(Schema.String),
  createdAt: Schema.String,
  expiresAt: Schema.NullOr(Schema.String),
  revokedAt: Schema.NullOr(Schema.String),
  lastUsedAt: Schema.NullOr(Schema.String)
}).annotations({ identifier: "TokenView", title: "API token" })

export const TokenCreated = Schema.Struct({ ...TokenView.fields, token: Schema.String.annotations({ description: "shown once; only its hash is stored" }) }).annotations({
  identifier: "TokenCreated"
})

export const RolloverResult = Schema.Struct({
  fromFiscalYear: FiscalYear,
  toFiscalYear: FiscalYear,
  created: Schema.Int,
  skipped: Schema.Int
}).annotations({ identifier: "RolloverResult" })

