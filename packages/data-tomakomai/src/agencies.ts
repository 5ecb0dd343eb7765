import { Agency, AgencyId, type AgencyKind } from "@sukoyaka/core"

/**
 * The agencies (実施機関) that the seed names, one record each however many rows name them. The ids
 * are stable romanised keys; the names are exactly as the sheet prints them.
 */
const entries: ReadonlyArray<readonly [id: string, name: string, kind: AgencyKind]> = [
  ["kodomo-ikusei", "こども育成課", "cityDivision"],
  ["kenko-shien", "健康支援課", "cityDivision"],
  ["seishonen", "青少年課", "cityDivision"],
  ["kyoiku-shido", "教育部指導室", "cityDivision"],
  ["sapporo-homukyoku-tomakomai", "札幌法務局苫小牧支局", "outsideBody"],
  ["shiritsu-byoin", "苫小牧市立病院", "cityDivision"],
  ["hokkaido-mental-care-center", "北海道メンタルケアセンター", "outsideBody"],
  ["katei-seikatsu-counseling", "苫小牧家庭生活カウンセリング協会", "outsideBody"],
  ["hokkaido-kyoiku-iinkai", "北海道教育委員会", "outsideBody"],
  ["kodomo-shien", "こども支援課", "cityDivision"],
  ["kyodo-danjo-byodo", "協働・男女平等参画室", "cityDivision"],
  ["hokkaido-josei-sodan", "北海道立女性相談支援センター", "outsideBody"],
  ["npo-womens-yui", "NPO法人ウィメンズ結", "outsideBody"],
  ["wakamono-support-station", "とまこまい若者サポートステーション", "outsideBody"],
  ["gyosei-kanri", "行政監理室", "cityDivision"],
  ["sangyo-hoken-center", "苫小牧地域産業保健センター", "outsideBody"],
  ["rodo-kijun-kantokusho", "苫小牧労働基準監督署", "outsideBody"],
  ["hoken-nenkin", "保険年金課", "cityDivision"],
  ["kogyo-koyo-shinko", "工業・雇用振興課", "cityDivision"],
  ["hello-work", "苫小牧公共職業安定所", "outsideBody"],
  ["kodomo-sodan", "こども相談課", "cityDivision"],
  ["police", "警察", "outsideBody"],
  ["fire-department", "消防署", "cityDivision"],
  ["shogai-fukushi", "障がい福祉課", "cityDivision"],
  ["hokenjo", "苫小牧保健所", "outsideBody"],
  ["nozei", "納税課", "cityDivision"],
  ["zero-gomi", "ゼロごみ推進課", "cityDivision"],
  ["seikatsu-shien", "生活支援室", "cityDivision"],
  ["nenkin-jimusho", "苫小牧年金事務所", "outsideBody"],
  ["kiki-kanri", "危機管理室", "cityDivision"],
  ["shimin-seikatsu", "市民生活課", "cityDivision"],
  ["sogo-fukushi", "総合福祉課", "cityDivision"],
  ["jutaku", "住宅課", "cityDivision"],
  ["suido-madoguchi", "水道窓口課", "cityDivision"],
  ["bengoshikai-tomakomai", "札幌弁護士会苫小牧法律相談センター", "outsideBody"],
  ["shakai-fukushi-kyogikai", "社会福祉協議会", "outsideBody"],
  ["shohisha-center", "消費者センター（市民生活課）", "cityDivision"],
  ["chiiki-seikatsu-shien-center", "苫小牧市地域生活支援センター", "outsideBody"],
  ["houterasu", "法テラス・サポートダイヤル", "outsideBody"]
]

/** In the order the sheet first names them: the city's own order, kept in every list (not by character code). */
export const agencies: ReadonlyArray<Agency> = entries.map(
  ([id, name, kind], index) => new Agency({ id: AgencyId.make(id), name, kind, position: index + 1 })
)

const byName = new Map(agencies.map((agency) => [agency.name, agency]))

export const agencyByName = (name: string): Agency | undefined => byName.get(name)
