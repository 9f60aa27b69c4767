/**
 * Where to get a function a rule calls that is not loaded, said from its name.
 *
 * ASIM parsers follow a naming scheme (aka.ms/AboutASIM; Azure-Sentinel `Parsers/ASim<Schema>/`):
 * the unifying parser of a schema is deployed in every Sentinel workspace as `_Im_<Schema>` (and
 * `_ASim_<Schema>`), and published as `im<Schema>.yaml` / `ASim<Schema>.yaml`, with one source
 * parser per product (`vim<Schema><Source>`, `ASim<Schema><Source>`, `_Im_<Schema>_<Source>`), all
 * in `Parsers/ASim<Schema>/Parsers/` of the Azure-Sentinel repository. ASIM's helper functions
 * (`_ASIM_…`) are in `ASIM/lib/functions/`. The schemas are those Sentinel's own KQL validation
 * knows (Azure-Sentinel `.script/tests/KqlvalidationsTests/FunctionSchemasLoaders/ParsersDatabase.cs`,
 * MIT, read 2026-12) plus AgentEvent, whose folder is published beside them.
 */

export const ASIM_SCHEMAS = [
  'AgentEvent',
  'AlertEvent',
  'AssetEntity',
  'AuditEvent',
  'Authentication',
  'DhcpEvent',
  'Dns',
  'FileEvent',
  'NetworkSession',
  'ProcessEvent',
  'RegistryEvent',
  'UserManagement',
  'WebSession',
] as const;

export type AsimSchema = (typeof ASIM_SCHEMAS)[number];

const REPOSITORY = 'https://github.com/Azure/Azure-Sentinel';

/** Prefixes of ASIM parser names, longest first so that `_Im_` is not read as `im`. */
const ASIM_PREFIXES = ['_ASim_', '_Im_', 'ASim', 'vim', 'im'];

/** The ASIM schema a parser name belongs to (`_Im_WebSession`, `vimDnsMicrosoftNXLog`), if any. */
export function asimSchemaOf(name: string): AsimSchema | undefined {
  for (const prefix of ASIM_PREFIXES) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    // Longest schema first: `NetworkSession` before a shorter schema it might start with.
    const schema = [...ASIM_SCHEMAS]
      .sort((a, b) => b.length - a.length)
      .find((s) => rest.startsWith(s));
    if (schema) return schema;
  }
  return undefined;
}

/**
 * Whether a name is that of an ASIM parser or helper function, which a Sentinel workspace always
 * has: a query naming one without parentheses (Kusto's call of a function whose parameters all
 * have defaults) reads a function the analyst loads, not a table to export.
 */
export function isAsimFunctionName(name: string): boolean {
  return asimSchemaOf(name) !== undefined || /^_?ASIM_/i.test(name);
}

/** What the analyst is told about a function that is not loaded: what it is and where it is published. */
export function whereToGetFunction(name: string): string {
  if (name === '_GetWatchlist')
    return "Sentinel's watchlist function: load the watchlist as a CSV file with its alias";
  const schema = asimSchemaOf(name);
  if (schema) {
    return `an ASIM parser of the ${schema} schema: load the YAML files of Parsers/ASim${schema}/Parsers/ in ${REPOSITORY} (the unifying parser im${schema}.yaml and the source parsers it calls)`;
  }
  if (/^_?ASIM_/i.test(name))
    return `an ASIM helper function: load its YAML file from ASIM/lib/functions/ in ${REPOSITORY}`;
  return `a function saved in the Sentinel workspace: load its YAML (FunctionName, FunctionParams, FunctionQuery), e.g. from the Parsers/ folder of the solution that publishes it in ${REPOSITORY}, or the workspace's ARM export`;
}
