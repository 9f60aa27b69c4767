/**
 * Statistical distribution functions: beta_cdf, beta_inv and welch_test, from the regularized
 * incomplete beta function I_x(a, b) (continued fraction, modified Lentz) and ln Γ (./special.ts).
 * Results travel as text (a DOUBLE UDF result is float32 in DuckDB-WASM 1.32, see ./arrays.ts).
 */
import { lnGamma } from './special.ts';
import { udf } from './udf.ts';

/** The continued fraction of I_x(a, b), valid for x < (a + 1) / (a + b + 2). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    c = 1 + num / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    c = 1 + num / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** I_x(a, b), the CDF of Beta(a, b) at x. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(x, a, b)) / a
    : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

const text = (x: number): string => String(x);

/**
 * beta_cdf(x, alpha, beta): NaN outside 0 ≤ x ≤ 1. A negative alpha gives 1 — what Kusto returned
 * for the docs example (whose comment says NaN); other non-positive shapes give NaN.
 */
export function betaCdf(x: number | null, a: number | null, b: number | null): string | null {
  if (x === null || a === null || b === null) return null;
  if (x < 0 || x > 1) return 'NaN';
  if (a < 0 && b > 0) return '1';
  if (a <= 0 || b <= 0) return 'NaN';
  return text(incompleteBeta(x, a, b));
}

/** beta_inv(p, alpha, beta): null for p outside [0, 1], NaN for non-positive shapes; bisection to full precision. */
export function betaInv(p: number | null, a: number | null, b: number | null): string | null {
  if (p === null || a === null || b === null || p < 0 || p > 1) return null;
  if (a <= 0 || b <= 0) return 'NaN';
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-17; i++) {
    const mid = (lo + hi) / 2;
    if (incompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return text((lo + hi) / 2);
}

/** welch_test(mean1, var1, n1, mean2, var2, n2): the two-sided p-value of Welch's t-test. */
export function welchTest(
  m1: number | null,
  v1: number | null,
  n1: number | null,
  m2: number | null,
  v2: number | null,
  n2: number | null,
): string | null {
  if ([m1, v1, n1, m2, v2, n2].some((x) => x === null)) return null;
  const s1 = v1! / n1!;
  const s2 = v2! / n2!;
  const t = (m1! - m2!) / Math.sqrt(s1 + s2);
  const df = (s1 + s2) ** 2 / (s1 ** 2 / (n1! - 1) + s2 ** 2 / (n2! - 1));
  return text(incompleteBeta(df / (df + t * t), df / 2, 0.5));
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const BETA_CDF = udf('kql_beta_cdf', ['DOUBLE', 'DOUBLE', 'DOUBLE'], 'VARCHAR', betaCdf);
export const BETA_INV = udf('kql_beta_inv', ['DOUBLE', 'DOUBLE', 'DOUBLE'], 'VARCHAR', betaInv);
export const WELCH_TEST = udf(
  'kql_welch_test',
  ['DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  welchTest,
);
