import { type PlanSnapshot, sheetHeadings } from "@sukoyaka/core"
import { type ExportOptions, rowsByObjective } from "./SheetRows.ts"
import { META_FORMAT } from "./RowKey.ts"

/**
 * The same rows as the workbook, as data for other systems: the cells as printed and the review
 * with its version, so a client can write it back with If-Match.
 */
export const exportJson = (snapshot: PlanSnapshot, options: ExportOptions): string =>
  JSON.stringify(
    {
      format: META_FORMAT,
      planId: snapshot.plan.id,
      fiscalYear: options.fiscalYear,
      agencyId: options.agencyId ?? null,
      headings: sheetHeadings(options.fiscalYear),
      objectives: rowsByObjective(snapshot, options).map(({ objective, place, rows }) => ({
        policyNo: place.ref.policyNo,
        areaNo: place.ref.areaNo,
        no: objective.no,
        title: objective.title,
        rows: rows.map((row) => ({
          no: row.initiative.no,
          cells: row.cells,
          reviewVersion: row.review?.version ?? null,
          review: row.review ?? null
        }))
      }))
    },
    null,
    2
  )
