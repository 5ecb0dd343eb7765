/** Reading the open data back in the tests: its CSV, and whether a value fits its Frictionless field. */

export interface Field {
  name: string
  type: "string" | "integer" | "number" | "boolean"
  description: string
  constraints?: { required?: boolean; enum?: string[] }
}
export interface Resource {
  name: string
  path: string
  format: "csv" | "json"
  mediatype: string
  encoding: string
  schema: { fields: Field[]; missingValues: string[] }
}

/**
 * RFC 4180 records of a CSV text (quotes, doubled quotes, line breaks inside quotes, CRLF between
 * records): written here rather than with Sukoyaka's own reader, so that the test does not check
 * the files with the code that wrote them.
 */
export const parseCsv = (text: string): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let field = ""
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ""
  }
  const endRow = () => {
    endField()
    rows.push(row)
    row = []
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"'
      i++
    } else if (quoted && ch === '"') quoted = false
    else if (quoted) field += ch
    else if (ch === '"') quoted = true
    else if (ch === ",") endField()
    else if (ch === "\r" && text[i + 1] === "\n") {
      endRow()
      i++
    } else field += ch
  }
  if (field !== "" || row.length > 0) endRow()
  return rows
}

/** Whether a CSV cell or JSON value fits its field. */
export const fits = (field: Field, value: unknown, fromCsv: boolean): boolean => {
  const missing = fromCsv ? value === "" : value === null
  if (missing) return field.constraints?.required !== true
  if (field.constraints?.enum && !field.constraints.enum.includes(String(value))) return false
  const text = String(value)
  switch (field.type) {
    case "integer":
      return fromCsv ? /^-?\d+$/.test(text) : Number.isInteger(value)
    case "number":
      return fromCsv ? /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) : typeof value === "number"
    case "boolean":
      return fromCsv ? text === "true" || text === "false" : typeof value === "boolean"
    case "string":
      return fromCsv || typeof value === "string"
  }
}
