import { argon2, hash as hashOnce, randomBytes, timingSafeEqual } from "node:crypto"
import { promisify } from "node:util"

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): slow for an attacker with the hash,
 * quick enough (~50 ms) for a sign-in. Node's own argon2 (24.7+) runs in libuv's thread pool, off
 * the event loop: a flood of sign-ins no longer stalls every other request while it hashes (the
 * WebAssembly implementation used before ran on the event loop).
 */
const parameters = { memory: 19456, passes: 2, parallelism: 1, tagLength: 32 } as const

const derive = promisify(argon2)

const keyOf = (
  password: string,
  nonce: Buffer,
  p: { memory: number; passes: number; parallelism: number; tagLength: number }
) => derive("argon2id", { message: password.normalize("NFKC"), nonce, ...p })

const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "")

/** The PHC string format every argon2 library writes and reads: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16)
  const hash = await keyOf(password, salt, parameters)
  return `$argon2id$v=19$m=${parameters.memory},t=${parameters.passes},p=${parameters.parallelism}$${b64(salt)}$${b64(hash)}`
}

/** Checks a password against a stored PHC string (hashes written by earlier versions included). */
export const verifyPassword = async (password: string, encoded: string): Promise<boolean> => {
  const match = PHC.exec(encoded)
  if (!match) return false
  const [, memory, passes, parallelism, salt, hash] = match
  const expected = Buffer.from(hash!, "base64")
  try {
    const actual = await keyOf(password, Buffer.from(salt!, "base64"), {
      memory: Number(memory),
      passes: Number(passes),
      parallelism: Number(parallelism),
      tagLength: expected.length
    })
    return timingSafeEqual(actual, expected)
  } catch {
    return false
  }
}

let decoy: Promise<string> | undefined
/**
 * A hash to burn the same time when the e-mail is unknown, so that timing reveals nothing. Made
 * once when first asked for (startServer asks as it starts listening), not by every process that
 * imports the API: each CLI command paid an argon2 hash at its start.
 */
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(18).toString("base64url")))

/** 256 random bits, URL-safe; the prefix makes a leaked token easy to recognise in a scan. */
export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString("base64url")}`

/**
 * Tokens and session ids are high-entropy, so a fast hash is enough to store them safely. One-shot
 * `crypto.hash`: every authenticated request hashes its token, and it costs half of a `createHash` chain.
 */
export const sha256 = (secret: string) => hashOnce("sha256", secret, "hex")

export const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString("base64url")}`
