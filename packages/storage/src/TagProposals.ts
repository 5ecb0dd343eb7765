import {
  MeasureTagInput,
  StaleVersion,
  TagProposalDecided,
  TagProposalNotFound,
  TagProposalStatus
} from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

/** A proposal as stored: the proposer and the decider as the audit names actors (id and label). */
export const StoredTagProposal = Schema.Struct({
  id: Schema.Number,
  planId: Schema.String,
  initiativeNo: Schema.Number,
  tag: Schema.fromJsonString(MeasureTagInput),
  status: TagProposalStatus,
  proposedById: Schema.NullOr(Schema.String),
  proposedByLabel: Schema.String,
  proposedAt: Schema.String,
  decidedById: Schema.NullOr(Schema.String),
  decidedByLabel: Schema.NullOr(Schema.String),
  decidedAt: Schema.NullOr(Schema.String),
  declineReason: Schema.String,
  version: Schema.Number
})
export type StoredTagProposal = typeof StoredTagProposal.Type

const columns = `id, plan_id, initiative_no, tag, status, proposed_by_id, proposed_by_label, proposed_at,
  decided_by_id, decided_by_label, decided_at, decline_reason, version`
const encodeTag = Schema.encodeSync(StoredTagProposal.fields.tag)

/** What the audit log keeps of a proposal. */
const snapshot = (proposal: StoredTagProposal) => ({
  id: proposal.id,
  initiativeNo: proposal.initiativeNo,
  tag: Schema.encodeSync(MeasureTagInput)(proposal.tag),
  status: proposal.status,
  declineReason: proposal.declineReason,
  version: proposal.version
})

/**
 * Tags proposed by agencies (#24), audited as entity `tagProposal` under the key
 * `<plan>/<no>/tag-proposals/<id>`. The caller checks who may propose and decide; accepting writes
 * the tag through InitiativeTagSets in the same transaction (app's decideTagProposal).
 */
export class TagProposals extends Context.Service<TagProposals>()("@sukoyaka/storage/TagProposals", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const ofInitiative = SqlSchema.findAll({
      Request: Schema.Struct({ planId: Schema.String, no: Schema.Number }),
      Result: StoredTagProposal,
      execute: ({ planId, no }) => sql`SELECT ${sql.literal(columns)} FROM tag_proposals
        WHERE plan_id = ${planId} AND initiative_no = ${no} ORDER BY id`
    })
    const ofStatus = SqlSchema.findAll({
      Request: Schema.Struct({ planId: Schema.String, status: Schema.String }),
      Result: StoredTagProposal,
      execute: ({ planId, status }) => sql`SELECT ${sql.literal(columns)} FROM tag_proposals
        WHERE plan_id = ${planId} AND status = ${status} ORDER BY initiative_no, id`
    })
    const one = SqlSchema.findOneOption({
      Request: Schema.Struct({ planId: Schema.String, no: Schema.Number, id: Schema.Number }),
      Result: StoredTagProposal,
      execute: ({ planId, no, id }) => sql`SELECT ${sql.literal(columns)} FROM tag_proposals
        WHERE plan_id = ${planId} AND initiative_no = ${no} AND id = ${id}`
    })
    const entityKey = (proposal: Pick<StoredTagProposal, "planId" | "initiativeNo" | "id">) =>
      `${proposal.planId}/${proposal.initiativeNo}/tag-proposals/${proposal.id}`

    /** An initiative's proposals, oldest first. */
    const list = (planId: string, no: number) =>
      ofInitiative({ planId, no }).pipe(Effect.orDie, Effect.withSpan("TagProposals.list"))

    /** The plan's proposals in one status (the secretariat's pending ones), by initiative. */
    const withStatus = (planId: string, status: TagProposalStatus) =>
      ofStatus({ planId, status }).pipe(Effect.orDie, Effect.withSpan("TagProposals.withStatus"))

    const get = (planId: string, no: number, id: number) =>
      one({ planId, no, id }).pipe(
        Effect.orDie,
        Effect.flatMap(
          Option.match({ onNone: () => Effect.fail(new TagProposalNotFound({ id })), onSome: Effect.succeed })
        ),
        Effect.withSpan("TagProposals.get")
      )

    const propose = (actor: AuditActor, planId: string, no: number, tag: MeasureTagInput) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const proposedAt = yield* nowIso
            const [row] = yield* sql<{ id: number }>`INSERT INTO tag_proposals ${sql.insert({
              planId,
              initiativeNo: no,
              tag: encodeTag(tag),
              status: "pending",
              proposedById: actor.id,
              proposedByLabel: actor.label,
              proposedAt,
              declineReason: "",
              version: 1
            })} RETURNING id`
            const stored: StoredTagProposal = {
              id: Number(row!.id),
              planId,
              initiativeNo: no,
              tag,
              status: "pending",
              proposedById: actor.id,
              proposedByLabel: actor.label,
              proposedAt,
              decidedById: null,
              decidedByLabel: null,
              decidedAt: null,
              declineReason: "",
              version: 1
            }
            yield* audit.record({
              actor,
              planId,
              entity: "tagProposal",
              entityKey: entityKey(stored),
              action: "create",
              before: null,
              after: snapshot(stored)
            })
            return stored
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("TagProposals.propose"))

    /**
     * Accepts or declines a pending proposal; `expectedVersion` null skips the version check (an
     * acceptance is checked against the tags' version instead, which it changes).
     */
    const decide = (
      actor: AuditActor,
      planId: string,
      no: number,
      id: number,
      status: "accepted" | "declined",
      declineReason: string,
      expectedVersion: number | null
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* get(planId, no, id)
            if (expectedVersion !== null && current.version !== expectedVersion)
              return yield* new StaleVersion({
                entity: "tag proposal",
                key: entityKey(current),
                expected: expectedVersion,
                actual: current.version
              })
            if (current.status !== "pending") return yield* new TagProposalDecided({ id, status: current.status })
            const decidedAt = yield* nowIso
            const next: StoredTagProposal = {
              ...current,
              status,
              decidedById: actor.id,
              decidedByLabel: actor.label,
              decidedAt,
              declineReason,
              version: current.version + 1
            }
            const written = yield* sql`UPDATE tag_proposals SET status = ${status}, decided_by_id = ${actor.id},
                decided_by_label = ${actor.label}, decided_at = ${decidedAt}, decline_reason = ${declineReason},
                version = ${next.version}
              WHERE id = ${id} AND status = 'pending' AND version = ${current.version} RETURNING id`
            if (written.length === 0) return yield* new TagProposalDecided({ id, status: current.status })
            yield* audit.record({
              actor,
              planId,
              entity: "tagProposal",
              entityKey: entityKey(current),
              action: status === "accepted" ? "accept" : "decline",
              before: snapshot(current),
              after: snapshot(next)
            })
            return next
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("TagProposals.decide"))

    return { list, withStatus, get, propose, decide } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
