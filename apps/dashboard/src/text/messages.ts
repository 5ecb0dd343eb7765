import {
  type AttentionReason,
  attentionReasonLabel,
  comparatorLabel,
  type Comparator,
  type ConsistencyFlag,
  consistencyFlagText,
  type FiscalYear,
  fiscalYearLabelEn,
  fiscalYearLabelJa,
  formatLifeStages,
  type LifeStage,
  lifeStageLabel,
  lifeStages as allLifeStages,
  type Locale,
  type NotComputableReason,
  notComputableReasonLabel,
  type Rating,
  ratingLabel,
  ratingLetter,
  type ReviewStatus,
  reviewStatusLabel,
  sortLifeStages,
  type TargetGrade,
  type TargetMethod,
  toFullWidth
} from "@sukoyaka/core"

/*
 * Every word the dashboard shows, in Japanese and in English, one entry per key. Japanese first:
 * it is the default and what the city reads; `--lang en` (or SUKOYAKA_LANG=en) switches. Domain
 * labels (ratings, statuses, life stages, years, comparators) come from @sukoyaka/core's pairs;
 * what is here is the terminal's own wording. Data stays as the city wrote it: names, agencies
 * and cell texts are passed through, never translated.
 *
 * `defineMessages` makes a key without its `en` (or an `en` of another shape) a type error.
 */

export type Lang = Locale

export const langs: ReadonlyArray<Lang> = ["ja", "en"]

export const isLang = (value: string): value is Lang => (langs as ReadonlyArray<string>).includes(value)

type Complete<T> = {
  readonly [K in keyof T]: T[K] extends { readonly ja: infer J } ? { readonly ja: J; readonly en: J } : never
}

const defineMessages = <T extends Complete<T>>(table: T): T => table

/** Life stages in English: all five, a contiguous range with –, else a list. */
const lifeStagesEn = (stages: ReadonlyArray<LifeStage>): string => {
  const sorted = sortLifeStages(stages)
  if (sorted.length === allLifeStages.length) return "All stages"
  const ranks = sorted.map((stage) => allLifeStages.indexOf(stage))
  const contiguous = ranks.every((rank, i) => i === 0 || rank === ranks[i - 1]! + 1)
  if (sorted.length > 1 && contiguous) return `${lifeStageLabel[sorted[0]!].en}–${lifeStageLabel[sorted.at(-1)!].en}`
  return sorted.map((stage) => lifeStageLabel[stage].en).join(", ")
}

const stampJa = (date: Date): string =>
  date.toLocaleString("ja-JP", { dateStyle: "medium", timeStyle: "medium", hour12: false })

const stampEn = (date: Date): string =>
  date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium", hourCycle: "h23" })

export const messageTable = defineMessages({
  // ── Shared words and domain labels ──────────────────────────────────────────────────────────
  appName: { ja: "すこやか", en: "Sukoyaka" },
  loading: { ja: "読み込み中…", en: "Loading…" },
  /** Between two items on a line. */
  gap: { ja: "　", en: "  " },
  /** A list of names (agencies). */
  listSeparator: { ja: "、", en: ", " },
  unrated: { ja: "未評価", en: "Unrated" },
  noReview: { ja: "未作成", en: "No review" },
  /** The rating's letter: full-width as the sheet prints it; plain in English. */
  ratingLetter: {
    ja: (rating: Rating): string => ratingLetter[rating],
    en: (rating: Rating): string => rating
  },
  ratingLabel: {
    ja: (rating: Rating): string => ratingLabel[rating].ja,
    en: (rating: Rating): string => ratingLabel[rating].en
  },
  reviewStatus: {
    ja: (status: ReviewStatus): string => reviewStatusLabel[status].ja,
    en: (status: ReviewStatus): string => reviewStatusLabel[status].en
  },
  /** 令和６年度 / FY2024. */
  fiscalYear: {
    ja: (year: FiscalYear): string => fiscalYearLabelJa(year),
    en: (year: FiscalYear): string => fiscalYearLabelEn(year)
  },
  /** The header's and the year line's year: 令和６年度（FY2024）/ FY2024. */
  yearText: {
    ja: (year: FiscalYear): string => `${fiscalYearLabelJa(year)}（FY${year}）`,
    en: (year: FiscalYear): string => fiscalYearLabelEn(year)
  },
  comparator: {
    ja: (comparator: Comparator): string => (comparator === "exact" ? "" : comparatorLabel[comparator].ja),
    en: (comparator: Comparator): string => (comparator === "exact" ? "" : ` ${comparatorLabel[comparator].en}`)
  },
  lifeStages: {
    ja: (stages: ReadonlyArray<LifeStage>, cityText: string): string => cityText || formatLifeStages(stages),
    // The city's cell is Japanese notation; the structured stages read in English.
    en: (stages: ReadonlyArray<LifeStage>, cityText: string): string =>
      stages.length > 0 ? lifeStagesEn(stages) : cityText
  },
  /** 健康日本21's grades in a column's width (core's labels are the full sentences). */
  targetGradeShort: {
    ja: {
      A: "達成",
      B: "改善",
      "B*": "改善（遅れ）",
      C: "変化なし",
      D: "悪化",
      E: "評価困難"
    } as Readonly<Record<TargetGrade, string>>,
    en: {
      A: "Reached",
      B: "Improving",
      "B*": "Lagging",
      C: "No change",
      D: "Worsening",
      E: "Not judged"
    } as Readonly<Record<TargetGrade, string>>
  },
  /** Which rule gave the grade, in a column's width: the exact test or the report's 5 % rule. */
  targetMethodShort: {
    ja: { poissonExact: "検定", twoProportion: "検定", relativeChange: "5%則", none: "―" } as Readonly<
      Record<TargetMethod, string>
    >,
    en: { poissonExact: "test", twoProportion: "test", relativeChange: "5%", none: "-" } as Readonly<
      Record<TargetMethod, string>
    >
  },
  /** The grade's letter: full-width as the report prints it (Ｂ*); plain in English. */
  targetGradeLetter: {
    ja: (grade: TargetGrade): string => toFullWidth(grade),
    en: (grade: TargetGrade): string => grade
  },
  attentionReason: {
    ja: (reason: AttentionReason): string => attentionReasonLabel[reason].ja,
    en: (reason: AttentionReason): string => attentionReasonLabel[reason].en
  },
  attentionReasonSeparator: { ja: "・", en: ", " },
  notComputable: {
    ja: (reason: NotComputableReason): string => notComputableReasonLabel[reason].ja,
    en: (reason: NotComputableReason): string => notComputableReasonLabel[reason].en
  },
  /** A consistency flag as a sentence with its figures (core's wording). */
  consistencyFlag: {
    ja: (flag: ConsistencyFlag): string => consistencyFlagText(flag).ja,
    en: (flag: ConsistencyFlag): string => consistencyFlagText(flag).en
  },

  // ── Header, status line, frame ──────────────────────────────────────────────────────────────
  staleMark: { ja: "［古いデータ］", en: " [stale data]" },
  statusPolling: {
    ja: (seconds: number): string => `・${seconds}秒ごとに自動更新`,
    en: (seconds: number): string => ` · auto-refresh every ${seconds}s`
  },
  statusStale: {
    ja: (time: string, error: string): string => `！${time} 時点の古いデータ　${error}`,
    en: (time: string, error: string): string => `! Stale data from ${time}  ${error}`
  },
  statusError: {
    ja: (error: string): string => `！${error}`,
    en: (error: string): string => `! ${error}`
  },
  statusUpdated: {
    ja: (time: string, polling: string, loading: boolean): string =>
      `${time} 更新${polling}${loading ? "　更新中…" : ""}`,
    en: (time: string, polling: string, loading: boolean): string =>
      `Updated ${time}${polling}${loading ? "  refreshing…" : ""}`
  },
  statusHint: { ja: "? キー一覧", en: "? keys" },
  asOf: {
    ja: (date: Date): string => `${stampJa(date)} 時点`,
    en: (date: Date): string => `As of ${stampEn(date)}`
  },

  // ── App ─────────────────────────────────────────────────────────────────────────────────────
  cannotShow: {
    ja: "データを表示できません。状態は最下行を見てください（r で再試行）",
    en: "Cannot show the data: see the bottom line (r retries)"
  },
  notInYear: {
    ja: (no: number): string => `No.${no} はこの年度のデータにありません（Esc で戻る）`,
    en: (no: number): string => `No.${no} is not in this year's data (Esc goes back)`
  },

  // ── Overview: ratings per objective ─────────────────────────────────────────────────────────
  objectiveBarsTitle: { ja: "自己評価（取組方針別）", en: "Self-ratings by objective" },
  allObjectives: { ja: "全体", en: "All" },

  // ── Overview: the share on track across years ──
  policyTrendsTitle: {
    ja: "順調（Ａ＋Ｂ）の割合の推移（基本方針別）",
    en: "Share on track (A+B) by year, per basic policy"
  },
  policyTrendsColumns: { ja: "年度ごと・最新", en: "per year · latest" },
  policyName: {
    ja: (no: number, title: string): string => `${no}. ${title}`,
    en: (no: number, title: string): string => `${no}. ${title}`
  },

  // ── Overview: targets ───────────────────────────────────────────────────────────────────────
  targetsTitle: { ja: "目標値", en: "Targets" },
  targetsColumns: { ja: "推移・最新→目標", en: "trend · latest→target" },
  noTargets: { ja: "目標値は登録されていません", en: "No targets registered" },
  targetName: {
    ja: (population: string | null | undefined, indicator: string): string =>
      population ? `［${population}］${indicator}` : indicator,
    en: (population: string | null | undefined, indicator: string): string =>
      population ? `[${population}] ${indicator}` : indicator
  },

  // ── Overview: attention list ────────────────────────────────────────────────────────────────
  attentionTitle: {
    ja: (count: number): string => `要確認 ${count} 件`,
    en: (count: number): string => `Needs attention: ${count}`
  },
  attentionEmpty: { ja: "要確認の政策・事業はありません", en: "No initiative needs attention" },

  // ── Overview: the coverage of the national package (#24)
  coverageTitle: {
    ja: (name: string, empty: number, thin: number, measures: number): string =>
      `国の施策 ${name}: 空白 ${empty} · 手薄 ${thin} / ${measures}`,
    en: (name: string, empty: number, thin: number, measures: number): string =>
      `National measures ${name}: empty ${empty} · thin ${thin} / ${measures}`
  },
  coverageLoadingTitle: { ja: "国の施策との対応", en: "National measures coverage" },
  coverageNoneEmpty: { ja: "空白の施策はありません", en: "No measure is empty" },
  coverageEmpty: { ja: (names: string): string => `空白: ${names}`, en: (names: string): string => `Empty: ${names}` },

  // ── Overview: the open cycle's late reviews ─────────────────────────────────────────────────
  lateTitle: {
    ja: (year: string, count: number, today: string): string =>
      `期限超過 ${count} 件（${year}のサイクル・${today} 現在）`,
    en: (year: string, count: number, today: string): string => `Late: ${count} (cycle of ${year}, as of ${today})`
  },
  lateEmpty: { ja: "期限を過ぎた振り返りはありません", en: "No review is past its due date" },
  lateRow: {
    ja: (late: number, total: number, dueDate: string): string => `${late}/${total} 件  期限 ${dueDate}`,
    en: (late: number, total: number, dueDate: string): string => `${late}/${total}  due ${dueDate}`
  },

  // ── Overview: completion per agency ─────────────────────────────────────────────────────────
  completionTitle: { ja: "提出状況（実施機関別）", en: "Reviews by agency" },
  completionTotal: {
    ja: (approved: number, total: number, share: string): string => `承認済み ${approved}/${total}（${share}）`,
    en: (approved: number, total: number, share: string): string => `Approved ${approved}/${total} (${share})`
  },
  completionRemaining: {
    ja: (submitted: number, draft: number, missing: number): string =>
      [
        submitted > 0 ? `提出済み${submitted}` : "",
        draft > 0 ? `作成中${draft}` : "",
        missing > 0 ? `未作成${missing}` : ""
      ]
        .filter(Boolean)
        .join(" "),
    en: (submitted: number, draft: number, missing: number): string =>
      [
        submitted > 0 ? `${submitted} sub.` : "",
        draft > 0 ? `${draft} draft` : "",
        missing > 0 ? `${missing} none` : ""
      ]
        .filter(Boolean)
        .join(" ")
  },
  completionMore: {
    ja: (count: number, allApproved: boolean): string =>
      `…ほか ${count} 機関${allApproved ? "（すべて承認済み）" : ""}`,
    en: (count: number, allApproved: boolean): string =>
      `…${count} more agencies${allApproved ? " (all approved)" : ""}`
  },

  // ── Initiative list ─────────────────────────────────────────────────────────────────────────
  listTitle: {
    ja: (total: number): string => `政策・事業 ${total} 件`,
    en: (total: number): string => `Initiatives: ${total}`
  },
  listTitleFiltered: {
    ja: (shown: number, total: number, filter: string): string =>
      `政策・事業 ${shown} / ${total} 件（絞り込み「${filter}」）`,
    en: (shown: number, total: number, filter: string): string =>
      `Initiatives: ${shown} / ${total} (filter "${filter}")`
  },
  listColumns: {
    ja: { self: "自己", suggested: "提案", status: "状態", objective: "方針", name: "政策・事業" },
    en: { self: "Self", suggested: "Sugg", status: "Status", objective: "Obj.", name: "Initiative" }
  },
  listEmpty: {
    ja: "該当する政策・事業はありません（Esc で絞り込みを解除）",
    en: "No initiative matches (Esc clears the filter)"
  },

  // ── Initiative detail ───────────────────────────────────────────────────────────────────────
  discontinued: { ja: "（終了）", en: " (ended)" },
  detailObjective: { ja: "取組方針", en: "Objective" },
  detailLifeStages: { ja: "ライフステージ", en: "Life stages" },
  detailAgencies: { ja: "実施機関", en: "Agencies" },
  detailNoReview: { ja: "この年度の実施結果はまだありません", en: "No review for this year yet" },
  detailNoSuggestion: {
    ja: "提案なし（比べられる数値がありません）",
    en: "No suggestion (no figures to compare)"
  },
  detailSuggestion: {
    ja: (letter: string, measures: number, achievement: string): string =>
      `提案 ${letter}（指標 ${measures} 件の達成率平均 ${achievement}）`,
    en: (letter: string, measures: number, achievement: string): string =>
      `Suggested ${letter} (mean achievement of ${measures} measure${measures === 1 ? "" : "s"} ${achievement})`
  },
  detailStatus: { ja: "状態", en: "Status" },
  detailSelfRating: { ja: "自己評価", en: "Self-rating" },
  detailReason: { ja: "理由", en: "Reason" },
  detailMeasures: { ja: "指標と達成率", en: "Measures and achievement" },
  detailNoMeasures: { ja: "  ―（数値の指標はありません）", en: "  ― (no numeric measures)" },
  measureColumns: {
    ja: { label: "項目", actual: "実績", planned: "予定", ratio: "達成率" },
    en: { label: "Item", actual: "Actual", planned: "Planned", ratio: "Achieved" }
  },
  /** Actual, planned and ratio columns: English comparators are longer, its n/a reasons shorter. */
  measureWidths: {
    ja: [12, 14, 22] as readonly [number, number, number],
    en: [12, 17, 19] as readonly [number, number, number]
  },
  /** An actual of 0 under a positive ceiling (以下): no ratio, and the best there is. */
  unboundedRatio: { ja: "0（上限以下で最良）", en: "0 under ceiling" },
  notComputableRatio: {
    ja: (reason: string): string => `算出不可（${reason}）`,
    en: (reason: string): string => `n/a (${reason})`
  },
  detailConsistency: { ja: "整合性", en: "Consistency" },
  detailNoIssues: { ja: "  問題なし", en: "  No issues" },
  detailBullet: { ja: "  ・", en: "  - " },
  detailActions: {
    ja: (year: string): string => `実施結果（${year}）`,
    en: (year: string): string => `Actions (${year})`
  },
  detailResults: { ja: "参加者数等の結果", en: "Results (participants etc.)" },
  detailNextPlan: {
    ja: (year: string): string => `次年度の計画（${year}）`,
    en: (year: string): string => `Next year's plan (${year})`
  },
  detailContent: { ja: "内容", en: "Content" },
  detailRationale: { ja: "自殺リスクを下げる理由", en: "Why it lowers the risk of suicide" },
  detailHistory: { ja: "評価の推移", en: "Ratings over the years" },
  detailFooter: {
    ja: (from: number, to: number, total: number, more: boolean): string =>
      `${from}–${to} / ${total} 行${more ? "　↓ j で続き" : ""}　Esc 戻る`,
    en: (from: number, to: number, total: number, more: boolean): string =>
      `lines ${from}–${to} / ${total}${more ? "  ↓ j for more" : ""}  Esc back`
  },

  // ── Filter, year line, help ─────────────────────────────────────────────────────────────────
  filterPrompt: { ja: "/ 絞り込み: ", en: "/ Filter: " },
  filterHint: { ja: "　Enter 決定・Esc 解除", en: "  Enter apply · Esc clear" },
  yearLabel: { ja: "年度", en: "Year" },
  yearHint: {
    ja: "　← → で選ぶ・Enter 表示・Esc 取消",
    en: "  ← → choose · Enter show · Esc cancel"
  },
  helpTitle: { ja: "キー一覧", en: "Keys" },
  helpClose: { ja: "? か Esc で閉じる", en: "? or Esc closes" },
  keyBindings: {
    ja: (refreshSeconds: number): ReadonlyArray<readonly [keys: string, what: string]> => [
      ["↑ ↓  j k", "選択を移動（詳細では読み進める）"],
      ["Enter", "政策・事業を開く"],
      ["Esc  ←  h", "戻る"],
      ["Tab", "概要と政策・事業の一覧を切り替える"],
      ["/", "一覧を絞り込む（Enter 決定・Esc 解除）"],
      ["y", "年度を切り替える（← → で選んで Enter）"],
      ["r", refreshSeconds > 0 ? `今すぐ更新（自動更新は ${refreshSeconds} 秒ごと）` : "今すぐ更新"],
      ["?", "このキー一覧を開く・閉じる"],
      ["q", "終了"]
    ],
    en: (refreshSeconds: number): ReadonlyArray<readonly [keys: string, what: string]> => [
      ["↑ ↓  j k", "Move the selection (scroll in the detail)"],
      ["Enter", "Open the initiative"],
      ["Esc  ←  h", "Back"],
      ["Tab", "Switch between the overview and the list"],
      ["/", "Filter the list (Enter apply, Esc clear)"],
      ["y", "Change the fiscal year (← → then Enter)"],
      ["r", refreshSeconds > 0 ? `Refresh now (automatic every ${refreshSeconds} s)` : "Refresh now"],
      ["?", "Open or close this list of keys"],
      ["q", "Quit"]
    ]
  },

  // ── The command line (options.ts) ───────────────────────────────────────────────────────────
  usage: {
    ja: (defaultPlanId: string): string => `sukoyaka-dashboard: すこやかの運用ダッシュボード（端末）

  pnpm dashboard [オプション]

  --api-url URL       APIから読む（既定: SUKOYAKA_API_URL）。なければローカルDB（SUKOYAKA_DB / DATABASE_URL）
  --token TOKEN       APIトークン（既定: SUKOYAKA_TOKEN。プロセス一覧に出ないよう環境変数を勧めます）
  --plan ID           計画ID（既定: ${defaultPlanId}）
  --fiscal-year YEAR  年度（例: 2024 = 令和６年度。既定: 評価のある最新の年度）
  --refresh SECONDS   自動更新の間隔（既定: 30。0 で自動更新しない）
  --once              概要を1画面分のテキストで出力して終了（cronメール向け）
  --json              年度のまとめをJSONで出力して終了
  --width COLUMNS     --once の幅（既定: 端末の幅、なければ 80）
  --lang ja|en        表示の言語（既定: SUKOYAKA_LANG、なければ ja）
  -h, --help          この説明

キー: ↑↓/jk 移動  Enter 開く  Esc 戻る  Tab 概要/一覧  / 絞り込み  y 年度  r 更新  ? キー一覧  q 終了
環境変数 NO_COLOR を設定すると色を使いません。`,
    en: (defaultPlanId: string): string => `sukoyaka-dashboard: Sukoyaka's ops dashboard (terminal)

  pnpm dashboard [options]

  --api-url URL       read from the API (default: SUKOYAKA_API_URL); without
                      one, the local database (SUKOYAKA_DB / DATABASE_URL)
  --token TOKEN       API token (default: SUKOYAKA_TOKEN; the variable keeps
                      it out of the process list)
  --plan ID           plan id (default: ${defaultPlanId})
  --fiscal-year YEAR  fiscal year, e.g. 2024 (default: the latest with reviews)
  --refresh SECONDS   seconds between refreshes (default: 30; 0: only on r)
  --once              print the overview as plain text and exit (cron mail)
  --json              print the year's summary as JSON and exit
  --width COLUMNS     the width of --once (default: the terminal's, else 80)
  --lang ja|en        the language shown (default: SUKOYAKA_LANG, else ja)
  -h, --help          this text

Keys: ↑↓/jk move  Enter open  Esc back  Tab overview/list  / filter  y year
      r refresh  ? keys  q quit
Set NO_COLOR to turn colour off.`
  },
  optionInteger: {
    ja: (name: string, min: number, max: number): string => `${name} は ${min}〜${max} の整数で指定してください`,
    en: (name: string, min: number, max: number): string => `${name} must be a whole number from ${min} to ${max}`
  },
  /** Said in both languages at once (options.ts): whoever mistyped the language may read either. */
  optionLang: {
    ja: (name: string): string => `${name} は ja か en です`,
    en: (name: string): string => `${name} must be ja or en`
  },
  optionApiUrl: {
    ja: (url: string): string => `--api-url は http:// か https:// で始まるURLです: ${url}`,
    en: (url: string): string => `--api-url must be a URL starting with http:// or https://: ${url}`
  },

  // ── Data sources (errors for the status line and stderr) ────────────────────────────────────
  errorUnreachable: {
    ja: (cause: string, url: string): string => `APIに接続できません（${cause}: ${url}）`,
    en: (cause: string, url: string): string => `Cannot reach the API (${cause}: ${url})`
  },
  errorUnauthorized: {
    ja: "トークンが拒否されました（401）: --token か SUKOYAKA_TOKEN を確かめてください",
    en: "The token was refused (401): check --token or SUKOYAKA_TOKEN"
  },
  errorForbidden: {
    ja: "このトークンには閲覧の権限がありません（403）",
    en: "This token may not read the dashboard's data (403)"
  },
  errorNotFound: {
    ja: (what: string): string => `${what}が見つかりません（404）`,
    en: (what: string): string => `Not found: ${what} (404)`
  },
  errorServer: {
    ja: (status: number): string => `APIがエラーを返しました（${status}）`,
    en: (status: number): string => `The API answered with an error (${status})`
  },
  errorNotSukoyaka: {
    ja: (url: string): string =>
      `${url} はすこやかのAPIではありません（pnpm start が表示するAPIのアドレスを指定してください）`,
    en: (url: string): string => `${url} is not a Sukoyaka API (give the API address that pnpm start prints)`
  },
  errorInvalidResponse: {
    ja: (what: string): string => `APIの応答を読めません（${what}）`,
    en: (what: string): string => `Cannot read the API's answer (${what})`
  },
  errorDatabase: {
    ja: (first: string): string => `データベースを読めません: ${first}`,
    en: (first: string): string => `Cannot read the database: ${first}`
  },
  errorPlanNotFound: {
    ja: (planId: string): string => `計画 ${planId} が見つかりません（初期データは pnpm sukoyaka db seed で入ります）`,
    en: (planId: string): string => `Plan ${planId} not found (pnpm sukoyaka db seed loads the initial data)`
  },
  errorInitiativeNotFound: {
    ja: (no: string): string => `No.${no} が見つかりません`,
    en: (no: string): string => `No.${no} not found`
  },
  whatInitiatives: { ja: "政策・事業", en: "initiatives" },
  whatPlan: {
    ja: (planId: string): string => `計画 ${planId}`,
    en: (planId: string): string => `plan ${planId}`
  },
  whatSummary: { ja: "年度のまとめ", en: "year summary" },
  whatTargets: { ja: "目標値", en: "targets" },
  whatTrends: { ja: "年度ごとの推移", en: "trends" },
  whatCoverage: { ja: "国の施策との対応", en: "national measures coverage" },
  whatCycles: { ja: "評価サイクル", en: "review cycle" }
})

type Table = typeof messageTable

/** The dashboard's words in one language: what `useMessages()` gives. */
export type Messages = { readonly lang: Lang } & {
  readonly [K in keyof Table]: Table[K]["ja"]
}

const built = new Map<Lang, Messages>()

export const messagesFor = (lang: Lang): Messages => {
  const cached = built.get(lang)
  if (cached) return cached
  const messages = Object.fromEntries([
    ["lang", lang],
    ...Object.entries(messageTable).map(([key, entry]) => [key, entry[lang]])
  ]) as Messages
  built.set(lang, messages)
  return messages
}
