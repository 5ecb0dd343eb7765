/**
 * The name of the session cookie the API sets at sign-in (POST /session) and reads on every request.
 * Exported with the typed client (`@sukoyaka/api/client`) for the admin UI, which relays it.
 */
export const SESSION_COOKIE = "sukoyaka_session"
