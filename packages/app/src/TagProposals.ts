import {
  type Actor,
  canProposeTag,
  type TagProposal,
  TagProposalForbidden,
  type TagProposalInput,
  TagProposalsOff
} from "@sukoyaka/core"
import {
  type AuditActor,
  FrameworkSettingsStore,
  Initiatives,
  InitiativeTagSets,
  Plans,
  type StoredTagProposal,
  TagProposals
} from "@sukoyaka/storage"
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { checkMeasures } from "./FrameworkTags.ts"
import { displayNamer } from "./VisibleActors.ts"

/** A stored proposal as readers see it: people by their display names, not their e-mail addresses. */
const shown = Effect.map(displayNamer, (name) => (stored: StoredTagProposal): TagProposal => ({
  id: stored.id,
  planId: stored.planId,
  initiativeNo: stored.initiativeNo,
  tag: stored.tag,
  status: stored.status,
  proposedBy: name(stored.proposedById, stored.proposedByLabel),
  proposedById: stored.proposedById,
  proposedAt: stored.proposedAt,
  decidedBy: stored.decidedByLabel === null ? null : name(stored.decidedById, stored.decidedByLabel),
  decidedAt: stored.decidedAt,
  declineReason: stored.declineReason,
  version: stored.version
}))

const initiativeOf = (planId: string, no: number) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    return yield* (yield* Initiatives).get(planId, no)
  })

/** An initiative's proposals, oldest first, with their outcome; anyone who reads the initiative reads them. */
export const tagProposalsOf = (planId: string, no: number) =>
  Effect.gen(function* () {
    yield* initiativeOf(planId, no)
    const show = yield* shown
    return (yield* (yield* TagProposals).list(planId, no)).map(show)
  }).pipe(Effect.withSpan("tagProposalsOf"))

/** The plan's proposals waiting for the secretariat, by initiative. */
export const pendingTagProposals = (planId: string) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const show = yield* shown
    return (yield* (yield* TagProposals).withStatus(planId, "pending")).map(show)
  }).pipe(Effect.withSpan("pendingTagProposals"))

/**
 * An agency proposes a tag for its own initiative: only when the city switched proposals on, only by
 * the editors of the initiative's agencies (or an administrator), only a loaded framework's measure.
 */
export const proposeTag = (actor: Actor, audit: AuditActor, planId: string, no: number, input: TagProposalInput) =>
  Effect.gen(function* () {
    const initiative = yield* initiativeOf(planId, no)
    if (!canProposeTag(actor, initiative)) return yield* new TagProposalForbidden()
    if (!(yield* (yield* FrameworkSettingsStore).get(planId)).tagProposals) return yield* new TagProposalsOff()
    yield* checkMeasures([input])
    const stored = yield* (yield* TagProposals).propose(audit, planId, no, input)
    return (yield* shown)(stored)
  }).pipe(Effect.withSpan("proposeTag"))

/**
 * The secretariat accepts a proposal: its tag joins the initiative's tags (the tags' version is the
 * If-Match, as for any tag write; the other tags stay as they are, examples included) and the
 * proposal is marked accepted, in one transaction. Accepting works even after the city switched
 * proposals off: what was proposed is still decided.
 */
export const acceptTagProposal = (audit: AuditActor, planId: string, no: number, id: number, tagsVersion: number) =>
  Effect.gen(function* () {
    yield* initiativeOf(planId, no)
    const sql = yield* SqlClient.SqlClient
    const proposals = yield* TagProposals
    const tagSets = yield* InitiativeTagSets
    const { proposal, tags } = yield* sql.withTransaction(
      Effect.gen(function* () {
        const decided = yield* proposals.decide(audit, planId, no, id, "accepted", "", null)
        const current = yield* tagSets.get(planId, no)
        const next = [...current.tags, { ...decided.tag, example: false }]
        yield* checkMeasures(next)
        const tags = yield* tagSets.put(audit, planId, no, next, tagsVersion)
        return { proposal: decided, tags }
      })
    )
    return { proposal: (yield* shown)(proposal), tags }
  }).pipe(Effect.withSpan("acceptTagProposal"))

/** The secretariat declines a proposal, with a reason the proposer reads (If-Match: the proposal's version). */
export const declineTagProposal = (
  audit: AuditActor,
  planId: string,
  no: number,
  id: number,
  reason: string,
  expectedVersion: number
) =>
  Effect.gen(function* () {
    yield* initiativeOf(planId, no)
    const stored = yield* (yield* TagProposals).decide(
      audit,
      planId,
      no,
      id,
      "declined",
      reason.trim(),
      expectedVersion
    )
    return (yield* shown)(stored)
  }).pipe(Effect.withSpan("declineTagProposal"))
