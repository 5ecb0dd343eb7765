import {
  Area,
  AreaNo,
  BasicPolicy,
  BasicPolicyNo,
  fiscalYear,
  InitiativeNo,
  Objective,
  ObjectiveNo,
  Plan,
  PlanId,
  type Target,
  TargetId
} from "@sukoyaka/core"

export const planId = PlanId.make("tomakomai-step3")

/** The year the seed reports on (令和６年度実施結果); its K/L columns plan the next. */
export const reviewYear = fiscalYear(2024)

/** The seed's place in the whole plan: basic policy 3, area 1 (policies 1 and 2 hold Nos 1–56). */
export const policyNo = BasicPolicyNo.make(3)
export const areaNo = AreaNo.make(1)

const objective = (no: number, title: string) =>
  new Objective({ no: ObjectiveNo.make(no), title, statement: `${title}を図ります。` })

/** The header block of the seed: vision, goal, basic policy 3, area 1 and the four objectives. */
export const plan = new Plan({
  id: planId,
  city: "苫小牧市",
  title: "苫小牧市健康増進計画『健やか とまこまい step３』",
  vision: "「共に支え合い健やかに暮らすまち」の実現",
  goal: "健康寿命の延伸に向けた健康づくり",
  basicPolicies: [
    new BasicPolicy({
      no: policyNo,
      title: "こころの健康づくり",
      areas: [
        new Area({
          no: areaNo,
          title: "自殺総合対策（こころ・休養）【自殺対策推進計画】",
          objectives: [
            objective(1, "こども・若者への自殺対策の強化"),
            // ② reads 「…を促進します。」, not 「…を図ります。」
            new Objective({
              no: ObjectiveNo.make(2),
              title: "職場等のメンタルヘルス対策",
              statement: "職場等のメンタルヘルス対策を促進します。"
            }),
            objective(3, "関係機関のネットワークの連携・強化"),
            objective(4, "相談できる場所の周知と人材育成")
          ]
        })
      ]
    })
  ]
})

/** Which objective each initiative number belongs to, as the sheet groups them. */
export const objectiveRanges: ReadonlyArray<readonly [objectiveNo: number, from: number, to: number]> = [
  [1, 57, 69],
  [2, 70, 81],
  [3, 82, 87],
  [4, 88, 111]
]

const target = (
  fields: Omit<
    Target,
    "id" | "policyNo" | "areaNo" | "objectiveNo" | "targetYear" | "baseline" | "observations" | "since" | "until"
  > & { id: string }
): Target => ({
  ...fields,
  id: TargetId.make(fields.id),
  policyNo,
  areaNo,
  // The seed's header prints the targets for the whole area (its 目標値 cell is #REF!), with no
  // baseline and no target year: those stay empty until the secretariat enters them.
  objectiveNo: null,
  targetYear: null,
  baseline: null,
  observations: [],
  since: null,
  until: null
})

const stressText =
  "■　働く世代でのストレスをよく感じている人の割合の減少（アンケート調査より）　【20代～50代男性：25％】　【20代～50代女性：35％】"

/**
 * A target's value as its ■ line prints it: 「13.0」 of 【13.0】, 「25％」 of 【20代～50代男性：25％】.
 * Read from the text rather than formatted from `targetValue`, so that a report shows the city's
 * figure (13.0, not 13) and a test can check the two agree.
 */
export const printedTargetValue = (target: Pick<Target, "text" | "population">): string => {
  const values = [...target.text.matchAll(/【([^】]*)】/g)].map((match) => match[1]!)
  const segment = target.population === null ? null : `${target.population}：`
  const mine =
    segment === null
      ? values
      : values.filter((value) => value.startsWith(segment)).map((value) => value.slice(segment.length))
  if (mine.length !== 1)
    throw new Error(
      `the line 「${target.text}」 does not print one 【value】 for ${target.population ?? "the whole population"}`
    )
  return mine[0]!
}

/** The ■ lines of the header with their 【value】: the #REF! of the sheet, as data. */
export const targets: ReadonlyArray<Target> = [
  target({
    id: "suicide-rate",
    indicator: "自殺死亡率の減少（人口10万人あたり）",
    text: "■　自殺死亡率の減少（人口10万人あたり）　【13.0】",
    unit: "人口10万人あたり",
    kind: "rate",
    per: 100_000,
    direction: "decrease",
    population: null,
    targetValue: 13.0
  }),
  target({
    id: "inochi-lessons",
    indicator: "若年層向け「いのちの授業」の実施学校数の割合の向上",
    text: "■　若年層向け「いのちの授業」の実施学校数の割合の向上　【80％】",
    unit: "％",
    kind: "proportion",
    direction: "increase",
    population: null,
    targetValue: 80,
    // The seed's own link: No. 58 holds いのちの授業 and reports this indicator per school type (G).
    initiativeNos: [InitiativeNo.make(58)]
  }),
  target({
    id: "stress-men",
    indicator: "働く世代でのストレスをよく感じている人の割合の減少（アンケート調査より）",
    text: stressText,
    unit: "％",
    kind: "proportion",
    direction: "decrease",
    population: "20代～50代男性",
    targetValue: 25
  }),
  target({
    id: "stress-women",
    indicator: "働く世代でのストレスをよく感じている人の割合の減少（アンケート調査より）",
    text: stressText,
    unit: "％",
    kind: "proportion",
    direction: "decrease",
    population: "20代～50代女性",
    targetValue: 35
  }),
  target({
    id: "knows-where-to-consult",
    indicator: "メンタルヘルスの相談先を知っている人の割合の向上（アンケート調査より）",
    text: "■　メンタルヘルスの相談先を知っている人の割合の向上（アンケート調査より）　【80％】",
    unit: "％",
    kind: "proportion",
    direction: "increase",
    population: null,
    targetValue: 80
  })
]
