/**
 * `parse [kind=simple|regex|relaxed [flags=…]] Expr with [*] "text" Col[:type] … [*]` and
 * `parse-where` (same, keeping only the rows that parsed). The pattern becomes one RE2 regex
 * (DuckDB's dialect, like Kusto's) anchored at both ends, `*` skipping text:
 * - simple (default): the strings are literal text; a string column captures lazily (`(.*?)`, up
 *   to the first occurrence of what follows; the last element of the pattern takes the rest);
 * - regex: the strings are regex fragments; a string column captures greedily (`(.*)`), as Kusto
 *   does (its documented example takes `resourceName ',' *` up to the last comma); `flags=` are
 *   RE2 flags (i, s, m, U);
 * - long/int columns capture `-?digits`, real columns a decimal number; other types capture like
 *   strings and are converted with the KQL conversion function (todatetime, totimespan, tobool…).
 * A row whose text does not match, or (simple/regex) whose typed capture does not convert, gets
 * `""` in string columns and null in the others (parse) or is dropped (parse-where); relaxed
 * captures typed columns as text and leaves only a column that does not convert null. New
 * columns are added at the end; an existing name is replaced in place.
 */
import { re2Syntax, regexProblem } from '../runtime/regex.ts';
import type { ColumnSchema } from '../../schema/catalog.ts';
import { parseKqlType, type KqlType } from '../../schema/kql-types.ts';
import type { ParsePart, Span } from '../ast.ts';
import { Scope } from '../scope.ts';
import { kindName, listOf } from '../syntax/kusto-language.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import type { Lowerer } from '../syntax/lowerer.ts';
import { escapeRegex, quoteIdent, sqlString } from '../sql.ts';
import { toStringSql } from '../convert.ts';
import { orderCarry, selectList } from './common.ts';
import { defineOperator } from './spec.ts';

const CONVERSIONS: Partial<Record<KqlType, string>> = {
  long: 'tolong',
  int: 'toint',
  real: 'toreal',
  decimal: 'toreal',
  datetime: 'todatetime',
  timespan: 'totimespan',
  bool: 'tobool',
  guid: 'toguid',
  dynamic: 'parse_json',
};

/**
 * A kind=regex fragment in RE2's syntax (src/kql/runtime/regex.ts): Kusto's `\d` is Unicode,
 * `(?<name>…)` is `(?P<name>…)` to RE2, and what RE2 cannot run is refused here.
 */
function kqlFragment(fragment: string, fail: (message: string) => never): string {
  const problem = regexProblem(fragment);
  if (problem !== undefined) fail(problem);
  return re2Syntax(fragment);
}

/**
 * A regex fragment with its groups made non-capturing (`(` → `(?:`), so that the pattern's
 * groups are exactly the parsed columns (Kusto's own examples put `(.*?)` in fragments).
 */
function nonCapturing(fragment: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment[i]!;
    if (c === '\\') {
      out += c + (fragment[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '(' && fragment[i + 1] !== '?') out += '(?:';
    else if (c === '(' && fragment.startsWith('(?P<', i)) {
      // A named group (RE2's spelling, kqlFragment) does not capture either.
      out += '(?:';
      i = fragment.indexOf('>', i);
    } else out += c;
  }
  return out;
}

function patternParts(
  node: Kusto.Language.Syntax.ParseOperator | Kusto.Language.Syntax.ParseWhereOperator,
  l: Lowerer,
): ParsePart[] {
  const parts: ParsePart[] = listOf(node.Patterns).map((n): ParsePart => {
    const span = l.span(n);
    switch (kindName(n)) {
      case 'StarExpression':
        return { kind: 'star', span };
      case 'NameAndTypeDeclaration': {
        const d = n as Kusto.Language.Syntax.NameAndTypeDeclaration;
        return { kind: 'column', name: l.nameOf(d.Name!), type: l.typeText(d.Type!), span };
      }
      case 'NameDeclaration':
        return {
          kind: 'column',
          name: l.nameOf(n as Kusto.Language.Syntax.NameDeclaration),
          type: 'string',
          span,
        };
      default: {
        const e = lowerExpr(n as Kusto.Language.Syntax.Expression, l);
        if (e.kind !== 'literal' || e.type !== 'string')
          throw l.error('syntax', 'expected a parse pattern (strings, column names, *)', span);
        return { kind: 'text', text: String(e.value), span };
      }
    }
  });
  if (parts.length === 0)
    throw l.error('syntax', 'expected a parse pattern (strings, column names, *)', node);
  return parts;
}

export const PARSE = defineOperator({
  kind: 'parse',
  syntax: ['ParseOperator', 'ParseWhereOperator'],
  lower(node: Kusto.Language.Syntax.ParseOperator | Kusto.Language.Syntax.ParseWhereOperator, l) {
    const params = l.parameters(node.Parameters);
    l.rejectOtherParameters(params, ['kind', 'flags'], l.keyword(node));
    const kind = params.get('kind');
    const k = kind ? l.parameterText(kind.value) : 'simple';
    if (k !== 'simple' && k !== 'regex' && k !== 'relaxed')
      throw l.error(
        'syntax',
        `unknown parse kind "${k}" (expected simple, regex or relaxed)`,
        kind!.value,
      );
    const flags = params.get('flags');
    return {
      kind: 'parse',
      where: kindName(node) === 'ParseWhereOperator',
      regex: k === 'regex',
      relaxed: k === 'relaxed',
      ...(flags && { flags: l.parameterText(flags.value) }),
      target: lowerExpr(node.Expression, l),
      parts: patternParts(node, l),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const relaxed = op.relaxed;
    const flags = op.flags ?? '';
    if (flags && !op.regex) throw ctx.error('syntax', 'flags= needs kind=regex', op.span);
    if (!/^[imsU]*$/.test(flags))
      throw ctx.error('unsupported', `regex flags "${flags}" (supported: i, m, s, U)`, op.span);
    const scope = Scope.of(input);
    const target = ctx.expr(op.target, scope);
    const text = toStringSql(target);
    let pattern = '';
    const cols: { name: string; type: KqlType; group: number; span: Span }[] = [];
    op.parts.forEach((part, i) => {
      if (part.kind === 'star') pattern += '.*?';
      else if (part.kind === 'text')
        pattern += op.regex
          ? nonCapturing(
              kqlFragment(part.text, (m) => {
                throw ctx.error('syntax', m, op.span);
              }),
            )
          : escapeRegex(part.text);
      else {
        const type = parseKqlType(part.type);
        if (!type) throw ctx.error('syntax', `unknown column type "${part.type}"`, part.span);
        const last = i === op.parts.length - 1;
        const text = op.regex || last ? '.*' : '.*?';
        const number =
          type === 'long' || type === 'int'
            ? '-?\\d+'
            : type === 'real' || type === 'decimal'
              ? '-?\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?'
              : undefined;
        // relaxed: a number column takes the number when there is one, else the text up to what
        // follows, and a value that does not convert is null without failing the row
        // (parse-operator.md, "Relaxed mode": totalSlices=nonValidLongValue gives a null
        // totalSlices and the other columns).
        const capture =
          number === undefined ? `(${text})` : op.relaxed ? `(${number}|${text})` : `(${number})`;
        pattern += capture;
        cols.push({ name: part.name, type, group: cols.length + 1, span: part.span });
      }
    });
    if (op.parts[op.parts.length - 1]?.kind === 'star') pattern = `${pattern.slice(0, -3)}.*`;
    const re = sqlString(`${flags ? `(?${flags})` : ''}^${pattern}$`);
    // Captures are computed once per row in an inner SELECT (`__loupe_pm` = matched, `__loupe_pN`
    // = group N), converted in a middle one (`__loupe_cN`), and chosen in the outer one.
    const captures = [
      `regexp_matches(${text}, ${re}) AS "__loupe_pm"`,
      ...cols.map((c) => `regexp_extract(${text}, ${re}, ${c.group}) AS "__loupe_p${c.group}"`),
    ];
    const conversions = cols.map((c) => {
      const raw = `"__loupe_p${c.group}"`;
      if (c.type === 'string') return `${raw} AS "__loupe_c${c.group}"`;
      const fn = CONVERSIONS[c.type];
      if (!fn) throw ctx.error('unsupported', `parse into a ${c.type} column`, c.span);
      // Whitespace around a typed value (a greedy capture may end with a newline) is not part of it.
      const trimmed = `trim(${raw}, ' 	
')`;
      const v = ctx.expr(
        {
          kind: 'call',
          name: fn,
          nameSpan: c.span,
          args: [{ kind: 'name', name: '__loupe_capture', span: c.span }],
          span: c.span,
        },
        new Scope([{ name: '__loupe_capture', type: 'string', sql: trimmed }]),
      );
      return `${v.sql} AS "__loupe_c${c.group}"`;
    });
    // Strict kinds: every typed capture must convert.
    const ok = relaxed
      ? '"__loupe_pm"'
      : [
          '"__loupe_pm"',
          ...cols
            .filter((c) => c.type !== 'string')
            .map((c) => `"__loupe_c${c.group}" IS NOT NULL`),
        ].join(' AND ');
    const valueOf = (c: (typeof cols)[number]) =>
      `CASE WHEN ${ok} THEN "__loupe_c${c.group}" ELSE ${c.type === 'string' ? `''` : 'NULL'} END`;
    const out: { name: string; sql: string }[] = [];
    const columns: ColumnSchema[] = [];
    for (const c of input.columns) {
      const p = cols.find((x) => x.name === c.name);
      out.push(
        p ? { name: c.name, sql: valueOf(p) } : { name: c.name, sql: scope.get(c.name)!.sql },
      );
      columns.push(p ? { name: c.name, type: p.type } : c);
    }
    for (const c of cols) {
      if (input.columns.some((x) => x.name === c.name)) continue;
      out.push({ name: c.name, sql: valueOf(c) });
      columns.push({ name: c.name, type: c.type });
    }
    ctx.checkColumns(columns, op.span);
    const where = op.where ? ` WHERE ${ok}` : '';
    const inner = `(SELECT *, ${conversions.join(', ')} FROM (SELECT *, ${captures.join(', ')} FROM ${input.cte}))`;
    const cte = ctx.addCte(
      op.where ? 'parse_where' : 'parse',
      `SELECT ${selectList([...out, ...orderCarry(input)])} FROM ${inner}${where}`,
      op.span,
    );
    return { cte, columns, order: input.order };
  },
});
