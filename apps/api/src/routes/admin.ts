import { hashPassword, issuePasswordSetup, issueToken, newId } from "@sukoyaka/app"
import {
  PasswordSetupLink,
  TokenCreate,
  TokenCreated,
  TokenView,
  UserCreate,
  UserCreated,
  UserPatch,
  UserView
} from "@sukoyaka/core"
import { Accounts, Audit, AuditEntryJson } from "@sukoyaka/storage"
import { DateTime, Effect, Option, Schema } from "effect"
import { Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { HttpProblem } from "../problem.ts"
import { AuditId, DecimalInt, Instant, PlanIdParam, validate } from "../validation.ts"

const IdParam = Schema.Struct({ id: Schema.String.check(Schema.isMaxLength(64)) })

const AuditQuery = Schema.Struct({
  planId: Schema.optionalKey(PlanIdParam),
  initiativeNo: Schema.optionalKey(
    DecimalInt.annotate({ description: "only the entries of this initiative (its Ｎｏ.; with planId)" })
  ),
  entity: Schema.optionalKey(
    Schema.Literals([
      "review",
      "plan",
      "basicPolicy",
      "area",
      "objective",
      "agency",
      "initiative",
      "target",
      "cycle",
      "webhook"
    ]).annotate({
      description: "only entries of this kind of thing (with entityKey: of this one thing)"
    })
  ),
  entityKey: Schema.optionalKey(
    Schema.String.check(Schema.isMaxLength(200)).annotate({
      description: "as the entries carry it, e.g. tomakomai-step3/57 for an initiative, kenko-shien for an agency"
    })
  ),
  userId: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(64))),
  from: Schema.optionalKey(Instant("only entries at or after this time")),
  to: Schema.optionalKey(Instant("only entries at or before this time")),
  limit: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 1000 })).pipe(
    Schema.withDecodingDefaultTypeKey(Effect.succeed(100))
  ),
  before: Schema.optionalKey(DecimalInt.pipe(Schema.decodeTo(AuditId)))
})

/** An editor without agencies could write nothing: refused for users and tokens alike. */
const editorNeedsAgencies = () =>
  new HttpProblem("validation", "an editor needs agencies", [
    { path: "agencies", ja: "編集者には実施機関の指定が必要です", en: "an editor needs at least one agency" }
  ])

// On each route rather than `.use()`: mounted at the API's root, a `.use()` here also ran for every
// unmatched path, so that a non-admin got 403 instead of 404 for a route that does not exist.
const adminOnly = requireRole("admin")

export default new Hono<AppEnv>()
  .get(
    "/users",
    adminOnly,
    doc({ tag: "admin", summary: "Users (admin)", ok: { schema: Schema.Array(UserView), description: "Users" } }),
    async (c) => c.json(Schema.encodeSync(Schema.Array(UserView))(await c.var.run(Accounts.use((a) => a.listUsers))))
  )
  .post(
    "/users",
    adminOnly,
    doc({
      tag: "admin",
      summary: "Create a user (admin)",
      description:
        "Without a password, the answer carries a one-time link's secret (`passwordSetup`) with which the user sets their own.",
      ok: { status: 201, schema: UserCreated, description: "The user" },
      extraProblems: { 409: "The e-mail is taken" }
    }),
    validate("json", UserCreate),
    async (c) => {
      const body = c.req.valid("json")
      if (body.role === "editor" && body.agencies.length === 0) throw editorNeedsAgencies()
      // No password yet: an empty hash matches no password, until the user sets one with the link.
      const passwordHash = body.password === undefined ? "" : await hashPassword(body.password)
      const actor = c.var.auth.audit
      const created = await c.var.run(
        Effect.gen(function* () {
          const user = yield* Accounts.use((a) =>
            a.createUser(actor, {
              id: newId("usr"),
              email: body.email.toLowerCase(),
              displayName: body.displayName,
              role: body.role,
              agencies: body.agencies,
              passwordHash
            })
          )
          return body.password === undefined
            ? { ...user, passwordSetup: yield* issuePasswordSetup(actor, user.id) }
            : user
        })
      )
      return c.json(Schema.encodeSync(UserCreated)(created), 201)
    }
  )
  .patch(
    "/users/:id",
    adminOnly,
    doc({
      tag: "admin",
      summary: "Change a user's role, agencies, password or disable it (admin)",
      ok: { schema: UserView, description: "The user" },
      extraProblems: { 409: "The change would leave no enabled admin (urn:sukoyaka:problem:lastAdmin)" }
    }),
    validate("param", IdParam),
    validate("json", UserPatch),
    async (c) => {
      const { password, ...changes } = c.req.valid("json")
      const passwordHash = password === undefined ? undefined : await hashPassword(password)
      const user = await c.var.run(
        Accounts.use((a) =>
          a.updateUser(c.var.auth.audit, c.req.valid("param").id, {
            ...changes,
            ...(passwordHash ? { passwordHash } : {})
          })
        )
      )
      if (Option.isNone(user)) throw new HttpProblem("notFound", "no such user")
      return c.json(Schema.encodeSync(UserView)(user.value))
    }
  )
  .post(
    "/users/:id/password-setup",
    adminOnly,
    doc({
      tag: "admin",
      summary: "Issue a one-time link with which the user sets a new password (admin); ends their earlier links",
      ok: { status: 201, schema: PasswordSetupLink, description: "The link's secret, shown once" }
    }),
    validate("param", IdParam),
    async (c) => {
      const id = c.req.valid("param").id
      const actor = c.var.auth.audit
      const link = await c.var.run(
        Effect.gen(function* () {
          const user = yield* Accounts.use((a) => a.findUser(id))
          return Option.isNone(user) ? Option.none() : Option.some(yield* issuePasswordSetup(actor, id))
        })
      )
      if (Option.isNone(link)) throw new HttpProblem("notFound", "no such user")
      return c.json(Schema.encodeSync(PasswordSetupLink)(link.value), 201)
    }
  )
  .get(
    "/tokens",
    adminOnly,
    doc({
      tag: "admin",
      summary: "API tokens (admin); secrets are never shown again",
      ok: { schema: Schema.Array(TokenView), description: "Tokens" }
    }),
    async (c) => c.json(Schema.encodeSync(Schema.Array(TokenView))(await c.var.run(Accounts.use((a) => a.listTokens))))
  )
  .post(
    "/tokens",
    adminOnly,
    doc({
      tag: "admin",
      summary: "Create an API token (admin): the token is in this response only",
      ok: { status: 201, schema: TokenCreated, description: "The token" }
    }),
    validate("json", TokenCreate),
    async (c) => {
      const body = c.req.valid("json")
      if (body.role === "editor" && body.agencies.length === 0) throw editorNeedsAgencies()
      const created = await c.var.run(
        issueToken(c.var.auth.audit, {
          name: body.name,
          role: body.role,
          agencies: body.agencies,
          expiresAt: body.expiresAt ? DateTime.formatIso(body.expiresAt) : null
        })
      )
      return c.json(Schema.encodeSync(TokenCreated)(created), 201)
    }
  )
  .delete(
    "/tokens/:id",
    adminOnly,
    doc({ tag: "admin", summary: "Revoke an API token (admin)" }),
    validate("param", IdParam),
    async (c) => {
      const revoked = await c.var.run(Accounts.use((a) => a.revokeToken(c.var.auth.audit, c.req.valid("param").id)))
      if (!revoked) throw new HttpProblem("notFound", "no such active token")
      return c.body(null, 204)
    }
  )
  .get(
    "/audit",
    adminOnly,
    doc({
      tag: "admin",
      summary: "The audit log by plan, initiative, user and time (admin), newest first",
      ok: { schema: Schema.Array(AuditEntryJson), description: "Entries" }
    }),
    validate("query", AuditQuery),
    async (c) => {
      const q = c.req.valid("query")
      if (q.initiativeNo !== undefined && q.planId === undefined) {
        throw new HttpProblem("validation", "initiativeNo needs planId", [
          { path: "query.planId", ja: "initiativeNo には planId も指定してください", en: "initiativeNo needs planId" }
        ])
      }
      const entries = await c.var.run(
        Audit.use((audit) =>
          audit.list({
            planId: q.planId,
            entity: q.initiativeNo !== undefined ? "review" : q.entity,
            entityKey: q.entityKey,
            entityKeyPrefix: q.initiativeNo !== undefined ? `${q.planId}/${q.initiativeNo}/` : undefined,
            actorId: q.userId,
            from: q.from && DateTime.formatIso(q.from),
            to: q.to && DateTime.formatIso(q.to),
            limit: q.limit,
            beforeId: q.before
          })
        )
      )
      return c.json(Schema.encodeSync(Schema.Array(AuditEntryJson))(entries))
    }
  )
