/**
 * Unit conversions `convert_angle/energy/force/length/mass/speed/temperature/volume(value, from, to)`
 * (Kusto docs). Kusto's
 * factors come from its units library, which for some units uses rounded constants (its acre-foot
 * is 1 / 0.000810714 m³, so `convert_volume(1.2, 'CubicMeter', 'AcreFoot')` is exactly
 * 0.0009728568). Loupe lists only units whose factor is an exact definition or a constant Kusto's
 * own answers confirm; any other unit name is refused by name rather than converted with a
 * factor that might differ from Kusto's in the last digits. Units must be string constants.
 */
import type { Typed } from '../types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';

/**
 * Factors to one base unit per quantity, as [m, e] = m × 10^e: decimal prefixes stay exact powers
 * of ten (litre to millilitre is exactly 1000, where 1e-3 / 1e-6 in binary floating point is not).
 */
type Factors = Readonly<Record<string, readonly [number, number]>>;

/** `Name` with the SI prefixes Kusto's unit list spells (`Kilojoule`, `Millinewton`), given as powers of ten. */
function withPrefixes(
  name: string,
  factor: number,
  prefixes: Readonly<Record<string, number>>,
  exp = 0,
): Record<string, readonly [number, number]> {
  const out: Record<string, readonly [number, number]> = { [name]: [factor, exp] };
  for (const [p, e] of Object.entries(prefixes))
    out[`${p}${name.toLowerCase()}`] = [factor, exp + e];
  return out;
}

const DEGREE = Math.PI / 180;

/** Base: radian. */
const ANGLE: Factors = {
  ...withPrefixes('Radian', 1, { Nano: -9, Micro: -6, Milli: -3, Centi: -2, Deci: -1 }),
  ...withPrefixes('Degree', DEGREE, { Nano: -9, Micro: -6, Milli: -3 }),
  Arcminute: [DEGREE / 60, 0],
  Arcsecond: [DEGREE / 3600, 0],
  Gradian: [Math.PI / 200, 0],
  Revolution: [2 * Math.PI, 0],
  // NATO mil: 6400 to the revolution.
  NatoMil: [(2 * Math.PI) / 6400, 0],
};

/** Base: joule. The British thermal unit is the International Table one (1055.05585262 J). */
const ENERGY: Factors = {
  ...withPrefixes('Joule', 1, { Milli: -3, Kilo: 3, Mega: 6, Giga: 9 }),
  ...withPrefixes('Calorie', 4.184, { Kilo: 3, Mega: 6 }),
  ...withPrefixes('BritishThermalUnit', 1055.05585262, { Kilo: 3, Mega: 6, Giga: 9 }),
  ...withPrefixes('WattHour', 3600, { Kilo: 3, Mega: 6, Giga: 9, Tera: 12 }),
  ...withPrefixes('WattDay', 86400, { Kilo: 3, Mega: 6, Giga: 9, Tera: 12 }),
  Erg: [1, -7],
};

/** Base: newton. Pound-force and its multiples from the exact avoirdupois pound and standard gravity. */
const FORCE: Factors = {
  ...withPrefixes('Newton', 1, { Micro: -6, Milli: -3, Deca: 1, Kilo: 3, Mega: 6 }),
  Dyn: [1, -5],
  KilogramForce: [9.80665, 0],
  KiloPond: [9.80665, 0],
  TonneForce: [9.80665, 3],
  PoundForce: [4.4482216152605, 0],
  KilopoundForce: [4.4482216152605, 3],
  ShortTonForce: [8896.443230521, 0],
  OunceForce: [4.4482216152605 / 16, 0],
  Poundal: [0.138254954376, 0],
};

/** Base: cubic meter. */
const VOLUME: Factors = {
  CubicMeter: [1, 0],
  CubicKilometer: [1, 9],
  CubicHectometer: [1, 6],
  CubicDecimeter: [1, -3],
  CubicCentimeter: [1, -6],
  CubicMillimeter: [1, -9],
  CubicMicrometer: [1, -18],
  HectocubicMeter: [1, 2],
  KilocubicMeter: [1, 3],
  ...withPrefixes(
    'Liter',
    1,
    { Micro: -6, Milli: -3, Centi: -2, Deci: -1, Deca: 1, Hecto: 2, Kilo: 3, Mega: 6 },
    -3,
  ),
  // Kusto's constant (see the module comment).
  AcreFoot: [1 / 0.000810714, 0],
};

/**
 * Base: meter. Left out: units whose factor in Kusto's units library is a rounded constant or is
 * not confirmed (Mile, Twip, LightYear and its multiples, Parsec and its multiples, PrinterPica,
 * PrinterPoint, SolarRadius).
 */
const LENGTH: Factors = {
  Meter: [1, 0],
  Kilometer: [1, 3],
  Hectometer: [1, 2],
  Decameter: [1, 1],
  Decimeter: [1, -1],
  Centimeter: [1, -2],
  Millimeter: [1, -3],
  Micrometer: [1, -6],
  Nanometer: [1, -9],
  Inch: [254, -4],
  Foot: [3048, -4],
  Yard: [9144, -4],
  Hand: [1016, -4],
  Fathom: [18288, -4],
  Chain: [201168, -4],
  Shackle: [27432, -3],
  DataMile: [18288, -1],
  NauticalMile: [1852, 0],
  UsSurveyFoot: [1200 / 3937, 0],
  Mil: [254, -7],
  Microinch: [254, -10],
  DtpPoint: [254 / 72, -4],
  DtpPica: [254 / 6, -4],
  AstronomicalUnit: [149597870700, 0],
};

/** Base: kilogram. Avoirdupois units from the exact pound; Slug, EarthMass and SolarMass left out. */
const POUND = 0.45359237;
const MASS: Factors = {
  ...withPrefixes(
    'Gram',
    1,
    { Nano: -9, Micro: -6, Milli: -3, Centi: -2, Deci: -1, Deca: 1, Hecto: 2, Kilo: 3 },
    -3,
  ),
  Tonne: [1, 3],
  Kilotonne: [1, 6],
  Megatonne: [1, 9],
  Pound: [POUND, 0],
  Kilopound: [POUND, 3],
  Megapound: [POUND, 6],
  Ounce: [POUND / 16, 0],
  Stone: [POUND * 14, 0],
  Grain: [64.79891, -6],
  ShortHundredweight: [POUND * 100, 0],
  LongHundredweight: [POUND * 112, 0],
  ShortTon: [POUND * 2000, 0],
  LongTon: [POUND * 2240, 0],
};

/** Base: meter per second, as Kusto spells them (`<length>Per<Hour|Minute|Second>`); MilePerHour left out with Mile. */
const SPEED: Factors = (() => {
  const out: Record<string, readonly [number, number]> = { Knot: [1852 / 3600, 0] };
  const per = (length: string, times: readonly string[]) => {
    const [m, e] = LENGTH[length]!;
    for (const t of times)
      out[`${length}Per${t}`] = [m / (t === 'Hour' ? 3600 : t === 'Minute' ? 60 : 1), e];
  };
  const all = ['Hour', 'Minute', 'Second'] as const;
  for (const l of [
    'Centimeter',
    'Foot',
    'Inch',
    'Kilometer',
    'Meter',
    'Millimeter',
    'UsSurveyFoot',
    'Yard',
  ])
    per(l, all);
  for (const l of ['Decimeter', 'Micrometer', 'Nanometer']) per(l, ['Minute', 'Second']);
  return out;
})();

function unitFactor(
  a: readonly Typed[],
  i: number,
  s: CallSite,
  factors: Factors,
): readonly [number, number] {
  const u = expectType(a, i, s, 'string');
  if (typeof u.literal !== 'string') {
    throw s.ctx.error(
      'unsupported',
      `${s.name}() with a unit that is not a string constant`,
      s.args[i]!.span,
    );
  }
  const f = factors[u.literal];
  if (f === undefined) {
    throw s.ctx.error(
      'unsupported',
      `${s.name}() unit "${u.literal}" (Loupe converts ${Object.keys(factors).join(', ')})`,
      s.args[i]!.span,
    );
  }
  return f;
}

function converter(name: string, factors: Factors): ScalarFunction {
  return {
    name,
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => {
      const x = expectType(a, 0, s, 'long', 'int', 'real', 'decimal');
      const [m1, e1] = unitFactor(a, 1, s, factors);
      const [m2, e2] = unitFactor(a, 2, s, factors);
      // Powers of ten applied last, multiplying or dividing by an exact integer power.
      const e = e1 - e2;
      const ratio = e >= 0 ? (m1 / m2) * 10 ** e : m1 / m2 / 10 ** -e;
      return { sql: `(CAST(${x.sql} AS DOUBLE) * ${String(ratio)})`, type: 'real' };
    },
  };
}

/** Temperatures are affine: kelvin = a × value + b. SolarTemperature is left out. */
const TEMPERATURE: Readonly<Record<string, readonly [number, number]>> = {
  Kelvin: [1, 0],
  DegreeCelsius: [1, 273.15],
  MillidegreeCelsius: [0.001, 273.15],
  DegreeFahrenheit: [5 / 9, (459.67 * 5) / 9],
  DegreeRankine: [5 / 9, 0],
  DegreeDelisle: [-2 / 3, 373.15],
  DegreeNewton: [100 / 33, 273.15],
  DegreeReaumur: [5 / 4, 273.15],
  DegreeRoemer: [40 / 21, 273.15 - (7.5 * 40) / 21],
};

const temperature: ScalarFunction = {
  name: 'convert_temperature',
  minArgs: 3,
  maxArgs: 3,
  translate: (a, s) => {
    const x = expectType(a, 0, s, 'long', 'int', 'real', 'decimal');
    const [a1, b1] = unitFactor(a, 1, s, TEMPERATURE);
    const [a2, b2] = unitFactor(a, 2, s, TEMPERATURE);
    return {
      sql: `((CAST(${x.sql} AS DOUBLE) * ${String(a1)} + ${String(b1)} - ${String(b2)}) / ${String(a2)})`,
      type: 'real',
    };
  },
};

export const UNIT_FUNCTIONS: readonly ScalarFunction[] = [
  converter('convert_angle', ANGLE),
  converter('convert_energy', ENERGY),
  converter('convert_force', FORCE),
  converter('convert_length', LENGTH),
  converter('convert_mass', MASS),
  converter('convert_speed', SPEED),
  temperature,
  converter('convert_volume', VOLUME),
];
