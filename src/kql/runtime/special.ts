/**
 * Special functions of KQL's math family — gamma, loggamma, erf, erfc, beta_pdf — and the ln Γ
 * the distribution functions (./stats.ts) build on. Accuracy goal: the 15 significant digits the
 * reference pages print (e.g. erfc(2) = 0.00467773498104727, beta_pdf(0.5, 10, 20) =
 * 0.746176019310951). Results travel as text: a DOUBLE UDF result is float32 in DuckDB-WASM 1.32.
 */
import { udf } from './udf.ts';

/** Lanczos approximation, g = 7, n = 9 (relative error about 1e-15). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** (n − 1)! for a whole n in 1…171, exact while it fits a double (up to 22!), else correctly rounded products. */
function factorialGamma(n: number): number {
  let f = 1;
  for (let i = 2; i < n; i++) f *= i;
  return f;
}

const isPositiveWhole = (x: number) => Number.isInteger(x) && x >= 1 && x <= 171;

/** ln |Γ(z)|; +∞ at the poles (0, −1, −2, …), as C's lgamma. */
export function lnGamma(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z <= 0 && Number.isInteger(z)) return Infinity;
  if (isPositiveWhole(z) && z <= 23) return Math.log(factorialGamma(z));
  // Reflection: Γ(z) Γ(1 − z) = π / sin(πz).
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
  const x = z - 1;
  const t = x + 7.5;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Γ(z): exact factorials for whole numbers, Lanczos otherwise; ±∞ at ±0 and NaN at negative whole numbers (C's tgamma). */
export function gammaFunction(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === 0) return Object.is(z, -0) ? -Infinity : Infinity;
  if (z < 0 && Number.isInteger(z)) return NaN;
  if (isPositiveWhole(z)) return factorialGamma(z);
  if (z > 171.7) return Infinity;
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gammaFunction(1 - z));
  const x = z - 1;
  const t = x + 7.5;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (x + i);
  return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * a;
}

/** erfc(x) for x ≥ 0.5: the continued fraction e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated backwards. */
function erfcFraction(x: number): number {
  const terms = x < 1 ? 1000 : x < 2 ? 200 : 60;
  let f = 0;
  for (let n = terms; n >= 1; n--) f = n / 2 / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
}

/** erf(x) for 0 ≤ x < 2.5: the series 2/√π e^(−x²) Σ 2ⁿ x^(2n+1) / (2n+1)!!, whose terms are all positive (no cancellation). */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

export function erfFunction(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  const r = ax < 2.5 ? erfSeries(ax) : 1 - erfcFraction(ax);
  return x < 0 ? -r : r;
}

/** erfc(x) = 1 − erf(x), computed directly where the difference would lose digits. */
export function erfcFunction(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  const r = ax < 0.5 ? 1 - erfSeries(ax) : erfcFraction(ax);
  return x < 0 ? 2 - r : r;
}

/**
 * beta_pdf(x, α, β) = x^(α−1) (1−x)^(β−1) / B(α, β); NaN outside 0 < x < 1 or for α, β ≤ 0 (docs).
 * B from exact factorials when α and β are whole (the docs example's 10 and 20), else from ln Γ.
 */
export function betaPdf(x: number, a: number, b: number): number {
  if (!(x > 0 && x < 1 && a > 0 && b > 0)) return NaN;
  if (isPositiveWhole(a) && isPositiveWhole(b) && isPositiveWhole(a + b)) {
    return (
      (x ** (a - 1) * (1 - x) ** (b - 1) * gammaFunction(a + b)) /
      (gammaFunction(a) * gammaFunction(b))
    );
  }
  return Math.exp(
    (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) + lnGamma(a + b) - lnGamma(a) - lnGamma(b),
  );
}

/** A real as the text a UDF returns (see the module comment); null stays null. */
function real1(f: (x: number) => number) {
  return (x: number | null): string | null => (x === null ? null : String(f(x)));
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const GAMMA = udf('kql_gamma', ['DOUBLE'], 'VARCHAR', real1(gammaFunction));
export const LOGGAMMA = udf('kql_loggamma', ['DOUBLE'], 'VARCHAR', real1(lnGamma));
export const ERF = udf('kql_erf', ['DOUBLE'], 'VARCHAR', real1(erfFunction));
export const ERFC = udf('kql_erfc', ['DOUBLE'], 'VARCHAR', real1(erfcFunction));
export const BETA_PDF = udf(
  'kql_beta_pdf',
  ['DOUBLE', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  (x: number | null, a: number | null, b: number | null) =>
    x === null || a === null || b === null ? null : String(betaPdf(x, a, b)),
);
