import type { WebhookCreated } from "@sukoyaka/core"
import { Console, Effect, Option, Result, Schema } from "effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { badInput, CliError } from "../CliError.ts"
import { app, storage, withStorage } from "../lazy.ts"

const cliActor = { id: null, label: "cli" }
const idArgument = Argument.String("id").pipe(Argument.withDescription("the webhook's id (whk_…, see `webhooks list`)"))

/**
 * Runs a webhook command with SUKOYAKA_SECRET_KEY (as the API reads it), telling the operator what to
 * set when PostgreSQL has none, and what is wrong with an unknown id.
 */
const withWebhooks = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const { secretKeyConfig, SecretKeySetting } = yield* app
    const key = yield* Effect.gen(function* () {
      return yield* secretKeyConfig
    }).pipe(Effect.mapError((error) => badInput(error.message)))
    return yield* effect.pipe(
      Effect.provideService(SecretKeySetting, key),
      Effect.catchTags({
        SecretKeyMissing: (error: Error) => Effect.fail(new CliError({ message: error.message, exitCode: 1 })),
        WebhookNotFound: (error: Error) => Effect.fail(badInput(error.message))
      } as never)
    )
  }).pipe(withStorage) as Effect.Effect<A, CliError | E, never>

/** The secret on its own line on stdout (for scripts); what it is on stderr. */
const showSecret = (webhook: WebhookCreated) =>
  Effect.andThen(
    Console.error(`webhook ${webhook.id} → ${webhook.url}: its signing secret is shown once, store it now`),
    Console.log(webhook.secret)
  )

const add = Command.make(
  "add",
  {
    url: Argument.String("url").pipe(Argument.withDescription("where the events are POSTed (http or https)")),
    plan: Flag.String("plan").pipe(
      Flag.optional,
      Flag.withDescription("only this plan's events (default: every plan's)")
    ),
    event: Flag.String("event").pipe(
      Flag.atLeast(0),
      Flag.withDescription("only this event type, e.g. review.updated (repeat for more; default: every type)")
    ),
    description: Flag.String("description").pipe(Flag.withDefault(""), Flag.withDescription("what the webhook is for"))
  },
  ({ url, plan, event, description }) =>
    withWebhooks(
      Effect.gen(function* () {
        const { fieldIssueParseOptions, fieldIssuesOf, formatPath, WebhookCreate } = yield* Effect.promise(
          () => import("@sukoyaka/core")
        )
        const { createWebhook } = yield* app
        const decoded = Schema.decodeUnknownResult(
          WebhookCreate,
          fieldIssueParseOptions
        )({ url, description, planId: Option.getOrNull(plan), eventTypes: event })
        if (Result.isFailure(decoded))
          return yield* badInput(
            fieldIssuesOf(decoded.failure)
              .map((issue) => `${formatPath(issue.path)}: ${issue.en}`)
              .join("\n")
          )
        const input = decoded.success
        yield* showSecret(yield* createWebhook(cliActor, input))
      })
    )
).pipe(Command.withDescription("register a webhook; prints its signing secret once, on its own line"))

const list = Command.make("list", {}, () =>
  withWebhooks(
    Effect.gen(function* () {
      const { listWebhooks } = yield* app
      for (const webhook of yield* listWebhooks)
        yield* Console.log(
          [
            webhook.id,
            webhook.url,
            webhook.planId ?? "*",
            webhook.eventTypes.join(",") || "*",
            webhook.enabled ? "enabled" : `disabled (${webhook.disabledReason ?? ""})`,
            webhook.description
          ].join("\t")
        )
    })
  )
).pipe(Command.withDescription("the webhooks: id, URL, plan, event types, state, description"))

/** A change to the webhook as it is now (the operator acts on what is there). */
const change = (id: string, f: (version: number) => Effect.Effect<unknown, unknown, never>) =>
  Effect.gen(function* () {
    const { getWebhook } = yield* app
    return yield* f((yield* getWebhook(id)).version)
  })

const remove = Command.make("remove", { id: idArgument }, ({ id }) =>
  withWebhooks(
    Effect.gen(function* () {
      const { Webhooks } = yield* storage
      yield* change(id, (version) => Webhooks.use((webhooks) => webhooks.remove(cliActor, id, version)) as never)
      yield* Console.log(`webhook ${id} removed, with its delivery log`)
    })
  )
).pipe(Command.withDescription("remove a webhook and its delivery log"))

const enable = Command.make("enable", { id: idArgument }, ({ id }) =>
  withWebhooks(
    Effect.gen(function* () {
      const { updateWebhook } = yield* app
      yield* change(id, (version) => updateWebhook(cliActor, id, { enabled: true }, version) as never)
      yield* Console.log(`webhook ${id} enabled: its pending deliveries go out`)
    })
  )
).pipe(Command.withDescription("enable a webhook again (e.g. after it was disabled for failing)"))

const rotate = Command.make("rotate-secret", { id: idArgument }, ({ id }) =>
  withWebhooks(
    Effect.gen(function* () {
      const { rotateWebhookSecret } = yield* app
      yield* change(id, (version) => Effect.flatMap(rotateWebhookSecret(cliActor, id, version), showSecret) as never)
    })
  )
).pipe(Command.withDescription("give a webhook a new signing secret; prints it once, on its own line"))

const deliveries = Command.make(
  "deliveries",
  {
    id: idArgument,
    limit: Flag.Int("limit").pipe(Flag.withDefault(50), Flag.withDescription("at most this many, newest first"))
  },
  ({ id, limit }) =>
    withWebhooks(
      Effect.gen(function* () {
        const { getWebhook } = yield* app
        const { WebhookDeliveries } = yield* storage
        if (limit < 1 || limit > 1000) return yield* badInput(`--limit must be between 1 and 1000, got ${limit}`)
        yield* getWebhook(id)
        for (const d of yield* WebhookDeliveries.use((log) => log.list(id, undefined, limit)))
          yield* Console.log(
            [
              d.id,
              d.eventId,
              d.eventType,
              `${d.state} ×${d.attempts}`,
              d.lastStatus ?? "-",
              d.state === "pending" ? `next ${d.nextAttemptAt}` : (d.lastAttemptAt ?? "-"),
              d.lastError ?? ""
            ].join("\t")
          )
      })
    )
).pipe(Command.withDescription("a webhook's delivery log: event, state and attempts, last status, when, error"))

export const webhooks = Command.make("webhooks").pipe(
  Command.withDescription("webhooks: signed events of the plans' changes, POSTed to other systems (docs/webhooks.md)"),
  Command.withSubcommands([add, list, remove, enable, rotate, deliveries])
)
