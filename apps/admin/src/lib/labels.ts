import type { AttentionReason, Bilingual } from "@sukoyaka/core"
import { tr } from "#lib/i18n.ts"
import { m } from "#lib/paraglide/messages.js"

/** Why a row is on the attention list (core's AttentionReason codes, in words). */
export const attentionReasonLabel: Record<AttentionReason, Bilingual> = {
  behind: { ja: "Ｃ・Ｄ評価", en: "Rated C or D" },
  missingReview: { ja: "未作成", en: "No review" },
  RatingMissing: { ja: "自己評価なし", en: "No rating" },
  ReasonMissing: { ja: "理由の記入なし", en: "Reason missing" },
  RatingDiffers: { ja: "実績からの目安と異なる", en: "Differs from the figures" },
  UnitMismatch: { ja: "単位が異なる", en: "Units differ" }
}

export const auditActionLabel: Record<string, Bilingual> = {
  create: { ja: "作成", en: "Created" },
  seed: { ja: "初期データ", en: "Seeded" },
  update: { ja: "更新", en: "Updated" },
  status: { ja: "状態変更", en: "Status change" },
  restore: { ja: "復元", en: "Restored" },
  import: { ja: "様式の取込", en: "Imported" },
  rollover: { ja: "年度更新", en: "Rollover" }
}

/** An attention reason in the reader's language; a code this UI does not know yet is shown as is. */
export const attentionReasonText = (reason: string): string =>
  tr(attentionReasonLabel[reason as AttentionReason] ?? { ja: reason, en: reason })

/** Why a measure has no ratio, in the reader's language (the same words the review editor shows). */
export const notComputableText: Record<string, () => string> = {
  noActual: m.reason_no_actual,
  noPlanned: m.reason_no_planned,
  unitMismatch: m.reason_unit_mismatch,
  zeroPlanned: m.reason_zero_planned,
  invalid: m.reason_invalid
}
