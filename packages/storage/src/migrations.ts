import { Effect } from "effect"
import * as Migrator from "effect/sql/Migrator"
import * as SqlClient from "effect/sql/SqlClient"
import { webhookTables } from "./webhookTables.ts"
import { CHANGES_CHANNEL } from "./pgChanges.ts"

/**
 * The schema, as versioned migrations applied at start. JSON documents are TEXT and timestamps are
 * ISO-8601 UTC TEXT in both dialects, so that one set of repositories serves SQLite and PostgreSQL;
 * only identity columns and floating-point types differ (onDialectOrElse).
 */

/** An integer key the database numbers itself, in each dialect's words. */
const identityColumn = (sql: SqlClient.SqlClient) =>
  sql.onDialectOrElse({
    pg: () => sql.literal("INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
    orElse: () => sql.literal("INTEGER PRIMARY KEY AUTOINCREMENT")
  })

const initial = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const identity = identityColumn(sql)
  const double = sql.onDialectOrElse({ pg: () => sql.literal("DOUBLE PRECISION"), orElse: () => sql.literal("REAL") })

  yield* sql`CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    city TEXT NOT NULL,
    title TEXT NOT NULL,
    vision TEXT NOT NULL,
    goal TEXT NOT NULL,
    basic_policies TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`
  yield* sql`CREATE TABLE agencies (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (plan_id, id)
  )`
  yield* sql`CREATE TABLE initiatives (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    no INTEGER NOT NULL,
    objective_no INTEGER NOT NULL,
    name TEXT NOT NULL,
    markers TEXT NOT NULL,
    content TEXT NOT NULL,
    life_stages_text TEXT NOT NULL,
    life_stages TEXT NOT NULL,
    agencies TEXT NOT NULL,
    status TEXT NOT NULL,
    notes TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (plan_id, no)
  )`
  // The agencies of a row, as rows: what an editor's scope and the agency filter join on.
  yield* sql`CREATE TABLE initiative_agencies (
    plan_id TEXT NOT NULL,
    initiative_no INTEGER NOT NULL,
    agency_id TEXT NOT NULL,
    PRIMARY KEY (plan_id, initiative_no, agency_id),
    FOREIGN KEY (plan_id, initiative_no) REFERENCES initiatives (plan_id, no) ON DELETE CASCADE,
    FOREIGN KEY (plan_id, agency_id) REFERENCES agencies (plan_id, id)
  )`
  yield* sql`CREATE INDEX initiative_agencies_agency ON initiative_agencies (plan_id, agency_id)`
  yield* sql`CREATE TABLE reviews (
    plan_id TEXT NOT NULL,
    initiative_no INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    actions TEXT NOT NULL,
    result_text TEXT NOT NULL,
    planned_text TEXT NOT NULL,
    measures TEXT NOT NULL,
    self_rating TEXT,
    rating_reason TEXT NOT NULL,
    next TEXT NOT NULL,
    planned_actions TEXT NOT NULL,
    status TEXT NOT NULL,
    status_comment TEXT,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    PRIMARY KEY (plan_id, initiative_no, fiscal_year),
    FOREIGN KEY (plan_id, initiative_no) REFERENCES initiatives (plan_id, no) ON DELETE CASCADE
  )`
  yield* sql`CREATE INDEX reviews_year ON reviews (plan_id, fiscal_year)`
  yield* sql`CREATE TABLE targets (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (plan_id, id)
  )`
  yield* sql`CREATE TABLE rating_policies (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    PRIMARY KEY (plan_id, version)
  )`
  yield* sql`CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    agencies TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`
  yield* sql`CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    agencies TEXT NOT NULL,
    created_by TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    last_used_at TEXT
  )`
  yield* sql`CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`
  // Counters and locks live in the database so that several API processes share them.
  yield* sql`CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    count INTEGER NOT NULL
  )`
  yield* sql`CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`
  yield* sql`CREATE TABLE audit_log (
    id ${identity},
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_label TEXT NOT NULL,
    plan_id TEXT,
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
  )`
  yield* sql`CREATE INDEX audit_entity ON audit_log (plan_id, entity, entity_key)`
  yield* sql`CREATE INDEX audit_at ON audit_log (at)`
  // Observations of targets: one value per target and year.
  yield* sql`CREATE TABLE target_observations (
    plan_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    value ${double} NOT NULL,
    numerator ${double},
    denominator ${double},
    source TEXT,
    PRIMARY KEY (plan_id, target_id, year),
    FOREIGN KEY (plan_id, target_id) REFERENCES targets (plan_id, id) ON DELETE CASCADE
  )`
})

/** What 0002 reads of a stored tree: numbers only, loosely (whatever else a stored tree held). */
interface StoredTree {
  readonly no: number
  readonly areas?: ReadonlyArray<{ readonly no: number; readonly objectives?: ReadonlyArray<{ readonly no: number }> }>
}

/** The first area (in plan order) holding objective `objectiveNo`, else the plan's first area. */
const areaOfObjective = (tree: ReadonlyArray<StoredTree>, objectiveNo: number | null) => {
  const areas = tree.flatMap((policy) =>
    (policy.areas ?? []).map((area) => ({ policyNo: policy.no, areaNo: area.no, objectives: area.objectives ?? [] }))
  )
  return (
    areas.find((area) => objectiveNo !== null && area.objectives.some((objective) => objective.no === objectiveNo)) ??
    areas[0]
  )
}

/**
 * The whole plan (ADR 0010): an objective is identified within its area and basic policy, so
 * initiatives and targets carry `policyNo` and `areaNo` beside `objectiveNo`, filled here from the
 * plan's tree (the first area, in plan order, that has the objective; a target of no objective
 * measures the plan's first area, as the seed's do). Initiatives and agencies gain their years
 * (`since`, `until`: null = open); a row already marked discontinued ends with the last year it was
 * reviewed in (No. 64: FY2024). Agencies gain their reading, their sort position and a version.
 * The tree's nodes carry their years in the tree's JSON, optional there: nothing to fill.
 */
const wholePlan = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const column of ["policy_no", "area_no", "since", "until"])
    yield* sql`ALTER TABLE initiatives ADD COLUMN ${sql.literal(column)} INTEGER`
  yield* sql`ALTER TABLE agencies ADD COLUMN reading TEXT NOT NULL DEFAULT ''`
  yield* sql`ALTER TABLE agencies ADD COLUMN position INTEGER NOT NULL DEFAULT 0`
  yield* sql`ALTER TABLE agencies ADD COLUMN since INTEGER`
  yield* sql`ALTER TABLE agencies ADD COLUMN until INTEGER`
  yield* sql`ALTER TABLE agencies ADD COLUMN version INTEGER NOT NULL DEFAULT 1`
  yield* sql`CREATE INDEX initiatives_place ON initiatives (plan_id, policy_no, area_no, objective_no)`

  const plans = yield* sql<{ id: string; basicPolicies: string }>`SELECT id, basic_policies FROM plans`
  for (const plan of plans) {
    const tree = JSON.parse(plan.basicPolicies) as ReadonlyArray<StoredTree>
    const objectiveNos = yield* sql<{
      objectiveNo: number
    }>`SELECT DISTINCT objective_no FROM initiatives WHERE plan_id = ${plan.id}`
    for (const { objectiveNo } of objectiveNos) {
      const area = areaOfObjective(tree, Number(objectiveNo))
      if (area === undefined) continue
      yield* sql`UPDATE initiatives SET policy_no = ${area.policyNo}, area_no = ${area.areaNo} WHERE plan_id = ${plan.id} AND objective_no = ${objectiveNo}`
    }
    const targets = yield* sql<{ id: string; body: string }>`SELECT id, body FROM targets WHERE plan_id = ${plan.id}`
    for (const target of targets) {
      const body = JSON.parse(target.body) as { objectiveNo?: number | null }
      const area = areaOfObjective(tree, body.objectiveNo ?? null)
      if (area === undefined) continue
      const placed = { ...body, policyNo: area.policyNo, areaNo: area.areaNo, since: null, until: null }
      yield* sql`UPDATE targets SET body = ${JSON.stringify(placed)} WHERE plan_id = ${plan.id} AND id = ${target.id}`
    }
  }
  yield* sql`UPDATE initiatives SET until = (
    SELECT MAX(r.fiscal_year) FROM reviews r WHERE r.plan_id = initiatives.plan_id AND r.initiative_no = initiatives.no
  ) WHERE status = 'discontinued'`
})

/**
 * Renames and moves by year (ADR 0010): an initiative's structure before a change that took effect
 * from FY N, kept as the revision `until` N−1 (its fields as JSON, RevisedFields).
 */
const initiativeRevisions = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE initiative_revisions (
    plan_id TEXT NOT NULL,
    initiative_no INTEGER NOT NULL,
    until INTEGER NOT NULL,
    fields TEXT NOT NULL,
    PRIMARY KEY (plan_id, initiative_no, until),
    FOREIGN KEY (plan_id, initiative_no) REFERENCES initiatives (plan_id, no) ON DELETE CASCADE
  )`
})

/**
 * The yearly review cycle (#19): each fiscal year's round with its due dates, and the version of a
 * review the secretariat approved last (a submitted review with one was changed after approval).
 */
const reviewCycle = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE reviews ADD COLUMN approved_version INTEGER`
  yield* sql`UPDATE reviews SET approved_version = version WHERE status = 'approved'`
  yield* sql`CREATE TABLE cycles (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    due_date TEXT NOT NULL,
    agency_due_dates TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    version INTEGER NOT NULL,
    PRIMARY KEY (plan_id, fiscal_year)
  )`
})

/**
 * Notifications (#19): what each user is told in the app, the mails queued for sending (an outbox
 * that survives an SMTP outage: every row is kept with its attempts; one occasion reaches one
 * recipient once, however many processes queue it), and the language a user reads them in.
 */
const notifications = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const identity = identityColumn(sql)
  yield* sql`ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'ja'`
  yield* sql`CREATE TABLE notifications (
    id ${identity},
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    plan_id TEXT,
    fiscal_year INTEGER,
    initiative_no INTEGER,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
  )`
  yield* sql`CREATE INDEX notifications_user ON notifications (user_id, id)`
  yield* sql`CREATE TABLE mail_outbox (
    id ${identity},
    occasion TEXT NOT NULL,
    recipient TEXT NOT NULL,
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until TEXT,
    UNIQUE (recipient, occasion)
  )`
  yield* sql`CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at)`
})

/**
 * The dialogue of a review (#19): its comment thread and the files kept as evidence. The files'
 * bytes are in the database, so that a backup (the SQLite file, pg_dump) holds them with the rest.
 */
const reviewDialogue = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const identity = identityColumn(sql)
  const bytes = sql.onDialectOrElse({ pg: () => sql.literal("BYTEA"), orElse: () => sql.literal("BLOB") })
  yield* sql`CREATE TABLE review_comments (
    id ${identity},
    plan_id TEXT NOT NULL,
    initiative_no INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    author_id TEXT,
    author_label TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    FOREIGN KEY (plan_id, initiative_no, fiscal_year) REFERENCES reviews (plan_id, initiative_no, fiscal_year) ON DELETE CASCADE
  )`
  yield* sql`CREATE INDEX review_comments_review ON review_comments (plan_id, initiative_no, fiscal_year)`
  yield* sql`CREATE TABLE review_attachments (
    id ${identity},
    plan_id TEXT NOT NULL,
    initiative_no INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content ${bytes} NOT NULL,
    uploaded_by_id TEXT,
    uploaded_by_label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    FOREIGN KEY (plan_id, initiative_no, fiscal_year) REFERENCES reviews (plan_id, initiative_no, fiscal_year) ON DELETE CASCADE
  )`
  yield* sql`CREATE INDEX review_attachments_review ON review_attachments (plan_id, initiative_no, fiscal_year)`
})

/**
 * Publishing (#21): the fiscal years of a plan the secretariat made public. Withdrawing a year
 * sets `published_at` to null and keeps the row, so that its version goes on counting.
 */
const publishedYears = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE published_years (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    published_at TEXT,
    version INTEGER NOT NULL,
    PRIMARY KEY (plan_id, fiscal_year)
  )`
})

/**
 * The secretariat's notes on reviews, printed in the council report (#21): beside the reviews, not in
 * them, so that a note never changes the agency's version or asks for re-approval.
 */
const secretariatNotes = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE secretariat_notes (
    plan_id TEXT NOT NULL,
    initiative_no INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    note TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    PRIMARY KEY (plan_id, initiative_no, fiscal_year),
    FOREIGN KEY (plan_id, initiative_no, fiscal_year) REFERENCES reviews (plan_id, initiative_no, fiscal_year) ON DELETE CASCADE
  )`
})

/**
 * One-time links with which a new user sets their own password (the admin no longer types it): only
 * the SHA-256 of the link's secret is stored; a link ends when used, when it expires, or when a newer
 * one is issued for the same user.
 */
const passwordSetup = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE password_setups (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  )`
  yield* sql`CREATE INDEX password_setups_user ON password_setups (user_id)`
})

/**
 * When each review and initiative was first stored (#22: `createdAt`, beside the `updatedAt` they
 * had). Existing rows take the time of their first audit entry, or their last change when the log has
 * none (seeded rows).
 */
const createdAt = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE reviews ADD COLUMN created_at TEXT NOT NULL DEFAULT ''`
  yield* sql`UPDATE reviews SET created_at = COALESCE(
    (SELECT MIN(a.at) FROM audit_log a WHERE a.plan_id = reviews.plan_id AND a.entity = 'review'
      AND a.entity_key = reviews.plan_id || '/' || reviews.initiative_no || '/' || reviews.fiscal_year),
    updated_at)`
  yield* sql`ALTER TABLE initiatives ADD COLUMN created_at TEXT NOT NULL DEFAULT ''`
  yield* sql`UPDATE initiatives SET created_at = COALESCE(
    (SELECT MIN(a.at) FROM audit_log a WHERE a.plan_id = initiatives.plan_id AND a.entity = 'initiative'
      AND a.entity_key = initiatives.plan_id || '/' || initiatives.no),
    updated_at)`
})

/**
 * National frameworks, tags and coverage (#24): a framework version is one JSON document (its
 * measures and crosswalk), loaded and corrected as a whole, versioned; an initiative's tags are
 * one versioned list; a plan's framework settings (recommended measures, the public switch, the
 * survey export's column map) one versioned document. Tags are not tied to the measures by a key:
 * a measure corrected away leaves its tags visible, for the secretariat to move.
 */
const frameworks = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE national_frameworks (
    id TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
  )`
  yield* sql`CREATE TABLE initiative_tags (
    plan_id TEXT NOT NULL,
    initiative_no INTEGER NOT NULL,
    tags TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    PRIMARY KEY (plan_id, initiative_no),
    FOREIGN KEY (plan_id, initiative_no) REFERENCES initiatives (plan_id, no) ON DELETE CASCADE
  )`
  yield* sql`CREATE TABLE plan_framework_settings (
    plan_id TEXT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    settings TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
  )`
})

/**
 * PostgreSQL's change stamp (ChangeStamp, pgChanges.ts): every statement that writes any table
 * notifies CHANGES_CHANNEL, delivered to the listeners when its transaction commits (several
 * notifications of one transaction fold into one). Statement-level, so a bulk write costs one
 * notification, not one per row. A table created by a later migration needs the same trigger
 * (`changeNotifications` below; a storage test checks that every table but `rate_limits` has it). SQLite has
 * `data_version` and needs nothing.
 */
const changeNotifications = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql.onDialectOrElse({
    pg: () =>
      Effect.gen(function* () {
        yield* sql.unsafe(`CREATE OR REPLACE FUNCTION sukoyaka_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN PERFORM pg_notify('${CHANGES_CHANNEL}', ''); RETURN NULL; END $$`)
        yield* sql.unsafe(`DO $$ DECLARE t text; BEGIN
          FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
            EXECUTE format('CREATE TRIGGER sukoyaka_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
              ON %I FOR EACH STATEMENT EXECUTE FUNCTION sukoyaka_notify_change()', t);
          END LOOP; END $$`)
      }),
    orElse: () => Effect.void
  })
})

/**
 * Sign-in limits count in a sliding window (slidingWindow.ts), which keeps the previous window's
 * count beside the current one. The counters stop notifying PostgreSQL's change stamp: they feed no
 * cached view, and a flood of sign-in attempts must not make every cached read go back to the
 * database.
 */
const slidingRateLimits = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE rate_limits ADD COLUMN previous_count INTEGER NOT NULL DEFAULT 0`
  yield* sql.onDialectOrElse({
    pg: () => sql`DROP TRIGGER IF EXISTS sukoyaka_notify_change ON rate_limits`,
    orElse: () => Effect.void
  })
})

/**
 * Each change notification names its table (the payload), so that a cache can trust a stamp of the
 * tables it reads (ChangeStamp.currentOf): the token cache no longer forgets every token when a
 * review is saved. A transaction that writes two tables now sends two notifications (one per table,
 * still one per statement kind folded at commit). PostgreSQL only.
 */
const changePayloads = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql.onDialectOrElse({
    pg: () =>
      sql.unsafe(`CREATE OR REPLACE FUNCTION sukoyaka_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('${CHANGES_CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$`),
    orElse: () => Effect.void
  })
})

/** The change notification of one table created after 0012 (PostgreSQL; SQLite needs nothing). */
const changeTrigger = (sql: SqlClient.SqlClient, table: string) =>
  sql.onDialectOrElse({
    pg: () =>
      sql.unsafe(`CREATE TRIGGER sukoyaka_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
        ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION sukoyaka_notify_change()`),
    orElse: () => Effect.void
  })

/**
 * Tags proposed by agencies (#24): one row per proposal, pending until the secretariat accepts or
 * declines it. The plan's framework settings gain `tagProposals`, off for every plan that had them.
 */
const tagProposals = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const identity = identityColumn(sql)
  yield* sql`CREATE TABLE tag_proposals (
    id ${identity},
    plan_id TEXT NOT NULL,
    initiative_no INTEGER NOT NULL,
    tag TEXT NOT NULL,
    status TEXT NOT NULL,
    proposed_by_id TEXT,
    proposed_by_label TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    decided_by_id TEXT,
    decided_by_label TEXT,
    decided_at TEXT,
    decline_reason TEXT NOT NULL,
    version INTEGER NOT NULL,
    FOREIGN KEY (plan_id, initiative_no) REFERENCES initiatives (plan_id, no) ON DELETE CASCADE
  )`
  yield* sql`CREATE INDEX tag_proposals_initiative ON tag_proposals (plan_id, initiative_no)`
  yield* sql`CREATE INDEX tag_proposals_status ON tag_proposals (plan_id, status)`
  yield* changeTrigger(sql, "tag_proposals")
  const rows = yield* sql<{ planId: string; settings: string }>`SELECT plan_id, settings FROM plan_framework_settings`
  for (const row of rows) {
    const settings = { tagProposals: false, ...(JSON.parse(row.settings) as object) }
    yield* sql`UPDATE plan_framework_settings SET settings = ${JSON.stringify(settings)} WHERE plan_id = ${row.planId}`
  }
})

export const migrations = Migrator.fromRecord({
  "0001_initial": initial,
  "0002_whole_plan": wholePlan,
  "0003_initiative_revisions": initiativeRevisions,
  "0004_review_cycle": reviewCycle,
  "0005_notifications": notifications,
  "0006_review_dialogue": reviewDialogue,
  "0007_published_years": publishedYears,
  "0008_secretariat_notes": secretariatNotes,
  "0009_password_setup": passwordSetup,
  "0010_webhooks": webhookTables,
  "0011_frameworks": frameworks,
  "0012_change_notifications": changeNotifications,
  "0013_created_at": createdAt,
  "0014_sliding_rate_limits": slidingRateLimits,
  "0015_tag_proposals": tagProposals,
  "0016_change_payloads": changePayloads
})

/** A PostgreSQL advisory lock key for the start of a process: "sky" in ASCII. */
const STARTUP_LOCK = 0x736b79

/**
 * Runs `effect` holding a PostgreSQL advisory lock (on a connection of its own), so that API
 * processes started at once on one empty database migrate, seed and create the first admin one
 * after the other instead of racing: the second then failed on a duplicate CREATE TABLE or insert
 * and exited (found by tests/reliability). SQLite: the effect as it is.
 */
export const exclusiveStartup = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.onDialectOrElse({
      pg: () =>
        Effect.scoped(
          Effect.gen(function* () {
            const connection = yield* Effect.orDie(sql.reserve)
            yield* Effect.acquireRelease(
              Effect.orDie(connection.executeRaw(`SELECT pg_advisory_lock(${STARTUP_LOCK})`, [])),
              () => Effect.ignore(connection.executeRaw(`SELECT pg_advisory_unlock(${STARTUP_LOCK})`, []))
            )
            return yield* effect
          })
        ),
      orElse: () => effect
    })
  )

/** Applies every pending migration; safe to run at every start, and by several processes at once. */
export const migrate = exclusiveStartup(Migrator.make({})({ loader: migrations, table: "sukoyaka_migrations" }))
