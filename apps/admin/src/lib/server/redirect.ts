/**
 * Where to go after signing in or switching the language: only a path on this site. The value is
 * resolved as the browser would resolve it (backslashes, tabs and `/./` included) against a
 * placeholder origin; anything that lands on another origin, or whose path would again read as
 * protocol-relative (`//host`), falls back to the home page.
 */
export const sameOriginPath = (next: string | null | undefined, fallback = "/"): string => {
  if (!next || !next.startsWith("/")) return fallback
  const origin = "http://same-origin.invalid"
  let resolved: URL
  try {
    resolved = new URL(next, origin)
  } catch {
    return fallback
  }
  if (resolved.origin !== origin || resolved.pathname.startsWith("//")) return fallback
  return `${resolved.pathname}${resolved.search}${resolved.hash}`
}
