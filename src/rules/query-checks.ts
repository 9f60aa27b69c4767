/**
 * Checks of a rule against its translated query, reported as warnings with positions:
 * - every column the rule maps (entities, custom details, `{{placeholders}}`, severity/tactics
 *   columns, dynamic properties) must be an output column: Sentinel's portal refuses the rule
 *   otherwise, and at run time the value would always be empty (sentinel-semantics.md, open
 *   question 5);
 * - a string column compared with a number (`ResultType == 0`): Kusto accepts it and Microsoft's
 *   templates rely on it, but the coercion is undocumented; Loupe compares with the number's text
 *   ("0") and flags the rule (open question 11);
 * - a string that is a hunting template's `{{placeholder}}`, which nothing fills in a rule.
 */
import type { SourcePosition } from '../errors.ts';
import type { Translation } from '../kql/api.ts';
import { lineColumn } from '../kql/errors.ts';
import { parseQuery } from '../kql/syntax/parse-query.ts';
import type { TableSchema } from '../schema/catalog.ts';
import { placeholdersOf } from './placeholders.ts';
import {
  queryPositionInFile,
  type Rule,
  type RuleDiagnostic,
  type ScheduledRule,
  isScheduled,
} from './rule.ts';

function positionFor(rule: Rule, path: string): SourcePosition {
  let p = path;
  for (;;) {
    const pos = rule.positions[p];
    if (pos) return pos;
    if (p === '') return { file: rule.file, line: 1, column: 1 };
    const dot = p.lastIndexOf('.');
    p = dot < 0 ? '' : p.slice(0, dot);
  }
}

/** Columns the rule reads from the query output, with the field naming each. */
function mappedColumns(rule: ScheduledRule): { column: string; path: string; what: string }[] {
  const out: { column: string; path: string; what: string }[] = [];
  rule.entityMappings.forEach((m, i) =>
    m.fieldMappings.forEach((f, j) =>
      out.push({
        column: f.columnName,
        path: `entityMappings.${i}.fieldMappings.${j}.columnName`,
        what: `${m.entityType} ${f.identifier}`,
      }),
    ),
  );
  for (const d of rule.customDetails)
    out.push({
      column: d.columnName,
      path: `customDetails.${d.key}`,
      what: `custom detail ${d.key}`,
    });
  const o = rule.alertDetailsOverride;
  if (o) {
    for (const c of placeholdersOf(o.alertDisplayNameFormat ?? ''))
      out.push({
        column: c,
        path: 'alertDetailsOverride.alertDisplayNameFormat',
        what: 'alertDisplayNameFormat',
      });
    for (const c of placeholdersOf(o.alertDescriptionFormat ?? ''))
      out.push({
        column: c,
        path: 'alertDetailsOverride.alertDescriptionFormat',
        what: 'alertDescriptionFormat',
      });
    if (o.alertSeverityColumnName)
      out.push({
        column: o.alertSeverityColumnName,
        path: 'alertDetailsOverride.alertSeverityColumnName',
        what: 'alertSeverityColumnName',
      });
    if (o.alertTacticsColumnName)
      out.push({
        column: o.alertTacticsColumnName,
        path: 'alertDetailsOverride.alertTacticsColumnName',
        what: 'alertTacticsColumnName',
      });
    o.alertDynamicProperties.forEach((p, i) =>
      out.push({
        column: p.value,
        path: `alertDetailsOverride.alertDynamicProperties.${i}.value`,
        what: `dynamic property ${p.alertProperty}`,
      }),
    );
  }
  return out;
}

export function checkRuleAgainstQuery(
  rule: Rule,
  translation: Translation,
  resolveTable: (name: string) => TableSchema | undefined,
): RuleDiagnostic[] {
  const out: RuleDiagnostic[] = [];
  if (isScheduled(rule)) {
    const outputs = new Set(translation.columns.map((c) => c.name));
    const reported = new Set<string>();
    for (const m of mappedColumns(rule)) {
      if (outputs.has(m.column) || reported.has(`${m.path}|${m.column}`)) continue;
      reported.add(`${m.path}|${m.column}`);
      out.push({
        severity: 'warning',
        code: 'unknown-output-column',
        message: `${m.what} reads column "${m.column}", which the query does not output (Sentinel would refuse the rule; the value is always empty here)`,
        position: positionFor(rule, m.path),
      });
    }
  }
  out.push(...numberComparedWithString(rule, translation, resolveTable));
  out.push(...templatePlaceholders(rule, resolveTable));
  return out;
}

/** A string that is only `{{Name}}`: a placeholder hunting queries and notebooks fill in. */
const TEMPLATE_PLACEHOLDER = /^\{\{\s*[A-Za-z_]\w*\s*\}\}$/;

/**
 * String literals that are a template placeholder (`todatetime('{{StartTimeISO}}')`, as hunting
 * queries filed among the rules read): Sentinel fills them in hunting and notebooks, never in an
 * analytics rule, so the query reads the text itself, silently (todatetime of it is null).
 */
function templatePlaceholders(
  rule: Rule,
  resolveTable: (name: string) => TableSchema | undefined,
): RuleDiagnostic[] {
  const ast = queryTree(rule, resolveTable);
  if (ast === undefined) return [];
  const out: RuleDiagnostic[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (!isNode(n)) return;
    if (
      n['kind'] === 'literal' &&
      n['type'] === 'string' &&
      typeof n['value'] === 'string' &&
      TEMPLATE_PLACEHOLDER.test(n['value'])
    ) {
      const span = n['span'];
      const start = isNode(span) && typeof span['start'] === 'number' ? span['start'] : 0;
      const { line, column } = lineColumn(rule.query, start);
      out.push({
        severity: 'warning',
        code: 'template-placeholder',
        message: `the string '${n['value']}' is a placeholder of a hunting query or notebook template, which Sentinel fills in there but not in analytics rules: it is read as that text (todatetime() of it is null)`,
        position: queryPositionInFile(rule, { line, column }),
      });
    }
    for (const v of Object.values(n)) if (v && typeof v === 'object') walk(v);
  };
  walk(ast);
  return out;
}

type Node = { kind?: unknown; [k: string]: unknown };

/** The query's syntax tree for the checks that walk it; undefined when it does not parse (the translation says why). */
function queryTree(rule: Rule, resolveTable: (name: string) => TableSchema | undefined): unknown {
  try {
    return parseQuery(rule.query, { resolveTable });
  } catch {
    return undefined;
  }
}

function numberComparedWithString(
  rule: Rule,
  translation: Translation,
  resolveTable: (name: string) => TableSchema | undefined,
): RuleDiagnostic[] {
  const stringColumns = new Set<string>();
  for (const t of translation.tables)
    for (const c of resolveTable(t)?.columns ?? [])
      if (c.type === 'string') stringColumns.add(c.name);
  const ast = queryTree(rule, resolveTable);
  if (ast === undefined) return [];
  const out: RuleDiagnostic[] = [];
  const isNumber = (n: unknown): n is Node & { value: number } =>
    isNode(n) && n['kind'] === 'literal' && (n['type'] === 'long' || n['type'] === 'real');
  const isStringColumn = (n: unknown): n is Node & { name: string } =>
    isNode(n) && n['kind'] === 'name' && stringColumns.has(String(n['name']));
  const flag = (column: string, value: unknown, span: unknown): void => {
    const start = isNode(span) && typeof span['start'] === 'number' ? span['start'] : 0;
    const { line, column: col } = lineColumn(rule.query, start);
    out.push({
      severity: 'warning',
      code: 'string-number-comparison',
      message: `${column} is a string column compared with the number ${String(value)}: replayed as a comparison with "${String(value)}", which Microsoft's templates rely on (the coercion is undocumented)`,
      position: queryPositionInFile(rule, { line, column: col }),
    });
  };
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (!isNode(n)) return;
    if (n['kind'] === 'binary' && ['==', '!=', '<>'].includes(String(n['op']))) {
      const [l, r] = [n['left'], n['right']];
      if (isStringColumn(l) && isNumber(r)) flag(l.name, r.value, n['span']);
      else if (isStringColumn(r) && isNumber(l)) flag(r.name, l.value, n['span']);
    }
    if (
      n['kind'] === 'in' &&
      isStringColumn(n['left']) &&
      Array.isArray(n['items']) &&
      (n['items'] as unknown[]).some(isNumber)
    ) {
      flag(
        (n['left'] as { name: string }).name,
        (n['items'] as unknown[])
          .filter(isNumber)
          .map((x) => x.value)
          .join(', '),
        n['span'],
      );
    }
    for (const v of Object.values(n)) if (v && typeof v === 'object') walk(v);
  };
  walk(ast);
  return out;
}

function isNode(n: unknown): n is Node {
  return n !== null && typeof n === 'object' && !Array.isArray(n);
}
