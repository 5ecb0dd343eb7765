import { Schema } from "effect"

/**
 * One thing wrong (or worth a look) in a returned sheet, always with the place a person can go to:
 * the sheet as it is named now, the row number and the column letter.
 */
export const Problem = Schema.Struct({
  severity: Schema.Literals(["error", "warning"]),
  code: Schema.String,
  sheet: Schema.String,
  row: Schema.Int,
  column: Schema.String,
  ja: Schema.String,
  en: Schema.String
}).annotate({ identifier: "SheetProblem", title: "Sheet problem" })
export type Problem = typeof Problem.Type

/** 「シート『①こども・若者』 12行 G列」: how a problem's place is read out to people. */
export const problemPlace = (problem: Pick<Problem, "sheet" | "row" | "column">): { ja: string; en: string } => ({
  ja: `シート「${problem.sheet}」${problem.row}行${problem.column}列`,
  en: `sheet "${problem.sheet}" row ${problem.row} column ${problem.column}`
})
