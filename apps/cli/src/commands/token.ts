import { Console, Effect, Option } from "effect"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { badInput } from "../CliError.ts"
import { agencyOption, planOption } from "../options.ts"
import { app, storage, withStorage } from "../lazy.ts"

const create = Command.make(
  "create",
  {
    role: Flag.Literals("role", ["viewer", "editor", "admin"]).pipe(Flag.withDescription("what the token may do")),
    agency: agencyOption,
    name: Flag.String("name").pipe(Flag.withDefault("cli"), Flag.withDescription("a name to recognise the token by")),
    expires: Flag.String("expires").pipe(Flag.optional, Flag.withDescription("expiry as an ISO date, e.g. 2027-03-31")),
    plan: planOption
  },
  ({ role, agency, name, expires, plan }) =>
    Effect.gen(function* () {
      const { Plans } = yield* storage
      const { issueToken } = yield* app
      if (role === "editor" && agency.length === 0)
        return yield* badInput("an editor token needs --agency (an agency id; see `sukoyaka summary`)")
      const known = new Set((yield* (yield* Plans).agencies(plan)).map((a) => a.id as string))
      const unknown = agency.filter((id) => !known.has(id))
      if (unknown.length > 0) return yield* badInput(`unknown agency: ${unknown.join(", ")}`)
      let expiresAt: string | null = null
      if (Option.isSome(expires)) {
        const date = new Date(expires.value)
        if (Number.isNaN(date.getTime()) || date.getTime() <= Date.now())
          return yield* badInput(`--expires must be a future date, got ${expires.value}`)
        expiresAt = date.toISOString()
      }
      const token = yield* issueToken({ id: null, label: "cli" }, { name, role, agencies: agency, expiresAt })
      // The token on its own line on stdout (for scripts); everything else on stderr.
      yield* Console.error(
        `token ${token.id} (${role}${agency.length ? `, ${agency.join(",")}` : ""}${expiresAt ? `, expires ${expiresAt}` : ""}): shown once, store it now`
      )
      yield* Console.log(token.token)
    }).pipe(withStorage)
).pipe(Command.withDescription("create an API token; prints it once, on its own line"))

export const token = Command.make("token").pipe(
  Command.withDescription("API tokens"),
  Command.withSubcommands([create])
)
