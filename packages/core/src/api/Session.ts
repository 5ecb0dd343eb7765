import { Schema } from "effect"
import { Password } from "../User.ts"

export const SignIn = Schema.Struct({
  email: Schema.String.check(Schema.isMaxLength(254)),
  password: Schema.String.check(Schema.isMaxLength(256))
}).annotate({ identifier: "SignIn", title: "Sign-in" })

export const PasswordChange = Schema.Struct({
  currentPassword: Schema.String.check(Schema.isMaxLength(256)),
  newPassword: Password
}).annotate({ identifier: "PasswordChange", title: "Password change" })
