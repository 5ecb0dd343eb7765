import type { Context } from "hono"
import { createHash, timingSafeEqual } from "node:crypto"
import type { SignInSettings } from "./env.ts"

/**
 * The headers by which the admin UI (ADR 0002), which signs every browser in through the API,
 * names the browser's address. They count only with the internal secret that `serve` generates at
 * start and gives to both processes (SUKOYAKA_INTERNAL_SECRET): any other caller claiming an
 * address is ignored.
 */
const INTERNAL_SECRET_HEADER = "x-sukoyaka-internal"
const CLIENT_ADDRESS_HEADER = "x-sukoyaka-client-address"

const digest = (value: string) => createHash("sha256").update(value).digest()

/** Compared in constant time, on digests so that the lengths do not matter either. */
const isInternal = (sent: string | undefined, secret: string | undefined) =>
  secret !== undefined && secret !== "" && sent !== undefined && timingSafeEqual(digest(sent), digest(secret))

/** The right-most `X-Forwarded-For` entry: the one our proxy appended; whatever is left of it the client wrote. */
const rightMostForwarded = (header: string | undefined) =>
  header
    ?.split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "")
    .at(-1)

/**
 * The client's address as the sign-in limiter sees it:
 * - the admin UI's browser address, when the request carries the internal secret;
 * - behind a trusted proxy (`trustProxy`, SUKOYAKA_TRUST_PROXY=true), the right-most X-Forwarded-For hop, which
 *   the proxy wrote (rotating the left-most entries, which the client writes, changes nothing);
 * - otherwise the socket's peer.
 */
export const clientAddress = (
  c: Context,
  { internalSecret, trustProxy }: Pick<SignInSettings, "internalSecret" | "trustProxy">
): string => {
  if (isInternal(c.req.header(INTERNAL_SECRET_HEADER), internalSecret)) {
    const browser = c.req.header(CLIENT_ADDRESS_HEADER)?.trim()
    if (browser) return browser
  }
  if (trustProxy) {
    const forwarded = rightMostForwarded(c.req.header("x-forwarded-for"))
    if (forwarded) return forwarded
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? "unknown"
}
