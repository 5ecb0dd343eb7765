import { Schema } from "effect"
import { DateTimeText } from "../DateTimeText.ts"
import { Role } from "../Access.ts"
import { AgencyId } from "../Agency.ts"
import { Email, Language, Password, User } from "../User.ts"

/** A user as the API shows it: the entity, under the name the OpenAPI document has always used. */
export const UserView = Schema.Struct(User.fields).annotate({ identifier: "UserView", title: "User" })
export type UserView = typeof UserView.Type

export const UserCreate = Schema.Struct({
  email: Email,
  displayName: Schema.String.check(Schema.isMaxLength(100)),
  role: Role,
  agencies: Schema.Array(AgencyId),
  password: Schema.optional(Password).annotate({
    description: "omitted: the answer carries a one-time link with which the user sets their own password"
  })
}).annotate({ identifier: "UserCreate", title: "New user" })

/** A one-time password-setup link's secret, shown once: the admin UI turns it into a link. */
export const PasswordSetupLink = Schema.Struct({
  token: Schema.String.annotate({ description: "the secret of the link (sps_…), shown once" }),
  expiresAt: DateTimeText.annotate({ description: "the link works until then (ISO 8601)" })
}).annotate({ identifier: "PasswordSetupLink", title: "Password-setup link" })
export type PasswordSetupLink = typeof PasswordSetupLink.Type

/** The new user, and their password-setup link when the admin gave no password. */
export const UserCreated = Schema.Struct({
  ...UserView.fields,
  passwordSetup: Schema.optional(PasswordSetupLink)
}).annotate({ identifier: "UserCreated", title: "New user" })

/** What a new user sends from the link: its secret and the password they chose. */
export const PasswordSetup = Schema.Struct({
  token: Schema.String.check(Schema.isMaxLength(100)),
  password: Password
}).annotate({ identifier: "PasswordSetup", title: "Set one's password with a one-time link" })

export const UserPatch = Schema.Struct({
  displayName: Schema.optional(Schema.String.check(Schema.isMaxLength(100))),
  role: Schema.optional(Role),
  agencies: Schema.optional(Schema.Array(AgencyId)),
  disabled: Schema.optional(Schema.Boolean),
  language: Schema.optional(Language),
  password: Schema.optional(Password)
}).annotate({ identifier: "UserPatch", title: "User changes" })
