/**
 * The sign-in gate's limits on their own: what signin.test.ts's floods rely on (429 for an address
 * with attempts in flight, 503 once every verification slot and the queue are taken). Each
 * verification is a promise the test settles itself, so nothing depends on timing.
 */
import { describe, expect, it } from "vitest"
import { type Admission, makeSignInGate } from "../src/signInGate.ts"

/** A verification the test ends itself; `began` settles when the gate lets it run. */
const held = () => {
  let release!: () => void
  let start!: () => void
  const done = new Promise<void>((resolve) => (release = resolve))
  const began = new Promise<void>((resolve) => (start = resolve))
  return { began, release, work: () => (start(), done) }
}

const admitted = (admission: Admission) => {
  if (typeof admission === "string") throw new Error(`expected an admission, got ${admission}`)
  return admission
}

describe("sign-in gate", () => {
  it("refuses a third attempt in flight from one address, and admits it again once one has left", () => {
    const gate = makeSignInGate({ perAddress: 2, concurrency: 1, maxWaiting: 16 })
    const first = admitted(gate.admit("192.0.2.1"))
    admitted(gate.admit("192.0.2.1"))
    expect(gate.admit("192.0.2.1")).toBe("addressBusy")
    expect(typeof gate.admit("192.0.2.2")).toBe("object")
    first.leave()
    first.leave()
    expect(typeof gate.admit("192.0.2.1")).toBe("object")
    expect(gate.admit("192.0.2.1")).toBe("addressBusy")
  })

  it("runs `concurrency` verifications at once, queues `maxWaiting`, refuses the next as overloaded until a slot frees", async () => {
    const gate = makeSignInGate({ perAddress: 2, concurrency: 1, maxWaiting: 2 })
    const works = [held(), held(), held()]
    const started: Array<number> = []
    const verifications = works.map((work, i) =>
      admitted(gate.admit(`198.51.100.${i}`)).verify(async () => {
        started.push(i)
        await work.work()
        return i
      })
    )
    await works[0]!.began
    expect(started).toEqual([0])
    expect(gate.admit("203.0.113.9")).toBe("overloaded")

    works[0]!.release()
    expect(await verifications[0]).toBe(0)
    await works[1]!.began
    expect(started).toEqual([0, 1])
    expect(typeof gate.admit("203.0.113.9")).toBe("object")

    works[1]!.release()
    works[2]!.release()
    expect(await Promise.all(verifications)).toEqual([0, 1, 2])
  })
})
