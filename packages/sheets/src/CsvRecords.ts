/** One CSV record: its fields as written (quotes removed), where it starts. */
export interface CsvRecord {
  /** The record's number, 1-based: the row Excel shows it in. */
  readonly row: number
  /** The text line it starts on, which differs from `row` once a cell holds line breaks. */
  readonly line: number
  readonly fields: ReadonlyArray<string>
}

/** Something RFC 4180 does not allow, at the field where it was found (0-based). */
export interface CsvFlaw {
  readonly kind: "unterminatedQuote" | "strayQuote"
  readonly row: number
  readonly line: number
  readonly field: number
}

export interface CsvParse {
  readonly records: ReadonlyArray<CsvRecord>
  readonly flaws: ReadonlyArray<CsvFlaw>
  /** Parsing stopped after `maxRecords`: the file has more. */
  readonly tooManyRecords: boolean
}

/**
 * Splits CSV text into records (RFC 4180): fields separated by commas, records by CRLF, LF or a
 * lone CR, a quoted field may hold commas, doubled quotes and line breaks. It never throws: a quote
 * in the middle of an unquoted field or after a closing quote is kept as text and reported; a quote
 * that is never closed swallows the rest of the file, so that record is dropped and reported.
 * A quote left open in the middle of a file usually "closes" at the next record's opening quote:
 * that shows as a stray quote in the cell where the damage began.
 */
export const parseCsvRecords = (text: string, maxRecords: number): CsvParse => {
  const records: Array<CsvRecord> = []
  const flaws: Array<CsvFlaw> = []
  let fields: Array<string> = []
  let field = ""
  let inQuotes = false
  let closedQuote = false // the current field was quoted and its closing quote has been read
  let flawedField = -1 // a field is reported once
  let line = 1
  let recordLine = 1
  let fieldLine = 1 // where the current field starts: a flaw is reported there

  const flaw = (kind: CsvFlaw["kind"]) => {
    if (flawedField === fields.length) return
    flawedField = fields.length
    flaws.push({ kind, row: records.length + 1, line: fieldLine, field: fields.length })
  }
  const endField = () => {
    fields.push(field)
    field = ""
    closedQuote = false
    fieldLine = line
  }
  const endRecord = () => {
    endField()
    records.push({ row: records.length + 1, line: recordLine, fields })
    fields = []
    flawedField = -1
  }

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    const lineBreak = char === "\n" || (char === "\r" && text[i + 1] !== "\n")
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else {
          inQuotes = false
          closedQuote = true
        }
      } else {
        field += char
        if (lineBreak) line++
      }
      continue
    }
    if (char === ",") {
      endField()
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i++
      endRecord()
      line++
      recordLine = line
      fieldLine = line
      if (records.length > maxRecords) return { records, flaws, tooManyRecords: true }
    } else if (char === '"' && field === "" && !closedQuote) {
      inQuotes = true
    } else {
      if (char === '"' || closedQuote) flaw("strayQuote")
      field += char
    }
  }
  if (inQuotes) {
    flaws.push({
      kind: "unterminatedQuote",
      row: records.length + 1,
      line: fieldLine,
      field: fields.length
    })
  } else if (field !== "" || fields.length > 0 || closedQuote) {
    endRecord() // the last record had no line break after it
  }
  return { records, flaws, tooManyRecords: records.length > maxRecords }
}
