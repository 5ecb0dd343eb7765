/**
 * The slice of a list that fits `height` rows and keeps the selected row in view, the selection
 * placed a third of the way down so that the rows after it show as it moves.
 */
export const listWindow = (length: number, selected: number, height: number): { start: number; end: number } => {
  if (height <= 0) return { start: 0, end: 0 }
  if (length <= height) return { start: 0, end: length }
  const start = Math.min(Math.max(0, selected - Math.floor(height / 3)), length - height)
  return { start, end: start + height }
}
