import { restoreStructure, Structure } from "@sukoyaka/app"
import {
  AreaCreate,
  AreaNo,
  AreaPatch,
  BasicPolicyCreate,
  BasicPolicyNo,
  BasicPolicyPatch,
  ObjectiveCreate,
  ObjectiveNo,
  ObjectivePatch,
  Plan
} from "@sukoyaka/core"
import { Plans, type VersionedPlan } from "@sukoyaka/storage"
import { Schema } from "effect"
import { type Context, Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { expectedVersion, matchesAnyVersion, versionToWrite, sendVersioned } from "../preconditions.ts"
import { DecimalInt, PlanIdParam, PlanParams, validate } from "../validation.ts"

/*
 * The plan's tree (ADR 0010): basic policies › areas › objectives, one document with one version.
 * Every write takes the plan's ETag (GET /plans/{planId}) in If-Match and answers with the whole
 * tree and its new ETag; numbers are identities within their parent and never change.
 */

const PolicyParams = Schema.Struct({ planId: PlanIdParam, policyNo: DecimalInt.pipe(Schema.decodeTo(BasicPolicyNo)) })
const AreaParams = Schema.Struct({ ...PolicyParams.fields, areaNo: DecimalInt.pipe(Schema.decodeTo(AreaNo)) })
const ObjectiveParams = Schema.Struct({
  ...AreaParams.fields,
  objectiveNo: DecimalInt.pipe(Schema.decodeTo(ObjectiveNo))
})

const treeWrite = (summary: string, created: boolean) =>
  doc({
    tag: "structure",
    summary: `${summary} (admin)`,
    description:
      "Send the plan's ETag (GET /plans/{planId}) in If-Match. The answer is the whole tree with its new ETag. A PATCH body carries any of the node's fields, `position` (0-based among its siblings) to reorder and `until` to retire it (null brings it back); numbers never change.",
    ok: {
      status: created ? 201 : 200,
      schema: Plan,
      description: "The plan's tree after the change; the ETag is its new version"
    },
    ifMatch: true,
    extraProblems: {
      409: "The number is taken (a retired node keeps its own)",
      412: "Someone changed the tree first: GET the plan again",
      422: "The change leaves initiatives outside their objective's years (they are named)",
      428: "If-Match is required"
    }
  })

const currentPlanVersion = async (c: Context<AppEnv>, planId: string) =>
  (await c.var.run(Plans.use((plans) => plans.getVersioned(planId)))).version

const respond = (c: Context<AppEnv>, saved: VersionedPlan, status: 200 | 201) => {
  return sendVersioned(c, saved.version, Plan, saved.plan, status)
}

const adminOnly = requireRole("admin")

const RestoreParams = Schema.Struct({
  planId: PlanIdParam,
  auditId: DecimalInt.annotate({ description: "the audit entry whose earlier state is restored (its id)" })
})
const Restored = Schema.Struct({
  entity: Schema.String.annotate({ description: "basicPolicy, area, objective, agency, initiative or target" }),
  entityKey: Schema.String.annotate({ description: "as in the audit entry" }),
  version: Schema.Int.annotate({ description: "the restored thing's new version (the plan's, for the tree)" })
}).annotate({ identifier: "RestoredStructure" })

export default new Hono<AppEnv>()
  .post(
    "/:planId/policies",
    adminOnly,
    treeWrite("Add a basic policy", true),
    validate("param", PlanParams),
    validate("json", BasicPolicyCreate),
    async (c) => {
      const { planId } = c.req.valid("param")
      const version = await versionToWrite(c, "plan", () => currentPlanVersion(c, planId))
      const body = c.req.valid("json")
      return respond(
        c,
        await c.var.run(Structure.use((s) => s.createPolicy(c.var.auth.audit, planId, version, body))),
        201
      )
    }
  )
  .patch(
    "/:planId/policies/:policyNo",
    adminOnly,
    treeWrite("Change, reorder or retire a basic policy", false),
    validate("param", PolicyParams),
    validate("json", BasicPolicyPatch),
    async (c) => {
      const { planId, policyNo } = c.req.valid("param")
      const version = await versionToWrite(c, "plan", () => currentPlanVersion(c, planId))
      const patch = c.req.valid("json")
      return respond(
        c,
        await c.var.run(Structure.use((s) => s.changePolicy(c.var.auth.audit, planId, policyNo, version, patch))),
        200
      )
    }
  )
  .post(
    "/:planId/policies/:policyNo/areas",
    adminOnly,
    treeWrite("Add an area to a basic policy", true),
    validate("param", PolicyParams),
    validate("json", AreaCreate),
    async (c) => {
      const { planId, policyNo } = c.req.valid("param")
      const version = await versionToWrite(c, "plan", () => currentPlanVersion(c, planId))
      const body = c.req.valid("json")
      return respond(
        c,
        await c.var.run(Structure.use((s) => s.createArea(c.var.auth.audit, planId, policyNo, version, body))),
        201
      )
    }
  )
  .patch(
    "/:planId/policies/:policyNo/areas/:areaNo",
    adminOnly,
    treeWrite("Change, reorder or retire an area", false),
    validate("param", AreaParams),
    validate("json", AreaPatch),
    async (c) => {
      const { planId, policyNo, areaNo } = c.req.valid("param")
      const version = await versionToWrite(c, "plan", () => currentPlanVersion(c, planId))
      const patch = c.req.valid("json")
      return respond(
        c,
        await c.var.run(
          Structure.use((s) => s.changeArea(c.var.auth.audit, planId, { policyNo, areaNo }, version, patch))
        ),
        200
      )
    }
  )
  .post(
    "/:planId/policies/:policyNo/areas/:areaNo/objectives",
    adminOnly,
    treeWrite("Add an objective to an area (each area numbers its own from ①)", true),
    validate("param", AreaParams),
    validate("json", ObjectiveCreate),
    async (c) => {
      const { planId, policyNo, areaNo } = c.req.valid("param")
      const version = await versionToWrite(c, "plan", () => currentPlanVersion(c, planId))
      const body = c.req.valid("json")
      return respond(
        c,
        await c.var.run(
          Structure.use((s) => s.createObjective(c.var.auth.audit, planId, { policyNo, areaNo }, version, body))
        ),
        201
      )
    }
  )
  .patch(
    "/:planId/policies/:policyNo/areas/:areaNo/objectives/:objectiveNo",
    adminOnly,
    treeWrite("Change, reorder or retire an objective", false),
    validate("param", ObjectiveParams),
    validate("json", ObjectivePatch),
    async (c) => {
      const { planId, policyNo, areaNo, objectiveNo } = c.req.valid("param")
      const version = await versionToWrite(c, "plan", () => currentPlanVersion(c, planId))
      const patch = c.req.valid("json")
      return respond(
        c,
        await c.var.run(
          Structure.use((s) =>
            s.changeObjective(c.var.auth.audit, planId, { policyNo, areaNo, objectiveNo }, version, patch)
          )
        ),
        200
      )
    }
  )
  .post(
    "/:planId/audit/:auditId/restore",
    adminOnly,
    doc({
      tag: "structure",
      summary: "Restore a structural change from the audit log (admin)",
      description:
        "Sets the node, agency, initiative or target back to what the audit entry kept from before its change, through the same checks as a PATCH, and audits it. Send the current ETag of what is restored in If-Match: the plan's (GET /plans/{planId}) for a basic policy, area or objective, otherwise the agency's, initiative's or target's. A creation has no earlier state (retire it instead); a review is restored from its own history.",
      ok: { schema: Restored, description: "What was restored and its new version (also the ETag)" },
      ifMatch: true,
      extraProblems: {
        412: "It changed since: GET it again",
        422: "The entry records a creation or no structural change, or the earlier state no longer fits the plan",
        428: "If-Match is required"
      }
    }),
    validate("param", RestoreParams),
    async (c) => {
      const { planId, auditId } = c.req.valid("param")
      const version = matchesAnyVersion(c) ? "current" : expectedVersion(c, "restored entity")
      const restored = await c.var.run(restoreStructure(c.var.auth.audit, planId, auditId, version))
      return sendVersioned(c, restored.version, Restored, restored)
    }
  )
