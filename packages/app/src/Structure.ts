import {
  addArea,
  addObjective,
  addPolicy,
  Agency,
  type AgencyCreate,
  type AgencyPatch,
  type AreaCreate,
  type AreaPatch,
  type AreaRef,
  type BasicPolicyCreate,
  type BasicPolicyPatch,
  checkAgencyChange,
  checkInitiativePlace,
  checkTargetLinks,
  checkTargetPlace,
  checkTreeChange,
  expectedIn,
  type FiscalYear,
  type Initiative,
  type InitiativeCreate,
  type InitiativePatch,
  InvalidLifespan,
  isEmptySpan,
  type ObjectiveCreate,
  type ObjectivePatch,
  type ObjectiveRef,
  openingReview,
  type Plan,
  StaleVersion,
  statusOfUntil,
  normalizeInitiativeNos,
  type Target,
  type TargetCreate,
  type TargetPatch,
  type TargetUpdate,
  type TreeChange,
  updateArea,
  updateObjective,
  updatePolicy
} from "@sukoyaka/core"
import { type AuditActor, Initiatives, Plans, Reviews, Targets } from "@sukoyaka/storage"
import { Context, Effect, Layer, type Result } from "effect"
import * as SqlClient from "effect/sql/SqlClient"

/** Only the keys a PATCH body gives: absent keys change nothing (null is a value: it clears). */
const given = <T extends object>(patch: T): Partial<T> =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>

const checkSpan = (span: { readonly since: number | null; readonly until: number | null }) =>
  isEmptySpan(span) ? Effect.fail(new InvalidLifespan({ since: span.since!, until: span.until! })) : Effect.void

/**
 * The plan's structure, changed by the secretariat (ADR 0010): basic policies, areas and
 * objectives (one versioned tree), agencies, initiatives and targets. Every command takes the
 * version its change is based on where the thing exists already, runs in one transaction, and is
 * audited and versioned by the repository it writes through. Nothing is deleted: retiring is
 * setting `until`. Callers check that the actor is an admin (the API: `requireRole("admin")`).
 */
export class Structure extends Context.Service<Structure>()("@sukoyaka/app/Structure", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const plans = yield* Plans
    const initiatives = yield* Initiatives
    const reviews = yield* Reviews
    const targets = yield* Targets

    /** A change of the tree, refused when it would leave initiatives or targets outside their node's years. */
    const changeTree = <E>(
      actor: AuditActor,
      planId: string,
      expectedVersion: number,
      edit: (plan: Plan) => Result.Result<TreeChange, E>
    ) =>
      plans.updateTree(actor, planId, expectedVersion, (plan) =>
        Effect.gen(function* () {
          const change = yield* Effect.fromResult(edit(plan))
          return yield* Effect.fromResult(
            checkTreeChange(plan, change, yield* initiatives.list(planId), yield* targets.list(planId))
          )
        })
      )

    const createPolicy = (actor: AuditActor, planId: string, expectedVersion: number, body: BasicPolicyCreate) =>
      changeTree(actor, planId, expectedVersion, (plan) => addPolicy(plan, body)).pipe(
        Effect.withSpan("Structure.createPolicy")
      )

    const changePolicy = (
      actor: AuditActor,
      planId: string,
      policyNo: number,
      expectedVersion: number,
      patch: BasicPolicyPatch
    ) =>
      changeTree(actor, planId, expectedVersion, (plan) => updatePolicy(plan, policyNo, patch)).pipe(
        Effect.withSpan("Structure.changePolicy")
      )

    const createArea = (
      actor: AuditActor,
      planId: string,
      policyNo: number,
      expectedVersion: number,
      body: AreaCreate
    ) =>
      changeTree(actor, planId, expectedVersion, (plan) => addArea(plan, policyNo, body)).pipe(
        Effect.withSpan("Structure.createArea")
      )

    const changeArea = (actor: AuditActor, planId: string, ref: AreaRef, expectedVersion: number, patch: AreaPatch) =>
      changeTree(actor, planId, expectedVersion, (plan) => updateArea(plan, ref, patch)).pipe(
        Effect.withSpan("Structure.changeArea")
      )

    const createObjective = (
      actor: AuditActor,
      planId: string,
      ref: AreaRef,
      expectedVersion: number,
      body: ObjectiveCreate
    ) =>
      changeTree(actor, planId, expectedVersion, (plan) => addObjective(plan, ref, body)).pipe(
        Effect.withSpan("Structure.createObjective")
      )

    const changeObjective = (
      actor: AuditActor,
      planId: string,
      ref: ObjectiveRef,
      expectedVersion: number,
      patch: ObjectivePatch
    ) =>
      changeTree(actor, planId, expectedVersion, (plan) => updateObjective(plan, ref, patch)).pipe(
        Effect.withSpan("Structure.changeObjective")
      )

    /** A new agency; without a position it sorts after every agency there is. */
    const createAgency = (actor: AuditActor, planId: string, body: AgencyCreate) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            yield* plans.get(planId)
            const since = body.since ?? null
            const until = body.until ?? null
            yield* checkSpan({ since, until })
            const position =
              body.position ?? Math.max(-1, ...(yield* plans.agencies(planId)).map((agency) => agency.position)) + 1
            const agency = new Agency({
              id: body.id,
              name: body.name,
              kind: body.kind,
              reading: body.reading,
              position,
              since,
              until
            })
            return yield* plans.createAgency(actor, planId, agency)
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Structure.createAgency"))

    /** Changes an agency; its years may not shrink past initiatives that name it. */
    const changeAgency = (
      actor: AuditActor,
      planId: string,
      agencyId: string,
      expectedVersion: number,
      patch: AgencyPatch
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            yield* plans.get(planId)
            const current = yield* plans.getAgency(planId, agencyId)
            if (current.version !== expectedVersion) {
              return yield* new StaleVersion({
                entity: "agency",
                key: `${planId}/${agencyId}`,
                expected: expectedVersion,
                actual: current.version
              })
            }
            const changes = given(patch)
            const span = {
              since: changes.since !== undefined ? changes.since : current.since,
              until: changes.until !== undefined ? changes.until : current.until
            }
            yield* checkSpan(span)
            yield* Effect.fromResult(checkAgencyChange(current, span, yield* initiatives.list(planId, { agencyId })))
            return yield* plans.updateAgency(actor, planId, agencyId, expectedVersion, changes)
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Structure.changeAgency"))

    /**
     * The initiative joins the cycle of every year already open (a year with reviews) in which it
     * is in effect: a draft review, as the rollover would have opened for it.
     */
    const openItsYears = (actor: AuditActor, initiative: Initiative) =>
      Effect.gen(function* () {
        for (const year of yield* reviews.fiscalYears(initiative.planId)) {
          if (expectedIn(initiative, year))
            yield* reviews.insert(actor, openingReview(initiative.planId, initiative.no, year as FiscalYear), "open")
        }
      })

    /** A new initiative, placed under an objective and agencies in effect over its years. */
    const createInitiative = (actor: AuditActor, planId: string, body: InitiativeCreate) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const plan = yield* plans.get(planId)
            const until = body.until ?? null
            const initiative: Initiative = {
              planId: plan.id,
              no: body.no,
              policyNo: body.policyNo,
              areaNo: body.areaNo,
              objectiveNo: body.objectiveNo,
              name: body.name,
              markers: body.markers,
              content: body.content,
              lifeStagesText: body.lifeStagesText,
              lifeStages: body.lifeStages,
              agencies: body.agencies,
              status: statusOfUntil(until),
              since: body.since ?? null,
              until,
              notes: body.notes,
              version: 1
            }
            yield* Effect.fromResult(
              checkInitiativePlace(plan, yield* plans.agencies(planId), initiative, { place: true, agencies: true })
            )
            const created = yield* initiatives.create(actor, initiative)
            yield* openItsYears(actor, created)
            return created
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Structure.createInitiative"))

    /**
     * Changes an initiative: its columns A–E, its place (a move) and its years (`until` retires it,
     * null brings it back; its status follows). Only what the change touches is judged again.
     */
    const changeInitiative = (
      actor: AuditActor,
      planId: string,
      no: number,
      expectedVersion: number,
      patch: InitiativePatch
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const plan = yield* plans.get(planId)
            const current = yield* initiatives.get(planId, no)
            if (current.version !== expectedVersion) {
              return yield* new StaleVersion({
                entity: "initiative",
                key: `${planId}/${no}`,
                expected: expectedVersion,
                actual: current.version
              })
            }
            // A rename or move from a year on keeps the years before it as they were (a revision).
            const { effectiveFrom, ...fields } = patch
            const changes = {
              ...given(fields),
              ...(patch.until !== undefined ? { status: statusOfUntil(patch.until) } : {})
            }
            const next: Initiative = { ...current, ...changes }
            const years = patch.since !== undefined || patch.until !== undefined
            const moved = patch.policyNo !== undefined || patch.areaNo !== undefined || patch.objectiveNo !== undefined
            yield* Effect.fromResult(
              checkInitiativePlace(plan, yield* plans.agencies(planId), next, {
                place: moved || years,
                agencies: patch.agencies !== undefined || years
              })
            )
            const saved = yield* initiatives.update(actor, planId, no, expectedVersion, changes, effectiveFrom)
            if (years) yield* openItsYears(actor, saved)
            return saved
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Structure.changeInitiative"))

    /** A new target in an area (or one of its objectives) of the plan. */
    const createTarget = (actor: AuditActor, planId: string, body: TargetCreate) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const plan = yield* plans.get(planId)
            const { position, since, until, per, method, initiativeNos, ...fields } = body
            const target: Target = {
              ...fields,
              ...(per !== undefined ? { per } : {}),
              ...(method !== undefined ? { method } : {}),
              ...(initiativeNos !== undefined ? { initiativeNos: normalizeInitiativeNos(initiativeNos) } : {}),
              since: since ?? null,
              until: until ?? null
            }
            yield* Effect.fromResult(checkTargetPlace(plan, target))
            yield* Effect.fromResult(checkTargetLinks(target, yield* initiatives.list(planId)))
            return yield* targets.create(actor, planId, target, position)
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Structure.createTarget"))

    /** Changes a target's structure (its place, indicator, value, years, order); observations stay PUT's. */
    const changeTarget = (
      actor: AuditActor,
      planId: string,
      targetId: string,
      expectedVersion: number,
      patch: TargetPatch
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const plan = yield* plans.get(planId)
            const current = yield* targets.get(planId, targetId)
            if ((current.version ?? 1) !== expectedVersion) {
              return yield* new StaleVersion({
                entity: "target",
                key: `${planId}/${targetId}`,
                expected: expectedVersion,
                actual: current.version ?? 1
              })
            }
            const { position, initiativeNos, ...changes } = given(patch)
            const next: Target = {
              ...current,
              ...changes,
              ...(initiativeNos !== undefined ? { initiativeNos: normalizeInitiativeNos(initiativeNos) } : {})
            }
            yield* Effect.fromResult(checkTargetPlace(plan, next))
            if (initiativeNos !== undefined)
              yield* Effect.fromResult(checkTargetLinks({ initiativeNos }, yield* initiatives.list(planId)))
            if (position !== undefined) yield* targets.reposition(planId, targetId, position)
            return yield* targets.update(actor, planId, targetId, expectedVersion, () => next)
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Structure.changeTarget"))

    /**
     * Enters what a target measured: its baseline, observations, value, year and method, and (when
     * given) the initiatives that serve it, in one change of one version.
     */
    const enterTarget = (
      actor: AuditActor,
      planId: string,
      targetId: string,
      expectedVersion: number,
      update: TargetUpdate
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            yield* plans.get(planId)
            const { initiativeNos, ...figures } = update
            if (initiativeNos !== undefined)
              yield* Effect.fromResult(checkTargetLinks({ initiativeNos }, yield* initiatives.list(planId)))
            return yield* targets.update(actor, planId, targetId, expectedVersion, (current) => ({
              ...current,
              ...figures,
              ...(initiativeNos !== undefined ? { initiativeNos: normalizeInitiativeNos(initiativeNos) } : {})
            }))
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Structure.enterTarget"))

    return {
      createPolicy,
      changePolicy,
      createArea,
      changeArea,
      createObjective,
      changeObjective,
      createAgency,
      changeAgency,
      createInitiative,
      changeInitiative,
      createTarget,
      changeTarget,
      enterTarget
    } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make)
}
