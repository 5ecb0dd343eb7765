import { argon2id, argon2Verify } from "hash-wasm"
import { createHash, randomBytes } from "node:crypto"

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): slow for an attacker with the hash,
 * quick enough (~50 ms) for a sign-in. hash-wasm runs in WebAssembly, so nothing native to build.
 */
export const hashPassword = (password: string): Promise<string> =>
  argon2id({
    password: password.normalize("NFKC"),
    salt: randomBytes(16),
    parallelism: 1,
    iterations: 2,
    memorySize: 19456,
    hashLength: 32,
    outputType: "encoded"
  })

export const verifyPassword = async (password: string, hash: string): Promise<boolean> => {
  try {
    return await argon2Verify({ password: password.normalize("NFKC"), hash })
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

/** Tokens and session ids are high-entropy, so a fast hash is enough to store them safely. */
export const sha256 = (secret: string) => createHash("sha256").update(secret).digest("hex")

export const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString("base64url")}`
