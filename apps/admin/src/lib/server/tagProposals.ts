import { FrameworkSettings, TagProposal } from "@sukoyaka/core"
import { Schema } from "effect"
import { fail } from "@sveltejs/kit"
import type { Client } from "@sukoyaka/api/client"
import { decoded, ok } from "#lib/server/api.ts"
import { writeRefused } from "#lib/server/problems.ts"
import { tagOfForm } from "#lib/server/tags.ts"

/*
 * Tags an agency proposes for its initiative in its review, and the secretariat's answer (#24),
 * through the API's tag-proposals routes: the API decides who may propose, when, and what.
 */

const proposalsRoute = (api: Client) => api.plans[":planId"].initiatives[":no"]["tag-proposals"]

/** Whether the city takes proposals from agencies (the plan's framework settings). */
export const proposalsOpen = async (api: Client, planId: string) =>
  (await decoded(FrameworkSettings, api.plans[":planId"]["framework-settings"].$get({ param: { planId } })))
    .tagProposals

/** The plan's proposals waiting for the secretariat: their number on /national. */
export const pendingProposals = (api: Client, planId: string) =>
  decoded(Schema.Array(TagProposal), api.plans[":planId"]["tag-proposals"].$get({ param: { planId } }))

/** An agency's proposal from the review page's form; its errors come back as `proposalErrors`. */
export const proposeFromForm = async (api: Client, planId: string, no: string, form: FormData) => {
  const tag = tagOfForm(form)
  if ("errors" in tag) return fail(400, { proposalErrors: tag.errors })
  if (tag.rationale === "")
    return fail(400, {
      proposalErrors: [
        { path: "rationale", ja: "提案の理由を入力してください", en: "say why the initiative serves the measure" }
      ]
    })
  try {
    await ok(proposalsRoute(api).$post({ param: { planId, no }, json: tag as never }))
  } catch (e) {
    return writeRefused(e, "proposalErrors", "the proposal could not be saved: reload and try again")
  }
  return { proposalMade: true }
}

/**
 * The secretariat accepts a proposal (a tag write, at the tags' version the page showed) or declines
 * it (at the proposal's version, with an optional reason).
 */
export const decideFromForm = async (
  api: Client,
  planId: string,
  no: string,
  form: FormData,
  decision: "accept" | "decline"
) => {
  const id = String(form.get("proposal") ?? "")
  const param = { planId, no, id }
  try {
    if (decision === "accept")
      await ok(
        proposalsRoute(api)[":id"].accept.$post(
          { param },
          { headers: { "If-Match": `"v${String(form.get("tagsVersion") ?? "")}"` } }
        )
      )
    else
      await ok(
        proposalsRoute(api)[":id"].decline.$post(
          { param, json: { reason: String(form.get("reason") ?? "").trim() } },
          { headers: { "If-Match": `"v${String(form.get("version") ?? "")}"` } }
        )
      )
  } catch (e) {
    return writeRefused(e, "tagErrors", "someone changed the tags or the proposal first: reload and try again")
  }
  return { proposalDecided: decision }
}
