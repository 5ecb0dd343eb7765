import type { SurveyField } from "@sukoyaka/core"
import { m } from "#lib/paraglide/messages.js"

/** A survey export field's name as the secretariat reads it (the API's names stay in the form's values). */
const names: Record<SurveyField, () => string> = {
  cityCode: m.survey_field_city_code,
  fiscalYear: m.survey_field_fiscal_year,
  initiativeNo: m.survey_field_initiative_no,
  initiativeName: m.survey_field_initiative_name,
  agencies: m.survey_field_agencies,
  objective: m.survey_field_objective,
  measureCodes: m.survey_field_measure_codes,
  carriedOut: m.survey_field_carried_out,
  figures: m.survey_field_figures,
  rating: m.survey_field_rating,
  ratingReason: m.survey_field_rating_reason,
  continuation: m.survey_field_continuation
}

export const surveyFieldName = (field: SurveyField): string => names[field]()
