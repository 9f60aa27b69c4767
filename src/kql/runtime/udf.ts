/**
 * A JavaScript scalar function of Loupe's KQL runtime, declared once: its SQL name, the SQL types
 * of its arguments and result, and its implementation. The same constant is registered on the
 * engine (./index.ts collects every `KqlUdf` a runtime module exports) and called by the
 * translator (`ARR_SLICE.call(x, i, j)`), so a name is never spelled twice and an argument is
 * always cast to what the function receives.
 *
 * Why the casts: DuckDB-WASM 1.32 hands a UDF only VARCHAR, DOUBLE or INTEGER values (BIGINT,
 * BOOLEAN and TIMESTAMP arguments are refused) and a bare NULL has no type, so every argument is
 * `CAST(… AS <declared type>)`. Results: a DOUBLE result comes back as a 32-bit FLOAT (the engine
 * bug in docs/kql.md), so functions returning reals or longs beyond 2^31 return them as VARCHAR
 * text that the caller casts (`realCall`, `longCall`); booleans come back as INTEGER 0/1.
 *
 * Each call costs 1–3 µs a row (docs/kql.md): prefer SQL where SQL can do the work.
 */
import type { ScalarUdf, UdfType } from '../../db/engine.ts';

/** The JavaScript value a UDF receives for an argument of SQL type T (null stays null). */
type JsOf<T extends UdfType> = T extends 'VARCHAR' ? string | null : number | null;
type JsArgs<A extends readonly UdfType[]> = {
  [K in keyof A]: A[K] extends UdfType ? JsOf<A[K]> : never;
};
type SqlArgs<A extends readonly UdfType[]> = { [K in keyof A]: string };

export class KqlUdf<A extends readonly UdfType[] = readonly UdfType[]> implements ScalarUdf {
  constructor(
    readonly name: string,
    /** The declared argument types, in order; `rest` repeats for variadic functions. */
    readonly args: A,
    readonly returns: UdfType,
    readonly fn: (...args: any[]) => unknown,
    readonly rest?: UdfType,
  ) {}

  /** The SQL call, each argument cast to its declared type. */
  call(...sql: [...SqlArgs<A>, ...string[]]): string {
    if (sql.length < this.args.length || (sql.length > this.args.length && !this.rest)) {
      throw new Error(
        `${this.name} takes ${this.args.length}${this.rest ? '+' : ''} arguments, given ${sql.length}`,
      );
    }
    const cast = sql.map((s, i) => `CAST(${s} AS ${this.args[i] ?? this.rest})`);
    return `${this.name}(${cast.join(', ')})`;
  }
}

/** Declares a UDF with fixed arguments; the implementation's parameters must match the declared types. */
export function udf<const A extends readonly UdfType[], R extends UdfType>(
  name: string,
  args: A,
  returns: R,
  fn: (...args: JsArgs<A>) => JsOf<R>,
): KqlUdf<A> {
  return new KqlUdf(name, args, returns, fn);
}

/** Declares a UDF whose last declared type repeats (`array_concat(a, b, …)`). */
export function variadicUdf<
  const A extends readonly UdfType[],
  T extends UdfType,
  R extends UdfType,
>(
  name: string,
  args: A,
  rest: T,
  returns: R,
  fn: (...args: [...JsArgs<A>, ...JsOf<T>[]]) => JsOf<R>,
): KqlUdf<A> {
  return new KqlUdf(name, args, returns, fn, rest);
}

/** A real computed by a UDF that returns it as text (see the module comment). */
export function realCall(sql: string): string {
  return `CAST(${sql} AS DOUBLE)`;
}

/** A long computed by a UDF that returns it as decimal text or an INTEGER. */
export function longCall(sql: string): string {
  return `CAST(${sql} AS BIGINT)`;
}

/** A bool computed by a UDF that returns 1/0. */
export function boolCall(sql: string): string {
  return `CAST(${sql} AS BOOLEAN)`;
}

/** Every KqlUdf among a module's exports (how ./index.ts registers each runtime file's functions). */
export function udfsOf(module: Readonly<Record<string, unknown>>): KqlUdf[] {
  return Object.values(module).filter((v): v is KqlUdf => v instanceof KqlUdf);
}
