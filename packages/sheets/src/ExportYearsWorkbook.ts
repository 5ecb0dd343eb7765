import { fiscalYearLabelJa, objectiveMark, type PlanSnapshot, sheetColumns, sheetHeadings } from "@sukoyaka/core"
import { Workbook } from "@cj-tech-master/excelts"
import { rowsByObjective } from "./SheetRows.ts"

/**
 * Every year in one workbook, a sheet per fiscal year (「令和６年度」): the year's A–L rows as the
 * yearly export writes them (rowsByObjective), each after the objective it belongs to, under that
 * year's headings. For reading across years; it is not a sheet to fill in and send back (the yearly
 * export is), so nothing is protected and no import keys are hidden in it.
 */
export const exportYearsWorkbook = async (
  years: ReadonlyArray<{ readonly snapshot: PlanSnapshot; readonly fiscalYear: Parameters<typeof sheetHeadings>[0] }>
): Promise<Buffer> => {
  const workbook = new Workbook()
  for (const { snapshot, fiscalYear } of years) {
    const sheet = workbook.addWorksheet(fiscalYearLabelJa(fiscalYear))
    const headings = sheetHeadings(fiscalYear)
    sheet.addRow(["取組方針", ...sheetColumns.map((column) => headings[column].ja)]).font = { bold: true }
    for (const { place, rows } of rowsByObjective(snapshot, { fiscalYear }))
      for (const row of rows)
        sheet.addRow([
          `${place.policy.no}-${place.area.no}${objectiveMark(place.objective.no)}`,
          ...sheetColumns.map((column) => row.cells[column])
        ])
    sheet.views = [{ state: "frozen", ySplit: 1 }]
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
