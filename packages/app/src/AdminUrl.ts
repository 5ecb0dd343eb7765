import { Context } from "effect"

/**
 * Where people open the admin UI (SUKOYAKA_ADMIN_URL, e.g. https://sukoyaka.city.example.jp), for the
 * links in mails; unset, mails name the reviews without links. A process provides it from its
 * configuration (the API's runtime, the CLI's reminders); everything else reads the default.
 */
export const AdminUrl = Context.Reference<string | undefined>("@sukoyaka/app/AdminUrl", {
  defaultValue: () => undefined
})
