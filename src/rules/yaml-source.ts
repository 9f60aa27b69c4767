/**
 * Reads a YAML (or JSON, which YAML 1.2 contains) document with the `yaml` package and records
 * where every value sits, so that rule diagnostics can name a line and column. Paths are dotted
 * keys and indices: `entityMappings.0.fieldMappings.1.columnName`.
 */
import {
  LineCounter,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node,
  type Scalar,
} from 'yaml';
import { LoupeError, type SourcePosition } from '../errors.ts';
import { nameMap } from './values.ts';

export interface SourceDocument {
  /** The document as plain JavaScript values. */
  readonly value: unknown;
  /** Position of the value at each path (for a key with no value: the key's position). */
  readonly positions: Readonly<Record<string, SourcePosition>>;
  /** Position of the key at each path of a mapping entry. */
  readonly keyPositions: Readonly<Record<string, SourcePosition>>;
  /** Scalar style of string values by path (block scalars need it to map query positions). */
  readonly scalarTypes: Readonly<Record<string, Scalar.Type | undefined>>;
  readonly lineCounter: LineCounter;
  readonly text: string;
  readonly file: string;
}

export function joinPath(base: string, key: string | number): string {
  return base === '' ? String(key) : `${base}.${key}`;
}

/** How many values YAML aliases (`*name`) may expand to in all: a rule needs none; a "billion laughs" file needs billions. */
export const MAX_ALIAS_EXPANSIONS = 100;

/**
 * Parses the text; syntax errors become a LoupeError (stage 'rule') at the first error's place, and
 * so do the two shapes a crafted rule file can take against the parser itself: aliases that expand
 * exponentially (the yaml package refuses them past MAX_ALIAS_EXPANSIONS) and nesting too deep for
 * its recursive composer.
 */
export function readYamlSource(text: string, file: string): SourceDocument {
  try {
    return readYaml(text, file);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new LoupeError(
        'rule',
        'yaml-too-deep',
        'the YAML is nested too deeply to read (thousands of levels): a rule file nests a few levels',
        { file, line: 1, column: 1 },
      );
    }
    throw e;
  }
}

function readYaml(text: string, file: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
  const positionAt = (offset: number, length?: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return length === undefined ? { file, line, column: col } : { file, line, column: col, length };
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    // The yaml package reports its own stack overflow on deep nesting as a parse error.
    if (/Maximum call stack size exceeded/.test(first.message)) throw new RangeError(first.message);
    const more =
      doc.errors.length > 1
        ? ` (and ${doc.errors.length - 1} more YAML error${doc.errors.length > 2 ? 's' : ''})`
        : '';
    throw new LoupeError(
      'rule',
      'yaml-syntax',
      `invalid YAML: ${first.message.split('\n')[0]}${more}`,
      positionAt(first.pos[0], Math.max(1, first.pos[1] - first.pos[0])),
    );
  }
  // Keyed by paths made of the file's own keys: no prototype, so a key `__proto__` is a path.
  const positions = nameMap<SourcePosition>();
  const keyPositions = nameMap<SourcePosition>();
  const scalarTypes = nameMap<Scalar.Type | undefined>();
  const nodePosition = (node: Node): SourcePosition | undefined =>
    node.range ? positionAt(node.range[0], Math.max(1, node.range[1] - node.range[0])) : undefined;

  const walk = (node: Node | null | undefined, path: string): void => {
    if (!node) return;
    const pos = nodePosition(node);
    if (pos) positions[path] = pos;
    if (isScalar(node)) {
      scalarTypes[path] = node.type;
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const childPath = joinPath(path, key);
        const keyPos =
          isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key)
            ? nodePosition(pair.key as Node)
            : undefined;
        if (keyPos) {
          keyPositions[childPath] = keyPos;
          positions[childPath] = keyPos;
        }
        walk(pair.value as Node | null, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, joinPath(path, i)));
    }
  };
  walk(doc.contents as Node | null, '');
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (e) {
    // The yaml package's guard ("Excessive alias count indicates a resource exhaustion attack").
    if (!(e instanceof ReferenceError)) throw e;
    let alias: Node | undefined;
    visit(doc, { Alias: (_, node) => ((alias = node), visit.BREAK) });
    throw new LoupeError(
      'rule',
      'yaml-aliases',
      `the YAML's aliases (*name) expand to more than ${MAX_ALIAS_EXPANSIONS} values: a crafted file ("billion laughs") that would fill memory; a rule file needs no aliases`,
      (alias && nodePosition(alias)) ?? { file, line: 1, column: 1 },
    );
  }
  return { value, positions, keyPositions, scalarTypes, lineCounter, text, file };
}

/** The closest recorded position for a path: the path itself, else its nearest ancestor. */
export function positionOf(src: SourceDocument, path: string): SourcePosition {
  let p = path;
  for (;;) {
    const pos = src.positions[p];
    if (pos) return pos;
    if (p === '') return { file: src.file, line: 1, column: 1 };
    const dot = p.lastIndexOf('.');
    p = dot < 0 ? '' : p.slice(0, dot);
  }
}
