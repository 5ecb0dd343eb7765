import { Console, Effect } from "effect"
import * as Command from "effect/cli/Command"
import { type ChildProcess, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { badInput } from "../CliError.ts"
import { switchOption } from "../options.ts"
import { app, storage } from "../lazy.ts"

const adminEntry = fileURLToPath(new URL("../../../admin/build/index.js", import.meta.url))

/** A child that ends: its exit code (null after a signal). */
const exitOf = (child: ChildProcess) =>
  Effect.callback<number | null>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.succeed(child.exitCode))
    child.once("exit", (exitCode) => resume(Effect.succeed(exitCode)))
  })

/**
 * The main job: the API and the admin UI, each a process of its own started from its app's entry
 * (docs/adr/0003), both on the same database. Ctrl-C or SIGTERM stops both and closes the database
 * cleanly.
 */
export const serve = Command.make("serve", { noAdmin: switchOption("no-admin", "serve the API only") }, ({ noAdmin }) =>
  Effect.scoped(
    Effect.gen(function* () {
      const [{ serveConfig, startApiProcess, stopApiProcess }, { describeDatabase }] = yield* Effect.all([app, storage])
      const config = yield* serveConfig.pipe(
        Effect.mapError((error) =>
          badInput(/PORT/.test(error.message) ? "API_PORT and ADMIN_PORT must be port numbers" : error.message)
        )
      )
      // serve listens where it says: a port chosen by the system (0) would not be in the banner.
      if (config.api.port === 0 || config.adminPort === 0)
        return yield* badInput("API_PORT and ADMIN_PORT must be port numbers")
      const { database, host } = config.api
      const adminEmail = config.api.admin.email
      const apiPort = config.api.port
      const adminPort = config.adminPort
      // The admin UI names the browser's address to the API's sign-in limiter with this secret;
      // made at each start unless given (several admin instances share one), never printed.
      const internalSecret = config.api.internalSecret ?? randomBytes(32).toString("base64url")
      // Resources with finalizers: on Ctrl-C or SIGTERM the runtime interrupts this command and
      // the admin is stopped, the API drains its connections and closes the database, in that order.
      const server = yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: () =>
            startApiProcess({ API_PORT: String(apiPort), API_HOST: host, SUKOYAKA_INTERNAL_SECRET: internalSecret }),
          catch: (error) =>
            badInput(`the API could not start: ${error instanceof Error ? error.message : String(error)}`)
        }),
        (running) =>
          Effect.promise(() => stopApiProcess(running.child)).pipe(
            Effect.andThen(Console.error("stopped: the API is closed and the database with it"))
          )
      )

      const adminUrl = `http://${host}:${adminPort}`
      let admin: ChildProcess | undefined
      if (!noAdmin && !existsSync(adminEntry)) {
        yield* Console.error("the admin UI is not built: run `pnpm build` (pnpm start does it), or use --no-admin")
      } else if (!noAdmin) {
        admin = yield* Effect.acquireRelease(
          Effect.sync(() =>
            spawn(process.execPath, [adminEntry], {
              stdio: ["ignore", "inherit", "inherit"],
              env: {
                ...process.env,
                PORT: String(adminPort),
                HOST: host,
                ORIGIN: adminUrl,
                API_URL: server.url,
                SUKOYAKA_INTERNAL_SECRET: internalSecret,
                // A review's attachment passes through the admin UI: it takes what the API takes (and the form around it).
                BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? String(config.api.attachmentMaxBytes + 1024 * 1024)
              }
            })
          ),
          (child) =>
            Effect.callback<void>((resume) => {
              if (child.exitCode !== null) return resume(Effect.void)
              child.once("exit", () => resume(Effect.void))
              child.kill("SIGTERM")
            })
        )
      }

      yield* Console.log(
        [
          "",
          "Sukoyaka is running（すこやか 起動しました）",
          `  Admin UI : ${admin ? adminUrl : "(not started)"}`,
          `  API      : ${server.url}/api/v1   docs: ${server.url}/api/docs`,
          `  Database : ${describeDatabase(database)}`,
          `  Sign in  : ${adminEmail}  ${server.generatedAdminPassword ? `password: ${server.generatedAdminPassword}  (generated now, shown once)` : "(password from SUKOYAKA_ADMIN_PASSWORD, or as set before)"}`,
          "  Stop     : Ctrl-C",
          ""
        ].join("\n")
      )

      // Either child stopping on its own is a failure of the whole job.
      const stopped = admin
        ? Effect.raceFirst(
            Effect.map(exitOf(server.child), (code) => `the API stopped (exit ${code})`),
            Effect.map(exitOf(admin), (code) => `the admin UI stopped (exit ${code})`)
          )
        : Effect.map(exitOf(server.child), (code) => `the API stopped (exit ${code})`)
      return yield* Effect.fail(badInput(yield* stopped))
    })
  )
).pipe(Command.withDescription("start the API and the admin UI on the configured database (the main job)"))
