/**
 * A name for pasted rule text, so the session reads it as what it is: Sentinel rule YAML (keys such
 * as `query:` at the start of a line), an ARM template (JSON), or a bare KQL query.
 */
export function pastedRuleFileName(text: string): string {
  const t = text.trimStart();
  if (t.startsWith('{')) return 'pasted-rule.json';
  if (/^(id|name|kind|query|queryFrequency|severity)\s*:/m.test(text)) return 'pasted-rule.yaml';
  return 'pasted-query.kql';
}
