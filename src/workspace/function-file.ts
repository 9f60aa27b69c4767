/**
 * Reads a workspace function from the file it is published or exported in:
 *
 * - Azure-Sentinel's `Parsers/*.yaml` of a solution: `FunctionName`, `FunctionAlias`,
 *   `FunctionParams` (`Name`, `Type`, optional `Default`), `FunctionQuery`.
 * - ASIM parsers (`Parsers/ASim<Schema>/Parsers/*.yaml`): `ParserName`, `EquivalentBuiltInParser`
 *   (the `_Im_…`/`_ASim_…` name Sentinel deploys it under), `ParserParams`, `ParserQuery`.
 * - ASIM helper functions (`ASIM/lib/functions/*.yaml`): `FunctionName`,
 *   `EquivalentBuiltInFunction`, `FunctionParams`, `FunctionQuery`.
 * - An ARM template (`.json`) of `Microsoft.OperationalInsights/workspaces/savedSearches` resources,
 *   as the portal and the Azure-Sentinel ARM folders deploy them: `functionAlias`, `query`,
 *   `functionParameters` ("a:string, b:bool=false").
 *
 * The function is callable under each of its names. Its body keeps the line of the file it starts
 * on, so that an error inside it says where (src/kql/workspace-functions.ts).
 */
import type { WorkspaceFunction } from '../kql/api.ts';
import { LoupeError, isLoupeError, type SourcePosition } from '../errors.ts';
import { queryOriginOf } from '../rules/build.ts';
import { positionOf, readYamlSource, type SourceDocument } from '../rules/yaml-source.ts';

type Parameter = WorkspaceFunction['parameters'][number];

/** The names a YAML function file can give its function, in the order Loupe reports them. */
const NAME_FIELDS = [
  'FunctionName',
  'ParserName',
  'FunctionAlias',
  'EquivalentBuiltInParser',
  'EquivalentBuiltInFunction',
] as const;
/** A KQL identifier (Kusto also allows brackets, which no published function name needs). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function fileError(message: string, position: SourcePosition): LoupeError {
  return new LoupeError('workspace', 'function-file', message, position);
}

/** Reads every function of a file (one for YAML, one per savedSearches resource for ARM JSON). */
export function readFunctionFile(text: string, file: string): WorkspaceFunction[] {
  let src: SourceDocument;
  try {
    src = readYamlSource(text, file);
  } catch (e) {
    // The YAML reader speaks of rules; this file is a function's.
    if (isLoupeError(e)) throw new LoupeError('workspace', e.code, e.message, e.position);
    throw e;
  }
  const value = src.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fileError(
      'expected a YAML mapping with FunctionName (or ParserName), FunctionParams and FunctionQuery',
      { file, line: 1, column: 1 },
    );
  }
  const fields = value as Record<string, unknown>;
  if (Array.isArray(fields['resources']))
    return armFunctions(src, fields['resources'] as unknown[]);
  return yamlFunctions(src, fields);
}

function yamlFunctions(src: SourceDocument, fields: Record<string, unknown>): WorkspaceFunction[] {
  const at = (path: string) => positionOf(src, path);
  const names: string[] = [];
  for (const field of NAME_FIELDS) {
    const v = fields[field];
    if (typeof v !== 'string' || v.trim() === '') continue;
    if (!IDENTIFIER.test(v.trim()))
      throw fileError(`${field} "${v}" is not a name KQL can call`, at(field));
    if (!names.includes(v.trim())) names.push(v.trim());
  }
  if (names.length === 0)
    throw fileError(
      'no FunctionName (or ParserName): the function has no name to be called by',
      at(''),
    );
  const queryField =
    typeof fields['FunctionQuery'] === 'string'
      ? 'FunctionQuery'
      : typeof fields['ParserQuery'] === 'string'
        ? 'ParserQuery'
        : undefined;
  if (!queryField || (fields[queryField] as string).trim() === '')
    throw fileError('no FunctionQuery (or ParserQuery): the function has no body', at(''));
  const paramsField = fields['FunctionParams'] !== undefined ? 'FunctionParams' : 'ParserParams';
  const parameters = yamlParameters(src, fields[paramsField], paramsField);
  const body = fields[queryField] as string;
  const line = queryOriginOf(src, queryField).line;
  return names.map((name) => ({ name, parameters, body, source: { file: src.file, line } }));
}

function yamlParameters(src: SourceDocument, list: unknown, path: string): Parameter[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list))
    throw fileError(`${path} must be a list of { Name, Type, Default }`, positionOf(src, path));
  return list.map((p, i) => {
    const where = positionOf(src, `${path}.${i}`);
    if (p === null || typeof p !== 'object')
      throw fileError(`${path} item ${i + 1} must be { Name, Type, Default }`, where);
    const { Name: name, Type: type, Default: def } = p as Record<string, unknown>;
    if (typeof name !== 'string' || !IDENTIFIER.test(name.trim()))
      throw fileError(`${path} item ${i + 1} needs a Name KQL can use`, where);
    if (typeof type !== 'string' || type.trim() === '')
      throw fileError(`the parameter "${name}" needs a Type`, where);
    return {
      name: name.trim(),
      type: type.trim(),
      ...(def !== undefined && def !== null && { default: defaultText(type.trim(), def) }),
    };
  });
}

/**
 * A YAML `Default:` as KQL text. YAML has already unquoted it: `Default: '*'` of a string
 * parameter is the string `*`, which KQL writes `'*'`; other types are KQL expressions as written
 * (`datetime(null)`, `dynamic([])`, `false`, `0`). A string default already quoted for KQL
 * (`Default: "'*'"`) is kept.
 */
function defaultText(type: string, value: unknown): string {
  const text = String(value);
  if (type.toLowerCase() !== 'string') return text;
  if (/^(['"]).*\1$/s.test(text) || /^@(['"]).*\1$/s.test(text)) return text;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `savedSearches` resources of an ARM template that are functions (they have a functionAlias). */
function armFunctions(src: SourceDocument, resources: unknown[]): WorkspaceFunction[] {
  const out: WorkspaceFunction[] = [];
  resources.forEach((r, i) => {
    if (r === null || typeof r !== 'object') return;
    const res = r as Record<string, unknown>;
    const props = (res['properties'] ?? {}) as Record<string, unknown>;
    const type = String(res['type'] ?? '');
    // Resource properties are case-insensitive in ARM: Azure-Sentinel writes FunctionAlias and functionAlias.
    const prop = (k: string) =>
      Object.entries(props).find(([key]) => key.toLowerCase() === k.toLowerCase());
    const alias = prop('functionAlias');
    if (!/savedSearches$/i.test(type) || !alias || typeof alias[1] !== 'string') return;
    const base = `resources.${i}.properties`;
    const query = prop('query');
    if (!query || typeof query[1] !== 'string')
      throw fileError(`the function "${alias[1]}" has no query`, positionOf(src, base));
    const params = prop('functionParameters');
    const parameters =
      typeof params?.[1] === 'string'
        ? armParameters(params[1], positionOf(src, `${base}.${params[0]}`))
        : [];
    // The query is one JSON string: its lines are not the file's, so errors name its first line.
    const line = positionOf(src, `${base}.${query[0]}`).line ?? 1;
    out.push({
      name: alias[1].trim(),
      parameters,
      body: query[1],
      source: { file: src.file, line },
    });
  });
  if (out.length === 0)
    throw fileError(
      'this JSON file holds no savedSearches resource with a functionAlias (a workspace function)',
      { file: src.file, line: 1, column: 1 },
    );
  return out;
}

/** "a:string, T:(x:long), b:bool=false" → parameters (commas inside brackets and quotes are not separators). */
function armParameters(text: string, where: SourcePosition): Parameter[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(\([^)]*\)|[A-Za-z]+)\s*(?:=\s*(.+))?$/s.exec(p);
      if (!m)
        throw fileError(
          `cannot read the function parameter "${p}" (expected name:type or name:type=default)`,
          where,
        );
      return { name: m[1]!, type: m[2]!, ...(m[3] !== undefined && { default: m[3].trim() }) };
    });
}
