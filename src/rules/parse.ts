/**
 * Reads a rule file: Sentinel rule YAML (Azure-Sentinel template form), an ARM template exported
 * from the portal (`Microsoft.SecurityInsights/alertRules` resources), or bare KQL.
 * Every diagnostic carries the file, line and column of the field it concerns.
 */
import { LoupeError, type SourcePosition } from '../errors.ts';
import type { KqlOnlyRule, QueryOrigin, Rule, RuleDiagnostic } from './rule.ts';
import { readYamlSource, type SourceDocument } from './yaml-source.ts';
import { buildScheduledRule, queryOriginOf } from './build.ts';
import { armRuleProperties } from './arm.ts';
import { validateRule } from './validate.ts';
import { RuleFileError } from './rule-error.ts';

export type RuleFileFormat = 'yaml' | 'arm' | 'kql';

/**
 * The format of a rule file from its name, else its content: `.kql`/`.csl`/`.txt` are KQL,
 * `.yaml`/`.yml` YAML, `.json` an ARM template. Pasted text (no known extension) is YAML when its
 * first meaningful line is a `key:` entry or a `{`, else KQL (KQL never starts with `name:`).
 */
export function detectRuleFormat(text: string, fileName: string): RuleFileFormat {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'kql' || ext === 'csl' || ext === 'txt') return 'kql';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  if (ext === 'json') return 'arm';
  const first = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#') && !l.startsWith('//'));
  if (first === undefined) return 'kql';
  if (first.startsWith('{')) return 'arm';
  if (first === '---' || /^[A-Za-z_][\w-]*\s*:(\s|$)/.test(first)) return 'yaml';
  return 'kql';
}

/** Reads the (first) rule of a file. Throws LoupeError (stage 'rule') with a position. */
export function parseRuleFile(text: string, fileName: string): Rule {
  return parseRuleFileAll(text, fileName)[0]!;
}

/** Reads every rule of a file (an ARM template may hold several). */
export function parseRuleFileAll(text: string, fileName: string): Rule[] {
  const format = detectRuleFormat(text, fileName);
  if (format === 'kql') return [kqlOnlyRule(text, fileName)];
  const src = readYamlSource(text, fileName);
  if (format === 'arm' || isArmTemplate(src.value)) {
    const found = armRuleProperties(src);
    if (found.length === 0) {
      throw new LoupeError(
        'rule',
        'arm-no-rules',
        'this JSON file holds no Microsoft.SecurityInsights/alertRules resource',
        { file: fileName, line: 1, column: 1 },
      );
    }
    return found.map((r) => finish(buildScheduledRule(src, r.basePath, 'arm', r)));
  }
  if (src.value === null || typeof src.value !== 'object' || Array.isArray(src.value)) {
    throw new LoupeError(
      'rule',
      'not-a-rule',
      'expected a YAML mapping with the rule fields (id, name, query, queryFrequency, …)',
      {
        file: fileName,
        line: 1,
        column: 1,
      },
    );
  }
  return [finish(buildScheduledRule(src, '', 'yaml', { fallbackId: idFromFileName(fileName) }))];
}

function isArmTemplate(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as Record<string, unknown>)['resources'])
  );
}

/** Adds the limit warnings, then throws when the rule has errors. */
function finish(result: { rule: Rule | undefined; diagnostics: RuleDiagnostic[] }): Rule {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.rule) throw new RuleFileError(result.diagnostics);
  const warnings = validateRule(result.rule);
  return { ...result.rule, diagnostics: [...result.diagnostics, ...warnings] };
}

function idFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '') || 'rule';
}

function kqlOnlyRule(text: string, fileName: string): KqlOnlyRule {
  const origin: QueryOrigin = { line: 1, column: 1, indent: 0 };
  const query = text.replace(/^\uFEFF/, '');
  if (query.trim() === '') {
    throw new LoupeError('rule', 'empty-query', 'the file holds no KQL query', {
      file: fileName,
      line: 1,
      column: 1,
    });
  }
  const name = idFromFileName(fileName);
  const pos: SourcePosition = { file: fileName, line: 1, column: 1 };
  return {
    kind: 'KQL',
    id: name,
    name,
    description: '',
    query,
    format: 'kql',
    file: fileName,
    queryOrigin: origin,
    diagnostics: [],
    positions: { query: pos },
  };
}

export { queryOriginOf };
export type { SourceDocument };
