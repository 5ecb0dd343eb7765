import { type MeasureTagInput, TagInvalid, tagListProblem } from "@sukoyaka/core"
import { type AuditActor, Frameworks, Initiatives, InitiativeTagSets, Plans } from "@sukoyaka/storage"
import { Effect, Option } from "effect"
import { loadShippedFrameworks } from "./ShippedFrameworks.ts"

/** Each tag names a measure of a framework that is loaded: else TagInvalid (422), naming it. */
export const checkMeasures = (tags: ReadonlyArray<MeasureTagInput>) =>
  Effect.gen(function* () {
    const frameworks = yield* Frameworks
    const problem = tagListProblem(tags)
    if (problem !== null) return yield* new TagInvalid({ reason: problem })
    for (const tag of tags) {
      const found = yield* frameworks.find(tag.frameworkId)
      if (Option.isNone(found)) return yield* new TagInvalid({ reason: `framework ${tag.frameworkId} is not loaded` })
      if (!found.value.measures.some((measure) => measure.code === tag.measureCode))
        return yield* new TagInvalid({ reason: `${tag.frameworkId} has no measure ${tag.measureCode}` })
    }
  })

/** The secretariat replaces an initiative's national measures (If-Match: the list's version). */
export const tagInitiative = (
  actor: AuditActor,
  planId: string,
  no: number,
  tags: ReadonlyArray<MeasureTagInput>,
  expectedVersion: number
) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    yield* (yield* Initiatives).get(planId, no)
    yield* checkMeasures(tags)
    const tagSets = yield* InitiativeTagSets
    return yield* tagSets.put(
      actor,
      planId,
      no,
      tags.map((tag) => ({ ...tag, example: false })),
      expectedVersion
    )
  }).pipe(Effect.withSpan("tagInitiative"))

/**
 * Loads the shipped frameworks (those missing) and an example tag set, marked `example`: each listed
 * initiative of the plan gets the example's list in place of its own. Initiatives not in the plan are
 * skipped and counted.
 */
export const loadExampleTags = (
  actor: AuditActor,
  planId: string,
  example: ReadonlyArray<{ readonly no: number; readonly tags: ReadonlyArray<MeasureTagInput> }>
) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const frameworks = yield* loadShippedFrameworks(actor)
    const numbers = new Set((yield* (yield* Initiatives).list(planId)).map((initiative) => initiative.no as number))
    const tagSets = yield* InitiativeTagSets
    let tagged = 0
    for (const entry of example) {
      if (!numbers.has(entry.no)) continue
      yield* checkMeasures(entry.tags)
      const current = yield* tagSets.get(planId, entry.no)
      yield* tagSets.put(
        actor,
        planId,
        entry.no,
        entry.tags.map((tag) => ({ ...tag, example: true })),
        current.version
      )
      tagged += 1
    }
    return { frameworks, tagged, skipped: example.length - tagged }
  }).pipe(Effect.withSpan("loadExampleTags"))
