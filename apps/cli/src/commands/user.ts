import { Console, Effect } from "effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { randomBytes } from "node:crypto"
import { badInput } from "../CliError.ts"
import { agencyOption } from "../options.ts"
import { app, storage, withStorage } from "../lazy.ts"

const cliActor = { id: null, label: "cli" }

const add = Command.make(
  "add",
  {
    email: Flag.String("email"),
    name: Flag.String("name").pipe(Flag.withDescription("display name")),
    role: Flag.Literals("role", ["viewer", "editor", "admin"]),
    agency: agencyOption
  },
  ({ email, name, role, agency }) =>
    Effect.gen(function* () {
      const { Accounts } = yield* storage
      const { hashPassword } = yield* app
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return yield* badInput(`not an e-mail address: ${email}`)
      if (role === "editor" && agency.length === 0) return yield* badInput("an editor needs --agency")
      // The password comes from the environment (never the command line, which shells keep) or is generated.
      const given = process.env.SUKOYAKA_NEW_PASSWORD
      if (given !== undefined && given.length < 12)
        return yield* badInput("SUKOYAKA_NEW_PASSWORD needs at least 12 characters")
      const password = given ?? randomBytes(12).toString("base64url")
      const passwordHash = yield* Effect.promise(() => hashPassword(password))
      const user = yield* (yield* Accounts)
        .createUser(cliActor, {
          id: `usr_${randomBytes(9).toString("base64url")}`,
          email: email.toLowerCase(),
          displayName: name,
          role,
          agencies: agency as never,
          passwordHash
        })
        .pipe(Effect.catchTag("EmailTaken", () => Effect.fail(badInput(`a user with ${email} exists`))))
      yield* Console.log(`user ${user.email} (${user.role}) created`)
      if (given === undefined) yield* Console.log(`password (shown once): ${password}`)
    }).pipe(withStorage)
).pipe(Command.withDescription("add a user; the password is SUKOYAKA_NEW_PASSWORD or generated and shown once"))

const list = Command.make("list", {}, () =>
  Effect.gen(function* () {
    const { Accounts } = yield* storage
    for (const user of yield* (yield* Accounts).listUsers) {
      yield* Console.log(
        [
          user.email,
          user.role,
          user.agencies.join(",") || "-",
          user.disabled ? "disabled" : "active",
          user.displayName
        ].join("\t")
      )
    }
  }).pipe(withStorage)
).pipe(Command.withDescription("list users (tab-separated)"))

const disable = Command.make(
  "disable",
  { email: Argument.String("email").pipe(Argument.withDescription("the user's e-mail address")) },
  ({ email }) =>
    Effect.gen(function* () {
      const accounts = yield* (yield* storage).Accounts
      const user = (yield* accounts.listUsers).find((u) => u.email === email.toLowerCase())
      if (!user) return yield* badInput(`no user ${email}`)
      yield* accounts
        .updateUser(cliActor, user.id, { disabled: true })
        .pipe(
          Effect.catchTag("LastAdmin", () =>
            Effect.fail(badInput(`${user.email} is the last enabled admin: make another user admin first`))
          )
        )
      yield* Console.log(`user ${user.email} disabled; their sessions are ended`)
    }).pipe(withStorage)
).pipe(Command.withDescription("disable a user and end their sessions"))

export const user = Command.make("user").pipe(
  Command.withDescription("users"),
  Command.withSubcommands([add, list, disable])
)
