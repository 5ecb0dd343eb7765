import { Schema } from "effect"
import { Language, Password } from "../User.ts"
import { UserView } from "./Users.ts"

export const SignIn = Schema.Struct({
  email: Schema.String.check(Schema.isMaxLength(254)),
  password: Schema.String.check(Schema.isMaxLength(256))
}).annotate({ identifier: "SignIn", title: "Sign-in" })

export const PasswordChange = Schema.Struct({
  currentPassword: Schema.String.check(Schema.isMaxLength(256)),
  newPassword: Password
}).annotate({ identifier: "PasswordChange", title: "Password change" })

/** PUT /session/language: the language one's notifications and mails are written in. */
export const LanguageChange = Schema.Struct({ language: Language }).annotate({
  identifier: "LanguageChange",
  title: "Language change"
})

/** POST and GET /session: who is signed in, and the CSRF token their cookie-authenticated writes carry. */
export const SessionView = Schema.Struct({ user: UserView, csrfToken: Schema.String }).annotate({
  identifier: "Session"
})
