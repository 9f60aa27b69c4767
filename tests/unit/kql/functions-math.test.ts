/** Numeric functions: KQL types and the inputs where DuckDB would fail and KQL gives a value. */
import { expect, it } from 'vitest';
import { translate } from '../../../src/kql/index.ts';
import { functionCases, printed } from './function-cases.ts';

it('types sign() as real for longs and reals, as Kusto does', () => {
  const t = translate('print a = sign(-42), b = sign(11.2)', { resolveTable: () => undefined });
  expect(t.columns.map((c) => c.type)).toEqual(['real', 'real']);
  expect(t.sql).toMatch(/CAST\(sign\(.*\) AS DOUBLE\)/);
});

functionCases(
  'KQL math functions',
  [
    {
      rule: 'abs keeps long, ceiling gives real (Kusto docs: ceiling(0) is 0.0 Double)',
      kql: 'P | project a = abs(-5), b = ceiling(-1.1), c = ceiling(0.9)',
      rows: [{ a: 5, b: -1, c: 1 }],
    },
    {
      rule: 'log of 0 is -inf and of a negative null (naive: DuckDB raises "cannot take logarithm")',
      kql: 'P | project a = log(0) < -1e308, b = isnull(log(-1)), c = log10(100), d = log2(8), e = exp2(3), f = pow(2, 3)',
      rows: [{ a: true, b: true, c: 2, d: 3, e: 8, f: 8 }],
    },
    {
      rule: 'sqrt of a negative is NaN, not an error',
      kql: 'P | project a = isnan(sqrt(-1)), b = sqrt(16)',
      rows: [{ a: true, b: 4 }],
    },
    {
      rule: 'round: half away from zero, optional precision',
      kql: 'P | project a = round(2.5), b = round(-2.5), c = round(3.14159, 2)',
      rows: [{ a: 3, b: -3, c: 3.14 }],
    },
    {
      rule: 'min_of/max_of ignore nulls (naive: SQL least with a null gives null in many engines)',
      kql: 'P | project a = min_of(10, 1, -3, 17), b = max_of(int(null), int(2)), c = min_of(long(null), long(null)), d = max_of(1, 2.5)',
      rows: [{ a: -3, b: 2, c: null, d: 2.5 }],
    },
    {
      rule: 'real division by zero gives ±inf/NaN; isfinite/isinf/isnan test them',
      kql: 'P | project a = isinf(1.0 / 0.0), b = isnan(0.0 / 0.0), c = isfinite(1.0 / 0.0), d = isfinite(2.0)',
      rows: [{ a: true, b: true, c: false, d: true }],
    },
    {
      rule: 'bitwise functions on longs',
      kql: 'P | project a = binary_and(12, 10), b = binary_or(12, 10), c = binary_xor(12, 10), d = binary_not(0), e = binary_shift_left(1, 4), f = binary_shift_right(32, 2), g = bitset_count_ones(255)',
      rows: [{ a: 8, b: 14, c: 6, d: -1, e: 16, f: 8, g: 8 }],
    },
    {
      rule: 'sign is a real even of a long (Kusto.Language signature; docs: sign(-42), sign(0), sign(11.2) = -1, 0, 1); abs of an int is a long; pi()',
      kql: 'print s1 = sign(-42), s2 = sign(0), s3 = sign(11.2), t = gettype(sign(-42)), a = abs(int(-5)), ta = gettype(abs(int(-5))), c = round(pi(), 5)',
      rows: [{ s1: -1, s2: 0, s3: 1, t: 'real', a: 5, ta: 'long', c: 3.14159 }],
    },
    {
      rule: 'sign of any number (a real); pi()',
      kql: 'P | project a = sign(-3), b = sign(0.5), c = round(pi(), 5)',
      rows: [{ a: -1, b: 1, c: 3.14159 }],
    },
    {
      rule: 'rand(N) draws a whole-numbered real in [0, N) (Kusto docs: type real, not long); rand() a real in [0, 1)',
      kql: 'P | extend r = rand(10) | project a = r between (0 .. 9), w = r == floor(r, 1.0), t = gettype(r), b = rand() < 1.0',
      rows: [{ a: true, w: true, t: 'real', b: true }],
    },
    {
      rule: 'beta_cdf (regularized incomplete beta; NaN outside [0, 1], 1 for a negative alpha as Kusto answered); beta_inv null for p > 1; welch_test two-sided p-value',
      kql: 'P | project a = beta_cdf(0.9, 10.0, 20.0), b = isnan(beta_cdf(1.5, 10.0, 20.0)) and beta_cdf(0.1, -1.0, 20.0) == 1, c = isnull(beta_inv(1.5, 10.0, 20.0)), d = round(beta_cdf(beta_inv(0.1, 10.0, 20.0), 10.0, 20.0), 12), e = round(welch_test(20.82, 7.8674285714, 15, 22.9866666667, 3.8126666667, 15), 4)',
      rows: [{ a: 0.9999999999999593, b: true, c: true, d: 0.1, e: 0.0214 }],
    },
    {
      rule: 'modulo is never negative, 0 <= N % D < abs(D) (numerical-operators.md; naive: SQL remainder takes the dividend sign, -14 % 12 = -2)',
      kql: 'print plusPlus = 14 % 12, minusPlus = -14 % 12, plusMinus = 14 % -12, minusMinus = -14 % -12, r = -7.5 % 2, t = gettype(-7.5 % 2)',
      rows: [{ plusPlus: 2, minusPlus: 10, plusMinus: 2, minusMinus: 10, r: 0.5, t: 'real' }],
    },
    {
      rule: 'convert_angle/energy/force/volume scale between units (Kusto docs: 1.2 m³ = 0.0009728568 acre-feet, 1.2 J = 0.0011373805443759806 BTU); a null value stays null',
      kql: 'P | project a = convert_angle(1.2, "Degree", "Arcminute"), b = convert_energy(1.2, "Joule", "BritishThermalUnit"), c = convert_force(1.2, "Newton", "Decanewton"), d = convert_volume(1.2, "CubicMeter", "AcreFoot"), e = convert_volume(2, "Liter", "Milliliter"), f = convert_angle(180, "Degree", "Radian"), g = convert_force(real(null), "Newton", "Dyn")',
      rows: [
        { a: 72, b: 0.0011373805443759806, c: 0.12, d: 0.0009728568, e: 2000, f: Math.PI, g: null },
      ],
    },
    {
      rule: 'convert-length/mass/speed/temperature-function.md: 1.2 m = 3.93700787401575 ft, 1.2 kg = 2.64554714621853 lb, 1.2 m/s = 432000 cm/h, 1.2 K = -271.95 °C',
      kql: 'print l = convert_length(1.2, "Meter", "Foot"), m = convert_mass(1.2, "Kilogram", "Pound"), s = convert_speed(1.2, "MeterPerSecond", "CentimeterPerHour"), t = convert_temperature(1.2, "Kelvin", "DegreeCelsius")',
      rows: [
        {
          l: printed(3.93700787401575),
          m: printed(2.64554714621853),
          s: expect.closeTo(432000, 6),
          t: printed(-271.95),
        },
      ],
    },
    {
      rule: 'exact definitions: 1 yard is 3 ft, 1 stone 14 lb, 1 knot 1852 m/h; temperatures are affine (0 °C = 32 °F, 100 °C = 212 °F = 80 °Ré, -40 °F = -40 °C)',
      kql: 'print y = convert_length(1, "Yard", "Foot"), st = convert_mass(1, "Stone", "Pound"), k = convert_speed(1, "Knot", "MeterPerHour"), f0 = convert_temperature(0, "DegreeCelsius", "DegreeFahrenheit"), f100 = convert_temperature(100, "DegreeCelsius", "DegreeFahrenheit"), r = convert_temperature(212, "DegreeFahrenheit", "DegreeReaumur"), m40 = convert_temperature(-40, "DegreeFahrenheit", "DegreeCelsius"), d = convert_temperature(0, "DegreeDelisle", "DegreeCelsius")',
      rows: [
        {
          y: expect.closeTo(3, 12),
          st: expect.closeTo(14, 12),
          k: expect.closeTo(1852, 9),
          f0: expect.closeTo(32, 12),
          f100: expect.closeTo(212, 12),
          r: expect.closeTo(80, 12),
          m40: expect.closeTo(-40, 12),
          d: expect.closeTo(100, 12),
        },
      ],
    },
  ],
  [
    {
      rule: 'math on a string is a type error',
      kql: 'P | project a = sqrt("4")',
      code: 'type',
      message: /sqrt\(\) expects/,
    },
    {
      rule: 'a unit Loupe has no exact factor for is refused by name',
      kql: 'P | project a = convert_volume(1, "UsGallon", "Liter")',
      code: 'unsupported',
      message: /convert_volume\(\) unit "UsGallon"/,
    },
    {
      rule: "a unit whose factor in Kusto's library is a rounded constant is refused by name (Mile)",
      kql: 'P | project a = convert_length(1, "Mile", "Meter")',
      code: 'unsupported',
      message: /convert_length\(\) unit "Mile"/,
    },
    {
      rule: 'a unit that is not a constant is refused',
      kql: 'P | project a = convert_angle(1, tostring(x), "Degree")',
      code: 'unsupported',
      message: /not a string constant/,
    },
  ],
);

/** Examples of the functions' own reference pages (dataexplorer-docs, data-explorer/kusto/query/<name>…md) with their documented results. */
functionCases('KQL math functions: reference examples', [
  {
    rule: 'gamma-function.md: gamma(5) is 24 (exactly: whole numbers use factorials)',
    kql: 'print result = gamma(5)',
    rows: [{ result: 24 }],
  },
  {
    rule: "erf-function.md and erfc-function.md: -3…3 (15 digits; naive: 1 - erf(x) loses erfc's digits above 1)",
    kql: 'range x from -3 to 3 step 1 | extend erf_x = erf(x), erfc_x = erfc(x)',
    rows: [
      [-3, -0.999977909503001, 1.999977909503001],
      [-2, -0.995322265018953, 1.995322265018953],
      [-1, -0.842700792949715, 1.842700792949715],
      [0, 0, 1],
      [1, 0.842700792949715, 0.157299207050285],
      [2, 0.995322265018953, 0.00467773498104727],
      [3, 0.999977909503001, 2.20904969985854e-5],
    ].map(([x, e, c]) => ({
      x,
      erf_x: x === 0 ? 0 : printed(e!),
      erfc_x: x === 0 ? 1 : printed(c!),
    })),
  },
  {
    rule: 'beta-pdf-function.md: the density, NaN for x outside (0, 1) and for a non-positive shape',
    kql: `datatable(x:double, alpha:double, beta:double, comment:string) [ 0.5, 10.0, 20.0, "Valid input", 1.5, 10.0, 20.0, "x > 1, yields NaN", double(-10), 10.0, 20.0, "x < 0, yields NaN", 0.1, double(-1.0), 20.0, "alpha is < 0, yields NaN" ] | extend r = beta_pdf(x, alpha, beta) | project comment, r, nan = isnan(r)`,
    rows: [
      { comment: 'Valid input', r: printed(0.746176019310951), nan: false },
      { comment: 'x > 1, yields NaN', r: NaN, nan: true },
      { comment: 'x < 0, yields NaN', r: NaN, nan: true },
      { comment: 'alpha is < 0, yields NaN', r: NaN, nan: true },
    ],
  },
  {
    rule: "loggamma is ln|Γ(x)| (loggamma-function.md), also where Γ is negative or too large for a double; gamma has poles (∞ at 0, NaN at negative whole numbers, as C's tgamma)",
    kql: 'print a = loggamma(5), b = round(loggamma(-2.5), 12), c = round(loggamma(200), 9), d = gamma(0.5), e = isinf(gamma(0)), f = isnan(gamma(-2)), t = gettype(gamma(5))',
    rows: [
      {
        a: printed(Math.log(24)),
        b: -0.056243716498,
        c: 857.933669826,
        d: printed(Math.sqrt(Math.PI)),
        e: true,
        f: true,
        t: 'real',
      },
    ],
  },
]);
