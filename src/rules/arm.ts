/**
 * ARM templates exported from the Sentinel portal: `resources[]` entries of type
 * `Microsoft.OperationalInsights/workspaces/providers/alertRules` (or
 * `Microsoft.SecurityInsights/alertRules`), one or many per file, each with the rule in `properties`
 * and its `kind` on the resource. Template expressions (`[concat(...)]`) are kept as text.
 */
import type { BuildOptions } from './build.ts';
import type { SourceDocument } from './yaml-source.ts';

export interface ArmRuleRef extends BuildOptions {
  /** Path of the resource's `properties` in the document. */
  readonly basePath: string;
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export function armRuleProperties(src: SourceDocument): ArmRuleRef[] {
  const root = src.value as { resources?: unknown };
  if (!root || typeof root !== 'object' || !Array.isArray(root.resources)) return [];
  const out: ArmRuleRef[] = [];
  root.resources.forEach((res: unknown, i: number) => {
    if (!res || typeof res !== 'object') return;
    const r = res as Record<string, unknown>;
    const type = typeof r['type'] === 'string' ? r['type'] : '';
    if (!/\/alertRules$/i.test(type) || !r['properties'] || typeof r['properties'] !== 'object')
      return;
    const name = typeof r['name'] === 'string' ? r['name'] : `resource ${i}`;
    const props = r['properties'] as Record<string, unknown>;
    // The rule's GUID sits at the end of the resource name (often inside a concat expression);
    // a template-based rule also names its template.
    const guid =
      GUID.exec(name)?.[0] ??
      (typeof props['alertRuleTemplateName'] === 'string'
        ? props['alertRuleTemplateName']
        : undefined);
    out.push({
      basePath: `resources.${i}.properties`,
      fallbackId: guid ?? name,
      kind: r['kind'] ?? 'Scheduled',
      kindPath: r['kind'] !== undefined ? `resources.${i}.kind` : `resources.${i}`,
    });
  });
  return out;
}
