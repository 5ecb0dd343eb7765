import { readFileSync } from "node:fs"
import type { Initiative, Review } from "@sukoyaka/core"
import { agencies, loadDataset } from "../src/index.ts"

export const dataset = loadDataset()

/** The seed as printed, kept beside the data so that the tests compare with the source itself. */
export const seedText = readFileSync(new URL("../seed/tomakomai-step3-policy3-fy2024.txt", import.meta.url), "utf8")

export const row = (no: number): { initiative: Initiative; review: Review; agencyNames: ReadonlyArray<string> } => {
  const initiative = dataset.initiatives.find((candidate) => candidate.no === no)
  const review = dataset.reviews.find((candidate) => candidate.initiativeNo === no)
  if (!initiative || !review) throw new Error(`No. ${no} is not in the dataset`)
  const agencyNames = initiative.agencies.map((id) => agencies.find((agency) => agency.id === id)!.name)
  return { initiative, review, agencyNames }
}
