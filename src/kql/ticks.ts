/**
 * KQL datetimes have 100 ns ticks; Loupe's have microseconds, except a value that carries ticks
 * below the microsecond (`Typed.ticks`: the dialect's nanosecond timestamp). These helpers give
 * such a value the SQL that keeps or reads its ticks, and give every other datetime exactly the
 * SQL it had before. docs/kql.md, "Datetime precision".
 */
import { epochMicros, epochNanos, ticksFromNanos } from './sql.ts';
import type { Typed } from './types.ts';

/** Nanoseconds per tick. */
export const TICK_NS = 100;

/**
 * `shift` (an operation the engine does in microseconds: `d + interval`, `d + to_months(n)`)
 * applied to `d`, keeping d's ticks below the microsecond when it has them. The engine truncates a
 * nanosecond timestamp toward zero before such an operation, so the part it drops is added back.
 */
export function keepTicks(d: Typed, shift: (sql: string) => string): Typed {
  if (!d.ticks) return { sql: shift(d.sql), type: 'datetime' };
  const below = `(${epochNanos(d.sql)} - ${epochMicros(d.sql)} * 1000)`;
  return {
    sql: ticksFromNanos(`${epochNanos(shift(d.sql))} + ${below}`),
    type: 'datetime',
    ticks: true,
  };
}

/** The last tick before `next` (a datetime SQL expression): what endofday/week/month/year give. */
export function tickBefore(next: string): Typed {
  return {
    sql: ticksFromNanos(`${epochNanos(next)} - ${TICK_NS}`),
    type: 'datetime',
    ticks: true,
  };
}

/** The nanoseconds within the second (0 … 999,999,900), as BIGINT. */
export function nanosOfSecond(d: Typed): string {
  return d.ticks
    ? `((${epochNanos(d.sql)} % 1000000000 + 1000000000) % 1000000000)`
    : `((${epochMicros(d.sql)} % 1000000 + 1000000) % 1000000) * 1000`;
}

/** The nanoseconds above the microsecond at or before a datetime with ticks (0 … 900), as BIGINT. */
export function nanosBelowMicro(d: Typed): string {
  return `((${epochNanos(d.sql)} % 1000 + 1000) % 1000)`;
}

/**
 * The 7 fraction digits Kusto writes (`…:05.1234567Z`) as SQL text followed by `suffix` (plain
 * text without quotes), and whether the fraction is 0. For a microsecond datetime this is the SQL
 * Loupe always wrote (6 digits and a 0).
 */
export function fractionText(d: Typed, suffix = ''): { digits: string; isZero: string } {
  if (d.ticks) {
    const ns = nanosOfSecond(d);
    const digits = `lpad(CAST(${ns} // ${TICK_NS} AS VARCHAR), 7, '0')`;
    return { digits: suffix ? `${digits} || '${suffix}'` : digits, isZero: `${ns} = 0` };
  }
  const us = `lpad(CAST(((${epochMicros(d.sql)} % 1000000) + 1000000) % 1000000 AS VARCHAR), 6, '0')`;
  return { digits: `${us} || '0${suffix}'`, isZero: `${epochMicros(d.sql)} % 1000000 = 0` };
}
