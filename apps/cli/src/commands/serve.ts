import { Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { badInput } from "../CliError.ts"
import { api, dataset, storage } from "../lazy.ts"

const adminEntry = fileURLToPath(new URL("../../../admin/build/index.js", import.meta.url))

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  return Number.isInteger(value) && value > 0 && value < 65536 ? Option.some(value) : Option.none()
}

/**
 * The main job: the API (in this process) and the admin UI (its built Node server, as a child),
 * both on the same database. Ctrl-C or SIGTERM stops both and closes the database cleanly.
 */
export const serve = Command.make("serve", { noAdmin: Options.boolean("no-admin").pipe(Options.withDescription("serve the API only")) }, ({ noAdmin }) =>
  Effect.scoped(Effect.gen(function* () {
    const [{ startServer }, { loadDataset }, { databaseConfig, describeDatabase }] = yield* Effect.all([api, dataset, storage])
    const apiPort = port("API_PORT", 8787)
    const adminPort = port("ADMIN_PORT", 3000)
    if (Option.isNone(apiPort) || Option.isNone(adminPort)) return yield* badInput("API_PORT and ADMIN_PORT must be port numbers")
    const host = process.env.API_HOST ?? "127.0.0.1"
    const database = yield* databaseConfig
    const adminEmail = process.env.SUKOYAKA_ADMIN_EMAIL ?? "admin@example.jp"
    // Resources with finalizers: on Ctrl-C or SIGTERM the runtime interrupts this command and
    // the admin is stopped, the API drains its connections and the database is closed.
    const server = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () =>
          startServer({
            database,
            port: apiPort.value,
            host,
            seed: loadDataset(),
            admin: { email: adminEmail, password: process.env.SUKOYAKA_ADMIN_PASSWORD || undefined },
            corsOrigins: (process.env.SUKOYAKA_CORS_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean)
          }),
        catch: (error) => badInput(`the API could not start: ${error instanceof Error ? error.message : String(error)}`)
      }),
      (running) => Effect.promise(() => running.close()).pipe(Effect.zipRight(Console.error("stopped: the API is closed and the database with it")))
    )

    const adminUrl = `http://${host}:${adminPort.value}`
    let admin: ChildProcess | undefined
    if (!noAdmin && !existsSync(adminEntry)) {
      yield* Console.error("the admin UI is not built: run `pnpm build` (pnpm start does it), or use --no-admin")
    } else if (!noAdmin) {
      admin = yield* Effect.acquireRelease(
        Effect.sync(() =>
          spawn(process.execPath, [adminEntry], {
            stdio: ["ignore", "inherit", "inherit"],
            env: { ...process.env, PORT: String(adminPort.value), HOST: host, ORIGIN: adminUrl, API_URL: server.url }
          })
        ),
        (child) =>
          Effect.async<void>((resume) => {
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

    const child = admin
    if (child) {
      // The admin stopping on its own is a failure of the whole job.
      const code = yield* Effect.async<number | null>((resume) => {
        child.once("exit", (exitCode) => resume(Effect.succeed(exitCode)))
      })
      return yield* Effect.fail(badInput(`the admin UI stopped (exit ${code})`))
    }
    return yield* Effect.never
  }))
).pipe(Command.withDescription("start the API and the admin UI on the configured database (the main job)"))
