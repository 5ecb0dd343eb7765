// The sukoyaka command. Composition happens here: every command provides the storage it needs.
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Console, Effect, Exit, Layer, Runtime } from "effect"
import * as CliOutput from "effect/cli/CliOutput"
import * as CliErrors from "effect/cli/CliError"
import * as Command from "effect/cli/Command"
import { readFileSync } from "node:fs"
import { CliError } from "./CliError.ts"
import { cycle } from "./commands/cycle.ts"
import { frameworks, surveyExport } from "./commands/frameworks.ts"
import { publish } from "./commands/publish.ts"
import { db } from "./commands/db.ts"
import { plan } from "./commands/plan.ts"
import { outbox, reminders } from "./commands/reminders.ts"
import { rollover } from "./commands/rollover.ts"
import { serve } from "./commands/serve.ts"
import { summary } from "./commands/summary.ts"
import { token } from "./commands/token.ts"
import { user } from "./commands/user.ts"
import { webhooks } from "./commands/webhooks.ts"
import { exportCommand, importCommand } from "./commands/workbook.ts"

// `sukoyaka export -o - | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
  throw error
})

const root = Command.make("sukoyaka").pipe(
  Command.withDescription("Sukoyaka: the yearly PDCA review of a city's health plan"),
  Command.withSubcommands([
    serve,
    db,
    plan,
    importCommand,
    exportCommand,
    rollover,
    cycle,
    publish,
    user,
    token,
    summary,
    reminders,
    outbox,
    webhooks,
    frameworks,
    surveyExport
  ])
)

// This package's version is Sukoyaka's; beside it the Node.js it runs on (setup.sh picks Node 24).
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
const cli = Command.run(root, { version: `${version} (Node.js ${process.version})` })

// What the command prints besides its own output: the help on stdout when asked (or when a
// command that needs a subcommand has none), `--version` as the bare version for scripts, and for
// a wrong invocation only what was wrong, on stderr (the help is one `--help` away).
const presenter = CliOutput.layerPresenter({
  present: (event) => {
    switch (event._tag) {
      case "Help":
        return CliOutput.defaultPresenter.present(event)
      case "Version":
        return Console.log(event.version)
      case "InvalidInvocation":
        return Console.error(event.errors.map((error) => error.message).join("\n\n"))
    }
  }
})

// Ctrl-C and SIGTERM end a command (serve above all) by interrupting it: a clean stop, exit 0.
const teardown: Runtime.Teardown = (exit, onExit) =>
  Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause) ? onExit(0) : Runtime.defaultTeardown(exit, onExit)

cli.pipe(
  Effect.catchCause((cause) => {
    const failure = Cause.findErrorOption(cause)
    if (failure._tag === "Some" && failure.value instanceof CliError) {
      process.exitCode = failure.value.exitCode
      return Console.error(`sukoyaka: ${failure.value.message}`)
    }
    if (failure._tag === "Some" && CliErrors.isCliError(failure.value)) {
      // A command that needs a subcommand, given none: its help has been printed, as asked.
      if (failure.value._tag === "ShowHelp" && failure.value.errors.length === 0) return Effect.void
      process.exitCode = 2
      // The presenter has printed what was wrong; point to the help.
      return Console.error("\nsee: sukoyaka --help")
    }
    process.exitCode = 1
    return Console.error(`sukoyaka: unexpected failure\n${Cause.pretty(cause)}`)
  }),
  Effect.provide(Layer.merge(NodeServices.layer, presenter)),
  NodeRuntime.runMain({ disableErrorReporting: true, teardown })
)
