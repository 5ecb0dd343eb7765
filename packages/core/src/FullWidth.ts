/** From an ASCII character to its full-width form in Unicode's Halfwidth and Fullwidth Forms block. */
const FULL_WIDTH_OFFSET = 0xfee0

/**
 * ASCII letters and digits as their full-width forms (6 → ６, A → Ａ), the way the city's sheets
 * write numbers and letters inside Japanese text. Everything else is kept as it is.
 */
export const toFullWidth = (text: string): string =>
  text.replace(/[0-9A-Za-z]/g, (char) => String.fromCharCode(char.charCodeAt(0) + FULL_WIDTH_OFFSET))
