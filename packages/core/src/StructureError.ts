import { Schema } from "effect"
import type { Bilingual } from "./Bilingual.ts"
import { answersWith, Explanation, type ExplainedIssue } from "./DomainError.ts"
import type { Lifespan } from "./Lifespan.ts"

/** What the plan's structure is made of: what a structural change names. */
export const StructureEntity = Schema.Literals([
  "basicPolicy",
  "area",
  "objective",
  "agency",
  "initiative",
  "target"
]).annotate({
  identifier: "StructureEntity"
})
export type StructureEntity = typeof StructureEntity.Type

/**
 * A thing of the plan as people name it, from its entity and key: 「基本方針3 分野1 取組方針①」 for the
 * objective "3-1-1", 「Ｎｏ.57」 for initiative "57".
 */
export const structureLabel = (entity: StructureEntity, key: string): Bilingual => {
  const [policy, area, objective] = key.split("-")
  switch (entity) {
    case "basicPolicy":
      return { ja: `基本方針${key}`, en: `basic policy ${key}` }
    case "area":
      return { ja: `基本方針${policy} 分野${area}`, en: `area ${key}` }
    case "objective":
      return { ja: `基本方針${policy} 分野${area} 取組方針${objective}`, en: `objective ${key}` }
    case "agency":
      return { ja: `実施機関「${key}」`, en: `agency ${key}` }
    case "initiative":
      return { ja: `Ｎｏ.${key}`, en: `No. ${key}` }
    case "target":
      return { ja: `目標「${key}」`, en: `target ${key}` }
  }
}

/** 「2024年度〜2025年度」 / "FY2024–FY2025": the years of a span as the messages say them. */
export const spanLabel = (span: Lifespan): Bilingual => {
  const since = span.since ?? null
  const until = span.until ?? null
  if (since === null && until === null) return { ja: "全期間", en: "every year" }
  if (until === null) return { ja: `${since}年度以降`, en: `from FY${since}` }
  if (since === null) return { ja: `${until}年度まで`, en: `until FY${until}` }
  return { ja: `${since}年度〜${until}年度`, en: `FY${since}–FY${until}` }
}

const issue = (path: string, text: Bilingual): ReadonlyArray<ExplainedIssue> => [{ path, ja: text.ja, en: text.en }]

/** A number or id that is taken: numbers are identities, never reused (a retired one keeps its own). */
export class AlreadyExists extends Schema.TaggedError<AlreadyExists>()(
  "AlreadyExists",
  { entity: StructureEntity, key: Schema.String, path: Schema.String },
  answersWith(409)
) {
  override get message() {
    return `${structureLabel(this.entity, this.key).en} exists already (numbers and ids are never reused, a retired one keeps its own)`
  }
  get [Explanation]() {
    const label = structureLabel(this.entity, this.key)
    return issue(this.path, {
      ja: `${label.ja}はすでにあります（番号・IDは、終了したものも含めて使い回せません）`,
      en: this.message
    })
  }
}

/** 「基本方針3 分野1はこの計画にありません」: what NodeNotFound (the path) and UnknownReference (the body) say. */
const notInPlan = (entity: StructureEntity, key: string): Bilingual => {
  const label = structureLabel(entity, key)
  return { ja: `${label.ja}はこの計画にありません`, en: `the plan has no ${label.en}` }
}

/** A node named by the request's path is not in the plan. */
export class NodeNotFound extends Schema.TaggedError<NodeNotFound>()(
  "NodeNotFound",
  { entity: StructureEntity, key: Schema.String, path: Schema.String },
  answersWith(404)
) {
  override get message() {
    return notInPlan(this.entity, this.key).en
  }
  get [Explanation]() {
    return issue(this.path, notInPlan(this.entity, this.key))
  }
}

/** The body refers to a node or agency that is not in the plan. */
export class UnknownReference extends Schema.TaggedError<UnknownReference>()(
  "UnknownReference",
  { entity: StructureEntity, key: Schema.String, path: Schema.String },
  answersWith(422)
) {
  override get message() {
    return notInPlan(this.entity, this.key).en
  }
  get [Explanation]() {
    return issue(this.path, notInPlan(this.entity, this.key))
  }
}

/** The body places something under (or with) a node that is not in effect in all of its years. */
export class NotInEffect extends Schema.TaggedError<NotInEffect>()(
  "NotInEffect",
  {
    entity: StructureEntity,
    key: Schema.String,
    path: Schema.String,
    since: Schema.NullOr(Schema.Number),
    until: Schema.NullOr(Schema.Number)
  },
  answersWith(422)
) {
  override get message() {
    return `${structureLabel(this.entity, this.key).en} is in effect ${spanLabel(this).en} only: the years given must fall within them`
  }
  get [Explanation]() {
    const label = structureLabel(this.entity, this.key)
    return issue(this.path, {
      ja: `${label.ja}の実施期間は${spanLabel(this).ja}です。その期間の中の年度にしてください`,
      en: this.message
    })
  }
}

/**
 * A change of a node's (or agency's) years would leave initiatives or targets in effect outside
 * them: they are named, to be retired (or moved) first. Nothing is retired behind anyone's back.
 */
export class StillInUse extends Schema.TaggedError<StillInUse>()(
  "StillInUse",
  {
    entity: StructureEntity,
    key: Schema.String,
    path: Schema.String,
    initiatives: Schema.Array(Schema.Number),
    targets: Schema.Array(Schema.String)
  },
  answersWith(422)
) {
  /** 「Ｎｏ.57、Ｎｏ.58、目標「suicide-rate」」 / "No. 57, No. 58, target suicide-rate". */
  private get named(): Bilingual {
    const labels = [
      ...this.initiatives.map((no) => structureLabel("initiative", String(no))),
      ...this.targets.map((id) => structureLabel("target", id))
    ]
    return { ja: labels.map((label) => label.ja).join("、"), en: labels.map((label) => label.en).join(", ") }
  }
  override get message() {
    return `initiatives or targets of ${structureLabel(this.entity, this.key).en} are in effect outside these years (${this.named.en}): retire or move them first`
  }
  get [Explanation]() {
    const label = structureLabel(this.entity, this.key)
    return issue(this.path, {
      ja: `${label.ja}に属する政策・事業または目標が、この期間の外でも有効です（${this.named.ja}）。先にそれらの終了年度を設定するか、移してください`,
      en: this.message
    })
  }
}

/** Years that end before they start (`path`: where, when not the body's own `until`). */
export class InvalidLifespan extends Schema.TaggedError<InvalidLifespan>()(
  "InvalidLifespan",
  { since: Schema.Number, until: Schema.Number, path: Schema.optional(Schema.String) },
  answersWith(400)
) {
  override get message() {
    return `until (FY${this.until}) is before since (FY${this.since})`
  }
  get [Explanation]() {
    return issue(this.path ?? "until", {
      ja: `終了年度（${this.until}年度）が開始年度（${this.since}年度）より前です`,
      en: this.message
    })
  }
}

export type StructureError =
  AlreadyExists | NodeNotFound | UnknownReference | NotInEffect | StillInUse | InvalidLifespan

const joinPath = (prefix: string, path: string) => (prefix === "" ? path : path === "" ? prefix : `${prefix}.${path}`)

/**
 * The same error at the entry of a larger document it concerns: a command's `agencies[0]` is
 * `initiatives[3].agencies[0]` of the plan-definition file that asked for it.
 */
export const relocate = (error: StructureError, prefix: string): StructureError => {
  switch (error._tag) {
    case "AlreadyExists":
      return new AlreadyExists({
        entity: error.entity,
        key: error.key,
        path: joinPath(prefix, error.path)
      })
    case "NodeNotFound":
      return new NodeNotFound({
        entity: error.entity,
        key: error.key,
        path: joinPath(prefix, error.path)
      })
    case "UnknownReference":
      return new UnknownReference({
        entity: error.entity,
        key: error.key,
        path: joinPath(prefix, error.path)
      })
    case "NotInEffect":
      return new NotInEffect({
        entity: error.entity,
        key: error.key,
        path: joinPath(prefix, error.path),
        since: error.since,
        until: error.until
      })
    case "StillInUse":
      return new StillInUse({
        entity: error.entity,
        key: error.key,
        path: joinPath(prefix, error.path),
        initiatives: error.initiatives,
        targets: error.targets
      })
    case "InvalidLifespan":
      return new InvalidLifespan({
        since: error.since,
        until: error.until,
        path: joinPath(prefix, error.path ?? "until")
      })
  }
}
