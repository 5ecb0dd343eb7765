import {
  actorOf,
  canTakePartInDialogue,
  type Initiative,
  ReviewAttachment,
  ReviewComment,
  type User
} from "@sukoyaka/core"
import { fail, type RequestEvent } from "@sveltejs/kit"
import { Schema } from "effect"
import type { FieldError } from "#lib/review-form.ts"
import { ApiProblem, decoded, ok, problemOf } from "./api.ts"
import { attachmentMaxBytes } from "./config.ts"
import { postMultipart } from "./multipart.ts"
import { formErrorsOf } from "./problems.ts"

/*
 * The 「やりとり」 section of a review's page (#19): its comment thread and files, and the form
 * actions that post, upload and delete through the API. Field errors come back under `dialogue.`
 * paths, so that they never mix with the review form's own errors on the same page.
 */

type ReviewEvent = RequestEvent<{ no: string; year: string }>

const reviewRoute = (event: ReviewEvent) => event.locals.api.plans[":planId"].initiatives[":no"].reviews[":fiscalYear"]

const paramOf = (event: ReviewEvent, planId: string) => ({
  planId,
  no: event.params.no,
  fiscalYear: event.params.year
})

export const loadDialogue = async (
  event: ReviewEvent,
  user: User,
  planId: string,
  initiative: Pick<Initiative, "agencies">
) => {
  const param = paramOf(event, planId)
  const [comments, attachments] = await Promise.all([
    decoded(Schema.Array(ReviewComment), reviewRoute(event).comments.$get({ param })),
    decoded(Schema.Array(ReviewAttachment), reviewRoute(event).attachments.$get({ param }))
  ])
  return {
    comments,
    attachments,
    canTakePart: canTakePartInDialogue(actorOf(user), initiative),
    maxBytes: attachmentMaxBytes()
  }
}

/** What a dialogue action sends back to the page: its errors at `dialogue.*`, and the text typed. */
export interface DialogueOutcome {
  readonly errors?: ReadonlyArray<FieldError>
  readonly body?: string
  readonly done?: "comment" | "upload" | "delete"
}

const inSection = (errors: ReadonlyArray<FieldError>): ReadonlyArray<FieldError> =>
  errors.map((error) => ({ ...error, path: `dialogue.${error.path.replace(/^json\./, "") || "form"}` }))

const refused = (e: unknown, body?: string) =>
  fail(e instanceof ApiProblem ? e.status : 500, {
    dialogue: { errors: inSection(formErrorsOf(e)), ...(body === undefined ? {} : { body }) } as DialogueOutcome
  })

const done = (what: NonNullable<DialogueOutcome["done"]>) => ({ dialogue: { done: what } as DialogueOutcome })

export const postComment = async (event: ReviewEvent, planId: string) => {
  const form = await event.request.formData()
  const body = String(form.get("body") ?? "")
  try {
    await ok(reviewRoute(event).comments.$post({ param: paramOf(event, planId), json: { body } }))
  } catch (e) {
    return refused(e, body)
  }
  return done("comment")
}

export const uploadAttachment = async (event: ReviewEvent, planId: string) => {
  const form = await event.request.formData()
  const file = form.get("file")
  if (!(file instanceof File) || (file.size === 0 && file.name === ""))
    return fail(400, {
      dialogue: {
        errors: [{ path: "dialogue.file", ja: "ファイルを選んでください", en: "choose a file" }]
      } as DialogueOutcome
    })
  const body = new FormData()
  body.set("file", file, file.name)
  const path = `/plans/${encodeURIComponent(planId)}/initiatives/${event.params.no}/reviews/${event.params.year}/attachments`
  try {
    const response = await postMultipart(event, path, body)
    if (!response.ok) throw await problemOf(response)
  } catch (e) {
    return refused(e)
  }
  return done("upload")
}

export const deleteAttachment = async (event: ReviewEvent, planId: string) => {
  const form = await event.request.formData()
  const id = String(form.get("id") ?? "")
  try {
    const response = await reviewRoute(event).attachments[":id"].$delete({ param: { ...paramOf(event, planId), id } })
    if (!response.ok) throw await problemOf(response)
  } catch (e) {
    return refused(e)
  }
  return done("delete")
}
