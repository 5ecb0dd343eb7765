import { loadReport } from "./load"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = (event) => loadReport(event)
