/**
 * A ratio as a percentage for display, never rounded across a threshold: 0.949 is 94 %, not the
 * 95 % that would sit beside a Ｂ (the Ａ line is 95 %); −0.0496 is −4.9 %, not the −5 % that is a
 * change. Digits are cut towards zero, so a shown figure never claims more than the ratio has.
 * The slack of 1e-9 keeps float noise from cutting a whole figure: 0.29 × 100 is 28.999999999999996.
 */
export const percentDown = (ratio: number, digits = 0): string => `${decimalDown(ratio * 100, digits)}%`

/** A number cut towards zero to `digits` decimals: Open SDG's 0.947 is 0.94, not the 0.95 of "on pace". */
export const decimalDown = (value: number, digits: number): string => {
  const scale = Math.pow(10, digits)
  const scaled = value * scale
  const cut = Math.trunc(scaled + Math.sign(scaled) * 1e-9) / scale
  return (Object.is(cut, -0) ? 0 : cut).toFixed(digits)
}
