/**
 * For tests of every package: the fictional plan of examples/plan-definition.json (「架空市 健康増進計画」),
 * two basic policies whose areas both number their objectives from ①. The example file is the one
 * source: the docs link it, the CLI test imports it, and these read it.
 */
import { Schema } from "effect"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { PlanDefinition } from "./PlanDefinition.ts"

/** The example file's path (from src/ and dist/ alike: both sit one level under the package). */
export const fictionalPlanFile = fileURLToPath(new URL("../../../examples/plan-definition.json", import.meta.url))

/** The file as JSON: what a client sends as the body of POST /plans/{planId}/definition. */
export const fictionalPlanJson = (): unknown => JSON.parse(readFileSync(fictionalPlanFile, "utf8"))

/** The file decoded. */
export const fictionalPlanDefinition = (): PlanDefinition =>
  Schema.decodeUnknownSync(PlanDefinition)(fictionalPlanJson())

export const FICTIONAL_PLAN = "kakuu-kenko"
