/**
 * A review's attachments are in the database (#19), so a backup holds them: a file uploaded through
 * the real API survives `sukoyaka db backup`, its deletion, and `sukoyaka db restore`, byte for byte.
 */
import { startApiForTest } from "@sukoyaka/app/testing"
import { execFile } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const bin = new URL("../bin/sukoyaka.js", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-dialogue-backup-"))
const database = join(dir, "live.db")
const env = { ...process.env, SUKOYAKA_DB: database, DATABASE_URL: "", SUKOYAKA_LOG: "silent" }

const run = (args: Array<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr })
    )
  })

const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)])

describe("attachments in backups", { timeout: 240_000 }, () => {
  it("an attachment survives db backup, its deletion and db restore, byte for byte", async () => {
    expect((await run(["db", "seed"])).code).toBe(0)
    const token = (await run(["token", "create", "--role", "admin", "--name", "backup-test"])).stdout.trim()
    expect(token).toMatch(/^skt_/)
    const authorization = `Bearer ${token}`
    const files = "/api/v1/plans/tomakomai-step3/initiatives/58/reviews/2024/attachments"

    let api = await startApiForTest({ _tag: "Sqlite", filename: database })
    const form = new FormData()
    form.append("file", new Blob([photo], { type: "image/jpeg" }), "会議の写真.jpg")
    const uploaded = await fetch(`${api.url}${files}`, { method: "POST", headers: { authorization }, body: form })
    expect(uploaded.status).toBe(201)
    const { id, sha256 } = (await uploaded.json()) as { id: number; sha256: string }

    // Backed up while the API serves, then deleted: only the backup has it.
    const backup = join(dir, "backup.db")
    expect((await run(["db", "backup", backup])).code).toBe(0)
    const deleted = await fetch(`${api.url}${files}/${id}`, { method: "DELETE", headers: { authorization } })
    expect(deleted.status).toBe(204)
    expect((await fetch(`${api.url}${files}/${id}`, { headers: { authorization } })).status).toBe(404)
    await api.close()

    const restored = await run(["db", "restore", backup])
    expect(restored.code, restored.stderr).toBe(0)
    api = await startApiForTest({ _tag: "Sqlite", filename: database })
    try {
      const listed = (await (await fetch(`${api.url}${files}`, { headers: { authorization } })).json()) as Array<{
        id: number
        name: string
        sha256: string
      }>
      expect(listed).toMatchObject([{ id, name: "会議の写真.jpg", sha256 }])
      const download = await fetch(`${api.url}${files}/${id}`, { headers: { authorization } })
      expect(download.status).toBe(200)
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(photo)
    } finally {
      await api.close()
    }
  })
})
