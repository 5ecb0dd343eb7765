/**
 * The printed page of a report: its size and, in the page's margin boxes, the page number and the
 * date on every page. Chromium (131 and later) prints CSS margin boxes (`@bottom-center`), so
 * the numbers need no script and print the same from Edge and Chrome. The rule carries text (the
 * date, the report's name), so it is written per page as a <style> element rather than in a
 * component's static CSS.
 */

/** A CSS string literal: quotes and backslashes escaped, and no `<` that could end the <style> element. */
export const cssString = (text: string): string =>
  `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/</g, "\\3C ").replace(/\r?\n/g, "\\A ")}"`

export interface PrintedPage {
  readonly size: "A4 portrait" | "A4 landscape"
  /** the report's name, at the bottom left of every page */
  readonly title: string
  /** the date the report was printed or drawn up, at the bottom right */
  readonly date: string
  /** 「{page} / {pages}」 as the user's language writes it, with the counters' places marked */
  readonly pageOf: (page: string, pages: string) => string
}

const MARK = "\u0000"

/** The <style> element of a report's @page rule: body text stays 9 pt or more, the margin boxes too. */
export const pageStyle = (page: PrintedPage): string => {
  // The message says where the numbers go; the counters replace its marks outside any string.
  const pageOf = page
    .pageOf(`${MARK}page${MARK}`, `${MARK}pages${MARK}`)
    .split(MARK)
    .map((part) => (part === "page" || part === "pages" ? `counter(${part})` : part === "" ? "" : cssString(part)))
    .filter((part) => part !== "")
    .join(" ")
  const box = "font-size: 9pt; font-family: inherit; color: #000;"
  return (
    `<style>@media print { @page { size: ${page.size}; margin: 12mm 10mm 14mm;` +
    ` @bottom-left { content: ${cssString(page.title)}; ${box} }` +
    ` @bottom-center { content: ${pageOf}; ${box} }` +
    ` @bottom-right { content: ${cssString(page.date)}; ${box} } } }</style>`
  )
}

/** Today as a Japanese document dates itself (令和8年12月4日), in Japan's time zone. */
export const printedOn = (now: Date, locale: "ja" | "en"): string =>
  locale === "ja"
    ? new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { dateStyle: "long", timeZone: "Asia/Tokyo" }).format(now)
    : new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Asia/Tokyo" }).format(now)
