import { Schema } from "effect"
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
  password: Password
}).annotate({ identifier: "UserCreate", title: "New user" })

export const UserPatch = Schema.Struct({
  displayName: Schema.optional(Schema.String.check(Schema.isMaxLength(100))),
  role: Schema.optional(Role),
  agencies: Schema.optional(Schema.Array(AgencyId)),
  disabled: Schema.optional(Schema.Boolean),
  language: Schema.optional(Language),
  password: Schema.optional(Password)
}).annotate({ identifier: "UserPatch", title: "User changes" })
