export { formatSummary } from "./commands/summary.ts"
