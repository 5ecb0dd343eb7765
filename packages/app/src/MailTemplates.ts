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
  /** The year a review notice is about; none for a notice about no year (a webhook). */
  readonly fiscalYear: number | null
  readonly payload: NotificationPayload
  readonly recipientName: string
  /** Where the admin UI is (SUKOYAKA_ADMIN_URL): each review's line links to it; none, no links. */
  readonly adminUrl?: string | undefined
}

export interface MailText {
  readonly subject: string
  readonly body: string
}

/** Who acts on the review: an agency writes on its form; the secretariat reads it on its page. */
const writesOnForm: Record<NotificationKind, boolean> = {
  returned: true,
  dueSoon: true,
  overdue: true,
  approved: false,
  submitted: false,
  webhookDisabled: false
}

/** A review of the mail, with the link that opens it where the recipient acts on it. */
const reviewLines = ({ kind, fiscalYear, payload, adminUrl }: MailFacts) =>
  payload.reviews.flatMap((review) => {
    const line = `- No.${review.no} ${review.name}`
    if (adminUrl === undefined) return [line]
    const path = writesOnForm[kind]
      ? `/initiatives/${review.no}/review/${fiscalYear}`
      : `/initiatives/${review.no}?year=${fiscalYear}`
    return [line, `  ${adminUrl}${path}`]
  })

/** The webhook of the mail, with the link to the page where an admin enables it again. */
const webhookLines = ({ payload, adminUrl }: MailFacts) =>
  payload.webhook === undefined
    ? []
    : [`- ${payload.webhook.url}`, ...(adminUrl === undefined ? [] : [`  ${adminUrl}/admin/webhooks`])]

const subjectJa: Record<NotificationKind, (facts: MailFacts) => string> = {
  returned: ({ payload }) => `評価が差し戻されました：${payload.reviews.map((r) => `No.${r.no}`).join("、")}`,
  approved: ({ payload }) => `評価が承認されました：${payload.reviews.map((r) => `No.${r.no}`).join("、")}`,
  submitted: ({ payload }) => `評価が提出されました：${payload.reviews.map((r) => `No.${r.no}`).join("、")}`,
  dueSoon: ({ payload }) => `評価の提出期限が近づいています（${payload.dueDate ?? ""}）`,
  overdue: ({ payload }) => `評価の提出期限を過ぎています（${payload.dueDate ?? ""}）`,
  webhookDisabled: () => "Webhookの送信を停止しました"
}

const subjectEn: Record<NotificationKind, (facts: MailFacts) => string> = {
  returned: ({ payload }) => `Review returned: ${payload.reviews.map((r) => `No. ${r.no}`).join(", ")}`,
  approved: ({ payload }) => `Review approved: ${payload.reviews.map((r) => `No. ${r.no}`).join(", ")}`,
  submitted: ({ payload }) => `Review submitted: ${payload.reviews.map((r) => `No. ${r.no}`).join(", ")}`,
  dueSoon: ({ payload }) => `Reviews due soon (${payload.dueDate ?? ""})`,
  overdue: ({ payload }) => `Reviews overdue (due ${payload.dueDate ?? ""})`,
  webhookDisabled: () => "A webhook was disabled"
}

const leadJa: Record<NotificationKind, (year: string, facts: MailFacts) => Array<string>> = {
  returned: (year, facts) => [
    `${year}の次の評価が、事務局から差し戻されました。内容を直して、もう一度提出してください。`,
    "",
    ...reviewLines(facts),
    "",
    "差戻しの理由:",
    facts.payload.comment ?? ""
  ],
  approved: (year, facts) => [`${year}の次の評価が、事務局に承認されました。`, "", ...reviewLines(facts)],
  submitted: (year, facts) => [
    `${year}の次の評価が提出されました（${facts.payload.actor ?? ""}）。確認して、承認または差戻しをしてください。`,
    "",
    ...reviewLines(facts)
  ],
  dueSoon: (year, facts) => [
    `${year}の評価の提出期限は ${facts.payload.dueDate ?? ""} です。次の評価がまだ提出されていません。`,
    "",
    ...reviewLines(facts)
  ],
  overdue: (year, facts) => [
    `${year}の評価の提出期限（${facts.payload.dueDate ?? ""}）を過ぎました。次の評価がまだ提出されていません。至急提出してください。`,
    "",
    ...reviewLines(facts)
  ],
  webhookDisabled: (_year, facts) => [
    `次のWebhookへの送信が失敗し続けたため、送信を停止しました。送信先を直してから「再開」すると、止まっていた間の変更も送られます。`,
    "",
    ...webhookLines(facts)
  ]
}

const leadEn: Record<NotificationKind, (year: string, facts: MailFacts) => Array<string>> = {
  returned: (year, facts) => [
    `The secretariat returned these reviews of ${year}. Please correct them and submit them again.`,
    "",
    ...reviewLines(facts),
    "",
    "Reason:",
    facts.payload.comment ?? ""
  ],
  approved: (year, facts) => [`The secretariat approved these reviews of ${year}.`, "", ...reviewLines(facts)],
  submitted: (year, facts) => [
    `These reviews of ${year} were submitted (${facts.payload.actor ?? ""}). Please approve or return them.`,
    "",
    ...reviewLines(facts)
  ],
  dueSoon: (year, facts) => [
    `The reviews of ${year} are due on ${facts.payload.dueDate ?? ""}. These are not submitted yet:`,
    "",
    ...reviewLines(facts)
  ],
  overdue: (year, facts) => [
    `The reviews of ${year} were due on ${facts.payload.dueDate ?? ""}. These are not submitted yet; please submit them now:`,
    "",
    ...reviewLines(facts)
  ],
  webhookDisabled: (_year, facts) => [
    "Deliveries to this webhook kept failing, so it was disabled. Correct the receiver, then enable it again: the changes made meanwhile are sent too.",
    "",
    ...webhookLines(facts)
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
          ...leadJa[facts.kind](
            facts.fiscalYear === null ? "" : fiscalYearLabelJa(facts.fiscalYear as FiscalYear, "ascii"),
            facts
          ),
          "",
          "-- ",
          "すこやか（健康増進計画の評価）からの自動送信です。通知の一覧はすこやかの「通知」で見られます。",
          ...(facts.adminUrl === undefined ? [] : [`${facts.adminUrl}/notifications`])
        ].join("\n")
      }
    : {
        subject: `[Sukoyaka] ${subjectEn[facts.kind](facts)}`,
        body: [
          `Dear ${facts.recipientName},`,
          "",
          ...leadEn[facts.kind](
            facts.fiscalYear === null ? "" : fiscalYearLabelEn(facts.fiscalYear as FiscalYear),
            facts
          ),
          "",
          "-- ",
          "Sent automatically by Sukoyaka (the health plan's review). Your notifications are under Notifications in Sukoyaka.",
          ...(facts.adminUrl === undefined ? [] : [`${facts.adminUrl}/notifications`])
        ].join("\n")
      }
