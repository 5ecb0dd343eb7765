import { acceptTagProposal, declineTagProposal, pendingTagProposals, proposeTag, tagProposalsOf } from "@sukoyaka/app"
import { InitiativeTags, TagProposal, TagProposalDecline, TagProposalInput } from "@sukoyaka/core"
import { InitiativeTagSets, TagProposals } from "@sukoyaka/storage"
import { Schema } from "effect"
import { Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { versionToWrite, sendVersioned } from "../preconditions.ts"
import { DecimalInt, PlanParams, validate } from "../validation.ts"
import { InitiativeParams } from "./initiatives.ts"

const ProposalParams = Schema.Struct({
  ...InitiativeParams.fields,
  id: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 2_147_483_647 }))
})

const Accepted = Schema.Struct({ proposal: TagProposal, tags: InitiativeTags }).annotate({
  identifier: "TagProposalAccepted",
  title: "An accepted proposal and the initiative's tags with it"
})

const proposals = "/:planId/initiatives/:no/tag-proposals"

/** Tags proposed by agencies in their review, and the secretariat's answer (#24). */
export default new Hono<AppEnv>()
  .get(
    "/:planId/tag-proposals",
    doc({
      tag: "tagProposals",
      summary: "The plan's proposals waiting for the secretariat, by initiative",
      ok: { schema: Schema.Array(TagProposal), description: "Pending proposals" }
    }),
    validate("param", PlanParams),
    async (c) => {
      const pending = await c.var.run(pendingTagProposals(c.req.valid("param").planId))
      return c.json(Schema.encodeSync(Schema.Array(TagProposal))(pending))
    }
  )
  .get(
    proposals,
    doc({
      tag: "tagProposals",
      summary: "An initiative's proposed tags, oldest first, with their outcome",
      ok: { schema: Schema.Array(TagProposal), description: "The proposals" }
    }),
    validate("param", InitiativeParams),
    async (c) => {
      const { planId, no } = c.req.valid("param")
      const listed = await c.var.run(tagProposalsOf(planId, no))
      return c.json(Schema.encodeSync(Schema.Array(TagProposal))(listed))
    }
  )
  .post(
    proposals,
    doc({
      tag: "tagProposals",
      summary: "Propose a national measure for an initiative (the editors of its agencies, or an admin); audited",
      description:
        "Only when the plan's framework settings have `tagProposals: true` (409 otherwise). The measure must be a loaded framework's (422); the rationale says why. A new proposal: no If-Match.",
      ok: { status: 201, schema: TagProposal, description: "The proposal, pending" },
      extraProblems: {
        409: "The city has not switched tag proposals on",
        415: "Send application/json",
        422: "The measure is unknown"
      }
    }),
    validate("param", InitiativeParams),
    validate("json", TagProposalInput),
    async (c) => {
      const { planId, no } = c.req.valid("param")
      const auth = c.var.auth
      const proposal = await c.var.run(proposeTag(auth.actor, auth.audit, planId, no, c.req.valid("json")))
      return sendVersioned(c, proposal.version, TagProposal, proposal, 201)
    }
  )
  .post(
    `${proposals}/:id/accept`,
    requireRole("admin"),
    doc({
      tag: "tagProposals",
      summary: "Accept a proposal (admin): its tag joins the initiative's tags",
      description:
        "A tag write like PUT …/tags: If-Match is the initiative's tags' ETag, and the answer's ETag is theirs. Both changes are audited. 409 when the proposal was already decided.",
      ok: { schema: Accepted, description: "The proposal, accepted, and the tags" },
      ifMatch: true,
      extraProblems: {
        409: "The proposal was already accepted or declined",
        412: "Someone changed the tags first",
        422: "The measure is no longer loaded, or already tagged from that year",
        428: "If-Match is required"
      }
    }),
    validate("param", ProposalParams),
    async (c) => {
      const { planId, no, id } = c.req.valid("param")
      const version = await versionToWrite(
        c,
        "initiative tags",
        async () => (await c.var.run(InitiativeTagSets.use((tags) => tags.get(planId, no)))).version
      )
      const accepted = await c.var.run(acceptTagProposal(c.var.auth.audit, planId, no, id, version))
      return sendVersioned(c, accepted.tags.version, Accepted, accepted)
    }
  )
  .post(
    `${proposals}/:id/decline`,
    requireRole("admin"),
    doc({
      tag: "tagProposals",
      summary: "Decline a proposal (admin), with an optional reason the proposer reads",
      description: "If-Match is the proposal's ETag. 409 when it was already decided.",
      ok: { schema: TagProposal, description: "The proposal, declined" },
      ifMatch: true,
      extraProblems: {
        409: "The proposal was already accepted or declined",
        412: "Someone changed the proposal first",
        415: "Send application/json",
        428: "If-Match is required"
      }
    }),
    validate("param", ProposalParams),
    validate("json", TagProposalDecline),
    async (c) => {
      const { planId, no, id } = c.req.valid("param")
      const version = await versionToWrite(
        c,
        "tag proposal",
        async () => (await c.var.run(TagProposals.use((store) => store.get(planId, no, id)))).version
      )
      const declined = await c.var.run(
        declineTagProposal(c.var.auth.audit, planId, no, id, c.req.valid("json").reason ?? "", version)
      )
      return sendVersioned(c, declined.version, TagProposal, declined)
    }
  )
