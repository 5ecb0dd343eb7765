/**
 * Independent spot-check B: rows No. 75, 86, 87, 88, 95, 104, 107, 108, 110, 111.
 *
 * Every expected value below was read from the seed (seed/tomakomai-step3-policy3-fy2024.txt) and
 * rebuilt by the rules of TRANSCRIBING.md: wrapped lines joined, the city's own line breaks kept as
 * `\n`, Kangxi radicals (⾧) repaired to 長 and ʷ to ―. `\u2003` is the em space printed after ●
 * and at the start of indented sub-lines. The values were not taken from data/initiatives/*.json.
 */
import { describe, expect, it } from "vitest"
import type { LifeStage } from "@sukoyaka/core"
import { row, seedText } from "./helpers.ts"

/** label, unit, actual, planned, plannedUnit, comparator */
type MeasureRow = readonly [
  label: string,
  unit: string,
  actual: number | undefined,
  planned: number | undefined,
  plannedUnit: string | undefined,
  comparator: "atLeast" | "atMost" | "approx" | "exact"
]

interface Expected {
  readonly no: number
  readonly objectiveNo: 1 | 2 | 3 | 4
  readonly lifeStagesText: string
  readonly lifeStages: ReadonlyArray<LifeStage>
  readonly name: string
  readonly markers: { readonly isNew: boolean; readonly newNote: string | null; readonly formerName: string | null }
  readonly content: string
  readonly agencyNames: ReadonlyArray<string>
  readonly actions: string
  readonly resultText: string
  readonly plannedText: string
  readonly measures: ReadonlyArray<MeasureRow>
  readonly selfRating: "A" | "B" | "C" | "D" | null
  readonly ratingReason: string
  readonly nextActions: string
  readonly nextPlannedText: string
  readonly nextMeasures: ReadonlyArray<MeasureRow>
}

const ALL: ReadonlyArray<LifeStage> = ["pregnancy", "infancy", "schoolAge", "adulthood", "elderly"]
const noMarkers = { isNew: false, newNote: null, formerName: null }

const expectations: ReadonlyArray<Expected> = [
  {
    no: 75,
    objectiveNo: 2,
    lifeStagesText: "青壮年期",
    lifeStages: ["adulthood"],
    name: "長時間労働の是正【新】",
    markers: { isNew: true, newNote: null, formerName: null },
    content:
      "●\u2003労働時間を適正に把握し、時間外勤務の縮減に向けた取組を推進します。\n" +
      "●\u2003職員の心身の健康を確保し、仕事と私生活の充実を図るため、休暇の取得促進と長時間労働を是正します。",
    agencyNames: ["行政監理室"],
    actions:
      "・時差出勤・在宅勤務の実施\n" +
      "・休暇取得計画（年間・月間）の作成\n" +
      "・有給休暇5日未取得者への通知\n" +
      "・長時間勤務職員に対する健康状況等の把握と医師による面接指導の実施\n" +
      "・出退勤管理システムによる労働時間の適正把握",
    resultText: "―",
    plannedText: "―",
    measures: [],
    selfRating: "A",
    ratingReason:
      "各施策を確実に実施し、出退勤管理の対象外としていた保育園についても計画どおりシステムを導入し、運用を開始した。",
    nextActions:
      "・時差出勤・在宅勤務の実施及び要綱の見直し\n" +
      "・休暇取得計画（年間・月間）の作成\n" +
      "・有給休暇5日未取得者への通知\n" +
      "・長時間勤務職員に対する健康状況等の把握と医師による面接指導の実施\n" +
      "・出退勤管理システムによる労働時間の適正把握",
    nextPlannedText: "―",
    nextMeasures: []
  },
  {
    no: 86,
    objectiveNo: 3,
    lifeStagesText: "全期対象",
    lifeStages: ALL,
    name: "東胆振精神保健大会",
    markers: noMarkers,
    content:
      "●\u2003地域住民の精神保健に関する知識の普及と精神的健康の保持増進を図るため設置された東胆振精神保健協会（事務局：苫小牧保健所）に参画します。",
    agencyNames: ["障がい福祉課", "健康支援課"],
    actions:
      "《障がい福祉課》\n" +
      "『東胆振精神保健協会通信「かけはし」』の編集を中心として、協会の運営に参画し地域の精神保健の啓発を図る。\n" +
      "・東胆振精神保健大会（令和6年11月2日）\n" +
      "・心のアート展（令和6年9月6～8日）\n" +
      "・機関紙「かけはし」の発行（9月、3月）",
    resultText: "―",
    plannedText: "―",
    measures: [],
    selfRating: "A",
    ratingReason: "健康支援課と業務を分担し滞りなく催しおよび機関紙を発行できた。",
    nextActions:
      "《障がい福祉課》\n" +
      "『東胆振精神保健協会通信「かけはし」』の編集を中心として、協会の運営に参画し地域の精神保健の啓発を図る。",
    nextPlannedText: "―",
    nextMeasures: []
  },
  {
    no: 87,
    objectiveNo: 3,
    lifeStagesText: "全期対象",
    lifeStages: ALL,
    name: "東胆振「生きるを支える」連携会議（旧・東胆振自殺予防対策推進連絡会議）",
    markers: { isNew: false, newNote: null, formerName: "東胆振自殺予防対策推進連絡会議" },
    content:
      "●\u2003自殺対策に関係する行政機関や民間団体が、自殺の関する地域の現状や課題を共有します。\n" +
      "●\u2003地域の自殺対策の推進と関係機関及び団体が連携を強化し、自殺死亡者の減少を図ります。",
    agencyNames: ["苫小牧保健所"],
    actions:
      "・管内の自殺者数や傾向、にも包括の取組について共有。\n" +
      "・管内市町の自殺対策行動計画について、進捗状況を共有。\n" +
      "・働き世代の自殺者・未遂者の現状と支援の連携状況について、情報共有。\n" +
      "・精神科受診につながりにくい背景について、医療機関の現状を共有した。",
    resultText: "22名",
    plannedText: "30名",
    measures: [["参加者", "名", 22, 30, undefined, "exact"]],
    selfRating: "C",
    ratingReason:
      "精神保健に関する相談や対応は増えているが、精神科への受診は受入がマンパワー的に難しい状況にあり、医療につながるまでの支援体制の充実が（特に未遂者の身体面治療後のフォローなど、緊急性の高い事例において）必要である。",
    nextActions:
      "・自殺対策に関係する行政機関や民間団体が、自殺の関する地域の現状や課題を共有する。\n" +
      "・地域の自殺対策の推進と関係機関及び団体が連携を強化し、誰もが生きやすくなる地域作りのため「にも包括」の構築を目指す。",
    nextPlannedText: "30名",
    nextMeasures: [["参加者", "名", undefined, 30, undefined, "exact"]]
  },
  {
    no: 88,
    objectiveNo: 4,
    lifeStagesText: "妊娠期～乳幼児期",
    lifeStages: ["pregnancy", "infancy"],
    name: "産前・産後サポート事業、産後ケア事業",
    markers: noMarkers,
    content:
      "●\u2003家庭や地域での孤立感の解消や、産後うつの予防等のため、妊産婦が抱える妊娠・出産や子育てに関する悩み等について支援を行います。",
    agencyNames: ["健康支援課"],
    actions:
      "妊産婦が抱える妊娠・出産や子育てに関する悩み等について支援を行い、安心して子育てができる環境づくりを行った。",
    resultText:
      "・Mombsサロン：140組\n" +
      "・産後ケア事業：実189人\n" +
      "・プレママ・ママの安心訪問事業：延14回\n" +
      "・多胎産後サポート事業：延5回",
    plannedText:
      "・Mombsサロン：240組\n" +
      "・産後ケア事業：200人\n" +
      "・プレママ・ママの安心訪問事業：40人\n" +
      "・多胎産後サポート事業：延べ50回",
    measures: [
      ["Mombsサロン", "組", 140, 240, undefined, "exact"],
      ["産後ケア事業", "人", 189, 200, undefined, "exact"],
      ["プレママ・ママの安心訪問事業", "回", 14, 40, "人", "exact"],
      ["多胎産後サポート事業", "回", 5, 50, undefined, "exact"]
    ],
    selfRating: "C",
    ratingReason:
      "・Mom'sサロンは令和６年度から対象者を変更し予約制としたため、年度前半の利用が伸び悩んだ。\n" +
      "・産後ケア事業は出生数の減少に伴い、実人数が減少した。\n" +
      "・プレママ・ママの安心訪問事業や多胎産後サポート事業も利用は伸び悩んだ。",
    nextActions:
      "以下の取組により、利用者の増加を図る。\n" +
      "・Mom'sサロン：対象を妊産婦から家族に広げる。\n" +
      "\u2003（事業名を「子育てサロンOasis」に変更）\n" +
      "・プレママ・ママの安心訪問事業：申請制を廃止し、対象を妊産婦から家族に広げ、公共施設でも面談可能とする。\n" +
      "\u2003（事業名を「子育て見守り応援隊」に変更。）\n" +
      "・多胎産後サポート事業：妊娠中からの事業周知を強化する。",
    nextPlannedText:
      "・子育てサロンOasis：240組\n" +
      "・産後ケア事業：実200人\n" +
      "・子育て見守り応援隊：延30回\n" +
      "・多胎産後サポート事業：延べ30回",
    nextMeasures: [
      ["子育てサロンOasis", "組", undefined, 240, undefined, "exact"],
      ["産後ケア事業", "人", undefined, 200, undefined, "exact"],
      ["子育て見守り応援隊", "回", undefined, 30, undefined, "exact"],
      ["多胎産後サポート事業", "回", undefined, 30, undefined, "exact"]
    ]
  },
  {
    no: 95,
    objectiveNo: 4,
    lifeStagesText: "高齢期",
    lifeStages: ["elderly"],
    name: "年金相談",
    markers: noMarkers,
    content:
      "●\u2003年金に関する相談に応じます。（予約相談可）\n" +
      "●\u2003年金に関する問題は生活に直結する問題です。相談者が安心して生活できるようサポートするとともに、関係機関とも連携を図り解決への糸口を探します。",
    agencyNames: ["苫小牧年金事務所"],
    actions:
      "・年金に関する相談を実施。また年金以外の分野における相談窓口（行政機関等）を案内し、相談者が安心して生活できるようサポートを行った。",
    resultText: "・個人（本人・家族等）の来所相談：約10,600件",
    plannedText: "―",
    measures: [["個人（本人・家族等）の来所相談", "件", 10600, undefined, undefined, "exact"]],
    selfRating: "A",
    ratingReason: "年金をはじめ、相談者が安心して生活ができるよう相談対応を行った。",
    nextActions:
      "・年金に関する相談に応じる。（原則予約制により対応）\n" +
      "・年金以外の分野についても、関係機関との連携により、相談者のサポートを行う。",
    nextPlannedText: "―",
    nextMeasures: []
  },
  {
    no: 104,
    objectiveNo: 4,
    lifeStagesText: "全期対象",
    lifeStages: ALL,
    name: "無料法律相談",
    markers: noMarkers,
    content:
      "●\u2003弁護士が借金、離婚、相続、雇用トラブルなどの相談に応じます。※法律相談は事前予約制。\n" +
      "●\u2003自殺には複合的な問題が影響しています。相談者の状態に応じて、関係機関及び団体と連携することで、切れ目のない支援を目指します。",
    agencyNames: ["札幌弁護士会苫小牧法律相談センター"],
    actions: "当会苫小牧法律相談センターでは、事前予約制による弁護士との法律相談を行った。",
    resultText: "令和６年度相談実績\u2003590件",
    plannedText: "年間237日（相談担当弁護士延べ287名の体制で法律相談を行う）",
    // G counts consultations, H days and lawyer attendances: three measures, none paired. The H figures
    // carry no name of their own; 「年間」 (the label first transcribed) names no thing counted, so 237日
    // is 相談日数 (as the row's note on H reads it). 「相談担当弁護士延べ」 is the city's wording.
    measures: [
      ["令和６年度相談実績", "件", 590, undefined, undefined, "exact"],
      ["相談日数", "日", undefined, 237, undefined, "exact"],
      ["相談担当弁護士延べ", "名", undefined, 287, undefined, "exact"]
    ],
    selfRating: "A",
    ratingReason:
      "10代から90代まで幅広い層の利用があった。ご自身が抱える悩み事を弁護士に相談することで解決した、あるいは解決にまで至らなくても少しでも前に進むことができたのであれば、そのことで気持ちが楽になったのではないかと思われる。",
    nextActions:
      "・弁護士が借金、離婚、相続、雇用トラブルなどの相談に応じる。（法律相談は事前予約制）\n" +
      "・相談者の状態に応じて、関係機関及び団体と連携し、切れ目のない支援を目指す。",
    nextPlannedText: "年間236日（相談担当弁護士延べ285名の体制で法律相談を行う）",
    nextMeasures: [
      ["相談日数", "日", undefined, 236, undefined, "exact"],
      ["相談担当弁護士延べ", "名", undefined, 285, undefined, "exact"]
    ]
  },
  {
    no: 107,
    objectiveNo: 4,
    lifeStagesText: "全期対象",
    lifeStages: ALL,
    name: "多重債務者相談",
    markers: noMarkers,
    content:
      "●\u2003様々な原因で多重債務に陥った方の相談に応じます。\n" +
      "●\u2003借金など金銭面の問題は自殺のハイリスク要因となり得ます。債務整理等により生活の安定を図るとともに、関係機関とも連携を図り解決への糸口を探ります。",
    agencyNames: ["消費者センター（市民生活課）"],
    actions:
      "・多重債務者相談（随時）\n" +
      "\u2003様々な原因で多重債務に陥った方の相談に応じた。債務整理等により生活の安定を図るとともに、関係機関とも連携し解決への糸口を探った。",
    resultText: "76件",
    plannedText: "104件\n（令和5年度実績と同程度を想定）",
    // G and H hold bare figures; 「同程度」 in H makes the comparison approximate.
    measures: [["相談件数", "件", 76, 104, undefined, "approx"]],
    selfRating: "B",
    ratingReason: "計画数は下回ったが、相談者にきめ細かい対応を行った。",
    nextActions:
      "・多重債務者相談（随時）\n" +
      "\u2003様々な原因で多重債務に陥った方の相談に応じる。債務整理等により生活の安定を図るとともに、関係機関とも連携を図り解決への糸口を探る。",
    nextPlannedText: "80件\n（令和6年度実績と同程度を想定）",
    nextMeasures: [["相談件数", "件", undefined, 80, undefined, "approx"]]
  },
  {
    no: 108,
    objectiveNo: 4,
    lifeStagesText: "全期対象",
    lifeStages: ALL,
    name: "相談支援",
    markers: noMarkers,
    content:
      "●\u2003精神障がい者をはじめとして知的障がい者、身体障がい者、発達障がい者、高次脳機能障がい者等に対する当事者や家族、関係機関等の相談に応じるとともに、医療機関、行政機関、他の相談支援事業者及び障がい福祉サービス事業所、労働分野、教育分野、介護保険分野等の関係機関に関する情報提供やそれらの機関と連携・協力しながら地域生活に関する支援を行います。\n" +
      "●\u2003関係機関と連携し、精神障がい者が安心して地域で生活できるようサポートをしていきます。",
    agencyNames: ["苫小牧市地域生活支援センター"],
    actions:
      "・様々な障がいをお持ちの当事者や家族、関係機関等の相談に応じるとともに、医療機関、行政機関、他の障がい福祉サービス事業所、介護保険分野等の関係機関についての情報提供や、それらの機関との連携・協力により地域生活に関する支援を行った。\n" +
      "・関係機関と連携し、精神障がい者が安心して地域で生活できるようサポートを実施した。",
    resultText: "延べ5,731件",
    plannedText: "延べ4,600件",
    measures: [["相談件数", "件", 5731, 4600, undefined, "exact"]],
    selfRating: "B",
    ratingReason:
      "前年度比で相談件数は約3割増加した。基幹相談での職員出向体制の変更等に伴い、事業所での対応が増加したことや、より多くの電話対応等ができるよう各職員が努めたことなどが要因と思われる。\n" +
      "一方で、話し中が多く電話が繋がりにくいとの声も寄せられており、業務の効率化等を図り、支援の量と質の強化に努めていく必要を感じている。",
    nextActions:
      "・精神障がい者をはじめとして、様々な障がいをお持ちの当事者や家族、関係機関等の相談に応じるとともに、医療機関、行政機関、他の障がい福祉サービス事業所、介護保険分野等の関係機関に関する情報提供や、それらの機関と連携・協力しながら地域生活に関する支援を行う。\n" +
      "・関係機関と連携し、精神障がい者が安心して地域で生活できるようサポートを行う。",
    nextPlannedText: "延べ5,000件",
    nextMeasures: [["相談件数", "件", undefined, 5000, undefined, "exact"]]
  },
  {
    no: 110,
    objectiveNo: 4,
    // Column A of No. 110 is not in the seed at all (cut by the page break): nothing to record.
    lifeStagesText: "",
    lifeStages: [],
    name: "支援力向上研修会（旧・自殺未遂者支援学習会）【新】",
    markers: { isNew: true, newNote: null, formerName: "自殺未遂者支援学習会" },
    content:
      "●\u2003自殺未遂者の減少に向けて支援者のスキルアップのための学習会を開催します。\n" +
      "●\u2003支援者側のアセスメント能力が向上することでハイリスク者をキャッチし、支援につながることで自殺者の減少を図ります。",
    agencyNames: ["苫小牧保健所"],
    actions:
      "・精神保健相談や養育支援連絡票から把握された精神課題のある住民の現状について共有した。\n" +
      "・精神保健福祉センターの医師から、自殺のリスクアセスメントや初期支援として行うMHFAについて講義を学んだ。\n" +
      "・支援体制として、チームでアプローチすること、他の専門職等につながった後も経過を気にかけ、必要に応じてつながり続けることの重要性について説明があった。\n" +
      "・グループワークで希死念慮のある事例の支援について、意見交換した。",
    resultText: "14名",
    plannedText: "25名",
    measures: [["参加者", "名", 14, 25, undefined, "exact"]],
    selfRating: "C",
    ratingReason:
      "相談対応にあたるためには、対象者の把握としてアセスメントが不可欠であるが、多問題を抱えるケースもあり適切に課題を捉えるには、情報収集とアセスメント力向上が必要と考える。多問題事例は一機関で対応しきれないことも多く、関係機関や地域で支援する「にも包括」の構築も進めていく必要があり、管内の体制整備はこれから進めていく段階にある。",
    nextActions:
      "・自殺未遂者の減少に向けて支援者のスキルアップのための学習会を開催する。\n" +
      // 「つな がげる」: the space sits inside the printed line (not at a wrap) and the typo is the city's.
      "・支援者側のアセスメント能力が向上することでハイリスク者をキャッチし、重層的な支援につな がげることで自殺者の減少を図る。\n" +
      "・地域の「にも包括」構築へ向けた学習の機会をつくり、支援者の「にも包括」に対する理解を深め、他機関連携の促進を図る。",
    nextPlannedText: "25名",
    nextMeasures: [["参加者", "名", undefined, 25, undefined, "exact"]]
  },
  {
    no: 111,
    objectiveNo: 4,
    lifeStagesText: "全期対象",
    lifeStages: ALL,
    name: "コミュニティカフェ「igocoti（いごこち）」【新\u2003R6.6追記】",
    markers: { isNew: true, newNote: "R6.6追記", formerName: null },
    content:
      "●\u2003ひきこもりやいきづらさ（生きづらさ・行きづらさ）を抱える方が安心して過ごしていただける場を設けます。\n" +
      "●\u2003必要に応じて適切な相談機能へつなぎ、社会的孤立や自殺リスク要因の軽減を図ります。",
    agencyNames: ["社会福祉協議会"],
    actions:
      "・ひきこもりやいきづらさ（生きづらさ・行きづらさ）を抱える方が安心して過ごしていただける場として月3回実施。\n" +
      "・本会福祉職（CSW）が常駐し、お話を伺い、必要に応じて適切な相談機能へつなぎ、社会的孤立や自殺リスク要因の軽減を図った。",
    resultText: "・年間36回の実施（中央、東、西の3か所／月1回）\n" + "・年間参加者数552人（3か所合計）",
    plannedText:
      "・年間36回の実施予定（中央、東、西の3か所／月1回）\n" + "・年間570人程度（R5実績569人と同程度を想定）",
    measures: [
      ["実施", "回", 36, 36, undefined, "approx"],
      ["年間参加者数", "人", 552, 570, undefined, "approx"]
    ],
    selfRating: "A",
    // The first J line is full to the column's width (16), so the break after 「起こっている。」 is a wrap.
    ratingReason:
      "既存の参加者が新規の方を連れてくるなど、良い循環が起こっている。他事業等で関わった方をお誘いし、本人の好きな分野でのコミュニティーを形成することができている。",
    nextActions:
      "・ひきこもりやいきづらさ（生きづらさ・行きづらさ）を抱える方が安心して過ごしていただける場として月3回実施。\n" +
      "・本会福祉職（CSW）が常駐し、お話を伺い、必要に応じて適切な相談機能へつなぎ、社会的孤立や自殺リスク要因の軽減を図る。",
    nextPlannedText:
      "・年間36回の実施予定（中央、東、西の3か所／月1回）\n" + "・年間550人程度（R6実績552人と同程度を想定）",
    nextMeasures: [
      ["実施", "回", undefined, 36, undefined, "approx"],
      ["年間参加者数", "人", undefined, 550, undefined, "approx"]
    ]
  }
]

/** The seed with its printed lines run together and the PDF artifacts repaired (Kangxi radicals, ʷ). */
const flatSeed = seedText
  .split(/\r?\n/)
  .filter((line) => line !== "")
  .join("")
  .replace(/[\u2F00-\u2FDF]/g, (radical) => radical.normalize("NFKC"))
  .replace(/ʷ/g, "―")

const asRows = (
  measures: ReadonlyArray<{
    readonly label: string
    readonly unit: string
    readonly actual?: number | undefined
    readonly planned?: number | undefined
    readonly plannedUnit?: string | undefined
    readonly comparator: string
  }>
) => measures.map((m) => [m.label, m.unit, m.actual, m.planned, m.plannedUnit, m.comparator])

describe("spot-check B: rows read independently from the seed", () => {
  it("covers the ten rows", () => {
    expect(expectations.map((e) => e.no)).toEqual([75, 86, 87, 88, 95, 104, 107, 108, 110, 111])
  })

  for (const e of expectations) {
    describe(`No. ${e.no}`, () => {
      it("expectations are themselves in the seed (guards the hand-typed text)", () => {
        for (const text of [
          e.lifeStagesText,
          e.name,
          e.content,
          e.actions,
          e.resultText,
          e.plannedText,
          e.ratingReason,
          e.nextActions,
          e.nextPlannedText
        ]) {
          expect(flatSeed.includes(text.replace(/\n/g, "")), text).toBe(true)
        }
      })

      it("initiative: columns A–E", () => {
        const { initiative, agencyNames } = row(e.no)
        expect(initiative.no).toBe(e.no)
        expect(initiative.objectiveNo).toBe(e.objectiveNo)
        expect(initiative.lifeStagesText).toBe(e.lifeStagesText)
        expect(initiative.lifeStages).toEqual(e.lifeStages)
        expect(initiative.name).toBe(e.name)
        expect(initiative.markers).toEqual(e.markers)
        expect(initiative.content).toBe(e.content)
        expect(agencyNames).toEqual(e.agencyNames)
        expect(initiative.status).toBe("active")
      })

      it("review: columns F–J (FY2024)", () => {
        const { review } = row(e.no)
        expect(review.initiativeNo).toBe(e.no)
        expect(review.fiscalYear).toBe(2024)
        expect(review.actions).toBe(e.actions)
        expect(review.resultText).toBe(e.resultText)
        expect(review.plannedText).toBe(e.plannedText)
        expect(review.selfRating).toBe(e.selfRating)
        expect(review.ratingReason).toBe(e.ratingReason)
      })

      it("review measures (G actual, H planned)", () => {
        const { review } = row(e.no)
        expect(asRows(review.measures)).toEqual(e.measures)
        for (const measure of review.measures) expect(measure.agency ?? null).toBeNull()
      })

      it("next: columns K, L (FY2025)", () => {
        const { review } = row(e.no)
        expect(review.next.fiscalYear).toBe(2025)
        expect(review.next.actions).toBe(e.nextActions)
        expect(review.next.plannedText).toBe(e.nextPlannedText)
        expect(asRows(review.next.measures)).toEqual(e.nextMeasures)
        for (const measure of review.next.measures) {
          expect(measure.actual).toBeUndefined()
          expect(measure.agency ?? null).toBeNull()
        }
      })
    })
  }
})
