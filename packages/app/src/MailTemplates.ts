import {
  type FiscalYear,
  fiscalYearLabelEn,
  fiscalYearLabelJa,
  type Language,
  type NotificationKind,
  type NotificationPayload
} from "@sukoyaka/core"

/** What a mail is made from: the notification's kind and payload, and where it belongs. */
export interface MailFacts {
  readonly kind: NotificationKind
  readonly fiscalYear: number
  readonly payload: NotificationPayload
  readonly recipientName: string
}

export interface MailText {
  readonly subject: string
  readonly body: string
}

const reviewLine = (review: { readonly no: number; readonly name: string }) => `- No.${review.no} ${review.name}`

const subjectJa: Record<NotificationKind, (facts: MailFacts) => string> = {
  returned: ({ payload }) => `評価が差し戻されました：${payload.reviews.map((r) => `No.${r.no}`).join("、")}`,
  approved: ({ payload }) => `評価が承認されました：${payload.reviews.map((r) => `No.${r.no}`).join("、")}`,
  submitted: ({ payload }) => `評価が提出されました：${payload.reviews.map((r) => `No.${r.no}`).join("、")}`,
  dueSoon: ({ payload }) => `評価の提出期限が近づいています（${payload.dueDate ?? ""}）`,
  overdue: ({ payload }) => `評価の提出期限を過ぎています（${payload.dueDate ?? ""}）`
}

const subjectEn: Record<NotificationKind, (facts: MailFacts) => string> = {
  returned: ({ payload }) => `Review returned: ${payload.reviews.map((r) => `No. ${r.no}`).join(", ")}`,
  approved: ({ payload }) => `Review approved: ${payload.reviews.map((r) => `No. ${r.no}`).join(", ")}`,
  submitted: ({ payload }) => `Review submitted: ${payload.reviews.map((r) => `No. ${r.no}`).join(", ")}`,
  dueSoon: ({ payload }) => `Reviews due soon (${payload.dueDate ?? ""})`,
  overdue: ({ payload }) => `Reviews overdue (due ${payload.dueDate ?? ""})`
}

const leadJa: Record<NotificationKind, (year: string, facts: MailFacts) => Array<string>> = {
  returned: (year, { payload }) => [
    `${year}の次の評価が、事務局から差し戻されました。内容を直して、もう一度提出してください。`,
    "",
    ...payload.reviews.map(reviewLine),
    "",
    "差戻しの理由:",
    payload.comment ?? ""
  ],
  approved: (year, { payload }) => [
    `${year}の次の評価が、事務局に承認されました。`,
    "",
    ...payload.reviews.map(reviewLine)
  ],
  submitted: (year, { payload }) => [
    `${year}の次の評価が提出されました（${payload.actor ?? ""}）。確認して、承認または差戻しをしてください。`,
    "",
    ...payload.reviews.map(reviewLine)
  ],
  dueSoon: (year, { payload }) => [
    `${year}の評価の提出期限は ${payload.dueDate ?? ""} です。次の評価がまだ提出されていません。`,
    "",
    ...payload.reviews.map(reviewLine)
  ],
  overdue: (year, { payload }) => [
    `${year}の評価の提出期限（${payload.dueDate ?? ""}）を過ぎました。次の評価がまだ提出されていません。至急提出してください。`,
    "",
    ...payload.reviews.map(reviewLine)
  ]
}

const leadEn: Record<NotificationKind, (year: string, facts: MailFacts) => Array<string>> = {
  returned: (year, { payload }) => [
    `The secretariat returned these reviews of ${year}. Please correct them and submit them again.`,
    "",
    ...payload.reviews.map(reviewLine),
    "",
    "Reason:",
    payload.comment ?? ""
  ],
  approved: (year, { payload }) => [
    `The secretariat approved these reviews of ${year}.`,
    "",
    ...payload.reviews.map(reviewLine)
  ],
  submitted: (year, { payload }) => [
    `These reviews of ${year} were submitted (${payload.actor ?? ""}). Please approve or return them.`,
    "",
    ...payload.reviews.map(reviewLine)
  ],
  dueSoon: (year, { payload }) => [
    `The reviews of ${year} are due on ${payload.dueDate ?? ""}. These are not submitted yet:`,
    "",
    ...payload.reviews.map(reviewLine)
  ],
  overdue: (year, { payload }) => [
    `The reviews of ${year} were due on ${payload.dueDate ?? ""}. These are not submitted yet; please submit them now:`,
    "",
    ...payload.reviews.map(reviewLine)
  ]
}

/** A notification as a mail in the recipient's language: subject and plain text. */
export const mailText = (language: Language, facts: MailFacts): MailText =>
  language === "ja"
    ? {
        subject: `【すこやか】${subjectJa[facts.kind](facts)}`,
        body: [
          `${facts.recipientName} 様`,
          "",
          ...leadJa[facts.kind](fiscalYearLabelJa(facts.fiscalYear as FiscalYear, "ascii"), facts),
          "",
          "-- ",
          "すこやか（健康増進計画の評価）からの自動送信です。通知の一覧はすこやかの「通知」で見られます。"
        ].join("\n")
      }
    : {
        subject: `[Sukoyaka] ${subjectEn[facts.kind](facts)}`,
        body: [
          `Dear ${facts.recipientName},`,
          "",
          ...leadEn[facts.kind](fiscalYearLabelEn(facts.fiscalYear as FiscalYear), facts),
          "",
          "-- ",
          "Sent automatically by Sukoyaka (the health plan's review). Your notifications are under Notifications in Sukoyaka."
        ].join("\n")
      }
