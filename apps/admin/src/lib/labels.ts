import {
  AttentionReason,
  attentionReasonLabel,
  type Bilingual,
  NotComputableReason,
  notComputableReasonLabel
} from "@sukoyaka/core"
import { Schema } from "effect"
import { tr } from "#lib/i18n.ts"
import { m } from "#lib/paraglide/messages.js"

export const auditActionLabel: Record<string, Bilingual> = {
  create: { ja: "作成", en: "Created" },
  seed: { ja: "初期データ", en: "Seeded" },
  update: { ja: "更新", en: "Updated" },
  status: { ja: "状態変更", en: "Status change" },
  restore: { ja: "復元", en: "Restored" },
  import: { ja: "様式の取込", en: "Imported" },
  rollover: { ja: "年度更新", en: "Rollover" },
  passwordChange: { ja: "パスワード変更", en: "Password changed" },
  passwordSetupIssued: { ja: "パスワード設定リンクの発行", en: "Password-setup link issued" }
}

const isAttentionReason = Schema.is(AttentionReason)
const isNotComputableReason = Schema.is(NotComputableReason)

/** An attention reason in the reader's language (core's labels); a code this UI does not know yet is shown as is. */
export const attentionReasonText = (reason: string): string =>
  isAttentionReason(reason) ? tr(attentionReasonLabel[reason]) : reason

/**
 * Why a measure has no ratio, in the reader's language: core's reasons (the words the dashboard
 * shows too), and the review editor's own "invalid" for a figure that is not a number.
 */
export const notComputableText = (reason: string): string =>
  isNotComputableReason(reason)
    ? tr(notComputableReasonLabel[reason])
    : reason === "invalid"
      ? m.reason_invalid()
      : reason
