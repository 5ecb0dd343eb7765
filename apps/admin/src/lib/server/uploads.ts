import { randomBytes } from "node:crypto"

/**
 * Uploaded workbooks between "check the differences" and "apply": kept in this process's memory
 * for 30 minutes, for the user who uploaded them only. With several admin instances, route a
 * user to one instance (sticky sessions) or the person re-uploads on "expired".
 */
const TTL_MS = 30 * 60 * 1000
const MAX_ENTRIES = 200
const uploads = new Map<string, { userId: string; name: string; bytes: Uint8Array; at: number }>()

const sweep = () => {
  const now = Date.now()
  for (const [id, upload] of uploads) if (now - upload.at > TTL_MS) uploads.delete(id)
  while (uploads.size > MAX_ENTRIES) uploads.delete(uploads.keys().next().value!)
}

export const keepUpload = (userId: string, name: string, bytes: Uint8Array): string => {
  sweep()
  const id = randomBytes(18).toString("base64url")
  uploads.set(id, { userId, name, bytes, at: Date.now() })
  return id
}

export const takeUpload = (userId: string, id: string) => {
  sweep()
  const upload = uploads.get(id)
  return upload && upload.userId === userId ? upload : undefined
}

export const dropUpload = (id: string) => void uploads.delete(id)
