import {
  type Agency,
  fieldIssueParseOptions,
  fieldIssuesOf,
  InitiativeCreate,
  objectivePlacesOf,
  parseLifeStages,
  type PlanSnapshot
} from "@sukoyaka/core"
import { Result, Schema } from "effect"
import type { InitiativeProposal } from "./ImportDiffTypes.ts"
import { sheetNameOf } from "./Layout.ts"
import type { ParsedRow } from "./ParsedWorkbook.ts"
import type { Problem } from "./Problem.ts"
import { buildContent, columnOfPath, decodeReviewContent } from "./RowContent.ts"

/** What a row with an unknown No. comes to: a proposal the secretariat may accept, or why not. */
export interface NewRowReading {
  readonly proposal: InitiativeProposal | undefined
  readonly problems: ReadonlyArray<Problem>
}

const warningAt = (row: ParsedRow, column: string, code: string, ja: string, en: string): Problem => ({
  severity: "warning",
  code,
  sheet: row.sheet,
  row: row.row,
  column,
  ja,
  en
})

/** Column E as the sheet writes it: one agency per line; a 、 or comma typed by hand also separates. */
const agencyCellNames = (cell: string): ReadonlyArray<string> =>
  cell
    .split(/[\n、,，]/)
    .map((name) => name.trim())
    .filter((name) => name !== "")

const agencyFor = (agencies: ReadonlyArray<Agency>, name: string): Agency | undefined =>
  agencies.find((agency) => agency.name === name || agency.id === name)

/** The objective whose sheet the row was typed on: the tab's name is the objective's (sheetNameOf). */
const objectiveOfSheet = (snapshot: PlanSnapshot, sheet: string) => {
  const places = objectivePlacesOf(snapshot.plan)
  const withArea = new Set(places.map((place) => `${place.policy.no}-${place.area.no}`)).size > 1
  return places.find((place) => sheetNameOf(place, withArea) === sheet)
}

/**
 * A row whose No. the plan does not have. An editor's is refused (the secretariat adds initiatives);
 * for the secretariat it is a proposal: the initiative as columns A–E describe it, new from the
 * sheet's year, under the objective of the sheet it was typed on, with its review from F–L. Nothing
 * is added unless the secretariat accepts it when applying the import (ADR 0010).
 */
export const readNewRow = (
  row: ParsedRow,
  snapshot: PlanSnapshot,
  fiscalYear: number | null,
  proposing: boolean
): NewRowReading => {
  const refused = (code: string, ja: string, en: string, column = "B"): NewRowReading => ({
    proposal: undefined,
    problems: [warningAt(row, column, code, ja, en)]
  })
  if (!proposing)
    return refused(
      "newRow",
      `Ｎｏ.${row.no} は計画にない事業です。新しい事業は事務局が登録します。`,
      `No. ${row.no} is not an initiative of the plan; the secretariat adds new initiatives`
    )
  const place = objectiveOfSheet(snapshot, row.sheet)
  if (place === undefined || fiscalYear === null)
    return refused(
      "newRowWithoutObjective",
      `Ｎｏ.${row.no} は計画にない事業ですが、どの施策目標のシートにあるか分からないため追加を提案できません`,
      `No. ${row.no} is not in the plan, and its objective cannot be told from the sheet, so it cannot be proposed`
    )
  const names = agencyCellNames(row.cells.E)
  const unknown = names.filter((name) => agencyFor(snapshot.agencies, name) === undefined)
  if (unknown.length > 0)
    return refused(
      "newRowUnknownAgency",
      `Ｎｏ.${row.no} の実施機関「${unknown.join("」「")}」は登録されていません。先に実施機関を登録してください`,
      `No. ${row.no} names agencies that are not registered (${unknown.join(", ")}); add them first`,
      "E"
    )
  const lifeStages = parseLifeStages(row.cells.A)
  const initiative = Schema.decodeUnknownResult(
    InitiativeCreate,
    fieldIssueParseOptions
  )({
    no: row.no,
    policyNo: place.policy.no,
    areaNo: place.area.no,
    objectiveNo: place.objective.no,
    name: row.cells.C.trim(),
    markers: { isNew: true, newNote: null, formerName: null },
    content: row.cells.D,
    lifeStagesText: row.cells.A,
    lifeStages: Result.isSuccess(lifeStages) ? lifeStages.success : [],
    agencies: names.map((name) => agencyFor(snapshot.agencies, name)!.id),
    since: fiscalYear
  })
  const content = decodeReviewContent(buildContent(row, undefined, fiscalYear).content)
  const issues = [
    ...(Result.isFailure(initiative) ? fieldIssuesOf(initiative.failure) : []),
    ...(Result.isFailure(content) ? fieldIssuesOf(content.failure) : [])
  ]
  if (Result.isFailure(initiative) || Result.isFailure(content))
    return {
      proposal: undefined,
      problems: issues.map((issue) =>
        warningAt(
          row,
          columnOfPath(issue),
          "newRowInvalid",
          `Ｎｏ.${row.no}: ${issue.ja}`,
          `No. ${row.no}: ${issue.en}`
        )
      )
    }
  const stagesUnread = Result.isFailure(lifeStages)
    ? [
        warningAt(
          row,
          "A",
          "newRowLifeStages",
          `Ｎｏ.${row.no} のライフステージを読み取れません。追加後に設定してください`,
          `the life stages of No. ${row.no} cannot be read; set them after adding it`
        )
      ]
    : []
  return {
    proposal: { no: row.no, sheet: row.sheet, row: row.row, initiative: initiative.success, content: content.success },
    problems: stagesUnread
  }
}
