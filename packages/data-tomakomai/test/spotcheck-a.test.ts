/**
 * Independent spot-check of the transcription (rows No. 57, 58, 63, 64, 66, 68, 74, 79).
 *
 * Every expected value below was read from the seed (`seed/tomakomai-step3-policy3-fy2024.txt`)
 * and rebuilt by the rules of TRANSCRIBING.md: wrapped lines joined without a space, the city's own
 * line breaks kept as `\n`, the em space (U+2003) after ● and inside city lines kept as printed,
 * Kangxi radicals and ʷ repaired. None of it was copied from `data/initiatives/*.json`.
 */
import type { LifeStage, Measure, Rating } from "@sukoyaka/core"
import { describe, expect, it } from "vitest"
import { row } from "./helpers.ts"

interface ExpectedMeasure {
  readonly label: string
  readonly unit: string
  readonly actual?: number
  readonly planned?: number
  readonly plannedUnit?: string
  readonly comparator: Measure["comparator"]
  readonly agency: string | null
}

interface Expected {
  readonly no: number
  readonly objectiveNo: number
  readonly lifeStagesText: string
  readonly lifeStages: ReadonlyArray<LifeStage>
  readonly name: string
  readonly markers: { readonly isNew: boolean; readonly newNote: string | null; readonly formerName: string | null }
  readonly content: string
  readonly agencyNames: ReadonlyArray<string>
  readonly status: "active" | "discontinued"
  readonly review: {
    readonly actions: string
    readonly resultText: string
    readonly plannedText: string
    readonly selfRating: Rating | null
    readonly ratingReason: string
    readonly measures: ReadonlyArray<ExpectedMeasure>
  }
  readonly next: {
    readonly actions: string
    readonly plannedText: string
    readonly measures: ReadonlyArray<ExpectedMeasure>
  }
}

const plain = { isNew: false, newNote: null, formerName: null } as const

/** A measure as compared here: absent figures stay absent (never 0), `agency` is explicit. */
const shape = (measure: Measure): ExpectedMeasure => ({
  label: measure.label,
  unit: measure.unit,
  ...(measure.actual === undefined ? {} : { actual: measure.actual }),
  ...(measure.planned === undefined ? {} : { planned: measure.planned }),
  ...(measure.plannedUnit === undefined ? {} : { plannedUnit: measure.plannedUnit }),
  comparator: measure.comparator,
  agency: measure.agency === undefined ? "(missing)" : measure.agency
})

const expectations: ReadonlyArray<Expected> = [
  {
    no: 57,
    objectiveNo: 1,
    lifeStagesText: "乳幼児期",
    lifeStages: ["infancy"],
    name: "子育て支援センター事業",
    markers: plain,
    content:
      "●\u2003親子で気軽に足を運ぶことができる子育て支援センターや子育てルームを常設し、地域の子育て支援機能の充実を図ります。\n●\u2003室内遊戯室でこどもを見守りながら育児等の悩みを気軽に相談できる場や育児に関する講座の開催を通して、地域で安心して子育てができるよう努めます。",
    agencyNames: ["こども育成課"],
    status: "active",
    review: {
      actions:
        "・親子ふれあいプレイルームの開放\n\u2003\u2003月～土\u20039:30～12:00\u200313:00～16:00\n・ランチルーム開放\u20037月1日実施\u2003月～土\u200312:00～13:00\n・子育て講座の開催（年間40回）\n・育児相談\u2003月～土\u20039:30～17:00\n・子ども・子育て相談ナビ（利用者支援員相談窓口）\n\u2003\u2003月～金\u20039:00～16:00\n・食事相談\u20035～2月\u2003年間28回（月2.3回）\n・保健師相談\u20036～1月\u2003年間16回（月2回）\n・サークル支援～サークルルームの無償提供・交流会・遊具絵本貸出し\n・子育て情報誌「のんき\u2003こんき\u2003げんき」年3回発行\u2003子育て情報「いっしょにあ・そ・ぼ」月1回公開\u2003子育てハガキ通信発送（毎月）",
      resultText:
        "・プレイルーム利用者：13,878人\n・ランチルーム利用者：延べ127世帯、491人（7月～3月の9か月間）\n・子育て講座参加者：年間38回、1,210人\n・育児相談：79件\n・食事相談：年間30回、65件\n・保健師相談：年間16回、100件",
      plannedText: "・プレイルーム利用者予想数：年間14,000人\n・各種講座参加者予定数：1,200人",
      selfRating: "A",
      ratingReason:
        "プレイルーム利用者や子育て講座の参加者はおおむね目標に達した。育児・食事・保健師相談や情報誌やＬＩＮＥ配信などもは計画どおりに実施することができた。",
      measures: [
        { label: "プレイルーム利用者", unit: "人", actual: 13878, planned: 14000, comparator: "approx", agency: null },
        { label: "ランチルーム利用者", unit: "世帯", actual: 127, comparator: "exact", agency: null },
        { label: "ランチルーム利用者", unit: "人", actual: 491, comparator: "exact", agency: null },
        // 「子育て講座参加者：年間38回、1,210人」: both figures under the city's own name for the line.
        { label: "子育て講座参加者", unit: "回", actual: 38, comparator: "exact", agency: null },
        { label: "子育て講座参加者", unit: "人", actual: 1210, planned: 1200, comparator: "approx", agency: null },
        { label: "育児相談", unit: "件", actual: 79, comparator: "exact", agency: null },
        { label: "食事相談", unit: "回", actual: 30, comparator: "exact", agency: null },
        { label: "食事相談", unit: "件", actual: 65, comparator: "exact", agency: null },
        { label: "保健師相談", unit: "回", actual: 16, comparator: "exact", agency: null },
        { label: "保健師相談", unit: "件", actual: 100, comparator: "exact", agency: null }
      ]
    },
    next: {
      actions:
        "・親子ふれあいプレイルームの開放\n\u2003\u2003月～土\u20039:30～12:00\u200313:00～16:00\n・ランチルーム開放\u20037月1日実施\u2003月～土\u200312:00～13:00\n・子育て講座の開催（年間40回）\n・育児相談\u2003月～土\u20039:30～17:00\n・子ども・子育て相談ナビ（利用者支援員相談窓口）\n\u2003\u2003月～金\u20039:00～16:00\n・食事相談\u20035～2月\u2003年間28回（月2.3回）\n・保健師相談\u20036～1月\u2003年間16回（月2回）\n・サークル支援～サークルルームの無償提供・交流会・遊具絵本貸出し\n・子育て情報誌「のんき\u2003こんき\u2003げんき」年3回発行\u2003子育て情報「いっしょにあ・そ・ぼ」月1回公開\u2003子育てハガキ通信発送（毎月）",
      plannedText: "・プレイルーム利用者予想数：年間14,000人\n・各種講座参加者予定数：1,200人",
      measures: [
        { label: "プレイルーム利用者", unit: "人", planned: 14000, comparator: "approx", agency: null },
        { label: "各種講座参加者", unit: "人", planned: 1200, comparator: "approx", agency: null }
      ]
    }
  },
  {
    no: 58,
    objectiveNo: 1,
    lifeStagesText: "学童期",
    lifeStages: ["schoolAge"],
    name: "若年層向け「いのちの授業」",
    markers: plain,
    content:
      "●\u2003中高生向けに、生と性の講演会を行います。また、相談先の周知として「にんしんＳＯＳカード」や「こころの体温計」を配布します。\n●\u2003若年層の自殺での死因は高く、ハイリスク層と言えます。講演会を通して、命の大切さを感じてもらうことで自殺予防につなげます。",
    agencyNames: ["健康支援課"],
    status: "active",
    review: {
      actions:
        "市内の中高生向けに生と性の教育を行い、いのちの大切さを伝えるとともに、「にんしんSOSカード」を配付し、相談先を周知しました。",
      resultText:
        "実施学校数の割合\n中学校：100％（15校中15校。1,390名が参加）\n高校：72.7％（11校中8校。1,420名のが参加）",
      plannedText: "中学校15校（1,300名程度）、高校8校（1,400名程度）の見込み",
      selfRating: "A",
      ratingReason: "計画どおり実施できた。",
      measures: [
        { label: "実施学校数の割合（中学校）", unit: "％", actual: 100, comparator: "exact", agency: null },
        { label: "実施学校数（中学校）", unit: "校", actual: 15, planned: 15, comparator: "approx", agency: null },
        { label: "参加者（中学校）", unit: "名", actual: 1390, planned: 1300, comparator: "approx", agency: null },
        { label: "実施学校数の割合（高校）", unit: "％", actual: 72.7, comparator: "exact", agency: null },
        { label: "実施学校数（高校）", unit: "校", actual: 8, planned: 8, comparator: "approx", agency: null },
        { label: "参加者（高校）", unit: "名", actual: 1420, planned: 1400, comparator: "approx", agency: null }
      ]
    },
    next: {
      actions:
        "市内の中高生向けに生と性の教育を行い、いのちの大切さを伝える。また、相談先の周知として「にんしんSOSカード」を配付する。",
      plannedText: "実施学校数の割合\n中学校：100％（15校中15校。1,300名程度）\n高校：81.8％（11校中9校。1,500名程度）",
      measures: [
        { label: "実施学校数の割合（中学校）", unit: "％", planned: 100, comparator: "exact", agency: null },
        { label: "実施学校数（中学校）", unit: "校", planned: 15, comparator: "exact", agency: null },
        { label: "参加者（中学校）", unit: "名", planned: 1300, comparator: "approx", agency: null },
        { label: "実施学校数の割合（高校）", unit: "％", planned: 81.8, comparator: "exact", agency: null },
        { label: "実施学校数（高校）", unit: "校", planned: 9, comparator: "exact", agency: null },
        { label: "参加者（高校）", unit: "名", planned: 1500, comparator: "approx", agency: null }
      ]
    }
  },
  {
    no: 63,
    objectiveNo: 1,
    lifeStagesText: "学童期",
    lifeStages: ["schoolAge"],
    name: "児童精神外来・思春期外来",
    markers: plain,
    content:
      "●\u2003児童・思春期に見られる精神疾患や発達障害などで、生活のしにくさ感じている児童の相談を受けます。\n●\u2003生活のしにくさを感じている方は、その背景に発達の課題を持たれている可能性があります。必要に応じて、診断や治療を行い、少しでも生活がしやすくなるよう支援します。",
    agencyNames: ["苫小牧市立病院", "北海道メンタルケアセンター"],
    status: "active",
    review: {
      actions:
        "《市立病院》\n\u2003引き続き、専門外来の診療の中で必要なケースに対して支援を行った。\n《北海道メンタルケアセンター》\n・児童・思春期に見られる精神疾患や発達障害などで、生活のしにくさ感じている児童の相談を受ける。\n・必要に応じて、診断や治療を行い、少しでも生活がしやすくなるよう支援する。",
      // 「(R7年3月末時点）」 sits on the next printed line; nothing shows the city broke the line there
      // (the opening 「(」 cannot end a line), so it is read as a wrap and joined.
      resultText:
        "《市立病院》\n児童精神外来の受診前に当院の公認心理師が行う問診件数：205名(R7年3月末時点）\n《北海道メンタルケアセンター》\n児童新患受け入れ：52名\n思春期受け入れ：104名\n16歳以下の診察数：1,423名",
      plannedText: "―",
      selfRating: "A",
      ratingReason:
        "《市立病院》\n児童精神外来の受診前に、公認心理師が必要に応じて適切に介入できた。\n《北海道メンタルケアセンター》\n新患患者を予定数通り受け入れることができた。",
      measures: [
        {
          label: "児童精神外来の受診前に当院の公認心理師が行う問診件数",
          unit: "名",
          actual: 205,
          comparator: "exact",
          agency: "苫小牧市立病院"
        },
        {
          label: "児童新患受け入れ",
          unit: "名",
          actual: 52,
          comparator: "exact",
          agency: "北海道メンタルケアセンター"
        },
        { label: "思春期受け入れ", unit: "名", actual: 104, comparator: "exact", agency: "北海道メンタルケアセンター" },
        {
          label: "16歳以下の診察数",
          unit: "名",
          actual: 1423,
          comparator: "exact",
          agency: "北海道メンタルケアセンター"
        }
      ]
    },
    next: {
      actions:
        "《市立病院》\n引き続き、専門外来の診療の中で必要なケースに対して支援を行う。\n《北海道メンタルケアセンター》\n・児童・思春期に見られる精神疾患や発達障害などで、生活のしにくさ感じている児童の相談を受ける。\n・必要に応じて、診断や治療を行い、少しでも生活がしやすくなるよう支援する。",
      plannedText:
        "《市立病院》\n必要に応じて随時対応\n《北海道メンタルケアセンター》\n児童新患受け入れ：52名\n思春期受け入れ：52名\n16歳以下の診察数：1,423名",
      measures: [
        {
          label: "児童新患受け入れ",
          unit: "名",
          planned: 52,
          comparator: "exact",
          agency: "北海道メンタルケアセンター"
        },
        { label: "思春期受け入れ", unit: "名", planned: 52, comparator: "exact", agency: "北海道メンタルケアセンター" },
        {
          label: "16歳以下の診察数",
          unit: "名",
          planned: 1423,
          comparator: "exact",
          agency: "北海道メンタルケアセンター"
        }
      ]
    }
  },
  {
    no: 64,
    objectiveNo: 1,
    lifeStagesText: "学童期",
    lifeStages: ["schoolAge"],
    name: "心の相談員派遣",
    markers: plain,
    content:
      "●\u2003小・中・高校へ相談員を派遣し、相談を受け付けます。また、電話での相談も行っています。\n●\u2003話を傾聴し、相談者の悩みの軽減を図ります。",
    agencyNames: ["苫小牧家庭生活カウンセリング協会"],
    status: "discontinued",
    review: {
      actions: "（協会会員の高齢化や会員数減少により、活動実績なし）",
      resultText: "",
      plannedText: "10名",
      selfRating: null,
      ratingReason: "",
      // H prints 「10名」 with no name: the column heading (参加者数等予定数) names it.
      measures: [{ label: "参加者数等", unit: "名", planned: 10, comparator: "exact", agency: null }]
    },
    next: {
      actions: "（令和7年4月26日の総会をもって、\n\u2003苫小牧地区家庭生活カウンセリング協会は解散した）",
      plannedText: "",
      measures: []
    }
  },
  {
    no: 66,
    objectiveNo: 1,
    lifeStagesText: "青壮年期",
    lifeStages: ["adulthood"],
    name: "ひとり親家庭等日常生活支援事業",
    markers: plain,
    content:
      "●\u2003ひとり親家庭等において様々な事情により日常生活を営むのに大きな支障を生じている場合や、自立促進に向けた活動をする場合などに、支援員を派遣するなどの対応をして支援します。\n●\u2003日常生活を営むのに課題を抱えた家庭を支援することで、自殺リスクの軽減を図ります。",
    agencyNames: ["こども支援課"],
    status: "active",
    review: {
      actions:
        "・ひとり親家庭等において、日常生活を営むのに大きな支障を生じている場合や、自立促進に向けた活動をする場合などに、支援員を派遣し、日常生活の支援を行った。\n・本事業による支援により、ひとり親家庭等の日常生活の安定を図り、精神的負担や自殺リスクを軽減した。",
      resultText: "315件（延べ件数）",
      plannedText: "45名",
      selfRating: "A",
      ratingReason:
        "ひとり親家庭等において支援の必要性が認められた場合、家庭生活支援員を派遣するなどして子育て支援や生活援助を実施し、その生活の安定や自立の促進を図った。",
      measures: [
        {
          label: "延べ件数",
          unit: "件",
          actual: 315,
          planned: 45,
          plannedUnit: "名",
          comparator: "exact",
          agency: null
        }
      ]
    },
    next: {
      actions:
        "・ひとり親家庭等において、日常生活を営むのに大きな支障を生じている場合や、自立促進に向けた活動をする場合などに、支援員を派遣し、日常生活の支援を行う。\n・本事業による支援により、ひとり親家庭等の日常生活の安定を図ることで、精神的負担の軽減や、自殺リスクの軽減を図る。",
      plannedText: "300件",
      measures: [{ label: "延べ件数", unit: "件", planned: 300, comparator: "exact", agency: null }]
    }
  },
  {
    no: 68,
    objectiveNo: 1,
    lifeStagesText: "青壮年期",
    lifeStages: ["adulthood"],
    name: "DV相談",
    markers: plain,
    content:
      "●\u2003配偶者等による暴力被害などの相談を受け、助言・指導をするほか、必要に応じて警察や民間シェルター等と連携し、被害者の保護支援を図ります。\n●\u2003配偶者やパートナーから暴力を受けるという経験は、自殺のリスクを上昇させかねません。相談の機会を通して、解決の糸口を探り、自殺リスクの軽減を図ります。",
    agencyNames: ["協働・男女平等参画室", "北海道立女性相談支援センター", "NPO法人ウィメンズ結"],
    status: "active",
    review: {
      actions:
        "《協働・男女平等参画室》\n・託児付相談の継続\n・希望時間に応じた夜間相談の実施\n・配偶者等からの暴力被害者にかかる連絡会議の継続実施\n・中学校及び高校向けデートDV出前授業をNPO法人ウィメンズ結に委託して実施\n・市内施設にDV防止啓発リーフレットの設置\n・女性に対する暴力をなくす運動期間に合わせ、市内8施設においてパープルライトアップの実施\n《北海道立女性相談支援センター、NPO法人ウィメンズ結》\n・配偶者等による暴力被害等の相談を受け、助言・指導を実施。必要に応じ警察や民間シェルター等と連携し、被害者の保護支援も実施。\n・相談を通じて解決の糸口を探り、自殺リスクの軽減を図った。",
      resultText:
        "《協働・男女平等参画室》\n・託児付相談2件、夜間相談4件\n・配偶者等からの暴力被害者にかかる連絡会議：37人（目標30人）\n・DV防止啓発リーフレットの設置：44施設（令和5年度は41施設）\n・パープルライトアップの実施：８施設（目標7施設）\n《NPO法人ウィメンズ結》\n・デートDV防止出前授業：中学校15校、高校3校、専門学校1校\n・啓発事業として人権講演会を開催：参加者70名\n・相談・助言・同行支援：2,284件",
      plannedText: "配偶者等からの暴力被害者にかかる連絡会議：30人",
      selfRating: "A",
      ratingReason: "どの項目も目標及び前年度を上回る実施結果となった。",
      measures: [
        { label: "託児付相談", unit: "件", actual: 2, comparator: "exact", agency: "協働・男女平等参画室" },
        { label: "夜間相談", unit: "件", actual: 4, comparator: "exact", agency: "協働・男女平等参画室" },
        {
          label: "配偶者等からの暴力被害者にかかる連絡会議",
          unit: "人",
          actual: 37,
          planned: 30,
          comparator: "exact",
          agency: "協働・男女平等参画室"
        },
        {
          label: "DV防止啓発リーフレットの設置",
          unit: "施設",
          actual: 44,
          comparator: "exact",
          agency: "協働・男女平等参画室"
        },
        {
          label: "パープルライトアップの実施",
          unit: "施設",
          actual: 8,
          comparator: "exact",
          agency: "協働・男女平等参画室"
        },
        {
          label: "デートDV防止出前授業：中学校",
          unit: "校",
          actual: 15,
          comparator: "exact",
          agency: "NPO法人ウィメンズ結"
        },
        {
          label: "デートDV防止出前授業：高校",
          unit: "校",
          actual: 3,
          comparator: "exact",
          agency: "NPO法人ウィメンズ結"
        },
        {
          label: "デートDV防止出前授業：専門学校",
          unit: "校",
          actual: 1,
          comparator: "exact",
          agency: "NPO法人ウィメンズ結"
        },
        { label: "人権講演会参加者", unit: "名", actual: 70, comparator: "exact", agency: "NPO法人ウィメンズ結" },
        { label: "相談・助言・同行支援", unit: "件", actual: 2284, comparator: "exact", agency: "NPO法人ウィメンズ結" }
      ]
    },
    next: {
      actions:
        "《協働・男女平等参画室》\n・託児付相談を継続して実施する\n・希望時間に応じた夜間相談を行う\n・配偶者等からの暴力被害者に係る連絡会議を実施する\n・中学校及び高校向けデートDV出前授業を委託して実施する\n・市内施設にDV防止啓発リーフレットを設置する\n・女性に対する暴力をなくす運動期間に合わせ、パープルライトアップを実施する\n《北海道立女性相談支援センター、NPO法人ウィメンズ結》\n・配偶者等による暴力被害等の相談を受け、助言・指導をするほか、必要に応じて警察や民間シェルター等と連携し、被害者の保護支援を行う。",
      plannedText:
        "《協働・男女平等参画室》\n・配偶者等からの暴力被害者にかかる連絡会議：30人\n・パープルライトアップの実施：８施設",
      measures: [
        {
          label: "配偶者等からの暴力被害者にかかる連絡会議",
          unit: "人",
          planned: 30,
          comparator: "exact",
          agency: "協働・男女平等参画室"
        },
        {
          label: "パープルライトアップの実施",
          unit: "施設",
          planned: 8,
          comparator: "exact",
          agency: "協働・男女平等参画室"
        }
      ]
    }
  },
  {
    no: 74,
    objectiveNo: 2,
    // Column A is cut by the page break: only 「年期」 is printed, the end of a notation that cannot
    // be read whole, so no life stage is assumed (as for No. 110).
    lifeStagesText: "年期",
    lifeStages: [],
    name: "ハラスメント対策の推進【新】",
    markers: { isNew: true, newNote: null, formerName: null },
    content:
      "●\u2003職場におけるあらゆるハラスメントを防止し、働きやすい職場環境を整備します。\n●\u2003ハラスメント行為は、職員の人格や尊厳を不当に傷つけ、職場環境の悪化を招き、生産性を低下させることから、市と関わるすべての関係者間のハラスメントを防止します。",
    agencyNames: ["行政監理室"],
    status: "active",
    review: {
      actions:
        "・ハラスメント相談対応\n・ハラスメント研修の実施\n・「ハラスメント・ゼロ宣言」の周知\n・カスハラ防止啓発ポスターの掲示",
      resultText: "ハラスメント研修\n・4月「新採用職員研修」内：54人\n・10月「カスタマーハラスメント対応研修」：81人",
      plannedText:
        "ハラスメント研修\n・4月「新採用職員研修」内：54人（実績）\n・2月「特別研修ハラスメント防止研修」：50人程度を予定（昨年度実績47人）",
      selfRating: "A",
      ratingReason:
        "実施計画を遅滞なく実行できたことに加え、外部講師を招聘し、昨今、社会問題化しているカスハラ対策についても対応した。",
      measures: [
        { label: "4月「新採用職員研修」内", unit: "人", actual: 54, planned: 54, comparator: "exact", agency: null },
        { label: "10月「カスタマーハラスメント対応研修」", unit: "人", actual: 81, comparator: "exact", agency: null },
        { label: "2月「特別研修ハラスメント防止研修」", unit: "人", planned: 50, comparator: "approx", agency: null }
      ]
    },
    next: {
      actions:
        "・ハラスメント相談対応\n・ハラスメント研修の実施\n・「ハラスメント・ゼロ宣言」の周知\n・ハラスメントダイヤルサービス（外部委託）の導入",
      plannedText:
        "ハラスメント研修\n・4月「新採用職員研修」内：58人（実績）\n・外部講師を招聘し、集合（50名程度）もしくは動画（オンデマンド）で実施",
      measures: [
        { label: "4月「新採用職員研修」内", unit: "人", planned: 58, comparator: "exact", agency: null },
        // The line names no training: the label is the cell's heading and 「集合」, the format the 50名 is for.
        { label: "ハラスメント研修（集合）", unit: "名", planned: 50, comparator: "approx", agency: null }
      ]
    }
  },
  {
    no: 79,
    objectiveNo: 2,
    lifeStagesText: "青壮年期～高齢期",
    lifeStages: ["adulthood", "elderly"],
    name: "国民健康保険セルフストレスチェック事業",
    markers: plain,
    content:
      "●\u2003国保加入者で就労している方を対象にセルフストレスチェックを実施します。\n●\u2003就労世代のメンタルヘルスを促進し、精神疾病の発症予防による将来的な医療費抑制と自殺予防を図ります。",
    agencyNames: ["保険年金課"],
    status: "active",
    review: {
      actions:
        "\u2003ハスカッププラザに委託し、希望者に労働安全衛生法で規定する「心理的な負担の程度を把握するための検査等」と同等の検査を実施します。検査の結果、高ストレスに該当した方の内、希望者に医師による面接指導を実施。",
      resultText: "受検者\u2003\u2003\u200326人\n面談実施者\u2003なし",
      plannedText: "定員\u2003100人",
      selfRating: "C",
      ratingReason:
        "メンタルヘルスを見直す機会を提供しており、心の健康づくりに寄与しているが、定員100名に対し、受検者数が低調であった",
      measures: [{ label: "受検者", unit: "人", actual: 26, planned: 100, comparator: "exact", agency: null }]
    },
    next: {
      actions:
        "ハスカッププラザに委託し、希望者に労働安全衛生法で規定する「心理的な負担の程度を把握するための検査等」と同等の検査を実施する。検査の結果、高ストレスに該当した方のうち、希望者に医師による面接指導を実施する。",
      plannedText: "定員\u2003100人",
      measures: [{ label: "受検者", unit: "人", planned: 100, comparator: "exact", agency: null }]
    }
  }
]

describe.each(expectations)("No. $no (spot-check against the seed)", (expected) => {
  const { agencyNames, initiative, review } = row(expected.no)

  it("column B and the objective", () => {
    expect(initiative.no).toBe(expected.no)
    expect(initiative.objectiveNo).toBe(expected.objectiveNo)
  })

  it("column A: life stages", () => {
    expect(initiative.lifeStagesText).toBe(expected.lifeStagesText)
    expect(initiative.lifeStages).toEqual(expected.lifeStages)
  })

  it("column C: name and markers", () => {
    expect(initiative.name).toBe(expected.name)
    expect(initiative.markers).toEqual(expected.markers)
  })

  it("column D: content", () => {
    expect(initiative.content).toBe(expected.content)
  })

  it("column E: agencies, and the status", () => {
    expect(agencyNames).toEqual(expected.agencyNames)
    expect(initiative.status).toBe(expected.status)
  })

  it("columns F–J: the FY2024 review", () => {
    expect(review.fiscalYear).toBe(2024)
    expect(review.actions).toBe(expected.review.actions)
    expect(review.resultText).toBe(expected.review.resultText)
    expect(review.plannedText).toBe(expected.review.plannedText)
    expect(review.selfRating).toBe(expected.review.selfRating)
    expect(review.ratingReason).toBe(expected.review.ratingReason)
  })

  it("columns G/H: the FY2024 measures", () => {
    expect(review.measures.map(shape)).toEqual(expected.review.measures)
  })

  it("columns K/L: the FY2025 plan", () => {
    expect(review.next.fiscalYear).toBe(2025)
    expect(review.next.actions).toBe(expected.next.actions)
    expect(review.next.plannedText).toBe(expected.next.plannedText)
  })

  it("column L: the FY2025 measures", () => {
    expect(review.next.measures.map(shape)).toEqual(expected.next.measures)
  })
})
