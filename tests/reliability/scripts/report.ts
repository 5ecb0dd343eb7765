/**
 * Regenerates the figures in docs/reliability.md from results/*.json: everything between the
 * `<!-- figures:start -->` and `<!-- figures:end -->` markers is rewritten, the prose around it
 * is kept. `pnpm --filter @sukoyaka/reliability report` (the soak script runs it at its end).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const resultsDir = join(here, "../results")
const docPath = join(here, "../../../docs/reliability.md")
const START = "<!-- figures:start -->"
const END = "<!-- figures:end -->"

type Section = Record<string, unknown>
interface Result {
  name: string
  mode: string
  sections: Record<string, Section>
}

const load = (mode: string, name: string): Result | undefined => {
  const file = join(resultsDir, `${mode}-${name}.json`)
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Result) : undefined
}

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return "—"
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((item) => cell(item)).join("<br>")
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${cell(v)}`)
      .join(", ")
  return String(value).replaceAll("|", "\\|").replaceAll("\n", " ")
}

/** One table: a row per figure, a column per section (dialect, process count …) of each mode. */
const table = (title: string, name: string, figures: ReadonlyArray<[string, string]>) => {
  const columns: Array<{ label: string; section: Section }> = []
  for (const mode of ["fast", "soak"]) {
    const result = load(mode, name)
    for (const [label, section] of Object.entries(result?.sections ?? {}))
      columns.push({ label: `${mode}: ${label}`, section })
  }
  if (columns.length === 0) return `### ${title}\n\n(no run recorded yet)\n`
  const lines = [
    `### ${title}`,
    "",
    `| figure | ${columns.map((c) => c.label).join(" | ")} |`,
    `| --- | ${columns.map(() => "---").join(" | ")} |`
  ]
  for (const [key, label] of figures) {
    if (columns.every((c) => c.section[key] === undefined)) continue
    lines.push(`| ${label} | ${columns.map((c) => cell(c.section[key])).join(" | ")} |`)
  }
  lines.push(
    `| recorded at (UTC) | ${columns
      .map((c) =>
        cell(
          String(c.section.at ?? "")
            .replace("T", " ")
            .slice(0, 19)
        )
      )
      .join(" | ")} |`
  )
  return `${lines.join("\n")}\n`
}

const tables = [
  table("Crash safety (SIGKILL)", "crash", [
    ["clients", "clients writing during the kill"],
    ["kills", "API processes SIGKILLed mid-burst"],
    ["requests", "requests sent"],
    ["acknowledged", "writes acknowledged (200 + ETag)"],
    ["acknowledgedChecked", "acknowledged writes found after restart"],
    ["conflicts", "412s"],
    ["unanswered", "requests cut off by the kill"],
    ["committedUnacknowledged", "committed but unacknowledged (in flight at the kill)"],
    ["importKills", "`sukoyaka import --apply` SIGKILLed"],
    ["importKilledMidTransaction", "…of which inside the transaction"],
    ["importRows", "rows per imported workbook"],
    ["importOutcomes", "import outcomes (all or nothing)"],
    ["problems", "problems found"]
  ]),
  table("Concurrency (same and different reviews)", "concurrency", [
    ["clients", "clients"],
    ["processes", "API processes"],
    ["seconds", "seconds"],
    ["requests", "requests"],
    ["puts", "PUTs"],
    ["acknowledged", "writes acknowledged"],
    ["acknowledgedOnSharedReviews", "…on the 3 shared reviews"],
    ["conflicts412", "conflicts answered 412"],
    ["otherStatuses", "other statuses (must be 0)"],
    ["acknowledgedChecked", "acknowledged writes checked against rows and audit log"],
    ["auditEntries", "audit entries (must equal the acknowledged writes)"],
    ["requestsPerSecond", "requests/s"],
    ["p50ms", "p50 ms"],
    ["p99ms", "p99 ms"]
  ]),
  table("Two API processes on one PostgreSQL", "multiprocess", [
    ["processes", "API processes (started at once on an empty database)"],
    ["clients", "clients alternating between them"],
    ["seconds", "seconds"],
    ["requests", "requests"],
    ["acknowledged", "writes acknowledged"],
    ["conflicts412", "conflicts answered 412 (across processes)"],
    ["otherStatuses", "other statuses (must be 0)"],
    ["auditEntries", "audit entries (must equal the acknowledged writes)"],
    ["sessionChecks", "session checks across processes"],
    ["signInAttempts", "sign-in attempts spread over both"],
    ["signInAllowedBeforeThrottle", "…allowed before 429 (shared)"],
    ["p99ms", "p99 ms"]
  ]),
  table("Load (steady open-loop rate)", "load", [
    ["rateRequestsPerSecond", "target rate, requests/s"],
    ["seconds", "seconds"],
    ["requestsSent", "requests sent"],
    ["achievedPerSecond", "achieved requests/s"],
    ["droppedAtClient", "not sent (over 200 in flight)"],
    ["statuses", "statuses"],
    ["p50ms", "p50 ms"],
    ["p95ms", "p95 ms"],
    ["p99ms", "p99 ms"],
    ["maxMs", "max ms"],
    ["p99msByKind", "p99 ms by request"],
    ["writesAcknowledged", "writes acknowledged"],
    ["writesChecked", "…checked in rows and audit log"],
    ["rssStartMiB", "RSS at start, MiB"],
    ["rssFirstMinuteMeanMiB", "RSS mean, first minute, MiB"],
    ["rssLastMinuteMeanMiB", "RSS mean, last minute, MiB"],
    ["rssMaxMiB", "RSS max, MiB"],
    ["rssBoundMiB", "documented bound, MiB"]
  ]),
  table("Fuzzing (schema-derived, fast-check)", "fuzz", [
    ["seed", "seed"],
    ["operations", "operations fuzzed (all of the OpenAPI document)"],
    ["inputsTried", "requests tried"],
    ["byStatus", "answers by status"],
    ["serverErrors", "5xx or dropped connections"],
    ["leaks", "answers leaking internals"],
    ["importInputs", "workbooks tried on the import"],
    ["importApplied", "…applied, and read back intact"],
    ["importServerErrors", "import 5xx or mismatches"]
  ]),
  table("Hostile input", "hostile", [
    ["payloads", "XSS/SQL payloads"],
    ["fieldsWrittenAndReadBack", "text fields written and read back intact"],
    ["reviewsTableIntact", "reviews table intact"],
    ["probes", "probes"],
    ["statuses", "statuses"],
    ["jsonBody2MiB", "2 MiB JSON body"],
    ["chunked2_5MiB", "2.5 MiB chunked body"],
    ["import30MiB", "30 MiB upload"],
    ["header64KiB", "64 KiB header"],
    ["field4001Chars", "4,001-character field"],
    ["refusedCrLf", "CR in a header"]
  ]),
  table("XSS in the admin UI (Chromium)", "browser", [
    ["payloads", "payloads (one per text field)"],
    ["pages", "pages loaded"],
    ["executed", "payloads executed (must be 0)"]
  ]),
  table("Access control", "access", [
    ["operations", "operations (every one in the OpenAPI document)"],
    ["callers", "kinds of caller"],
    ["cells", "matrix cells checked"],
    ["failures", "failures"],
    ["attributes", "session cookie attributes"],
    ["attemptsPerAddressAndAccount", "sign-in attempts from one address on one account"],
    ["allowedPerAddressAndAccount", "…allowed before 429 (limit 10)"],
    ["attemptsPerAddress", "sign-in attempts from one address on many accounts"],
    ["allowedPerAddress", "…allowed before 429 (limit 50)"],
    ["attemptsPerAccount", "attempts on one account from many addresses (limit 50)"]
  ]),
  table("Sign-in under attack (`sukoyaka serve` with the admin UI)", "signin", [
    ["attempts", "attempts at once"],
    ["unauthorized", "…answered 401"],
    ["tooMany", "…answered 429"],
    ["legitimateSignInMs", "a real sign-in from another address meanwhile, ms"],
    ["signInAloneMs", "a sign-in alone, ms"],
    ["failedSignIns", "failed sign-ins with made-up e-mails through the admin UI"],
    ["realAdmin", "then the real admin's sign-in (303: signed in)"],
    ["cookie", "the admin UI's session cookie"]
  ]),
  table("Audit completeness", "audit", [
    ["writes", "successful writes of every kind"],
    ["kinds", "kinds (entity:action)"],
    ["entries", "audit entries"],
    ["problems", "missing, duplicated or without actor/before/after"]
  ])
]

const files = existsSync(resultsDir) ? readdirSync(resultsDir).filter((file) => file.endsWith(".json")) : []
const generated = [
  START,
  "",
  `_Generated by \`pnpm --filter @sukoyaka/reliability report\` from ${files.length} result files in tests/reliability/results/._`,
  "",
  ...tables,
  END
].join("\n")
const current = existsSync(docPath) ? readFileSync(docPath, "utf8") : `# Reliability and security\n\n${START}\n${END}\n`
const [before, rest] = current.split(START)
const after = rest?.split(END)[1] ?? "\n"
writeFileSync(docPath, `${before}${generated}${after}`)
console.log(`wrote ${docPath}`)
