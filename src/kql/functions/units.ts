/**
 * Unit conversions `convert_angle/energy/force/volume(value, from, to)` (Kusto docs). Kusto's
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
function withPrefixes(name: string, factor: number, prefixes: Readonly<Record<string, number>>, exp = 0): Record<string, readonly [number, number]> {
  const out: Record<string, readonly [number, number]> = { [name]: [factor, exp] };
  for (const [p, e] of Object.entries(prefixes)) out[`${p}${name.toLowerCase()}`] = [factor, exp + e];
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
  ...withPrefixes('Liter', 1, { Micro: -6, Milli: -3, Centi: -2, Deci: -1, Deca: 1, Hecto: 2, Kilo: 3, Mega: 6 }, -3),
  // Kusto's constant (see the module comment).
  AcreFoot: [1 / 0.000810714, 0],
};

function unitFactor(a: readonly Typed[], i: number, s: CallSite, factors: Factors): readonly [number, number] {
  const u = expectType(a, i, s, 'string');
  if (typeof u.literal !== 'string') {
    throw s.ctx.error('unsupported', `${s.name}() with a unit that is not a string constant`, s.args[i]!.span);
  }
  const f = factors[u.literal];
  if (f === undefined) {
    throw s.ctx.error('unsupported', `${s.name}() unit "${u.literal}" (Loupe converts ${Object.keys(factors).join(', ')})`, s.args[i]!.span);
  }
  return f;
}

function converter(name: string, factors: Factors): ScalarFunction {
  return {
    name, minArgs: 3, maxArgs: 3,
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

export const UNIT_FUNCTIONS: readonly ScalarFunction[] = [
  converter('convert_angle', ANGLE),
  converter('convert_energy', ENERGY),
  converter('convert_force', FORCE),
  converter('convert_volume', VOLUME),
];
