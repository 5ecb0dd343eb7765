import { describe, expect, it } from "@effect/vitest"
import { argon2id } from "hash-wasm"
import { randomBytes } from "node:crypto"
import { hashPassword, verifyPassword } from "../src/index.ts"

describe("passwords (argon2id, PHC strings)", () => {
  it("verifies what it hashes, and nothing else", async () => {
    const hash = await hashPassword("すこやか-password-1")
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/)
    expect(await verifyPassword("すこやか-password-1", hash)).toBe(true)
    expect(await verifyPassword("すこやか-password-2", hash)).toBe(false)
  })

  it("verifies the hashes earlier versions stored (hash-wasm's encoding), so no user must reset", async () => {
    const stored = await argon2id({
      password: "ｐａｓｓ-ワード-9".normalize("NFKC"),
      salt: randomBytes(16),
      parallelism: 1,
      iterations: 2,
      memorySize: 19456,
      hashLength: 32,
      outputType: "encoded"
    })
    expect(await verifyPassword("ｐａｓｓ-ワード-9", stored)).toBe(true)
    expect(await verifyPassword("pass-ワード-8", stored)).toBe(false)
  })

  it("refuses, without throwing, a stored value that is not an argon2id PHC string", async () => {
    for (const stored of [
      "",
      "garbage",
      "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
      "$argon2id$v=19$m=0,t=2,p=1$c2FsdA$aGFzaA"
    ]) {
      expect(await verifyPassword("anything", stored)).toBe(false)
    }
  })
})
