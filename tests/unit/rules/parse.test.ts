import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src/errors.ts';
import { detectRuleFormat, parseRuleFile, parseRuleFileAll } from '../../../src/rules/parse.ts';
import { queryPositionInFile } from '../../../src/rules/rule.ts';
import { RuleFileError } from '../../../src/rules/rule-error.ts';
import { ruleWith, yamlRule } from './helpers.ts';

const SHARED = new URL('../../fixtures/rules', import.meta.url).pathname;
const seedText = readFileSync(`${SHARED}/risky-user-silent-signins.yaml`, 'utf8');

function thrown(f: () => unknown): LoupeError {
  try {
    f();
  } catch (e) {
    if (e instanceof LoupeError) return e;
    throw e;
  }
  throw new Error('expected a LoupeError');
}

describe('rule YAML', () => {
  it('reads the seed rule into the model', () => {
    const r = yamlRule(seedText, 'risky-user-silent-signins.yaml');
    expect(r).toMatchObject({
      kind: 'Scheduled',
      id: 'c0d6e8f9-a4b5-7c1d-2e3f-4a5b6c7d8e9f',
      name: 'Non-Interactive Sign-Ins by Identity Protection Risky Users',
      queryFrequency: { ms: 3_600_000, text: '1h' },
      queryPeriod: { ms: 3_600_000, text: '1h' },
      triggerOperator: 'GreaterThan',
      triggerThreshold: 0,
      severity: 'High',
      tactics: ['CredentialAccess', 'Persistence', 'DefenseEvasion'],
      eventGroupingSettings: { aggregationKind: 'SingleAlert' },
      entityMappings: [
        {
          entityType: 'Account',
          fieldMappings: [{ identifier: 'FullName', columnName: 'UserPrincipalName' }],
        },
        { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'IPAddress' }] },
      ],
      customDetails: [
        { key: 'RiskLevel', columnName: 'RiskLevel' },
        { key: 'RiskState', columnName: 'RiskState' },
        { key: 'RiskDetail', columnName: 'RiskDetail' },
        { key: 'SilentSignInCount', columnName: 'SilentCount' },
      ],
      incidentConfiguration: {
        createIncident: true,
        groupingConfiguration: {
          enabled: true,
          lookbackDuration: { ms: 5 * 3_600_000, text: 'PT5H' },
          matchingMethod: 'AnyAlert',
          groupByEntities: ['Account'],
        },
      },
      suppression: { enabled: false },
    });
    expect(r.query.startsWith('let HighRiskUsers =\nAADRiskyUsers\n')).toBe(true);
    expect(r.otherFields).toMatchObject({
      requiredDataConnectors: [{ connectorId: 'AzureActiveDirectory' }],
    });
    expect(r.diagnostics).toEqual([]);
  });

  it('maps a KQL position back to the rule file (query: | block, indented by 2)', () => {
    const r = yamlRule(seedText, 'seed.yaml');
    // KQL line 2 ("AADRiskyUsers") is file line 32, the block's content starting on line 31.
    expect(queryPositionInFile(r, { line: 2, column: 1 })).toEqual({
      file: 'seed.yaml',
      line: 32,
      column: 3,
    });
    expect(seedText.split('\n')[31]).toBe('  AADRiskyUsers');
  });

  it('invalid YAML (PossibleAiTMPhishingAttemptAgainstAAD as published) fails with stage rule, line and column', () => {
    const text = readFileSync(
      `${SHARED}/sentinel/PossibleAiTMPhishingAttemptAgainstAAD.yaml`,
      'utf8',
    );
    const e = thrown(() => parseRuleFile(text, 'PossibleAiTMPhishingAttemptAgainstAAD.yaml'));
    expect(e.stage).toBe('rule');
    expect(e.code).toBe('yaml-syntax');
    expect(e.position).toMatchObject({
      file: 'PossibleAiTMPhishingAttemptAgainstAAD.yaml',
      line: 59,
      column: 3,
    });
    expect(e.message).toMatch(/Implicit keys need to be on a single line/);
  });

  it('reads every other shared Sentinel rule without error', () => {
    for (const f of [
      'AnomalousSingleFactorSignin',
      'MFARejectedbyUser',
      'SigninPasswordSpray',
      'UserAccounts-CABlockedSigninSpikes',
    ]) {
      const r = parseRuleFile(readFileSync(`${SHARED}/sentinel/${f}.yaml`, 'utf8'), `${f}.yaml`);
      expect(r.kind).toBe('Scheduled');
    }
  });

  it('an unreadable duration is an error at its line', () => {
    const e = thrown(() => ruleWith('', 'queryFrequency: hourly\nqueryPeriod: 1h\n'));
    expect(e).toBeInstanceOf(RuleFileError);
    expect(e.message).toMatch(/queryFrequency: "hourly" is not a duration/);
    expect(e.position).toMatchObject({ file: 'rule.yaml', line: 7, column: 17 });
  });

  it('an unknown trigger operator and a non-numeric threshold are errors with lines, all reported', () => {
    const e = thrown(() =>
      ruleWith(
        '',
        'queryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: above\ntriggerThreshold: many\n',
      ),
    ) as RuleFileError;
    expect(
      e.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.position.line]),
    ).toEqual([
      ['trigger-operator', 9],
      ['field-type', 10],
    ]);
  });

  it('accepts the long trigger operator forms of the API', () => {
    expect(
      ruleWith(
        '',
        'queryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: LessThan\ntriggerThreshold: 1\n',
      ).triggerOperator,
    ).toBe('LessThan');
  });

  it('entity mappings without columnName are errors at the mapping', () => {
    const e = thrown(() =>
      ruleWith(
        'entityMappings:\n  - entityType: Account\n    fieldMappings:\n      - identifier: FullName\n',
      ),
    ) as RuleFileError;
    expect(e.message).toMatch(/needs both identifier and columnName/);
    expect(e.position.line).toBe(15);
  });

  it('a missing queryFrequency is an error naming the field', () => {
    expect(() => ruleWith('', 'queryPeriod: 1h\n')).toThrow(/queryFrequency is missing/);
  });

  it('a file with no schedule and no kind is named a hunting query, with one error saying how to run it', () => {
    // As Azure-Sentinel's Detections/SigninLogs/SpikeInFailedSignInAttempts.yaml is published.
    const e = thrown(() => ruleWith('', '')) as RuleFileError;
    const errors = e.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.position.line, d.position.column])).toEqual([
      ['missing-field', 1, 1],
    ]);
    expect(errors[0]!.message).toBe(
      'queryFrequency and queryPeriod are missing, and so is kind: this is a hunting query, not a scheduled analytics rule (to run its query once over all the data, save it as a .kql file)',
    );
    // With a kind, each missing field is its own error, as before.
    const k = thrown(() => ruleWith('kind: Scheduled\n', '')) as RuleFileError;
    expect(k.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'queryFrequency is missing (how often the rule runs, e.g. 1h)',
      'queryPeriod is missing (how far back each run looks, e.g. 1h)',
    ]);
  });

  it('a rule of another kind (Fusion) is refused', () => {
    expect(() => ruleWith('kind: Fusion\n')).toThrow(/"Fusion" rules are not replayed/);
  });

  it('keeps unused fields as they are', () => {
    const r = ruleWith('status: Available\ntags:\n  - Demo\n');
    expect(r.otherFields).toEqual({ status: 'Available', tags: ['Demo'] });
  });

  it('a missing incidentConfiguration means one incident per alert (grouping off)', () => {
    expect(ruleWith().incidentConfiguration).toMatchObject({
      createIncident: true,
      groupingConfiguration: { enabled: false },
    });
  });
});

describe('Sentinel limits are warnings with lines', () => {
  it('frequency and period outside 5 minutes to 14 days, and period < frequency', () => {
    const r = ruleWith(
      '',
      'queryFrequency: 1m\nqueryPeriod: 15d\ntriggerOperator: gt\ntriggerThreshold: 0\n',
    );
    expect(r.diagnostics.map((d) => [d.code, d.position.line])).toEqual(
      expect.arrayContaining([
        ['limit-frequency', 7],
        ['limit-period', 8],
        ['limit-long-period', 7],
      ]),
    );
    expect(
      ruleWith('', 'queryFrequency: 2h\nqueryPeriod: 1h\n').diagnostics.map((d) => d.code),
    ).toContain('limit-period-frequency');
  });

  it('at most 3 placeholders in the name override', () => {
    const r = ruleWith(
      'alertDetailsOverride:\n  alertDisplayNameFormat: "{{A}} {{B}} {{C}} {{D}}"\n',
    );
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.position.line])).toEqual([
      ['limit-placeholders', 'warning', 13],
    ]);
  });

  it('unknown entity types and identifiers, and too many identifiers', () => {
    const r = ruleWith(
      'entityMappings:\n  - entityType: User\n    fieldMappings:\n      - identifier: Name\n        columnName: A\n  - entityType: Account\n    fieldMappings:\n      - identifier: Upn\n        columnName: A\n',
    );
    expect(r.diagnostics.map((d) => [d.code, d.position.line])).toEqual([
      ['unknown-entity-type', 13],
      ['unknown-identifier', 19],
      ['missing-strong-identifier', 17],
    ]);
  });

  it('more than 20 custom details', () => {
    const details = Array.from({ length: 21 }, (_, i) => `  K${i}: C${i}\n`).join('');
    expect(ruleWith(`customDetails:\n${details}`).diagnostics.map((d) => d.code)).toEqual([
      'limit-custom-details',
    ]);
  });

  it("MFARejectedbyUser (4 Account identifiers, over Sentinel's 3) is flagged but still readable", () => {
    const r = parseRuleFile(
      readFileSync(`${SHARED}/sentinel/MFARejectedbyUser.yaml`, 'utf8'),
      'MFARejectedbyUser.yaml',
    );
    expect(r.diagnostics.map((d) => d.code)).toEqual(['limit-identifiers']);
  });
});

describe('bare KQL', () => {
  it('a .kql file is a KQL-only rule with its query at line 1', () => {
    const r = parseRuleFile('SigninLogs\n| where ResultType == 0\n', 'q.kql');
    expect(r).toMatchObject({
      kind: 'KQL',
      name: 'q',
      query: 'SigninLogs\n| where ResultType == 0\n',
    });
  });

  it('pasted text is KQL unless it looks like YAML', () => {
    expect(detectRuleFormat('let x = 1;\nSigninLogs | take 1', 'pasted')).toBe('kql');
    expect(detectRuleFormat('// comment\nSigninLogs', 'pasted')).toBe('kql');
    expect(detectRuleFormat('id: 1\nquery: T', 'pasted')).toBe('yaml');
    expect(detectRuleFormat('{"resources": []}', 'pasted')).toBe('arm');
  });

  it('an empty KQL file is refused', () => {
    expect(() => parseRuleFile('  \n', 'q.kql')).toThrow(/no KQL query/);
  });
});

describe('ARM template JSON (portal export)', () => {
  const arm = JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { workspace: { type: 'String' } },
      resources: [
        {
          id: "[concat(resourceId('Microsoft.OperationalInsights/workspaces/providers', parameters('workspace'), 'Microsoft.SecurityInsights'),'/alertRules/6b9f2a4e-1c1d-4b5e-9a51-0c2a3b6f9d11')]",
          name: "[concat(parameters('workspace'),'/Microsoft.SecurityInsights/6b9f2a4e-1c1d-4b5e-9a51-0c2a3b6f9d11')]",
          type: 'Microsoft.OperationalInsights/workspaces/providers/alertRules',
          kind: 'Scheduled',
          apiVersion: '2023-12-01-preview',
          properties: {
            displayName: 'Exported rule',
            description: 'From the portal',
            severity: 'Low',
            enabled: true,
            query: 'SigninLogs\n| where ResultType == 0',
            queryFrequency: 'PT1H',
            queryPeriod: 'PT2H',
            triggerOperator: 'GreaterThan',
            triggerThreshold: 0,
            suppressionDuration: 'PT5H',
            suppressionEnabled: false,
            tactics: ['InitialAccess'],
            techniques: ['T1078'],
            eventGroupingSettings: { aggregationKind: 'AlertPerResult' },
            incidentConfiguration: {
              createIncident: true,
              groupingConfiguration: {
                enabled: false,
                reopenClosedIncident: false,
                lookbackDuration: 'PT5H',
                matchingMethod: 'AllEntities',
                groupByEntities: [],
                groupByAlertDetails: [],
                groupByCustomDetails: [],
              },
            },
          },
        },
        {
          name: "[concat(parameters('workspace'),'/Microsoft.SecurityInsights/second')]",
          type: 'Microsoft.OperationalInsights/workspaces/providers/alertRules',
          kind: 'NRT',
          properties: {
            displayName: 'Second',
            severity: 'High',
            query: 'AuditLogs',
            triggerOperator: 'GreaterThan',
            triggerThreshold: 0,
          },
        },
      ],
    },
    null,
    2,
  );

  it('reads every alertRules resource, kind from the resource, id from the resource name', () => {
    const rules = parseRuleFileAll(arm, 'export.json');
    expect(rules.map((r) => [r.kind, r.id, r.name, r.format])).toEqual([
      ['Scheduled', '6b9f2a4e-1c1d-4b5e-9a51-0c2a3b6f9d11', 'Exported rule', 'arm'],
      [
        'NRT',
        "[concat(parameters('workspace'),'/Microsoft.SecurityInsights/second')]",
        'Second',
        'arm',
      ],
    ]);
    const [first, second] = rules;
    expect(first).toMatchObject({
      queryPeriod: { ms: 7_200_000, text: 'PT2H' },
      relevantTechniques: ['T1078'],
      eventGroupingSettings: { aggregationKind: 'AlertPerResult' },
      enabled: true,
    });
    // NRT: every minute over the last minute.
    expect(second).toMatchObject({ queryFrequency: { ms: 60_000 }, queryPeriod: { ms: 60_000 } });
  });

  it('positions point into the JSON file', () => {
    const bad = arm.replace('"PT2H"', '"two hours"');
    const e = thrown(() => parseRuleFileAll(bad, 'export.json'));
    expect(e.position.line).toBe(arm.split('\n').findIndex((l) => l.includes('"queryPeriod"')) + 1);
  });

  it('a JSON file without alert rules is refused', () => {
    expect(() =>
      parseRuleFile('{"resources": [{"type": "Microsoft.Storage/storageAccounts"}]}', 'x.json'),
    ).toThrow(/no Microsoft.SecurityInsights\/alertRules/);
  });
});
