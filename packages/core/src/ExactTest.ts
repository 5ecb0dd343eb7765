/**
 * The exact (conditional binomial) comparison of two Poisson counts, for a city's small death
 * counts where the Wald test on the log rate ratio is wrong at both ends: with a zero count it
 * misses real changes (0 → 6 deaths), with a few events it finds changes that are noise (14 → 5).
 *
 * Given x₀ events in person-time n₀ and x₁ in n₁, under "the rate did not change" x₁ given the
 * total N = x₀ + x₁ is Binomial(N, n₁ / (n₀ + n₁)). The two-sided p-value doubles the smaller tail
 * (capped at 1), the usual "exact conditional test" of two Poisson rates (Breslow & Day, vol. II,
 * §2.5; Rothman, Modern Epidemiology).
 */

// Lanczos approximation (g = 7, n = 9): |error| < 1e-13 over the positive reals we use.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
]

/** ln Γ(x) for x > 0. */
export const logGamma = (x: number): number => {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let sum = LANCZOS[0]!
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i)
  const t = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

/** P(X = k) for X ~ Binomial(n, p), computed in log space so that n in the tens of thousands is fine. */
export const binomialPmf = (k: number, n: number, p: number): number => {
  if (p === 0) return k === 0 ? 1 : 0
  if (p === 1) return k === n ? 1 : 0
  return Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p))
}

const lowerTail = (k: number, n: number, p: number): number => {
  let sum = 0
  for (let i = 0; i <= k; i++) sum += binomialPmf(i, n, p)
  return Math.min(1, sum)
}

const upperTail = (k: number, n: number, p: number): number => {
  let sum = 0
  for (let i = k; i <= n; i++) sum += binomialPmf(i, n, p)
  return Math.min(1, sum)
}

/**
 * Two-sided p-value that two Poisson counts share one rate: `base` events in `baseExposure`
 * against `latest` events in `latestExposure` (exposure: population × years, or just population).
 * Counts must be whole numbers.
 */
export const poissonRatioPValue = (
  base: number,
  baseExposure: number,
  latest: number,
  latestExposure: number
): number => {
  const total = base + latest
  if (total === 0) return 1
  const p = latestExposure / (baseExposure + latestExposure)
  return Math.min(1, 2 * Math.min(lowerTail(latest, total, p), upperTail(latest, total, p)))
}

/** The significance level of every test here: 5 %, two-sided. */
export const ALPHA = 0.05
