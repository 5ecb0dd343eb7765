/**
 * Access control over a real API process on PostgreSQL, configured as behind a TLS proxy
 * (SUKOYAKA_SECURE_COOKIES, SUKOYAKA_TRUST_PROXY): the matrix of every operation in the OpenAPI
 * document × every kind of caller (role × agency scope, token or session, revoked, expired, forged,
 * session without CSRF), then sessions: cookie flags, fixation, brute-force throttling.
 */
import { FICTIONAL_PLAN, fictionalPlanJson } from "@sukoyaka/core/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type ApiProcess,
  freshDb,
  OTHER_AGENCY,
  OWN_AGENCY,
  PLAN,
  reviewPath,
  startApi,
  type TestDatabase,
  tokenFor,
  V1
} from "../src/harness.ts"
import { call, type CallOptions, type Reply, setCookieOf } from "../src/http.ts"
import { operationsOf, type Document } from "../src/fuzz.ts"
import { record } from "../src/results.ts"
import { exportXlsx } from "../src/workbook.ts"

const YEAR = 2025
const OWN = 58 // 健康支援課
let db: TestDatabase
let api: ApiProcess
let admin: string
let address = 0
/** A client address of its own for each sign-in, so that the per-address limit is tested on its own. */
const from = (ip?: string) => ({
  "x-forwarded-for": ip ?? `198.51.100.${++address}`
})

type Kind = "admin" | "editorOwn" | "editorOther" | "viewer" | "unauthenticated" | "noCsrf"
interface Caller {
  readonly name: string
  readonly kind: Kind
  readonly as: CallOptions
}

const signIn = async (email: string, password: string) => {
  const response = await call<{ csrfToken: string }>(api.url, "POST", `${V1}/session`, {
    json: { email, password },
    headers: from()
  })
  if (response.status !== 200) throw new Error(`sign-in ${email}: ${response.status} ${response.text}`)
  return {
    cookie: `sukoyaka_session=${setCookieOf(response.headers, "sukoyaka_session")!.value}`,
    csrf: response.body.csrfToken,
    response
  }
}

const createUser = async (email: string, role: string, agencies: ReadonlyArray<string>) => {
  const response = await call<{ id: string }>(api.url, "POST", `${V1}/users`, {
    token: admin,
    json: {
      email,
      displayName: email,
      role,
      agencies,
      password: "a long enough password 1"
    }
  })
  if (response.status !== 201) throw new Error(`user ${email}: ${response.status} ${response.text}`)
  return response.body.id
}

let callers: Array<Caller> = []
/** Tokens for the revocation cells, made before the matrix so that making them is not counted as a change. */
const victims: Array<string> = []
let workbook: Buffer

beforeAll(async () => {
  db = await freshDb("pg")
  api = await startApi(db, {
    SUKOYAKA_SECURE_COOKIES: "true",
    SUKOYAKA_TRUST_PROXY: "true"
  })
  admin = (await tokenFor(db, "admin", [], null, "matrix-admin")).token
  expect(
    (
      await call(api.url, "POST", `${V1}/plans/${PLAN}/fiscal-years/${YEAR}/rollover`, {
        token: admin
      })
    ).status
  ).toBe(200)
  expect(
    (
      await call(api.url, "POST", `${V1}/plans/${PLAN}/cycles`, {
        token: admin,
        json: { fiscalYear: YEAR, dueDate: "2025-06-30" }
      })
    ).status
  ).toBe(201)
  workbook = await exportXlsx(api.url, admin, YEAR)
  const revoked = await tokenFor(db, "admin", [], null, "to-revoke")
  expect(
    (
      await call(api.url, "DELETE", `${V1}/tokens/${revoked.id}`, {
        token: admin
      })
    ).status
  ).toBe(204)
  const expired = await tokenFor(db, "admin", [], new Date(Date.now() - 60_000).toISOString(), "expired")
  await createUser("editor-own@example.jp", "editor", [OWN_AGENCY])
  await createUser("viewer@example.jp", "viewer", [])
  const adminSession = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD)
  const editorSession = await signIn("editor-own@example.jp", "a long enough password 1")
  const viewerSession = await signIn("viewer@example.jp", "a long enough password 1")
  callers = [
    { name: "admin token", kind: "admin", as: { token: admin } },
    {
      name: "admin session + CSRF",
      kind: "admin",
      as: { cookie: adminSession.cookie, csrf: adminSession.csrf }
    },
    {
      name: "editor token (own agency)",
      kind: "editorOwn",
      as: { token: (await tokenFor(db, "editor", [OWN_AGENCY])).token }
    },
    {
      name: "editor session + CSRF (own agency)",
      kind: "editorOwn",
      as: { cookie: editorSession.cookie, csrf: editorSession.csrf }
    },
    {
      name: "editor token (other agency)",
      kind: "editorOther",
      as: { token: (await tokenFor(db, "editor", [OTHER_AGENCY])).token }
    },
    {
      name: "viewer token",
      kind: "viewer",
      as: { token: (await tokenFor(db, "viewer")).token }
    },
    {
      name: "viewer session + CSRF",
      kind: "viewer",
      as: { cookie: viewerSession.cookie, csrf: viewerSession.csrf }
    },
    { name: "no credentials", kind: "unauthenticated", as: {} },
    {
      name: "revoked admin token",
      kind: "unauthenticated",
      as: { token: revoked.token }
    },
    {
      name: "expired admin token",
      kind: "unauthenticated",
      as: { token: expired.token }
    },
    {
      name: "forged token",
      kind: "unauthenticated",
      as: { token: `skt_${"A".repeat(43)}` }
    },
    {
      name: "planted session id",
      kind: "unauthenticated",
      as: { cookie: "sukoyaka_session=sks_planted", csrf: "x" }
    },
    {
      name: "admin session, no CSRF",
      kind: "noCsrf",
      as: { cookie: adminSession.cookie }
    },
    {
      name: "admin session, wrong CSRF",
      kind: "noCsrf",
      as: { cookie: adminSession.cookie, csrf: "csrf_wrong" }
    }
  ]
})
afterAll(async () => {
  await api?.kill("SIGTERM")
  await db?.drop()
})

const etagOf = async (no: number) =>
  (await call(api.url, "GET", reviewPath(no, YEAR), { token: admin })).headers.get("etag")!
const bodyOf = async (no: number) =>
  (
    await call<Record<string, unknown>>(api.url, "GET", reviewPath(no, YEAR), {
      token: admin
    })
  ).body
const firstAuditId = async (no: number) =>
  (
    await call<Array<{ id: number }>>(api.url, "GET", reviewPath(no, YEAR, "/history"), {
      token: admin
    })
  ).body.at(-1)!.id

interface Rule {
  /** Who gets the success status; every other authenticated caller gets 403 (or `refused`). */
  readonly allowed: ReadonlyArray<Kind>
  readonly ok: number
  readonly refused?: number
  readonly perform: (as: CallOptions) => Promise<Reply>
  /** After a success: put things back for the next caller. */
  readonly reset?: () => Promise<void>
  /** Before each caller, as the admin and before the audit is counted: what the call needs to exist. */
  readonly prepare?: () => Promise<void>
  readonly write: boolean
  /** A signed-in user's own route: a token (of any role) is refused with 403. */
  readonly sessionOnly?: boolean
}

const reads: ReadonlyArray<Kind> = ["admin", "editorOwn", "editorOther", "viewer", "noCsrf"]
const all: ReadonlyArray<Kind> = ["admin", "editorOwn", "editorOther", "viewer"]
const read = (path: string): Rule => ({
  allowed: reads,
  ok: 200,
  perform: (as) => call(api.url, "GET", path, as),
  write: false
})
const ifMatch = (as: CallOptions, etag: string): CallOptions => ({
  ...as,
  headers: { ...as.headers, "if-match": etag }
})

let cycleYear = 2060

/** Publishes the seed's year (as the admin): what the public routes need to answer 200. */
const publishYear = async () => {
  await call(api.url, "PUT", `${V1}/plans/${PLAN}/published-years/${YEAR}`, { token: admin })
}
/** A public read: everyone, the unauthenticated included, once the year is published. */
const publicRead = (path: string): Rule => ({
  allowed: [...reads, "unauthenticated"],
  ok: 200,
  prepare: publishYear,
  perform: (as) => call(api.url, "GET", path, as),
  write: false
})

/** A closed port: the matrix's webhooks are never delivered anywhere. */
const MATRIX_RECEIVER = "http://127.0.0.1:9/matrix"
const newWebhook = async () =>
  (await call<{ id: string }>(api.url, "POST", `${V1}/webhooks`, { token: admin, json: { url: MATRIX_RECEIVER } })).body
    .id
let sharedWebhook: string | undefined
/** The webhook the matrix reads and changes, registered (as the admin) when first needed. */
const matrixWebhook = async () => (sharedWebhook ??= await newWebhook())
let doomedWebhook = ""

/** Structure writes (admin only): each success makes something new or rewrites a value as it was. */
let fresh = 0
const next = () => ++fresh
const planEtag = async () => (await call(api.url, "GET", `${V1}/plans/${PLAN}`, { token: admin })).headers.get("etag")!
const etagAt = async (path: string) => (await call(api.url, "GET", path, { token: admin })).headers.get("etag")!
interface TreeView {
  basicPolicies: Array<{
    no: number
    title: string
    areas: Array<{
      no: number
      title: string
      objectives: Array<{ no: number; title: string }>
    }>
  }>
}
/** The seed's own agency as stored now: its name and version (the If-Match of a change to it). */
const ownAgency = async () => {
  const agencies = await call<Array<{ id: string; name: string; version: number }>>(
    api.url,
    "GET",
    `${V1}/plans/${PLAN}/agencies`,
    { token: admin }
  )
  return agencies.body.find((agency) => agency.id === OWN_AGENCY)!
}
const seedTree = async () =>
  (
    await call<TreeView>(api.url, "GET", `${V1}/plans/${PLAN}`, {
      token: admin
    })
  ).body
const policy3 = async () => (await seedTree()).basicPolicies.find((policy) => policy.no === 3)!
const treeWrite = (method: "POST" | "PATCH", path: string, body: () => Promise<Record<string, unknown>>): Rule => ({
  allowed: ["admin"],
  ok: method === "POST" ? 201 : 200,
  write: true,
  perform: async (as) =>
    call(api.url, method, `${V1}/plans/${PLAN}${path}`, {
      ...ifMatch(as, await planEtag()),
      json: await body()
    })
})
const structureRules = (): Record<string, Rule> => ({
  "POST /api/v1/plans/{planId}/policies": treeWrite("POST", "/policies", async () => ({
    no: 100 + next(),
    title: "matrix"
  })),
  "PATCH /api/v1/plans/{planId}/policies/{policyNo}": treeWrite("PATCH", "/policies/3", async () => ({
    title: (await policy3()).title
  })),
  "POST /api/v1/plans/{planId}/policies/{policyNo}/areas": treeWrite("POST", "/policies/3/areas", async () => ({
    no: 100 + next(),
    title: "matrix"
  })),
  "PATCH /api/v1/plans/{planId}/policies/{policyNo}/areas/{areaNo}": treeWrite(
    "PATCH",
    "/policies/3/areas/1",
    async () => ({
      title: (await policy3()).areas[0]!.title
    })
  ),
  "POST /api/v1/plans/{planId}/policies/{policyNo}/areas/{areaNo}/objectives": treeWrite(
    "POST",
    "/policies/3/areas/1/objectives",
    async () => ({
      no: 100 + next(),
      title: "matrix",
      statement: ""
    })
  ),
  "PATCH /api/v1/plans/{planId}/policies/{policyNo}/areas/{areaNo}/objectives/{objectiveNo}": treeWrite(
    "PATCH",
    "/policies/3/areas/1/objectives/1",
    async () => ({
      title: (await policy3()).areas[0]!.objectives[0]!.title
    })
  ),
  "POST /api/v1/plans/{planId}/agencies": {
    allowed: ["admin"],
    ok: 201,
    write: true,
    perform: (as) =>
      call(api.url, "POST", `${V1}/plans/${PLAN}/agencies`, {
        ...as,
        json: { id: `matrix-${next()}`, name: "matrix", kind: "outsideBody" }
      })
  },
  "PATCH /api/v1/plans/{planId}/agencies/{agencyId}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) => {
      const own = await ownAgency()
      return call(api.url, "PATCH", `${V1}/plans/${PLAN}/agencies/${OWN_AGENCY}`, {
        ...ifMatch(as, `"v${own.version}"`),
        json: { name: own.name }
      })
    }
  },
  "POST /api/v1/plans/{planId}/initiatives": {
    allowed: ["admin"],
    ok: 201,
    write: true,
    perform: (as) =>
      call(api.url, "POST", `${V1}/plans/${PLAN}/initiatives`, {
        ...as,
        json: {
          no: 5000 + next(),
          policyNo: 3,
          areaNo: 1,
          objectiveNo: 1,
          name: "matrix",
          markers: { isNew: true, newNote: null, formerName: null },
          content: "● matrix",
          lifeStagesText: "",
          lifeStages: [],
          agencies: [OWN_AGENCY]
        }
      })
  },
  "PATCH /api/v1/plans/{planId}/initiatives/{no}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) => {
      const path = `${V1}/plans/${PLAN}/initiatives/${OWN}`
      const current = await call<{ name: string }>(api.url, "GET", path, {
        token: admin
      })
      return call(api.url, "PATCH", path, {
        ...ifMatch(as, current.headers.get("etag")!),
        json: { name: current.body.name }
      })
    }
  },
  "POST /api/v1/plans/{planId}/targets": {
    allowed: ["admin"],
    ok: 201,
    write: true,
    perform: (as) =>
      call(api.url, "POST", `${V1}/plans/${PLAN}/targets`, {
        ...as,
        json: {
          id: `matrix-${next()}`,
          policyNo: 3,
          areaNo: 1,
          indicator: "matrix",
          unit: "%",
          kind: "other",
          direction: "increase",
          targetValue: 1
        }
      })
  },
  "PATCH /api/v1/plans/{planId}/targets/{targetId}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) => {
      const path = `${V1}/plans/${PLAN}/targets/suicide-rate`
      const current = await call<{ targetValue: number }>(api.url, "GET", path, { token: admin })
      return call(api.url, "PATCH", path, {
        ...ifMatch(as, await etagAt(path)),
        json: { targetValue: current.body.targetValue }
      })
    }
  }
})

/** A small PDF to attach: a file of an accepted kind. */
const evidence = () => {
  const form = new FormData()
  form.append("file", new Blob(["%PDF-1.7\n%%EOF\n"], { type: "application/pdf" }), "evidence.pdf")
  return form
}
const attachments = reviewPath(OWN, YEAR, "/attachments")
/** A file uploaded by an editor of the agency, for the download and delete cells (made when missing). */
let attachmentId: number | undefined
let uploader: string | undefined
const ensureAttachment = async () => {
  if (attachmentId !== undefined) return
  uploader ??= (await tokenFor(db, "editor", [OWN_AGENCY], null, "matrix-uploader")).token
  const editor = uploader
  const uploaded = await call<{ id: number }>(api.url, "POST", attachments, {
    token: editor,
    raw: evidence()
  })
  expect(uploaded.status, uploaded.text).toBe(201)
  attachmentId = uploaded.body.id
}

/**
 * The review's dialogue (#19): admins and the editors of the review's agency write, everyone reads;
 * a file is deleted by its uploader or an admin. The bulk move is the
 * secretariat's: on a draft it answers 200 with the item refused, and changes nothing.
 */
/** Switches one of the plan's framework settings on (as the admin), once: what a route needs to answer 200. */
const frameworkSettingOn = async (setting: "publishCoverage" | "tagProposals") => {
  const path = `${V1}/plans/${PLAN}/framework-settings`
  const current = await call<Record<string, unknown>>(api.url, "GET", path, { token: admin })
  if (current.body[setting] === true) return
  const { planId: _planId, version: _version, ...settings } = current.body
  await call(api.url, "PUT", path, {
    ...ifMatch({ token: admin }, current.headers.get("etag")!),
    json: { ...settings, [setting]: true }
  })
}
/** Agencies' tag proposals switched on: what proposing needs. */
const tagProposalsOn = () => frameworkSettingOn("tagProposals")
const proposals = `${V1}/plans/${PLAN}/initiatives/${OWN}/tag-proposals`
/** A pending proposal of a measure not yet tagged on OWN, made by the admin before each caller. */
let pendingProposal = 0
const proposeAsAdmin = async () => {
  await tagProposalsOn()
  const made = await call<{ id: number }>(api.url, "POST", proposals, {
    token: admin,
    json: {
      frameworkId: "jscp-package",
      measureCode: "J1",
      since: 2030 + (next() % 60),
      until: null,
      role: "secondary",
      rationale: "matrix"
    }
  })
  expect(made.status, made.text).toBe(201)
  pendingProposal = made.body.id
}

/** Tags proposed by agencies (#24): the initiative's editors and admins propose, admins decide. */
const tagProposalRules = (): Record<string, Rule> => ({
  "GET /api/v1/plans/{planId}/tag-proposals": read(`${V1}/plans/${PLAN}/tag-proposals`),
  "GET /api/v1/plans/{planId}/initiatives/{no}/tag-proposals": read(proposals),
  "POST /api/v1/plans/{planId}/initiatives/{no}/tag-proposals": {
    allowed: ["admin", "editorOwn"],
    ok: 201,
    write: true,
    prepare: tagProposalsOn,
    perform: (as) =>
      call(api.url, "POST", proposals, {
        ...as,
        json: {
          frameworkId: "jscp-package",
          measureCode: "J4",
          since: YEAR,
          until: null,
          role: "primary",
          rationale: `理由 ${next()}`
        }
      })
  },
  "POST /api/v1/plans/{planId}/initiatives/{no}/tag-proposals/{id}/accept": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    prepare: proposeAsAdmin,
    perform: async (as) =>
      call(api.url, "POST", `${proposals}/${pendingProposal}/accept`, {
        ...ifMatch(as, await etagAt(`${V1}/plans/${PLAN}/initiatives/${OWN}/tags`))
      })
  },
  "POST /api/v1/plans/{planId}/initiatives/{no}/tag-proposals/{id}/decline": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    prepare: proposeAsAdmin,
    perform: (as) =>
      call(api.url, "POST", `${proposals}/${pendingProposal}/decline`, {
        ...ifMatch(as, '"v1"'),
        json: { reason: "matrix" }
      })
  }
})

const dialogueRules = (): Record<string, Rule> => ({
  "GET /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/comments": read(reviewPath(OWN, YEAR, "/comments")),
  "POST /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/comments": {
    allowed: ["admin", "editorOwn"],
    ok: 201,
    write: true,
    perform: (as) =>
      call(api.url, "POST", reviewPath(OWN, YEAR, "/comments"), {
        ...as,
        json: { body: "matrix" }
      })
  },
  "GET /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/attachments": read(attachments),
  "POST /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/attachments": {
    allowed: ["admin", "editorOwn"],
    ok: 201,
    write: true,
    perform: (as) => call(api.url, "POST", attachments, { ...as, raw: evidence() }),
    // Each success is deleted again: a review keeps at most 20 files.
    reset: async () => {
      const listed = await call<Array<{ id: number; name: string }>>(api.url, "GET", attachments, { token: admin })
      const last = listed.body.at(-1)!
      expect(
        (
          await call(api.url, "DELETE", `${attachments}/${last.id}`, {
            token: admin
          })
        ).status
      ).toBe(204)
    }
  },
  "GET /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/attachments/{id}": {
    allowed: reads,
    ok: 200,
    write: false,
    prepare: ensureAttachment,
    perform: (as) => call(api.url, "GET", `${attachments}/${attachmentId}`, as)
  },
  "DELETE /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/attachments/{id}": {
    allowed: ["admin", "editorOwn"],
    ok: 204,
    write: true,
    prepare: ensureAttachment,
    // Only the uploader or an admin deletes: who may upload deletes a file of its own, made here;
    // everyone else tries the agency's file, and is refused.
    perform: async (as) => {
      const own = await call<{ id: number }>(api.url, "POST", attachments, {
        ...as,
        raw: evidence()
      })
      return call(api.url, "DELETE", `${attachments}/${own.status === 201 ? own.body.id : attachmentId}`, as)
    }
  },
  "POST /api/v1/plans/{planId}/reviews/status": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: (as) =>
      call(api.url, "POST", `${V1}/plans/${PLAN}/reviews/status`, {
        ...as,
        json: {
          action: "approve",
          // A version the review never has: the item is refused (412) whatever the matrix did to it before.
          reviews: [{ no: OWN, fiscalYear: YEAR, version: 2_147_483_647 }]
        }
      })
  }
})

const rules = (): Record<string, Rule> => ({
  ...structureRules(),
  "GET /api/v1/health": {
    allowed: [...reads, "unauthenticated"],
    ok: 200,
    perform: (as) => call(api.url, "GET", `${V1}/health`, as),
    write: false
  },
  "GET /api/v1/session": {
    allowed: [],
    ok: 200,
    refused: 401,
    perform: (as) => call(api.url, "GET", `${V1}/session`, as),
    write: false
  },
  "GET /api/v1/plans": read(`${V1}/plans`),
  "GET /api/v1/plans/{planId}": read(`${V1}/plans/${PLAN}`),
  "GET /api/v1/plans/{planId}/agencies": read(`${V1}/plans/${PLAN}/agencies`),
  "GET /api/v1/plans/{planId}/initiatives": read(`${V1}/plans/${PLAN}/initiatives?fiscalYear=${YEAR}`),
  "GET /api/v1/plans/{planId}/initiatives/{no}": read(`${V1}/plans/${PLAN}/initiatives/${OWN}`),
  "GET /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}": read(reviewPath(OWN, YEAR)),
  "GET /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/history": read(reviewPath(OWN, YEAR, "/history")),
  "GET /api/v1/plans/{planId}/summary": read(`${V1}/plans/${PLAN}/summary`),
  "GET /api/v1/plans/{planId}/changes": read(`${V1}/plans/${PLAN}/changes?after=0&limit=5`),
  "GET /api/v1/plans/{planId}/notes": read(`${V1}/plans/${PLAN}/notes?fiscalYear=${YEAR}`),
  "GET /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/note": read(reviewPath(OWN, YEAR, "/note")),
  "PUT /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/note": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) => {
      const etag = await etagAt(reviewPath(OWN, YEAR, "/note"))
      return call(api.url, "PUT", reviewPath(OWN, YEAR, "/note"), {
        ...ifMatch(as, etag),
        json: { note: `事務局の所見 ${next()}` }
      })
    }
  },
  "GET /api/v1/plans/{planId}/targets": read(`${V1}/plans/${PLAN}/targets`),
  "GET /api/v1/plans/{planId}/targets/{targetId}": read(`${V1}/plans/${PLAN}/targets/suicide-rate`),
  "GET /api/v1/plans/{planId}/trends": read(`${V1}/plans/${PLAN}/trends`),
  "GET /api/v1/plans/{planId}/dashboard": read(`${V1}/plans/${PLAN}/dashboard?standing=late,dueSoon,open&mine=true`),
  "GET /api/v1/plans/{planId}/export/years": read(`${V1}/plans/${PLAN}/export/years?rows=measures`),
  "GET /api/v1/plans/{planId}/initiatives/{no}/trends": read(`${V1}/plans/${PLAN}/initiatives/${OWN}/trends`),
  "GET /api/v1/plans/{planId}/targets/{targetId}/trend": read(`${V1}/plans/${PLAN}/targets/suicide-rate/trend`),
  "GET /api/v1/plans/{planId}/export": read(`${V1}/plans/${PLAN}/export?format=json&fiscalYear=${YEAR}`),
  "PUT /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}": {
    allowed: ["admin", "editorOwn"],
    ok: 200,
    write: true,
    perform: async (as) =>
      call(api.url, "PUT", reviewPath(OWN, YEAR), {
        ...ifMatch(as, await etagOf(OWN)),
        json: { ...(await bodyOf(OWN)), ratingReason: `matrix ${Date.now()}` }
      })
  },
  "POST /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/status": {
    allowed: ["admin", "editorOwn"],
    ok: 200,
    write: true,
    perform: async (as) =>
      call(api.url, "POST", reviewPath(OWN, YEAR, "/status"), {
        ...ifMatch(as, await etagOf(OWN)),
        json: { action: "submit" }
      }),
    reset: async () => {
      const back = await call(api.url, "POST", reviewPath(OWN, YEAR, "/status"), {
        token: admin,
        headers: { "if-match": await etagOf(OWN) },
        json: { action: "return", comment: "matrix reset" }
      })
      expect(back.status).toBe(200)
    }
  },
  "POST /api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/restore": {
    allowed: ["admin", "editorOwn"],
    ok: 200,
    write: true,
    perform: async (as) =>
      call(api.url, "POST", reviewPath(OWN, YEAR, "/restore"), {
        ...ifMatch(as, await etagOf(OWN)),
        json: { auditId: await firstAuditId(OWN) }
      })
  },
  ...dialogueRules(),
  "PUT /api/v1/plans/{planId}/targets/{targetId}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) => {
      const target = await call<Record<string, unknown>>(api.url, "GET", `${V1}/plans/${PLAN}/targets/suicide-rate`, {
        token: admin
      })
      return call(api.url, "PUT", `${V1}/plans/${PLAN}/targets/suicide-rate`, {
        ...ifMatch(as, target.headers.get("etag")!),
        json: {
          baseline: target.body.baseline,
          observations: target.body.observations,
          targetValue: target.body.targetValue,
          targetYear: target.body.targetYear
        }
      })
    }
  },
  "POST /api/v1/plans/{planId}/fiscal-years/{year}/rollover": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: (as) => call(api.url, "POST", `${V1}/plans/${PLAN}/fiscal-years/${YEAR}/rollover`, as)
  },
  "GET /api/v1/plans/{planId}/cycles": read(`${V1}/plans/${PLAN}/cycles`),
  "GET /api/v1/plans/{planId}/cycles/{fiscalYear}": read(`${V1}/plans/${PLAN}/cycles/${YEAR}`),
  "GET /api/v1/plans/{planId}/cycles/{fiscalYear}/preview": read(`${V1}/plans/${PLAN}/cycles/${YEAR + 1}/preview`),
  "GET /api/v1/plans/{planId}/cycles/{fiscalYear}/tasks": read(`${V1}/plans/${PLAN}/cycles/${YEAR}/tasks?mine=true`),
  "POST /api/v1/plans/{planId}/cycles": {
    allowed: ["admin"],
    ok: 201,
    write: true,
    // A year of its own for each success (a year opens once).
    perform: (as) =>
      call(api.url, "POST", `${V1}/plans/${PLAN}/cycles`, {
        ...as,
        json: { fiscalYear: ++cycleYear, dueDate: `${cycleYear + 1}-05-31` }
      })
  },
  "PATCH /api/v1/plans/{planId}/cycles/{fiscalYear}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) =>
      call(api.url, "PATCH", `${V1}/plans/${PLAN}/cycles/${YEAR}`, {
        ...ifMatch(as, await etagAt(`${V1}/plans/${PLAN}/cycles/${YEAR}`)),
        json: { dueDate: "2025-06-30" }
      })
  },
  "GET /api/v1/plans/{planId}/published-years": {
    allowed: ["admin"],
    ok: 200,
    write: false,
    perform: (as) => call(api.url, "GET", `${V1}/plans/${PLAN}/published-years`, as)
  },
  "PUT /api/v1/plans/{planId}/published-years/{fiscalYear}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: (as) => call(api.url, "PUT", `${V1}/plans/${PLAN}/published-years/${YEAR}`, as)
  },
  "DELETE /api/v1/plans/{planId}/published-years/{fiscalYear}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    prepare: publishYear,
    perform: (as) => call(api.url, "DELETE", `${V1}/plans/${PLAN}/published-years/${YEAR}`, as),
    reset: publishYear
  },
  // National frameworks, tags and coverage (#24).
  "GET /api/v1/frameworks": read(`${V1}/frameworks`),
  "GET /api/v1/frameworks/{frameworkId}": read(`${V1}/frameworks/jscp-package`),
  "PUT /api/v1/frameworks/{frameworkId}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: (as) => {
      const id = `matrix-${next()}`
      const source = { document: "テスト文書", date: null, url: null }
      return call(api.url, "PUT", `${V1}/frameworks/${id}`, {
        ...ifMatch(as, '"v0"'),
        json: {
          framework: { id, nameJa: "テスト", nameEn: null, issuedOn: null, source, confirmed: false },
          measures: [{ code: "1", parentCode: null, nameJa: "施策", nameEn: null, order: 1, source, confirmed: false }],
          crosswalk: []
        }
      })
    }
  },
  "PUT /api/v1/frameworks/{frameworkId}/measures/{code}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) =>
      call(api.url, "PUT", `${V1}/frameworks/kenko-nippon-21-3/measures/M${next()}`, {
        ...ifMatch(as, await etagAt(`${V1}/frameworks/kenko-nippon-21-3`)),
        json: {
          parentCode: null,
          nameJa: "テスト",
          nameEn: null,
          order: 99,
          source: { document: "テスト文書", date: null, url: null },
          confirmed: false
        }
      })
  },
  "POST /api/v1/frameworks/{frameworkId}/imports": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    // A framework of its own whose measures the sheet replaces: no tag names them.
    prepare: async () => {
      const path = `${V1}/frameworks/matrix-sheet`
      if ((await call(api.url, "GET", path, { token: admin })).status === 200) return
      const source = { document: "テスト文書", date: null, url: null }
      await call(api.url, "PUT", path, {
        ...ifMatch({ token: admin }, '"v0"'),
        json: {
          framework: { id: "matrix-sheet", nameJa: "テスト", nameEn: null, issuedOn: null, source, confirmed: false },
          measures: [],
          crosswalk: []
        }
      })
    },
    perform: async (as) => {
      const form = new FormData()
      const sheet = `code,name_ja,source_document\r\nS${next()},施策,テスト文書\r\n`
      form.append("file", new Blob([sheet], { type: "text/csv" }), "measures.csv")
      return call(api.url, "POST", `${V1}/frameworks/matrix-sheet/imports`, {
        ...ifMatch(as, await etagAt(`${V1}/frameworks/matrix-sheet`)),
        raw: form
      })
    }
  },
  "GET /api/v1/plans/{planId}/initiatives/{no}/tags": read(`${V1}/plans/${PLAN}/initiatives/${OWN}/tags`),
  "PUT /api/v1/plans/{planId}/initiatives/{no}/tags": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) =>
      call(api.url, "PUT", `${V1}/plans/${PLAN}/initiatives/${OWN}/tags`, {
        ...ifMatch(as, await etagAt(`${V1}/plans/${PLAN}/initiatives/${OWN}/tags`)),
        json: {
          tags: [
            {
              frameworkId: "jscp-package",
              measureCode: "J4",
              since: YEAR,
              until: null,
              role: "primary",
              rationale: `理由 ${next()}`
            }
          ]
        }
      })
  },
  "GET /api/v1/plans/{planId}/framework-settings": read(`${V1}/plans/${PLAN}/framework-settings`),
  "PUT /api/v1/plans/{planId}/framework-settings": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) =>
      call(api.url, "PUT", `${V1}/plans/${PLAN}/framework-settings`, {
        ...ifMatch(as, await etagAt(`${V1}/plans/${PLAN}/framework-settings`)),
        json: {
          cityCode: "",
          recommended: [{ frameworkId: "jscp-package", code: `J${(next() % 8) + 1}` }],
          publishCoverage: true,
          surveyColumns: [{ heading: "事業番号", field: "initiativeNo" }]
        }
      })
  },
  ...tagProposalRules(),
  "GET /api/v1/plans/{planId}/coverage": read(`${V1}/plans/${PLAN}/coverage?framework=jscp-package&fiscalYear=${YEAR}`),
  "GET /api/v1/plans/{planId}/survey-export": read(`${V1}/plans/${PLAN}/survey-export?fiscalYear=${YEAR}`),
  "GET /api/v1/public/plans/{planId}/years/{fiscalYear}/coverage": {
    ...publicRead(`${V1}/public/plans/${PLAN}/years/${YEAR}/coverage?framework=jscp-package`),
    prepare: async () => {
      await publishYear()
      await frameworkSettingOn("publishCoverage")
    }
  },
  // The public side (#21): anyone, signed in or not, once the year is published.
  "GET /api/v1/public/plans": publicRead(`${V1}/public/plans`),
  "GET /api/v1/public/plans/{planId}": publicRead(`${V1}/public/plans/${PLAN}`),
  "GET /api/v1/public/plans/{planId}/years/{fiscalYear}": publicRead(`${V1}/public/plans/${PLAN}/years/${YEAR}`),
  "GET /api/v1/public/plans/{planId}/targets": publicRead(`${V1}/public/plans/${PLAN}/targets`),
  "GET /api/v1/public/plans/{planId}/datapackage.json": publicRead(`${V1}/public/plans/${PLAN}/datapackage.json`),
  "GET /api/v1/public/plans/{planId}/data/{file}": publicRead(
    `${V1}/public/plans/${PLAN}/data/initiatives-${YEAR}.csv`
  ),
  "POST /api/v1/plans/{planId}/imports": {
    allowed: ["admin", "editorOwn", "editorOther"],
    ok: 200,
    write: true,
    perform: (as) => {
      const form = new FormData()
      form.append("file", new Blob([new Uint8Array(workbook)]), "returned.xlsx")
      return call(api.url, "POST", `${V1}/plans/${PLAN}/imports?dryRun=true`, {
        ...as,
        raw: form
      })
    }
  },
  "GET /api/v1/users": {
    allowed: ["admin"],
    ok: 200,
    write: false,
    perform: (as) => call(api.url, "GET", `${V1}/users`, as)
  },
  "POST /api/v1/users": {
    allowed: ["admin"],
    ok: 201,
    write: true,
    perform: (as) =>
      call(api.url, "POST", `${V1}/users`, {
        ...as,
        json: {
          email: `u${Date.now()}${Math.random()}@example.jp`.replace("0.", ""),
          displayName: "x",
          role: "viewer",
          agencies: [],
          password: "a long enough password 1"
        }
      })
  },
  "POST /api/v1/users/{id}/password-setup": {
    allowed: ["admin"],
    ok: 201,
    write: true,
    perform: async (as) => {
      const users = await call<Array<{ id: string; email: string }>>(api.url, "GET", `${V1}/users`, { token: admin })
      const target = users.body.find((user) => user.email === "viewer@example.jp")!
      return call(api.url, "POST", `${V1}/users/${target.id}/password-setup`, as)
    }
  },
  // Anyone may try a link (it is the new user's only credential): an unknown one is refused alike.
  "POST /api/v1/password-setup": {
    allowed: [...all, "unauthenticated", "noCsrf"],
    ok: 400,
    write: false,
    perform: (as) =>
      call(api.url, "POST", `${V1}/password-setup`, {
        ...as,
        json: { token: `sps_${"B".repeat(43)}`, password: "a long enough password 9" }
      })
  },
  "PATCH /api/v1/users/{id}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    perform: async (as) => {
      const users = await call<Array<{ id: string; email: string }>>(api.url, "GET", `${V1}/users`, { token: admin })
      const target = users.body.find((user) => user.email === "viewer@example.jp")!
      return call(api.url, "PATCH", `${V1}/users/${target.id}`, {
        ...as,
        json: { displayName: `viewer ${Date.now()}` }
      })
    }
  },
  "GET /api/v1/tokens": {
    allowed: ["admin"],
    ok: 200,
    write: false,
    perform: (as) => call(api.url, "GET", `${V1}/tokens`, as)
  },
  "POST /api/v1/tokens": {
    allowed: ["admin"],
    ok: 201,
    write: true,
    perform: (as) =>
      call(api.url, "POST", `${V1}/tokens`, {
        ...as,
        json: { name: "matrix", role: "viewer", agencies: [] }
      })
  },
  "DELETE /api/v1/tokens/{id}": {
    allowed: ["admin"],
    ok: 204,
    write: true,
    perform: (as) => call(api.url, "DELETE", `${V1}/tokens/${victims.pop()!}`, as)
  },
  "GET /api/v1/webhooks": {
    allowed: ["admin"],
    ok: 200,
    write: false,
    perform: (as) => call(api.url, "GET", `${V1}/webhooks`, as)
  },
  "POST /api/v1/webhooks": {
    allowed: ["admin"],
    ok: 201,
    write: true,
    perform: (as) => call(api.url, "POST", `${V1}/webhooks`, { ...as, json: { url: MATRIX_RECEIVER } })
  },
  "GET /api/v1/webhooks/{id}": {
    allowed: ["admin"],
    ok: 200,
    write: false,
    perform: async (as) => call(api.url, "GET", `${V1}/webhooks/${await matrixWebhook()}`, as)
  },
  "PATCH /api/v1/webhooks/{id}": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    prepare: async () => void (await matrixWebhook()),
    perform: async (as) => {
      const path = `${V1}/webhooks/${await matrixWebhook()}`
      return call(api.url, "PATCH", path, {
        ...ifMatch(as, await etagAt(path)),
        json: { description: `matrix ${next()}` }
      })
    }
  },
  "DELETE /api/v1/webhooks/{id}": {
    allowed: ["admin"],
    ok: 204,
    write: true,
    prepare: async () => {
      doomedWebhook = await newWebhook()
    },
    perform: (as) => call(api.url, "DELETE", `${V1}/webhooks/${doomedWebhook}`, ifMatch(as, '"v1"'))
  },
  "POST /api/v1/webhooks/{id}/secret": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    prepare: async () => void (await matrixWebhook()),
    perform: async (as) => {
      const path = `${V1}/webhooks/${await matrixWebhook()}`
      return call(api.url, "POST", `${path}/secret`, ifMatch(as, await etagAt(path)))
    }
  },
  "POST /api/v1/webhooks/{id}/enable": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    prepare: async () => void (await matrixWebhook()),
    perform: async (as) => {
      const path = `${V1}/webhooks/${await matrixWebhook()}`
      return call(api.url, "POST", `${path}/enable`, ifMatch(as, await etagAt(path)))
    }
  },
  "POST /api/v1/webhooks/{id}/test": {
    allowed: ["admin"],
    ok: 202,
    write: true,
    prepare: async () => void (await matrixWebhook()),
    perform: async (as) => call(api.url, "POST", `${V1}/webhooks/${await matrixWebhook()}/test`, as)
  },
  "GET /api/v1/webhooks/{id}/deliveries": {
    allowed: ["admin"],
    ok: 200,
    write: false,
    perform: async (as) => call(api.url, "GET", `${V1}/webhooks/${await matrixWebhook()}/deliveries`, as)
  },
  // No such delivery: the admin is told so (404), anyone else is refused before the lookup.
  "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry": {
    allowed: ["admin"],
    ok: 404,
    write: true,
    prepare: async () => void (await matrixWebhook()),
    perform: async (as) =>
      call(api.url, "POST", `${V1}/webhooks/${await matrixWebhook()}/deliveries/2000000000/retry`, as)
  },
  "GET /api/v1/audit": {
    allowed: ["admin"],
    ok: 200,
    write: false,
    perform: (as) => call(api.url, "GET", `${V1}/audit?planId=${PLAN}&limit=5`, as)
  },
  // The session's own routes: a token is not a session.
  "POST /api/v1/session": {
    allowed: [...all, "unauthenticated", "noCsrf"],
    ok: 401,
    write: false,
    perform: (as) =>
      call(api.url, "POST", `${V1}/session`, {
        ...as,
        json: {
          email: `nobody-${++address}@example.jp`,
          password: "wrong password"
        },
        headers: from()
      })
  },
  "PUT /api/v1/session/password": {
    allowed: [],
    ok: 204,
    refused: 403,
    write: true,
    perform: (as) =>
      call(api.url, "PUT", `${V1}/session/password`, {
        ...as,
        json: {
          currentPassword: "wrong password 123",
          newPassword: "another long password 2"
        }
      })
  },
  "POST /api/v1/plans/{planId}/definition": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    // A dry run of the fictional plan: checked and rolled back, so every caller meets the same file.
    perform: (as) =>
      call(api.url, "POST", `${V1}/plans/${FICTIONAL_PLAN}/definition?dryRun=true`, {
        ...as,
        json: fictionalPlanJson()
      })
  },
  "POST /api/v1/plans/{planId}/audit/{auditId}/restore": {
    allowed: ["admin"],
    ok: 200,
    write: true,
    // An agency's name rewritten as it was: the entry to restore, made anew for each caller.
    prepare: async () => {
      const own = await ownAgency()
      await call(api.url, "PATCH", `${V1}/plans/${PLAN}/agencies/${OWN_AGENCY}`, {
        ...ifMatch({ token: admin }, `"v${own.version}"`),
        json: { name: own.name }
      })
    },
    perform: async (as) => {
      const entries = await call<Array<{ id: number; entity: string; entityKey: string; action: string }>>(
        api.url,
        "GET",
        `${V1}/audit?planId=${PLAN}&limit=50`,
        {
          token: admin
        }
      )
      const entry = entries.body.find(
        (e) => e.entity === "agency" && e.entityKey === OWN_AGENCY && e.action === "update"
      )!
      const own = await ownAgency()
      return call(api.url, "POST", `${V1}/plans/${PLAN}/audit/${entry.id}/restore`, ifMatch(as, `"v${own.version}"`))
    }
  },
  // A signed-in user's own notifications and language; the outbox is the admin's.
  "GET /api/v1/notifications": {
    ...read(`${V1}/notifications`),
    sessionOnly: true
  },
  "POST /api/v1/notifications/read": {
    allowed: all,
    ok: 200,
    write: true,
    sessionOnly: true,
    perform: (as) =>
      call(api.url, "POST", `${V1}/notifications/read`, {
        ...as,
        json: { all: true }
      })
  },
  "PUT /api/v1/session/language": {
    allowed: all,
    ok: 200,
    write: true,
    sessionOnly: true,
    perform: (as) =>
      call(api.url, "PUT", `${V1}/session/language`, {
        ...as,
        json: { language: "ja" }
      })
  },
  "GET /api/v1/outbox": {
    allowed: ["admin"],
    ok: 200,
    write: false,
    perform: (as) => call(api.url, "GET", `${V1}/outbox?limit=5`, as)
  },
  "DELETE /api/v1/session": {
    allowed: [],
    ok: 204,
    write: true,
    perform: () => Promise.resolve({ status: 0 } as Reply)
  }
})

describe("access control", () => {
  it("the matrix: every operation of the API × every kind of caller", async () => {
    const doc = (await call<Document>(api.url, "GET", `${V1}/openapi.json`)).body
    const table = rules()
    const operations = operationsOf(doc).map(({ method, path }) => `${method} ${path}`)
    expect(
      operations.filter((operation) => !(operation in table)),
      "operations without a rule in the matrix"
    ).toEqual([])
    const failures: Array<string> = []
    let cells = 0
    for (let i = 0; i < callers.length; i++) victims.push((await tokenFor(db, "viewer", [], null, `victim-${i}`)).id)
    for (const operation of operations) {
      const rule = table[operation]!
      if (operation === "DELETE /api/v1/session") continue // below, with sessions of its own
      for (const caller of callers) {
        await rule.prepare?.()
        const before = rule.write ? await auditCount() : 0
        const response = await rule.perform(caller.as)
        cells++
        // Reading needs no CSRF token: a session without one reads as its role.
        const kind = caller.kind === "noCsrf" && !rule.write ? "admin" : caller.kind
        const tokenOnSessionRoute =
          rule.sessionOnly === true && caller.as.cookie === undefined && caller.kind !== "unauthenticated"
        const expected = tokenOnSessionRoute
          ? 403
          : rule.allowed.includes(kind)
            ? rule.ok
            : caller.kind === "unauthenticated"
              ? 401
              : operation === "PUT /api/v1/session/password" &&
                  caller.as.cookie !== undefined &&
                  caller.kind !== "noCsrf"
                ? 400 // a session may try: the wrong current password is a validation error
                : operation === "GET /api/v1/session" && caller.as.cookie !== undefined
                  ? 200
                  : (rule.refused ?? 403)
        if (response.status !== expected)
          failures.push(
            `${operation} as ${caller.name}: ${response.status}, expected ${expected} ${response.text.slice(0, 120)}`
          )
        if (rule.write && response.status >= 400 && (await auditCount()) !== before)
          failures.push(`${operation} as ${caller.name}: refused but audited a change`)
        if (response.status < 300 && rule.reset) await rule.reset()
      }
    }
    // Signing out: a session ends, a token has nothing to end.
    const session = await signIn("viewer@example.jp", "a long enough password 1")
    expect(
      (
        await call(api.url, "DELETE", `${V1}/session`, {
          cookie: session.cookie,
          csrf: session.csrf
        })
      ).status
    ).toBe(204)
    expect((await call(api.url, "GET", `${V1}/session`, { cookie: session.cookie })).status).toBe(401)
    expect(
      (
        await call(api.url, "DELETE", `${V1}/session`, {
          cookie: session.cookie,
          csrf: session.csrf
        })
      ).status
    ).toBe(401)
    cells += 3
    record("access", "matrix", {
      operations: operations.length,
      callers: callers.length,
      cells,
      failures: failures.length
    })
    expect(failures).toEqual([])
  })

  it("an editor's scope follows the review's status: not once submitted", async () => {
    const editor = (await tokenFor(db, "editor", [OWN_AGENCY])).token
    const submit = await call(api.url, "POST", reviewPath(OWN, YEAR, "/status"), {
      token: editor,
      headers: { "if-match": await etagOf(OWN) },
      json: { action: "submit" }
    })
    expect(submit.status).toBe(200)
    const edit = await call(api.url, "PUT", reviewPath(OWN, YEAR), {
      token: editor,
      headers: { "if-match": await etagOf(OWN) },
      json: await bodyOf(OWN)
    })
    expect(edit.status).toBe(403)
    const approve = await call(api.url, "POST", reviewPath(OWN, YEAR, "/status"), {
      token: editor,
      headers: { "if-match": await etagOf(OWN) },
      json: { action: "approve" }
    })
    expect(approve.status).toBe(403)
  })

  it("session cookies are HttpOnly, Secure (behind TLS), SameSite=Lax, path-wide; the CSRF token is not in a cookie", async () => {
    const { response } = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD)
    const cookie = setCookieOf(response.headers, "sukoyaka_session")!
    expect(cookie.attributes).toContain("httponly")
    expect(cookie.attributes).toContain("secure")
    expect(cookie.attributes).toContain("samesite=lax")
    expect(cookie.attributes).toContain("path=/")
    expect(response.headers.getSetCookie()).toHaveLength(1)
    record("access", "cookies", { attributes: cookie.attributes.join("; ") })
  })

  it("session fixation: a planted session id is never promoted, and signing in again replaces the old id", async () => {
    const first = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD)
    const planted = "sukoyaka_session=sks_attacker_chosen_id"
    const again = await call(api.url, "POST", `${V1}/session`, {
      cookie: first.cookie,
      json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      headers: from()
    })
    const fresh = setCookieOf(again.headers, "sukoyaka_session")!.value
    expect(`sukoyaka_session=${fresh}`).not.toBe(first.cookie)
    expect((await call(api.url, "GET", `${V1}/session`, { cookie: first.cookie })).status).toBe(401)
    const withPlanted = await call(api.url, "POST", `${V1}/session`, {
      cookie: planted,
      json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      headers: from()
    })
    expect(setCookieOf(withPlanted.headers, "sukoyaka_session")!.value).not.toBe("sks_attacker_chosen_id")
    expect((await call(api.url, "GET", `${V1}/session`, { cookie: planted })).status).toBe(401)
  })

  it("brute-force sign-in is throttled per address and account, per address, and per account: 429 with Retry-After, even for the right password", async () => {
    // One address guessing one account: 10, then 429 even for the right password.
    const pair: Array<number> = []
    for (let attempt = 0; attempt < 12; attempt++) {
      pair.push(
        (
          await call(api.url, "POST", `${V1}/session`, {
            json: {
              email: "viewer@example.jp",
              password: `guess ${attempt} zzzzz`
            },
            headers: from("203.0.113.8")
          })
        ).status
      )
    }
    expect(pair.slice(0, 10).every((status) => status === 401)).toBe(true)
    expect(pair.slice(10)).toEqual([429, 429])
    const rightPair = await call(api.url, "POST", `${V1}/session`, {
      json: {
        email: "viewer@example.jp",
        password: "a long enough password 1"
      },
      headers: from("203.0.113.8")
    })
    expect(rightPair.status).toBe(429)
    // One address trying many accounts (spraying): 50, then 429 for every account.
    const statuses: Array<number> = []
    for (let attempt = 0; attempt < 52; attempt++) {
      statuses.push(
        (
          await call(api.url, "POST", `${V1}/session`, {
            json: {
              email: `brute-${attempt}@example.jp`,
              password: `guess ${attempt} xxxxx`
            },
            headers: from("203.0.113.7")
          })
        ).status
      )
    }
    expect(statuses.slice(0, 50).every((status) => status === 401)).toBe(true)
    expect(statuses.slice(50)).toEqual([429, 429])
    const right = await call(api.url, "POST", `${V1}/session`, {
      json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      headers: from("203.0.113.7")
    })
    expect(right.status).toBe(429)
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0)
    // Per account, from many addresses: the account is protected too (50 in all).
    const spread: Array<number> = []
    for (let attempt = 0; attempt < 51; attempt++) {
      spread.push(
        (
          await call(api.url, "POST", `${V1}/session`, {
            json: {
              email: "editor-own@example.jp",
              password: `guess ${attempt} yyyyy`
            },
            headers: from()
          })
        ).status
      )
    }
    expect(spread.slice(0, 50).every((status) => status === 401)).toBe(true)
    expect(spread.at(-1)).toBe(429)
    record("access", "brute force", {
      attemptsPerAddressAndAccount: pair.length + 1,
      allowedPerAddressAndAccount: pair.filter((s) => s === 401).length,
      attemptsPerAddress: statuses.length + 1,
      allowedPerAddress: statuses.filter((s) => s === 401).length,
      attemptsPerAccount: spread.length,
      firstRefusedAt: statuses.indexOf(429) + 1
    })
  })
})

const auditCount = async () =>
  Number((await db.sql<{ n: number | string }>((sql) => sql`SELECT COUNT(*) AS n FROM audit_log`))[0]!.n)
