/**
 * A small line chart as SVG text, for the growth of a figure with N (plans in the database): x on
 * a log scale (N = 1 … 1,741), y linear from 0, one line per series, a dashed line for the goal.
 * Hand-written: a few dozen lines of SVG do not justify a charting library in the bench.
 */
export interface Series {
  readonly label: string
  readonly points: ReadonlyArray<{ readonly n: number; readonly y: number }>
}

const WIDTH = 720
const HEIGHT = 360
const MARGIN = { left: 64, right: 250, top: 36, bottom: 48 }
const COLOURS = ["#1b6ca8", "#d1495b", "#00798c", "#edae49", "#66a182", "#8d6cab", "#2e4057", "#b5651d"]

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

const niceStep = (max: number) => {
  const rough = max / 5
  const power = 10 ** Math.floor(Math.log10(rough))
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((step) => step >= rough) ?? rough
}

const format = (value: number) =>
  value >= 1_000_000
    ? `${value / 1_000_000} M`
    : value >= 1000
      ? value.toLocaleString("en")
      : String(Number(value.toPrecision(3)))

export const lineChart = (options: {
  readonly title: string
  readonly yLabel: string
  readonly series: ReadonlyArray<Series>
  readonly goal?: { readonly y: number; readonly label: string }
}): string => {
  const all = options.series.flatMap((series) => series.points)
  const ns = all.map((point) => point.n)
  const minN = Math.min(1, ...ns)
  const maxN = Math.max(10, ...ns)
  const maxY = Math.max(options.goal?.y ?? 0, ...all.map((point) => point.y)) * 1.1 || 1
  const step = niceStep(maxY)
  const top = Math.ceil(maxY / step) * step
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const x = (n: number) =>
    MARGIN.left + ((Math.log10(n) - Math.log10(minN)) / (Math.log10(maxN) - Math.log10(minN))) * plotW
  const y = (value: number) => MARGIN.top + plotH - (value / top) * plotH
  const parts: Array<string> = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`
  ]
  for (let value = 0; value <= top + step / 2; value += step) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(value) + 4}" text-anchor="end">${format(value)}</text>`
    )
  }
  for (const n of [...new Set([1, 10, 100, 1000, ...ns])].filter((n) => n >= minN && n <= maxN).sort((a, b) => a - b)) {
    parts.push(
      `<line x1="${x(n)}" x2="${x(n)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`,
      `<text x="${x(n)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${n.toLocaleString("en")}</text>`
    )
  }
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">N (plans in the database, log scale)</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`
  )
  if (options.goal) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(options.goal.y)}" y2="${y(options.goal.y)}" stroke="#333" stroke-dasharray="6 4"/>`,
      `<text x="${MARGIN.left + plotW - 4}" y="${y(options.goal.y) - 5}" text-anchor="end">${escapeXml(options.goal.label)}</text>`
    )
  }
  for (const [index, series] of options.series.entries()) {
    const colour = COLOURS[index % COLOURS.length]!
    const points = [...series.points].sort((a, b) => a.n - b.n)
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map((p) => `${x(p.n).toFixed(1)},${y(p.y).toFixed(1)}`).join(" ")}"/>`,
      ...points.map((p) => `<circle cx="${x(p.n).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="3" fill="${colour}"/>`),
      `<line x1="${WIDTH - MARGIN.right + 16}" x2="${WIDTH - MARGIN.right + 36}" y1="${MARGIN.top + 8 + index * 18}" y2="${MARGIN.top + 8 + index * 18}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${WIDTH - MARGIN.right + 42}" y="${MARGIN.top + 12 + index * 18}">${escapeXml(series.label)}</text>`
    )
  }
  parts.push("</svg>")
  return `${parts.join("\n")}\n`
}
