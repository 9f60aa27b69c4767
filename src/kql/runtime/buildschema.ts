/**
 * `buildschema(d)`: the minimal schema admitting every value of a dynamic column (Kusto docs,
 * buildschema aggregation function). Schema model: a container `{name: Type, …, "`indexer`": Type}`
 * (bags give named properties, arrays the indexer, so a bag and an array at the same place share
 * one container), a primitive type name (`long`, `double`, `string`, `bool`), or a union — an
 * array of types — when a place held several. In a union the container comes first, then the
 * primitives in order of first appearance, as the Kusto engine answers for the docs' example
 * (`"y": [{"w": "string"}, "double"]`). Nulls add nothing; only nulls give null.
 */
import { parseDynamic } from './dynamic.ts';
import { udf } from './udf.ts';

type Json = ReturnType<typeof parseDynamic>;

/** Kusto's key for the element type of an array. */
const INDEXER = '`indexer`';

/** What one place of the values admits so far. */
interface Shape {
  /** Property name → shape (insertion order kept); undefined while no bag or array was seen. */
  container?: Map<string, Shape>;
  primitives: string[];
}

const emptyShape = (): Shape => ({ primitives: [] });

function primitiveName(v: Json): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'double';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

function child(container: Map<string, Shape>, name: string): Shape {
  let s = container.get(name);
  if (!s) {
    s = emptyShape();
    container.set(name, s);
  }
  return s;
}

function admit(shape: Shape, v: Json): void {
  if (v === null) return;
  if (Array.isArray(v)) {
    shape.container ??= new Map();
    const items = child(shape.container, INDEXER);
    for (const e of v) admit(items, e);
    return;
  }
  if (typeof v === 'object') {
    shape.container ??= new Map();
    for (const [k, e] of Object.entries(v)) admit(child(shape.container, k), e);
    return;
  }
  const name = primitiveName(v);
  if (!shape.primitives.includes(name)) shape.primitives.push(name);
}

function render(shape: Shape): Json {
  const types: Json[] = [];
  if (shape.container) {
    const bag: { [k: string]: Json } = {};
    for (const [k, s] of shape.container) {
      // Own data property even for a key named __proto__ (log data can hold any key).
      Object.defineProperty(bag, k, {
        value: render(s),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    types.push(bag);
  }
  types.push(...shape.primitives);
  if (types.length === 0) return null;
  return types.length === 1 ? types[0]! : types;
}

/** `values`: a JSON array of the group's dynamic values (string_agg'd in SQL). Null when none is non-null. */
export function buildSchema(values: string | null): string | null {
  if (values === null) return null;
  const all = parseDynamic(values);
  if (!Array.isArray(all)) return null;
  const shape = emptyShape();
  for (const v of all) admit(shape, v);
  const schema = render(shape);
  return schema === null ? null : JSON.stringify(schema);
}

export const BUILDSCHEMA = udf('kql_buildschema', ['VARCHAR'], 'VARCHAR', buildSchema);
