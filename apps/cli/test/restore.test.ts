/**
 * `sukoyaka db restore` against a running API, all real processes on one SQLite file. Before, the
 * restore replaced the file under the API, which went on acknowledging writes into the deleted
 * inode; and its safety copy took the main file only, then deleted the WAL with the last writes.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { mkdtempSync, readdirSync, statSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"

const bin = new URL("../bin/sukoyaka.js", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-restore-"))
const database = join(dir, "live.db")
const env = { ...process.env, SUKOYAKA_DB: database, DATABASE_URL: "", SUKOYAKA_LOG: "silent" }

const run = (args: Array<string>, extraEnv: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr })
    )
  })

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0))
    })
  })

/** `sukoyaka serve --no-admin` as an operator starts it; resolves once it prints that it runs. */
const startApi = async (port: number) => {
  // Its own process group, so that a crash can take `serve` and the API process it supervises at once.
  const child = spawn(process.execPath, [bin, "serve", "--no-admin"], {
    env: { ...env, API_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
  })
  await new Promise<void>((resolve, reject) => {
    let output = ""
    const timer = setTimeout(() => reject(new Error(`the API did not start: ${output}`)), 60_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("Sukoyaka is running")) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on("data", read)
    child.stderr.on("data", read)
    child.once("exit", (code) => reject(new Error(`the API exited (${code}): ${output}`)))
  })
  return child
}

/** SIGKILL to `serve` and every process of its group. */
const crash = (child: ChildProcess) => {
  try {
    process.kill(-child.pid!, "SIGKILL")
  } catch {
    // The group is already gone.
  }
}

/** Resolves once no process of the group is left (the API child is reaped by init, not by us). */
const apiProcessGone = async (groupId: number) => {
  for (;;) {
    try {
      process.kill(-groupId, 0)
    } catch {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const exportedJson = async (file: string) => {
  const result = await run(["export", "--format", "json", "--fiscal-year", "2024", "-o", "-"], { SUKOYAKA_DB: file })
  expect(result.code, result.stderr).toBe(0)
  return result.stdout
}

describe("db restore while the API runs", { timeout: 240_000 }, () => {
  let api: ChildProcess | undefined
  afterAll(() => {
    if (api && api.exitCode === null) crash(api)
  })

  it("refuses and changes nothing while the API has the database; keeps every acknowledged write in the safety copy", async () => {
    expect((await run(["db", "seed"])).code).toBe(0)
    const backup = join(dir, "backup.db")
    expect((await run(["db", "backup", backup])).code).toBe(0)
    const token = (await run(["token", "create", "--role", "admin", "--name", "restore-test"])).stdout.trim()
    expect(token).toMatch(/^skt_/)

    const port = await freePort()
    api = await startApi(port)
    const review = `http://127.0.0.1:${port}/api/v1/plans/tomakomai-step3/initiatives/58/reviews/2024`
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" }
    const write = async (ratingReason: string) => {
      const current = await fetch(review, { headers })
      const body = { ...((await current.json()) as Record<string, unknown>), ratingReason }
      const response = await fetch(review, {
        method: "PUT",
        headers: { ...headers, "if-match": current.headers.get("etag")! },
        body: JSON.stringify(body)
      })
      expect(response.status).toBe(200)
    }
    const read = async () =>
      ((await (await fetch(review, { headers })).json()) as { ratingReason: string }).ratingReason

    await write("復元の前に保存した理由")
    const databaseFiles = () =>
      readdirSync(dir)
        .filter((name) => name.startsWith("live.db"))
        .sort()
    const filesBefore = databaseFiles()
    const inode = statSync(database).ino

    const refused = await run(["db", "restore", backup])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain("in use by another process")
    expect(refused.stderr).toContain("使用中")
    expect(refused.stderr).toContain("Nothing was changed")
    // Nothing changed: the same files (no safety copy), the same inode, the API's data and writes.
    expect(databaseFiles()).toEqual(filesBefore)
    expect(statSync(database).ino).toBe(inode)
    expect(await read()).toBe("復元の前に保存した理由")
    await write("拒否の後に保存した理由")
    expect(await read()).toBe("拒否の後に保存した理由")

    // A crash leaves the last writes in the WAL only: the safety copy must still hold them.
    // Killing `serve` alone would let the API process see its parent go and close the database
    // cleanly, which empties the WAL: kill the whole group, as a power cut or `kill -9` would.
    const exited = new Promise((resolve) => api!.once("exit", resolve))
    crash(api)
    await exited
    await apiProcessGone(api.pid!)
    expect(statSync(`${database}-wal`).size).toBeGreaterThan(0)
    const restored = await run(["db", "restore", backup])
    expect(restored.code, restored.stderr).toBe(0)
    const safetyCopy = /the previous database is (\S+)$/m.exec(restored.stdout)?.[1]
    expect(safetyCopy).toBeDefined()
    expect(await exportedJson(safetyCopy!)).toContain("拒否の後に保存した理由")
    // The database is the backup again, in the same file.
    expect(statSync(database).ino).toBe(inode)
    const now = await exportedJson(database)
    expect(now).not.toContain("拒否の後に保存した理由")
    expect(now).not.toContain("復元の前に保存した理由")
  })
})
