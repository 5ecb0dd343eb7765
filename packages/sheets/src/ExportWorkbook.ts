import {
  areasOf,
  columnLetterLabel,
  effectiveSpanOf,
  type FiscalYear,
  inEffect,
  objectiveMark,
  type ObjectivePlace,
  type PlanSnapshot,
  type SheetColumn,
  sheetColumns,
  sheetHeadings
} from "@sukoyaka/core"
import { Workbook, type Worksheet } from "@cj-tech-master/excelts"
import {
  columnWidths,
  objectiveLine,
  policyLine,
  ratingChoices,
  ratingLegend,
  rowHeightFor,
  sheetNameOf,
  targetLines,
  titleLine,
  visionLine
} from "./Layout.ts"
import { formatRowKey, KEY_COLUMN_INDEX, META_FORMAT, META_SHEET_NAME } from "./RowKey.ts"
import { type ExportOptions, rowsByObjective, type SheetRow } from "./SheetRows.ts"

const FONT = { name: "游ゴシック", size: 9 } as const
const thin = { style: "thin" } as const
const BORDER = { top: thin, left: thin, bottom: thin, right: thin }
const HEADING_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } } as const

/** The columns an agency writes; everything else in a per-agency sheet stays locked. */
export const agencyEditableColumns = ["F", "G", "H", "I", "J", "K", "L"] as const

/** Rows of the layout, so that print titles and tests name the same rows. */
export interface SheetLayout {
  readonly letterRow: number
  readonly headingRow: number
  readonly firstDataRow: number
}

const mergeAcross = (sheet: Worksheet, row: number, from: number, to: number, value: string) => {
  sheet.mergeCells(row, from, row, to)
  const cell = sheet.getCell(row, from)
  cell.value = value
  cell.alignment = { vertical: "middle", horizontal: "left", wrapText: false }
  cell.font = FONT
  return cell
}

/**
 * The header block of an objective's sheet: the plan, its basic policy and area, the objectives of
 * that area and the targets of that area in effect in the year (for a plan of one area, the seed's
 * block: every objective and target).
 */
const writeHeader = (
  sheet: Worksheet,
  snapshot: PlanSnapshot,
  fiscalYear: FiscalYear,
  place: ObjectivePlace
): SheetLayout => {
  const { objective } = place
  mergeAcross(sheet, 1, 1, 12, titleLine(snapshot.plan, fiscalYear, [place.policy])).font = {
    ...FONT,
    size: 12,
    bold: true
  }
  mergeAcross(sheet, 2, 1, 12, visionLine(snapshot.plan))
  mergeAcross(sheet, 3, 1, 12, policyLine(snapshot.plan, place))
  for (const [from, to, label] of [
    [1, 6, "取組方針"],
    [7, 12, "目標　【目標値】"]
  ] as const) {
    const cell = mergeAcross(sheet, 4, from, to, label)
    cell.font = { ...FONT, bold: true }
    cell.fill = HEADING_FILL
  }
  const objectives = place.area.objectives
    .filter((candidate) => inEffect(effectiveSpanOf({ ...place, objective: candidate }), fiscalYear))
    .map(objectiveLine)
  const targets = targetLines(
    snapshot.targets.filter(
      (target) =>
        target.policyNo === place.ref.policyNo && target.areaNo === place.ref.areaNo && inEffect(target, fiscalYear)
    )
  )
  const blockRows = Math.max(objectives.length, targets.length, 1)
  for (let i = 0; i < blockRows; i++) {
    mergeAcross(sheet, 5 + i, 1, 6, objectives[i] ?? "")
    mergeAcross(sheet, 5 + i, 7, 12, targets[i] ?? "")
  }
  const objectiveRow = 5 + blockRows
  mergeAcross(sheet, objectiveRow, 1, 5, `${objectiveMark(objective.no)}　${objective.title}`).font = {
    ...FONT,
    size: 11,
    bold: true
  }
  mergeAcross(sheet, objectiveRow, 6, 12, `課の自己評価の記載　${ratingLegend()}`)

  const letterRow = objectiveRow + 1
  const headingRow = letterRow + 1
  const headings = sheetHeadings(fiscalYear)
  sheetColumns.forEach((column, index) => {
    const letter = sheet.getCell(letterRow, index + 1)
    letter.value = columnLetterLabel(column)
    letter.font = FONT
    letter.alignment = { horizontal: "center" }
    const heading = sheet.getCell(headingRow, index + 1)
    heading.value = headings[column].ja
    heading.font = { ...FONT, bold: true }
    heading.fill = HEADING_FILL
    heading.border = BORDER
    heading.alignment = { horizontal: "center", vertical: "middle", wrapText: true }
  })
  sheet.getRow(headingRow).height = rowHeightFor(
    Object.fromEntries(sheetColumns.map((column) => [column, headings[column].ja])) as Record<SheetColumn, string>
  )
  return { letterRow, headingRow, firstDataRow: headingRow + 1 }
}

const writeRow = (sheet: Worksheet, rowNumber: number, row: SheetRow, fiscalYear: FiscalYear, editable: boolean) => {
  sheetColumns.forEach((column, index) => {
    const cell = sheet.getCell(rowNumber, index + 1)
    // Text cells, never numbers: No. 57 stays the string the sheet prints, figures stay verbatim.
    cell.value = row.cells[column]
    cell.font = FONT
    cell.border = BORDER
    const centred = column === "B" || column === "I"
    cell.alignment = { vertical: "top", horizontal: centred ? "center" : "left", wrapText: true }
    if (editable && (agencyEditableColumns as ReadonlyArray<string>).includes(column))
      cell.protection = { locked: false }
  })
  sheet.getRow(rowNumber).height = rowHeightFor(row.cells)
  const rating = sheet.getCell(rowNumber, 9)
  rating.dataValidation = {
    type: "list",
    allowBlank: true,
    formulae: [`"${ratingChoices().join(",")}"`],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "自己評価 / Self-rating",
    error:
      "一覧から選んでください（Ａ　順調、Ｂ　やや順調、Ｃ　やや遅れている、Ｄ　遅れている）。 Choose one of the list.",
    showInputMessage: true,
    promptTitle: "自己評価",
    prompt: "Ａ〜Ｄから選んでください"
  }
  sheet.getCell(rowNumber, KEY_COLUMN_INDEX).value = formatRowKey({
    planId: row.initiative.planId,
    fiscalYear,
    no: row.initiative.no,
    reviewVersion: row.review?.version ?? null
  })
}

const setUpPrinting = (sheet: Worksheet, layout: SheetLayout, lastRow: number) => {
  // Over the sheet's defaults, as addWorksheet's own pageSetup option would be.
  Object.assign(sheet.pageSetup, {
    paperSize: 9, // A4
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages down as the rows need
    margins: { left: 0.3, right: 0.3, top: 0.4, bottom: 0.5, header: 0.2, footer: 0.2 },
    printArea: `A1:L${lastRow}`,
    printTitlesRow: `${layout.letterRow}:${layout.headingRow}`,
    horizontalCentered: true
  } satisfies Partial<Worksheet["pageSetup"]>)
  Object.assign(sheet.headerFooter, { oddFooter: "&L&A&C&P / &N" })
  sheet.views = [{ state: "frozen", xSplit: 2, ySplit: layout.headingRow }]
}

const writeMetaSheet = async (workbook: Workbook, snapshot: PlanSnapshot, { fiscalYear, agencyId }: ExportOptions) => {
  // Very hidden: not offered by Excel's 「再表示」, so nobody edits the workbook's identity by accident.
  const meta = workbook.addWorksheet(META_SHEET_NAME, { state: "veryHidden" })
  meta.addRows([
    ["format", META_FORMAT],
    ["planId", snapshot.plan.id],
    ["fiscalYear", fiscalYear],
    ["agencyId", agencyId ?? ""]
  ])
  if (agencyId !== undefined) await meta.protect("", {})
}

/**
 * The seed's workbook: one sheet per objective, the header block, the A–L headings and one row per
 * initiative, every cell verbatim. With `agencyId`, only that agency's rows, and only F–L editable.
 */
export const exportWorkbook = async (snapshot: PlanSnapshot, options: ExportOptions): Promise<Buffer> => {
  const workbook = new Workbook()
  workbook.creator = "Sukoyaka"
  const perAgency = options.agencyId !== undefined
  const withArea = areasOf(snapshot.plan).length > 1
  for (const { place, rows } of rowsByObjective(snapshot, options)) {
    const sheet = workbook.addWorksheet(sheetNameOf(place, withArea))
    sheetColumns.forEach((column, index) => {
      sheet.getColumn(index + 1).width = columnWidths[column]
    })
    const keyColumn = sheet.getColumn(KEY_COLUMN_INDEX)
    keyColumn.hidden = true
    keyColumn.width = 30
    const layout = writeHeader(sheet, snapshot, options.fiscalYear, place)
    rows.forEach((row, index) => writeRow(sheet, layout.firstDataRow + index, row, options.fiscalYear, perAgency))
    setUpPrinting(sheet, layout, layout.firstDataRow + Math.max(rows.length, 1) - 1)
    if (perAgency) {
      // No password: protection keeps people from overwriting the plan's columns by accident;
      // import never takes A–E from a sheet anyway.
      await sheet.protect("", {
        selectLockedCells: true,
        selectUnlockedCells: true,
        formatColumns: true,
        formatRows: true
      })
    }
  }
  await writeMetaSheet(workbook, snapshot, options)
  // No self-check of the written package: excelts runs one unless NODE_ENV is "production", which
  // would make an export's time and its warnings depend on how the process was started.
  return Buffer.from(await workbook.xlsx.writeBuffer({ validate: false }))
}
