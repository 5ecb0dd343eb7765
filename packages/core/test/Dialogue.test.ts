import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import {
  type Actor,
  AgencyId,
  attachmentName,
  canDeleteAttachment,
  canTakePartInDialogue,
  classifyAttachment
} from "../src/index.ts"

const row = { agencies: [AgencyId.make("kenko-shien")] }
const admin: Actor = { id: "u1", role: "admin", agencies: [] }
const editor: Actor = { id: "u2", role: "editor", agencies: [AgencyId.make("kenko-shien")] }
const colleague: Actor = { id: "u5", role: "editor", agencies: [AgencyId.make("kenko-shien")] }
const otherEditor: Actor = { id: "u3", role: "editor", agencies: [AgencyId.make("police")] }
const viewer: Actor = { id: "u4", role: "viewer", agencies: [AgencyId.make("kenko-shien")] }

const bytes = (...parts: ReadonlyArray<string | ReadonlyArray<number>>) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === "string" ? [...new TextEncoder().encode(part)] : [...part])))
const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "rest")

describe("the dialogue of a review", () => {
  it("admins and the review's agencies take part; viewers and other agencies read", () => {
    expect(canTakePartInDialogue(admin, row)).toBe(true)
    expect(canTakePartInDialogue(editor, row)).toBe(true)
    expect(canTakePartInDialogue(otherEditor, row)).toBe(false)
    expect(canTakePartInDialogue(viewer, row)).toBe(false)
  })

  it("a file is deleted by its uploader (still of the agency) or an admin", () => {
    const file = { uploadedById: editor.id }
    expect(canDeleteAttachment(editor, row, file)).toBe(true)
    expect(canDeleteAttachment(admin, row, file)).toBe(true)
    expect(canDeleteAttachment(colleague, row, file)).toBe(false)
    expect(canDeleteAttachment(editor, { agencies: [AgencyId.make("police")] }, file)).toBe(false)
    expect(canDeleteAttachment(editor, row, { uploadedById: null })).toBe(false)
  })

  it("recognises files by their bytes, and the name must fit", () => {
    const zip = [0x50, 0x4b, 0x03, 0x04]
    expect(classifyAttachment("a.pdf", "", bytes("%PDF-1.4"))).toEqual({ _tag: "Accepted", type: "application/pdf" })
    expect(classifyAttachment("写真.PNG", "image/png", png)).toEqual({ _tag: "Accepted", type: "image/png" })
    expect(classifyAttachment("a.jpeg", "", bytes([0xff, 0xd8, 0xff, 0xdb]))).toMatchObject({ type: "image/jpeg" })
    expect(classifyAttachment("a.webp", "", bytes("RIFF", [1, 2, 3, 4], "WEBPVP8"))).toMatchObject({
      type: "image/webp"
    })
    expect(classifyAttachment("a.xlsx", "", bytes(zip, "..xl/workbook.xml"))).toMatchObject({ _tag: "Accepted" })
    expect(classifyAttachment("a.docx", "", bytes(zip, "..word/document.xml"))).toMatchObject({ _tag: "Accepted" })
    expect(classifyAttachment("memo.txt", "text/plain", bytes("\uFEFF会議メモ\r\n\t以上"))).toMatchObject({
      type: "text/plain"
    })
    // A zip that is neither (a .jar, an .odt), an executable, text with NUL or invalid UTF-8.
    expect(classifyAttachment("a.xlsx", "", bytes(zip, "META-INF/MANIFEST.MF"))).toEqual({
      _tag: "Refused",
      reason: "type"
    })
    expect(classifyAttachment("a.pdf", "", bytes("MZ", [0x90, 0]))).toEqual({ _tag: "Refused", reason: "type" })
    expect(classifyAttachment("a.txt", "", bytes("a", [0], "b"))).toEqual({ _tag: "Refused", reason: "type" })
    expect(classifyAttachment("a.txt", "", bytes([0xff, 0xfe, 0x41]))).toEqual({ _tag: "Refused", reason: "type" })
    // The content wins over the name and the declared type, which may only agree with it.
    expect(classifyAttachment("a.html", "", bytes("<html>"))).toEqual({ _tag: "Refused", reason: "extension" })
    expect(classifyAttachment("a.png", "", bytes("%PDF-1.4"))).toEqual({ _tag: "Refused", reason: "extension" })
    expect(classifyAttachment("a.pdf", "image/png", bytes("%PDF-1.4"))).toEqual({ _tag: "Refused", reason: "declared" })
    expect(classifyAttachment("a.pdf", "application/octet-stream", bytes("%PDF-1.4"))).toMatchObject({
      _tag: "Accepted"
    })
    expect(classifyAttachment("a.txt", "", new Uint8Array())).toEqual({ _tag: "Refused", reason: "empty" })
    expect(classifyAttachment("", "", png)).toEqual({ _tag: "Refused", reason: "name" })
    expect(classifyAttachment("a\nb.png", "", png)).toEqual({ _tag: "Refused", reason: "name" })
    expect(classifyAttachment(`${"あ".repeat(200)}.png`, "", png)).toEqual({ _tag: "Refused", reason: "name" })
  })

  it("keeps only a file name's last segment", () => {
    expect(attachmentName("C:\\Users\\市役所\\議事録.pdf")).toBe("議事録.pdf")
    expect(attachmentName("  ../../etc/passwd ")).toBe("passwd")
  })

  it("never accepts bytes that start like no accepted kind and are not text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (random) => {
        const result = classifyAttachment("x.pdf", "", random)
        return result._tag === "Refused" || (random[0] === 0x25 && random[1] === 0x50)
      })
    )
  })
})
