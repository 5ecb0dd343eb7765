import { Result } from "effect"
import type { Initiative } from "./Initiative.ts"
import { UnknownReference } from "./StructureError.ts"

/**
 * The initiatives a target names are initiatives of the plan (retired ones included: a link to
 * what served the target in its years stays true). Each is named once.
 */
export const checkTargetLinks = (
  target: { readonly initiativeNos?: ReadonlyArray<number> | undefined },
  initiatives: ReadonlyArray<Pick<Initiative, "no">>
): Result.Result<void, UnknownReference> => {
  const known = new Set<number>(initiatives.map((initiative) => initiative.no))
  const nos = target.initiativeNos ?? []
  const unknown = nos.findIndex((no) => !known.has(no))
  return unknown < 0
    ? Result.succeed(undefined)
    : Result.fail(
        new UnknownReference({ entity: "initiative", key: String(nos[unknown]), path: `initiativeNos[${unknown}]` })
      )
}

/** Links as stored: ascending, each once. */
export const normalizeInitiativeNos = <N extends number>(nos: ReadonlyArray<N>): Array<N> =>
  [...new Set(nos)].sort((a, b) => a - b)
