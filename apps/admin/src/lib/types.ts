import type { UserView } from "@sukoyaka/core"

/** The signed-in user as the API's GET /session sends it. */
export type User = typeof UserView.Encoded
