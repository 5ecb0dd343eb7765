import {
  explanationOf,
  type FieldError,
  httpStatusOf,
  ownMessageOf,
  type Problem,
  problemNameOf,
  StaleVersion
} from "@sukoyaka/core"
import { Option } from "effect"
import type { Context } from "hono"
import { type Language, languageOf } from "./httpConventions.ts"

/** The kinds of problem the API reports; each has a stable type URI and one status. */
const problemKinds = {
  validation: { status: 400, title: { en: "Request is not valid", ja: "入力内容に誤りがあります" } },
  malformedJson: { status: 400, title: { en: "Malformed JSON", ja: "JSON として読めません" } },
  badRequest: { status: 400, title: { en: "Bad request", ja: "不正な要求です" } },
  unauthorized: { status: 401, title: { en: "Authentication required", ja: "認証が必要です" } },
  forbidden: { status: 403, title: { en: "Not allowed", ja: "権限がありません" } },
  notFound: { status: 404, title: { en: "Not found", ja: "見つかりません" } },
  methodNotAllowed: { status: 405, title: { en: "Method not allowed", ja: "この操作はできません" } },
  conflict: { status: 409, title: { en: "Conflict", ja: "競合しています" } },
  lastAdmin: {
    status: 409,
    title: { en: "The last admin must stay an enabled admin", ja: "最後の管理者は変更・無効化できません" }
  },
  passwordSetupInvalid: {
    status: 400,
    title: {
      en: "The password-setup link is invalid, used or expired",
      ja: "パスワード設定用のリンクが無効か期限切れです"
    }
  },
  secretKeyMissing: {
    status: 409,
    title: {
      en: "No key to store webhook secrets: set SUKOYAKA_SECRET_KEY",
      ja: "Webhook の秘密鍵を保存する鍵がありません。SUKOYAKA_SECRET_KEY を設定してください"
    }
  },
  preconditionFailed: { status: 412, title: { en: "Someone saved first", ja: "他の人が先に保存しました" } },
  unprocessable: {
    status: 422,
    title: { en: "The change does not fit the plan's structure", ja: "計画の構成に合わない変更です" }
  },
  frameworkInvalid: {
    status: 422,
    title: { en: "Does not fit the national framework", ja: "国の枠組みの施策と合いません" }
  },
  payloadTooLarge: { status: 413, title: { en: "Request body too large", ja: "送信データが大きすぎます" } },
  unsupportedMediaType: { status: 415, title: { en: "Unsupported media type", ja: "対応していない形式です" } },
  preconditionRequired: { status: 428, title: { en: "If-Match required", ja: "If-Match ヘッダーが必要です" } },
  tooManyRequests: { status: 429, title: { en: "Too many requests", ja: "要求が多すぎます" } },
  timeout: { status: 503, title: { en: "Request timed out", ja: "時間内に処理できませんでした" } },
  busy: {
    status: 503,
    title: { en: "Busy; try again shortly", ja: "混み合っています。しばらくしてからお試しください" }
  },
  internal: { status: 500, title: { en: "Internal error", ja: "内部エラー" } }
} as const

export type ProblemKind = keyof typeof problemKinds

/** The problem a domain error's annotated status (core's answersWith) is reported as. */
const problemOfStatus = {
  400: "validation",
  403: "forbidden",
  404: "notFound",
  409: "conflict",
  412: "preconditionFailed",
  413: "payloadTooLarge",
  415: "unsupportedMediaType",
  422: "unprocessable"
} as const satisfies Record<number, ProblemKind>

const problemType = (kind: ProblemKind) => `urn:sukoyaka:problem:${kind}`

/** A problem to report: thrown anywhere in a handler, rendered once by `app.onError`. */
export class HttpProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail?: string,
    readonly errors?: ReadonlyArray<typeof FieldError.Type>,
    readonly headers?: Record<string, string>
  ) {
    super(detail ?? problemKinds[kind].title.en)
  }
}

/**
 * A domain error as the problem it means (its class's HTTP status, core's answersWith): the one
 * mapping, used by the error handler and by answers that report several outcomes (bulk moves).
 */
export const domainProblem = (error: unknown): HttpProblem | undefined => {
  const status = httpStatusOf(error)
  if (Option.isNone(status) || !(status.value in problemOfStatus)) return undefined
  const named = Option.filter(problemNameOf(error), (name): name is ProblemKind => name in problemKinds)
  const kind = Option.getOrElse(named, () => problemOfStatus[status.value as keyof typeof problemOfStatus])
  const tag = (error as { _tag: string })._tag
  const detail = ownMessageOf(error) ?? tag.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()
  // A stale write tells the writer the current version, as its ETag.
  const headers = error instanceof StaleVersion && error.actual >= 0 ? { ETag: `"v${error.actual}"` } : undefined
  // An error that explains itself (core's Explanation) says so in both languages, at its field.
  return new HttpProblem(kind, detail, explanationOf(error), headers)
}

/** The RFC 9457 body of a problem, for `instance` (the request's path), titled in `language`. */
export const problemBody = (problem: HttpProblem, instance: string, language: Language = "ja"): Problem => {
  const { status, title } = problemKinds[problem.kind]
  return {
    type: problemType(problem.kind),
    title: title[language],
    titles: { ja: title.ja, en: title.en },
    status,
    ...(problem.detail !== undefined ? { detail: problem.detail } : {}),
    instance,
    ...(problem.errors !== undefined ? { errors: problem.errors } : {})
  }
}

export const renderProblem = (c: Context, problem: HttpProblem) => {
  const { status } = problemKinds[problem.kind]
  // The title in the client's language (Accept-Language; Japanese by default); field errors carry both.
  const language = languageOf(c.req.header("accept-language"))
  const body: Problem = {
    ...problemBody(problem, c.req.path, language),
    ...(c.get("requestId") ? { requestId: c.get("requestId") as string } : {})
  }
  for (const [name, value] of Object.entries(problem.headers ?? {})) c.header(name, value)
  c.header("Vary", "Accept-Language", { append: true })
  return c.body(JSON.stringify(body), status, {
    "Content-Type": "application/problem+json; charset=utf-8",
    "Content-Language": language
  })
}
