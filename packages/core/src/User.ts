import { Schema } from "effect"
import { type Actor, Role } from "./Access.ts"
import { AgencyId } from "./Agency.ts"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"

/** An e-mail address a new user signs in with. */
export const Email = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isMaxLength(254),
  // The u flag: effect 4 writes a pattern into JSON Schema (and so OpenAPI) only from a unicode RegExp.
  Schema.isPattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/u, {
    [MessageBilingual]: { ja: "メールアドレスの形式ではありません", en: "not an e-mail address" }
  })
).annotate({ title: "E-mail", [LabelJa]: "メールアドレス" })

/** A password as a user chooses it: only its hash is ever stored, and never by the core. */
export const Password = Schema.String.check(
  Schema.isMinLength(12, {
    [MessageBilingual]: { ja: "パスワードは12文字以上にしてください", en: "a password needs at least 12 characters" }
  }),
  Schema.isMaxLength(256)
).annotate({ title: "Password", [LabelJa]: "パスワード" })

/** The language a user reads the application's notifications and mails in. */
export const Language = Schema.Literals(["ja", "en"]).annotate({
  identifier: "Language",
  title: "Language",
  description: "ja: Japanese, en: English",
  [LabelJa]: "言語"
})
export type Language = typeof Language.Type

/**
 * 利用者: someone who signs in to work on the plan. The role and agencies are what every
 * authorisation decision reads (see `actorOf`); a disabled user keeps its history but cannot sign in.
 * The fields are as stored, unchecked: the rules for new values (Email, Password) apply when a user
 * is created or changed, not to users that already exist.
 */
export const User = Schema.Struct({
  id: Schema.String,
  email: Schema.String,
  displayName: Schema.String,
  role: Role,
  agencies: Schema.Array(AgencyId),
  disabled: Schema.Boolean,
  language: Language
}).annotate({ identifier: "User", title: "User" })
export type User = typeof User.Type

/** The actor a signed-in user acts as. */
export const actorOf = (user: Pick<User, "id" | "role" | "agencies">): Actor => ({
  id: user.id,
  role: user.role,
  agencies: user.agencies
})
