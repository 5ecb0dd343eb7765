import {
  actorOf,
  answersFor,
  canEditReview,
  InitiativeDetail,
  type ReviewContent,
  ReviewView,
  TagProposal
} from "@sukoyaka/core"
import { error, fail, redirect } from "@sveltejs/kit"
import { Result, Schema } from "effect"
import {
  candidateOf,
  compactState,
  contentFields,
  contentOf,
  type ContentField,
  differingFields,
  emptyMeasureRow,
  type FieldError,
  formStateOf,
  formStateOfContent,
  merge,
  type ReviewFormState,
  validateReview
} from "#lib/review-form.ts"
import { ApiProblem, decoded, ok } from "#lib/server/api.ts"
import { deleteAttachment, loadDialogue, postComment, uploadAttachment } from "#lib/server/dialogue.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import { proposalsOpen, proposeFromForm } from "#lib/server/tagProposals.ts"
import { loadFrameworks } from "#lib/server/frameworks.ts"
import type { Actions, PageServerLoad, RequestEvent } from "./$types"

const checkParams = (params: { no: string; year: string }) => {
  if (!/^\d{1,4}$/.test(params.no) || !/^\d{4}$/.test(params.year)) error(404, "not found / 見つかりません")
}

const reviewApi = (event: RequestEvent, _planId: string) =>
  event.locals.api.plans[":planId"].initiatives[":no"].reviews[":fiscalYear"]

const getReview = (event: RequestEvent, planId: string) =>
  decoded(
    ReviewView,
    reviewApi(event, planId).$get({ param: { planId, no: event.params.no, fiscalYear: event.params.year } })
  )

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event)
  checkParams(event.params)
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const [initiative, review, agencies] = await Promise.all([
        decoded(
          InitiativeDetail,
          event.locals.api.plans[":planId"].initiatives[":no"].$get({ param: { planId: plan.id, no: event.params.no } })
        ),
        getReview(event, plan.id),
        ok(event.locals.api.plans[":planId"].agencies.$get({ param: { planId: plan.id } }))
      ])
      const actor = actorOf(user)
      const canEdit = canEditReview(actor, initiative, review.status)
      // The agency's own editor is told why it waits; anyone else that the row is not theirs.
      const ownRow = actor.role === "editor" && answersFor(actor, initiative)
      const { reviews: _reviews, ...rest } = initiative
      const dialogue = await loadDialogue(event, user, plan.id, initiative)
      const proposals = await loadProposalSection(event, plan.id, ownRow)
      return {
        plan,
        initiative: rest,
        agencies,
        review,
        canEdit,
        ownRow,
        state: formStateOfContent(review),
        dialogue,
        proposals
      }
    })()
  )
}

/**
 * The agency's proposals of national measures for its initiative (#24): the form when the city takes
 * proposals and the row is the agency's, and what became of the earlier ones.
 */
const loadProposalSection = async (event: RequestEvent, planId: string, ownRow: boolean) => {
  const param = { planId, no: event.params.no }
  const [open, listed] = await Promise.all([
    proposalsOpen(event.locals.api, planId),
    decoded(
      Schema.Array(TagProposal),
      event.locals.api.plans[":planId"].initiatives[":no"]["tag-proposals"].$get({ param })
    )
  ])
  const canPropose = open && ownRow
  const needed = canPropose || listed.length > 0
  return { canPropose, listed, frameworks: needed ? await loadFrameworks(event.locals.api) : [] }
}

interface Conflict {
  readonly mine: ReviewContent
  readonly theirs: ReviewContent
  readonly version: number
  readonly who: string | null
  readonly fields: ReadonlyArray<ContentField>
}

/** PUT with the version the person read; a 412 becomes the conflict screen, never an overwrite. */
const save = async (
  event: RequestEvent,
  planId: string,
  content: ReviewContent,
  version: string,
  state: ReviewFormState
) => {
  const param = { planId, no: event.params.no, fiscalYear: event.params.year }
  try {
    await ok(reviewApi(event, planId).$put({ param, json: content }, { headers: { "If-Match": `"v${version}"` } }))
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 412) {
      const current = await getReview(event, planId)
      const history = await ok(reviewApi(event, planId).history.$get({ param })).catch(() => [])
      const theirs = contentOf(current)
      const conflict: Conflict = {
        mine: content,
        theirs,
        version: current.version,
        who: history[0]?.actorLabel ?? null,
        fields: differingFields(content, theirs)
      }
      return fail(409, { state, conflict, errors: undefined as ReadonlyArray<FieldError> | undefined })
    }
    return fail(e instanceof ApiProblem ? e.status : 500, {
      state,
      errors: formErrorsOf(e),
      conflict: undefined as Conflict | undefined
    })
  }
  redirect(303, `/initiatives/${event.params.no}?year=${event.params.year}&saved=1`)
}

/** A 「やりとり」 action (dialogue.ts): signed in, on a review's address, in the current plan. */
const dialogueAction = (act: typeof postComment) => async (event: RequestEvent) => {
  requireUser(event)
  checkParams(event.params)
  const plan = await currentPlan(event.locals.api, event.url)
  return act(event, plan.id)
}

export const actions: Actions = {
  comment: dialogueAction(postComment),
  upload: dialogueAction(uploadAttachment),
  deleteAttachment: dialogueAction(deleteAttachment),
  /** The agency proposes a national measure for its initiative; the API checks who and when. */
  proposeTag: async (event) => {
    requireUser(event)
    checkParams(event.params)
    const plan = await currentPlan(event.locals.api, event.url)
    return proposeFromForm(event.locals.api, plan.id, event.params.no, await event.request.formData())
  },
  save: async (event) => {
    requireUser(event)
    checkParams(event.params)
    const form = await event.request.formData()
    const plan = await currentPlan(event.locals.api, event.url)
    const state = formStateOf(form)
    const intent = String(form.get("intent") ?? "save")
    // Without JavaScript, "add a row" posts the form and comes back with one more blank row.
    if (intent === "addMeasure" || intent === "addNextMeasure") {
      const blank = emptyMeasureRow()
      if (intent === "addMeasure") state.measures.push(blank)
      else state.next.measures.push(blank)
      return {
        state,
        errors: undefined as ReadonlyArray<FieldError> | undefined,
        conflict: undefined as Conflict | undefined
      }
    }
    const compact = compactState(state)
    const checked = validateReview(candidateOf(compact), plan.id, Number(event.params.year))
    if (Result.isFailure(checked)) return fail(400, { state: compact, errors: checked.failure, conflict: undefined })
    return save(event, plan.id, checked.success, String(form.get("version") ?? ""), compact)
  },

  /** The conflict screen's choice, field by field, saved against the version it showed. */
  resolve: async (event) => {
    requireUser(event)
    checkParams(event.params)
    const form = await event.request.formData()
    const plan = await currentPlan(event.locals.api, event.url)
    const mine = JSON.parse(String(form.get("mine") ?? "{}")) as ReviewContent
    const theirs = JSON.parse(String(form.get("theirs") ?? "{}")) as ReviewContent
    const choices = Object.fromEntries(
      contentFields.map((field) => [field, form.get(`choice.${field}`) === "theirs" ? "theirs" : "mine"])
    ) as Record<ContentField, "mine" | "theirs">
    const merged = merge(mine, theirs, choices)
    const state = formStateOfContent(merged)
    const checked = validateReview(candidateOf(state), plan.id, Number(event.params.year))
    if (Result.isFailure(checked)) return fail(400, { state, errors: checked.failure, conflict: undefined })
    return save(event, plan.id, checked.success, String(form.get("version") ?? ""), state)
  }
}
