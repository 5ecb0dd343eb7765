/**
 * A fiscal year as the city types it: 2024, ２０２４, FY2024, 令和6, 令和６年度, R6, 令和元年度, H30.
 * Empty is null (no limit). Anything else is given back as typed, for the form to refuse.
 * FY2019 is 令和元年度 (the era began in May 2019, within the fiscal year), so 令和n = 2018 + n.
 */
export const parseFiscalYearInput = (text: string): number | null | string => {
  const compact = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/年度?$/, "")
  if (compact === "") return null
  const western = /^(?:FY)?(\d{4})$/i.exec(compact)
  if (western) return Number(western[1])
  const era = /^(令和|R|平成|H)(\d{1,2}|元)$/i.exec(compact)
  if (era) {
    const year = era[2] === "元" ? 1 : Number(era[2])
    if (year < 1) return text
    return (/^(令和|R)$/i.test(era[1]!) ? 2018 : 1988) + year
  }
  return text
}
