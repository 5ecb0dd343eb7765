/** One changed leaf between two JSON values: `measures[0].actual: 40 → 45`. */
export interface JsonChange {
  readonly path: string
  readonly before: unknown
  readonly after: unknown
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const join = (base: string, key: string | number) =>
  typeof key === "number" ? `${base}[${key}]` : base === "" ? key : `${base}.${key}`

/** Fields that change with every write and say nothing about the content. */
const noise = new Set(["version", "evaluation"])

/** The leaves that differ between two JSON documents, in document order. */
export const diffJson = (before: unknown, after: unknown, path = ""): ReadonlyArray<JsonChange> => {
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length)
    return Array.from({ length }, (_, i) => diffJson(before[i], after[i], join(path, i))).flat()
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (key) => !(path === "" && noise.has(key))
    )
    return keys.flatMap((key) => diffJson(before[key], after[key], join(path, key)))
  }
  // An absent key and null both mean "no value" (a measure's agency): not a change.
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : [{ path, before, after }]
}
