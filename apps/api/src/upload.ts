import type { Context } from "hono"
import { HttpProblem } from "./problem.ts"

/**
 * The file in a multipart body's field `file` (the uploads: a workbook, a review's attachment, a
 * framework's measures sheet), or undefined when the form has none. A body that is not multipart
 * is 415 (`what` names what to send), one that cannot be read 400.
 */
export const uploadedFile = async (c: Context, what: string): Promise<File | undefined> => {
  if (!/^multipart\/form-data/iu.test(c.req.header("content-type") ?? ""))
    throw new HttpProblem("unsupportedMediaType", `send ${what} as multipart/form-data, field 'file'`)
  const form = await c.req.parseBody().catch(() => {
    throw new HttpProblem("badRequest", "the multipart body cannot be read")
  })
  const file = form["file"]
  return file instanceof File ? file : undefined
}

/** No file chosen: the error at the upload's field. */
export const noFileChosen = () =>
  new HttpProblem("validation", "no file", [{ path: "file", ja: "ファイルを選んでください", en: "choose a file" }])
