import type { Client } from "@sukoyaka/api/client"
import type { User } from "@sukoyaka/core"

declare global {
  namespace App {
    interface Locals {
      /** The signed-in user, from the API's GET /session; null when signed out. */
      user: User | null
      /** The session's CSRF token, sent as X-CSRF-Token with every write to the API. */
      csrfToken: string | null
      /** The API's typed client, acting for this request's user (their session cookie). */
      api: Client
    }
    interface Error {
      message: string
      requestId?: string
    }
  }
}

export {}
