// The sukoyaka command. Composition happens here: every command provides the storage it needs.
import { Command, ValidationError } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, Console, Effect } from "effect"
import { readFileSync } from "node:fs"
import { CliError } from "./CliError.ts"
import { db } from "./commands/db.ts"
import { rollover } from "./commands/rollover.ts"
import { serve } from "./commands/serve.ts"
import { summary } from "./commands/summary.ts"
import { token } from "./commands/token.ts"
import { user } from "./commands/user.ts"
import { exportCommand, importCommand } from "./commands/workbook.ts"

// `sukoyaka export -o - | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
  throw error
})

const root = Command.make("sukoyaka").pipe(
  Command.withDescription("Sukoyaka: the yearly PDCA review of a city's health plan"),
  Command.withSubcommands([serve, db, importCommand, exportCommand, rollover, user, token, summary])
)

// This package's version is Sukoyaka's; beside it the Node.js it runs on (setup.sh picks Node 24).
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
const cli = Command.run(root, { name: "sukoyaka", version: `${version} (Node.js ${process.version})` })

cli(process.argv).pipe(
  Effect.catchAllCause((cause) => {
    const failure = Cause.failureOption(cause)
    if (failure._tag === "Some" && failure.value instanceof CliError) {
      process.exitCode = failure.value.exitCode
      return Console.error(`sukoyaka: ${failure.value.message}`)
    }
    if (failure._tag === "Some" && ValidationError.isValidationError(failure.value)) {
      process.exitCode = 2
      // @effect/cli has printed what was wrong; point to the help.
      return Console.error("see: sukoyaka --help")
    }
    process.exitCode = 1
    return Console.error(`sukoyaka: unexpected failure\n${Cause.pretty(cause)}`)
  }),
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({ disableErrorReporting: true, disablePrettyLogger: true })
)
