import { Schema } from "effect"
import { FiscalYear } from "../FiscalYear.ts"

export const RolloverResult = Schema.Struct({
  fromFiscalYear: FiscalYear,
  toFiscalYear: FiscalYear,
  created: Schema.Int,
  skipped: Schema.Int
}).annotate({ identifier: "RolloverResult" })
