import { SecretKeyMissing } from "@sukoyaka/core"
import { Database } from "@sukoyaka/storage"
import { Context, Effect } from "effect"
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"

/**
 * SUKOYAKA_SECRET_KEY: what webhook secrets are encrypted with. A process provides it from its
 * configuration (the API's runtime, the CLI); unset, the SQLite default keeps a key file of its own.
 */
export const SecretKeySetting = Context.Reference<string | undefined>("@sukoyaka/app/SecretKeySetting", {
  defaultValue: () => undefined
})

/** Where the embedded default keeps its generated key: beside the SQLite file, readable by its owner only. */
export const keyFileOf = (sqliteFile: string) => `${sqliteFile}.secret-key`

const keys = new Map<string, Buffer>()
const inMemoryKey = randomBytes(32)

/** The key file's key, generated on first use (`wx`: two processes starting at once agree on the first). */
const keyFromFile = (file: string): Buffer => {
  const known = keys.get(file)
  if (known) return known
  try {
    writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
  }
  const key = createHash("sha256").update(readFileSync(file, "utf8").trim()).digest()
  keys.set(file, key)
  return key
}

/**
 * The 256-bit key for webhook secrets: SUKOYAKA_SECRET_KEY's SHA-256 when set; otherwise, on SQLite,
 * the key file beside the database (an in-memory database: a key for this process). PostgreSQL has no
 * place of its own for a key outside the database, so there it must be configured.
 */
export const secretKey = Effect.gen(function* () {
  const setting = yield* SecretKeySetting
  if (setting !== undefined) return createHash("sha256").update(setting).digest()
  const { config } = yield* Database
  if (config._tag === "Pg") return yield* new SecretKeyMissing()
  if (config.filename === ":memory:") return inMemoryKey
  return keyFromFile(keyFileOf(config.filename))
})

/** AES-256-GCM with a fresh nonce: `v1.<nonce>.<tag>.<ciphertext>`, each base64url. */
export const encryptSecret = (key: Buffer, secret: string): string => {
  const nonce = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", key, nonce)
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()])
  return ["v1", nonce, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".")
}

/** The secret back, or undefined when this key did not encrypt it (SUKOYAKA_SECRET_KEY changed). */
export const decryptSecret = (key: Buffer, stored: string): string | undefined => {
  const [version, nonce, tag, body] = stored.split(".")
  if (version !== "v1" || nonce === undefined || tag === undefined || body === undefined) return undefined
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"))
    decipher.setAuthTag(Buffer.from(tag, "base64url"))
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")
  } catch {
    return undefined
  }
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`

/** The `webhook-signature` header's value: `v1,` and the HMAC-SHA256 of `id.timestamp.body` with the secret's bytes. */
export const signWebhook = (secret: string, id: string, timestamp: number, body: string) =>
  `v1,${createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64"))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64")}`
