import { Effect, Schema } from "effect"
import { Role } from "../Access.ts"
import { AgencyId } from "../Agency.ts"
import { DateTimeText } from "../DateTimeText.ts"

export const TokenCreate = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)),
  role: Role,
  agencies: Schema.Array(AgencyId).pipe(Schema.withDecodingDefaultType(Effect.succeed([]))),
  expiresAt: Schema.optional(Schema.NullOr(Schema.DateTimeUtcFromString))
}).annotate({ identifier: "TokenCreate", title: "New API token" })

export const TokenView = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  role: Role,
  agencies: Schema.Array(AgencyId),
  createdBy: Schema.NullOr(Schema.String),
  createdAt: DateTimeText,
  expiresAt: Schema.NullOr(DateTimeText),
  revokedAt: Schema.NullOr(DateTimeText),
  lastUsedAt: Schema.NullOr(DateTimeText)
}).annotate({ identifier: "TokenView", title: "API token" })

export const TokenCreated = Schema.Struct({
  ...TokenView.fields,
  token: Schema.String.annotate({ description: "shown once; only its hash is stored" })
}).annotate({
  identifier: "TokenCreated"
})
